// Speech written down: outlets transcribe the same words contracted or not ("We've got to" /
// "We have got to", "can't" / "cannot"). For alignment, a contraction is read as the words it
// stands for, each marked with the word it was written as, so that the two forms line up word
// for word as a spelling difference rather than a changed word.
//
// Read from the norm, which has lost the apostrophe: two words with the same norm ("doesn't" and a
// stripped page's "doesnt") always read the same, so they still match exactly. A norm that is also a
// word ("were", "well", "ill", "hell", "shell", "lets", and "'s", "'d" forms) is left as written.

import type { Token } from './tokens';

const NOT_BASES = ['do', 'does', 'did', 'is', 'are', 'was', 'has', 'have', 'had', 'would', 'could', 'should', 'must', 'need'];

/** Norm → the words it stands for. */
const EXPANSIONS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ...NOT_BASES.map((b): [string, string[]] => [`${b}nt`, [b, 'not']]),
  ['cant', ['can', 'not']],
  ['wont', ['will', 'not']],
  ['cannot', ['can', 'not']],
  ...['i', 'we', 'you', 'they', 'would', 'could', 'should', 'might', 'must'].map((b): [string, string[]] => [`${b}ve`, [b, 'have']]),
  ...['you', 'they'].map((b): [string, string[]] => [`${b}re`, [b, 'are']]),
  ...['you', 'they', 'it'].map((b): [string, string[]] => [`${b}ll`, [b, 'will']]),
  ['im', ['i', 'am']],
]);

/**
 * The tokens with each contraction replaced by the words it stands for: same offsets (the written
 * word's), and `contracted` set to the written word's norm.
 */
export function expandContractions<T extends Token>(tokens: readonly T[]): T[] {
  let out: T[] | undefined;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const words = EXPANSIONS.get(t.norm);
    if (words) {
      out ??= tokens.slice(0, k);
      for (let i = 0; i < words.length; i++) out.push({ ...t, norm: words[i], capital: i === 0 && t.capital, contracted: t.norm });
    } else out?.push(t);
  }
  return out ?? tokens.slice();
}
