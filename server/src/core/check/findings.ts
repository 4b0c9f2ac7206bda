// What the checker reports: claims (every quote it found, with its verdict and
// sources) and findings (the claims a writer should look at, with stable codes).
// Offsets are UTF-16 code units into the draft; source locations carry positions too.

import type { Position } from '../text/lines';
import type { SourceRef } from '../match/store';
import type { Figure } from '../facts/figures';
import type { DateValue } from '../facts/dates';
import type { QuotationKind, Speaker } from '../speakers/attribute';
import { saysMore } from '../text/dateStyle';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Diagnostic codes: a public interface (README, "Diagnostic codes"). Change only on purpose. */
export const CODES = {
  misquote: 'warning',
  'unsourced-quote': 'warning',
  'quote-variant': 'information',
  'unsourced-phrase': 'information',
  // A claim checked while a store (the archive) could not be searched: its verdict is incomplete.
  'sources-unsearched': 'information',
  'quote-is-narration': 'information',
  'misattributed-quote': 'warning',
  // Reserved for the figure and date checks.
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
  /**
   * The most a severity setting (`sourceCheck.severity`, check/severity.ts) may raise this finding to.
   * Set on a quote whose end is a guess (an unclosed or unbalanced mark): it is information at most,
   * whatever the setting gives its code. A setting may still lower it or turn it off.
   */
  ceiling?: Severity;
}

/** A difference between the draft's words and the source's, for messages and hovers. */
export interface WordDiff {
  /** 'order': the pieces around an ellipsis are the source's, but in another order. */
  kind: 'changed' | 'added' | 'dropped' | 'spelling' | 'order';
  draft: string;
  source: string;
}

/**
 * A closest passage worth showing beside an unsourced quote: it shares at least half the quote's content words
 * (and three words). One that shares a word or two is noise, not a lead.
 */
export function closeEnough(m: Pick<SourceMatch, 'matched' | 'contentMatched' | 'contentTotal'>): boolean {
  return m.matched >= 3 && m.contentMatched * 2 >= Math.max(1, m.contentTotal);
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
  /** Matched content words outside everyday speech (check/quotes.ts, MISQUOTE_MIN_RARE). */
  rareMatched?: number;
  /** The longest run of the quote's words matched one after the other (check/quotes.ts, MISQUOTE_MIN_RUN). */
  longestRun?: number;
  /** That run's first and last query words (not serialised: the stock-phrase check reads it at check time). */
  readonly runSpan?: readonly [number, number];
  /** The source writes a quotation mark just before the matched words (a quote its pairing may miss). */
  afterQuoteMark?: boolean;
  /** The last quotation mark before the words opens a quotation still open at them (BBC's paragraph-long quotes). */
  insideMarks?: boolean;
  /** The source's quotation is these words alone: a mark opens just before them and closes just after. */
  quotedAlone?: boolean;
  cost: number;
  /** How this source presents the matched words; absent when the store does not say. */
  presentation?: SourcePresentation;
  /**
   * The real differences that are not between the speaker's words (check/quotes.ts): in the source's
   * narration around a quotation giving only part of the quote, or by a bracket either side inserted. No
   * evidence of a misquote. Read on demand; not in JSON.
   */
  readonly unquoted?: readonly WordDiff[];
}

/**
 * How a source presents the words a quote matched: as a quotation (marked, a block
 * quote after a lead-in, or with its marks stripped: "…, Tokayev said."), as indirect
 * speech ("Tokayev stated that …"), or as its own narration.
 */
export interface SourcePresentation {
  kind: QuotationKind | 'narration';
  speaker?: Speaker;
  /** The words that attribute it ("he" of “he said”), and where the speaker's name is written. */
  cue?: SourceLocation;
  named?: SourceLocation;
}

/** The speaker a source gives a quote, with where it says so. */
export interface SourceSpeaker {
  speaker: Speaker;
  /** The corpus-wide name of the person (people.ts), when the corpus knows them. */
  person?: string;
  match: SourceMatch;
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
  /**
   * A short phrase's sources that quote it word for word but may not be the same statement: inside a
   * longer quotation (the same statement only when the source's speaker is the draft's), or quoted alone
   * by another speaker or in a sentence about something else (check/draft.ts, speakers/check.ts).
   */
  withinQuotes?: SourceMatch[];
  /**
   * A short phrase's sources that write it word for word as their own prose, in no quotation: a phrase of the
   * language ("has nothing to do", "by the back door"), which two sources quoting it does not make one statement.
   */
  inProse?: number;
  verdict: QuoteVerdict;
  /** The source the verdict rests on: the verbatim one when there is one, else the closest. */
  best?: SourceMatch;
  /** Other sources that carry the quote, perhaps in other wording. */
  others: SourceMatch[];
  /** The speaker the sources give the quote: the first source (best, then others) that names one. */
  sourceSpeaker?: SourceSpeaker;
  /** The speaker the draft gives the quote, found with the same patterns. */
  draftSpeaker?: Speaker;
  /**
   * How the two compare: the same person (perhaps spelt differently); an institution
   * and its spokesperson; different people (a misattribution); or unknown (either side
   * names no one the checker can compare).
   */
  speakerVerdict?: 'same' | 'institution' | 'different' | 'unknown';
  /** Covered by an ignore directive in the draft (see check/directives.ts): no finding. */
  ignored?: boolean;
  /** Reached on part of the sources (SourceStore.partial): see check/incomplete.ts. */
  incomplete?: boolean;
  /**
   * The only sources close to the quote write the words as narration or indirect speech
   * (best is one of them): no misquote of words nobody is quoted saying, only quote-is-narration.
   */
  narration?: boolean;
  /**
   * The source (best) quotes part of the quote word for word and writes the rest as its own narration
   * or not at all: no misquote, and no source carries the whole quote.
   */
  partial?: boolean;
}

