// The embedded index through its public behaviour: what a check finds after sources are
// added, removed (with compaction), restored from a snapshot, and in a very long source.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft } from '../../server/src/core/check/draft';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { decodeSnapshot } from '../../server/src/core/index/snapshot';
import { parseSource } from '../../server/src/core/source/source';
import { articleIndex } from '../support/snapshots';

const article = (i: number) =>
  `Story ${i}\n\nThe council met on Tuesday. “Harbour number ${i} will reopen for ferries once the ${i} cranes are repaired,” the mayor said.\n`;

async function verdictOf(index: MemoryIndex, quote: string): Promise<string | undefined> {
  const r = await checkDraft({ text: `She said “${quote}”.`, format: 'markdown' }, index);
  return r.claims[0]?.verdict;
}

test('a quote deep inside a source of thousands of sentences is found and located', async () => {
  const filler = Array.from({ length: 5000 }, (_, i) => `Line ${i} says nothing of note about item ${i}.`).join(' ');
  const text = `Long record\n\n${filler} “Harbour number seven will reopen for ferries,” the mayor said. ${filler}`;
  const index = new MemoryIndex();
  index.add(parseSource('long.txt', 'file:///long.txt', text));
  const r = await checkDraft({ text: 'She said “Harbour number seven will reopen for ferries”.', format: 'markdown' }, index);
  assert.equal(r.claims[0].verdict, 'verified');
  const loc = r.claims[0].best!.location;
  assert.equal(text.slice(loc.start, loc.end), 'Harbour number seven will reopen for ferries');
});

test('removed sources are forgotten, and compaction keeps the others findable', async () => {
  const index = new MemoryIndex();
  for (let i = 0; i < 200; i++) index.add(parseSource(`s${i}.txt`, `file:///s${i}.txt`, article(i)));
  for (let i = 0; i < 180; i++) index.remove(`s${i}.txt`);
  assert.equal(index.size, 20);
  assert.equal(await verdictOf(index, 'Harbour number 190 will reopen for ferries once the 190 cranes are repaired'), 'verified');
  assert.equal(await verdictOf(index, 'Harbour number 10 will reopen for ferries once the 10 cranes are repaired'), 'misquote');
  // Replacing a source replaces its words.
  index.add(parseSource('s190.txt', 'file:///s190.txt', 'Story\n\n“Everything changed,” the mayor said.\n'));
  assert.notEqual(await verdictOf(index, 'Harbour number 190 will reopen for ferries once the 190 cranes are repaired'), 'verified');
});

test('a snapshot restores an index that gives the same verdicts', async () => {
  const index = new MemoryIndex();
  for (let i = 0; i < 50; i++) index.add(parseSource(`s${i}.txt`, `file:///s${i}.txt`, article(i)));
  index.remove('s3.txt');
  const texts = new Map(index.all().map((d) => [d.id, d.text]));
  const bytes = index.snapshot(() => undefined, 'test');
  const decoded = decodeSnapshot(bytes, 'test', (fields) => ({ load: () => texts.get(String(fields.id)), prose: (t) => t }));
  assert.ok(!('problem' in decoded));
  const restored = MemoryIndex.restore(decoded as Exclude<typeof decoded, { problem: string }>);
  assert.equal(restored.size, 49);
  for (const q of ['Harbour number 42 will reopen for ferries once the 42 cranes are repaired', 'Harbour number 3 will reopen for ferries once the 3 cranes are repaired']) {
    assert.equal(await verdictOf(restored, q), await verdictOf(index, q));
  }
  assert.ok('problem' in decodeSnapshot(bytes, 'another version', () => ({ load: () => undefined, prose: (t) => t })));
});

test('a quote over several sentences, the first holding a single word of it, is verified whole', async () => {
  // From three words on, a sentence holding one of them is no candidate (minKeysHeld): the
  // passage of its neighbour must still take it in, or the quote reads as words added.
  const quote = "So, no, we're not declining. We're here. I don't have to win this tournament to prove anything";
  const index = new MemoryIndex();
  index.add(parseSource('open.txt', 'file:///open.txt', `Open\n\nShe was asked about retiring. “${quote},” she said. She plays again on Monday.\n`));
  for (let i = 0; i < 20; i++) index.add(parseSource(`o${i}.txt`, `file:///o${i}.txt`, `Other ${i}\n\nPlayers win a tournament ${i} to prove themselves.\n`));
  const r = await checkDraft({ text: `She said: “${quote}.”`, format: 'markdown' }, index);
  assert.equal(r.claims[0].verdict, 'verified');
  assert.equal(r.claims[0].best!.location.source.id, 'open.txt');
});

test('a snapshot keeps the alias table, and a source added after the restore brings its abbreviations in', async () => {
  const index = new MemoryIndex();
  for (let i = 0; i < 3; i++) index.add(parseSource(`a${i}.txt`, `file:///a${i}.txt`, `Ferries ${i}\n\nThe Harbour Ferry Authority (HFA) said ${i} boats sail.\n`));
  const texts = new Map(index.all().map((d) => [d.id, d.text]));
  const decoded = decodeSnapshot(index.snapshot(() => undefined, 'test'), 'test', (fields) => ({ load: () => texts.get(String(fields.id)), prose: (t) => t }));
  assert.ok(!('problem' in decoded));
  assert.deepEqual(decoded.aliases.get('hfa'), (await index.aliases()).get('hfa'));
  const restored = MemoryIndex.restore(decoded);
  assert.deepEqual([...(await restored.aliases())], [...(await index.aliases())]);
  restored.add(parseSource('b.txt', 'file:///b.txt', 'Rail\n\nThe Northern Rail Union (NRU) said trains run.\n'));
  assert.ok((await restored.aliases()).has('nru'));
});

test('a snapshot keeps the speakers a check had attributed: restored, they are the same, and only new ones are unsaved', async () => {
  const { index, restore } = articleIndex(20, article);
  const quote = 'Harbour number 7 will reopen for ferries once the 7 cranes are repaired';
  const verdict = await verdictOf(index, quote);
  const attributed = index.get('s7.txt')!.speakers;
  assert.equal(attributed.quotations[0]?.speaker?.name, 'the mayor');
  const restored = restore(index);
  assert.equal(restored.unsaved().speakers, 0);
  assert.equal(await verdictOf(restored, quote), verdict);
  assert.equal(restored.unsaved().speakers, 0, 's7 was attributed before the snapshot');
  // JSON drops properties that are undefined; nothing else differs.
  assert.deepEqual(restored.get('s7.txt')!.speakers, JSON.parse(JSON.stringify(attributed)));
  await verdictOf(restored, 'Harbour number 9 will reopen for ferries once the 9 cranes are repaired');
  assert.equal(restored.unsaved().speakers, 1);
  assert.ok(restore(restored).get('s9.txt')!.speakers.quotations.length > 0);
  assert.equal(restore(restored).unsaved().speakers, 0);
});
