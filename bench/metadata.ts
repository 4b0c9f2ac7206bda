// How far a reporter can trust a source's metadata (title, outlet, author, date, URL): a
// hand-labelled sample of sources — the five seeds and a fixed pick of BBC, Reuters-21578 and
// PolNeAR articles, each read the way the engine reads it (the loaders of bench/corpora.ts,
// ids as bench/real.ts gives them) — scored field by field. A label is what the source's
// text and its id give for a field, or "-" when they do not give it; labels live in
// bench/labels/metadata.tsv as short field values only, never the corpora's text.
//
// For each field: precision (extracted values that match the label / extracted values) and
// share filled (sources with a value / sources), per half (bench/real.ts's dev/held split by
// a hash of the id: rules are tuned on dev only).
//
//   npm run bench:metadata                 the table
//   npm run bench:metadata -- --show       every sampled source: its head, the extracted values and the labels (to label by hand)
//   npm run bench:metadata -- --wrong      the extracted values that disagree with their labels

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { extractMetadata } from '../server/src/core/source/metadata';
import { Article, loadBbc, loadPolnear, loadReuters, repoRoot } from './corpora';
import { halfOf, type Half } from './real';

export const FIELDS = ['title', 'outlet', 'author', 'date', 'url'] as const;
export type Field = (typeof FIELDS)[number];
export type MetaCorpus = 'seeds' | 'bbc' | 'reuters' | 'polnear';

/** How many sources of each corpus the sample takes at random (the seeds: all five). */
export const SAMPLE: Record<MetaCorpus, number> = { seeds: 5, bbc: 30, reuters: 35, polnear: 35 };
/**
 * And how many more among the *tempting* ones: sources whose head has a line a heuristic could
 * take for a field (an address, a "By" line, a name-like line, a parenthesised credit, a short
 * line with a year). A random pick has few of them; they are where a wrong value comes from.
 */
export const TEMPTING: Record<MetaCorpus, number> = { seeds: 0, bbc: 10, reuters: 15, polnear: 15 };

export function tempting(text: string): boolean {
  const head = text.slice(0, 20000).split('\n').slice(0, 40).map((l) => l.trim()).filter(Boolean);
  return head.some(
    (l, i) =>
      i > 0 &&
      (/https?:\/\//.test(l) ||
        /^by\s/i.test(l) ||
        /\((?:\p{Lu}[\p{L} ]{1,20})\)\s*[-\u2014\u2013]/u.test(l) ||
        /^\p{Lu}[\p{Ll}'-]+(?:\s+\p{Lu}[\p{Ll}'-]+){1,3}$/u.test(l) ||
        (/\b(?:19|20)\d\d\b/.test(l) && l.length < 40)),
  );
}

export const LABEL_FILE = path.join(repoRoot, 'bench', 'labels', 'metadata.tsv');
export const LABEL_COLUMNS = ['corpus', 'id', 'field', 'expected'];

/** A label: the accepted values ("||" between spellings of one value, e.g. "AP||Associated Press"), or null for "the text does not give it". */
export type Labels = Map<string, string[] | null>;

export const labelKey = (corpus: string, id: string, field: string) => `${corpus}\t${id}\t${field}`;

export function parseMetadataLabels(tsv: string, file = 'metadata.tsv'): Labels {
  const lines = tsv.split('\n');
  if (lines[0]?.trim() !== LABEL_COLUMNS.join('\t')) throw new Error(`${file}: the first line must name the columns: ${LABEL_COLUMNS.join(', ')}`);
  const labels: Labels = new Map();
  lines.slice(1).forEach((line, n) => {
    if (!line.trim() || line.startsWith('#')) return;
    const f = line.split('\t');
    if (f.length !== 4 || !(FIELDS as readonly string[]).includes(f[2]) || !f[3].trim())
      throw new Error(`${file}:${n + 2}: expected corpus, id, a field (${FIELDS.join(', ')}) and a value or "-", tab-separated`);
    const key = labelKey(f[0], f[1], f[2]);
    if (labels.has(key)) throw new Error(`${file}:${n + 2}: ${f[1]} ${f[2]} is labelled twice`);
    labels.set(key, f[3].trim() === '-' ? null : f[3].split('||').map((v) => v.trim()));
  });
  return labels;
}

