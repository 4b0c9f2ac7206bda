// Checks one quotation against the sources: retrieve candidate passages, align the
// quote on each, and decide on evidence. A verbatim reading verifies; a passage that
// holds most of the quote's words in order, with some changed, added or dropped,
// makes a misquote; anything less is unsourced.

import { align, Alignment } from '../match/align';
import { parseQuery, Query } from '../match/query';
import type { Passage, SourceStore } from '../match/store';
import { isContentWord, isTitleCase, tokenize, Token } from '../text/tokens';
import { skeleton } from '../text/spelling';
import { expandContractions } from '../text/contractions';
import type { QuoteClaim, SourceMatch, SourcePresentation, WordDiff } from './findings';
import type { Quotation } from '../speakers/attribute';

/**
 * Evidence needed to call a quote a misquote of a passage rather than unsourced,
 * measured on the generated drafts over the BBC corpus (see BENCHMARKS.md,
 * "Quote thresholds"): the share of the quote's words found in order, and the share
 * of its content words.
 */
export const MISQUOTE_MIN_WORDS = 0.7;
export const MISQUOTE_MIN_CONTENT = 0.5;
export const MISQUOTE_MIN_MATCHED = 3;
/**
 * Shared content words outside everyday speech a misquote needs: "that's a tough area" and
 * "that's a tough negotiation" share only stock words, and are two statements, not one misquoted.
 */
export const MISQUOTE_MIN_RARE = 2;
/**
 * …or this many words in common in one unbroken run (the same words, one after the other, in the
 * quote and the source): a sentence, not a stock phrase ("Of course, that would be" a disaster / chaos).
 * Five words in order with changes between them ("I don't believe that's going to work" and "I don't
 * expect that's going to change") are two statements built of the same everyday words.
 */
export const MISQUOTE_MIN_RUN = 5;
/**
 * A run of this many words or fewer that another source uses outside the quote's statement is a phrase
 * of the language ("president and commander in chief", "within ranges broadly consistent with economic
 * fundamentals"), not evidence that the quote is a source's statement misquoted. Longer runs found
 * elsewhere are the same statement quoted in part.
 */
export const STOCK_RUN_WORDS = 7;
/**
 * A misquote is the same statement with a slip or two. A quote that differs from its closest passage in more
 * places than this is another wording of the line (a stump line given again, a paraphrase in quotation marks):
 * which words were said cannot be told, so no misquote is claimed.
 */
export const MISQUOTE_MAX_DIFFS = 3;
/** Passages a stock-phrase check looks through for another use of the run. */
const STOCK_CANDIDATES = 30;
/** Content words too common in speech to show two quotations are the same statement. */
export const COMMON_WORDS = new Set(
  (
    "that's it's there's i'm we're they're you're don't can't won't isn't didn't doesn't thats its theres im dont cant wont " +
    'course really going get got make made say said says think know want like well one two new good great bad tough big ' +
    'thing things way lot time times year years day days people area part now even still back many much going come see ' +
    'continue continues continued keep kept try tried need needs work help look take took give put tell ask let'
  ).split(' '),
);
/**
 * A quoted phrase of this many words or fewer is only verified by an exact match that is the same
 * statement (shortPhraseSource), never misquoted: "as soon as possible", "numbers don't add up" and
 * "take on the Washington cartel" are in many people's mouths and many reporters' sentences.
 */
export const SHORT_QUOTE_WORDS = 5;
/** Up to this many words, a phrase must stand alone in the source's marks; longer ones may stand inside a quotation. */
export const TINY_QUOTE_WORDS = 3;
const QUOTE_MARKS = new Set(['"', '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB', '\u2039', '\u203A']);

/** Marks that open a quotation when they touch the next word ("In …, “In …): a closing mark does not. */
const OPENING_MARKS = new Set(['"', '\u201C', '\u201E', '\u00AB']);

function hasQuoteMark(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (QUOTE_MARKS.has(text[i])) return true;
  return false;
}
/** Passages scoring below this share of the best candidate's score are not aligned. */
const CANDIDATE_FLOOR = 0.3;
/** Candidate passages aligned per quote. */
const CANDIDATES = 12;

