// Dates in prose with their exact ranges: absolute (Sept. 26, 26 September 2022,
// 2022-09-26, 20220618), partial (in June, in 2014) and relative (Monday, on Friday,
// yesterday, this year), resolved against the article's own date when it is known.
// chrono-node does the parsing (months, abbreviations, orders, weekdays): its coverage
// of news forms beats any table we would write. Its guesses are not taken: a relative
// date in an undated article stays unresolved, and only the parts the text states (or
// the article date implies) are kept.

// The English parsers only: the package's root loads every locale's (about 90 ms more at every
// start of the server and the CLI, for parsers no check runs).
import * as chronoEn from 'chrono-node/en';
import type { ParsedResult } from 'chrono-node';
import { reporterDate } from '../text/dateStyle';

export interface DateValue {
  year?: number;
  month?: number;
  day?: number;
  /** 0 = Sunday … 6 = Saturday; set for weekday references ("Monday"), resolved or not. */
  weekday?: number;
}

export interface DateMention {
  start: number;
  end: number;
  value: DateValue;
  /** Relative to the article's date ("Monday", "this year"). */
  relative: boolean;
  /** How a relative or year-less date was resolved, for the hover. */
  how?: string;
}


/** An ISO date (YYYY-MM-DD) as a DateValue, or undefined. */
export function parseIsoDate(iso: string | undefined): DateValue | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? { year: +m[1], month: +m[2], day: +m[3] } : undefined;
}

function utc(v: Required<Pick<DateValue, 'year' | 'month' | 'day'>>): Date {
  return new Date(Date.UTC(v.year, v.month - 1, v.day, 12));
}

export function weekdayOf(v: DateValue): number | undefined {
  if (v.year === undefined || v.month === undefined || v.day === undefined) return v.weekday;
  return utc(v as Required<DateValue>).getUTCDay();
}

