// The keys a fact is indexed under, and the keys a draft's fact is looked up by. Any
// SourceStore indexes source facts with factKeys and answers facts(queryKeys(...)), so
// the in-process index and a database archive return the same candidates.

import type { AliasTable } from './context';
import { contextKeys, nameKey } from './context';
import type { Fact } from './extract';

/**
 * A key held by more source facts than this says nothing about which event a figure or date
 * is about ("year", "per cent", "UK" in a newsroom archive): every store answers as if it were
 * not there, so a fact is compared only with facts sharing a rarer name, word or value. Checks
 * then cost the same at 100,000 articles as at 10,000 (a common key's list reached most of the
 * corpus's facts: 30 s for one draft at 10,000 articles). No key of the BBC corpus (2,225
 * articles, at most 1,087 facts a key) reaches it.
 */
export const MAX_FACTS_PER_KEY = 2_000;

/**
 * Of a draft fact's keys on more than MAX_FACTS_PER_KEY facts, the rarest this many (ties in
 * queryKeys order: the value, then names, then words) are also looked up two by two: a source
 * fact sharing two of them (the same name and figure, or two of the clause's words) is about
 * the same thing more often than not, and the pair is on far fewer facts than either key. In a
 * large archive most names and words are common: at 1,000,000 articles 335 of a draft's 406
 * fact keys are, and without pairs the figures whose only links to their source were common
 * read as unsourced.
 */
export const PAIRED_COMMON_KEYS = 4;

const PAIR = '\u0001';

/** The lookup key of the facts indexed under both a and b (in either order). */
export function pairKey(a: string, b: string): string {
  return a < b ? a + PAIR + b : b + PAIR + a;
}

/** The two keys of a pair key; undefined for a plain key. */
export function pairParts(key: string): [string, string] | undefined {
  const i = key.indexOf(PAIR);
  return i < 0 ? undefined : [key.slice(0, i), key.slice(i + 1)];
}

/** Whether a fact indexed under `keys` (factKeys) is found by the lookup key `key`. */
export function foundBy(keys: ReadonlySet<string>, key: string): boolean {
  const parts = pairParts(key);
  return parts ? keys.has(parts[0]) && keys.has(parts[1]) : keys.has(key);
}

/** The pair keys to look up besides `keys`, given how many facts each is on (in the same order). */
export function commonPairs(keys: readonly string[], counts: readonly number[]): string[] {
  const common = keys
    .map((key, i) => ({ key, n: counts[i] }))
    .filter((k) => k.n > MAX_FACTS_PER_KEY)
    .sort((a, b) => a.n - b.n)
    .slice(0, PAIRED_COMMON_KEYS)
    .map((k) => k.key);
  const pairs: string[] = [];
  for (let i = 0; i < common.length; i++) for (let j = i + 1; j < common.length; j++) pairs.push(pairKey(common[i], common[j]));
  return pairs;
}

/** A figure's value key: the same number, whatever the words around it. */
export function valueKey(fact: Fact): string[] {
  return fact.kind === 'figure' ? [`v:${fact.figure.kind}:${+fact.figure.value.toPrecision(12)}`] : [];
}

/** Keys a source fact is indexed under: its names, its clause's key words, its value. */
export function factKeys(fact: Fact): string[] {
  const keys = new Set<string>(valueKey(fact));
  for (const e of fact.context.entities) keys.add('n:' + nameKey(e));
  for (const e of fact.context.carried ?? []) keys.add('n:' + nameKey(e));
  for (const w of fact.context.carriedWords ?? []) keys.add('w:' + w);
  for (const w of fact.context.words) keys.add('w:' + w);
  if (fact.kind === 'figure' && fact.figure.unit) keys.add('w:' + fact.figure.unit);
  for (const w of bareSentenceWords(fact)) keys.add('w:' + w);
  return [...keys];
}

/** A fact whose clause has no name or word ("£75m ($141m)") is found through its sentence's words. */
function bareSentenceWords(fact: Fact): string[] {
  return fact.context.words.length === 0 && fact.context.subject.length === 0 ? fact.context.sentenceWords : [];
}

/** Keys to look a draft's fact up by: the same, plus the abbreviations of its names and their long forms. */
export function queryKeys(fact: Fact, aliases: AliasTable): string[] {
  const keys = new Set<string>([...valueKey(fact), ...contextKeys(fact.context, aliases)]);
  if (fact.kind === 'figure' && fact.figure.unit) keys.add('w:' + fact.figure.unit);
  for (const w of bareSentenceWords(fact)) keys.add('w:' + w);
  return [...keys];
}
