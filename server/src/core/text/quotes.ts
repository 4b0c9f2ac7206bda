// Finds quotations in prose: “…”, "…", «…», „…“, ‘…’, '…' and ‹…›, telling quote
// marks from apostrophes, with nested quotes kept inside the outer one, quotes that
// span lines in a paragraph, and quotes that run over several paragraphs (an opening
// mark at each paragraph, a closing mark only at the end). One linear pass.

export interface QuoteSpan {
  /** The quoted words: inside the marks, trimmed of white space and trailing , . ; : */
  start: number;
  end: number;
  /** The opening mark's offset, and the offset just after the closing mark (or the paragraph end). */
  outerStart: number;
  outerEnd: number;
  open: string;
  /** Absent when the quote was never closed and runs to the end of its paragraph. */
  close?: string;
}

type Kind = 'curly' | 'low' | 'guillemet' | 'straight' | 'single' | 'straight-single' | 'single-guillemet';

interface Open {
  kind: Kind;
  pos: number;
}

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
  const push = (kind: Kind, pos: number) => {
    stack.push({ kind, pos });
    counts[kind]++;
  };
  const truncate = (length: number) => {
    while (stack.length > length) counts[stack.pop()!.kind]--;
  };

  const emit = (open: Open, closeStart: number, outerEnd: number, close?: string) => {
    const span = trimQuote(text, open.pos + 1, closeStart, open, outerEnd, close);
    if (span) quotes.push(span);
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

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const prev = i > 0 ? text[i - 1] : undefined;
    const next = text[i + 1];

    const para = stack.length > 0 ? paragraphBreak(text, i) : -1;
    if (para >= 0) {
      const bottom = stack[0];
      const first = text[para];
      const continues = DOUBLE_KINDS.has(bottom.kind) && first !== undefined && openerKind(first) === bottom.kind;
      if (continues) {
        truncate(1); // the quote runs on; the next paragraph's opening mark is part of it
        i = para;
        continue;
      }
      if (DOUBLE_KINDS.has(bottom.kind)) emit(bottom, i, i);
      truncate(0);
      i = para - 1;
      continue;
    }

    switch (ch) {
      case '\u201C': {
        // “ opens; it also closes a „ quote (German style).
        // (The opener is looked for only when the mark could close it: a search that
        // cannot pop would make a long run of marks quadratic.)
        const low = isSpaceLike(prev) ? -1 : findOpen(['low']);
        if (low >= 0) closeTo(low, i, 1);
        else push('curly', i);
        break;
      }
      case '\u201D': {
        const k = findOpen(['curly', 'low']);
        if (k >= 0) closeTo(k, i, 1);
        break;
      }
      case '\u201E':
        push('low', i);
        break;
      case '\u00AB':
        push('guillemet', i);
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
      case '"': {
        const open = findOpen(['straight']);
        const opener = isSpaceLike(prev) && !/\s/.test(next ?? ' ');
        const closer = !isSpaceLike(prev) && isEndLike(next);
        if (open >= 0 && (closer || !opener)) closeTo(open, i, 1);
        else if (opener || open < 0) push('straight', i);
        break;
      }
      case '\u2018':
        if (isAlnum(prev) && isAlnum(next)) break; // a turned apostrophe inside a word
        push('single', i);
        break;
      case '\u2019':
      case "'": {
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
  if (stack.length > 0 && DOUBLE_KINDS.has(stack[0].kind)) emit(stack[0], text.length, text.length);
  return quotes;
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
