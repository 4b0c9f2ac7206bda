// How a SourceStore ranks candidate passages, shared by every store so that the
// embedded index and the archive propose the same passages for the same quote:
// the quote's rarest words are looked up; sentences score the summed weight (inverse
// document frequency) of the distinct quote words they hold; sentences far weaker than
// the best are dropped; strong sentences of one source that lie close together form a
// window; windows rank by score, then by source id and position (never by load order).

import { forEachWord, isContentWord } from '../text/tokens';
import { skeleton } from '../text/spelling';
import type { Span } from '../text/sentences';

/** The index key of a normalised word: its skeleton, so that Tokayev finds Toqaev. */
export function indexKey(norm: string): string {
  return /\d/.test(norm) ? norm : skeleton(norm);
}

const contentKeys = new Map<string, string | null>();

/** indexKey for content words, undefined for function words; memoised (indexers call it per word). */
export function contentKey(norm: string): string | undefined {
  let key = contentKeys.get(norm);
  if (key === undefined) {
    key = isContentWord(norm) ? indexKey(norm) : null;
    if (contentKeys.size > 500_000) contentKeys.clear();
    contentKeys.set(norm, key);
  }
  return key ?? undefined;
}

/** The distinct index keys of a sentence's content words, in text order: what a store posts. */
export function sentenceKeys(prose: string, sentence: Span): string[] {
  const keys = new Set<string>();
  forEachWord(prose, sentence.start, sentence.end, (norm) => {
    const key = contentKey(norm);
    if (key !== undefined) keys.add(key);
  });
  return [...keys];
}

/** Only this many of a quote's words (the rarest) are looked up. */
export const MAX_QUERY_KEYS = 16;
/** The rarest words always looked up; the others only if they are rarer than COMMON_SHARE of sentences. */
const ALWAYS_KEYS = 6;
const COMMON_SHARE = 0.01;
/** Sentences scoring under this share of the best sentence are not candidates. */
export const SENTENCE_FLOOR = 0.25;

/**
 * How many of a quote's looked-up keys a sentence must hold to be a candidate: two, once
 * there are three or more. A sentence holding one of three cannot carry half of the quote's
 * content words, which even a misquote needs (check/quotes.ts, MISQUOTE_MIN_CONTENT); a
 * neighbour that holds more is found itself, and its passage takes in the sentences either
 * side. Without this, a quote whose best source holds few of its words (an invented quote, a
 * changed word among common ones) made every sentence holding any one of them a candidate:
 * 400,000 sentences for one quote at 1,000,000 articles.
 */
export function minKeysHeld(keys: number): number {
  return keys >= 3 ? 2 : 1;
}
const MAX_WINDOW_SENTENCES = 24;
/** Hit sentences this close (in sentences) join one window. */
export const WINDOW_GAP = 3;
/** How far a tie for the best score may stretch the list of candidates. */
const MAX_TIED_CANDIDATES = 64;

/** The distinct index keys of a quote's content words, in the quote's order. */
export function queryKeys(words: readonly string[]): string[] {
  return [...new Set(words.filter(isContentWord).map(indexKey))];
}

/**
 * The keys to look up: those the store holds (df > 0), rarest first (ties in the quote's
 * order), at most MAX_QUERY_KEYS; beyond the rarest few, a word found in over 1% of all
 * `total` sentences narrows nothing down. At most 16 keys: a sentence's keys fit a bit mask.
 */
export function lookupKeys(keys: readonly string[], dfOf: (key: string) => number | undefined, total: number): Array<{ key: string; df: number }> {
  const all = Math.max(1, total);
  return keys
    .map((key) => ({ key, df: dfOf(key) ?? 0 }))
    .filter((k) => k.df > 0)
    .sort((a, b) => a.df - b.df)
    .slice(0, MAX_QUERY_KEYS)
    .filter((k, i) => i < ALWAYS_KEYS || k.df <= all * COMMON_SHARE);
}

