// Text as real pages have it: unbalanced quote marks, double-encoded UTF-8, HTML
// attributes and embedded widgets. Each test runs the real scanners or the real engine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotes } from '../../server/src/core/text/quotes';
import { checkDraft } from '../../server/src/core/check/draft';
import { seedSources } from '../support/seeds';

const spans = (text: string) => findQuotes(text).map((q) => ({ words: text.slice(q.start, q.end), uncertain: q.uncertain === true }));

test('a curly opening mark closed by a straight one pairs, and does not swallow the paragraph', () => {
  const text = 'Senators said they would “definitely not support" the bill, which the leadership had drafted over many months of talks with the other side.';
  assert.deepEqual(spans(text), [{ words: 'definitely not support', uncertain: false }]);
});

test('an unclosed quote ends at its attribution, else at the paragraph, and is uncertain', () => {
  assert.deepEqual(spans('“We will not back down, the minister said on Tuesday. Talks resume next week.\n\nAnother paragraph.'), [
    { words: 'We will not back down', uncertain: true },
  ]);
  assert.deepEqual(spans('“We will not back down, ever. Talks resume next week\n\nThen “next,” he said.'), [
    { words: 'We will not back down, ever. Talks resume next week', uncertain: true },
    { words: 'next', uncertain: false },
  ]);
});

test('an opening mark of the same kind after words ends the quote left open before it', () => {
  assert.deepEqual(spans('“First words never closed and then “a second quote” follows.'), [
    { words: 'First words never closed and then', uncertain: true },
    { words: 'a second quote', uncertain: false },
  ]);
  // A quote running over paragraphs (an opening mark at each) is one quote, closed at its end.
  assert.deepEqual(spans('“Para one.\n\n“Para two.”'), [{ words: 'Para one.\n\n“Para two', uncertain: false }]);
});

test('a misquote on an uncertain span is information, with no quick fix', async () => {
  const { index } = await seedSources();
  const text = 'Never closed: “Of course, that would be a disaster, Tokayev said.\n';
  const { findings } = await checkDraft({ text, format: 'markdown' }, index);
  const mis = findings.find((f) => f.code === 'misquote');
  assert.ok(mis, JSON.stringify(findings));
  assert.equal(mis.severity, 'information');
  assert.deepEqual(mis.fixes, []);
  // Closed, the same words are a warning with a fix.
  const closed = await checkDraft({ text: text.replace('disaster,', 'disaster,”'), format: 'markdown' }, index);
  const sure = closed.findings.find((f) => f.code === 'misquote');
  assert.equal(sure?.severity, 'warning');
  assert.ok(sure.fixes.length > 0);
});
