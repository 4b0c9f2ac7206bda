// Every scanner and regular expression over text finishes on adversarial input: long
// runs of the characters each one treats specially, at a million characters, where a
// quadratic scan takes minutes and a linear one milliseconds. The timeout is a guard,
// not a measurement; the figures are in RELIABILITY.md (scripts/scanner-worst-case.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotes } from '../../server/src/core/text/quotes';
import { splitSentences } from '../../server/src/core/text/sentences';

const N = 1_000_000;
const BOUND = { timeout: 60_000 };

test('findQuotes: a million nested opening marks, then their closing marks', BOUND, () => {
  const n = N / 2;
  const text = '\u201C'.repeat(n) + 'hello world' + '\u201D'.repeat(n);
  const quotes = findQuotes(text);
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0].outerStart, 0);
  assert.equal(quotes[0].outerEnd, text.length);
});

test('findQuotes: deep unclosed marks followed by apostrophes and closers that match nothing', BOUND, () => {
  const n = N / 4;
  const text = '\u00AB'.repeat(n) + ' a\u2019 b\u201D c\u203A'.repeat(n / 4);
  const quotes = findQuotes(text);
  // Nothing closes the guillemet run: it stays one unclosed quote to the end of the paragraph.
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0].outerEnd, text.length);
});

test('findQuotes: a million straight double quotes', BOUND, () => {
  const quotes = findQuotes('"'.repeat(N));
  assert.deepEqual(quotes, []);
});

test('splitSentences: a million dots, and runs of dots and closing marks', BOUND, () => {
  assert.deepEqual(splitSentences('.'.repeat(N)), [{ start: 0, end: N }]);
  const text = 'It ended.' + '.\u201D'.repeat(N / 4) + 'x. Then another.';
  const spans = splitSentences(text);
  assert.deepEqual(spans, [
    { start: 0, end: text.indexOf('x. Then') + 2 },
    { start: text.indexOf('Then'), end: text.length },
  ]);
});