/**
 * The weight of a key held by `df` of `total` sentences. An integer (micro-units of
 * log(1 + total/df)), so that scores are exact sums in any order and on any backend:
 * a database summing in another order ranks ties exactly as the embedded index does.
 */
export function keyWeight(total: number, df: number): number {
  return Math.round(1e6 * Math.log(1 + Math.max(1, total) / df));
}

/** The summed weights of the keys in a mask (bit k: the k-th looked-up key). */
export function scoreOf(mask: number, weights: readonly number[]): number {
  let score = 0;
  for (let k = 0; k < weights.length; k++) if (mask & (1 << k)) score += weights[k];
  return score;
}

/**
 * Which keys a candidate sentence must hold (minKeysHeld of them, scoring at least a quarter
 * of the best: the floor), given a lower bound on the best score and the looked-up keys'
 * weights: every candidate holds all the keys of one of the returned arms (indices into the
 * weights), and a store reads only the sentences matching an arm. Take a candidate's first
 * key i (in lookup order) and its second j: its other keys come after j, so it scores at most
 * w[i] + w[j] + (all weights after j). An arm [i] stands for the sentences whose first key is
 * i when one key may do and w[i] alone reaches the floor; otherwise the pairs [i, j] whose
 * bound reaches it do, and a key i whose bound with every later key stays under it starts no
 * arm at all (a common word's long posting list is then never read on its own). Exact: the
 * arms only leave out sentences that are no candidates, so stores use them to save time,
 * never to rank. A bound of 0: every key alone, or every pair from three keys on.
 */
export function keyArms(weights: readonly number[], bestLowerBound: number): number[][] {
  const floor = bestLowerBound * SENTENCE_FLOOR;
  const alone = minKeysHeld(weights.length) === 1;
  // after[k]: the summed weights of the keys from k on.
  const after = new Array<number>(weights.length + 1).fill(0);
  for (let k = weights.length - 1; k >= 0; k--) after[k] = after[k + 1] + weights[k];
  const arms: number[][] = [];
  for (let i = 0; i < weights.length; i++) {
    if (after[i] < floor) break;
    if (alone && weights[i] >= floor) {
      arms.push([i]);
      continue;
    }
    for (let j = i + 1; j < weights.length; j++) if (weights[i] + weights[j] + after[j + 1] >= floor) arms.push([i, j]);
  }
  return arms;
}

/** A sentence holding some of the quote's keys. `source` is a store's own source number. */
export interface SentenceHit {
  source: number;
  sentence: number;
  /** Which looked-up keys it holds (bit k: key k), and their summed weights. */
  mask: number;
  score: number;
}

export interface Window {
  source: number;
  /** First and last hit sentence (inclusive). */
  first: number;
  last: number;
  mask: number;
  score: number;
}

/**
 * Drops the sentences far weaker than the best (they hold at most a stray word of the
 * quote) and groups the others, by source and position, into windows of nearby sentences
 * (a quote may span sentences, and the fragments around an ellipsis may sit a sentence or
 * two apart). A window scores the quote words it holds, each once: many weak sentences do
 * not outweigh one exact one. Also gives which keys weigh the floor on their own (bit k: key
 * k): a sentence near a window holding one of them widens its passage (passageSentences).
 */
export function groupWindows(hits: SentenceHit[], weights: readonly number[]): { windows: Window[]; reaching: number } {
  const { holds, floor } = hitFloor(hits.length, (i) => hits[i].mask, (i) => hits[i].score, weights);
  const strong = hits.filter((h) => holds(h.mask) && h.score >= floor).sort((a, b) => a.source - b.source || a.sentence - b.sentence);
  const windows: Window[] = [];
  for (const h of strong) {
    const w = windows[windows.length - 1];
    if (w && w.source === h.source && h.sentence - w.last <= WINDOW_GAP && h.sentence - w.first < MAX_WINDOW_SENTENCES) {
      w.last = h.sentence;
      w.mask |= h.mask;
    } else {
      windows.push({ source: h.source, first: h.sentence, last: h.sentence, mask: h.mask, score: 0 });
    }
  }
  for (const w of windows) w.score = scoreOf(w.mask, weights);
  let reaching = 0;
  weights.forEach((weight, k) => weight >= floor && (reaching |= 1 << k));
  return { windows, reaching };
}

