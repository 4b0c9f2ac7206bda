// Figures in prose, with their exact text range: percentages (99.23%, 99.23 percent,
// 99.23 per cent, 12 pct), counts with the noun they count (600 countries, four
// regions, 1.2 million people, $1.13bn), ordinals (25th forum, fourth day) and vote
// shares written as fractions (two-thirds). Hedges (about, more than, nearly) are kept,
// because "over 600" is consistent with 612 and "600" is not.
//
// What reads like a figure and is not one (issue 14, measured on wire and political news):
// durations ("60 days", "three years", "a second day"), a wire earnings table's period labels
// ("Nine mths", "4TH QTR") and its "vs", names that hold a number ("Chapter 11", "Boeing 747",
// "Fortune 500"), digits stuck in a word or in mojibake ("GÃ1⁄4len"). A price written with a
// fraction ("7-3/8") is one figure, 7.375.

import { isContentWord, normaliseWord } from '../text/tokens';

export type FigureKind = 'percent' | 'count' | 'ordinal' | 'money';
/** What a hedge allows: the true value is near (about), above (over) or below (under) the stated one. */
export type Hedge = 'about' | 'over' | 'atleast' | 'under' | 'atmost' | 'nearly';

export interface Figure {
  kind: FigureKind;
  value: number;
  /** The smallest step the figure is written in (0.01 for 99.23%, 1 for 600, 100000 for 1.2 million). */
  step: number;
  /** The counted noun, normalised ("countries" → "country"), for counts and ordinals. */
  unit?: string;
  /** Currency sign or word for money. */
  currency?: string;
  hedge?: Hedge;
  /** Written in words ("four", "two-thirds"): small spelled numbers are narrative more often than data. */
  spelled: boolean;
}

export interface FigureMention extends Figure {
  start: number;
  end: number;
  /** Offsets of the number itself (without hedge or unit), for the quick fix. */
  numStart: number;
  numEnd: number;
}

const UNITS: Record<string, number> = {
  zero: 0, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
const ORDINAL_WORDS: Record<string, number> = {
  third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12, twentieth: 20,
};
const FRACTIONS: Record<string, number> = {
  'one-third': 100 / 3, 'two-thirds': 200 / 3, 'one-quarter': 25, 'three-quarters': 75, 'three-fourths': 75, 'one-fifth': 20,
  'two-fifths': 40, 'three-fifths': 60, 'four-fifths': 80,
};
const SCALES: Record<string, number> = {
  thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, mln: 1e6, bln: 1e9, m: 1e6, bn: 1e9, k: 1e3, tn: 1e12, b: 1e9,
};
const CURRENCY_SIGNS: Record<string, string> = { $: 'usd', '£': 'gbp', '€': 'eur', '¥': 'jpy' };
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'usd', dollars: 'usd', dlrs: 'usd', usd: 'usd', pound: 'gbp', pounds: 'gbp', sterling: 'gbp', stg: 'gbp', euro: 'eur', euros: 'eur',
  yen: 'jpy', rouble: 'rub', roubles: 'rub', ruble: 'rub', rubles: 'rub', tenge: 'kzt', yuan: 'cny',
};

/** Hedge phrases, longest first, as they stand before a figure. */
const HEDGES: Array<[RegExp, Hedge]> = [
  [/(?:more than|greater than|upwards of|in excess of|over|above|beyond|exceeding)\s+$/i, 'over'],
  [/(?:at least|no fewer than|no less than|a minimum of)\s+$/i, 'atleast'],
  [/(?:less than|fewer than|under|below|short of)\s+$/i, 'under'],
  [/(?:at most|up to|no more than|a maximum of)\s+$/i, 'atmost'],
  [/(?:nearly|almost|close to|just under|just shy of)\s+$/i, 'nearly'],
  [/(?:about|around|roughly|approximately|some|an estimated|estimated|nearly|circa|c\.|approx\.|an? approximate|just over|just above)\s+$/i, 'about'],
];

const NUMBER = /(\d+(?:[.,]\d+)*)/y;

