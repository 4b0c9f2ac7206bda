// Splits prose into sentences with exact offsets. Boundaries: a blank line; a line
// break unless the next line carries on in lower case; or . ! ? … followed (after any
// closing marks) by white space and a capital, digit or opening mark, except after
// abbreviations (Sept., St., U.N. followed by a lower-case word). Used for candidate
// windows and for showing the source sentence, so a rare wrong split costs little.

export interface Span {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr st sen rep gov gen lt col maj capt sgt prof jr sr inc corp co ltd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev hon est approx dept univ'.split(
    ' ',
  ),
);

const CLOSERS = /[\u201D\u2019"'\u00BB\u203A)\]]/;
const STARTERS = /[\p{Lu}\p{N}\u201C\u2018"'\u00AB\u2039\u201E(\[]/u;

/**
 * The longest span returned. Text with no sentence boundary for longer than this (a
 * table dump, a file with no punctuation) is cut at a space: candidate passages are
 * windows of sentences, and one unbounded sentence made every alignment run over the
 * whole file (a 5 MB one-line source: 10 s and 400 MB for one quote).
 */
export const MAX_SENTENCE_CHARS = 2000;

export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let start = from;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    while (e - s > MAX_SENTENCE_CHARS) {
      let cut = s + MAX_SENTENCE_CHARS;
      while (cut > s + MAX_SENTENCE_CHARS / 2 && !/\s/.test(text[cut])) cut--;
      if (!/\s/.test(text[cut])) cut = s + MAX_SENTENCE_CHARS; // no space: cut the word
      if (/[\uDC00-\uDFFF]/.test(text[cut])) cut--; // never between the halves of a surrogate pair
      let pieceEnd = cut;
      while (pieceEnd > s && /\s/.test(text[pieceEnd - 1])) pieceEnd--;
      spans.push({ start: s, end: pieceEnd });
      s = cut;
      while (s < e && /\s/.test(text[s])) s++;
    }
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      // Find the next non-blank character; a blank line always ends the sentence.
      let j = i + 1;
      let blankLine = false;
      while (j < to && /\s/.test(text[j])) {
        if (text[j] === '\n') blankLine = true;
        j++;
      }
      if (blankLine || j >= to || !/\p{Ll}/u.test(text[j])) {
        push(i);
        start = j;
        i = j - 1;
      }
      continue;
    }
    if (ch === '.' || ch === '!' || ch === '?' || ch === '\u2026') {
      let j = i + 1;
      while (j < to && (text[j] === '.' || CLOSERS.test(text[j]))) j++;
      // No boundary after this run of dots and closing marks means none after any dot in
      // it either: skip the run, so that a long row of dots is not scanned again and again.
      if (j >= to || !/[ \t]/.test(text[j])) {
        i = j - 1;
        continue;
      }
      let k = j;
      while (k < to && /[ \t]/.test(text[k])) k++;
      if (k >= to || !STARTERS.test(text[k])) {
        i = j - 1;
        continue;
      }
      if (ch === '.' && isAbbreviation(text, i)) continue;
      push(j);
      start = k;
      i = k - 1;
    }
  }
  push(to);
  return spans;
}

function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(text[s - 1])) s--;
  const word = text.slice(s, dot).toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // Initials and dotted abbreviations: "J. Smith", "U.S."; a single capital letter.
  return /^(\p{L}\.)*\p{L}$/u.test(word) && word.replace(/\./g, '').length <= 3 && word.length <= 5 && /^\p{Lu}/u.test(text[s]);
}

/** The index of the first span starting at or after an offset (spans.length if none); spans sorted by start. */
export function firstStartingAt(spans: ReadonlyArray<{ start: number }>, offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the span containing an offset (or the nearest one before it); spans sorted by start. */
export function spanAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
