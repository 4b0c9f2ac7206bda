// A quotation as the engine compares it: its words, split into fragments at each
// ellipsis (words left out), with [bracketed] editorial insertions kept as slots that may stand for any few
// source words, a writer's short parenthesis kept as words the source may lack, and [sic] dropped.

import { Token, tokenize } from '../text/tokens';

export interface QueryWord extends Token {
  /** Index of the fragment (between ellipses) the word belongs to. */
  fragment: number;
  /** An editorial insertion in [brackets]: it may replace up to a few source words. */
  bracket?: boolean;
  /** A word of a short parenthesis ("It's 99.9 pct (certain)"): the writer's, which the source may lack or give too. */
  aside?: boolean;
}

export interface Query {
  words: QueryWord[];
  fragments: number;
  /** Words the writer presents as the speaker's: all but bracketed insertions. */
  quotedWordCount: number;
}

// An ellipsis: …, three or more dots (spaced or not), optionally in brackets or parentheses.
const ELLIPSIS = /[\[(]?\s*(?:\u2026|\.(?:\s?\.){2,})\s*[\])]?/g;
const BRACKET = /\[([^\]\n]{0,80})\]/g;
// Wire copy puts a few words of its own in parentheses inside a quotation ("It's 99.9 pct (certain)", "the
// Strategic (Petroleum) Reserve"): they may stand in the source too, or not at all. A longer parenthesis may be
// the speaker's, and is compared word for word.
const ASIDE = /\(((?:\s*[^()\s]+){1,4}\s*)\)/g;
const NEGATION = /\b(?:not|no|never|n['’]t)\b/i;

export function parseQuery(text: string, start: number, end: number): Query {
  const slice = text.slice(start, end);
  const cuts: number[] = [];
  const masked = slice.split('');
  let m: RegExpExecArray | null;
  ELLIPSIS.lastIndex = 0;
  while ((m = ELLIPSIS.exec(slice))) {
    cuts.push(m.index);
    for (let i = m.index; i < m.index + m[0].length; i++) masked[i] = ' ';
  }
  const brackets: Array<{ start: number; end: number; inner: string }> = [];
  BRACKET.lastIndex = 0;
  const afterEllipsis = masked.join('');
  while ((m = BRACKET.exec(afterEllipsis))) brackets.push({ start: m.index, end: m.index + m[0].length, inner: m[1] });
  // A negation is never an aside: "the anchor (not) baby" says the opposite of "anchor baby".
  const asides = [...afterEllipsis.matchAll(ASIDE)].filter((a) => !NEGATION.test(a[1])).map((a) => ({ start: a.index!, end: a.index! + a[0].length }));

  const words: QueryWord[] = [];
  let fragment = 0;
  let cut = 0;
  const fragmentAt = (pos: number) => {
    while (cut < cuts.length && cuts[cut] < pos) {
      cut++;
      fragment++;
    }
    return fragment;
  };
  let b = 0;
  const tokens = tokenize(afterEllipsis);
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    while (b < brackets.length && brackets[b].end <= tok.start) b++;
    const br = b < brackets.length && brackets[b].start < tok.start && tok.end <= brackets[b].end ? brackets[b] : undefined;
    if (br) {
      // One slot per bracket; [sic] marks an error kept on purpose and stands for nothing.
      if (!/^\s*sic\s*$/i.test(br.inner)) {
        words.push({ norm: '[' + br.inner.trim().toLowerCase() + ']', start: start + br.start, end: start + br.end, capital: false, fragment: fragmentAt(br.start), bracket: true });
      }
      while (t + 1 < tokens.length && tokens[t + 1].end <= br.end) t++;
      b++;
      continue;
    }
    const aside = asides.some((a) => a.start < tok.start && tok.end < a.end);
    words.push({ ...tok, start: start + tok.start, end: start + tok.end, fragment: fragmentAt(tok.start), ...(aside ? { aside } : {}) });
  }
  // Renumber fragments densely (an ellipsis at the very start or end makes no empty fragment).
  const ids = [...new Set(words.map((w) => w.fragment))];
  for (const w of words) w.fragment = ids.indexOf(w.fragment);
  return { words, fragments: ids.length, quotedWordCount: words.filter((w) => !w.bracket && !w.aside).length };
}