/** Values compared as a reader would: case, quote marks, spacing, a leading "The" and final punctuation aside. */
export function normalise(field: Field, v: string): string {
  let s = v.normalize('NFKC').replace(/[\u2018\u2019\u201B`]/g, "'").replace(/[\u201C\u201D\u00AB\u00BB]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
  s = s.replace(/[\s.;:,]+$/, '');
  if (field === 'outlet') s = s.replace(/^the\s+/, '');
  if (field === 'url') s = s.replace(/\/$/, '');
  return s;
}

export function matches(field: Field, value: string, expected: string[]): boolean {
  const v = normalise(field, value);
  return expected.some((e) => normalise(field, e) === v);
}

export interface Sampled {
  corpus: MetaCorpus;
  id: string;
  half: Half;
  stratum: 'random' | 'tempting';
  text: string;
}

export interface FieldScore {
  half: Half | 'all';
  field: Field;
  sources: number;
  /** Sources with a value. */
  filled: number;
  /** Values the labels say are right. */
  right: number;
  /** Values on sources whose field is not labelled (not scored). */
  unlabelled: number;
  /** Sources whose label gives a value. */
  given: number;
}

export function extracted(s: Sampled): Record<Field, string | undefined> {
  const m = extractMetadata(s.text, s.id);
  return { title: m.title, outlet: m.outlet, author: m.author, date: m.date, url: m.url };
}

export function scoreMetadata(sample: Sampled[], labels: Labels): FieldScore[] {
  const rows: FieldScore[] = [];
  const values = sample.map((s) => ({ s, v: extracted(s) }));
  for (const half of ['dev', 'held', 'all'] as const) {
    const of = values.filter(({ s }) => half === 'all' || s.half === half);
    for (const field of FIELDS) {
      const row: FieldScore = { half, field, sources: of.length, filled: 0, right: 0, unlabelled: 0, given: 0 };
      for (const { s, v } of of) {
        const key = labelKey(s.corpus, s.id, field);
        const label = labels.get(key);
        if (label) row.given++;
        const value = v[field];
        if (value === undefined) continue;
        row.filled++;
        if (!labels.has(key)) row.unlabelled++;
        else if (label && matches(field, value, label)) row.right++;
      }
      rows.push(row);
    }
  }
  return rows;
}

export const precisionOf = (r: FieldScore) => (r.filled - r.unlabelled > 0 ? r.right / (r.filled - r.unlabelled) : 1);

/** The first `n` articles by a hash of their id: the same pick on every machine, whatever the folder order. */
export function pick(corpus: string, articles: Article[], n: number): Article[] {
  const key = (a: Article) => createHash('sha1').update(`meta:${corpus}:${a.id}`).digest('hex');
  return [...articles].sort((a, b) => (key(a) < key(b) ? -1 : 1)).slice(0, n);
}

export function loadSeeds(): Article[] {
  const dir = path.join(repoRoot, 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: `seeds/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
}

/** The sample, or null when the corpora are absent (the loaders print why). Seeds are always there. */
export function loadSample(): Sampled[] | null {
  const bbc = loadBbc();
  const reuters = loadReuters();
  const polnear: Article[] = [];
  for (const split of ['train', 'dev', 'test'] as const) {
    const c = loadPolnear(split);
    if (!c) return null;
    polnear.push(...c.articles);
  }
  if (!bbc || !reuters) return null;
  const by: Record<MetaCorpus, Article[]> = { seeds: loadSeeds(), bbc: bbc.articles, reuters: reuters.articles, polnear };
  return (Object.keys(SAMPLE) as MetaCorpus[]).flatMap((corpus) => {
    const random = pick(corpus, by[corpus], SAMPLE[corpus]);
    const taken = new Set(random.map((a) => a.id));
    const more = pick(`${corpus}:tempting`, by[corpus].filter((a) => !taken.has(a.id) && tempting(a.text)), TEMPTING[corpus]);
    return [...random.map((a) => ({ a, stratum: 'random' as const })), ...more.map((a) => ({ a, stratum: 'tempting' as const }))].map(({ a, stratum }) => ({
      corpus,
      id: a.id,
      half: halfOf(corpus, a.id),
      stratum,
      text: a.text,
    }));
  });
}

export function readMetadataLabels(file = LABEL_FILE): Labels {
  return existsSync(file) ? parseMetadataLabels(readFileSync(file, 'utf8'), file) : new Map();
}

export function table(rows: FieldScore[]): string {
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  let out = '| half | field | sources | filled | share filled | right | precision | recall (of labelled values) |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n';
  for (const r of rows) {
    const scored = r.filled - r.unlabelled;
    out += `| ${r.half} | ${r.field} | ${r.sources} | ${r.filled} | ${pct(r.filled / Math.max(1, r.sources))} | ${r.right} | ${scored ? pct(precisionOf(r)) : '–'} | ${r.given ? pct(r.right / r.given) : '–'} |\n`;
  }
  return out;
}

function main(): void {
  const sample = loadSample();
  if (!sample) return;
  const labels = readMetadataLabels();
  if (process.argv.includes('--show')) {
    for (const s of sample) {
      const v = extracted(s);
      console.log(`\n=== ${s.corpus}\t${s.id}\t(${s.half}, ${s.stratum})`);
      console.log(s.text.slice(0, 700).replace(/\n{2,}/g, '\n'));
      console.log('  --');
      for (const f of FIELDS) {
        const l = labels.get(labelKey(s.corpus, s.id, f));
        console.log(`  ${f}: ${v[f] ?? '(none)'}   label: ${l === undefined ? '(not labelled)' : l === null ? '-' : l.join(' || ')}`);
      }
    }
    return;
  }
  if (process.argv.includes('--wrong')) {
    for (const s of sample) {
      const v = extracted(s);
      for (const f of FIELDS) {
        const l = labels.get(labelKey(s.corpus, s.id, f));
        if (v[f] !== undefined && l !== undefined && !(l && matches(f, v[f]!, l))) console.log(`${s.corpus}\t${s.id}\t${f}\textracted "${v[f]}", label ${l ? l.join(' || ') : '-'}`);
      }
    }
    return;
  }
  const missing = sample.flatMap((s) => FIELDS.filter((f) => !labels.has(labelKey(s.corpus, s.id, f))).map((f) => `${s.id} ${f}`));
  console.log(`${sample.length} sources (${(Object.keys(SAMPLE) as MetaCorpus[]).map((c) => `${c} ${sample.filter((s) => s.corpus === c).length}`).join(', ')}; ${sample.filter((s) => s.stratum === 'tempting').length} of them picked among the tempting), ${sample.filter((s) => s.half === 'held').length} held out\n`);
  console.log(table(scoreMetadata(sample, labels)));
  // Where the values come from: share filled and precision by corpus (both halves).
  let out = '| corpus | ' + FIELDS.join(' | ') + ' |\n| --- |' + FIELDS.map(() => ' ---: |').join('') + '\n';
  for (const corpus of Object.keys(SAMPLE) as MetaCorpus[]) {
    const rows = scoreMetadata(sample.filter((s) => s.corpus === corpus), labels).filter((r) => r.half === 'all');
    out += `| ${corpus} | ${rows.map((r) => `${r.filled}/${r.sources} filled, ${r.filled - r.unlabelled ? `${r.right} right` : '–'}`).join(' | ')} |\n`;
  }
  console.log(out);
  if (missing.length) console.log(`${missing.length} fields not labelled yet, e.g. ${missing.slice(0, 5).join('; ')}`);
}

if (process.argv[1]?.endsWith('metadata.ts')) main();
