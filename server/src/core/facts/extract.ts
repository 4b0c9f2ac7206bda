// The facts of a text (a source article or a draft): every figure and date with its
// exact range, its sentence and its context. Sources keep theirs in the index; drafts
// are read the same way, so both sides of a comparison are seen alike.

import type { Span } from '../text/sentences';
import { findDates, isoDate, DateValue } from './dates';
import { once } from './once';
import { pollstersOf, reportsPoll } from './polls';
import { findFiguresUnfiltered, Figure, mayHoldFigure } from './figures';
import { abbreviationsOf, antecedentOf, FactContext, namesOf, NO_ANTECEDENT, sentenceContexts } from './context';
import { tokenize, Token } from '../text/tokens';

interface FactBase {
  start: number;
  end: number;
  /** The fact as written. */
  text: string;
  /** Its sentence, in the text's offsets. */
  sentence: Span;
  context: FactContext;
}

export interface FigureFact extends FactBase {
  kind: 'figure';
  figure: Figure;
  /** The number itself, for quick fixes. */
  numStart: number;
  numEnd: number;
}

export interface DateFact extends FactBase {
  kind: 'date';
  date: DateValue;
  relative: boolean;
  /** How a relative or year-less date was resolved against the article's date. */
  how?: string;
}

export type Fact = FigureFact | DateFact;

/** A number at the start of a line followed by a capital or "." / ")": list numbering, not a figure. */
function isListNumber(text: string, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 0 && text[i] !== '\n' && text[i] !== '\r') return false;
  const rest = /^[^\n\r]*/.exec(text.slice(end, end + 200))![0];
  return /^[.)]\s|^\s+\p{Lu}/u.test(rest) || rest.trim() === '';
}

/**
 * A bare year or a date's day read as a number: dates own those. A four-digit number of
 * 1800–2100 without a thousands comma is a year even before a noun ("the 2008 financial
 * crisis", "2012 Benghazi", "1994 priced", "the 1988 presidential contenders"), unless a
 * plural noun follows it at once with no determiner before it ("said 1995 ferries sailed").
 */
