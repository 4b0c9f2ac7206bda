// Remembers each quote's verdict by its exact words, so that re-checking a draft after
// a keystroke only aligns the quotes that changed. Any change to the sources (the
// store's generation) forgets everything.

import type { QuoteClaim } from './findings';

const MAX_ENTRIES = 5_000;

export class QuoteCache {
  private generation = -1;
  private claims = new Map<string, QuoteClaim | null>();

  /** The cached claim for these words, re-based to `start`; null when the words make no claim. */
  get(generation: number, words: string, start: number): QuoteClaim | null | undefined {
    if (generation !== this.generation) {
      this.claims.clear();
      this.generation = generation;
      return undefined;
    }
    const c = this.claims.get(words);
    if (c === undefined || c === null) return c;
    return { ...c, start, end: start + (c.end - c.start) };
  }

  set(generation: number, words: string, claim: QuoteClaim | null): void {
    if (generation !== this.generation) {
      this.claims.clear();
      this.generation = generation;
    }
    if (this.claims.size >= MAX_ENTRIES) this.claims.clear();
    this.claims.set(words, claim);
  }
}
