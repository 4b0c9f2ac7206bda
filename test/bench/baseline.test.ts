import assert from 'node:assert/strict';
import { test } from 'node:test';
import { naiveFindQuote, naiveVerdict } from '../../bench/baseline';

const articles = [
  { id: 'a.txt', text: 'Headline\n\nThe minister said the plan was "a bold step towards a fairer tax system" on Monday.' },
  { id: 'b.txt', text: 'Other news\n\nNothing to see here, officials insisted.' },
];

test('naiveFindQuote: exact, altered and absent quotes', () => {
  const quote = 'a bold step towards a fairer tax system';
  const exact = naiveFindQuote(quote, articles)!;
  const start = articles[0].text.indexOf(quote);
  assert.deepEqual(exact, { articleId: 'a.txt', start, end: start + quote.length, errors: 0 });
  assert.equal(naiveVerdict(exact), 'verified');
  const altered = naiveFindQuote('a brave step towards a fairer tax system', articles)!;
  assert.equal(altered.articleId, 'a.txt');
  assert.ok(altered.errors > 0 && altered.errors <= 8);
  assert.equal(naiveVerdict(altered), 'misquote');
  assert.equal(naiveVerdict(naiveFindQuote('completely unrelated words about football', articles)), 'unsourced');
});
