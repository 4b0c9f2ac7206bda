// One article as the rows the archive stores: the analysis an import does per article,
// apart from the database. Plain strings and numbers, so that it crosses from an import
// worker (importWorker.ts) to the thread that writes it by cloning.

import { parseSource } from '../core/source/source';
import { sentenceKeys } from '../core/match/ranking';
import { factKeys } from '../core/facts/keys';
import { archiveUri } from './pgStore';

export interface ArticleRows {
  path: string;
  lineStarts: string;
  meta: string;
  published: string | null;
  speakers: string;
  abbreviations: string;
  /** The analysis's remarks on the article ("no date found", …). */
  problems: string[];
  sentences: { start: number[]; end: number[]; gap: string[]; body: string[]; keys: string[] };
  facts: { sentence: string[]; fact: string[]; keys: string[] };
  /** Each key of the article's sentences, with the number of its sentences that hold it. */
  terms: { key: string[]; count: number[] };
  /** Each key of the article's facts, with the number of its facts indexed under it. */
  factTerms: { key: string[]; count: number[] };
  /** The abbreviations it spells out, each as one text: the abbreviation, then its long form's words (KEY_SEPARATOR between). */
  forms: string[];
}

/** Fact keys travel as one text each, split in SQL (chr(31), the unit separator, is in no key). */
export const KEY_SEPARATOR = '\u001f';

export function articleRows(path: string, text: string): ArticleRows {
  const d = parseSource(path, archiveUri(path), text);
  const sentences = { start: [] as number[], end: [] as number[], gap: [] as string[], body: [] as string[], keys: [] as string[] };
  const df = new Map<string, number>();
  let prev = 0;
  for (const s of d.sentences) {
    const keys = sentenceKeys(d.prose, s);
    for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
    sentences.start.push(s.start);
    sentences.end.push(s.end);
    sentences.gap.push(d.prose.slice(prev, s.start));
    sentences.body.push(d.prose.slice(s.start, s.end));
    // Keys never hold spaces (they are normalised words), so a space-joined list travels as one text.
    sentences.keys.push(keys.join(' '));
    prev = s.end;
  }
  // Each fact as the core extracted it (the embedded index keeps the same objects), with the
  // prose of its sentence (SourceFact.sentence) and the keys it is found by.
  const facts = { sentence: [] as string[], fact: [] as string[], keys: [] as string[] };
  const factDf = new Map<string, number>();
  for (const f of d.facts ?? []) {
    const keys = factKeys(f);
    for (const k of keys) factDf.set(k, (factDf.get(k) ?? 0) + 1);
    facts.sentence.push(d.prose.slice(f.sentence.start, f.sentence.end));
    facts.fact.push(JSON.stringify(f));
    facts.keys.push(keys.join(KEY_SEPARATOR));
  }
  return {
    path,
    lineStarts: d.lines.lineStarts().join(','),
    meta: JSON.stringify(d.meta),
    published: d.meta.date ?? null,
    speakers: JSON.stringify(d.speakers),
    abbreviations: JSON.stringify(d.abbreviations ?? []),
    problems: d.meta.problems,
    sentences,
    facts,
    terms: { key: [...df.keys()], count: [...df.values()] },
    factTerms: { key: [...factDf.keys()], count: [...factDf.values()] },
    forms: (d.abbreviations ?? []).map(([abbr, words]) => [abbr, ...words].join(KEY_SEPARATOR)),
  };
}
