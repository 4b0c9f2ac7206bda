// Source facts in the embedded index, through the SourceStore interface every store
// implements: found after a source is added, forgotten when it is removed or replaced
// (also once the postings are rebuilt), and the same after a snapshot is restored, with the frames checks made.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft } from '../../server/src/core/check/draft';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { parseSource } from '../../server/src/core/source/source';
import { factKeys, MAX_FACTS_PER_KEY, pairKey } from '../../server/src/core/facts/keys';
import { nameKey } from '../../server/src/core/facts/context';
import { restoreFrame, type FactFrame } from '../../server/src/core/facts/frame';
import { crowdedArticle, placeName } from '../support/factCorpus';
import { HARVEST_DRAFTS, harvestCorpus } from '../support/commonFacts';
import { articleIndex } from '../support/snapshots';

const PORTS = ['Oslo', 'Lima', 'Quito', 'Dakar', 'Hanoi', 'Tunis', 'Accra', 'Riga', 'Sofia', 'Minsk'];
const article = (i: number) => `Port report ${i}\n\nThe port authority of ${PORTS[i % 10]} said ${i + 1000} ferries sailed on time at the harbour.\n`;
const sourcesOf = async (index: MemoryIndex, n: number) => (await index.facts([`v:count:${n}`])).map((f) => f.source.id);

test('facts of removed and replaced sources are forgotten, also after the postings are rebuilt', async () => {
  const index = new MemoryIndex();
  for (let i = 0; i < 1000; i++) index.add(parseSource(`s${i}.txt`, `file:///s${i}.txt`, article(i)));
  assert.deepEqual(await sourcesOf(index, 1007), ['s7.txt']);
  for (let i = 0; i < 990; i++) index.remove(`s${i}.txt`);
  assert.deepEqual(await sourcesOf(index, 1007), []);
  assert.deepEqual(await sourcesOf(index, 1995), ['s995.txt']);
  index.add(parseSource('s995.txt', 'file:///s995.txt', 'Port report\n\nThe port authority said 12 ferries sailed on time at the harbour.\n'));
  assert.deepEqual(await sourcesOf(index, 1995), []);
  assert.deepEqual(await sourcesOf(index, 12), ['s995.txt']);
  // Nine sources with a headline number and a figure, and the replacement with its figure only.
  assert.equal((await index.allFacts()).length, 19);
});

test('a restored snapshot gives the same figure verdicts', async () => {
  const { index, restore } = articleIndex(30, article);
  const restored = restore(index);
  const verdictOf = async (store: MemoryIndex, draft: string) => (await checkDraft({ text: draft, format: 'text' }, store)).claims.find((c) => c.kind === 'figure')?.verdict;
  assert.equal((await restored.allFacts()).length, (await index.allFacts()).length);
  for (const draft of ['The port authority of Quito said 1012 ferries sailed on time at the harbour.', 'The port authority of Riga said 1012 ferries sailed on time at the harbour.']) {
    assert.equal(await verdictOf(restored, draft), await verdictOf(index, draft));
  }
  // Quito's authority gave 1002, 1012 and 1022 in three sources: they disagree. Riga's gave 1007, 1017 and 1027,
  // never 1012: a count reported three ways is one that moves, so no source says what the draft's should be.
  assert.equal(await verdictOf(restored, 'The port authority of Quito said 1012 ferries sailed on time at the harbour.'), 'disputed');
  assert.equal(await verdictOf(restored, 'The port authority of Riga said 1012 ferries sailed on time at the harbour.'), 'unsourced');
  // Saved again from the restored index (its facts still encoded): the same facts come back.
  const twice = restore(restored);
  assert.deepEqual(await sourcesOf(twice, 1012), ['s12.txt']);
  assert.equal(await verdictOf(twice, 'The port authority of Riga said 1012 ferries sailed on time at the harbour.'), 'unsourced');
  // A restored source removed, and one added: the facts follow.
  restored.remove('s12.txt');
  restored.add(parseSource('new.txt', 'file:///new.txt', article(12)));
  assert.deepEqual(await sourcesOf(restored, 1012), ['new.txt']);
});

