// The hover card's layout rules that hold whatever the corpus: a long source sentence is
// cut around the marked words (which stay marked), and a closest passage sharing a word
// or two with an unsourced quote is not shown.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { excerpt } from '../../server/src/core/report/hover';
import { closeEnough } from '../../server/src/core/check/findings';
import type { SourceMatch } from '../../server/src/core/check/findings';

test('a long sentence is cut around its marked words, which stay marked', () => {
  const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
  const sentence = words.join(' ');
  const start = sentence.indexOf('w150');
  const end = start + 'w150 w151'.length;
  const e = excerpt(sentence, [{ start, end }], 120);
  assert.ok(e.text.length <= 122, `bounded: ${e.text.length}`);
  assert.equal(e.text.slice(e.marks[0].start, e.marks[0].end), 'w150 w151');
  assert.match(e.text, /^…/);
  assert.match(e.text, /…$/);
  // A short sentence is left alone.
  assert.deepEqual(excerpt('short one', [{ start: 0, end: 5 }]), { text: 'short one', marks: [{ start: 0, end: 5 }] });
});

test('a closest passage sharing one word of nine is not close', () => {
  const m = (matched: number, contentMatched: number, contentTotal: number) => ({ matched, total: 9, contentMatched, contentTotal }) as SourceMatch;
  assert.equal(closeEnough(m(1, 1, 6)), false);
  assert.equal(closeEnough(m(4, 2, 6)), false);
  assert.equal(closeEnough(m(6, 4, 6)), true);
});
