// Finds quotations in prose: “…”, "…", «…», „…“, ‘…’, '…' and ‹…›, telling quote
// marks from apostrophes, with nested quotes kept inside the outer one, quotes that
// span lines in a paragraph, and quotes that run over several paragraphs (an opening
// mark at each paragraph, a closing mark only at the end). One linear pass.
//
// Real pages mix and drop marks. A curly opening mark closed by a straight one
// (“… ") pairs. A quote left open closes at a plausible point and is marked
// `uncertain`: at the next opening mark of its kind (“a … “b: the first was never
// closed), else before an attribution with a speech verb (", he said"), else at the
// paragraph's end. Checks are conservative on an uncertain span: its edges are a guess.

import { SPEECH_VERBS } from '../speakers/lexicon';
import { MOJIBAKE_PAD } from './mojibake';

export interface QuoteSpan {
  /** The quoted words: inside the marks, trimmed of white space and trailing , . ; : */
  start: number;
  end: number;
  /** The opening mark's offset, and the offset just after the closing mark (or the paragraph end). */
  outerStart: number;
  outerEnd: number;
  open: string;
  /** Absent when the quote was never closed (it ends at a guessed point: see `uncertain`). */
  close?: string;
  /** Its end is a guess: the quote was never closed, or another opening mark cut it. */
  uncertain?: true;
}

type Kind = 'curly' | 'low' | 'guillemet' | 'straight' | 'single' | 'straight-single' | 'single-guillemet';

interface Open {
  kind: Kind;
  pos: number;
  /** The mark's length: 2 for a double apostrophe ('' as the New York Times' archive writes “). */
  width?: number;
  /** For the outermost open quote: the first double mark after its words began (where it ends if never closed). */
  nextMark?: number;
}

const DOUBLE_MARKS: ReadonlySet<string> = new Set(['\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB', '"']);
const DOUBLE_KINDS: ReadonlySet<Kind> = new Set(['curly', 'low', 'guillemet', 'straight']);

