// The keys a fact is indexed under, and the keys a draft's fact is looked up by. Any
// SourceStore indexes source facts with factKeys and answers facts(queryKeys(...)), so
// the in-process index and a database archive return the same candidates.

import type { AliasTable } from './context';
import { contextKeys, nameKey } from './context';
import type { Fact } from './extract';

/** A figure's value key: the same number, whatever the words around it. */
function valueKey(fact: Fact): string[] {
  return fact.kind === 'figure' ? [`v:${fact.figure.kind}:${+fact.figure.value.toPrecision(12)}`] : [];
}

/** Keys a source fact is indexed under: its names, its clause's key words, its value. */
export function factKeys(fact: Fact): string[] {
  const keys = new Set<string>(valueKey(fact));
  for (const e of fact.context.entities) keys.add('n:' + nameKey(e));
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
