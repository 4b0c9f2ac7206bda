// Plain-text helpers shared by the generators: paragraphs, sentences, quoted spans, words.
// Sentences are always exact substrings of their paragraph, so anything built from them can be
// traced back to the source text.

/** Collapses runs of whitespace to one space and trims: the comparison form for ground truth. */
export function normalizeWs(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Non-empty paragraphs (blank-line separated), whitespace-normalised; line 1 (the headline) included. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map(normalizeWs)
    .filter(Boolean);
}

// Words before a full stop that do not end a sentence (news copy is full of them).
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st jr sr inc co corp ltd gov sen rep gen col lt sgt prof no vs etc jan feb mar apr aug sep sept oct nov dec u.s u.k u.n e.g i.e'.split(' '),
);

const CLOSE = new Set(['"', '”', '»']);

/**
 * Splits a paragraph into sentences without ever cutting inside a quotation, so quoted
 * speech that runs over several sentences stays in one piece with both marks.
 */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  let depth = 0; // > 0 while inside a double quotation
  for (let i = 0; i < paragraph.length; i++) {
    const ch = paragraph[i];
    if (ch === '"') depth = depth > 0 ? 0 : 1;
    else if (ch === '“' || ch === '«') depth = 1;
    else if (ch === '”' || ch === '»') depth = 0;
    const stop = depth === 0 && ('.!?'.includes(ch) || (CLOSE.has(ch) && '.!?'.includes(paragraph[i - 1] ?? '')));
    if (!stop) continue;
    const end = i + 1;
    if (paragraph[end] !== ' ' || !/[A-Z"“«‘'(]/.test(paragraph[end + 1] ?? '')) continue;
    if (ch === '.') {
      const word = paragraph.slice(start, i).split(' ').pop()!.toLowerCase();
      if (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word) || /^([a-z]\.)+[a-z]$/.test(word)) continue;
    }
    out.push(paragraph.slice(start, end));
    start = end + 1;
  }
  if (start < paragraph.length) out.push(paragraph.slice(start));
  return out.filter((s) => s.trim().length > 0);
}

/** True when every double quotation mark in s is paired (straight count even, curly/guillemets balanced). */
export function quotesBalanced(s: string): boolean {
  const count = (re: RegExp) => (s.match(re) ?? []).length;
  return count(/"/g) % 2 === 0 && count(/“/g) === count(/”/g) && count(/«/g) === count(/»/g);
}

/** Inner text and offsets of each double-quoted span ("...", “...”, «...») in s. */
export function quotedSpans(s: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const re = /"([^"]+)"|“([^“”]+)”|«([^«»]+)»/g;
  for (const m of s.matchAll(re)) {
    const inner = m[1] ?? m[2] ?? m[3];
    const start = m.index! + 1;
    out.push({ start, end: start + inner.length, text: inner });
  }
  return out;
}

/** Word tokens with their offsets (letters, digits, apostrophes and inner hyphens). */
export function wordSpans(s: string): { start: number; end: number; text: string }[] {
  return [...s.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)].map((m) => ({
    start: m.index!,
    end: m.index! + m[0].length,
    text: m[0],
  }));
}

export function countWords(s: string): number {
  return wordSpans(s).length;
}
