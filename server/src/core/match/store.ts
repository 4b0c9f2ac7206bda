// What the checker needs from a collection of sources, whatever holds them (the
// in-process index, or a database archive): candidate passages for a quote, and each
// source's identity, metadata and positions. Alignment and verdicts stay in the
// checker, so every store gives the same verdicts for the same candidates.

import type { Position } from '../text/lines';
import type { Span } from '../text/sentences';
import type { SourceMeta } from '../source/metadata';
import type { Fact } from '../facts/extract';
import type { AliasTable } from '../facts/context';
import type { Quotation } from '../speakers/attribute';
import type { Person } from '../speakers/people';
import type { FactFrame } from '../facts/frame';

export interface SourceRef {
  id: string;
  uri: string;
  meta: SourceMeta;
  positionAt(offset: number): Position;
}

export interface Passage {
  source: SourceRef;
  /** Offset of `text` within the source file. */
  start: number;
  /** The prose of the passage (markup hidden, offsets unchanged). */
  text: string;
  /** Sentences of the passage, with offsets in the source file. */
  sentences: Span[];
  /** How strongly the store expects the quote here (comparable within one answer only). */
  score: number;
  /**
   * The source's quotations and reported speech that overlap the passage, with their
   * speakers (offsets in the source file). Absent when the store does not keep them:
   * the checker then says nothing about speakers or narration for this passage.
   */
  quotations?: Quotation[];
}

/** A figure or date of a source, with the text of its sentence (for hovers and messages). */
export interface SourceFact {
  source: SourceRef;
  fact: Fact;
  /** The prose of `fact.sentence` (may be read lazily). */
  readonly sentence: string;
  /**
   * The prose before `fact.sentence` in its paragraph (paragraphBefore), where the store keeps the text (may be read
   * lazily): who a sentence that names no one is about (subjectsBefore).
   */
  readonly before?: string;
  /** The fact's frame (frameOf), where the store keeps it between lookups: sourceFrame reads it first. */
  readonly frame?: FactFrame;
}

/**
 * More sources than this are an archive, not the sources of one story: most of its articles are about other
 * stories, so what contradicts or verifies a draft there takes more evidence (check/drawnOn.ts).
 */
export const ARCHIVE_SIZE = 50;

export interface SourceStore {
  /** How many sources the store holds. */
  readonly size: number;
  /** Changes whenever the sources change: results computed under another generation are stale. */
  readonly generation: number;
  /** Passages that may carry a quotation with these normalised words, most promising first. */
  candidates(words: readonly string[], limit: number): Promise<Passage[]>;
  /**
   * The people of the corpus (core/speakers/people.ts corpusPeople over the sources'
   * attributions), for the people list and to tell a person from a place in a draft
   * ("Smadiyarov said" vs "Kazakhstan said"). Optional: without it, a draft speaker
   * written as a lone surname is not checked.
   */
  people?(): Promise<Person[]>;
  /**
   * Source facts (figures and dates) indexed under any of these keys: factKeys in
   * core/facts/keys.ts (`n:` name keys, `w:` key words, `v:` figure values), or pairKey of
   * two of them (the facts under both); order does not matter. A key or pair on more than
   * MAX_FACTS_PER_KEY facts finds none. The fact methods are optional: a store without them
   * gets no figure or date checks (every draft fact would otherwise read as unsourced).
   */
  facts?(keys: readonly string[]): Promise<SourceFact[]>;
  /** How many source facts each of these (plain) keys is indexed under, in order. */
  factCounts?(keys: readonly string[]): Promise<number[]>;
  /** Every source fact, for listing the corpus's disagreements. */
  allFacts?(): Promise<SourceFact[]>;
  /** The corpus alias table: abbreviations → the distinctive words of what they stand for (buildAliases). */
  aliases?(): Promise<AliasTable>;
  /**
   * Whether one of this store's answers (a list or table it returned) rests on part of its
   * sources only: a combined store whose archive could not answer gives its local part's.
   * The checker marks the claims built on such an answer incomplete (check/incomplete.ts).
   */
  partial?(answer: object): boolean;
}