/** A full date as ISO 8601 (2022-09-26), for machines (comparison with a source's date, JSON); a partial date: undefined. */
export function isoDate(v: DateValue): string | undefined {
  if (v.year === undefined || v.month === undefined || v.day === undefined) return undefined;
  return `${v.year}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
}

const RELATIVE = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|yesterday|tomorrow|tonight|this|last|next|ago|earlier|later)\b/i;
const VAGUE = /\b(?:week|weeks|ago|hours?|minutes?|now|later|earlier|weekend|morning|evening|afternoon|night)\b/i;
const MONTH_WORD = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?/i;
/** Words that introduce a month or a year standing alone as a date ("in June", "since 2014"). */
const DATE_PREPOSITION = /(?:^|[^\p{L}])(?:in|since|by|until|till|from|during|early|late|mid|mid-|of|before|after|through|throughout|between|and|last|next|this|on)\s*$/iu;
const MAYBE_DATE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|day\b|\b(?:today|tonight|tomorrow|this|last|next)\b|\d{4}-\d{2}-\d{2}/i;
const UNDATED_REF = new Date(Date.UTC(2000, 0, 15, 12));
/**
 * A span of time, not a date: "for a second day", "after a day", "11 days before", "two weeks
 * later", "within 30 days", "three years ago". chrono reads them as a date that far from the
 * article's; what they count from is another event, which the sentence rarely dates.
 */
const DURATION =
  /\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|couple|first|second|third|fourth|fifth|\d+)\s+(?:of\s+)?(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?)\b/i;
/**
 * Tense cues around a year-less date: scheduling and future words first (so "scheduled" or
 * "expected" is not read as a past -ed form), then past forms: auxiliaries, common irregular
 * verbs, and an -ed word before a preposition or determiner (a verb: "announced her run",
 * not the adjective of "the proposed quota"). "said" and "told" are no cue: they date the
 * reporting, not the event ("the quota from April, they said"). The nearest cue to the date
 * decides which year its day falls in.
 */
const TENSE =
  /\b(will|won['’]t|shall|due|scheduled|planned|plans?|planning|expected|expects?|next|upcoming|set to|going to|to be held|is to|are to)\b|['’]ll\b|\b(was|were|had|did|ago|last|earlier|previously|spoke|met|won|lost|took|gave|went|came|made|left|ran|began|held|fell|rose|sent|saw|wrote|became|[a-z]{2,}ed(?=\s+(?:on|in|at|for|by|to|from|with|that|the|an?|his|her|its|their|this|after|before|since|until|during|over)\b))\b/gi;
/**
 * What a text needs for chrono to find a date toMention keeps: a capitalised month name
 * (a lower-case one is refused); digits around a separator (9/11, 2022-09-26, 1.5); a day,
 * night, morrow or noon word (weekdays, today, tonight, "a day after"); "month" ("last
 * month", "end of the month"); "year" with this, last, past or next; "half" (half a year
 * is days); or a number (digits or a word chrono reads as one) or "past" before a second,
 * minute, hour, day or week unit that ends there or runs into chrono's next number or
 * "ago"/"later" word, spaced or glued as chrono reads them ("for a second", "5m", "them"
 * is "the m[inute]", "the money" is "the m[inute], one y[ear]"). Whole months and years
 * leave the day uncertain, and toMention refuses them.
 */
const CHRONO_WORDS = /\d[/.-]\d|day|night|morrow|tmrw?|noon|month|half/i;
const DAY_UNIT = new RegExp(
  '(?:\\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?\\b|few|several|the|couple(?:\\s{0,2}of)?|past)\\s{0,3}' +
    '(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)' +
    '(?:(?![A-Za-z0-9_])|(?=\\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?\\b|a\\s{0,2}couple|couple|few|several|the|ago|before|earlier|later|after|from|henceforth|forward|out))',
  'i',
);
const YEAR = /year/i;
const FOUR_DIGITS = /\d{4}/;
const YEAR_RELATIVE = /this|last|past|next/i;
/** chrono's month words, capitalised (JUNE, June, not june). */
const CAPITAL_MONTH = new RegExp(
  `(?<![A-Za-z])(?:${'january jan february feb march mar april apr may june jun july jul august aug september sept sep october oct november nov december dec'
    .split(' ')
    .map((w) => w[0].toUpperCase() + [...w.slice(1)].map((c) => `[${c}${c.toUpperCase()}]`).join(''))
    .join('|')})(?![A-Za-z])`,
);

/**
 * What an undated article's text needs for toMention to keep anything chrono finds: with no date to resolve against,
 * only an absolute date is kept (a month, capitalised, or digits) or an unresolved weekday. Whole words are not
 * required (a superset of chrono's matches): a capital month's first three letters (as MONTH_WORD's first match is
 * tested); any digit (a month from digits: 9/11, 2005-03-10); a weekday of chrono's dictionary, or "weekend" or
 * "weekday", followed by what its weekday parser allows after one (a weekday is certain, and the day not, only from
 * that parser: a count of days makes the day certain too).
 */
const UNDATED_ABSOLUTE = /\d|J[aA][nN]|F[eE][bB]|M[aA][rRyY]|A[pP][rR]|J[uU][nNlL]|A[uU][gG]|S[eE][pP]|O[cC][tT]|N[oO][vV]|D[eE][cC]/;
const UNDATED_WEEKDAY = /(?:sunday|sun|monday|mon|tuesday|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|weekend|weekday)(?:\W|$|of|this|last|past|next)/i;

/**
 * Whether chrono can find a date in `slice` that findDates keeps: false means it need not run
 * (test/core/factPrefilter.test.ts). Without `articleDate` (most sources in some corpora, and drafts), far fewer can:
 * a quarter of the sentences chrono was given in BBC, whose articles are undated, were only "this year", "last month".
 */
export function mayHoldChronoDate(slice: string, articleDate?: string): boolean {
  if (articleDate === undefined && !UNDATED_ABSOLUTE.test(slice) && !UNDATED_WEEKDAY.test(slice)) return false;
  return CAPITAL_MONTH.test(slice) || CHRONO_WORDS.test(slice) || DAY_UNIT.test(slice) || (YEAR.test(slice) && YEAR_RELATIVE.test(slice));
}

/** chrono's dates in `slice`, as findDates keeps them (offsets into the slice), without any prefilter. */
export function chronoDates(slice: string, articleDate?: string): DateMention[] {
  const ref = parseIsoDate(articleDate);
  let results: ParsedResult[];
  try {
    results = chronoEn.casual.parse(slice, { instant: ref ? utc(ref as Required<DateValue>) : UNDATED_REF, timezone: 0 });
  } catch {
    results = [];
  }
  const out: DateMention[] = [];
  for (const r of results) {
    const m = toMention(r, slice, ref);
    if (m) out.push(m);
  }
  return out;
}

/** Finds the dates in text[from, to); `articleDate` (ISO) resolves relative and year-less dates. */
export function findDates(text: string, articleDate?: string, from = 0, to = text.length): DateMention[] {
  const slice = text.slice(from, to);
  const out: DateMention[] = [];
  // chrono is the costly part: only text that names a month, a weekday, a relative day or an ISO
  // date (MAYBE_DATE), and may hold a date we keep, is given to it.
  if (MAYBE_DATE.test(slice) && mayHoldChronoDate(slice, articleDate)) for (const m of chronoDates(slice, articleDate)) out.push({ ...m, start: m.start + from, end: m.end + from });
  // Forms chrono leaves alone: compact dates (20220618) and years standing as dates ("in 2014"), both four digits or more.
  if (!FOUR_DIGITS.test(slice)) return out.sort((a, b) => a.start - b.start);
  const covered = (s: number, e: number) => out.some((d) => d.start < e && s < d.end);
  for (const m of slice.matchAll(/(?<![\p{L}\p{N}/.:-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\p{L}\p{N}/-])/gu)) {
    const s = from + m.index!;
    if (!covered(s, s + 8)) out.push({ start: s, end: s + 8, value: { year: +m[1], month: +m[2], day: +m[3] }, relative: false });
  }
  for (const m of slice.matchAll(/(?<![\p{L}\p{N}$£€.,:/-])(1[89]\d{2}|20\d{2})(?![\p{L}\p{N}%]|[.,]\d|-\d|\s*(?:%|per ?cent))/gu)) {
    const s = from + m.index!;
    if (covered(s, s + 4)) continue;
    if (!DATE_PREPOSITION.test(slice.slice(Math.max(0, m.index! - 12), m.index!))) continue;
    out.push({ start: s, end: s + 4, value: { year: +m[1] }, relative: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

function toMention(r: ParsedResult, text: string, ref: DateValue | undefined): DateMention | undefined {
  let start = r.index;
  let raw = r.text;
  // chrono keeps "On " and a trailing comma; the date is what follows and precedes them.
  const lead = /^(?:on|in|at|since|by|from)\s+/i.exec(raw);
  if (lead) {
    start += lead[0].length;
    raw = raw.slice(lead[0].length);
  }
  // Glued to a word ("FeaturedFebruary 6, 2016" in a live blog's widget): page furniture, not a date in prose.
  if (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1])) return undefined;
  raw = raw.replace(/[\s,;]+$/, '');
  // chrono reads a bare number after a year as an hour ("May 3, 2016, 12 ships"): it is the next figure.
  raw = raw.replace(/(\d{4})[\s,]+\d{1,2}$/, '$1');
  // "Chapter 11 tomorrow": the number is the name's, the date is "tomorrow".
  const named = /^\d{1,4}\s+(?=(?:today|tomorrow|yesterday|tonight)\b)/i.exec(raw);
  if (named && /\p{Lu}[\p{L}]*[ \u00A0]$/u.test(text.slice(Math.max(0, start - 20), start))) {
    start += named[0].length;
    raw = raw.slice(named[0].length);
  }
  const end = start + raw.length;
  if (VAGUE.test(raw)) return undefined;
  const c = r.start;
  const knownOf = (k: 'year' | 'month' | 'day' | 'weekday') => (c.isCertain(k) ? (c.get(k) ?? undefined) : undefined);
  const known = { year: knownOf('year'), month: knownOf('month'), day: knownOf('day'), weekday: knownOf('weekday') };
  const hasMonthWord = MONTH_WORD.test(raw);
  // "Friday, June 17" is absolute: the month is stated.
  const relative = RELATIVE.test(raw) && !hasMonthWord && !/\d{4}/.test(raw);
  // A month name must be capitalised ("may" is a verb) and a lone month needs a preposition ("in June").
  if (hasMonthWord) {
    const mw = MONTH_WORD.exec(raw)!;
    if (!/^\p{Lu}/u.test(mw[0])) return undefined;
  }
  if (/^\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?$/i.test(raw)) return undefined;
  if (DURATION.test(raw)) return undefined;
  // "3/8" is a price's fraction ("7-3/8", "down 3/8") and "9/11" a name more often than a date without its year.
  if (/^\d{1,2}\/\d{1,2}$/.test(raw)) return undefined;
  // "Super Tuesday" is a name (and a day that weekday arithmetic does not find).
  if (/^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i.test(raw) && /\bSuper[ \u00A0]$/.test(text.slice(Math.max(0, start - 6), start))) return undefined;
  // "What Happens Tomorrow", "The Tomorrow People": a capitalised relative word inside a sentence is a title's.
  if (/^(?:Today|Tomorrow|Yesterday|Tonight)$/.test(raw) && !/(?:^|[.!?:;"“‘(\n—–-])\s*$/.test(text.slice(Math.max(0, start - 4), start))) return undefined;
  // "USA TODAY": a relative word in capitals after a word in capitals is a name.
  if (/^(?:TODAY|TONIGHT|TOMORROW|YESTERDAY)$/.test(raw) && /\p{Lu}{2,}[ \u00A0]$/u.test(text.slice(Math.max(0, start - 12), start))) return undefined;

  // "the end of the month", "later in the day": without a month word, a number or a relative word, chrono dates
  // them from its reference (the article's date, made up in an undated article): they name no day of their own.
  if (!hasMonthWord && !/\d/.test(raw) && (!RELATIVE.test(raw) || /\b(?:earlier|later)\s+(?:in\s+|on\s+)?(?:the|that)\s+(?:day|week|month)\b/i.test(raw))) return undefined;

  if (!relative) {
    const value: DateValue = {};
    if (known.day !== undefined && known.month !== undefined) {
      value.day = known.day;
      value.month = known.month;
    } else if (known.month !== undefined && hasMonthWord) {
      value.month = known.month;
      if (known.year === undefined && !DATE_PREPOSITION.test(text.slice(Math.max(0, start - 12), start))) return undefined;
    } else {
      return undefined;
    }
    if (known.year !== undefined) value.year = known.year;
    if (known.weekday !== undefined) value.weekday = known.weekday;
    let how: string | undefined;
    if (value.year === undefined && ref?.year !== undefined) {
      // A year-less date is the next such day after the article's date when the sentence
      // speaks of the future ("will be held on Nov. 8"), the last one before it when it speaks
      // of the past, else the nearest: "Nov. 8" in a May 2016 story is 2016-11-08 if the vote
      // is to come, and a 2015 date invented a disagreement.
      // "last February" in a February story is a year back; "next March", the one after.
      const said = /\b(last|next)[ \u00A0]$/i.exec(text.slice(Math.max(0, start - 5), start))?.[1].toLowerCase();
      const tense = said === 'last' ? 'past' : said === 'next' ? 'future' : tenseAt(text, start, end);
      value.year = yearByTense(value, ref as Required<DateValue>, tense, said !== undefined);
      how = `year from the article date, ${reporterDate(ref)}${tense === 'future' ? ' (the next one: future tense)' : tense === 'past' ? ' (the last one: past tense)' : ' (the nearest one)'}`;
    }
    return { start, end, value, relative: false, how };
  }

  // Relative: resolved only against a known article date.
  if (known.weekday !== undefined && known.day === undefined && !/\b(?:last|next|this)\b/i.test(raw)) {
    const weekday = known.weekday;
    if (!ref) return { start, end, value: { weekday }, relative: true, how: 'the article has no date, so the weekday is not resolved' };
    // "Monday" in a story means the latest Monday on or before its date; "will meet on Monday", the next one.
    const d = utc(ref as Required<DateValue>);
    const shift = tenseAt(text, start, end) === 'future' ? (weekday - d.getUTCDay() + 7) % 7 : -((d.getUTCDay() - weekday + 7) % 7);
    d.setUTCDate(d.getUTCDate() + shift);
    const value = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday };
    return { start, end, value, relative: true, how: `“${raw}” in an article dated ${reporterDate(ref)} → ${reporterDate(value)}` };
  }
  if (!ref) return undefined;
  const r0 = r.start;
  const value: DateValue = {};
  if (/\byear\b/i.test(raw)) value.year = r0.get('year') ?? undefined;
  else if (/\bmonth\b/i.test(raw)) {
    value.year = r0.get('year') ?? undefined;
    value.month = r0.get('month') ?? undefined;
  } else if (/\b(?:today|yesterday|tomorrow|tonight)\b/i.test(raw)) {
    value.year = r0.get('year') ?? undefined;
    value.month = r0.get('month') ?? undefined;
    value.day = r0.get('day') ?? undefined;
  } else return undefined;
  if (value.year === undefined) return undefined;
  return { start, end, value, relative: true, how: `“${raw}” in an article dated ${reporterDate(ref)} → ${reporterDate(value)}` };
}

type Tense = 'future' | 'past' | undefined;

/** The tense of the cue nearest to text[start, end) in its sentence (`text` is the sentence or a few). */
function tenseAt(text: string, start: number, end: number): Tense {
  let best: Tense;
  let bestDistance = Infinity;
  // Within the date's clause: "will meet on Thursday; they met on Monday".
  // (A window of 300 characters either side keeps a sentence of many dates linear.)
  const window = Math.max(0, start - 300);
  const before = text.slice(window, start);
  const from = window + Math.max(before.lastIndexOf(';'), before.lastIndexOf(':'), 0);
  let to = text.slice(end, end + 300).search(/[;:]/);
  to = to < 0 ? Math.min(text.length, end + 300) : end + to;
  TENSE.lastIndex = from;
  for (let m = TENSE.exec(text); m && m.index < to; m = TENSE.exec(text)) {
    const s = m.index;
    const e = s + m[0].length;
    if (s >= start && e <= end) continue;
    // A passive takes its auxiliary's tense: "will be held" is future, "was held" past.
    if (m[2] && /\b(?:be|been|being|to)\s+$/i.test(text.slice(Math.max(0, s - 8), s))) continue;
    // The verb a date belongs to comes before it more often than after ("met on Monday").
    const distance = e <= start ? start - e : 1.5 * (s - end);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = m[2] ? 'past' : 'future';
    }
    if (s > end) break;
  }
  return best;
}

/** The year of a month (and day) without one, as `tense` places it around `ref`. */
function yearByTense(v: DateValue, ref: Required<Pick<DateValue, 'year' | 'month' | 'day'>>, tense: Tense, strict = false): number {
  // Dates compared as months and days; a month alone counts as its 15th, and as the whole month for on-or-before/after.
  const key = (y: number) => (y * 12 + v.month! - 1) * 32 + (v.day ?? 15);
  const refKey = (ref.year * 12 + ref.month - 1) * 32 + ref.day;
  const years = [ref.year - 1, ref.year, ref.year + 1];
  // Strictly ("last February", "next March"): not the article's own month or day.
  const cmp = (y: number) => (v.day === undefined ? Math.floor(key(y) / 32) - Math.floor(refKey / 32) : key(y) - refKey);
  if (tense === 'future') return years.find((y) => (strict ? cmp(y) > 0 : cmp(y) >= 0))!;
  if (tense === 'past') return [...years].reverse().find((y) => (strict ? cmp(y) < 0 : cmp(y) <= 0))!;
  return years.reduce((a, y) => (Math.abs(key(y) - refKey) < Math.abs(key(a) - refKey) ? y : a));
}

export type DateConsistency = 'same' | 'covers' | 'within' | 'different' | 'unknown';

/**
 * How a draft's date relates to a source's: the same day (or month, or year), the
 * source more precise and consistent ("in June" vs June 17: covers), the source vaguer
 * and consistent (within), contradicting, or nothing to compare.
 */
export function compareDates(draft: DateValue, source: DateValue): DateConsistency {
  let shared = 0;
  for (const k of ['year', 'month', 'day'] as const) {
    if (draft[k] === undefined || source[k] === undefined) continue;
    if (draft[k] !== source[k]) return 'different';
    shared++;
  }
  const dw = weekdayOf(draft);
  const sw = weekdayOf(source);
  if (dw !== undefined && sw !== undefined) {
    if (dw !== sw) return 'different';
    shared++;
  }
  if (shared === 0) return 'unknown';
  const precision = (v: DateValue) => (v.day !== undefined ? 3 : v.month !== undefined ? 2 : v.year !== undefined ? 1 : v.weekday !== undefined ? 3 : 0);
  // A day without its year is as precise as the source needs when their months and days agree.
  const dp = precision(draft);
  const sp = precision(source);
  if (draft.day !== undefined && source.day !== undefined) return 'same';
  if (dp === sp && (draft.weekday === undefined) === (source.weekday === undefined)) return 'same';
  if (draft.weekday !== undefined && draft.day === undefined && source.day !== undefined) return 'same';
  return dp <= sp ? 'covers' : 'within';
}
