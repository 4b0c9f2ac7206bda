// Remembers each quote's verdict by its exact words, and the figure and date claims of
// each sentence by the text they are read from, so that re-checking a draft after a
// keystroke only checks what the edit changed. Any change to the sources (the store's
// generation) forgets everything.

import type { DateClaim, FigureClaim, QuoteClaim } from './findings';
import type { Fact } from '../facts/extract';
import type { SourceFact } from '../match/store';

const MAX_ENTRIES = 5_000;
/** Source facts a FactCache keeps from the store's answers: about 150 bytes each (the object and its SourceRef), so about 15 MB a document at most. */
const MAX_LOOKUP_FACTS = 100_000;

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

/**
 * The figures and dates of one draft sentence, and the claims already made on them,
 * with offsets relative to the sentence's chunk (the whole lines that hold it) so
 * that an edit above it only moves them.
 */
export interface SentenceFacts {
  facts: Fact[];
  /** One per fact; undefined until the fact is checked (a fact inside a quotation never is). */
  claims: Array<FigureClaim | DateClaim | undefined>;
}

/**
 * Remembers the figure and date claims of each draft sentence, so that a keystroke
 * re-extracts and re-checks only the sentences it changed. The key holds everything
 * extraction and verdict read (see sentenceKey in facts.ts): the text of the lines
 * around the sentence, the sentence's place in them, and which of the draft's names
 * (namesOf and corpusNames) its words are. The store's generation forgets everything.
 */
export class FactCache {
  private generation = -1;
  private sentences = new Map<string, SentenceFacts>();
  /** Whether the sources use a sentence-initial word as a name (corpusNames), by word. */
  private names = new Map<string, boolean>();
  /**
   * The store's facts by key: re-checking an edited sentence asks mostly the keys it asked
   * before (its names, its value). At most MAX_LOOKUP_FACTS source facts are kept.
   */
  private lookups = new Map<string, SourceFact[]>();
  private lookupFacts = 0;

  private sync(generation: number): void {
    if (generation === this.generation) return;
    this.sentences.clear();
    this.names.clear();
    this.lookups.clear();
    this.lookupFacts = 0;
    this.generation = generation;
  }

  lookup(generation: number, key: string): SourceFact[] | undefined {
    this.sync(generation);
    return this.lookups.get(key);
  }

  setLookup(generation: number, key: string, facts: SourceFact[]): void {
    this.sync(generation);
    if (this.lookupFacts + facts.length > MAX_LOOKUP_FACTS) {
      this.lookups.clear();
      this.lookupFacts = 0;
    }
    this.lookups.set(key, facts);
    this.lookupFacts += facts.length;
  }

  sentence(generation: number, key: string): SentenceFacts | undefined {
    this.sync(generation);
    return this.sentences.get(key);
  }

  setSentence(generation: number, key: string, entry: SentenceFacts): void {
    this.sync(generation);
    if (this.sentences.size >= MAX_ENTRIES) this.sentences.clear();
    this.sentences.set(key, entry);
  }

  corpusName(generation: number, word: string): boolean | undefined {
    this.sync(generation);
    return this.names.get(word);
  }

  setCorpusName(generation: number, word: string, isName: boolean): void {
    this.sync(generation);
    if (this.names.size >= MAX_ENTRIES) this.names.clear();
    this.names.set(word, isName);
  }
}