export async function checkQuote(text: string, start: number, end: number, store: SourceStore): Promise<QuoteClaim | undefined> {
  const query = parseQuery(text, start, end);
  const spoken = query.words.filter((w) => !w.bracket);
  if (spoken.length === 0) return undefined;
  const short = query.quotedWordCount <= SHORT_QUOTE_WORDS;
  // A short phrase of function words only ("we will") is not a claim worth checking, nor a letter or a digit: a
  // label ("B" shares, a grade "A"), the same in every source that names a class of shares.
  if (short && !spoken.some((w) => isContentWord(w.norm))) return undefined;
  if (spoken.length === 1 && spoken[0].norm.length === 1) return undefined;

  // Nor is a short title or name ("Meet the Press", "Make America Great Again", "JEB BUSH": two content
  // words or more, all capitalised): it is no one's statement, and the sources name it for other reasons.
  if (short && spoken.filter((w) => isContentWord(w.norm)).length >= 2 && isTitleCase(text.slice(start, end))) return undefined;
  const claim: QuoteClaim = { kind: 'quote', start, end, text: text.slice(start, end), short, verdict: 'unsourced', others: [] };
  // Aligned with its contractions read out ("we've" as "we have"), as every passage is.
  // Evidence is still counted in written words (matchPassage): "I'm going to be" is four, not five.
  const aligned: Query = { ...query, words: expandContractions(query.words) };
  const passages = await store.candidates(
    spoken.map((w) => w.norm),
    CANDIDATES,
  );
  if (store.partial?.(passages)) claim.incomplete = true;
  const matches: SourceMatch[] = [];
  // Passages far weaker than the best cannot hold the quote: skip their alignment. Once a
  // passage carries it verbatim, only passages holding every looked-up word can carry it too.
  const top = passages[0]?.score ?? 0;
  let floor = top * CANDIDATE_FLOOR;
  // Words a passage must be able to match to matter: enough to be evidence, or more than the best so far.
  const evidence = short ? query.quotedWordCount : Math.ceil(MISQUOTE_MIN_WORDS * query.quotedWordCount);
  let bestMatched = 0;
  for (const p of passages) {
    if (p.score < floor) break;
    const m = matchPassage(aligned, p, text, Math.min(evidence, bestMatched + 1));
    if (!m) continue;
    matches.push(m);
    bestMatched = Math.max(bestMatched, m.matched);
    if (realDiffs(m) === 0) floor = Math.max(floor, top * 0.999);
  }
  // Best first: fewest real differences, then fewest spelling variants, then cost.
  matches.sort((a, b) => realDiffs(a) - realDiffs(b) || a.cost - b.cost || b.matched - a.matched);

  // A short phrase is verified only where a source quotes it (a reporter's "as soon as possible" is not
  // Gowdy's), up to three words on its own (a newsletter called "Playbook" does not carry Trump's
  // "playbooks", nor a longer quotation's "false hope" Cruz's "false"); a misquote needs words of
  // weight in common, quoted by the source.
  const tiny = query.quotedWordCount <= TINY_QUOTE_WORDS;
  const qualifies = (m: SourceMatch) =>
    short ? realDiffs(m) === 0 && (!!m.quotedAlone || (!tiny && quotedInSource(m))) : realDiffs(m) === 0 || isMisquoteEvidence(m);
  const seen = new Set<string>();
  const carried = matches.filter((m) => {
    if (!qualifies(m) || seen.has(m.location.source.id)) return false;
    seen.add(m.location.source.id);
    return true;
  });
  // Not where the source capitalises them as a name ("Make Love, Not Spam has brought down …"): a title is no phrase of the language.
  if (short) claim.inProse = new Set(matches.filter((m) => realDiffs(m) === 0 && !quotedInSource(m) && !isTitleCase(m.wording)).map((m) => m.location.source.id)).size;
  if (carried.length === 0) {
    if (short) {
      const within = matches.filter((m) => realDiffs(m) === 0 && quotedInSource(m));
      if (within.length > 0) claim.withinQuotes = within;
    }
    const swapped = fragmentsReordered(aligned, passages.slice(0, 3), text);
    if (swapped) {
      claim.verdict = 'misquote';
      claim.best = swapped;
      return claim;
    }
    // Keep the closest passage for the hover ("closest: …"), but it is no evidence.
    claim.best = matches[0];
    return claim;
  }
  // A title ("Growth and Opportunity Project", a headline's "Not Fit To Serve As President") names or
  // sums up; worded otherwise somewhere, it is no misquote of it.
  if (realDiffs(carried[0]) > 0 && isTitleCase(claim.text)) {
    claim.best = carried[0];
    return claim;
  }
  // Never a misquote of words a source writes as its own narration or as indirect speech:
  // drop those from the misquote's evidence; if nothing else is left, quote-is-narration alone.
  if (realDiffs(carried[0]) > 0) {
    const quoted = carried.filter((m) => !isNarrated(m));
    if (quoted.length === 0) {
      claim.best = carried[0];
      claim.narration = true;
      return claim;
    }
    carried.splice(0, carried.length, ...quoted);
    // Every difference falls in a source's narration around its quotations or by a bracket. Where the
    // draft only leaves out an attribution (“…,” he said. “…”) or the source's own insertion, it quotes
    // the source's words: verified. Otherwise it quotes more than the source does, and the part the
    // source quotes agrees: no misquote, and nothing carries the rest.
    const part = carried.find((m) => realDiffs(m) === (m.unquoted?.length ?? 0));
    if (part) {
      claim.best = part;
      claim.others = [];
      if (part.unquoted!.every(isAttribution)) claim.verdict = 'verified';
      else claim.partial = true;
      return claim;
    }
  }
  claim.best = carried[0];
  const diffs = realDiffs(carried[0]);
  // Worded otherwise in many places, or around words any speaker may use: no statement in common, nothing to claim.
  if (diffs > MISQUOTE_MAX_DIFFS || (diffs > 0 && (wordedSeveralWays(carried) || anotherDelivery(carried[0], claim.text) || (await stockPhrase(aligned, carried, store, text))))) return claim;
  claim.others = carried.slice(1);
  claim.verdict = diffs > 0 ? 'misquote' : carried[0].diffs.length > 0 ? 'variant' : 'verified';
  return claim;
}

