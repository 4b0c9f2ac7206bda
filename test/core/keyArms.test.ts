// keyArms (core/match/ranking.ts) tells the archive which sentences to read for a quote: a
// sentence it leaves out is a candidate passage lost, and the archive's verdict would then
// differ from the embedded index's. Over random quotes (key weights) and sentences (the keys
// they hold), every candidate (a sentence holding enough of the keys, within the floor of the
// best candidate) holds all the keys of some arm, whatever lower bound on the best the probe
// found.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupWindows, keyArms, keyWeight, minKeysHeld, scoreOf, SENTENCE_FLOOR } from '../../server/src/core/match/ranking';

/** A quote's looked-up keys as lookupKeys gives them (rarest first, so weights never rise), and sentences as key masks. */
const quotes = fc
  .array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 16 })
  .chain((dfs) => {
    const weights = dfs.sort((a, b) => a - b).map((df) => keyWeight(20_000_000, df));
    const n = weights.length;
    return fc.record({
      weights: fc.constant(weights),
      sentences: fc.array(fc.integer({ min: 1, max: 2 ** n - 1 }), { minLength: 1, maxLength: 40 }),
      // How good the probe's lower bound is: 0 (no probe) up to the true best.
      boundShare: fc.double({ min: 0, max: 1, noNaN: true }),
    });
  });

const holds = (mask: number, arm: number[]) => arm.every((k) => mask & (1 << k));
const held = (mask: number) => mask.toString(2).replace(/0/g, '').length;

test('every candidate sentence holds the keys of some arm', () => {
  fc.assert(
    fc.property(quotes, ({ weights, sentences, boundShare }) => {
      const candidates = sentences.filter((m) => held(m) >= minKeysHeld(weights.length));
      const best = Math.max(0, ...candidates.map((m) => scoreOf(m, weights)));
      const arms = keyArms(weights, Math.floor(best * boundShare));
      for (const mask of candidates) {
        if (scoreOf(mask, weights) < best * SENTENCE_FLOOR) continue;
        assert.ok(
          arms.some((arm) => holds(mask, arm)),
          `a sentence holding keys ${mask.toString(2)} scores ${scoreOf(mask, weights)} of best ${best} yet matches no arm of ${JSON.stringify(arms)}`,
        );
      }
    }),
    { numRuns: 3000 },
  );
});

test('once the best is known, a common word that cannot reach the floor is not read at all', () => {
  // A two-word quote: a name in 100 sentences of a million and a word in 50,000. With the
  // sentence holding both found, the common word alone cannot reach a quarter of its score.
  const weights = [100, 50_000].map((df) => keyWeight(1_000_000, df));
  assert.deepEqual(keyArms(weights, weights[0] + weights[1]), [[0]]);
  assert.deepEqual(keyArms(weights, 0), [[0], [1]], 'without a bound, each key of a two-word quote is read on its own');
  assert.deepEqual(keyArms([...weights, weights[1]], 0), [[0, 1], [0, 2], [1, 2]], 'and each pair of a longer one');
});

test('from three keys on, a sentence holding one of them is no candidate, however rare the key', () => {
  const weights = [10, 100, 1_000].map((df) => keyWeight(1_000_000, df));
  const hit = (sentence: number, mask: number) => ({ source: 0, sentence, mask, score: scoreOf(mask, weights) });
  // The rarest word alone outweighs the two others together: without the rule it would set the floor and be the best window.
  const { windows } = groupWindows([hit(0, 0b001), hit(10, 0b110)], weights);
  assert.deepEqual(windows.map((w) => [w.first, w.mask]), [[10, 0b110]]);
  assert.deepEqual(groupWindows([hit(0, 0b01)], weights.slice(0, 2)).windows.map((w) => w.first), [0], 'a two-word quote: one word is enough');
});
