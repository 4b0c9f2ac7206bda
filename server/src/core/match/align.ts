// Word-level alignment of a quotation against a source passage: the quote must be
// consumed whole, the passage is free at both ends, an ellipsis between fragments
// skips any number of source words for free, a [bracket] may stand for up to a few
// source words, a word of the writer's parenthesis may be missing from the source for
// free (and a word of the source's own gloss in parentheses from the quote, nearly), and every
// other difference (a word changed, added, or dropped without an ellipsis) costs one.
// Spelling variants cost a little, so an exact reading is always preferred. Dynamic
// programming in O(quote × passage).

import { Token } from '../text/tokens';
import { isSpellingVariant } from '../text/spelling';
import { QueryWord } from './query';

/** gloss: a source word of its own parenthesis, left out of the quote ("Electronic Arts (EA)"): no change. */
export type OpKind = 'match' | 'variant' | 'sub' | 'ins' | 'del' | 'bracket' | 'gloss';

export interface Op {
  kind: OpKind;
  /** Index into the quote's words (absent for 'del'). */
  q?: number;
  /** Source token range [s0, s1) this op consumed (empty for 'ins'). */
  s0: number;
  s1: number;
}

export interface Alignment {
  ops: Op[];
  cost: number;
  /** Source token range of each fragment, in quote order. */
  fragments: Array<{ s0: number; s1: number }>;
}

const COST_VARIANT = 0.2;
/** A word of the source's own gloss left out: nearly free, so that a quote that keeps the gloss still matches it. */
const COST_GLOSS = 0.1;
// A little dearer than a substitution, so that "would be a disaster" against "would be
// chaos" reads as words changed rather than words added at a free end.
const COST_INSERT = 1.05;
const MAX_BRACKET_WORDS = 6;

// Op codes in the traceback table.
const START = 0, DIAG = 1, UP = 2, LEFT = 3, SKIP = 4, BRACKET = 5;

/** Extra cost of running a quote across a quotation mark in the source: quotes end where their marks do. */
const COST_CROSS_MARK = 0.5;

/**
 * `marks[j]` is true when a quotation mark stands between source tokens j-1 and j.
 */
/**
 * The largest table aligned (quote words × passage words, 13 bytes a cell). A runaway
 * quote (an unclosed mark running over a long paragraph) against a long passage would
 * otherwise ask for gigabytes and throw, losing the whole draft's check.
 */
export const MAX_ALIGN_CELLS = 4_000_000;

/** `glossOf[j]` is the source's gloss (a parenthesis of its own) token j stands in, or -1. */
function isGloss(glossOf: readonly number[] | undefined, j: number): boolean {
  return (glossOf?.[j] ?? -1) >= 0;
}