/**
 * Quotes whose pieces around an ellipsis each stand verbatim in one passage, but in another
 * order: the words are the speaker's, the sentence is not. A misquote, said as such.
 */
function fragmentsReordered(query: Query, passages: Passage[], text: string): SourceMatch | undefined {
  if (query.fragments < 2 || query.fragments > 4) return undefined;
  for (const order of permutations(query.fragments)) {
    if (order.every((f, i) => f === i)) continue;
    const words = order.flatMap((f, i) => query.words.filter((w) => w.fragment === f).map((w) => ({ ...w, fragment: i })));
    const reordered: Query = { ...query, words };
    for (const p of passages) {
      const m = matchPassage(reordered, p, text);
      if (m && m.diffs.length === 0) {
        return { ...m, diffs: [{ kind: 'order', draft: text.slice(query.words[0].start, query.words[query.words.length - 1].end), source: m.wording }] };
      }
    }
  }
  return undefined;
}

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/**
 * Words an attribution between two quotations takes ("he said", "Foreign Ministry spokesperson Aibek
 * Smadiyarov said on Monday"), or a source's own bracketed insertion ("he [Trump] is").
 */
const ATTRIBUTION_WORDS = 8;
function isAttribution(d: WordDiff): boolean {
  return d.kind === 'dropped' && tokenize(d.source).length <= ATTRIBUTION_WORDS;
}

/**
 * Whether the longest run of words a would-be misquote shares with its passage is a stock phrase: short
 * (STOCK_RUN_WORDS), and standing word for word in a source that does not carry the quote.
 */
async function stockPhrase(query: Query, carried: readonly SourceMatch[], store: SourceStore, draft: string): Promise<boolean> {
  const span = carried[0].runSpan;
  if (!span) return false;
  let last = span[1];
  // The run ends on a word written as one with the next ("we" of "we've"): the next is the run's too.
  while (query.words[last + 1]?.contracted && query.words[last + 1].start === query.words[last].start) last++;
  const words = query.words.slice(span[0], last + 1).filter((w) => !w.bracket);
  if (words.length === 0 || words.length > STOCK_RUN_WORDS) return false;
  const run: Query = { words: words.map((w) => ({ ...w, fragment: 0 })), fragments: 1, quotedWordCount: words.length };
  const carriers = new Set(carried.map((m) => m.location.source.id));
  for (const p of await store.candidates(words.map((w) => w.norm), STOCK_CANDIDATES)) {
    if (carriers.has(p.source.id)) continue;
    const m = matchPassage(run, p, draft, words.length);
    if (m && m.diffs.length === 0 && m.matched === words.length) return true;
  }
  return false;
}

/**
 * The sources give the line in two wordings, neither a part of the other (a stump speech's line, a debate answer
 * restated later): it was said more than once, and the draft's wording may be another occasion's. Numbers are left
 * out of the comparison: "Group of Seven" and "Group of 7" are one wording, transcribed twice.
 */
function wordedSeveralWays(carried: readonly SourceMatch[]): boolean {
  const words = (m: SourceMatch) =>
    tokenize(m.wording)
      .filter((t) => !NUMBER_WORD.test(t.norm))
      .map((t) => skeleton(t.norm))
      .join(' ');
  const first = words(carried[0]);
  return carried.slice(1).some((m) => {
    const other = words(m);
    return !first.includes(other) && !other.includes(first);
  });
}

/**
 * The draft only adds what a speaker adds from one delivery of a line to the next: an intensifier or filler ("We
 * cannot afford to be so politically correct"), or a word said twice ("Bad, bad things are going to happen"). A
 * reporter's slip is a word changed or left out, not these: the draft may quote another occasion. Nor is a conjunction
 * opening the quote where the source's quotation opens a word later.
 */
function anotherDelivery(m: SourceMatch, quote: string): boolean {
  const real = m.diffs.filter((d) => d.kind !== 'spelling');
  const repeated = (w: string) => new RegExp(`\\b${w}\\W+${w}\\b`, 'i').test(quote);
  // A conjunction opening the draft's quote ("And this may be …") where the source's quotation opens on the next
  // word: the source began quoting a word later.
  const opening = (d: WordDiff) => m.afterQuoteMark && OPENING_CONJUNCTIONS.has(d.draft.toLowerCase()) && quote.trimStart().toLowerCase().startsWith(d.draft.toLowerCase() + ' ');
  return real.length > 0 && real.every((d) => d.kind === 'added' && (opening(d) || tokenize(d.draft).every((t) => DELIVERY_WORDS.has(t.norm) || (/^\w+$/.test(t.norm) && repeated(t.norm)))));
}

const DELIVERY_WORDS = new Set('so very really just actually totally truly well now too'.split(' '));
const OPENING_CONJUNCTIONS = new Set(['and', 'but', 'so', 'or']);

const NUMBER_WORD = /^(?:\d.*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion)$/;