/**
 * Which hits groupWindows keeps, as a test on a hit's mask: those holding minKeysHeld keys that score within
 * SENTENCE_FLOOR of the best, among hits with these masks. A store that has tens of thousands of postings in hand
 * makes objects of these only.
 */
export function keptMasks(masks: ArrayLike<number>, count: number, weights: readonly number[]): (mask: number) => boolean {
  const { holds, floor } = hitFloor(count, (i) => masks[i], (i) => scoreOf(masks[i], weights), weights);
  return (mask) => holds(mask) && scoreOf(mask, weights) >= floor;
}

/**
 * What a hit must hold to be kept (minKeysHeld of the keys) and the score it must reach: SENTENCE_FLOOR of the best
 * hit that holds them. groupWindows' test, shared with keptMasks so the two cannot drift apart.
 */
function hitFloor(count: number, maskAt: (i: number) => number, scoreAt: (i: number) => number, weights: readonly number[]): { holds: (mask: number) => boolean; floor: number } {
  const held = minKeysHeld(weights.length);
  const holds = (mask: number) => held <= 1 || bitCount(mask) >= held;
  let best = 0;
  for (let i = 0; i < count; i++) {
    if (!holds(maskAt(i))) continue;
    const score = scoreAt(i);
    if (score > best) best = score;
  }
  return { holds, floor: best * SENTENCE_FLOOR };
}

function bitCount(mask: number): number {
  let n = 0;
  for (; mask; mask &= mask - 1) n++;
  return n;
}

/** Best first: higher score, then shorter (the same words closer together); ids only break exact ties. */
function byStrength(a: Window, b: Window): number {
  return b.score - a.score || a.last - a.first - (b.last - b.first);
}

/**
 * The windows worth aligning: `limit` of them, stretched (up to 64) over the windows that
 * tie with the best (quotes made of common words tie in many places), plus any window
 * exactly as strong as the last one taken (ids, which the store may have to look up,
 * decide between them: see rankContenders).
 */
export function contenders(windows: Window[], limit: number): { windows: Window[]; take: number } {
  windows.sort(byStrength);
  const top = windows[0]?.score ?? 0;
  let take = Math.min(limit, windows.length);
  while (take < windows.length && take < MAX_TIED_CANDIDATES && windows[take].score >= top * 0.999) take++;
  if (take === 0) return { windows: [], take: 0 };
  const last = windows[take - 1];
  return { windows: windows.filter((w, i) => i < take || byStrength(w, last) === 0), take };
}

/** The chosen windows, best first; exact ties break by source id (code-unit order), then position, never by load order. */
export function rankContenders(c: { windows: Window[]; take: number }, idOf: (source: number) => string): Window[] {
  return c.windows.sort((a, b) => byStrength(a, b) || compareIds(idOf(a.source), idOf(b.source)) || a.first - b.first).slice(0, c.take);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The sentences a window's passage spans: one of context either side, and on to the farthest
 * sentence within WINDOW_GAP that `reaches` (holds a key weighing the floor on its own): a quote
 * running over several sentences, one of them holding a single word of it ("So, no, we're not
 * declining. We're here. I don't have to win this tournament…"), which is no candidate itself
 * (minKeysHeld). Stores read only these few sentences for it.
 */
export function passageSentences(w: Window, sentenceCount: number, reaches: (sentence: number) => boolean = () => false): { first: number; last: number } {
  let first = Math.max(0, w.first - 1);
  for (let s = Math.max(0, w.first - WINDOW_GAP); s < first; s++) {
    if (reaches(s)) {
      first = s;
      break;
    }
  }
  let last = Math.min(sentenceCount - 1, w.last + 1);
  for (let s = Math.min(sentenceCount - 1, w.last + WINDOW_GAP); s > last; s--) {
    if (reaches(s)) {
      last = s;
      break;
    }
  }
  return { first, last };
}
