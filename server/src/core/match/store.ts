// What the checker needs from a collection of sources, whatever holds them (the
// in-process index, or a database archive): candidate passages for a quote, and each
// source's identity, metadata and positions. Alignment and verdicts stay in the
// checker, so every store gives the same verdicts for the same candidates.

import type { Position } from '../text/lines';
import type { Span } from '../text/sentences';
import type { SourceMeta } from '../source/metadata';

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
}

export interface SourceStore {
  /** How many sources the store holds. */
  readonly size: number;
  /** Changes whenever the sources change: results computed under another generation are stale. */
  readonly generation: number;
  /** Passages that may carry a quotation with these normalised words, most promising first. */
  candidates(words: readonly string[], limit: number): Promise<Passage[]>;
}