test('a key that more than MAX_FACTS_PER_KEY facts share is no evidence: looked up, it answers nothing; rarer keys still do', async () => {
  const index = new MemoryIndex();
  // 2,020 facts about ferries, each under its own port's name.
  for (let i = 0; i < 101; i++) index.add(parseSource(`s${i}.txt`, `file:///s${i}.txt`, crowdedArticle(i)));
  const all = await index.allFacts();
  assert.ok(all.length > MAX_FACTS_PER_KEY);
  const held = new Map<string, number>();
  for (const sf of all) for (const k of factKeys(sf.fact)) held.set(k, (held.get(k) ?? 0) + 1);
  const shared = [...held].filter(([, n]) => n > MAX_FACTS_PER_KEY).map(([k]) => k);
  assert.ok(shared.length > 0, `some key is held by more than ${MAX_FACTS_PER_KEY} facts`);
  assert.deepEqual(await index.facts(shared), []);
  // The port's own name still finds its figure, and a draft restating it is verified.
  const verdict = async (draft: string) => (await checkDraft({ text: draft, format: 'text' }, index)).claims.find((c) => c.kind === 'figure')?.verdict;
  assert.equal(await verdict(`The harbour master of Port ${placeName(2017)} said 3017 ferries docked there.`), 'verified');
  // Once sources go and the key is held by fewer facts, it is evidence again.
  for (let i = 0; i < 5; i++) index.remove(`s${i}.txt`);
  assert.ok((await index.facts(shared)).length > 0);
});

test('a figure whose only links to its source are common keys is found through a pair of them', async () => {
  // Every key of these figures is on over MAX_FACTS_PER_KEY facts; Wexshire and barley meet once.
  const index = new MemoryIndex();
  for (const [name, text] of harvestCorpus()) index.add(parseSource(name, `file:///${name}`, text));
  for (const { text, verdict } of HARVEST_DRAFTS) {
    const claim = (await checkDraft({ text, format: 'text' }, index)).claims.find((c) => c.kind === 'figure');
    assert.equal(claim?.verdict, verdict, text);
    assert.equal(claim?.best?.location.source.id, 't.txt', text);
  }
  // A pair as common as its keys is no evidence either.
  assert.deepEqual(await index.facts([pairKey('n:' + nameKey('Wexshire'), 'w:sold')]), []);
});

test('a snapshot keeps the source facts\' frames checks made: restored, they equal frames made afresh, and a re-read source has none', async () => {
  const { index, texts, restore } = articleIndex(30, article);
  const draft = 'The port authority of Quito said 1012 ferries sailed on time at the harbour. The port authority of Riga said 1017 ferries sailed on time at the harbour.';
  const claimsOf = async (store: MemoryIndex) => JSON.stringify((await checkDraft({ text: draft, format: 'text' }, store)).claims.filter((c) => c.kind === 'figure'));
  const expected = await claimsOf(index);
  const made = index.unsaved().frames;
  assert.ok(made > 0);
  const restored = restore(index);
  assert.equal(await claimsOf(restored), expected);
  assert.equal(restored.unsaved().frames, 0, 'every frame the check compares comes from the snapshot');
  // Field by field (the stems read from the sentence when asked), against frames made from freshly unpacked facts.
  const fresh = new MemoryIndex();
  for (const doc of index.all()) fresh.add(parseSource(doc.id, doc.uri, texts.get(doc.id)!));
  const plain = (f: FactFrame | undefined) => f && { ...f, classWords: [...f.classWords], sentenceStems: [...f.sentenceStems()] };
  const keys = ['v:count:1012', 'v:count:1017', 'v:count:1002'];
  const [kept, afresh] = await Promise.all([restored.facts(keys), fresh.facts(keys)]);
  assert.ok(kept.length >= 3);
  kept.forEach((sf, i) => assert.deepEqual(plain(sf.frame), plain(afresh[i].frame)));
  // Saved again from the restored index, which framed nothing: the frames are still there.
  assert.equal(await claimsOf(restore(restored)), expected);
  // A source re-read since (another text) is framed afresh, and only it.
  const again = restore(restored);
  texts.set('s12.txt', article(12).replace('1012', '1013'));
  again.add(parseSource('s12.txt', 'file:///s12.txt', texts.get('s12.txt')!));
  await claimsOf(again);
  assert.ok(again.unsaved().frames > 0 && again.unsaved().frames < made);
});

test('a stored frame that is not one is refused (the fact is framed afresh)', () => {
  const sentence = () => 'Shares rose 5% in London.';
  for (const bad of [null, 'frame', [], Array(17).fill(0), [[], [], 1, 0, null, [], [], [['~rise', 'rise']], [], 'sideways', null, null, [], [], null, null, []]]) {
    assert.equal(restoreFrame(bad, sentence), undefined);
  }
});
