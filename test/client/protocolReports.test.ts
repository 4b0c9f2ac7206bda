// The reports the client renders from the server's answers: the people of the sources,
// and answers of a shape the client does not know (here, sourceCheck/disagreements's):
// headings, fields, links to the source lines, and source text escaped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disagreementsReport, genericReport, peopleReport } from '../../client/src/protocolReports';

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

test('people: most quoted first, with spellings, roles, sources and linked quotations, escaped', () => {
  const md = peopleReport({
    people: [
      {
        id: 'tokayev',
        name: 'Kassym-Jomart Tokayev',
        spellings: ['Kassym-Jomart Tokayev', 'Toqaev'],
        roles: ['President of *Kazakhstan*'],
        sources: ['seeds/000.txt', 'seeds/003.txt'],
        quoteCount: 2,
        folder: 'file:///ws',
        quotes: [
          { uri: 'file:///ws/seeds/000.txt', range: { start: { line: 25, character: 1 }, end: { line: 25, character: 40 } }, source: 'seeds/000.txt', text: 'Of course, that would be chaos', kind: 'quote' },
          { uri: 'file:///ws/seeds/003.txt', range: { start: { line: 11, character: 0 }, end: { line: 11, character: 40 } }, source: 'seeds/003.txt', text: 'Of course, that would be chaos', kind: 'unmarked' },
        ],
      },
    ],
  });
  assert.match(md, /^1 person, most quoted first\.$/m);
  assert.match(md, /^## 1\. Kassym\\-Jomart Tokayev$/m);
  assert.match(md, /^- Role: President of \\\*Kazakhstan\\\*$/m);
  assert.match(md, /^- Also spelt: Toqaev$/m);
  assert.match(md, /^- Named in: `seeds\/000\.txt`, `seeds\/003\.txt`$/m);
  assert.match(md, /^  - “Of course, that would be chaos” — \[seeds\/000\\\.txt, line 26\]\(<file:\/\/\/ws\/seeds\/000\.txt#L26,\d+-L26,\d+>\)$/m);
  assert.match(md, /^  - “Of course, that would be chaos” \(printed without quote marks\) — /m);
  assert.match(peopleReport({ people: [] }), /No people found/);
});

test('disagreements: each version with its value, source line link, metadata and sentence, escaped', () => {
  const md = disagreementsReport({
    disagreements: [
      {
        kind: 'date',
        about: 'referendums start',
        versions: [
          { uri: 'file:///ws/seeds/001.txt', range: { start: { line: 4, character: 3 }, end: { line: 4, character: 9 } }, sourceId: 'seeds/001.txt', text: 'Sep. 6', value: '6 Sept 2022', sentence: 'Votes began <b>Sep. 6</b>.', title: 'An ally', outlet: null, date: '2022-09-28', resolved: null },
          { uri: 'file:///ws/seeds/004.txt', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 12 } }, sourceId: 'seeds/004.txt', text: '23 September', value: '23 Sept 2022', sentence: 'Votes began on 23 September.', title: null, outlet: 'KAZINFORM', date: null, resolved: null },
        ],
      },
    ],
  });
  assert.match(md, /^1 figure or date the sources give differently\.$/m);
  assert.match(md, /^## 1\. Date: referendums start$/m);
  // The server sends a date's value as a reader reads it; the source's own date is written the same way.
  assert.match(md, /^- \*\*Sep\\\. 6\*\* = 6 Sept 2022 — \[seeds\/001\\\.txt, line 5\]\(<file:\/\/\/ws\/seeds\/001\.txt#L5,\d+-L5,\d+>\) — An ally · 28 Sept 2022$/m);
  assert.match(md, /^  > Votes began &lt;b&gt;Sep\\\. 6&lt;\/b&gt;\\\.$/m);
  assert.match(md, /KAZINFORM$/m);
  assert.match(disagreementsReport({ disagreements: [] }), /The sources agree/);
});
