// Every date a reader sees is written one way, "26 Sept 2022" (text/dateStyle.ts): hover cards,
// finding messages and their related notes, the claims report, citations. ISO stays in machine
// outputs (the CLI's JSON: test/cli/cli.test.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reporterDate, reporterDates } from '../../server/src/core/text/dateStyle';
import { checkDraft } from '../../server/src/core/check/draft';
import { claimHover } from '../../server/src/core/report/hover';
import { claimsReport } from '../../server/src/core/report/claimsReport';
import { citationMarkdown, citationText } from '../../server/src/core/report/citation';
import { LineIndex } from '../../server/src/core/text/lines';
import { seedSources } from '../support/seeds';

test('a date is written the newsroom way: day, short month, year; a month alone in full; a weekday by name', () => {
  assert.equal(reporterDate('2022-09-26'), '26 Sept 2022');
  assert.equal(reporterDate('2022-06-01'), '1 June 2022');
  assert.equal(reporterDate('2015-12-15'), '15 Dec 2015');
  assert.equal(reporterDate({ year: 2022, month: 9, day: 6 }), '6 Sept 2022');
  assert.equal(reporterDate({ month: 9, day: 6 }), '6 Sept');
  assert.equal(reporterDate({ year: 2022, month: 9 }), 'September 2022');
  assert.equal(reporterDate({ month: 3 }), 'March');
  assert.equal(reporterDate({ weekday: 1 }), 'Monday');
  assert.equal(reporterDate({ weekday: 1, month: 3, year: 2023 }), 'Monday March 2023');
  assert.equal(reporterDate({ year: 2014 }), '2014');
  // Not a date: as it is.
  assert.equal(reporterDate('2022-13-01'), '2022-13-01');
  assert.equal(reporterDate('last week'), 'last week');
  assert.equal(reporterDates('“Friday” in an article dated 2022-06-18 → 2022-06-17'), '“Friday” in an article dated 18 June 2022 → 17 June 2022');
});

const ISO = /\b\d{4}-\d{2}-\d{2}\b/;
/** Link targets and URLs are addresses, not dates shown to a reader. */
const shown = (text: string) => text.replace(/\]\(<[^>]*>\)/g, '](…)').replace(/https?:\/\/\S+/g, 'URL');

// The seeds date their sources (Kazinform 26 Sept 2022, India Today 18 June 2022…) and give a
// weekday one source resolves and another cannot; the draft quotes them and restates the dates.
const DRAFT = [
  '# Dates',
  '',
  'Tokayev said: “If the right to self-determination is put into practice all over the world, then there will be over 600 countries instead of the 193 states that are currently members of the United Nations.”',
  '',
  'The spokesman said «Our president often spoke about the topic, including the speeches in the U.N.»',
  '',
  'Smadiyarov spoke on Sep. 6 about the referendums.',
  '',
].join('\n');

test('hovers, messages, related notes, the claims report and citations show no ISO date', async () => {
  const seeds = await seedSources();
  const result = await checkDraft({ text: DRAFT, format: 'markdown' }, seeds.index);
  assert.ok(result.claims.length >= 3, `claims: ${result.claims.map((c) => c.text).join(' | ')}`);
  const texts: Array<[string, string]> = [];
  for (const c of result.claims) texts.push([`hover of ${c.text}`, claimHover(c)]);
  for (const f of result.findings) {
    texts.push([`message of ${f.code}`, f.message]);
    for (const r of f.related) texts.push([`related note of ${f.code}`, r.message]);
  }
  const lines = new LineIndex(DRAFT);
  texts.push(['claims report', (claimsReport({ draftName: 'draft.md', draftUri: 'file:///ws/draft.md', claims: result.claims, findings: result.findings, positionAt: (o) => lines.positionAt(o) }))]);
  const dated = seeds.index.all().filter((s) => s.meta.date);
  assert.ok(dated.length > 0, 'some seeds are dated');
  for (const s of dated) {
    texts.push([`citation of ${s.id}`, citationText(s.meta, s.id)]);
    texts.push([`Markdown citation of ${s.id}`, citationMarkdown(s.meta, s.id)]);
  }
  for (const [what, text] of texts) assert.doesNotMatch(shown(text), ISO, `${what}: ${text}`);
  // …and the dates are there, written the reporter's way.
  const all = texts.map(([, t]) => t).join('\n');
  assert.match(all, /\b\d{1,2} (?:Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec) \d{4}\b/);
});

test('a date’s value is added in brackets only when it says more than the words the source wrote', async () => {
  const { saysMore } = await import('../../server/src/core/text/dateStyle');
  assert.equal(saysMore('September 23', '23 Sept'), false);
  assert.equal(saysMore('Sep. 6', '6 Sept 2022'), true);
  assert.equal(saysMore('Monday', '9 May 2016'), true);
  assert.equal(saysMore('May 1, 2016', '1 May 2016'), false);
  assert.equal(saysMore('June', 'June'), false);
});
