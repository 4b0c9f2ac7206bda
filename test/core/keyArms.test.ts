// keyArms (core/match/ranking.ts) tells the archive which sentences to read for a quote: a
// sentence it leaves out is a candidate passage lost, and the archive's verdict would then
// differ from the embedded index's. Over random quotes (key weights) and sentences (the keys
// they hold), every sentence within the floor of the best holds all the keys of some arm,
// whatever lower bound on the best the probe found.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keyArms, keyWeight, scoreOf, SENTENCE_FLOOR } from '../../server/src/core/match/ranking';

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

test('every sentence within the floor of the best holds the keys of some arm', () => {
  fc.assert(
    fc.property(quotes, ({ weights, sentences, boundShare }) => {
      const best = Math.max(...sentences.map((m) => scoreOf(m, weights)));
      const arms = keyArms(weights, Math.floor(best * boundShare));
      for (const mask of sentences) {
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

test('a common word is read only beside a rarer one once the best is known', () => {
  // A quote of a rare name, a rarer word and a word in one sentence of twenty: with the exact
  // sentence found, the common word alone cannot reach a quarter of it.
  const weights = [500, 300, 100].map((df) => keyWeight(1_000_000, df)).concat(keyWeight(1_000_000, 50_000));
  const best = weights.reduce((a, b) => a + b, 0);
  const arms = keyArms(weights, best);
  assert.ok(!arms.some((arm) => arm.length === 1 && arm[0] === 3), `the common word is an arm on its own: ${JSON.stringify(arms)}`);
  assert.deepEqual(keyArms(weights, 0), [[0], [1], [2], [3]], 'without a bound, every key is read on its own');
});
