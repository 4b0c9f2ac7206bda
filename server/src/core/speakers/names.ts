// When two written names are the same person: the surname must be the same word up
// to transliteration (Tokayev / Toqaev, Smadiyarov / Smadyarov, Zelensky / Zelenskyy),
// and given names, where both texts give them, must agree the same way or as an
// initial (Kassym-Jomart / Qasym-Zhomart, J. / Joe). A surname alone matches any
// full name with that surname; the callers decide whether that is unambiguous.

import { normaliseWord } from '../text/tokens';
import { isSpellingVariant, skeleton } from '../text/spelling';

/** The words of a name, normalised: "Kassym-Jomart Tokayev" → ["kassym-jomart", "tokayev"]. */
const memo = new Map<string, string[]>();

export function nameWords(name: string): string[] {
  let words = memo.get(name);
  if (!words) {
    // Names repeat across an article and a corpus: normalise each spelling once (the memo is bounded).
    if (memo.size > 50_000) memo.clear();
    words = splitName(name);
    memo.set(name, words);
  }
  return words;
}

function splitName(name: string): string[] {
  return name
    .split(/\s+/)
    .map((w) => w.replace(/[.,]/g, ''))
    .filter(Boolean)
    .map((w) => normaliseWord(w).replace(/(?:'s|s')$/, ''));
}

export function surname(name: string): string {
  const w = nameWords(name);
  // "Jr." and roman numerals follow the surname.
  while (w.length > 1 && /^(jr|sr|ii|iii|iv)$/.test(w[w.length - 1])) w.pop();
  return w[w.length - 1] ?? '';
}

/** The same word up to transliteration, hyphen by hyphen ("Kassym-Jomart" / "Qasym-Zhomart"). */
const pairs = new Map<string, boolean>();

export function sameNameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const key = a < b ? a + '|' + b : b + '|' + a;
  let same = pairs.get(key);
  if (same === undefined) {
    if (pairs.size > 200_000) pairs.clear();
    same = compareNameWords(a, b);
    pairs.set(key, same);
  }
  return same;
}

function compareNameWords(a: string, b: string): boolean {
  const pa = a.split('-');
  const pb = b.split('-');
  if (pa.length !== pb.length) return skeleton(a.replace(/-/g, '')) === skeleton(b.replace(/-/g, ''));
  return pa.every((p, i) => p === pb[i] || isSpellingVariant(p, pb[i], true));
}

function sameGiven(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const x = a[0];
  const y = b[0];
  if (x.length === 1 || y.length === 1) return x[0] === y[0];
  return sameNameWord(x, y);
}

/** Whether two names can be the same person (a surname alone matches every full name with it). */
export function sameName(a: string, b: string): boolean {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.length === 0 || wb.length === 0) return false;
  if (!sameNameWord(surname(a), surname(b))) return false;
  return sameGiven(wa.slice(0, -1), wb.slice(0, -1));
}

/**
 * A key under which the spellings of a surname fall, for grouping before the exact test:
 * its transliteration skeleton's first letter and consonants (Tokayev / Toqaev → "tkv",
 * Smadiyarov / Smadyarov → "smdrv"). Spellings that differ in a consonant are not grouped,
 * which only means they are not merged: a missed merge, never a wrong one.
 */
export function surnameKey(name: string): string {
  const sk = skeleton(surname(name).replace(/-/g, ''));
  return sk.slice(0, 1) + sk.slice(1).replace(/[aeiou]/g, '');
}
