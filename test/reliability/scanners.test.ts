// Every scanner and regular expression over text finishes on adversarial input: long
// runs of the characters each one treats specially, at a million characters, where a
// quadratic scan takes minutes and a linear one milliseconds. The timeout is a guard,
// not a measurement; the figures are in RELIABILITY.md (scripts/scanner-worst-case.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotes } from '../../server/src/core/text/quotes';
import { MAX_SENTENCE_CHARS, splitSentences } from '../../server/src/core/text/sentences';
import { htmlToText, maskMarkdown } from '../../server/src/core/text/markup';
import { parseSource } from '../../server/src/core/source/source';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { checkDraft } from '../../server/src/core/check/draft';

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
  // Nothing closes the guillemet run: it stays one unclosed quote, cut (uncertain) at the first stray double mark.
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0].outerEnd, text.indexOf('\u201D'));
  assert.equal(quotes[0].uncertain, true);
});

test('findQuotes: a million straight double quotes', BOUND, () => {
  const quotes = findQuotes('"'.repeat(N));
  assert.deepEqual(quotes, []);
});

test('splitSentences: a million dots, and runs of dots and closing marks', BOUND, () => {
  const dots = splitSentences('.'.repeat(N));
  assert.equal(dots.length, N / MAX_SENTENCE_CHARS);
  assert.equal(dots[dots.length - 1].end, N);
  const text = 'It ended.' + '.\u201D'.repeat(N / 4) + 'x. Then another.';
  const spans = splitSentences(text);
  assert.deepEqual(spans.slice(-2).map((s) => s.end), [text.indexOf('x. Then') + 2, text.length]);
  assert.equal(spans[spans.length - 1].start, text.indexOf('Then'));
});

test('maskMarkdown: a million characters of unclosed link targets keep their text', BOUND, () => {
  const text = '['.repeat(10) + '](x'.repeat(N / 3) + ' [text](https://example.org/a) after';
  const masked = maskMarkdown(text);
  assert.equal(masked.length, text.length);
  // The run that never closes is left as it is; the real link target after it is hidden.
  assert.equal(masked.slice(0, 1000), text.slice(0, 1000));
  assert.ok(masked.endsWith('[text]' + ' '.repeat('(https://example.org/a)'.length) + ' after'), masked.slice(-40));
});

test('maskMarkdown: backtick runs of every length, none closed', BOUND, () => {
  let text = '';
  for (let k = 1; text.length < N; k++) text += '`'.repeat(k) + 'x';
  text += '\n\n`code` and “a quote”';
  const masked = maskMarkdown(text);
  assert.equal(masked.slice(0, -30), text.slice(0, -30));
  assert.ok(masked.endsWith('       and “a quote”'), masked.slice(-30));
});

test('htmlToText: a million characters of unclosed <script> and <style> tags', BOUND, () => {
  const html = '<p>Before.</p>' + '<script><style>'.repeat(N / 15) + '<p>“After.”</p>';
  const text = htmlToText(html);
  assert.equal(text.length, html.length);
  assert.match(text, /Before\./);
  assert.match(text, /“After\.”/);
});

test('splitSentences: text with no sentence boundary is cut into bounded spans at spaces', BOUND, () => {
  const text = 'word '.repeat(N / 5) + 'x\uD83D\uDE00'.repeat(3000);
  const spans = splitSentences(text);
  assert.ok(spans.length > 1);
  for (const [i, s] of spans.entries()) {
    assert.ok(s.end - s.start <= MAX_SENTENCE_CHARS, `span ${i} has ${s.end - s.start} characters`);
    assert.ok(!/[\uDC00-\uDFFF]/.test(text[s.start]), `span ${i} starts inside a surrogate pair`);
    if (i > 0) assert.match(text.slice(spans[i - 1].end, s.start), /^\s*$/, 'nothing but spaces is left between spans');
  }
  assert.equal(spans[0].start, 0);
  assert.equal(spans[spans.length - 1].end, text.length);
});

test('checkDraft: a runaway quote of 30,000 words against a long source leaves the other quotes checked', BOUND, async () => {
  const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `w${(i * 7919 + seed) % 5000}`).join(' ');
  const source = parseSource('long.txt', 'file:///long.txt', words(200_000, 1));
  const store = new MemoryIndex();
  store.add(source);
  const exact = source.text.slice(source.text.indexOf('w', 500_000), source.text.indexOf(' ', 500_300));
  const draft = `He said “${exact}.”\n\nThen “${words(30_000, 1)}`;
  const result = await checkDraft({ text: draft, format: 'text' }, store);
  assert.equal(result.claims.length, 2);
  assert.equal(result.claims[0].verdict, 'verified');
});

test('parseSource: a 10 MB source that is one line with no sentence end is read in bounded time, with its sentences', BOUND, () => {
  const text = Array.from({ length: 1_700_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
  const doc = parseSource('big.txt', 'file:///big.txt', text);
  // A 10 MB line is no headline: the title is unknown rather than its first words.
  assert.equal(doc.meta.title, undefined);
  assert.deepEqual(doc.meta.problems, []);
  assert.equal(doc.sentences[doc.sentences.length - 1].end, text.length);
});
