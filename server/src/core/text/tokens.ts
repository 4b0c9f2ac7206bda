// Word tokens with exact offsets, normalised so that what does not change meaning
// (Unicode form, case, diacritics, curly vs straight apostrophes, stripped apostrophes,
// dashes, dotted abbreviations) does not count as a difference.

export interface Token {
  /** Normalised form used for comparison: lower case, no diacritics, no apostrophes. */
  norm: string;
  /** Offsets into the original text (UTF-16 code units, as LSP positions). */
  start: number;
  end: number;
  /** True when the original word starts with a capital letter. */
  capital: boolean;
  /** One of the words a contraction stands for (text/contractions.ts): the written word's norm. */
  contracted?: string;
}

import { MOJIBAKE_PAD } from './mojibake';

const APOSTROPHES = new Set(["'", '\u2019', '\u02BC', '\u2018', '`', '\u00B4']);

const LETTER = /\p{L}/u;
/** Invisible format characters: soft hyphen, zero-width space and joiners, direction marks. */
const INVISIBLE = /\p{Cf}/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(ch);
}
function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}
function isWordChar(ch: string): boolean {
  return isWordCode(ch.charCodeAt(0));
}

/** WORD_CHAR's answer for each UTF-16 code unit past ASCII (0 = not asked yet, 1 = yes, 2 = no): the scanner asks it per character. */
const wordCodes = new Uint8Array(0x10000);

function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  let known = wordCodes[c];
  if (known === 0) wordCodes[c] = known = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

const ASCII_WORD = /^[A-Za-z0-9]+$/;

/** Lower case, compatibility-decomposed, diacritics and apostrophes removed. */
export function normaliseWord(word: string): string {
  if (ASCII_WORD.test(word)) return word.toLowerCase(); // the common case, without Unicode work
  let s = word.normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '').toLowerCase();
  // Letters some decompositions leave alone.
  s = s.replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o').replace(/ł/g, 'l').replace(/đ/g, 'd');
  s = s.replace(/['\u2019\u02BC\u2018`\u00B4]/g, '');
  // Thousands separators: "1,000" and "1000" are the same figure.
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  return s;
}

/**
 * Splits text into word tokens. A word is a run of letters, marks and digits, with
 * apostrophes inside it (doesn't, Russia's) and decimal points or thousands commas
 * between digits (99.23, 1,000). Dotted abbreviations (U.N., U.S.) become one token.
 * Linear time: one pass, no regular-expression backtracking.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, from, to, (norm, start, end) => tokens.push({ norm, start, end, capital: isUpperAt(text, start) }));
  return tokens;
}

/** The scanner behind tokenize, without building token objects (the indexer's hot path). */
export function forEachWord(text: string, from: number, to: number, visit: (norm: string, start: number, end: number) => void): void {
  let i = from;
  while (i < to) {
    const first = text.charCodeAt(i);
    if (!isWordCode(first)) {
      i++;
      continue;
    }
    const start = i;
    // Dotted abbreviation: single letters each followed by a dot (U.N., U.S.A.).
    const abbr = matchDottedAbbreviation(text, i, to);
    if (abbr > 0) {
      visit(normaliseWord(text.slice(start, abbr).replace(/\./g, '')), start, abbr);
      i = abbr;
      continue;
    }
    // Whether the word is ASCII letters and digits only (normaliseWord's common case: known from the scan, not
    // tested again), and whether it has a capital to lower.
    let ascii = first < 128;
    let upper = first >= 65 && first <= 90;
    i++;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (isWordCode(c)) {
        if (c >= 128) ascii = false;
        else if (c >= 65 && c <= 90) upper = true;
        i++;
        continue;
      }
      // Of ASCII characters, only these four can join a word below (no ASCII character is invisible).
      if (c < 128 && c !== 39 && c !== 96 && c !== 44 && c !== 46) break;
      const ch = text[i];
      if (APOSTROPHES.has(ch) && i + 1 < to && isLetter(text[i + 1]) && (isLetter(text[i - 1]) || letterBeforePads(text, i, start))) {
        // (A repair's joiners before an apostrophe, text/mojibake.ts: "don͏͏’t" is one word.)
        i++;
      } else if ((c === 46 || c === 44) && i + 1 < to && isDigit(text[i + 1]) && isDigit(text[i - 1])) {
        // A decimal point or a thousands comma.
        i++;
      } else if (INVISIBLE.test(ch) && i + 1 < to && isWordChar(text[i + 1])) {
        // A soft hyphen, zero-width space or direction mark inside a word (common in
        // pages copied from the web) is invisible: the word goes on.
        i++;
      } else {
        break;
      }
      ascii = false;
    }
    // Surrogate pairs are never split: isWordChar fails on lone surrogates, so a word ends before them.
    const word = text.slice(start, i);
    const norm = !ascii ? normaliseWord(word) : upper ? word.toLowerCase() : word;
    if (norm.length > 0) visit(norm, start, i);
  }
}

/** A letter before the joiners a mojibake repair left before `i` (each apostrophe scans back its own run only). */
function letterBeforePads(text: string, i: number, start: number): boolean {
  let j = i - 1;
  while (j > start && text[j] === MOJIBAKE_PAD) j--;
  return j < i - 1 && isLetter(text[j]);
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** isUpper(text[i]), without a string for an ASCII character. */
function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? c >= 65 && c <= 90 : isUpper(text[i]);
}

/** End offset of a dotted abbreviation starting at i (U.N., U.S.A., or U.N with its last dot cut), or 0. */
function matchDottedAbbreviation(text: string, i: number, to: number): number {
  if (i > 0 && isWordChar(text[i - 1])) return 0;
  let j = i;
  let letters = 0;
  while (j < to && isLetter(text[j]) && !(j + 1 < to && isWordChar(text[j + 1]))) {
    letters++;
    if (text[j + 1] !== '.') {
      j++;
      break;
    }
    j += 2;
  }
  return letters >= 2 ? j : 0;
}

/** Function words: they carry little evidence that two passages are the same quote. */
export const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her hers him his ' +
    'i if in into is it its itself me my no nor not of on or our ours she so than that the their theirs them then there ' +
    'these they this those to too us was we were what when where which while who whom why will with would you your ' +
    'all any also both each few more most other some such only own same very just over under again further once here ' +
    'about above after against before below between during out off up down through until shall should may might must'
  ).split(' '),
);

export function isContentWord(norm: string): boolean {
  return !STOPWORDS.has(norm);
}

/**
 * A title or a headline's words: every content word capitalised ("Meet the Press", "Not Fit To Serve
 * As President"). It names or sums up rather than quotes speech.
 */
export function isTitleCase(text: string): boolean {
  const content = tokenize(text).filter((w) => isContentWord(w.norm));
  return content.length > 0 && content.every((w) => /^\p{Lu}/u.test(text.slice(w.start, w.end)));
}