export function align(query: readonly QueryWord[], source: readonly Token[], marks?: readonly boolean[], glossOf?: readonly number[]): Alignment | undefined {
  const n = query.length;
  const m = source.length;
  if (n === 0 || m === 0) return undefined;
  if ((n + 1) * (m + 1) > MAX_ALIGN_CELLS) return undefined;
  const W = m + 1;
  // Word costs depend only on (quote word, distinct source word): compute each pair once.
  const ids = new Int32Array(m);
  const distinct = new Map<string, number>();
  const firstOf: Token[] = [];
  for (let j = 0; j < m; j++) {
    const t = source[j];
    const key = (t.capital ? t.norm + '\u0001' : t.norm) + (t.contracted ? '\u0002' + t.contracted : '');
    let id = distinct.get(key);
    if (id === undefined) {
      id = distinct.size;
      distinct.set(key, id);
      firstOf.push(source[j]);
    }
    ids[j] = id;
  }
  const D = distinct.size;
  const pairCost = new Float64Array(n * D).fill(-1);
  const wordCost = (i: number, j: number): number => {
    const at = i * D + ids[j];
    let c = pairCost[at];
    if (c < 0) {
      const w = query[i];
      const t = firstOf[ids[j]];
      // A common word standing for a name (or the reverse) is an unlikely substitution: a little dearer.
      // The same word, contracted on one side only or otherwise ("we've" / "we have", "can't" / "cannot"): a spelling.
      c = w.norm === t.norm ? (w.contracted === t.contracted ? 0 : COST_VARIANT) : isSpellingVariant(w.norm, t.norm, w.capital && t.capital) ? COST_VARIANT : w.capital !== t.capital ? 1.1 : 1;
      pairCost[at] = c;
    }
    return c;
  };
  const cost = new Float64Array((n + 1) * W);
  const op = new Uint8Array((n + 1) * W);
  const aux = new Int32Array((n + 1) * W);
  // Row 0: the quote may start anywhere in the passage.
  for (let j = 0; j <= m; j++) op[j] = START;

  for (let i = 1; i <= n; i++) {
    const w = query[i - 1];
    const row = i * W;
    const prev = (i - 1) * W;
    for (let j = 0; j <= m; j++) {
      // The quote's word is not in the source (free for the writer's parenthesis: "(certain)").
      let best = cost[prev + j] + (w.aside ? 0 : COST_INSERT);
      let how = UP;
      let k = 0;
      if (w.bracket) {
        best = cost[prev + j];
        how = BRACKET;
        for (let b = 1; b <= MAX_BRACKET_WORDS && j - b >= 0; b++) {
          if (cost[prev + j - b] < best) {
            best = cost[prev + j - b];
            k = b;
          }
        }
      } else if (j > 0) {
        const crossing = i > 1 && marks?.[j - 1] && query[i - 2].fragment === w.fragment ? COST_CROSS_MARK : 0;
        const c = cost[prev + j - 1] + wordCost(i - 1, j - 1) + crossing;
        if (c < best) {
          best = c;
          how = DIAG;
        }
      }
      cost[row + j] = best;
      op[row + j] = how;
      aux[row + j] = k;
    }
    const boundary = i < n && query[i].fragment !== w.fragment;
    if (boundary) {
      // An ellipsis follows this word: the next fragment may start anywhere later.
      let minJ = 0;
      for (let j = 1; j <= m; j++) {
        if (cost[row + minJ] < cost[row + j]) {
          cost[row + j] = cost[row + minJ];
          op[row + j] = SKIP;
          aux[row + j] = minJ;
        } else {
          minJ = j;
        }
      }
    } else if (i < n) {
      // Inside a fragment, a source word the quote leaves out without an ellipsis costs one (of its gloss, COST_GLOSS).
      for (let j = 1; j <= m; j++) {
        const c = cost[row + j - 1] + (isGloss(glossOf, j - 1) ? COST_GLOSS : 1) + (marks?.[j - 1] ? COST_CROSS_MARK : 0);
        if (c < cost[row + j]) {
          cost[row + j] = c;
          op[row + j] = LEFT;
        }
      }
    }
  }

  let endJ = 0;
  for (let j = 1; j <= m; j++) if (cost[n * W + j] < cost[n * W + endJ]) endJ = j;

  // Traceback.
  const ops: Op[] = [];
  let i = n;
  let j = endJ;
  while (i > 0) {
    const at = i * W + j;
    switch (op[at]) {
      case DIAG: {
        const w = query[i - 1];
        const t = source[j - 1];
        const kind: OpKind = w.norm === t.norm ? (w.contracted === t.contracted ? 'match' : 'variant') : isSpellingVariant(w.norm, t.norm, w.capital && t.capital) ? 'variant' : 'sub';
        ops.push({ kind, q: i - 1, s0: j - 1, s1: j });
        i--;
        j--;
        break;
      }
      case UP:
        ops.push({ kind: query[i - 1].aside ? 'bracket' : 'ins', q: i - 1, s0: j, s1: j });
        i--;
        break;
      case LEFT:
        ops.push({ kind: isGloss(glossOf, j - 1) ? 'gloss' : 'del', s0: j - 1, s1: j });
        j--;
        break;
      case SKIP:
        j = aux[at];
        break;
      case BRACKET: {
        const k = aux[at];
        ops.push({ kind: 'bracket', q: i - 1, s0: j - k, s1: j });
        i--;
        j -= k;
        break;
      }
      default:
        i = 0;
    }
  }
  ops.reverse();
  shiftAddedOutward(ops, query);

  const fragments: Array<{ s0: number; s1: number }> = [];
  for (const o of ops) {
    const f = o.q !== undefined ? query[o.q].fragment : fragments.length - 1;
    if (o.s1 === o.s0 && o.kind !== 'bracket') {
      if (!fragments[f]) fragments[f] = { s0: o.s0, s1: o.s0 };
      continue;
    }
    if (!fragments[f]) fragments[f] = { s0: o.s0, s1: o.s1 };
    else fragments[f].s1 = Math.max(fragments[f].s1, o.s1);
  }
  return { ops, cost: cost[n * W + endJ], fragments };
}

/**
 * Words the quote adds next to words it repeats can be read as added on either side of them: "I don't know what to
 * say. I don't like doing this" against a source quoting "I don't like doing this" is one sentence added before the
 * source's quotation, not words added inside it after "I don't". The traceback takes the first reading; when the
 * quote's opening (or closing) words are matched and then added again, the added run moves to the quote's edge,
 * outside the source's words, at the same cost.
 */
function shiftAddedOutward(ops: Op[], query: readonly QueryWord[]): void {
  const exact = (o: Op | undefined) => o?.kind === 'match';
  const added = (o: Op | undefined) => o?.kind === 'ins';
  const same = (a: Op, b: Op) => query[a.q!].norm === query[b.q!].norm;
  // At the start: k matched words, then a run of added ones ending with the same k words.
  let k = 0;
  while (exact(ops[k])) k++;
  let l = 0;
  while (added(ops[k + l])) l++;
  if (k > 0 && l >= k && ops.slice(0, k).every((o, t) => same(o, ops[l + t]))) {
    const matched = ops.slice(0, k).map((o) => [o.s0, o.s1]);
    const at = ops[0].s0;
    for (let t = 0; t < l; t++) ops[t] = { kind: 'ins', q: t, s0: at, s1: at };
    for (let t = 0; t < k; t++) ops[l + t] = { kind: 'match', q: l + t, s0: matched[t][0], s1: matched[t][1] };
  }
  // At the end: a run of added words beginning with the same words as the k matched ones that close the quote.
  const n = ops.length;
  k = 0;
  while (exact(ops[n - 1 - k])) k++;
  l = 0;
  while (added(ops[n - 1 - k - l])) l++;
  const first = n - k - l;
  if (k > 0 && l >= k && ops.slice(n - k).every((o, t) => same(o, ops[first + t]))) {
    const matched = ops.slice(n - k).map((o) => [o.s0, o.s1]);
    const at = ops[n - 1].s1;
    const q0 = ops[first].q!;
    for (let t = 0; t < k; t++) ops[first + t] = { kind: 'match', q: q0 + t, s0: matched[t][0], s1: matched[t][1] };
    for (let t = 0; t < l; t++) ops[first + k + t] = { kind: 'ins', q: q0 + k + t, s0: at, s1: at };
  }
}