/**
 * Whether a source fact's value is worth writing beside its words, in brackets: a figure's when it
 * differs ("99.23 percent" (99.23%)), a date's when it says more than they do ("Sep. 6" (6 Sept
 * 2022), not "September 23" (23 Sept)).
 */
export function valueSaysMore(m: Pick<FactMatch, 'text' | 'value' | 'date'>): boolean {
  return m.value !== m.text && (!m.date || saysMore(m.text, m.value));
}

/** A source's figure or date that a draft's fact was compared with. */
export interface FactMatch {
  /** The figure or date in the source. */
  location: SourceLocation;
  /** As the source writes it ("99.23%", "Sep. 6"), and its value in words for messages ("99.23%", "6 Sept 2022"). */
  text: string;
  value: string;
  /** A date's value (for machine outputs: ISO in the CLI's JSON). */
  date?: DateValue;
  /** What it is about, in the source's words ("Donetsk", "referendums start"). */
  about: string;
  /** The source sentence, and the fact's range in it. */
  sentence: string;
  marks: Array<{ start: number; end: number }>;
  /** How a relative or year-less source date was resolved ("Monday" in an article dated …). */
  how?: string;
  /** The replacement for the draft's number or date when the draft disagrees with this source. */
  fix?: { start: number; end: number; newText: string };
}

/**
 * verified: a source gives this figure or date for the same thing (rounded: the draft
 * rounds or hedges it consistently); mismatch: the sources give another; disputed: the
 * sources disagree with each other; unsourced: no source gives it.
 */
export type FactVerdict = 'verified' | 'rounded' | 'mismatch' | 'disputed' | 'unsourced';

interface FactClaimBase {
  start: number;
  end: number;
  text: string;
  verdict: FactVerdict;
  /**
   * The source the verdict rests on (agreeing, or for a mismatch the contradicting one). For an unsourced
   * fact: a source giving the same value in a passage that may be about something else (shown, not claimed).
   */
  best?: FactMatch;
  /** Other sources that agree. */
  others: FactMatch[];
  /** Sources that say otherwise about the same thing. */
  conflicting: FactMatch[];
  /** What the draft's figure or date is about, in words ("Luhansk, vote in favour"; facts/frame.ts). */
  subject?: string;
  /** A remark for the hover ("99.23% is the figure the sources give for Donetsk"). */
  note?: string;
  /**
   * The agreeing source's clause names no owner and no named evidence ties it to the draft's: in an archive it
   * verifies only where the draft draws on that source otherwise. For a mismatch: the contradicting passage names
   * no owner of the draft's, so it contradicts a draft that draws on no source yet only as information (drawnOn.ts).
   */
  unowned?: boolean;
  /** For a disputed fact: the verdict (and note) the agreeing sources give alone, should the disputes be set aside. */
  undisputed?: { verdict: FactVerdict; note?: string };
  /**
   * For an unsourced fact: a source giving another value for what may be the same thing, in an archive the draft
   * draws on nowhere else (drawnOn.ts). Shown as information, never as a mismatch.
   */
  unsure?: FactMatch;
  /** An unsourced fact the noise rules or settings keep quiet (no finding; the hover still explains). */
  quiet?: boolean;
  /** Covered by an ignore directive in the draft (see check/directives.ts): no finding. */
  ignored?: boolean;
  /** Reached on part of the sources (SourceStore.partial): see check/incomplete.ts. */
  incomplete?: boolean;
}

export interface FigureClaim extends FactClaimBase {
  kind: 'figure';
  figure: Figure;
}

export interface DateClaim extends FactClaimBase {
  kind: 'date';
  date: DateValue;
  relative: boolean;
}

export type Claim = QuoteClaim | FigureClaim | DateClaim;

export interface CheckResult {
  claims: Claim[];
  findings: Finding[];
}
