// Drafts built from a real corpus at test time (its text is never committed): quotes
// taken from chosen articles verbatim, with a word changed, with words left out behind
// an ellipsis, and stitched from two articles. Deterministic: the same corpus gives the
// same drafts. Used to compare backends, so it needs no expected verdicts.

import type { SourceDoc } from '../../server/src/core/source/source';
import { tokenize } from '../../server/src/core/text/tokens';

const PLAIN = /^[\p{L}\p{N} ,;:'’%$£.-]+$/u;

/** The prose of words [from, to) of a sentence, or undefined if it has fewer words. */
function words(doc: SourceDoc, si: number, from: number, to: number): string | undefined {
  const s = doc.sentences[si];
  const t = tokenize(doc.prose, s.start, s.end);
  if (t.length < to) return undefined;
  const text = doc.prose.slice(t[from].start, t[to - 1].end);
  return PLAIN.test(text) ? text.replace(/\s+/g, ' ') : undefined;
}

/**
 * Articles at a fixed stride through `docs` (sorted by id, those `keep` accepts), for `count`
 * drafts of `per` articles: pick(d, k) is draft d's k-th, pick(d, k, shift) `shift` further on.
 */
export function strided(docs: SourceDoc[], keep: (d: SourceDoc) => boolean, count: number, per: number): (d: number, k: number, shift?: number) => SourceDoc {
  const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : 1)).filter(keep);
  const stride = Math.max(1, Math.floor(sorted.length / (count * per)));
  return (d, k, shift = 0) => sorted[((d * per + k) * stride + shift) % sorted.length];
}

/** `count` drafts, each quoting `per` articles picked at a fixed stride through `docs` (sorted by id). */
export function corpusDrafts(docs: SourceDoc[], count: number, per: number): string[] {
  const pick = strided(docs, (d) => d.sentences.length > 4, count, per);
  const drafts: string[] = [];
  for (let d = 0; d < count; d++) {
    const lines = ['# Draft', ''];
    for (let k = 0; k < per; k++) {
      const doc = pick(d, k);
      const other = pick(d, k, 7);
      const si = 2 + (k % Math.max(1, doc.sentences.length - 3));
      const verbatim = words(doc, si, 0, 10);
      if (verbatim) lines.push(`A spokesperson said “${verbatim}”, according to the report.`, '');
      const changed = words(doc, si + 1, 0, 9);
      if (changed) {
        const parts = changed.split(' ');
        parts[4] = parts[4] === 'really' ? 'truly' : 'really';
        lines.push(`She added: “${parts.join(' ')}.”`, '');
      }
      const head = words(doc, si - 1, 0, 4);
      const tail = words(doc, si - 1, 7, 13);
      if (head && tail) lines.push(`In the words of the statement, “${head} … ${tail}”.`, '');
      const a = words(doc, 1, 0, 5);
      const b = words(other, 1, 0, 5);
      if (a && b) lines.push(`Nobody said “${a} ${b}”.`, '');
    }
    drafts.push(lines.join('\n'));
  }
  return drafts;
}