function isSpaceLike(ch: string | undefined): boolean {
  return ch === undefined || /[\s(\[{\u2014\u2013\-\/\u00AB\u201C\u2018\u201E\u2039]/.test(ch);
}
function isEndLike(ch: string | undefined): boolean {
  return ch === undefined || /[\s.,;:!?)\]}\u2014\u2013\u2026\u00BB\u201D\u2019\u203A'"]/.test(ch);
}
function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** Offset of the start of the next paragraph's text, if text[i] begins a blank-line break. */
function paragraphBreak(text: string, i: number): number {
  if (text[i] !== '\n' && text[i] !== '\r') return -1;
  let j = i + (text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1);
  let sawBreak = false;
  while (j < text.length && /[ \t\r\n]/.test(text[j])) {
    if (text[j] === '\n' || text[j] === '\r') sawBreak = true;
    j++;
  }
  return sawBreak ? j : -1;
}

export function findQuotes(text: string): QuoteSpan[] {
  const quotes: QuoteSpan[] = [];
  // Open marks, innermost last, with a count per kind so that a closing mark with no
  // opener of its kind costs nothing: a run of thousands of unclosed marks stays linear.
  const stack: Open[] = [];
  const counts: Record<Kind, number> = { curly: 0, low: 0, guillemet: 0, straight: 0, single: 0, 'straight-single': 0, 'single-guillemet': 0 };
  const push = (kind: Kind, pos: number, width = 1) => {
    stack.push(width === 1 ? { kind, pos } : { kind, pos, width });
    counts[kind]++;
  };
  const truncate = (length: number) => {
    while (stack.length > length) counts[stack.pop()!.kind]--;
  };

  const emit = (open: Open, closeStart: number, outerEnd: number, close?: string, uncertain?: boolean) => {
    const span = trimQuote(text, open.pos + (open.width ?? 1), closeStart, open, outerEnd, close);
    if (span && uncertain) span.uncertain = true;
    if (span) quotes.push(span);
  };
  // An unclosed quote at its paragraph's end (`stop`): cut before its attribution, if any.
  const emitUnclosed = (open: Open, paragraphEnd: number) => {
    const stop = Math.min(open.nextMark ?? paragraphEnd, paragraphEnd);
    const cut = attributionCut(text, open.pos + (open.width ?? 1), stop);
    emit(open, cut ?? stop, cut ?? stop, undefined, true);
  };
  // The last letter or digit seen: whether a quote holds words yet (a run of marks is not a quote).
  let lastAlnum = -1;
  /**
   * An opening mark of a kind already open, after words: the open quote was never closed.
   * It ends here, uncertain, and the new mark opens the next. (Checked against the stack's
   * top and bottom only: constant time, so a run of marks stays linear.)
   */
  const reopen = (kind: Kind, i: number, width = 1): boolean => {
    if (counts[kind] === 0 || stack.length === 0 || !DOUBLE_KINDS.has(stack[0].kind) || lastAlnum < stack[stack.length - 1].pos) return false;
    emitUnclosed(stack[0], i);
    truncate(0);
    push(kind, i, width);
    return true;
  };
  const closeTo = (index: number, i: number, len: number) => {
    const open = stack[index];
    truncate(index);
    if (stack.length === 0) emit(open, i, i + len, text.slice(i, i + len));
  };
  const findOpen = (kinds: Kind[]): number => {
    if (!kinds.some((k) => counts[k] > 0)) return -1;
    for (let k = stack.length - 1; k >= 0; k--) if (kinds.includes(stack[k].kind)) return k;
    return -1;
  };
  // A straight double mark at i, `width` long (" or ''), between `prev` and `next`.
  const straight = (i: number, width: number, prev: string | undefined, next: string | undefined) => {
    const open = findOpen(['straight']);
    const opener = isSpaceLike(prev) && !/\s/.test(next ?? ' ');
    const closer = !isSpaceLike(prev) && isEndLike(next);
    const top = stack[stack.length - 1]?.kind;
    if (open >= 0 && (closer || !opener)) closeTo(open, i, width);
    // “… ": a curly (or low) opening mark closed by a straight one, when it is the innermost open.
    else if (open < 0 && closer && (top === 'curly' || top === 'low')) closeTo(stack.length - 1, i, width);
    else if (opener && !closer && reopen('straight', i, width)) return;
    else if (opener || open < 0) push('straight', i, width);
  };

  // The character before `i` past a run of MOJIBAKE_PAD (a repair's one or two places). Each
  // position of a run extends the last answer, so a text made of joiners stays linear.
  let padEnd = -1;
  let padBefore: string | undefined;
  const beforePads = (i: number): string | undefined => {
    if (padEnd !== i - 2) {
      let j = i - 1;
      while (j >= 0 && text[j] === MOJIBAKE_PAD) j--;
      padBefore = j >= 0 ? text[j] : undefined;
    }
    padEnd = i - 1;
    return padBefore;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    // The character before, past the joiners a mojibake repair leaves (text/mojibake.ts): "don͏͏’t" is an apostrophe.
    const prev = i > 0 ? (text[i - 1] === MOJIBAKE_PAD ? beforePads(i) : text[i - 1]) : undefined;
    const next = text[i + 1];

    const para = stack.length > 0 ? paragraphBreak(text, i) : -1;
    if (para >= 0) {
      const bottom = stack[0];
      const first = text.startsWith("''", para) ? '"' : text[para];
      const continues = DOUBLE_KINDS.has(bottom.kind) && first !== undefined && openerKind(first) === bottom.kind;
      if (continues) {
        truncate(1); // the quote runs on; the next paragraph's opening mark is part of it
        i = para;
        continue;
      }
      if (DOUBLE_KINDS.has(bottom.kind)) emitUnclosed(bottom, i);
      truncate(0);
      i = para - 1;
      continue;
    }

    if (isAlnum(ch)) lastAlnum = i;
    else if (stack.length > 0 && stack[0].nextMark === undefined && lastAlnum > stack[0].pos && DOUBLE_MARKS.has(ch)) stack[0].nextMark = i;
    switch (ch) {
      case '\u201C': {
        // “ opens; it also closes a „ quote (German style).
        // (The opener is looked for only when the mark could close it: a search that
        // cannot pop would make a long run of marks quadratic.)
        const low = isSpaceLike(prev) ? -1 : findOpen(['low']);
        if (low >= 0) closeTo(low, i, 1);
        else if (!reopen('curly', i)) push('curly', i);
        break;
      }
      case '\u201D': {
        const k = findOpen(['curly', 'low']);
        if (k >= 0) closeTo(k, i, 1);
        // "… ”: a straight opening mark closed by a curly one, when it is the innermost open.
        else if (stack[stack.length - 1]?.kind === 'straight' && !isSpaceLike(prev)) closeTo(stack.length - 1, i, 1);
        break;
      }
      case '\u201E':
        if (!reopen('low', i)) push('low', i);
        break;
      case '\u00AB':
        if (!reopen('guillemet', i)) push('guillemet', i);
        break;
      case '\u00BB': {
        const k = findOpen(['guillemet']);
        if (k >= 0) closeTo(k, i, 1);
        break;
      }
      case '\u2039':
        push('single-guillemet', i);
        break;
      case '\u203A': {
        const k = findOpen(['single-guillemet']);
        if (k >= 0) closeTo(k, i, 1);
        break;
      }
      case '"':
        straight(i, 1, prev, next);
        break;
      case '\u2018':
        if (isAlnum(prev) && isAlnum(next)) break; // a turned apostrophe inside a word
        push('single', i);
        break;
      case '\u2019':
      case "'": {
        // Two apostrophes, a double quotation mark as some archives write it (''You can read about it,'').
        if (ch === "'" && next === "'" && prev !== "'" && text[i + 2] !== "'") {
          const after = text[i + 2];
          straight(i, 2, prev, after);
          i++;
          break;
        }
        if (isAlnum(prev) && isAlnum(next)) break; // apostrophe: doesn't, Russia’s
        const canClose = !/\s/.test(prev ?? ' ') && isEndLike(next);
        const k = canClose ? findOpen(ch === "'" ? ['straight-single'] : ['single', 'straight-single']) : -1;
        if (k >= 0) {
          closeTo(k, i, 1);
        } else if (ch === "'" && isSpaceLike(prev) && isAlnum(next)) {
          push('straight-single', i);
        }
        // Otherwise an apostrophe: states' rights, ’90s.
        break;
      }
    }
  }
  if (stack.length > 0 && DOUBLE_KINDS.has(stack[0].kind)) emitUnclosed(stack[0], text.length);
  return quotes;
}

/** ", Tokayev said" / ", he added" / ", the minister said": a name or pronoun, then a speech verb. */
const ATTRIBUTION_AFTER = /^\s+(?:(?:[\p{Lu}][\p{L}'\u2019.-]*\s+){1,4}|(?:he|she|they|we|I|the\s+\p{L}+)\s+)(?:(\p{Ll}+)\s+)?(\p{Ll}+)\b/u;
/** ", said Tokayev" / ", says the minister". */
const ATTRIBUTION_VERB_FIRST = /^\s+(\p{Ll}+)\s+(?:[\p{Lu}]|the\s)/u;
/** How far past a comma an attribution is looked for: each comma reads a bounded window (linear). */
const ATTRIBUTION_WINDOW = 80;

/** The offset of the comma before the first attribution in [start, stop), if one follows the quoted words. */
function attributionCut(text: string, start: number, stop: number): number | undefined {
  for (let c = text.indexOf(',', start); c >= 0 && c < stop; c = text.indexOf(',', c + 1)) {
    const after = text.slice(c + 1, Math.min(stop, c + 1 + ATTRIBUTION_WINDOW));
    const m = ATTRIBUTION_AFTER.exec(after);
    const verbFirst = ATTRIBUTION_VERB_FIRST.exec(after);
    // ", Tokayev said at …" or ", he quickly added": the verb is either of the two words after the name.
    const attributed = (m && [m[1], m[2]].some((w) => w && SPEECH_VERBS.has(w))) || (verbFirst && SPEECH_VERBS.has(verbFirst[1]));
    if (attributed && /[\p{L}\p{N}]/u.test(text.slice(start, c))) return c;
  }
  return undefined;
}

function openerKind(ch: string): Kind | undefined {
  switch (ch) {
    case '\u201C':
      return 'curly';
    case '\u201E':
      return 'low';
    case '\u00AB':
      return 'guillemet';
    case '"':
      return 'straight';
    default:
      return undefined;
  }
}

function trimQuote(text: string, start: number, end: number, open: Open, outerEnd: number, close?: string): QuoteSpan | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /[\s,.;:]/.test(text[e - 1])) {
    // Keep an ellipsis written as dots: it marks an omission at the end of the quote.
    if (text[e - 1] === '.' && text[e - 2] === '.' && text[e - 3] === '.') break;
    e--;
  }
  if (!/[\p{L}\p{N}]/u.test(text.slice(s, e))) return undefined;
  return { start: s, end: e, outerStart: open.pos, outerEnd, open: text[open.pos], close };
}