function realDiffs(m: SourceMatch): number {
  return m.diffs.filter((d) => d.kind !== 'spelling').length;
}

function isMisquoteEvidence(m: SourceMatch): boolean {
  return (
    m.matched >= MISQUOTE_MIN_MATCHED &&
    m.matched / m.total >= MISQUOTE_MIN_WORDS &&
    m.contentMatched / Math.max(1, m.contentTotal) >= MISQUOTE_MIN_CONTENT &&
    ((m.rareMatched ?? MISQUOTE_MIN_RARE) >= MISQUOTE_MIN_RARE || (m.longestRun ?? m.matched) >= MISQUOTE_MIN_RUN)
  );
}

/** How the source presents the matched words, when it says: narration or indirect speech. */
function isNarrated(m: SourceMatch): boolean {
  // An opening mark right before the words: a quotation, however the marks pair (BBC's
  // paragraph-long quotes leave the mark open).
  if (m.afterQuoteMark) return false;
  const k = m.presentation?.kind;
  return k === 'narration' || k === 'indirect';
}

/** The source writes the words inside quotation marks (or as a block quote). */
function quotedInSource(m: SourceMatch): boolean {
  // The reporter's notes and transcripts hold what people said, marks or not.
  if (m.afterQuoteMark || m.insideMarks || m.location.source.meta.kind === 'notes') return true;
  const k = m.presentation?.kind;
  return k === 'quote' || k === 'block';
}

/**
 * Whether the last double quotation mark before `at`, in the same paragraph, opens a quotation: a
 * curly opening mark, or a straight one before a word and after a space or the paragraph's start.
 */
function opensBefore(text: string, at: number): boolean {
  const from = Math.max(0, text.lastIndexOf('\n', at - 1));
  for (let i = at - 1; i >= from; i--) {
    const c = text[i];
    if (c === '\u201C' || c === '\u201E' || c === '\u00AB') return true;
    if (c === '\u201D' || c === '\u00BB') return false;
    if (c === '"') return /[\p{L}\p{N}]/u.test(text[i + 1] ?? '') && (i === 0 || /\s/.test(text[i - 1]));
  }
  return false;
}

