// Imports folders of articles into the archive. Each article's identity is its path
// relative to the imported folder (business/001.txt). Idempotent: an article whose
// content hash is unchanged is skipped, a changed one is replaced. Files go in
// batches, one transaction each, so an interrupted import keeps every finished batch
// and a second run resumes where it stopped (everything done is "unchanged").

import { createHash } from 'crypto';
import * as path from 'path';
import type { PoolClient } from 'pg';
import { readTextFile, DEFAULT_MAX_FILE_SIZE } from '../node/decode';
import { compileGlobs, listSourceFiles } from '../node/sourceFiles';
import type { Archive } from './connection';
import { migrate, schemaVersion } from './schema';
import { POOL_MIN_ITEMS, WorkerPool } from '../node/workerPool';
import { articleRows, type ArticleRows } from './rows';

/** What an archive import reads from each folder. */
export const ARCHIVE_GLOBS = ['**/*.{txt,md,markdown,html,htm}'];

export interface ImportProgress {
  done: number;
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface ImportOptions {
  batchSize?: number;
  maxFileSize?: number;
  /** Re-analyse articles even when their text is unchanged (after a Source Check upgrade). */
  force?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** "business/bad.txt: binary file …" */
  onProblem?: (message: string) => void;
  /** Worker threads that analyse articles (default: one per spare core, at most four; 0: none). */
  workers?: number;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface Loaded {
  rows: ArticleRows;
  text: string;
  hash: string;
}

type Analyse = (path: string, text: string) => Promise<ArticleRows>;

export async function importFolders(archive: Archive, folders: string[], options: ImportOptions = {}): Promise<ImportProgress> {
  const batchSize = options.batchSize ?? 200;
  const problem = (m: string) => options.onProblem?.(m);
  const client = await archive.client();
  // A second connection reads which articles are known while the first writes the previous batch.
  let reader: PoolClient | undefined;
  let pool: WorkerPool<{ path: string; text: string }, ArticleRows> | undefined;
  try {
    await migrate(client);
    const globs = compileGlobs(ARCHIVE_GLOBS);
    const lists: Array<{ root: string; files: string[] }> = [];
    for (const folder of folders) {
      const root = path.resolve(folder);
      lists.push({ root, files: await listSourceFiles(root, globs, (rel, p) => problem(`${path.join(folder, rel)}: ${p}`)) });
    }
    const progress: ImportProgress = { done: 0, total: lists.reduce((n, l) => n + l.files.length, 0), added: 0, updated: 0, unchanged: 0, failed: 0 };
    // Articles are analysed in worker threads while this thread writes the previous batch:
    // analysis is ~4/5 of an import's CPU, so with spare cores the database sets the pace.
    if (progress.total >= POOL_MIN_ITEMS) pool = WorkerPool.create({ script: path.join(__dirname, 'importWorker'), local: (r) => articleRows(r.path, r.text) }, options.workers);
    const analyse: Analyse = pool ? (p, text) => pool!.run({ path: p, text }) : async (p, text) => articleRows(p, text);
    reader = progress.total > batchSize ? await archive.client() : client;
    for (const { root, files } of lists) {
      let writing: Promise<void> | undefined;
      for (let i = 0; i < files.length; i += batchSize) {
        const batch = await readBatch(reader, root, files.slice(i, i + batchSize), options, problem, analyse);
        await writing;
        writing = writeBatch(client, batch, progress).then(() => options.onProgress?.({ ...progress }));
        // A failed write must not go unheard while the next batch is read.
        writing.catch(() => undefined);
      }
      await writing;
    }
    return progress;
  } finally {
    await pool?.close();
    if (reader !== client) reader?.release();
    client.release();
  }
}

interface Batch {
  loaded: Loaded[];
  hashOf: Map<string, string>;
  size: number;
  unchanged: number;
  failed: number;
}

/** Reads a batch, skips what is unchanged, and analyses the rest (in the workers when there are some). */
async function readBatch(client: PoolClient, root: string, rels: string[], options: ImportOptions, problem: (m: string) => void, analyse: Analyse): Promise<Batch> {
  const counts = { unchanged: 0, failed: 0 };
  // An article analysed before the schema kept speakers (3) or facts (4) counts as changed: it is re-analysed.
  const known = await client.query('SELECT path, content_hash, speakers IS NULL OR abbreviations IS NULL AS stale FROM sources WHERE path = ANY($1::text[])', [rels]);
  const hashOf = new Map<string, string>(known.rows.map((r) => [r.path, r.stale ? '' : r.content_hash]));
  const analysed: Array<Promise<Loaded | undefined>> = [];
  for (const rel of rels) {
    const file = await readTextFile(path.join(root, rel), options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if ('problem' in file) {
      problem(`${rel}: ${file.problem}; not imported`);
      counts.failed++;
      continue;
    }
    if (file.note) problem(`${rel}: ${file.note}`);
    if (file.text.includes('\u0000')) {
      problem(`${rel}: contains NUL characters, which PostgreSQL text cannot hold; not imported`);
      counts.failed++;
      continue;
    }
    const hash = contentHash(file.text);
    if (!options.force && hashOf.get(rel) === hash) {
      counts.unchanged++;
      continue;
    }
    const text = file.text;
    analysed.push(
      analyse(rel, text).then(
        (rows) => {
          for (const p of rows.problems) problem(p);
          return { rows, text, hash };
        },
        (e: Error) => {
          problem(`${rel}: could not be analysed (${e.message}); not imported`);
          counts.failed++;
          return undefined;
        },
      ),
    );
  }
  const loaded = (await Promise.all(analysed)).filter((l): l is Loaded => l !== undefined);
  return { loaded, hashOf, size: rels.length, ...counts };
}

async function writeBatch(client: PoolClient, { loaded, hashOf, size, unchanged, failed }: Batch, progress: ImportProgress): Promise<void> {
  if (loaded.length > 0) await write(client, loaded, hashOf);
  progress.unchanged += unchanged;
  progress.failed += failed;
  for (const l of loaded) {
    if (hashOf.has(l.rows.path)) progress.updated++;
    else progress.added++;
  }
  progress.done += size;
}

/** One transaction: drop the old versions (and their counts), insert the new ones, recount. */
async function write(client: PoolClient, loaded: Loaded[], hashOf: Map<string, string>): Promise<void> {
  const replaced = loaded.filter((l) => hashOf.has(l.rows.path)).map((l) => l.rows.path);
  await client.query('BEGIN');
  try {
    let sourcesDelta = 0;
    let sentencesDelta = 0;
    if (replaced.length > 0) {
      // The replaced articles' keys leave the counts (sentence keys in terms, fact keys in fact_terms).
      for (const [table, column, rows] of [['terms', 'df', 'sentences'], ['fact_terms', 'n', 'facts']] as const) {
        await client.query(
          `WITH k AS (
             SELECT key, count(*) AS n FROM sources src JOIN ${rows} r ON r.source_id = src.id, unnest(r.keys) AS key
             WHERE src.path = ANY($1::text[]) GROUP BY key ORDER BY key)
           UPDATE ${table} t SET ${column} = t.${column} - k.n FROM k WHERE t.key = k.key`,
          [replaced],
        );
      }
      await client.query(
        `WITH f AS (
           SELECT a->>0 AS abbr, ARRAY(SELECT w FROM jsonb_array_elements_text(a->1) WITH ORDINALITY AS e(w, i) ORDER BY i) AS words, count(*) AS n
           FROM sources src, jsonb_array_elements(src.abbreviations) AS a
           WHERE src.path = ANY($1::text[]) GROUP BY 1, 2 ORDER BY 1, 2)
         UPDATE abbreviation_forms t SET n = t.n - f.n FROM f WHERE t.abbr = f.abbr AND t.words = f.words`,
        [replaced],
      );
      const gone = await client.query('DELETE FROM sources WHERE path = ANY($1::text[]) RETURNING sentence_count', [replaced]);
      sourcesDelta -= gone.rowCount ?? 0;
      sentencesDelta -= gone.rows.reduce((n, r) => n + r.sentence_count, 0);
    }
    const articles = loaded.map((l) => l.rows);
    const inserted = await client.query(
      `INSERT INTO sources (path, content_hash, text, text_length, line_starts, meta, published, sentence_count, speakers, abbreviations)
       SELECT path, hash, text, length, string_to_array(starts, ',')::int[], meta, published, sentences, speakers, abbreviations
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[], $7::date[], $8::int[], $9::jsonb[], $10::jsonb[])
         AS t(path, hash, text, length, starts, meta, published, sentences, speakers, abbreviations)
       RETURNING id::float8 AS id, path`,
      [
        articles.map((a) => a.path),
        loaded.map((l) => l.hash),
        loaded.map((l) => l.text),
        loaded.map((l) => l.text.length),
        articles.map((a) => a.lineStarts),
        articles.map((a) => a.meta),
        articles.map((a) => a.published),
        articles.map((a) => a.sentences.start.length),
        articles.map((a) => a.speakers),
        articles.map((a) => a.abbreviations),
      ],
    );
    const idOf = new Map<string, number>(inserted.rows.map((r) => [r.path, r.id]));
    const rows = { source: [] as number[], n: [] as number[], start: [] as number[], end: [] as number[], gap: [] as string[], body: [] as string[], keys: [] as string[] };
    const facts = { source: [] as number[], n: [] as number[], sentence: [] as string[], fact: [] as string[], keys: [] as string[] };
    const df = new Map<string, number>();
    const factDf = new Map<string, number>();
    const forms = new Map<string, number>();
    for (const a of articles) {
      const id = idOf.get(a.path)!;
      const s = a.sentences;
      for (let n = 0; n < s.start.length; n++) rows.source.push(id), rows.n.push(n);
      rows.start.push(...s.start);
      rows.end.push(...s.end);
      rows.gap.push(...s.gap);
      rows.body.push(...s.body);
      rows.keys.push(...s.keys);
      for (let n = 0; n < a.facts.fact.length; n++) facts.source.push(id), facts.n.push(n);
      facts.sentence.push(...a.facts.sentence);
      facts.fact.push(...a.facts.fact);
      facts.keys.push(...a.facts.keys);
      a.terms.key.forEach((k, i) => df.set(k, (df.get(k) ?? 0) + a.terms.count[i]));
      a.factTerms.key.forEach((k, i) => factDf.set(k, (factDf.get(k) ?? 0) + a.factTerms.count[i]));
      for (const f of a.forms) forms.set(f, (forms.get(f) ?? 0) + 1);
      sourcesDelta++;
      sentencesDelta += s.start.length;
    }
    await client.query(
      `INSERT INTO sentences (source_id, n, start_offset, end_offset, gap, body, keys)
       SELECT source_id, n, s, e, gap, body, CASE WHEN keys = '' THEN '{}'::text[] ELSE string_to_array(keys, ' ') END
       FROM unnest($1::int8[], $2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[]) AS t(source_id, n, s, e, gap, body, keys)`,
      [rows.source, rows.n, rows.start, rows.end, rows.gap, rows.body, rows.keys],
    );
    if (facts.source.length > 0) {
      await client.query(
        `INSERT INTO facts (source_id, n, sentence, fact, keys)
         SELECT source_id, n, sentence, fact::json, string_to_array(keys, chr(31))
         FROM unnest($1::int8[], $2::int[], $3::text[], $4::text[], $5::text[]) AS t(source_id, n, sentence, fact, keys)`,
        [facts.source, facts.n, facts.sentence, facts.fact, facts.keys],
      );
    }
    // Sorted, so that two importers lock the same rows in the same order (no deadlock).
    const sorted = (counts: Map<string, number>) => [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [table, column, counts] of [['terms', 'df', df], ['fact_terms', 'n', factDf]] as const) {
      const rows = sorted(counts);
      await client.query(
        `INSERT INTO ${table} (key, ${column}) SELECT * FROM unnest($1::text[], $2::int8[])
         ON CONFLICT (key) DO UPDATE SET ${column} = ${table}.${column} + excluded.${column}`,
        [rows.map((t) => t[0]), rows.map((t) => t[1])],
      );
    }
    const formRows = sorted(forms);
    await client.query(
      `INSERT INTO abbreviation_forms (abbr, words, n)
       SELECT parts[1], parts[2:], n FROM unnest($1::text[], $2::int8[]) AS t(form, n), string_to_array(form, chr(31)) AS parts
       ON CONFLICT (abbr, words) DO UPDATE SET n = abbreviation_forms.n + excluded.n`,
      [formRows.map((t) => t[0]), formRows.map((t) => t[1])],
    );
    await client.query('UPDATE archive_stats SET sources = sources + $1, sentences = sentences + $2, writes = writes + 1', [sourcesDelta, sentencesDelta]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

export interface ArchiveCounts {
  schemaVersion: number;
  sources: number;
  sentences: number;
  terms: number;
  facts: number;
  databaseBytes: number;
  lastImport: string | null;
}

export async function archiveCounts(archive: Archive): Promise<ArchiveCounts> {
  const client = await archive.client();
  try {
    const version = await schemaVersion(client);
    const size = await client.query('SELECT pg_database_size(current_database())::float8 AS bytes');
    if (version === 0) return { schemaVersion: 0, sources: 0, sentences: 0, terms: 0, facts: 0, databaseBytes: size.rows[0].bytes, lastImport: null };
    const r = await client.query(
      `SELECT a.sources::float8 AS sources, a.sentences::float8 AS sentences,
              (SELECT count(*) FROM terms WHERE df > 0)::float8 AS terms,
              (SELECT count(*) FROM facts)::float8 AS facts,
              (SELECT max(imported_at) FROM sources) AS last
       FROM archive_stats a`,
    );
    const row = r.rows[0];
    return { schemaVersion: version, sources: row.sources, sentences: row.sentences, terms: row.terms, facts: row.facts, databaseBytes: size.rows[0].bytes, lastImport: row.last ? new Date(row.last).toISOString() : null };
  } finally {
    client.release();
  }
}
