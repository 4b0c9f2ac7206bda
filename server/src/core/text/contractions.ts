// Speech written down: outlets transcribe the same words contracted or not ("We've got to" /
// "We have got to", "can't" / "cannot"). For alignment, a contraction is read as the words it
// stands for, each marked with the word it was written as, so that the two forms line up word
// for word as a spelling difference rather than a changed word. Only unambiguous forms: "'s"
// (is, has, a possessive) and "'d" (had, would) are left as written.

import { normaliseWord, Token } from './tokens';

/** Bases of "n't" that are not the word before it. */
const NOT_BASES: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall' };
/** Forms that are "n't" on the base as written (doesn't → does not). */
const NOT_FORMS = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'would', 'could', 'should', 'must', 'need', 'ca', 'wo', 'sha']);
const SUFFIXES: Readonly<Record<string, string>> = { ve: 'have', re: 'are', ll: 'will' };

/** Norms a contraction may have (can't → cant, we'll → well). */
const MAYBE = /(?:nt|ve|re|ll)$|^(?:im|lets|cannot)$/;

/** The words a contraction stands for, or undefined for any other word. */
export function expansion(written: string): string[] | undefined {
  // Marks and format characters out (a repaired double-encoded page pads its words with them).
  const w = written.toLowerCase().replace(/[\p{M}\p{Cf}]/gu, '').replace(/[\u2019\u02BC]/g, "'");
  if (w === 'cannot') return ['can', 'not'];
  if (w === "i'm") return ['i', 'am'];
  if (w === "let's") return ['let', 'us'];
  const not = /^([a-z]+)n't$/.exec(w);
  if (not) return NOT_FORMS.has(not[1]) ? [NOT_BASES[not[1]] ?? not[1], 'not'] : undefined;
  const suffix = /^([a-z]+)'(ve|re|ll)$/.exec(w);
  return suffix ? [normaliseWord(suffix[1]), SUFFIXES[suffix[2]]] : undefined;
}

/**
 * The tokens with each contraction replaced by the words it stands for: same offsets (the written
 * word's), and `contracted` set to the written word's norm. `text` holds the tokens at `base`.
 */
export function expandContractions<T extends Token>(tokens: readonly T[], text: string, base = 0): T[] {
  let out: T[] | undefined;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    // Most words cannot be one (the norm has lost the apostrophe): read the written form only for those that may.
    const words = MAYBE.test(t.norm) ? expansion(text.slice(t.start - base, t.end - base)) : undefined;
    if (words) {
      out ??= tokens.slice(0, k);
      for (let i = 0; i < words.length; i++) out.push({ ...t, norm: words[i], capital: i === 0 && t.capital, contracted: t.norm });
    } else out?.push(t);
  }
  return out ?? tokens.slice();
}
