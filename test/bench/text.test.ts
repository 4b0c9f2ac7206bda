import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quotedSpans, quotesBalanced, splitSentences } from '../../bench/text';

test('splitSentences keeps quotations and abbreviations whole', () => {
  const p = 'Mr. Smith went to the U.S. on Friday. "It was fine. Really," he said. Prices rose 2.5%! Will they fall? Nobody knows.';
  assert.deepEqual(splitSentences(p), [
    'Mr. Smith went to the U.S. on Friday.',
    '"It was fine. Really," he said.',
    'Prices rose 2.5%!',
    'Will they fall?',
    'Nobody knows.',
  ]);
  assert.deepEqual(splitSentences('He said: “We won.” Then he left.'), ['He said: “We won.”', 'Then he left.']);
});

test('quotedSpans and quotesBalanced', () => {
  assert.deepEqual(quotedSpans('a "bc d" e «fg» “h”').map((s) => s.text), ['bc d', 'fg', 'h']);
  assert.equal(quotesBalanced('"a" “b” «c»'), true);
  assert.equal(quotesBalanced('"a'), false);
  assert.equal(quotesBalanced('“a'), false);
});
