// The report the client renders for answers another part of the server defines (here in
// the shape of sourceCheck/disagreements): headings, fields, links to the source lines,
// and source text escaped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { genericReport } from '../../client/src/genericReport';

test('lists each item with its versions linked to the source line, escaping source text', () => {
  const md = genericReport('Disagreements between sources', {
    disagreements: [
      {
        kind: 'date',
        about: 'the referendum results',
        versions: [
          { uri: 'file:///ws/seeds/001.txt', range: { start: { line: 4, character: 0 }, end: { line: 4, character: 6 } }, sourceId: 'seeds/001.txt', text: 'Sep. 6', value: '2022-09-06', sentence: 'On Sep. 6 <b>they</b> voted [link](command:evil).' },
          { uri: 'file:///ws/seeds/004.txt', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 6 } }, sourceId: 'seeds/004.txt', text: '26 September', value: '2022-09-26', sentence: 'On 26 September they voted.' },
        ],
      },
    ],
  });
  assert.match(md, /^# Disagreements between sources$/m);
  assert.match(md, /^## 1\. the referendum results$/m);
  assert.match(md, /^- kind: date$/m);
  assert.match(md, /^  - \[seeds\/001\\\.txt, line 5\]\(<file:\/\/\/ws\/seeds\/001\.txt#L5>\) — text: Sep\\\. 6; value: 2022\\-09\\-06$/m);
  assert.match(md, /^    > On Sep\\\. 6 &lt;b&gt;they&lt;\/b&gt; voted \\\[link\\\]\\\(command\\:evil\\\)\\\.$/m);
  assert.doesNotMatch(md, /\]\(command:/);
});

test('an empty answer says nothing was found', () => {
  assert.match(genericReport('People in the sources', { people: [] }), /Nothing found\./);
});
