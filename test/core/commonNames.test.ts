// A name the corpus holds everywhere (the US in a year of BBC news, Trump in 2016 politics) says nothing of which fact
// a figure is: it ties no two counts of the same noun, whatever else the sentences share.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft } from '../../server/src/core/check/draft';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { parseSource } from '../../server/src/core/source/source';

const CROPS = ['wheat', 'maize', 'barley', 'soybeans', 'rice', 'cotton', 'sorghum', 'oats'];

/** Forty reports that each give a US figure: enough for "US" to be on too many of the corpus's facts to tell them apart. */
function corpus(): MemoryIndex {
  const index = new MemoryIndex();
  for (let i = 0; i < 40; i++) {
    const text = `Harvest note ${i}\n\n${i + 1} March 2026\n\nUS exports of ${CROPS[i % CROPS.length]} reached ${1000 + i * 7} tonnes in week ${i + 1}, the agriculture department said.\n`;
    index.add(parseSource(`harvest${i}.txt`, `file:///harvest${i}.txt`, text));
  }
  index.add(parseSource('freed.txt', 'file:///freed.txt', 'Britons freed\n\n12 March 2026\n\nThe four Britons freed from US custody in Guantanamo Bay are expected to be allowed a visit by one relative.\n'));
  return index;
}

test('the US and a place in common do not make two counts of Britons one fact', async () => {
  const draft = 'The ruling by the US Supreme Court gave legal protection to two Britons held at Guantanamo Bay.\n';
  const { claims, findings } = await checkDraft({ text: draft, format: 'text' }, corpus());
  const britons = claims.find((c) => c.text === 'two Britons');
  assert.ok(britons, 'the count is read');
  assert.deepEqual(findings.filter((f) => f.severity === 'warning').map((f) => `${f.code}: ${f.message}`), []);
});
