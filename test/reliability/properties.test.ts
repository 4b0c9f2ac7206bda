// Property-based tests (fast-check): generated inputs, hundreds per property, each
// failure shrunk to a minimal counter-example. Seeds are fixed so a failure reproduces.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findQuotes } from '../../server/src/core/text/quotes';
import { LineIndex } from '../../server/src/core/text/lines';
import { isContentWord, normaliseWord, tokenize } from '../../server/src/core/text/tokens';
import { isSpellingVariant } from '../../server/src/core/text/spelling';
import { checkDraft } from '../../server/src/core/check/draft';
import { parseSource } from '../../server/src/core/source/source';
import type { SourceDoc } from '../../server/src/core/source/source';
import { seedSources } from '../support/seeds';

const RUNS = { numRuns: 300, seed: 20261124 };

/** Text made of the characters the scanners treat specially, and some that break naive code. */
const hostileChar = fc.constantFrom(
  ...'abc XYZ 123 .,;:!?'.split(''),
  '\u201C', '\u201D', '\u201E', '"', "'", '\u2018', '\u2019', '\u00AB', '\u00BB', '\u2039', '\u203A',
  '\n', '\r', '\r\n', '\n\n', '\t', '…', '...', '[', ']', '(', ')', '`', '<', '>', '*', '_', '#', '-', '—',
  '\u200B', '\u00AD', '\u202E', '\u200F', '😀', '👍🏽', '\uD83D', '\uDE00', 'é', 'e\u0301', 'İ', 'ß',
);
const hostileText = fc.array(hostileChar, { maxLength: 200 }).map((a) => a.join(''));

test('extraction never throws, and every quote and finding lies inside the text', async () => {
  const { index } = await seedSources();
  await fc.assert(
    fc.asyncProperty(hostileText, fc.constantFrom('markdown' as const, 'text' as const), async (text, format) => {
      for (const q of findQuotes(text)) {
        assert.ok(0 <= q.outerStart && q.outerStart < q.start && q.start < q.end && q.end <= q.outerEnd && q.outerEnd <= text.length, JSON.stringify(q));
      }
      const doc = parseSource('x.md', 'file:///x.md', text, format === 'markdown' ? 'markdown' : 'text');
      for (const s of doc.sentences) assert.ok(0 <= s.start && s.start < s.end && s.end <= text.length);
      const result = await checkDraft({ text, format }, index);
      for (const f of result.findings) assert.ok(0 <= f.start && f.start < f.end && f.end <= text.length, JSON.stringify(f));
    }),
    RUNS,
  );
});

/** Runs of six or more words of a seed sentence that a writer could quote as they are. */
function quotablePassages(docs: SourceDoc[]): Array<{ doc: SourceDoc; start: number; end: number }> {
  const out: Array<{ doc: SourceDoc; start: number; end: number }> = [];
  const awkward = /["\u201C\u201D\u00AB\u00BB\u201E\u2039\u203A\[\]\u2026`<>*_\n\r(]|\.\.\.|(^|[^\p{L}])['\u2019\u2018]|['\u2019\u2018]($|[^\p{L}])/u;
  for (const doc of docs) {
    for (const s of doc.sentences) {
      const words = tokenize(doc.prose, s.start, s.end);
      for (let i = 0; i + 6 <= words.length; i += 3) {
        const end = Math.min(words.length, i + 6 + (i % 7));
        const start = words[i].start;
        const stop = words[end - 1].end;
        if (!awkward.test(doc.text.slice(start, stop))) out.push({ doc, start, end: stop });
      }
    }
  }
  return out;
}

test('an exact passage of a source, quoted, is verified, and go-to-source lands on it', async () => {
  const { index } = await seedSources();
  const passages = quotablePassages(index.all());
  assert.ok(passages.length > 100);
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: passages.length - 1 }), async (p) => {
      const { doc, start, end } = passages[p];
      const quote = doc.text.slice(start, end);
      const draft = `The official said “${quote}” on the day.\n`;
      const { claims } = await checkDraft({ text: draft, format: 'markdown' }, index);
      assert.equal(claims.length, 1);
      const c = claims[0];
      assert.equal(c.verdict, 'verified', `${doc.id}: “${quote}” → ${c.verdict} ${JSON.stringify((c.best as { diffs?: unknown } | undefined)?.diffs)}`);
      const hit = [c.best!, ...c.others].find((m) => m.location.source.id === doc.id);
      // Another seed may carry the same words; when this one is listed, its location is exact.
      const m = hit ?? c.best!;
      const src = index.get(m.location.source.id)!;
      assert.equal(src.lines.offsetAt(m.location.range.start), m.location.start);
      assert.equal(src.lines.offsetAt(m.location.range.end), m.location.end);
      assert.equal(normalised(src.text.slice(m.location.start, m.location.end)), normalised(quote));
      // (The seeds repeat some sentences: the words may be found at their other copy.)
      if (hit) assert.equal(doc.text.slice(hit.location.start, hit.location.end), quote);
    }),
    RUNS,
  );
});

