// The hand labels of the real-text benchmark (bench/real.ts) and their scoring. A label
// names an item by where it stands (corpus, draft, the claim's offsets, the code, the cited
// source and where in it), never by its text: the corpora may not be redistributed. An item
// the engine no longer makes drops out of the score; one it makes anew is unjudged until a
// person judges it.

import { existsSync, readFileSync } from 'node:fs';

export interface Item {
  half: 'dev' | 'held';
  corpus: string;
  draft: string;
  start: number;
  end: number;
  /** A finding's code, or verified-figure / verified-date / verified-quote. */
  code: string;
  source: string;
  sourceStart: number;
  /** For the judge only (bench/.out, not committed): the message and both sentences. */
  message: string;
  draftText: string;
  sourceText: string;
  /** For the judge: a quote's speakers as the engine reads them ("draft: Clarke (name) · source: Huma Abedin (name)"). */
  speakers?: string;
}

export interface Label {
  verdict: 'right' | 'wrong';
  why: string;
}

export const LABEL_COLUMNS = ['half', 'corpus', 'draft', 'start', 'end', 'code', 'source', 'sourceStart', 'verdict', 'why'];

export function itemKey(i: Pick<Item, 'corpus' | 'draft' | 'start' | 'end' | 'code' | 'source' | 'sourceStart'>): string {
  return [i.corpus, i.draft, i.start, i.end, i.code, i.source, i.sourceStart].join('\t');
}

/** Labels by item key. A line that does not parse is an error naming the file and the line. */
export function parseLabels(tsv: string, file = 'labels'): Map<string, Label> {
  const labels = new Map<string, Label>();
  const lines = tsv.split('\n');
  if (lines[0]?.trim() !== LABEL_COLUMNS.join('\t')) throw new Error(`${file}: the first line must name the columns: ${LABEL_COLUMNS.join(', ')}`);
  lines.slice(1).forEach((line, n) => {
    if (!line.trim() || line.startsWith('#')) return;
    const f = line.split('\t');
    const [, corpus, draft, start, end, code, source, sourceStart, verdict, why] = f;
    if (f.length < 9 || (verdict !== 'right' && verdict !== 'wrong') || !/^\d+$/.test(start) || !/^\d+$/.test(end) || !/^-?\d+$/.test(sourceStart))
      throw new Error(`${file}:${n + 2}: expected ${LABEL_COLUMNS.length} tab-separated columns with numeric offsets and a verdict of right or wrong`);
    labels.set(itemKey({ corpus, draft, start: +start, end: +end, code, source, sourceStart: +sourceStart }), { verdict, why: why ?? '' });
  });
  return labels;
}

export function readLabels(file: string): Map<string, Label> {
  return existsSync(file) ? parseLabels(readFileSync(file, 'utf8'), file) : new Map();
}

export interface Score {
  corpus: string;
  half: string;
  code: string;
  count: number;
  judged: number;
  right: number;
}

/** Per corpus, half and code: how many items, how many judged, how many judged right. */
export function scoreItems(items: Item[], labels: Map<string, Label>): Score[] {
  const rows = new Map<string, Score>();
  for (const i of items) {
    const k = `${i.corpus}\t${i.half}\t${i.code}`;
    let r = rows.get(k);
    if (!r) rows.set(k, (r = { corpus: i.corpus, half: i.half, code: i.code, count: 0, judged: 0, right: 0 }));
    r.count++;
    const label = labels.get(itemKey(i));
    if (label) {
      r.judged++;
      if (label.verdict === 'right') r.right++;
    }
  }
  return [...rows.values()].sort((a, b) => (a.corpus + a.half + a.code < b.corpus + b.half + b.code ? -1 : 1));
}
