// Figures and dates restated in a reporter's own words (test/fixtures/paraphrase): synonyms
// (climbed, backed, began), demonyms (Welsh), word order, rounding. Faithful paraphrases must
// raise no warning; changed ones (a digit, the neighbouring row's figure, the wrong region,
// another day) must be flagged as mismatches. seeds.md runs over the seeds; bbc.md over the
// whole BBC corpus, read from ../shared/corpus at test time and skipped when it is absent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { parseSource } from '../../server/src/core/source/source';
import { loadBbc } from '../../bench/corpora';
import { checkFactExpectations, FactOutcome } from '../support/factExpectations';
import { REPO, seedSources } from '../support/seeds';
import { BBC, corpusAvailable } from '../support/factCorpus';

const DIR = path.join(REPO, 'test', 'fixtures', 'paraphrase');

/**
 * Faithful claims warned about, changed claims (expected mismatches) passed as verified, and
 * how many changed claims were flagged as mismatches.
 */
function score(outcomes: FactOutcome[]): { falseAlarms: string[]; falseVerified: string[]; known: string[]; changed: number; caught: number } {
  const changed = outcomes.filter((o) => o.expectation.verdict === 'mismatch');
  const where = (o: FactOutcome) => `line ${o.expectation.line} {{${o.expectation.text}}}`;
  const falseAlarm = (o: FactOutcome) => o.expectation.verdict !== 'mismatch' && o.finding?.severity === 'warning';
  const falseVerified = (o: FactOutcome) => o.expectation.verdict === 'mismatch' && (o.claim?.verdict === 'verified' || o.claim?.verdict === 'rounded');
  // A claim marked known{{…}} that the engine now gets right is reported too: its mark must go.
  const known = outcomes.filter((o) => o.expectation.known);
  return {
    falseAlarms: outcomes.filter((o) => !o.expectation.known && falseAlarm(o)).map((o) => `${where(o)}: ${o.finding!.message}`),
    falseVerified: outcomes.filter((o) => !o.expectation.known && falseVerified(o)).map(where),
    known: known.map((o) => `${where(o)}: ${falseAlarm(o) || falseVerified(o) ? 'still fails' : 'now passes: remove its known mark'} (${o.expectation.known})`),
    changed: changed.length,
    caught: changed.filter((o) => o.finding && ['figure-mismatch', 'date-mismatch'].includes(o.finding.code)).length,
  };
}

const scores = new Map<string, ReturnType<typeof score>>();

/**
 * The precision half of the target, asserted: no warning on a faithful paraphrase, no changed
 * figure passed as verified, and every mismatch flagged cites the source the fixture names.
 * Each claim's expectation is printed with what the engine did (misses included).
 */
async function run(name: string, store: MemoryIndex): Promise<void> {
  const { outcomes } = await checkFactExpectations(readFileSync(path.join(DIR, name), 'utf8'), store);
  const s = score(outcomes);
  scores.set(name, s);
  console.log(`${name}: ${outcomes.length} claims, ${s.caught} of ${s.changed} changed ones flagged, ${s.falseAlarms.length} warnings on faithful ones`);
  for (const o of outcomes) for (const p of o.problems) console.log(`  ${p}`);
  for (const k of s.known) console.log(`  known engine failure, ${k}`);
  assert.deepEqual(s.known.filter((k) => k.includes('now passes')), [], 'a known engine failure is fixed: remove its mark');
  assert.deepEqual(s.falseAlarms, [], 'a faithful paraphrase raised a warning');
  assert.deepEqual(s.falseVerified, [], 'a changed figure or date passed as verified');
  const wrongSource = outcomes.filter((o) => o.claim?.best && o.expectation.source && !o.claim.best.location.source.id.startsWith(o.expectation.source));
  assert.deepEqual(wrongSource.map((o) => o.problems.join('; ')), [], 'a finding cites another source than the one paraphrased');
}

const bbcSkip = corpusAvailable() ? false : `no corpus at ${BBC}`;

test('paraphrases of the seeds: no faithful one warned about, no changed one verified', async () => {
  await run('seeds.md', (await seedSources()).index);
});

test('paraphrases of BBC articles, over the whole BBC corpus: no faithful one warned about, no changed one verified', { skip: bbcSkip }, async () => {
  const index = new MemoryIndex();
  for (const a of loadBbc()!.articles) index.add(parseSource(a.id, `corpus:${a.id}`, a.text));
  index.trim();
  await run('bbc.md', index);
});

// The recall half of the target (issue 14: nine in ten changed figures and dates flagged) is not
// met yet: the engine contradicts only when a source states the same owner and measure, and most
// misses name someone in another part ("The OECD now expects growth in the US …": the forecaster,
// not the owner; "backed joining Russia"), name no one on either side ("Voting in the four regions
// …"), give a period on one side only ("In March 2004, the Tate …"), or are a day's trading.
// Reported as a todo until it is.
test('nine in ten changed paraphrases are flagged as mismatches', { todo: 'recall on paraphrases is below the target (BENCHMARKS.md)' }, () => {
  const all = [...scores.values()];
  const caught = all.reduce((n, s) => n + s.caught, 0);
  const changed = all.reduce((n, s) => n + s.changed, 0);
  console.log(`changed paraphrases flagged: ${caught} of ${changed}`);
  assert.ok(changed > 0 && caught / changed >= 0.9, `${caught} of ${changed}`);
});
