// The facts of a text (a source article or a draft): every figure and date with its
// exact range, its sentence and its context. Sources keep theirs in the index; drafts
// are read the same way, so both sides of a comparison are seen alike.

import type { Span } from '../text/sentences';
import { findDates, formatDate, DateValue } from './dates';
import { findFigures, Figure } from './figures';
import { abbreviationsOf, FactContext, namesOf, sentenceContexts } from './context';
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

/** A bare year or a date's day read as a number: dates own those. */
function isYearLike(f: Figure): boolean {
  return f.kind === 'count' && !f.hedge && Number.isInteger(f.value) && f.value >= 1800 && f.value <= 2100 && !f.unit;
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
export function extractFacts(text: string, sentences: readonly Span[], articleDate?: string, knownNames: Iterable<string> = []): Fact[] {
  const tokensOf = (k: number) => tokenize(text, sentences[k].start, sentences[k].end);
  const names = namesOf(text, sentences, tokensOf);
  for (const n of knownNames) names.add(n);
  return factsOf(text, sentences, articleDate, names, tokensOf);
}

/**
 * A source's facts and the abbreviations it spells out (core/source/source.ts): the same
 * as extractFacts and abbreviationsOf, with each sentence tokenised once for the three
 * readings (names, contexts, abbreviations) instead of once for each.
 */
export function extractSourceFacts(text: string, sentences: readonly Span[], articleDate?: string): { facts: Fact[]; abbreviations: Array<[string, string[]]> } {
  const tokens = sentences.map((s) => tokenize(text, s.start, s.end));
  const tokensOf = (k: number) => tokens[k];
  const facts = factsOf(text, sentences, articleDate, namesOf(text, sentences, tokensOf), tokensOf);
  return { facts, abbreviations: abbreviationsOf(text, sentences, tokensOf) };
}

function factsOf(text: string, sentences: readonly Span[], articleDate: string | undefined, names: ReadonlySet<string>, tokensOf: (k: number) => Token[]): Fact[] {
  // The article's own dateline (a date line at its top) is metadata, not a fact about an event.
  const head = text.split(/\r?\n/, 4).join('\n').length;
  const out: Fact[] = [];
  for (let k = 0; k < sentences.length && out.length < MAX_FACTS; k++) {
    const sentence = sentences[k];
    const dates = findDates(text, articleDate, sentence.start, sentence.end).filter((d) => !(articleDate && d.start < head && formatDate(d.value) === articleDate));
    const overlapsDate = (s: number, e: number) => dates.some((d) => s < d.end && d.start < e);
    const figures = findFigures(text, sentence.start, sentence.end).filter(
      (f) => !overlapsDate(f.numStart, f.numEnd) && !isYearLike(f) && !(f.unit && isMonth(f.unit)) && !(f.numStart === f.start && isListNumber(text, f.start, f.numEnd)),
    );
    if (dates.length === 0 && figures.length === 0) continue;
    const masked = [...dates, ...figures.map((f) => ({ start: f.numStart, end: f.numEnd }))];
    const contexts = sentenceContexts(text, sentence, tokensOf(k), names, masked);
    const figureContexts = contexts(figures);
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
