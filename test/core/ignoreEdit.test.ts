// Ignore This Claim and Insert Citation as edits: whatever the layout around the claim,
// the directive the action inserts must silence exactly that finding when the draft is
// checked again, and never split a paragraph or leave a block quote.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft, DraftFormat } from '../../server/src/core/check/draft';
import { ignoreEdit } from '../../server/src/core/check/directives';
import { citationEdits } from '../../server/src/core/report/citation';
import { seedSources } from '../support/seeds';

const MISQUOTE = '“Of course, that would be a disaster,” Tokayev said.';
const UNSOURCED = '«Kazakhstan will send peacekeepers to the region next week if asked.»';

function applyEdits(text: string, edits: Array<{ start: number; end: number; newText: string }>): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

async function ignoreFirstFinding(text: string, format: DraftFormat = 'markdown') {
  const { index } = await seedSources();
  const before = await checkDraft({ text, format }, index);
  const target = before.findings.find((f) => f.code === 'misquote')!;
  assert.ok(target, 'the draft has a misquote to ignore');
  const edited = applyEdits(text, [ignoreEdit(text, target.start, target.code)]);
  const after = await checkDraft({ text: edited, format }, index);
  return { before, after, edited };
}

const LAYOUTS: Record<string, string> = {
  'a paragraph of its own': `# Draft\n\n${MISQUOTE}\n\nThe ministry said: ${UNSOURCED}\n`,
  'the first line of the draft': `${MISQUOTE}\n\nThe ministry said: ${UNSOURCED}\n`,
  'a later line of a wrapped paragraph': `The forum was busy.\n${MISQUOTE}\nThe ministry said: ${UNSOURCED}\n`,
  'a block quote': `> The forum was busy.\n>\n> ${MISQUOTE}\n\nThe ministry said: ${UNSOURCED}\n`,
  'a list item after another': `- The forum was busy.\n- ${MISQUOTE}\n- The ministry said: ${UNSOURCED}\n`,
  'under a directive for another code': `<!-- source-check-disable-next-line unsourced-quote -->\n${MISQUOTE}\n\nThe ministry said: ${UNSOURCED}\n`,
};

for (const [layout, text] of Object.entries(LAYOUTS)) {
  test(`Ignore This Claim in ${layout} silences the misquote and nothing else`, async () => {
    const { before, after, edited } = await ignoreFirstFinding(text);
    const codes = (r: typeof before) => r.findings.map((f) => f.code).sort();
    assert.deepEqual(codes(after), codes(before).filter((c) => c !== 'misquote'), edited);
    assert.equal(after.claims.filter((c) => c.ignored).length, 1, edited);
    // The prose is unchanged: same paragraphs, same block quote, same list.
    const prose = (t: string) => t.replace(/^[> ]*<!--[^\n]*?-->\n/gm, '').replace(/ <!--[^\n]*?-->$/gm, '');
    assert.equal(prose(edited), prose(text));
  });
}

test('in a wrapped paragraph the directive goes at the end of the line, not on a line of its own', async () => {
  const { edited } = await ignoreFirstFinding(LAYOUTS['a later line of a wrapped paragraph']);
  assert.match(edited, /Tokayev said\. <!-- source-check-disable-line misquote -->\n/);
});

test('in a block quote the directive keeps the quote marker', async () => {
  const { edited } = await ignoreFirstFinding(LAYOUTS['a block quote']);
  assert.match(edited, /\n> <!-- source-check-disable-next-line misquote -->\n> “Of course/);
});

test('under a directive for another code, the code is added to it', async () => {
  const { edited } = await ignoreFirstFinding(LAYOUTS['under a directive for another code']);
  assert.match(edited, /^<!-- source-check-disable-next-line unsourced-quote misquote -->\n“Of course/);
});

test('plain text: the directive works the same', async () => {
  const { after } = await ignoreFirstFinding(`${MISQUOTE}\n\nThe ministry said: ${UNSOURCED}\n`, 'text');
  assert.deepEqual(after.findings.map((f) => f.code), ['unsourced-quote']);
});

test('Insert Citation in plain text puts the citation in brackets after the closing mark', async () => {
  const { index } = await seedSources();
  const text = 'Tokayev said “Of course, that would be chaos,” at the forum.\n';
  const r = await checkDraft({ text, format: 'text' }, index);
  const c = r.claims[0];
  const s = c.best!.location.source;
  const edited = applyEdits(text, citationEdits(text, c.end, 'text', s.meta, s.id));
  assert.equal(edited, 'Tokayev said “Of course, that would be chaos,” [Kazakhstan Refuses to Recognize Russia’s Referendums in Occupied Ukrainian Territories. by Aldgra Fredly.] at the forum.\n');
  // The citation changes no verdict.
  const again = await checkDraft({ text: edited, format: 'text' }, index);
  assert.deepEqual(again.claims.map((x) => x.verdict), ['verified']);
});