/**
 * Nouns that make a number a duration or a reporting period ("60 days", "three years ago",
 * "the fourth quarter", "Nine mths"): a span of time, not a quantity of anything, and what
 * it is counted from is another event the sentence rarely names.
 */
const TIME_UNITS = new Set(
  'second sec minute min hour hr day week month mth year yr decade century quarter qtr half fortnight weekend night'.split(' '),
);
/** Wire earnings-table words that are no counted noun: "807,000 vs 2,858,000", "Avg shrs", "Oper net". */
const TABLE_WORDS = new Set('vs v versus mths mth qtr qtrs shr shrs revs avg oper'.split(' '));
/** Words of time that end a noun run: "29 yesterday", "the 102nd Rose Bowl later Friday". */
const WHEN_WORDS = new Set(
  'today yesterday tomorrow tonight later earlier ago monday tuesday wednesday thursday friday saturday sunday'.split(' '),
);
/** Capitalised words before a number that do not make it part of a name ("In 2014", "On Monday 40 …", "Another 40"). */
const NOT_NAME = new Set(
  ('another only just all some those these nearly almost about around roughly over under more less fewer than top ' +
    'exactly approximately perhaps possibly altogether barely fully still also even least most ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec')
    .split(' '),
);
/** "in 10" after a small number: a share in tenths ("6 in 10 voters", "four in 10"). */
const IN_TEN = /^ in (?:10|ten)(?![\p{L}\p{N}])/iu;
/** Denominators of the fractions prices are quoted in ("7-3/8", "12-1/2"). */
const PRICE_DENOMINATORS = new Set([2, 4, 8, 16, 32, 64]);
const WORD = /[\p{L}][\p{L}\p{M}'’-]*/uy;
/** An abbreviation in dots ("U.S."), read where a word starts (sticky, like WORD: no copy of the text). */
const DOTTED = /(?:\p{L}\.){2,}/uy;

function decimalsOf(num: string): number {
  const dot = num.lastIndexOf('.');
  return dot < 0 ? 0 : num.length - dot - 1;
}

/** Singular, normalised noun: "countries" → "country", "regions" → "region". */
export function unitKey(word: string): string {
  const w = normaliseWord(word);
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && /(ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

/** Verbs a number may be the subject of ("five say", "two think"), none of them a noun that is counted ("12 states"). */
const SUBJECT_VERBS = new Set(
  'say says said tell tells told think thinks thought believe believes believed want wants wanted agree agrees agreed'.split(' '),
);

/**
 * The noun a number counts, from the run of words after it (up to five, stopping at a
 * function word or punctuation): for a count, the first plural in the run ("four
 * eastern Ukrainian regions", "600 countries instead" → country), else its first word;
 * for an ordinal, the run's last word ("25th St Petersburg International Economic
 * Forum" → forum).
 */
function countedNoun(text: string, from: number, to: number, ordinal: boolean): { unit: string; end: number } | undefined {
  let i = from;
  const run: Array<{ raw: string; end: number }> = [];
  for (let n = 0; n < 5; n++) {
    let j = i;
    while (j < to && /[ \t\u00A0]/.test(text[j])) j++;
    if (j === i && n > 0) break;
    WORD.lastIndex = j;
    const m = WORD.exec(text);
    if (!m || m.index + m[0].length > to) break;
    // "50 U.S. cents": an abbreviation in dots qualifies the noun after it, and its letters are no noun.
    DOTTED.lastIndex = m.index;
    const dotted = DOTTED.exec(text);
    if (dotted && dotted.index + dotted[0].length <= to) {
      i = dotted.index + dotted[0].length;
      continue;
    }
    const raw = m[0].replace(/['’]s$/, '').replace(/-+$/, '');
    const norm = normaliseWord(raw);
    if (!isContentWord(norm) || /^(per|percent|cent|pct|of|to)$/.test(norm) || TABLE_WORDS.has(norm) || WHEN_WORDS.has(norm)) break;
    // "majorities in all five say": a verb of saying or thinking right after the number is its subject's, no noun.
    if (run.length === 0 && SUBJECT_VERBS.has(norm)) break;
    // An all-capitals acronym after a name (Forum SPIEF) does not change the noun.
    if (!(run.length > 0 && raw.length >= 2 && raw === raw.toUpperCase())) run.push({ raw, end: m.index + m[0].length });
    i = m.index + m[0].length;
  }
  if (run.length === 0) return undefined;
  const pick = ordinal ? run[run.length - 1] : (run.find((w) => /[^s]s$/i.test(w.raw) && w.raw[0] === w.raw[0].toLowerCase()) ?? run[0]);
  return { unit: unitKey(pick.raw), end: pick.end };
}

function hedgeBefore(text: string, start: number): { hedge: Hedge; start: number } | undefined {
  const before = text.slice(Math.max(0, start - 24), start);
  for (const [re, hedge] of HEDGES) {
    const m = re.exec(before);
    if (m && (m.index === 0 || !/[\p{L}]/u.test(before[m.index - 1]))) return { hedge, start: start - (before.length - m.index) };
  }
  return undefined;
}

/** Where a figure may start: a digit not glued to a word, or a number word. */
const CANDIDATE = new RegExp(
  `(?<![\\p{L}\\p{N}\\p{M}_./:#\u2044-])\\d|(?<![\\p{L}\\p{N}])(?:${[...Object.keys(UNITS), ...Object.keys(ORDINAL_WORDS), ...Object.keys(FRACTIONS)]
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![\\p{L}])`,
  'giu',
);

const NUMBER_WORDS = [...Object.keys(UNITS), ...Object.keys(ORDINAL_WORDS), ...Object.keys(FRACTIONS)];
/**
 * CANDIDATE without its look-arounds and Unicode case folding, on a slice: about ten times
 * cheaper, and it keeps CANDIDATE from scanning on past the sentence (it stops only at the
 * next figure of the text). ſ and K (Kelvin) fold to s and k under /iu, so they pass too.
 */
const MAYBE_CANDIDATE = new RegExp(`\\d|[\u017f\u212a]|${NUMBER_WORDS.join('|')}`, 'i');
const LONGEST_WORD = Math.max(...NUMBER_WORDS.map((w) => w.length));

/** Whether text[from, to) may hold a figure: false means findFigures finds none there (test/core/factPrefilter.test.ts). */
export function mayHoldFigure(text: string, from = 0, to = text.length): boolean {
  // A number word may start before `to` and end after it.
  return MAYBE_CANDIDATE.test(text.slice(from, to + LONGEST_WORD));
}

/** Finds the figures in text[from, to). */
export function findFigures(text: string, from = 0, to = text.length): FigureMention[] {
  return mayHoldFigure(text, from, to) ? findFiguresUnfiltered(text, from, to) : [];
}

/** findFigures without the prefilter (for a caller that has run it, and the test that holds it to its promise). */
export function findFiguresUnfiltered(text: string, from = 0, to = text.length): FigureMention[] {
  // The candidate search must stop at `to`: on a range with no candidate it ran on to the
  // end of the text, so a long one-line source (thousands of sentences) cost time
  // quadratic in its length (a 10 MB line did not finish indexing). The readers below look
  // at most a few characters past `to`; the margin keeps what they see unchanged.
  if (to + 64 < text.length) text = text.slice(0, to + 64);
  const out: FigureMention[] = [];
  // The one shared expression (this loop calls nothing that uses it): a new one a call cost more than the search.
  const re = CANDIDATE;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < to) {
    const i = m.index;
    let f: FigureMention | undefined;
    if (text[i] >= '0' && text[i] <= '9') {
      f = digitFigure(text, i, to);
      if (!f) {
        let j = i;
        while (j < to && /[\d.,:/\u2044-]/.test(text[j])) j++;
        re.lastIndex = Math.max(j, i + 1);
        continue;
      }
    } else {
      WORD.lastIndex = i;
      const w = WORD.exec(text);
      const wordEnd = w ? Math.min(to, w.index + w[0].length) : i + m[0].length;
      f = wordFigure(text, i, wordEnd, to);
      if (!f) {
        re.lastIndex = wordEnd;
        continue;
      }
    }
    out.push(f);
    re.lastIndex = Math.max(f.end, i + 1);
  }
  return out;
}

function digitFigure(text: string, start: number, to: number): FigureMention | undefined {
  NUMBER.lastIndex = start;
  const nm = NUMBER.exec(text);
  if (!nm) return undefined;
  let numText = nm[1].replace(/[.,]$/, '');
  // A comma between digit groups of three is a thousands separator; otherwise it ends the number.
  if (/,/.test(numText) && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(numText)) numText = numText.split(',')[0];
  let numEnd = start + numText.length;
  let after = text.slice(numEnd, Math.min(to, numEnd + 40));
  // A price in fractions, "7-3/8": one number, not a range and a date.
  const fraction = /^\d+$/.test(numText) ? /^-(\d{1,2})\/(\d{1,2})(?![\d/\p{L}])/u.exec(after) : null;
  const priceFraction = !!fraction && PRICE_DENOMINATORS.has(+fraction[2]) && +fraction[1] < +fraction[2];
  // Times, dates, ranges and codes glued to letters (13:35, 2022-09-26, U23, 3D, 5pm) are not figures.
  if (/^[:/\u2044-]\d/.test(after) && !priceFraction) return undefined;
  // "a 30-minute spree", "a two-week delay": a duration (an age, "55-year-old", is a figure).
  if (/^-(?:second|minute|hour|day|week|month|year|decade)s?(?![\p{L}-])/iu.test(after)) return undefined;
  if (/^\s?(?:GMT|BST|UTC|CET|EST|EDT|PST|[ap]\.?m\.?)(?![\p{L}])/iu.test(after)) return undefined;
  const glued = /^\p{L}+/u.exec(after);
  if (glued && !/^(st|nd|rd|th|m|bn|k|b|mln|bln|tn|pct)$/i.test(glued[0])) return undefined;
  let value = Number(numText.replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  let step = Math.pow(10, -decimalsOf(numText));
  if (priceFraction) {
    value += +fraction![1] / +fraction![2];
    step = 1 / +fraction![2];
    numEnd += fraction![0].length;
    after = text.slice(numEnd, Math.min(to, numEnd + 40));
  }
  const currencySign = CURRENCY_SIGNS[text[start - 1]];
  const hedge = hedgeBefore(text, currencySign ? start - 1 : start);
  // Each mention below is written out whole, fields in one order: spreading a shared base into each cost more than finding the figure.
  const hedged = hedge?.hedge;
  const begin = hedge ? hedge.start : currencySign ? start - 1 : start;

  // Ordinal: 25th, 74th session.
  const ord = /^(st|nd|rd|th)\b/i.exec(after);
  if (ord) {
    const e = numEnd + ord[0].length;
    const noun = countedNoun(text, e, to, true);
    if (isPeriodAfter(text, e, to) || (noun && TIME_UNITS.has(noun.unit))) return undefined;
    return { numStart: start, numEnd: e, spelled: false, hedge: hedged, kind: 'ordinal', value, step: 1, unit: noun?.unit, start: begin, end: noun?.end ?? e };
  }
  // A poll's share, "6 in 10 voters": 60%, to the tenth it is written in.
  const tenth = IN_TEN.exec(after);
  if (tenth && Number.isInteger(value) && value <= 10 && !priceFraction) {
    return { numStart: start, numEnd, spelled: false, hedge: hedged, kind: 'percent', value: value * 10, step: 10, start: begin, end: numEnd + tenth[0].length };
  }
  // Percentage.
  const pct = /^\s?(%|per\s?cent\b|pct\b|percentage points?\b|points?\b(?=\s+(?:of|in|lead|ahead)))/i.exec(after);
  if (pct && !/^\s?points?/i.test(pct[0])) {
    return { numStart: start, numEnd, spelled: false, hedge: hedged, kind: 'percent', value, step, start: begin, end: numEnd + pct[0].length };
  }
  // Scale words and money.
  let v = value;
  let e = numEnd;
  const scale = /^\s?(thousand|million|billion|trillion|mln|bln|bn|tn|m|k|b)\b/i.exec(after);
  if (scale) {
    const mult = SCALES[scale[1].toLowerCase()];
    // "5 m" (metres) and "3 b" are not scales unless money is involved.
    if (mult && (scale[1].length > 1 || currencySign)) {
      v = value * mult;
      step *= mult;
      e = numEnd + scale[0].length;
    }
  }
  const curWord = /^\s?(dollars?|dlrs|usd|pounds?|sterling|stg|euros?|yen|roubles?|rubles?|tenge|yuan)\b/i.exec(text.slice(e, Math.min(to, e + 20)));
  if (currencySign || curWord) {
    const end = curWord ? e + curWord[0].length : e;
    return { numStart: start, numEnd, spelled: false, hedge: hedged, kind: 'money', value: v, step, currency: currencySign ?? CURRENCY_WORDS[curWord![1].toLowerCase()], start: begin, end };
  }
  if (isPeriodAfter(text, e, to)) return undefined;
  const noun = countedNoun(text, e, to, false);
  if (noun && TIME_UNITS.has(noun.unit)) return undefined;
  // "Chapter 11", "Boeing 747", "Fortune 500", "Windows 10": a name holding a number.
  if (e === numEnd && !priceFraction && /^\d+$/.test(numText) && isNameBefore(text, start)) return undefined;
  // "error code 17", "Ecode: 17", "area code 212": an identifier.
  if (e === numEnd && /code:?[ \u00A0]?$/i.test(text.slice(Math.max(0, start - 7), start))) return undefined;
  // Integers written with trailing zeros are rounded to that step ("600", "1,200").
  if (step === 1 && v >= 10) {
    let s = 1;
    while (v % (s * 10) === 0) s *= 10;
    step = e === numEnd ? s : step;
  }
  return { numStart: start, numEnd, spelled: false, hedge: hedged, kind: 'count', value: v, step, unit: noun?.unit, start: begin, end: noun?.end ?? e };
}

function wordFigure(text: string, start: number, wordEnd: number, to: number): FigureMention | undefined {
  const norm = text.slice(start, wordEnd).toLowerCase().replace(/[’']/g, '');
  // Most words are not numbers: look them up before anything costlier.
  if (FRACTIONS[norm] === undefined && ORDINAL_WORDS[norm] === undefined && UNITS[norm.split('-')[0]] === undefined) return undefined;
  const hedge = hedgeBefore(text, start);
  const begin = hedge ? hedge.start : start;
  if (FRACTIONS[norm] !== undefined) {
    // A fraction is a share: "two-thirds of voters" ≈ 66.7%, with a loose step.
    return { kind: 'percent', value: FRACTIONS[norm], step: 5, hedge: hedge?.hedge ?? 'about', spelled: true, start: begin, end: wordEnd, numStart: start, numEnd: wordEnd };
  }
  if (ORDINAL_WORDS[norm] !== undefined) {
    const noun = countedNoun(text, wordEnd, to, true);
    if (!noun || TIME_UNITS.has(noun.unit) || isPeriodAfter(text, wordEnd, to) || namesWithNumber(text, start, wordEnd)) return undefined;
    return { kind: 'ordinal', value: ORDINAL_WORDS[norm], step: 1, unit: noun.unit, spelled: true, start: begin, end: noun.end, numStart: start, numEnd: wordEnd, hedge: hedge?.hedge };
  }
  // Cardinal words: "four regions", "twenty-five states". "one" is too often a pronoun.
  const parts = norm.split('-');
  if (!parts.every((p) => UNITS[p] !== undefined)) return undefined;
  const value = parts.reduce((a, p) => (p === 'hundred' ? Math.max(1, a) * 100 : a + UNITS[p]), 0);
  let e = wordEnd;
  let v = value;
  const scale = /^\s(thousand|million|billion)\b/i.exec(text.slice(e, e + 12));
  if (scale) {
    v *= SCALES[scale[1].toLowerCase()];
    e += scale[0].length;
  }
  const tenth = IN_TEN.exec(text.slice(e, e + 12));
  if (tenth && v <= 10) return { kind: 'percent', value: v * 10, step: 10, spelled: true, start: begin, end: e + tenth[0].length, numStart: start, numEnd: e, hedge: hedge?.hedge };
  const pct = /^\s?(per\s?cent|percent)\b/i.exec(text.slice(e, e + 12));
  if (pct) return { kind: 'percent', value: v, step: 1, spelled: true, start: begin, end: e + pct[0].length, numStart: start, numEnd: e, hedge: hedge?.hedge };
  const noun = countedNoun(text, e, to, false);
  // A spelled number counts something, or it is not a figure ("the two of them"); a span of time is no count.
  if (!noun || TIME_UNITS.has(noun.unit) || isPeriodAfter(text, e, to) || namesWithNumber(text, start, e)) return undefined;
  return { kind: 'count', value: v, step: scale ? SCALES[scale[1].toLowerCase()] : 1, unit: noun.unit, spelled: true, start: begin, end: noun.end, numStart: start, numEnd: e, hedge: hedge?.hedge };
}

/**
 * A number word and the word after it both capitalised: a name ("the Six Nations", "Five Live", "the Third Way",
 * "the Seventh Circuit"), not a count. A sentence's first word is capitalised anyway: "Three names" still counts.
 */
function namesWithNumber(text: string, start: number, end: number): boolean {
  return /\p{Lu}/u.test(text[start]) && /^[ \u00A0]+\p{Lu}/u.test(text.slice(end, end + 4));
}

/** Whether a period word follows (the first word after `at`): "4TH QTR", "Nine mths", "third quarter". */
function isPeriodAfter(text: string, at: number, to: number): boolean {
  const m = /^[ \t\u00A0]{1,3}([A-Za-z]+)/.exec(text.slice(at, Math.min(to, at + 16)));
  if (!m) return false;
  const w = m[1].toLowerCase();
  return /^(?:mths?|qtrs?)$/.test(w) || TIME_UNITS.has(unitKey(w));
}

/** A name and its number, then a list of numbers and capitalised words, up to a comma or "and" before the number. */
const LISTED_AFTER_NAME = /(\p{Lu}[\p{L}\p{M}]*)[ \u00A0]\d+(?:,[ \u00A0](?:\d+|\p{Lu}[\p{L}\p{N}]*))*(?:,[ \u00A0]|,?[ \u00A0](?:and|or)[ \u00A0])$/u;

/**
 * Whether the number at `start` follows a capitalised word that names something with it
 * ("Chapter 11", "Boeing 747", "Fortune 500"): a word in capitals, not a function word, a
 * hedge, a month or a weekday, and not the first word of a sentence.
 */
function isNameBefore(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  // Or a list going on from one ("Windows 95, 98, ME, NT and XP"): each number is a version's name.
  const listed = LISTED_AFTER_NAME.exec(before);
  const m = /(?:^|[^\p{L}\p{N}'’])(\p{Lu}[\p{L}\p{M}]*)[ \u00A0]$/u.exec(listed ? before.slice(0, listed.index + listed[1].length + 1) : before);
  if (!m) return false;
  const norm = normaliseWord(m[1]);
  // Even first in a sentence: a capitalised noun right before a bare number is a name
  // ("Boeing 747 jets …", "Chapter 11 filings …") far more often than a count.
  return isContentWord(norm) && !NOT_NAME.has(norm);
}

/** How the figure reads in a message: "99.23%", "over 600 countries", "the 74th session". */
export function formatFigure(f: Figure): string {
  const n = formatNumber(f.value, f.step);
  switch (f.kind) {
    case 'percent':
      return `${n}%`;
    case 'ordinal':
      return `${n}${ordinalSuffix(f.value)}${f.unit ? ' ' + f.unit : ''}`;
    case 'money':
      return `${n} ${f.currency?.toUpperCase() ?? ''}`.trim();
    case 'count':
      return f.unit ? `${n} ${f.unit}` : n;
  }
}

export function formatNumber(value: number, step = 1): string {
  // As many decimals as the step needs: 2 for 0.01, 3 for a price's eighths (0.125).
  let decimals = 0;
  while (decimals < 6 && step < 1 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-9) decimals++;
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

function ordinalSuffix(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

export type Consistency = 'same' | 'rounded' | 'different';

/**
 * Whether a draft's figure is consistent with a source's: the same value, the source's
 * value rounded to the draft's step, or hedged in the right direction ("more than 99%"
 * for 99.23%). A hedged source value ("over 600") is matched by the same hedge.
 */
const HEDGE_REACH = 2;

/** A number written to a round last digit (600, 90, 2.5): what "about" usually rounds to. */
function isRoundNumber(value: number, step: number): boolean {
  if (step >= 10) return true; // written with trailing zeros ("600", "1,200")
  const q = value / (5 * step);
  return Math.abs(q - Math.round(q)) < 1e-9;
}

export function compareFigures(draft: Figure, source: Figure): Consistency {
  const d = draft.value;
  const s = source.value;
  const eq = (a: number, b: number) => Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (eq(d, s) && (draft.hedge ?? '') === (source.hedge ?? '')) return 'same';
  if (eq(d, s) && !source.hedge) return draft.hedge && ['over', 'under'].includes(draft.hedge) ? 'different' : 'rounded';
  if (eq(d, s)) return 'rounded';
  // The source's value rounded to the precision the draft writes.
  const rounds = Math.abs(Math.round(s / draft.step) * draft.step - d) < draft.step * 1e-6;
  const rel = Math.abs(s - d) / Math.max(Math.abs(s), 1e-9);
  // A hedged source ("above 9%", "around 6.5%") is restated with its own number: the hedge already covers the rounding.
  // ("$1 million" is no restatement of "at least $500,000", though it rounds to it).
  if (source.hedge && (!draft.hedge || draft.hedge === source.hedge)) return rounds && draft.step > source.step && rel <= 0.1 ? 'rounded' : 'different';
  switch (draft.hedge) {
    case undefined:
      // Unhedged rounding is fine for decimals (99.2% for 99.23%) and large numbers; not for "600" for 612,
      // nor "20,000" for 22,000 (a round number written bare is off by a tenth).
      return rounds && (draft.step < 1 || s >= 1000) && draft.step < s && rel <= 0.05 ? 'rounded' : 'different';
    case 'about':
      // "About 600" for 612, "about 87%" for 87.05%; never "about 89%" for 87.05% (89 is no rounding of it).
      return (rounds && rel <= 0.1) || (rel <= 0.05 && isRoundNumber(d, draft.step)) ? 'rounded' : 'different';
    // A bound is written near what it bounds: "more than 600" for 612, never "more than $8 million" for
    // $110 billion (true, and about something else). Within a factor of two either way.
    case 'over':
      return s > d && s <= d * HEDGE_REACH ? 'rounded' : 'different';
    case 'atleast':
      return s >= d && s <= d * HEDGE_REACH ? 'rounded' : 'different';
    case 'under':
      return s < d && s >= d / HEDGE_REACH ? 'rounded' : 'different';
    case 'atmost':
      return s <= d && s >= d / HEDGE_REACH ? 'rounded' : 'different';
    case 'nearly':
      return s < d && rel <= 0.1 ? 'rounded' : 'different';
  }
}

/**
 * The values a figure allows as written: a bound its half-line ("more than 60": above 60; "nearly
 * two-thirds": up to two-thirds, from nine tenths of it), any other figure its value give or take
 * half its last written step ("about 89%" is 88.5 to 89.5: "about" rounds, compareFigures says).
 */
function rangeOf(f: Figure): [number, number] {
  const v = f.value;
  switch (f.hedge) {
    case 'over':
    case 'atleast':
      return [v, Infinity];
    case 'under':
    case 'atmost':
      return [-Infinity, v];
    case 'nearly':
      return [v * 0.9, v];
    default:
      return [v - f.step / 2, v + f.step / 2];
  }
}

const BOUNDS = new Set<Hedge | undefined>(['over', 'atleast', 'under', 'atmost', 'nearly']);

/**
 * Whether one value could make both figures true, one of them a bound: "nearly two-thirds" and
 * "more than 6 in 10" both hold of 63%. (Two figures without a bound agree or not as compareFigures says.)
 */
export function rangesOverlap(a: Figure, b: Figure): boolean {
  if (!BOUNDS.has(a.hedge) && !BOUNDS.has(b.hedge)) return false;
  const [a0, a1] = rangeOf(a);
  const [b0, b1] = rangeOf(b);
  return a0 < b1 && b0 < a1;
}
