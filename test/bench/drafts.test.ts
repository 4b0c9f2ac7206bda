import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusDir, loadBbc } from '../../bench/corpora';
import { DRAFT_2K, type Draft, looseForm, makeDraft, QUOTE_MIX } from '../../bench/drafts';
import { normalizeWs } from '../../bench/text';

const bbc = loadBbc();
const noCorpus = bbc ? false : `corpus folder ${corpusDir()}/bbc is absent`;

test('2,000-word draft: sizes and mix', { skip: noCorpus }, () => {
  const draft = makeDraft(bbc!.articles, DRAFT_2K);
  assert.ok(Math.abs(draft.words - 2000) < 200, `${draft.words} words`);
  assert.equal(draft.quotes.length, 30);
  assert.equal(draft.figures.length, 20);
  for (const [kind, { share }] of Object.entries(QUOTE_MIX)) {
    const n = draft.quotes.filter((q) => q.kind === kind).length;
    assert.ok(Math.abs(n - 30 * share) <= 1, `${n} ${kind} quotes`);
  }
  assert.deepEqual(new Set(draft.quotes.map((q) => q.marks)), new Set(['curly', 'straight', 'guillemet']));
});

test('drafts are deterministic', { skip: noCorpus }, () => {
  const a = makeDraft(bbc!.articles, { ...DRAFT_2K, seed: 'x' });
  const b = makeDraft(bbc!.articles, { ...DRAFT_2K, seed: 'x' });
  const c = makeDraft(bbc!.articles, { ...DRAFT_2K, seed: 'y' });
  assert.equal(a.text, b.text);
  assert.deepEqual(a.quotes, b.quotes);
  assert.notEqual(a.text, c.text);
});

/** Ground truth must hold against the corpus itself, not just against the generator's intent. */
function checkGroundTruth(draft: Draft) {
  const texts = new Map(bbc!.articles.map((a) => [a.id, normalizeWs(a.text)]));
  const anywhere = [...texts.values()];
  const looseAnywhere = bbc!.articles.map((a) => ` ${looseForm(a.text)} `);
  const absent = (s: string) => !anywhere.some((t) => t.includes(normalizeWs(s))) && !looseAnywhere.some((t) => t.includes(` ${looseForm(s)} `));

  for (const q of draft.quotes) {
    assert.equal(draft.text.slice(q.start, q.end), q.text, 'quote offsets');
    const source = texts.get(q.sourceId);
    assert.ok(source, `source ${q.sourceId} exists`);
    if (q.kind === 'ellipsis') {
      let from = 0;
      for (const piece of q.pieces!) {
        const at = source.indexOf(normalizeWs(piece), from);
        assert.ok(at >= from, `ellipsis piece "${piece}" occurs in ${q.sourceId} in order`);
        from = at + piece.length;
      }
      assert.ok(q.pieces!.every((p) => q.text.includes(p)) && /…|\.\.\.|\. \. \./.test(q.text));
    } else if (q.expected === 'verified') {
      assert.ok(source.includes(normalizeWs(q.text)), `verified quote occurs in ${q.sourceId}: ${q.text}`);
    } else {
      assert.ok(absent(q.text), `${q.kind} quote occurs nowhere: ${q.text}`);
      assert.ok(source.includes(normalizeWs(q.sourceText)), 'its original passage is in the source');
    }
  }
  // Nothing unlabelled: every double-quoted span and every digit belongs to a ground-truth item.
  assert.equal((draft.text.match(/[“«]/g) ?? []).length + (draft.text.match(/"/g) ?? []).length / 2, draft.quotes.length);
  let rest = draft.text;
  for (const f of [...draft.figures].sort((a, b) => b.start - a.start)) rest = rest.slice(0, f.start) + rest.slice(f.end);
  assert.doesNotMatch(rest, /\d/, 'digits outside labelled figures');

  for (const f of draft.figures) {
    assert.equal(draft.text.slice(f.start, f.end), f.text, 'figure offsets');
    assert.ok(draft.text.includes(f.sentence) && f.sentence.includes(f.text));
    if (f.expected === 'verified') assert.ok(texts.get(f.sourceId!)!.includes(f.sentence), `figure sentence in ${f.sourceId}`);
    else assert.ok(absent(f.sentence), `${f.kind} figure sentence occurs nowhere: ${f.sentence}`);
    if (f.kind === 'altered') {
      assert.notEqual(f.text, f.original);
      assert.ok(texts.get(f.sourceId!)!.includes(f.sentence.replace(f.text, f.original!)), 'unaltered sentence is in the source');
    }
  }
}

test('2,000-word draft ground truth holds against the corpus', { skip: noCorpus }, () => {
  checkGroundTruth(makeDraft(bbc!.articles, DRAFT_2K));
});

test('20,000-word draft ground truth holds against the corpus', { skip: noCorpus }, () => {
  const draft = makeDraft(bbc!.articles, { words: 20000, quotes: 300, figures: 200 });
  assert.ok(Math.abs(draft.words - 20000) < 1000, `${draft.words} words`);
  checkGroundTruth(draft);
});
