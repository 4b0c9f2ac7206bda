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

/** Faithful claims warned about, and changed claims (expected mismatches) not flagged. */
function score(outcomes: FactOutcome[]): { falseAlarms: string[]; changed: number; caught: number } {
  const changed = outcomes.filter((o) => o.expectation.verdict === 'mismatch');
  const faithful = outcomes.filter((o) => o.expectation.verdict !== 'mismatch');
  return {
    falseAlarms: faithful.filter((o) => o.finding?.severity === 'warning').map((o) => `line ${o.expectation.line} {{${o.expectation.text}}}: ${o.finding!.message}`),
    changed: changed.length,
    caught: changed.filter((o) => o.finding && ['figure-mismatch', 'date-mismatch'].includes(o.finding.code)).length,
  };
}

async function run(name: string, store: MemoryIndex): Promise<void> {
  const { outcomes, unexpected } = await checkFactExpectations(readFileSync(path.join(DIR, name), 'utf8'), store);
  const s = score(outcomes);
  console.log(`${name}: ${outcomes.length} claims, ${s.caught} of ${s.changed} changed ones flagged, ${s.falseAlarms.length} warnings on faithful ones`);
  for (const o of outcomes) for (const p of o.problems) console.log(`  ${p}`);
  assert.deepEqual(s.falseAlarms, [], 'a faithful paraphrase raised a warning');
  assert.ok(s.caught / s.changed >= 0.9, `only ${s.caught} of ${s.changed} changed figures and dates flagged`);
  assert.deepEqual([...outcomes.flatMap((o) => o.problems), ...unexpected], []);
}

test('paraphrases of the seeds: faithful ones pass, changed ones are flagged', async () => {
  await run('seeds.md', (await seedSources()).index);
});

test('paraphrases of BBC articles, over the whole BBC corpus', { skip: corpusAvailable() ? false : `no corpus at ${BBC}` }, async () => {
  const index = new MemoryIndex();
  for (const a of loadBbc()!.articles) index.add(parseSource(a.id, `corpus:${a.id}`, a.text));
  index.trim();
  await run('bbc.md', index);
});
