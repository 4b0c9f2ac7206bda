// What a source holds, for the Sources view: how many quotations and figures.

import { findQuotes } from '../text/quotes';
import type { SourceDoc } from './source';

/**
 * Percentages, amounts with a unit or scale, and counts of two digits or more
 * (years excepted): a count for orientation, not the figure checker's parse.
 */
const FIGURE =
  /(?<![\w.,])(?:[$£€]\s?)?\d{1,3}(?:[,\u00A0]\d{3})*(?:\.\d+)?(?:\s?(?:%|per ?cent\b|percent\b|pct\b|(?:million|billion|trillion|mln|bn|m)\b))?/gi;

export function countFigures(prose: string): number {
  let n = 0;
  for (const m of prose.matchAll(FIGURE)) {
    const s = m[0];
    const scaled = /[%$£€]|cent|pct|illion|mln|bn|m$/i.test(s);
    const digits = s.replace(/\D/g, '');
    const year = /^(1[89]|20)\d\d$/.test(s);
    if (scaled || (digits.length >= 2 && !year)) n++;
  }
  return n;
}

export function sourceStats(doc: SourceDoc): { quotes: number; figures: number } {
  return { quotes: findQuotes(doc.prose).length, figures: countFigures(doc.prose) };
}
