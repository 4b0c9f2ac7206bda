// What the checker reports: claims (every quote it found, with its verdict and
// sources) and findings (the claims a writer should look at, with stable codes).
// Offsets are UTF-16 code units into the draft; source locations carry positions too.

import type { Position } from '../text/lines';
import type { SourceRef } from '../match/store';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Diagnostic codes: a public interface (README, "Diagnostic codes"). Change only on purpose. */
export const CODES = {
  misquote: 'warning',
  'unsourced-quote': 'warning',
  'quote-variant': 'information',
  'unsourced-phrase': 'information',
  // Reserved for the figure, date and speaker checks.
  'misattributed-quote': 'warning',
  'figure-mismatch': 'warning',
  'date-mismatch': 'warning',
  'unsourced-figure': 'information',
  'unsourced-date': 'information',
  'sources-disagree': 'information',
} as const satisfies Record<string, Severity>;

export type Code = keyof typeof CODES;

export interface SourceLocation {
  source: SourceRef;
  start: number;
  end: number;
  range: { start: Position; end: Position };
}

export interface Fix {
  title: string;
  start: number;
  end: number;
  newText: string;
}

export interface Related {
  location: SourceLocation;
  message: string;
}

export interface Finding {
  code: Code;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  related: Related[];
  fixes: Fix[];
}

/** A difference between the draft's words and the source's, for messages and hovers. */
export interface WordDiff {
  /** 'order': the pieces around an ellipsis are the source's, but in another order. */
  kind: 'changed' | 'added' | 'dropped' | 'spelling' | 'order';
  draft: string;
  source: string;
}

export interface SourceMatch {
  /** The matched words in the source, from the first to the last. */
  location: SourceLocation;
  /** The source's wording of the matched words (ellipses kept as in the draft). */
  wording: string;
  /** The sentence(s) around the match, and the matched span inside them (offsets relative to `sentence`). */
  sentence: string;
  marks: Array<{ start: number; end: number }>;
  diffs: WordDiff[];
  /** Words of the quote found in this passage, and words the quote has (bracketed insertions excluded). */
  matched: number;
  total: number;
  /** The same for content words (function words carry little evidence). */
  contentMatched: number;
  contentTotal: number;
  cost: number;
}

export type QuoteVerdict = 'verified' | 'variant' | 'misquote' | 'unsourced';

export interface QuoteClaim {
  kind: 'quote';
  /** The quoted words (inside the marks). */
  start: number;
  end: number;
  text: string;
  /** Three words or fewer: checked by exact match only. */
  short: boolean;
  verdict: QuoteVerdict;
  /** The source the verdict rests on: the verbatim one when there is one, else the closest. */
  best?: SourceMatch;
  /** Other sources that carry the quote, perhaps in other wording. */
  others: SourceMatch[];
  /** Covered by an ignore directive in the draft (see check/directives.ts): no finding. */
  ignored?: boolean;
}

export type Claim = QuoteClaim;

export interface CheckResult {
  claims: Claim[];
  findings: Finding[];
}
