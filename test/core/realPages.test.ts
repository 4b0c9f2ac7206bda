// Text as real pages have it: unbalanced quote marks, double-encoded UTF-8, HTML
// attributes and embedded widgets. Each test runs the real scanners or the real engine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotes } from '../../server/src/core/text/quotes';
import { checkDraft } from '../../server/src/core/check/draft';
import { seedSources } from '../support/seeds';
import { applySeverity } from '../../server/src/core/check/severity';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../support/seeds';
import { FolderSources } from '../../server/src/node/folderSources';
import { repairMojibake } from '../../server/src/core/text/mojibake';
import { tokenize } from '../../server/src/core/text/tokens';
import { htmlToText, maskMarkdown, maskPlaintext } from '../../server/src/core/text/markup';
import { describeSource } from '../../server/src/core/report/describe';
import type { QuoteClaim } from '../../server/src/core/check/findings';

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

test("two apostrophes are a double quotation mark (''…'', as the New York Times' archive writes it)", () => {
  assert.deepEqual(spans("''You can read about it,'' Mr. Obama said. ''But she's been in the room.'' He called it a ''sham'' vote."), [
    { words: 'You can read about it', uncertain: false },
    { words: "But she's been in the room", uncertain: false },
    { words: 'sham', uncertain: false },
  ]);
  // Apostrophes after a plural are not marks.
  assert.deepEqual(spans("The states' rights and the members' vote."), []);
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

test('a severity setting never raises a finding on an uncertain quote above information', async () => {
  const { index } = await seedSources();
  const text = 'Never closed: “Of course, that would be a disaster, Tokayev said.\n';
  const { findings } = await checkDraft({ text, format: 'markdown' }, index);
  const raised = applySeverity(findings, { misquote: 'error' });
  assert.equal(raised.find((f) => f.code === 'misquote')?.severity, 'information');
  // Lowering and turning off still apply.
  assert.equal(applySeverity(findings, { misquote: 'hint' }).find((f) => f.code === 'misquote')?.severity, 'hint');
  assert.equal(applySeverity(findings, { misquote: 'off' }).find((f) => f.code === 'misquote'), undefined);
  // A sure misquote is raised as asked.
  const closed = await checkDraft({ text: text.replace('disaster,', 'disaster,”'), format: 'markdown' }, index);
  assert.equal(applySeverity(closed.findings, { misquote: 'error' }).find((f) => f.code === 'misquote')?.severity, 'error');
});

// ---- Double-encoded UTF-8 (text/mojibake.ts) ----

const REAL_PAGES = path.join(REPO, 'test', 'fixtures', 'realpages');
let pages: Promise<FolderSources> | undefined;
function realPageSources(): Promise<FolderSources> {
  pages ??= (async () => {
    const s = new FolderSources(REAL_PAGES, { globs: ['sources/**/*.{txt,md,html}'], notes: ['notes/**/*.{txt,md,html}'] });
    await s.loadAll();
    return s;
  })();
  return pages;
}

/** UTF-8 read as Windows-1252 (the five undefined bytes as C1 controls), as a broken page has it. */
function doubleEncode(s: string): string {
  const high = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
  return [...Buffer.from(s, 'utf8')].map((b) => (b >= 0x80 && b < 0xa0 ? high[b - 0x80] : String.fromCharCode(b))).join('');
}

test('mojibake: repaired to the same length, words and quote marks as the clean text has them', () => {
  const clean = 'Fethullah Gülen’s spokesman said “we don’t know” — €5m… naïve Москва Aslandoğan ‘single’ Zürich café';
  const broken = doubleEncode(clean);
  assert.notEqual(broken, clean);
  const repaired = repairMojibake(broken);
  assert.equal(repaired.length, broken.length);
  const words = (t: string) => tokenize(t).map((w) => w.norm).join(' ');
  assert.equal(words(repaired), words(clean));
  assert.deepEqual(spans(repaired).map((q) => q.words.replace(/\u034F/g, '')), spans(clean).map((q) => q.words));
});

test('mojibake: clean text is never altered, whatever its letters', () => {
  for (const clean of [
    'Fuß“ „Straße“ São Paulo SÃO JOÃO × £5 Ä ß Ø”, «Ça va», “È”, naïve café',
    'Ã is a letter; Â alone too; â€ at the end of a line\n',
    'Kassym-Jomart Tokayev said “Of course, that would be chaos”.',
  ]) assert.equal(repairMojibake(clean), clean, clean);
});

test('mojibake: the forms compatibility normalisation leaves (Ã ̈ for è, Ãa for ê)', () => {
  const words = (t: string) => tokenize(repairMojibake(t)).map((w) => w.norm).join(' ');
  assert.equal(words('Minister SÃ©golÃ \u0308ne Royal'), 'minister segolene royal');
  assert.equal(words("raison d'Ãatre"), 'raison detre');
});

test('mojibake: a quote from a double-encoded source verifies, and go-to-source lands on the bytes as they are', async () => {
  const sources = await realPageSources();
  const text = 'Alp Aslandoğan said: “We don’t accept the court’s ruling, and we will appeal it in every forum open to us.”\n';
  const { claims } = await checkDraft({ text, format: 'markdown' }, sources.index);
  const quote = claims.find((c) => c.kind === 'quote') as QuoteClaim;
  assert.equal(quote?.verdict, 'verified', JSON.stringify(quote?.best?.diffs));
  assert.equal(quote.best!.location.source.id, 'sources/mojibake.txt');
  const file = readFileSync(path.join(REAL_PAGES, 'sources', 'mojibake.txt'), 'utf8');
  const landed = file.slice(quote.best!.location.start, quote.best!.location.end);
  assert.ok(landed.startsWith('We donâ€™t accept') && landed.endsWith('open to us'), landed);
  // The title, which has no offsets, is repaired outright.
  assert.equal(quote.best!.location.source.meta.title, 'Gülen movement to appeal the ruling');
});

// ---- HTML attributes and embedded widgets (text/markup.ts) ----

test('widgets: an HTML source yields no quotes or dates from scripts, styles, embedded tweets, noscript, iframes or attributes', async () => {
  const sources = await realPageSources();
  const doc = sources.index.get('sources/embed.html')!;
  const prose = doc.prose;
  assert.deepEqual(findQuotes(prose).map((q) => prose.slice(q.start, q.end)), ['We have balanced the books without closing a single library']);
  assert.ok(!/Libraries|not prose|Turn on|browser|2015|2014/.test(prose), prose);
  assert.deepEqual(doc.facts.map((f) => prose.slice(f.start, f.end)).filter((t) => /2015|2014|December|March/.test(t)), []);
  assert.equal(prose.length, doc.text.length);
});

test('widgets: a plain-text page keeps its prose and drops <tweet> elements and attributes in any marks', async () => {
  const sources = await realPageSources();
  const doc = sources.index.get('sources/tweet.txt')!;
  const prose = doc.prose;
  assert.deepEqual(findQuotes(prose).map((q) => prose.slice(q.start, q.end)), ['Anger in here is palpable, and nobody is hiding it']);
  assert.ok(!/Nobody is leaving|example\.org|_blank|2016-10-08|pic\.twitter/.test(prose), prose);
  assert.match(prose, /the organisers’ account/);
  assert.deepEqual(doc.facts.map((f) => prose.slice(f.start, f.end)).filter((t) => /2016|March/.test(t)), []);
});

test('widgets: a markdown draft with an embedded tweet, a script and a multi-line tag claims nothing from them', async () => {
  const text = [
    'The mayor said “we have balanced the books” on Tuesday.',
    '',
    '<blockquote class="twitter-tweet"><p>“Libraries stay open in every district,” says the mayor</p>&mdash; City News <a href="https://twitter.com/x">December 2, 2015</a></blockquote>',
    '<script async src="https://platform.twitter.com/widgets.js">var q = "“not a quote”"; var d = "March 3, 2014";</script>',
    '<time',
    '  datetime="2015-12-02">',
    '',
  ].join('\n');
  const masked = maskMarkdown(text);
  assert.equal(masked.length, text.length);
  assert.deepEqual(findQuotes(masked).map((q) => masked.slice(q.start, q.end)), ['we have balanced the books']);
  assert.ok(!/Libraries|2015|2014|not a quote/.test(masked), masked);
  const { claims } = await checkDraft({ text, format: 'markdown' }, (await seedSources()).index);
  // Only the prose's own date (Tuesday) is a claim; none from the tweet, the script or the attribute.
  assert.deepEqual(claims.filter((c) => c.kind !== 'quote').map((c) => text.slice(c.start, c.end)), ['Tuesday']);
});

test('widgets: bounded on a million characters of unclosed embeds and attribute-laden tags', { timeout: 60_000 }, () => {
  const n = 1_000_000;
  const html = '<blockquote class="twitter-tweet">'.repeat(n / 40) + '<p>“After.”</p>';
  assert.match(htmlToText(html), /“After\.”/);
  const plain = '<tweet a=”b” c=\'d\' e=f>'.repeat(n / 24) + ' “After.”';
  assert.match(maskPlaintext(plain), /“After\.”/);
  const md = '<x\n a="b"'.repeat(n / 10) + ' “After.”';
  assert.match(maskMarkdown(md), /“After\.”/);
  const pads = '\u034F'.repeat(n) + '’ “x”';
  assert.equal(findQuotes(pads).length, 1);
});

// ---- The reporter's own notes (sourceCheck.notes) ----

test('notes: a quote from the reporter’s transcript verifies with its own provenance, and is speech, not narration', async () => {
  const sources = await realPageSources();
  const text = 'Smadiyarov told me: “We will keep talking to both sides until the guns fall silent.”\n';
  const { claims, findings } = await checkDraft({ text, format: 'markdown' }, sources.index);
  const quote = claims.find((c) => c.kind === 'quote') as QuoteClaim;
  assert.equal(quote?.verdict, 'verified');
  const source = quote.best!.location.source;
  assert.equal(describeSource(source), 'notes/2022-09-26-smadiyarov.md (your notes, 26 Sept 2022)');
  assert.equal(source.meta.kind, 'notes');
  assert.equal(source.meta.how.date, 'date in the file name');
  assert.deepEqual(findings.map((f) => f.code), []);
  // A notes file is a source, never a draft.
  assert.ok(sources.isNote('notes/2022-09-26-smadiyarov.md'));
  assert.ok(sources.isSource(path.join(REAL_PAGES, 'notes', '2022-09-26-smadiyarov.md')));
  assert.ok(!sources.isNote('sources/tweet.txt'));
});

test('notes: an unsourced quote says in one line what the writer can do', async () => {
  const { findings } = await checkDraft({ text: 'She said “the committee will publish every one of its findings before the summer recess begins”.\n', format: 'markdown' }, (await seedSources()).index);
  const f = findings.find((x) => x.code === 'unsourced-quote');
  assert.ok(f, JSON.stringify(findings));
  assert.match(f.message, /Heard it yourself\? Add your notes to notes\//);
  assert.ok(f.message.length <= 150, f.message);
  assert.ok(!f.message.includes('\n'));
});

// ---- A source that quotes only part of a statement (check/quotes.ts, unquotedDiffs) ----

/** The quote claims of a draft checked against the real-page sources. */
async function quoteClaims(text: string): Promise<{ claims: QuoteClaim[]; codes: string[] }> {
  const sources = await realPageSources();
  const r = await checkDraft({ text, format: 'markdown' }, sources.index);
  return { claims: r.claims.filter((c): c is QuoteClaim => c.kind === 'quote'), codes: r.findings.map((f) => f.code) };
}

test('partial quotes: a draft that quotes the source narration before its quotation is no misquote of it', async () => {
  // The source: that Okafor "did not have … but he [Callum Reid] is being quoted …". The draft's "She" stands
  // for the source's narration, and the source's own bracket is not the speaker's words.
  const { claims, codes } = await quoteClaims('“She did not have a particular report in mind, but he is being quoted across the local press,” the aide said.\n');
  assert.equal(claims[0]?.verdict, 'unsourced', JSON.stringify(claims[0]?.best?.diffs));
  assert.equal(claims[0].partial, true);
  assert.deepEqual(codes, ['unsourced-quote']);
});

test('partial quotes: leaving out the bracket a source inserted is no misquote; the source carries every word', async () => {
  const { claims, codes } = await quoteClaims('The aide said Okafor “did not have a particular report in mind, but he is being quoted across the local press.”\n');
  assert.equal(claims[0]?.verdict, 'verified', JSON.stringify(claims[0]?.best?.diffs));
  assert.deepEqual(codes, []);
});

test('partial quotes: words added after a quotation that ends its sentence lengthen the statement: a misquote', async () => {
  const { claims } = await quoteClaims('Reid said: “We will publish every page of them before the end of the month, whatever the auditors say.”\n');
  assert.equal(claims[0]?.verdict, 'misquote', JSON.stringify(claims[0]?.best?.diffs));
  assert.deepEqual(claims[0].best!.diffs.map((d) => d.draft), ['whatever the auditors say']);
});

test('partial quotes: a whole sentence quoted past the end of the source quotation is more of the remarks, not a misquote', async () => {
  const { claims, codes } = await quoteClaims('“We will publish every page of them before the end of the month. Nothing will be held back,” Reid said.\n');
  assert.equal(claims[0]?.verdict, 'unsourced', JSON.stringify(claims[0]?.best?.diffs));
  assert.equal(claims[0].partial, true);
  assert.deepEqual(codes, ['unsourced-quote']);
});

test('partial quotes: words added around a bracket of the draft are still words added', async () => {
  const { claims } = await quoteClaims('“We will publish every page of them, not one [page] held back, before the end of the month,” Reid said.\n');
  assert.equal(claims[0]?.verdict, 'misquote', JSON.stringify(claims[0]?.best?.diffs));
  assert.deepEqual(claims[0].best!.diffs.map((d) => d.draft), ['not one', 'held back']);
});

// ---- Contractions (text/contractions.ts): the same words transcribed contracted or not ----

test('contractions: "We have" for "We\'ve" and "will not" for "won\'t" are spellings of the same words, one difference each', async () => {
  const { claims, codes } = await quoteClaims('“We have nothing to hide, and we will not be hiding anything from the harbour’s members,” Reid said.\n');
  assert.equal(claims[0]?.verdict, 'variant', JSON.stringify(claims[0]?.best?.diffs));
  assert.deepEqual(claims[0].best!.diffs.map((d) => [d.draft, d.source]), [['We have', "We've"], ['will not', "won't"]]);
  assert.deepEqual(codes, ['quote-variant']);
});

test('contractions: a word changed beside a contraction is still a misquote of that word alone', async () => {
  const { claims } = await quoteClaims('“We have nothing to hide, and we will not be hiding anything from the harbour’s creditors,” Reid said.\n');
  assert.equal(claims[0]?.verdict, 'misquote', JSON.stringify(claims[0]?.best?.diffs));
  assert.deepEqual(claims[0].best!.diffs.filter((d) => d.kind !== 'spelling').map((d) => [d.draft, d.source]), [['creditors', 'members']]);
});

test("double apostrophes in a source: its quotations are quotations, with their speaker, and verify a draft's quote", async () => {
  const { claims, codes } = await quoteClaims('Reid said: “You can read every page of them, you can audit every line of them, and you will find nothing missing.”\n');
  assert.equal(claims[0]?.verdict, 'verified', JSON.stringify(claims[0]?.best?.diffs));
  assert.equal(claims[0].best!.location.source.id, 'sources/double-apostrophe.txt');
  assert.equal(claims[0].best!.presentation?.kind, 'quote');
  assert.equal(claims[0].sourceSpeaker?.speaker.name, 'Callum Reid');
  assert.deepEqual(codes, []);
});

test('misattribution needs a sure speaker: a pronoun that reached its name past another person named between is a guess', async () => {
  const { claims, codes } = await quoteClaims('“How many times must we see this in our own harbour, with the whole town watching?” Okafor said.\n');
  assert.equal(claims[0]?.verdict, 'verified', JSON.stringify(claims[0]?.best?.diffs));
  assert.ok(!codes.includes('misattributed-quote'), JSON.stringify(claims[0].sourceSpeaker?.speaker));
});
