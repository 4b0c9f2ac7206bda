// Every scanner and regular expression over text finishes on adversarial input: long
// runs of the characters each one treats specially, at a million characters, where a
// quadratic scan takes minutes and a linear one milliseconds. The timeout is a guard,
// not a measurement; the figures are in RELIABILITY.md (scripts/scanner-worst-case.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotes } from '../../server/src/core/text/quotes';

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
