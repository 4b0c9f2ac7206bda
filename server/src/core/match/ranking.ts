// How a SourceStore ranks candidate passages, shared by every store so that the
// embedded index and the archive propose the same passages for the same quote:
// sentences score the summed weight (inverse document frequency) of the distinct
// quote words they hold; hit sentences of one source that lie close together form a
// window; windows rank by score, then by source id and position (never by load order).

import { isContentWord, tokenize } from '../text/tokens';
import type { Span } from '../text/sentences';
import { skeleton } from '../text/spelling';

/** The index key of a normalised word: its skeleton, so that Tokayev finds Toqaev. */
export function indexKey(norm: string): string {
  return /\d/.test(norm) ? norm : skeleton(norm);
}

/** The distinct index keys of a sentence's content words, in text order: what a store posts. */
export function sentenceKeys(prose: string, sentence: Span): string[] {
  const keys = new Set<string>();
  for (const t of tokenize(prose, sentence.start, sentence.end)) if (isContentWord(t.norm)) keys.add(indexKey(t.norm));
  return [...keys];
}

/** The distinct index keys of a quote's content words, in the quote's order. */
export function queryKeys(words: readonly string[]): string[] {
  return [...new Set(words.filter(isContentWord).map(indexKey))];
}

/**
 * The weight of a key held by `df` of `total` sentences. An integer (micro-units of
 * log(1 + total/df)), so that scores are exact sums in any order and on any backend:
 * a database summing in another order ranks ties exactly as the embedded index does.
 */
export function keyWeight(total: number, df: number): number {
  return Math.round(1e6 * Math.log(1 + Math.max(1, total) / df));
}

/** A sentence holding some of the quote's keys. `source` is a store's own source number. */
export interface SentenceHit {
  source: number;
  sentence: number;
  score: number;
}

export interface Window {
  source: number;
  /** First and last hit sentence (inclusive). */
  first: number;
  last: number;
  score: number;
}

const MAX_WINDOW_SENTENCES = 40;

/** Groups hits sorted by (source, sentence) into windows of nearby sentences. */
export function groupWindows(sortedHits: Iterable<SentenceHit>): Window[] {
  const windows: Window[] = [];
  for (const h of sortedHits) {
    const w = windows[windows.length - 1];
    if (w && w.source === h.source && h.sentence - w.last <= 2 && h.sentence - w.first < MAX_WINDOW_SENTENCES) {
      w.last = h.sentence;
      w.score += h.score;
    } else {
      windows.push({ source: h.source, first: h.sentence, last: h.sentence, score: h.score });
    }
  }
  return windows;
}

/** Best first: higher score, then source id (code-unit order), then earlier in the source. */
export function rankWindows(windows: Window[], idOf: (source: number) => string): Window[] {
  return windows.sort((a, b) => b.score - a.score || compareIds(idOf(a.source), idOf(b.source)) || a.first - b.first);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sentences a window's passage spans: one sentence of context either side. */
export function passageSentences(w: Window, sentenceCount: number): { first: number; last: number } {
  return { first: Math.max(0, w.first - 1), last: Math.min(sentenceCount - 1, w.last + 1) };
}
