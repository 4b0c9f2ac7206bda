// Sources named the way a reporter names them: in messages and hovers ("Kazinform, 26 Sept 2022")
// and in the footnotes Insert Citation writes ([^kazinform-2022-09-26]).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeSource } from '../../server/src/core/report/describe';
import { reporterDate } from '../../server/src/core/text/dateStyle';
import { citationEdits, footnoteLabel } from '../../server/src/core/report/citation';
import { parseSource } from '../../server/src/core/source/source';
import type { SourceMeta } from '../../server/src/core/source/metadata';
import { REPO } from '../support/seeds';

const seed = (name: string) => {
  const id = `seeds/${name}`;
  return parseSource(id, `file:///${id}`, readFileSync(path.join(REPO, id), 'utf8'));
};
const ref = (meta: Partial<SourceMeta>, id = 'sources/a.txt') => ({ id, uri: `file:///${id}`, meta: { how: {}, problems: [], ...meta } });

test('a source is its outlet and date; a short title when the outlet is unknown; its file only when nothing is known', () => {
  assert.equal(describeSource(seed('004_984c000052343a31.txt')), 'Kazinform, 26 Sept 2022');
  assert.equal(describeSource(seed('003_9a73c015399860f1.txt')), 'India Today, 18 June 2022');
  assert.equal(describeSource(seed('000_03b0a985a00a2f0a.txt')), '“Kazakhstan Refuses to Recognize Russia’s…”');
  assert.equal(describeSource(seed('002_61fae5efa680ce8d.txt')), '“Kazakhstan’s foreign ministry comments on…”');
  assert.equal(describeSource(seed('001_8e04abad5bad1dcd.txt')), 'seeds/001_8e04abad5bad1dcd.txt, 28 Sept 2022');
  assert.equal(describeSource(ref({})), 'sources/a.txt');
  assert.equal(describeSource(ref({ title: 'Short headline.' })), '“Short headline”');
  assert.equal(reporterDate('2016-05-01'), '1 May 2016');
});

test('an outlet of more than 60 characters (a front matter’s, never a real one) is cut at a word like a title', () => {
  const long = 'The Daily Newsletter of the Association of Regional Broadcasters and Print Publishers of the North';
  const named = describeSource(ref({ outlet: long, date: '2022-09-26' }));
  assert.equal(named, 'The Daily Newsletter of the Association of Regional…, 26 Sept 2022');
  assert.equal(describeSource(ref({ outlet: 'Thomson Reuters Foundation News', date: '2022-09-26' })), 'Thomson Reuters Foundation News, 26 Sept 2022');
});

test('a footnote label comes from the outlet, else the author, and the date; else the file name', () => {
  assert.equal(footnoteLabel({ outlet: 'Kazinform', date: '2022-09-26' }, 'seeds/004.txt'), 'kazinform-2022-09-26');
  assert.equal(footnoteLabel({ outlet: 'The New York Times', date: '2015-12-15' }, 'x.txt'), 'new-york-times-2015-12-15');
  assert.equal(footnoteLabel({ author: 'Aldgra Fredly' }, 'seeds/000_03b0a985a00a2f0a.txt'), 'fredly');
  assert.equal(footnoteLabel({ author: 'Jane Doe and John Roe', date: '2020-01-02' }, 'x.txt'), 'doe-2020-01-02');
  assert.equal(footnoteLabel({ title: 'Only a title' }, 'seeds/000_03b0a985a00a2f0a.txt'), '000_03b0a985a00a2f0a');
});

test('two sources that would share a label get two footnotes; citing one source again reuses its footnote', () => {
  const a = { title: 'Kazakhstan rejects the votes', outlet: 'Reuters', date: '2022-09-26' };
  const b = { title: 'Markets fall on the news', outlet: 'Reuters', date: '2022-09-26' };
  let draft = '“One,” he said. “Two,” she said.\n';
  const apply = (edits: ReturnType<typeof citationEdits>) => {
    for (const e of [...edits].sort((x, y) => y.start - x.start)) draft = draft.slice(0, e.start) + e.newText + draft.slice(e.end);
  };
  apply(citationEdits(draft, draft.indexOf('One') + 3, 'markdown', a, 'a.txt'));
  apply(citationEdits(draft, draft.indexOf('Two') + 3, 'markdown', b, 'b.txt'));
  assert.match(draft, /“One,”\[\^reuters-2022-09-26\] he said\. “Two,”\[\^reuters-2022-09-26-2\] she said\./);
  assert.match(draft, /^\[\^reuters-2022-09-26\]: Kazakhstan rejects the votes\. Reuters, 26 Sept 2022\.$/m);
  assert.match(draft, /^\[\^reuters-2022-09-26-2\]: Markets fall on the news\. Reuters, 26 Sept 2022\.$/m);
  const again = citationEdits(draft, draft.indexOf('Two') + 3, 'markdown', a, 'a.txt');
  assert.deepEqual(again.map((e) => e.newText), ['[^reuters-2022-09-26]']);
});