function isYearLike(f: Figure, text: string, numStart: number, numEnd: number): boolean {
  if (f.kind !== 'count' || !Number.isInteger(f.value) || f.value < 1800 || f.value > 2100) return false;
  if (!f.hedge && !f.unit) return true;
  if (!/^\d{4}$/.test(text.slice(numStart, numEnd))) return false;
  const counted = /^[ \u00A0](?:\p{Ll}+[^s\W]s|people|men|women|children)(?![\p{L}])/u.test(text.slice(numEnd, numEnd + 40));
  // After a determiner, a preposition or a period word, the number is the year ("the 1988 …
  // contenders", "in 1986 sales", "4th qtr 1986 includes").
  const determined = /(?:\b(?:the|his|her|its|their|our|this|that|a|an|in|of|since|from|by|until|before|after|during|qtr|quarter|fiscal|year)|['’]s)[ \u00A0]$/i.test(
    text.slice(Math.max(0, numStart - 9), numStart),
  );
  return !counted || determined;
}

/** An index or a list named by its number: "Standard & Poor's 500-stock index", "FTSE 100", "Fortune 500". */
const INDEX_BEFORE = /(?:S&P|Standard (?:&|and) Poor['’]s|FTSE|Fortune|Russell|CAC|DAX|Nikkei|Stoxx|Hang Seng|Dow Jones|Dow)[ -]?$/;
const INDEX_AFTER = /^[ -]?(?:(?:stock|share|company|index)[ -]?)?(?:index|futures|list)\b/i;

/**
 * A race named by its distance ("the men's 3,000m", "Olympic 10,000m champion", "the 1,500m and
 * 5,000m"): which event, not a measurement. "100m people" (millions) is left to the figure.
 */
const RACE = /^(?:50|60|100|110|200|400|800|1,?500|3,?000|5,?000|10,?000)m(?:$|[^\w\s]|\s+(?:hurdles|steeplechase|freestyle|breaststroke|backstroke|butterfly|medley|relay|title|champion|record|world|final|race|gold|silver|bronze|indoor|outdoor|event|heat|and|or|in|at|on|to|for|with|of|by|but|when|after|before|was|is|as)\b)/;

/**
 * A number that is part of a name or of another figure, not a figure of its own: an index's
 * ("S&P 500"), a ratio's denominator ("one in five say"), a rate's unit ("0.87 Ecus per 100 kilos"),
 * "the Third World".
 */
function isPartOfName(text: string, f: { start: number; numStart: number; numEnd: number }): boolean {
  const before = text.slice(Math.max(0, f.start - 24), f.start);
  const after = text.slice(f.numEnd, f.numEnd + 24);
  if (INDEX_BEFORE.test(text.slice(Math.max(0, f.numStart - 24), f.numStart)) || INDEX_AFTER.test(after)) return true;
  if (/\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+in\s+$/i.test(before) || /\bper\s+$/i.test(before)) return true;
  if (RACE.test(text.slice(f.numStart, f.numEnd + 24)) && !/[$£€¥]/.test(text.slice(f.start, f.numStart) + before.slice(-2))) return true;
  return /^third[ -]world\b/i.test(text.slice(f.numStart, f.numStart + 12));
}

/**
 * A draft's or an article's dateline: "WASHINGTON, March 3 (Reuters) -", "PORTLAND, Ore.,
 * Feb 26 -", "MOSCOW (AP) —", or a "Posted: …" line, at the start of one of the text's first
 * lines. It says where and when the story was filed: metadata, not a claim (a source's date
 * is metadata.ts's to read). Quantifiers are bounded, so the match is linear.
 */
const DATELINE = new RegExp(
  '^[ \\t*_>#]*(?:' +
    // City in capitals, an optional state or country, an optional date, an optional agency, a dash.
    "[A-Z][A-Z.'’-]{1,20}(?: [A-Z][A-Z.'’-]{1,20}){0,3}(?:, [A-Z][A-Za-z.]{1,15}(?: [A-Z][A-Za-z.]{1,15})?){0,2}" +
    // The month as wire copy prints it too: "MARCH 6".
    '(?:,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?:[a-z]{0,6}|[A-Z]{0,6})\\.? \\d{1,2}(?:, \\d{4})?)?' +
    ' ?(?:\\((?:Reuters|AP|AFP|UPI|Bloomberg|Xinhua|dpa|IANS|PTI|CNN|AP Photo)\\) ?)?[-—–]{1,2}(?= )' +
    // A city in title case ("Greensboro, N.C., June 2 -") only with its date: without one it may be a sentence's subject.
    "|[A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20}){0,2}(?:, [A-Z][A-Za-z.]{1,15}(?: [A-Z][A-Za-z.]{1,15})?){0,2}" +
    ',? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\\.? \\d{1,2}(?:, \\d{4})?' +
    ' ?(?:\\((?:Reuters|AP|AFP|UPI|Bloomberg|Xinhua|dpa|IANS|PTI|CNN)\\) ?)?[-—–]{1,2}(?= )' +
    '|(?:Posted|Published|Updated|Last updated|Last modified)(?: on)? ?:[^\\n]{0,160}' +
    ')',
);

/** Where the text's dateline is, if one of its first five lines (in its first 1,000 characters) starts with one. */
export function datelineOf(text: string): { start: number; end: number } | undefined {
  let lineStart = 0;
  for (let n = 0; n < 5 && lineStart < Math.min(text.length, 1000); n++) {
    const m = DATELINE.exec(text.slice(lineStart, lineStart + 240));
    if (m && /[A-Za-z]/.test(m[0])) return { start: lineStart, end: lineStart + m[0].length };
    // Sliced: on a text of one long line an unbounded search would cost its length per call (a draft's is per sentence).
    const nl = text.slice(lineStart, 1000).indexOf('\n');
    if (nl < 0) break;
    lineStart += nl + 1;
    while (lineStart < text.length && /\s/.test(text[lineStart]) && lineStart < 1000) lineStart++;
  }
  return undefined;
}

/**
 * Photo captions as pages print them ("(Photo: …)", "Photo: …", "UN Photo/…", "File photo",
 * "REUTERS/Name", "Credit:", "Getty Images", "… /AP Photo"): a caption's date is when the
 * photo was taken and its figures describe a picture, so the whole line holds no claim.
 */
const CAPTION =
  /\((?:AP )?Photo\b|(?:^|\n)[ \t*_>]*(?:Photo|Photograph|Picture|Image)s? ?(?:by|:)|\bUN Photo\/|\b[Ff]ile (?:photo|picture|image)\b|\bREUTERS\/\p{Lu}|\bCredit: |[(\/] ?Getty Images|Getty Images\)?[ .]*$|\/ ?AP Photo\)?[ .]*$|\bAP Photo\/|\bPhoto: /u;
/** A caption is one short line: a longer line (or a text of one line) is prose, and bounding it keeps the look linear. */
const CAPTION_LINE = 600;

function inCaption(text: string, pos: number, seen: Map<number, boolean>): boolean {
  // The line around pos, looked for no further than a caption's length either way.
  const from = Math.max(0, pos - CAPTION_LINE);
  const back = text.slice(from, pos).lastIndexOf('\n');
  if (back < 0 && from > 0) return false;
  const start = back < 0 ? 0 : from + back + 1;
  const cached = seen.get(start);
  if (cached !== undefined) return cached;
  const fwd = text.slice(pos, pos + CAPTION_LINE + 1).indexOf('\n');
  const end = fwd >= 0 ? pos + fwd : pos + CAPTION_LINE + 1 >= text.length ? text.length : Infinity;
  const is = end - start <= CAPTION_LINE && CAPTION.test(text.slice(Math.max(0, start - 1), end));
  seen.set(start, is);
  return is;
}

const TABLE_ROW = 300;

/**
 * A line of a wire table, not prose: numbers set against each other with "vs" ("Net 807,000
 * vs 2,858,000", "Shr 34 cts vs 1.19 dlrs"), or at least three numbers with under half as many
 * lower-case words ("Wheat 2.55 2.40 IV 4.65"). Its figures are left out: a row's noun is
 * its label and its period is in a heading line above, and reading both right is more than
 * a figure needs to be safe to compare (precision first).
 */
function isTableSentence(slice: string): boolean {
  // A row is a short line; a long run of numbers is a dump, which MAX_FACTS caps.
  if (slice.length > TABLE_ROW) return false;
  // Each number is tried from its first digit only (the look-behind), which keeps the test linear on a line of numbers.
  if (/(?<![\d,.])\d[\d,.]*(?: ?(?:mln|bln|billion|million|dlrs|cts|pct|%))? vs\.? (?:(?:profit|loss|shr|a|an) )?(?:[$]|\d|nil\b)|\bvs\.? (?:profit|loss)\b/i.test(slice)) return true;
  const numbers = slice.match(/\d[\d,./-]*/g)?.length ?? 0;
  if (numbers < 3) return false;
  const words = slice.match(/(?<![\p{L}])\p{Ll}{2,}/gu)?.length ?? 0;
  return 2 * words < numbers;
}

/**
 * Facts extracted from one text, at most (give or take one sentence's). An article holds
 * tens; a text with more is a table or a dump of numbers, whose extraction is all cost:
 * a 10 MB line of "1,2,3,…" held five million facts, minutes and gigabytes to extract.
 * Past the cap, the rest of the text is not read for facts (parseSource says so).
 */
export const MAX_FACTS = 50_000;

/**
 * Every figure and date in the given sentences of `text`, with contexts. `articleDate`
 * (ISO) resolves relative dates; without it they stay unresolved.
 */
export function extractFacts(text: string, sentences: readonly Span[], articleDate?: string, knownNames: Iterable<string> = [], before?: Span): Fact[] {
  const tokensOf = (k: number) => tokenize(text, sentences[k].start, sentences[k].end);
  const names = namesOf(text, sentences, tokensOf);
  for (const n of knownNames) names.add(n);
  // `before`: the sentence before the first (a draft is read a sentence at a time), which it may refer back to.
  const previous = (k: number) => (k > 0 ? { span: sentences[k - 1], tokens: () => tokensOf(k - 1) } : before && { span: before, tokens: () => tokenize(text, before.start, before.end) });
  return factsOf(text, sentences, articleDate, names, tokensOf, previous);
}

/**
 * Who conducted the poll the sentence before (`prev`, on the same line) reports, where this sentence names no
 * pollster of its own; undefined otherwise.
 */
function pollOfSentenceBefore(text: string, sentence: Span, prev: Span | undefined): string[] | undefined {
  if (!prev) return undefined;
  const before = text.slice(prev.start, prev.end);
  if (!reportsPoll(before) || pollstersOf(text.slice(sentence.start, sentence.end)).length > 0) return undefined;
  const pollsters = pollstersOf(before);
  return pollsters.length > 0 ? pollsters : undefined;
}

/**
 * A source's facts and the abbreviations it spells out (core/source/source.ts): the same
 * as extractFacts and abbreviationsOf, with each sentence tokenised once for the three
 * readings (names, contexts, abbreviations) instead of once for each.
 */
export function extractSourceFacts(text: string, sentences: readonly Span[], articleDate?: string): { facts: Fact[]; abbreviations: Array<[string, string[]]> } {
  const tokens = sentences.map((s) => tokenize(text, s.start, s.end));
  const tokensOf = (k: number) => tokens[k];
  const facts = factsOf(text, sentences, articleDate, namesOf(text, sentences, tokensOf), tokensOf, (k) => k > 0 ? { span: sentences[k - 1], tokens: () => tokens[k - 1] } : undefined);
  return { facts, abbreviations: abbreviationsOf(text, sentences, tokensOf) };
}

function factsOf(
  text: string,
  sentences: readonly Span[],
  articleDate: string | undefined,
  names: ReadonlySet<string>,
  tokensOf: (k: number) => Token[],
  previous: (k: number) => { span: Span; tokens: () => Token[] } | undefined,
): Fact[] {
  // The article's own dateline (a date line at its top) is metadata, not a fact about an event:
  // the dateline's span, and a date equal to the article's in its first lines.
  const head = text.split(/\r?\n/, 4).join('\n').length;
  const dateline = datelineOf(text);
  const inDateline = (s: number) => dateline !== undefined && s >= dateline.start && s < dateline.end;
  const captions = new Map<number, boolean>();
  const out: Fact[] = [];
  for (let k = 0; k < sentences.length && out.length < MAX_FACTS; k++) {
    const sentence = sentences[k];
    const found = findDates(text, articleDate, sentence.start, sentence.end);
    // Figures inside any date found (kept or not) are the date's digits, not figures.
    const overlapsDate = (s: number, e: number) => found.some((d) => s < d.end && d.start < e);
    const dates = found.filter((d) => !inDateline(d.start) && !inCaption(text, d.start, captions) && !(articleDate && d.start < head && isoDate(d.value) === articleDate));
    // A table's rows are read before their figures: a long table is then no cost. Neither is read in a sentence where
    // no figure can start (most sentences).
    const prose = dateline && dateline.end > sentence.start && dateline.end < sentence.end ? dateline.end : sentence.start;
    const noFigures = !mayHoldFigure(text, sentence.start, sentence.end) || (sentence.end - prose <= TABLE_ROW && isTableSentence(text.slice(prose, sentence.end)));
    const figures = (noFigures ? [] : findFiguresUnfiltered(text, sentence.start, sentence.end)).filter(
      (f) =>
        !overlapsDate(f.numStart, f.numEnd) &&
        !isYearLike(f, text, f.numStart, f.numEnd) &&
        !(f.unit && isMonth(f.unit)) &&
        !(f.numStart === f.start && isListNumber(text, f.start, f.numEnd)) &&
        !inDateline(f.start) &&
        !inCaption(text, f.start, captions) &&
        !isPartOfName(text, f),
    );
    if (dates.length === 0 && figures.length === 0) continue;
    const masked = [...dates, ...figures.map((f) => ({ start: f.numStart, end: f.numEnd }))];
    // The sentence before, where it stands on the same line (a paragraph): a heading or another paragraph is no antecedent.
    const prev = previous(k);
    const prevOnLine = prev && !text.slice(prev.span.start, sentence.start).includes('\n') ? prev : undefined;
    const before = once(() => (prevOnLine ? antecedentOf(text, prevOnLine.tokens(), names) : NO_ANTECEDENT));
    const contexts = sentenceContexts(text, sentence, tokensOf(k), names, masked, before);
    const figureContexts = contexts(figures, true);
    const pollBefore = figures.length > 0 ? pollOfSentenceBefore(text, sentence, prevOnLine?.span) : undefined;
    if (pollBefore) for (const c of figureContexts) c.pollBefore = pollBefore;
    const dateContexts = contexts(dates);
    figures.forEach((f, i) => {
      const { start, end, numStart, numEnd, ...figure } = f;
      out.push({ kind: 'figure', start, end, numStart, numEnd, text: flat(text.slice(start, end)), sentence, context: figureContexts[i], figure });
    });
    dates.forEach((d, i) => {
      out.push({ kind: 'date', start: d.start, end: d.end, text: flat(text.slice(d.start, d.end)), sentence, context: dateContexts[i], date: d.value, relative: d.relative, how: d.how && flat(d.how) });
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A copy that does not point into the source's text: a slice would keep the whole article
 * alive, and the index is built to hold no article text (see core/source/lazyText.ts).
 */
function flat(s: string): string {
  return Array.from(s).join('');
}

const MONTHS = new Set('january february march april may june july august september october november december'.split(' '));
function isMonth(unit: string): boolean {
  return MONTHS.has(unit);
}