/** Marks, single ones included, that may open or close a short quoted phrase (‘Little Marco’, ''sham''). */
const PHRASE_OPEN = /(?:["\u201C\u201E\u00AB\u2018\u2039]|'')$/;
const PHRASE_CLOSE = /^[,.;:!?…]*(?:["\u201D\u201C\u00BB\u2019\u203A]|'')/;

/**
 * Whether the source quotes exactly these words: a short phrase (a term, a nickname, an exclamation)
 * is the same quotation only when the source's marks hold it alone. The same two words inside a longer
 * quotation ("false hope", "unfairly at CNN") are another statement that shares them.
 */
function quotesAlone(text: string, start: number, end: number): boolean {
  return PHRASE_OPEN.test(text.slice(Math.max(0, start - 2), start)) && PHRASE_CLOSE.test(text.slice(end, end + 4));
}

/** A passage's words as matchPassage reads them: tokens (offsets in the source), quote marks between them, their spellings. */
interface PassageWords {
  readonly tokens: Token[];
  readonly marks: boolean[];
  /**
   * For each token, which short gloss the source puts in parentheses it is in ("Electronic Arts (EA)"), -1 for none.
   * (The source's brackets are `unquoted`.)
   */
  readonly glossOf: number[];
  present?: ReadonlySet<string>;
}

/** A gloss: a few words in parentheses, no quotation inside. */
const GLOSS = /\([^()\n"“”]{1,40}\)/g;

/**
 * Passages' words by source and span, kept for the passages a check meets again: a quote is aligned on the same
 * passages at every keystroke, and a misquote's words looked up again. A source's text never changes under its
 * reference (an edited source is a new one). Dropped whole past MAX_PASSAGES.
 */
let passageWords = new WeakMap<object, Map<string, PassageWords>>();
let passagesKept = 0;
const MAX_PASSAGES = 4096;

function wordsOf(passage: Passage): PassageWords {
  let bySpan = passageWords.get(passage.source);
  if (!bySpan) passageWords.set(passage.source, (bySpan = new Map()));
  const span = `${passage.start}:${passage.text.length}`;
  let words = bySpan.get(span);
  if (!words) {
    if (++passagesKept > MAX_PASSAGES) {
      passageWords = new WeakMap();
      passagesKept = 1;
      passageWords.set(passage.source, (bySpan = new Map()));
    }
    const tokens = expandContractions(tokenize(passage.text));
    for (const t of tokens) {
      t.start += passage.start;
      t.end += passage.start;
    }
    const marks = tokens.map((t, j) => j > 0 && hasQuoteMark(passage.text, tokens[j - 1].end - passage.start, t.start - passage.start));
    const glossed = [...passage.text.matchAll(GLOSS)].map((m) => [passage.start + m.index!, passage.start + m.index! + m[0].length]);
    const glossOf = tokens.map((t) => glossed.findIndex(([a, b]) => a < t.start && t.end < b));
    bySpan.set(span, (words = { tokens, marks, glossOf }));
  }
  return words;
}

/** Aligns the quote on one passage and describes the result. */
function matchPassage(query: Query, passage: Passage, draft: string, atLeast = 0): SourceMatch | undefined {
  const words = wordsOf(passage);
  const { tokens, marks, glossOf } = words;
  // An upper bound on the words the alignment can find (same word or same skeleton; a little
  // slack for typos): a passage that cannot reach `atLeast` is not aligned at all.
  if (atLeast > 0) {
    if (!words.present) {
      const present = new Set<string>();
      for (const t of tokens) present.add(t.norm).add(skeleton(t.norm));
      words.present = present;
    }
    const present = words.present;
    const possible = query.words.filter((w) => !w.bracket && (present.has(w.norm) || present.has(skeleton(w.norm)))).length;
    if (possible + 2 < atLeast) return undefined;
  }
  // A quote with a parenthesis of its own matches the source's word for word: the two asides are not told apart.
  const a = align(query.words, tokens, marks, query.words.some((w) => w.aside) ? undefined : glossOf);
  if (!a) return undefined;
  // A gloss is left out whole or not at all: a word dropped from a gloss the quote otherwise keeps is a change.
  const kept = new Set(a.ops.filter((o) => o.kind !== 'gloss' && o.s1 > o.s0).map((o) => glossOf[o.s0]));
  for (const o of a.ops) if (o.kind === 'gloss' && kept.has(glossOf[o.s0])) o.kind = 'del';
  const first = a.fragments.find((f) => f && f.s1 > f.s0);
  const last = [...a.fragments].reverse().find((f) => f && f.s1 > f.s0);
  if (!first || !last) return undefined;
  const start = tokens[first.s0].start;
  const end = tokens[last.s1 - 1].end;

  let matched = 0;
  let contentMatched = 0;
  let contentTotal = 0;
  let rareMatched = 0;
  // The longest run of quote words matched one after the other in the source (no change, no skip).
  let run = 0;
  let longestRun = 0;
  let runEnd = -1;
  let runFrom = -1;
  let runSpan: [number, number] | undefined;
  for (const o of a.ops) {
    const same = o.kind === 'match' || o.kind === 'variant';
    // The second word of a contraction ("have" of "we've") was written as one with the first: not counted again.
    if (o.q !== undefined && o.q > 0 && query.words[o.q].contracted && query.words[o.q - 1].start === query.words[o.q].start) {
      if (same && o.s0 === runEnd) runEnd = o.s1;
      continue;
    }
    run = same ? (o.s0 === runEnd ? run + 1 : 1) : 0;
    runEnd = same ? o.s1 : -1;
    if (run === 1) runFrom = o.q!;
    if (run > longestRun) runSpan = [runFrom, o.q!];
    longestRun = Math.max(longestRun, run);
    if (o.q === undefined) continue;
    const w = query.words[o.q];
    if (w.bracket || w.aside) continue;
    const content = isContentWord(w.norm);
    if (content) contentTotal++;
    if (same) {
      matched++;
      if (content) contentMatched++;
      if (content && !COMMON_WORDS.has(w.norm)) rareMatched++;
    }
  }

  const sentence = sentenceAround(passage, start, end);
  const { diffs, spans } = describeDiffs(query, a, tokens, passage, draft);
  const match: SourceMatch = {
    location: { source: passage.source, start, end, range: { start: passage.source.positionAt(start), end: passage.source.positionAt(end) } },
    wording: sourceWording(query, a, tokens, passage, draft),
    sentence: sentence.text,
    marks: a.fragments.filter((f) => f && f.s1 > f.s0).map((f) => ({ start: tokens[f.s0].start - sentence.start, end: tokens[f.s1 - 1].end - sentence.start })),
    diffs,
    matched,
    total: query.quotedWordCount,
    cost: a.cost,
    contentMatched,
    contentTotal,
    rareMatched,
    longestRun,
    afterQuoteMark: OPENING_MARKS.has(passage.text[start - passage.start - 1] ?? ''),
    insideMarks: opensBefore(passage.text, start - passage.start),
    quotedAlone: quotesAlone(passage.text, start - passage.start, end - passage.start),
    presentation: undefined,
  };
  Object.defineProperty(match, 'runSpan', { value: runSpan, enumerable: false });
  // Read when a check or a hover asks how the source presents the words: reading it attributes
  // the source's quotes (about a millisecond a source on first use), which the many passages a
  // quote is aligned on but never kept should not pay for.
  let presentation: SourcePresentation | undefined;
  let known = false;
  Object.defineProperty(match, 'presentation', {
    get: () => {
      if (!known) {
        known = true;
        const qs = passage.quotations;
        presentation = qs ? presentationOf(qs, passage.source, start, end) : undefined;
      }
      return presentation;
    },
    set: (v: SourcePresentation | undefined) => {
      known = true;
      presentation = v;
    },
    enumerable: true,
    configurable: true,
  });
  // Not enumerable: the CLI's JSON and the cache carry diffs, not this reading of them.
  let unquoted: WordDiff[] | undefined;
  Object.defineProperty(match, 'unquoted', {
    get: () => (unquoted ??= unquotedDiffs(diffs, spans, passage, start, end)),
    enumerable: false,
    configurable: true,
  });
  return match;
}

/** Quotations whose words are someone's, as the source writes them (not reported speech). */
const QUOTED_KINDS = new Set<string>(['quote', 'block', 'unmarked']);

/**
 * Where a difference stands in the source: the source words it concerns (none for words the draft
 * adds), the source words just before and after it, the character after the one before, and whether
 * the one after starts with a capital.
 */
interface DiffSpan {
  bracket: boolean;
  /** The draft's words of the difference are in a sentence of the quote the passage does not give: most of its words unmatched. */
  foreign?: boolean;
  /** The draft's words of the difference start a sentence of their own, or end one before the quote goes on. */
  ownSentence: { start: boolean; end: boolean };
  words?: { start: number; end: number };
  before?: { start: number; end: number; stop: string };
  after?: { start: number; end: number; capital: boolean };
}

/**
 * The real differences that are not between the speaker's words as each side gives them, so no
 * evidence of a misquote:
 * - next to a bracket either side puts in ("but he [Trump] is being used", "what the [censored] is
 *   going on"): the writer's words, not the speaker's;
 * - a sentence of the draft's quote that the passage does not give (most of its words unmatched): the alignment
 *   ran on into the source's next quotation ("… re-enter the European market. And we are here to stay" against
 *   “We prefer to export …”), and the source quoted fewer sentences;
 * - the source's own narration around a quotation that gives only part of the draft's quote: `said
 *   she was “going to put …”` against the draft's “We're going to put …”, or two quoted fragments
 *   with “She also said, without evidence, that” between them. Words the draft adds past a quotation
 *   that ends or starts a sentence (“… of that person.” and the draft's “… of that person that
 *   murdered Trayvon”) lengthen the speaker's statement: they count.
 */
function unquotedDiffs(diffs: readonly WordDiff[], spans: readonly DiffSpan[], passage: Passage, start: number, end: number): WordDiff[] {
  const notes = passage.source.meta.kind === 'notes';
  // Only where a quotation holds some of the matched words: elsewhere the source's marks may be what
  // failed (a BBC paragraph run the pairing missed), and nothing can be told.
  const quoted = notes ? [] : (passage.quotations ?? []).filter((q) => QUOTED_KINDS.has(q.kind) && q.start < end && start < q.end);
  const around = (w: { start: number; end: number } | undefined) => (w ? quoted.find((q) => q.start <= w.start && w.end <= q.end) : undefined);
  const inside = (w: { start: number; end: number } | undefined) => around(w) !== undefined;
  // A quotation of a whole sentence ends where the speaker's sentence does: at its full stop, or at the
  // comma before an attribution (“…,” he said), which a fragment (said she was “going to …,” while) does not.
  const endsSentence = (w: { start: number; end: number; stop: string }) => {
    if (/[.!?]/.test(w.stop)) return true;
    const q = around(w)!;
    return w.stop === ',' && q.start >= passage.start && /\p{Lu}/u.test(passage.text.charAt(q.start - passage.start));
  };
  return diffs.filter((d, i) => {
    if (d.kind === 'spelling' || d.kind === 'order') return false;
    const span = spans[i];
    if (span.bracket || span.foreign) return true;
    if (quoted.length === 0) return false;
    if (span.words) return !inside(span.words);
    const before = inside(span.before);
    const after = inside(span.after);
    if (before && after) return false;
    // Whole sentences the draft quotes beyond the source's quotation: the source quoted fewer of them.
    if (before) return !endsSentence(span.before!) || span.ownSentence.start;
    return after ? !span.after!.capital || span.ownSentence.end : true;
  });
}

/** The quotation (or reported speech) of the source that holds most of the matched words; else narration. */
function presentationOf(quotations: readonly Quotation[], source: Passage['source'], start: number, end: number): SourcePresentation {
  let best: Quotation | undefined;
  let bestOverlap = 0;
  for (const q of quotations) {
    const overlap = Math.min(end, q.end) - Math.max(start, q.start);
    if (overlap <= 0) continue;
    // The innermost wins a tie: Tokayev's indirect speech inside an agency's report of it.
    if (overlap > bestOverlap || (overlap === bestOverlap && best && q.end - q.start < best.end - best.start)) {
      best = q;
      bestOverlap = overlap;
    }
  }
  // A transcript in the reporter's notes writes speech without marks: never narration.
  if (!best || bestOverlap < (end - start) / 2) return { kind: source.meta.kind === 'notes' ? 'unmarked' : 'narration' };
  const at = (s: number, e: number) => ({ source, start: s, end: e, range: { start: source.positionAt(s), end: source.positionAt(e) } });
  const sp = best.speaker;
  return {
    kind: best.kind,
    speaker: sp,
    cue: sp ? at(sp.cue.start, sp.cue.end) : undefined,
    named: sp?.named ? at(sp.named.start, sp.named.end) : undefined,
  };
}

function slice(passage: Passage, start: number, end: number): string {
  return passage.text.slice(start - passage.start, end - passage.start);
}

function sentenceAround(passage: Passage, start: number, end: number): { start: number; text: string } {
  const inside = passage.sentences.filter((s) => s.end > start && s.start < end);
  const s = inside.length > 0 ? inside[0].start : start;
  const e = inside.length > 0 ? inside[inside.length - 1].end : end;
  return { start: s, text: slice(passage, s, e) };
}

/**
 * Groups the alignment's differences into runs: words changed, added or dropped, and spellings. With
 * each, where it stands in the source: the source words it concerns, or for words the draft adds, the
 * two source words they stand between.
 */
function describeDiffs(query: Query, a: Alignment, tokens: Token[], passage: Passage, draft: string): { diffs: WordDiff[]; spans: DiffSpan[] } {
  const diffs: WordDiff[] = [];
  const spans: DiffSpan[] = [];
  // `before`: the draft's word before the run (where words the draft drops stand).
  let run: { draft: number[]; source: number[]; at: number; before: number } | undefined;
  const sourceBrackets = passage.text.includes('[');
  const foreign = foreignWords(query, a, draft);
  let lastQ = -1;
  const flush = () => {
    if (!run) return;
    const src = run.source;
    const dw = run.draft;
    const b = tokens[src.length > 0 ? src[0] - 1 : run.at - 1];
    const n = tokens[src.length > 0 ? src[src.length - 1] + 1 : run.at];
    // The writer's bracket and a word at most of each side's besides: a bracket in the source from the
    // word before the run to the word after, or one of the draft's next to its words.
    let bracket = false;
    if (dw.length <= 1) {
      // The source's closed brackets touching the run (a "[" alone is no bracket: "\u001b[8m" is not one).
      const runStart = src.length > 0 ? tokens[src[0]].start : (b?.end ?? passage.start);
      const runEnd = src.length > 0 ? tokens[src[src.length - 1]].end : (n?.start ?? runStart);
      const from = b?.start ?? passage.start;
      const around = sourceBrackets ? slice(passage, from, n?.end ?? passage.start + passage.text.length) : '';
      const bracketed = around.includes('[')
        ? [...around.matchAll(/\[[^\]\n]{0,40}\]/g)].map((m) => [from + m.index!, from + m.index! + m[0].length]).filter(([s0, s1]) => s1 >= runStart - 1 && s0 <= runEnd + 1)
        : [];
      const draftBracket = dw.length > 0 && (!!query.words[dw[0] - 1]?.bracket || !!query.words[dw[dw.length - 1] + 1]?.bracket);
      bracket =
        (bracketed.length > 0 || draftBracket) && src.filter((i) => !bracketed.some(([s0, s1]) => s0 <= tokens[i].start && tokens[i].end <= s1)).length <= 1;
    }
    const gap = (from: number, to: number) => from < to && /[.!?]/.test(draft.slice(from, to));
    const first = query.words[dw[0]];
    const lastWord = query.words[dw[dw.length - 1]];
    const ownSentence = {
      start: dw.length > 0 && dw[0] > 0 && gap(query.words[dw[0] - 1].end, first.start),
      end: dw.length > 0 && dw[dw.length - 1] + 1 < query.words.length && gap(lastWord.end, query.words[dw[dw.length - 1] + 1].start),
    };
    spans.push({
      bracket,
      foreign: dw.length > 0 ? dw.every((q) => foreign[q]) : run.before >= 0 && foreign[run.before],
      ownSentence,
      words: src.length > 0 ? { start: tokens[src[0]].start, end: tokens[src[src.length - 1]].end } : undefined,
      before: b && { start: b.start, end: b.end, stop: passage.text.charAt(b.end - passage.start) },
      after: n && { start: n.start, end: n.end, capital: n.capital },
    });
    const d = run.draft.length > 0 ? draft.slice(query.words[run.draft[0]].start, query.words[run.draft[run.draft.length - 1]].end) : '';
    const s = run.source.length > 0 ? slice(passage, tokens[run.source[0]].start, tokens[run.source[run.source.length - 1]].end) : '';
    // The same letters spaced or hyphenated otherwise ("2.6 million", "2.6million"; "e-mail", "email").
    const same = d && s && joined(d) === joined(s);
    diffs.push({ kind: same ? 'spelling' : d && s ? 'changed' : d ? 'added' : 'dropped', draft: d, source: s });
    run = undefined;
  };
  // The draft's words of the last spelling difference, while the next op may extend it.
  let prevDraft: { start: number; end: number } | undefined;
  let prevOp: Alignment['ops'][number] | undefined;
  for (const o of a.ops) {
    if (prevOp?.q !== undefined) lastQ = prevOp.q;
    prevOp = o;
    if (o.kind !== 'variant') prevDraft = undefined;
    if (o.kind === 'match' || o.kind === 'bracket' || o.kind === 'gloss') {
      flush();
      continue;
    }
    if (o.kind === 'variant') {
      flush();
      const w = query.words[o.q!];
      const t = tokens[o.s0];
      // The words of one contraction ("We have" for "We've"): one spelling difference.
      const last = spans[spans.length - 1]?.words;
      if (prevDraft && last && (last.start === t.start || prevDraft.start === w.start)) {
        prevDraft = { start: Math.min(prevDraft.start, w.start), end: Math.max(prevDraft.end, w.end) };
        last.start = Math.min(last.start, t.start);
        last.end = Math.max(last.end, t.end);
        const prev = diffs[diffs.length - 1];
        prev.draft = draft.slice(prevDraft.start, prevDraft.end);
        prev.source = slice(passage, last.start, last.end);
        continue;
      }
      prevDraft = { start: w.start, end: w.end };
      diffs.push({ kind: 'spelling', draft: draft.slice(w.start, w.end), source: slice(passage, t.start, t.end) });
      spans.push({ bracket: false, ownSentence: { start: false, end: false }, words: { start: t.start, end: t.end } });
      continue;
    }
    run ??= { draft: [], source: [], at: o.s0, before: lastQ };
    if (o.q !== undefined) run.draft.push(o.q);
    for (let s = o.s0; s < o.s1; s++) run.source.push(s);
  }
  flush();
  return { diffs, spans };
}

/**
 * For each word of the quote, whether it stands in a sentence of the quote (split at the draft's full stops) of
 * which the alignment matched fewer than half the words, while another sentence matched: a sentence the passage
 * does not give.
 */
function foreignWords(query: Query, a: Alignment, draft: string): boolean[] {
  const words = query.words;
  const sentenceOf: number[] = [];
  for (let i = 0; i < words.length; i++) sentenceOf.push(i === 0 ? 0 : sentenceOf[i - 1] + (/[.!?]/.test(draft.slice(words[i - 1].end, words[i].start)) ? 1 : 0));
  const total = new Array<number>(words.length > 0 ? sentenceOf[words.length - 1] + 1 : 0).fill(0);
  const matched = total.slice();
  for (let i = 0; i < words.length; i++) if (!words[i].bracket && !words[i].aside) total[sentenceOf[i]]++;
  for (const o of a.ops) if (o.q !== undefined && (o.kind === 'match' || o.kind === 'variant') && !words[o.q].bracket && !words[o.q].aside) matched[sentenceOf[o.q]]++;
  const given = total.map((t, k) => t > 0 && matched[k] * 2 >= t);
  if (!given.some(Boolean)) return words.map(() => false);
  return words.map((_, i) => !given[sentenceOf[i]]);
}

function joined(words: string): string {
  return tokenize(words)
    .map((t) => t.norm)
    .join('')
    .replace(/-/g, '');
}

function firstEllipsis(words: Query['words'], draft: string): string {
  const byOffset = [...words].sort((a, b) => a.start - b.start);
  const cut = byOffset.findIndex((w, i) => i > 0 && w.fragment !== byOffset[i - 1].fragment);
  return cut > 0 ? draft.slice(byOffset[cut - 1].end, byOffset[cut].start) : ' … ';
}

/**
 * The source's wording for the quote, fragment by fragment, keeping the draft's
 * ellipses between fragments and its [bracketed] insertions where they stand.
 */
function sourceWording(query: Query, a: Alignment, tokens: Token[], passage: Passage, draft: string): string {
  const parts: string[] = [];
  const words = query.words;
  for (let f = 0; f < a.fragments.length; f++) {
    const frag = a.fragments[f];
    const fragWords = words.filter((w) => w.fragment === f);
    if (f > 0) {
      // The draft's own text between fragments: the ellipsis and its spacing (fragments in
      // another order than the draft's take the draft's first ellipsis).
      const prevWords = words.filter((w) => w.fragment === f - 1);
      const from = prevWords[prevWords.length - 1].end;
      const to = fragWords[0]?.start ?? from;
      parts.push(from <= to ? draft.slice(from, to) : firstEllipsis(words, draft));
    }
    if (!frag || frag.s1 <= frag.s0) {
      parts.push(fragWords.map((w) => draft.slice(w.start, w.end)).join(' '));
      continue;
    }
    const brackets = a.ops.filter((o) => o.kind === 'bracket' && words[o.q!].fragment === f);
    let pos = tokens[frag.s0].start;
    const end = tokens[frag.s1 - 1].end;
    let out = '';
    for (const b of brackets) {
      const w = words[b.q!];
      const at = b.s1 > b.s0 ? tokens[b.s0].start : b.s0 < tokens.length ? tokens[b.s0].start : end;
      out += slice(passage, pos, Math.max(pos, at));
      out += (out && !/\s$/.test(out) ? ' ' : '') + draft.slice(w.start, w.end) + (b.s1 > b.s0 ? '' : ' ');
      pos = b.s1 > b.s0 ? tokens[b.s1 - 1].end : at;
    }
    out += slice(passage, pos, end);
    parts.push(out);
  }
  let text = parts.join('').replace(/\s+/g, ' ').trim();
  // Keep the draft's capitalisation of the first word (it may start the writer's sentence).
  const firstDraft = draft[words[0].start];
  if (firstDraft && firstDraft !== firstDraft.toLowerCase() && text[0] === text[0].toLowerCase()) text = text[0].toUpperCase() + text.slice(1);
  return text;
}