const normalised = (s: string) => tokenize(s).map((t) => t.norm).join(' ');

const STRANGERS = ['zeppelin', 'marmalade', 'violinist', 'kangaroo', 'porcelain', 'hurricane', 'trombone', 'avalanche', 'cinnamon', 'labyrinth'];

test('a quote of six or more words with one content word replaced is never verified', async () => {
  const { index } = await seedSources();
  const passages = quotablePassages(index.all());
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: passages.length - 1 }), fc.nat(), fc.constantFrom(...STRANGERS), async (p, pick, stranger) => {
      const { doc, start, end } = passages[p];
      const quote = doc.text.slice(start, end);
      const words = tokenize(quote).filter((t) => isContentWord(t.norm) && !/\d/.test(t.norm) && !isSpellingVariant(t.norm, stranger, false));
      fc.pre(words.length > 0);
      const w = words[pick % words.length];
      const changed = quote.slice(0, w.start) + stranger + quote.slice(w.end);
      const { claims } = await checkDraft({ text: `The official said “${changed}” on the day.\n`, format: 'markdown' }, index);
      assert.equal(claims.length, 1);
      assert.ok(claims[0].verdict === 'misquote' || claims[0].verdict === 'unsourced', `“${changed}” → ${claims[0].verdict}`);
    }),
    RUNS,
  );
});

test('normalisation is idempotent', () => {
  const word = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.array(hostileChar, { maxLength: 12 }).map((a) => a.join('')));
  fc.assert(
    fc.property(word, (w) => {
      const once = normaliseWord(w);
      assert.equal(normaliseWord(once), once, JSON.stringify([w, once]));
    }),
    { ...RUNS, numRuns: 2000 },
  );
  fc.assert(
    fc.property(hostileText, (text) => {
      for (const t of tokenize(text)) assert.equal(normaliseWord(t.norm), t.norm);
    }),
    RUNS,
  );
});

test('positions round-trip between offsets and line/character, as vscode-languageserver-textdocument counts them', () => {
  fc.assert(
    fc.property(hostileText, fc.array(fc.nat({ max: 400 })), fc.array(fc.record({ line: fc.integer({ min: -2, max: 60 }), character: fc.integer({ min: -2, max: 300 }) })), (text, offsets, positions) => {
      const lines = new LineIndex(text);
      const doc = TextDocument.create('file:///x.md', 'markdown', 1, text);
      for (const o of [...offsets, 0, text.length]) {
        const p = lines.positionAt(o);
        assert.deepEqual(p, doc.positionAt(o), `offset ${o}`);
        // Every offset but the one between \r and \n maps back to itself.
        const inCrlf = text[o - 1] === '\r' && text[o] === '\n';
        if (o <= text.length && !inCrlf) assert.equal(lines.offsetAt(p), o);
      }
      for (const p of positions) assert.equal(lines.offsetAt(p), doc.offsetAt(p), JSON.stringify(p));
    }),
    { ...RUNS, numRuns: 1000 },
  );
});
