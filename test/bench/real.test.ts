// The real-text benchmark's own logic, on made-up data (it needs no corpus): the halves,
// the draft pick, duplicate bodies, label parsing and scoring.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyKey, halfOf, itemsOf, pickDrafts } from '../../bench/real';
import { itemKey, parseLabels, scoreItems, LABEL_COLUMNS, type Item } from '../../bench/realLabels';
import { checkDraft } from '../../server/src/core/check/draft';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { parseSource } from '../../server/src/core/source/source';

const HEADER = LABEL_COLUMNS.join('\t');

test('articles fall in one half by their id, about evenly, and the pick is the same every run', () => {
  const articles = Array.from({ length: 400 }, (_, i) => ({ id: `a${i}.txt`, text: 'x'.repeat(900) }));
  const held = articles.filter((a) => halfOf('bbc', a.id) === 'held').length;
  assert.ok(held > 150 && held < 250, `${held} of 400 held out`);
  assert.equal(halfOf('bbc', 'a1.txt'), halfOf('bbc', 'a1.txt'));
  const dev = pickDrafts('bbc', articles, 'dev', 10);
  assert.equal(dev.length, 10);
  assert.ok(dev.every((a) => halfOf('bbc', a.id) === 'dev'));
  assert.deepEqual(pickDrafts('bbc', [...articles].reverse(), 'dev', 10), dev);
  // Short articles state too little to be drafts.
  assert.deepEqual(pickDrafts('bbc', [{ id: 'short.txt', text: 'A headline.' }], 'dev', 10).concat(pickDrafts('bbc', [{ id: 'short.txt', text: 'A headline.' }], 'held', 10)), []);
});

test('a wire repeat with other spacing has the same body', () => {
  assert.equal(bodyKey('Shares rose\n\n 5 pct  today.'), bodyKey('Shares rose 5 pct today.'));
  assert.notEqual(bodyKey('Shares rose 5 pct today.'), bodyKey('Shares rose 6 pct today.'));
});

test('labels parse, name a bad line, and score the items they match', () => {
  const item = (code: string, start: number): Item => ({ half: 'dev', corpus: 'bbc', draft: 'd.txt', start, end: start + 3, code, source: 's.txt', sourceStart: 7, message: '', draftText: '', sourceText: '' });
  const items = [item('figure-mismatch', 10), item('figure-mismatch', 20), item('verified-figure', 30)];
  const labels = parseLabels(`${HEADER}\ndev\tbbc\td.txt\t10\t13\tfigure-mismatch\ts.txt\t7\twrong\tanother poll\ndev\tbbc\td.txt\t30\t33\tverified-figure\ts.txt\t7\tright\tsame fact\n`);
  assert.equal(labels.get(itemKey(items[0]))?.verdict, 'wrong');
  assert.deepEqual(
    scoreItems(items, labels).map((r) => [r.code, r.count, r.judged, r.right]),
    [
      ['figure-mismatch', 2, 1, 0],
      ['verified-figure', 1, 1, 1],
    ],
  );
  assert.throws(() => parseLabels(`${HEADER}\ndev\tbbc\td.txt\tten\t13\tfigure-mismatch\ts.txt\t7\twrong\tx\n`, 'real.tsv'), /real\.tsv:2:/);
  assert.throws(() => parseLabels('corpus\tdraft\n'), /first line must name the columns/);
});

test('a draft checked against sources yields its warnings and verifications as items', async () => {
  const index = new MemoryIndex();
  index.add(parseSource('s.txt', 'file:///s.txt', 'Harbour report\n\nThe port authority of Quito said 1012 ferries sailed on time at the harbour last year.\n'));
  const draft = { id: 'd.txt', text: 'The port authority of Quito said 1012 ferries sailed on time at the harbour last year.\n' };
  const result = await checkDraft({ text: draft.text, format: 'text' }, index);
  const items = itemsOf('bbc', draft, result.claims, result.findings);
  assert.deepEqual(
    items.map((i) => [i.code, i.source, draft.text.slice(i.start, i.end)]),
    [['verified-figure', 's.txt', '1012 ferries']],
  );
});
