// When two differently written words are the same word: a transliteration
// (Tokayev / Toqaev, Smadiyarov / Smadyarov, Zaporizhzhia / Zaporizhzhya), a typo
// (sovereighn / sovereign) or a house style's spelling (tyres / tires). Such differences
// are not misquotes. The rules are kept conservative because a real word swap
// (affect / effect, state / states) must still count as a changed word.

import britishSpellings from 'american-british-english-translator/data/british_spellings.json';

/**
 * British spellings and their American forms (tyres / tires, centre / center, manoeuvre / maneuver): an outlet
 * prints a quotation in its house style, so two outlets' copies of one remark may differ so. The data set
 * (american-british-english-translator, 1,738 pairs) names a few pairs that are two words, not two spellings.
 */
const NOT_SPELLINGS = new Set(['philtre', 'philtres', 'pummelled', 'pummelling']);
const AMERICAN = new Map(Object.entries(britishSpellings as Record<string, string>).filter(([british]) => !NOT_SPELLINGS.has(british)));

/** A transliteration skeleton: folds the letter groups that romanisations of Cyrillic and Kazakh disagree on. */
const skeletons = new Map<string, string>();

export function skeleton(norm: string): string {
  let s = skeletons.get(norm);
  if (s === undefined) {
    s = computeSkeleton(norm);
    // Bounded: a vocabulary is far smaller, but hostile input must not grow it without end.
    if (skeletons.size > 500_000) skeletons.clear();
    skeletons.set(norm, s);
  }
  return s;
}

function computeSkeleton(norm: string): string {
  let s = norm
    .replace(/shch/g, 'sh')
    .replace(/zh/g, 'j')
    .replace(/kh/g, 'h')
    .replace(/ts/g, 'c')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/x/g, 'ks')
    .replace(/y/g, 'i')
    .replace(/j/g, 'i');
  // Doubled letters (Kassym / Qasym, Zelenskyy / Zelensky) and the vowel runs left by y -> i.
  s = s.replace(/(.)\1+/g, '$1');
  return s;
}

/** Levenshtein distance, bounded: returns max + 1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** British and American spellings of one word (recognise / recognize, favour / favor) fold together. */
export function houseStyle(w: string): string {
  if (w.length < 6) return w;
  return w.replace(/(?<=\w{3})(is|ys)(e|es|ed|ing|ation|ations)$/, (_m, s: string, end: string) => (s === 'is' ? 'iz' : 'yz') + end).replace(/(?<=\w{2})our(s|ed|ing)?$/, 'or$1');
}

const INFLECTIONS = ['s', 'es', 'ed', 'd', 'ing', 'ly', 'er', 'est', 'n', 'en'];

/** True when a and b differ only by an inflectional ending (state / states, recognize / recognized). */
function differsByInflection(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (!long.startsWith(short.slice(0, Math.max(1, short.length - 1)))) return false;
  return INFLECTIONS.some((suf) => long === short + suf || (short.endsWith('e') && long === short.slice(0, -1) + suf) || (short.endsWith('y') && long === short.slice(0, -1) + 'i' + suf));
}

/** Wire copy's abbreviations ("300 mln dlrs", "99.9 pct"): the same words as "million dollars", "percent". */
const WIRE_FORMS = new Map([
  ['mln', 'million'],
  ['bln', 'billion'],
  ['dlrs', 'dollars'],
  ['dlr', 'dollar'],
  ['pct', 'percent'],
  ['stg', 'sterling'],
]);

/**
 * Whether two normalised words, different as written, are spellings of the same word.
 * `names` is true when both are capitalised in their texts (proper names get the
 * transliteration rules; common words only the typo rule).
 */
export function isSpellingVariant(a: string, b: string, names: boolean): boolean {
  if (a === b || WIRE_FORMS.get(a) === b || WIRE_FORMS.get(b) === a) return true;
  // Cheap rejections first: this runs for every pair of words the alignment compares.
  if (Math.abs(a.length - b.length) > 3) return false;
  // A house style's pairs share their first letter, or one drops it (aeon / eon, oestrogen / estrogen).
  if ((a[0] === b[0] || a[1] === b[0] || a[0] === b[1]) && (AMERICAN.get(a) === b || AMERICAN.get(b) === a)) return true;
  if (!names && (a[0] !== b[0] || Math.min(a.length, b.length) < 6)) return false;
  if (/\d/.test(a) || /\d/.test(b)) return false; // a changed figure is never a spelling
  if (houseStyle(a) === houseStyle(b)) return true;
  if (differsByInflection(a, b)) return false;
  if (names) {
    const sa = skeleton(a);
    const sb = skeleton(b);
    if (sa === sb) return Math.min(a.length, b.length) >= 4;
    if (sa[0] !== sb[0] || Math.min(sa.length, sb.length) < 5) return false;
    return editDistance(sa, sb, 2) <= (Math.min(sa.length, sb.length) >= 8 ? 2 : 1);
  }
  // A typo: one edit in a long word, not in its first or last letter (where real word swaps live).
  if (a[a.length - 1] !== b[b.length - 1]) return false;
  return editDistance(a, b, 1) <= 1;
}
