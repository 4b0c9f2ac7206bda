// The archive as a SourceStore: the same ranking as the embedded index
// (core/match/ranking.ts), computed over the database's inverted index, so that the
// checker aligns the same passages and reaches the same verdicts. Sentence scores are
// summed in SQL (exact integer weights); windows are grouped and ranked by the shared
// code; passages are rebuilt from the stored sentences and gaps, offset for offset.
// Figures and dates: the Fact objects the core extracted at import, found by the keys
// factKeys gave them (GIN), in the order the embedded index returns them.

import type { Passage, SourceFact, SourceRef, SourceStore } from '../core/match/store';
import type { Fact } from '../core/facts/extract';
import { AbbreviationForm, AliasTable, buildAliases } from '../core/facts/context';
import { MAX_FACTS_PER_KEY, pairParts } from '../core/facts/keys';
import type { SourceMeta } from '../core/source/metadata';
import { contenders, groupWindows, keyArms, keyWeight, lookupKeys, minKeysHeld, passageSentences, queryKeys, rankContenders, SENTENCE_FLOOR, SentenceHit, Window, WINDOW_GAP } from '../core/match/ranking';
import { positionIn } from '../core/text/lines';
import type { Span } from '../core/text/sentences';
import type { Quotation } from '../core/speakers/attribute';
import { AttributedSource, corpusPeople, Person } from '../core/speakers/people';
import type { QueryResultRow } from 'pg';
import { Archive, ArchiveUnavailable } from './connection';

import { ArchiveScheme } from '../lsp/protocol';

export { ArchiveScheme };

/** source-check-archive:/business/001.txt — the path stays readable, each segment encoded. */
export function archiveUri(path: string): string {
  return `${ArchiveScheme}:/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** The archive path of a source-check-archive: URI, or undefined for any other URI. */
export function archivePath(uri: string): string | undefined {
  const m = /^source-check-archive:\/*(.*)$/.exec(uri);
  if (!m) return undefined;
  try {
    return m[1].split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

export interface ArchiveDocument {
  path: string;
  text: string;
  meta: SourceMeta;
}

// Sentences holding `held` of the looked-up keys $1 at least (minKeysHeld) and any of them,
// or, given arms (core/match/ranking.ts keyArms), matching an arm (a key alone, or two
// together: the GIN index intersects their posting lists before any row is read), each with
// the mask of the quote's keys it holds (bit k: the k-th of $1) and their summed weights ($2;
// keys are stored distinct per sentence, as the embedded index posts them). The arms' keys
// are subscripts of $1, folded to constants when the statement is planned, so the text
// carries only integers of our own.
function scored(held: number, arms?: readonly number[][]): string {
  const key = (i: number) => `($1::text[])[${i + 1}]`;
  const match: string[] = [];
  if (!arms) match.push('s.keys && $1::text[]');
  else {
    const singles = arms.filter((a) => a.length === 1);
    if (singles.length > 0) match.push(`s.keys && ARRAY[${singles.map((a) => key(a[0])).join(', ')}]`);
    for (const a of arms) if (a.length > 1) match.push(`s.keys @> ARRAY[${a.map(key).join(', ')}]`);
  }
  return `
    SELECT s.source_id, s.n, bit_or(1 << (w.i - 1)::int) AS mask, sum(w.weight) AS score
    FROM sentences s
    CROSS JOIN LATERAL unnest(s.keys) AS k(key)
    JOIN unnest($1::text[], $2::int8[]) WITH ORDINALITY AS w(key, weight, i) ON w.key = k.key
    WHERE ${match.join(' OR ') || 'false'}
    GROUP BY s.source_id, s.n
    HAVING count(*) >= ${held}`;
}
/** The candidate sentences (of the arms) within the floor of the best ($3: 1 / SENTENCE_FLOOR; integers, so the comparison is exact). */
export function hitsSql(held: number, arms?: readonly number[][]): string {
  return `
  WITH hits AS (${scored(held, arms)})
  SELECT source_id::float8, n, mask, score::float8
  FROM (SELECT hits.*, max(score) OVER () AS best FROM hits) h
  WHERE score * $3::int8 >= best
  ORDER BY source_id, n`;
}
/** The best score among the arms' candidate sentences: a lower bound on the best of all. */
export function bestSql(held: number, arms: readonly number[][]): string {
  return `SELECT coalesce(max(score), 0)::float8 AS best FROM (${scored(held, arms)}) x`;
}
/** The probes for that bound, in turn until one finds a sentence: the two rarest keys together, then either. */
export const PROBES = [[[0, 1]], [[0], [1]]];
/** Below this many postings in all, one query scans every key; above, the bound saves time. */
const PRUNE_ABOVE_POSTINGS = 20_000;

export interface PgStoreOptions {
  /** Postings (summed over a quote's keys) above which the store bounds the scan; tests set 0. */
  pruneAbovePostings?: number;
  /** Source references kept between lookups (metadata, line starts); tests set 1. */
  refCacheSize?: number;
}

/** Sentences of the sources $1 between $2 and $3 (by window) holding any of the keys $4: those that widen a passage. */
const REACHING_SQL = `
  SELECT DISTINCT x.source_id::float8 AS source_id, x.n
  FROM unnest($1::int8[], $2::int[], $3::int[]) AS w(src, lo, hi)
  JOIN sentences x ON x.source_id = w.src AND x.n BETWEEN w.lo AND w.hi
  WHERE x.keys && $4::text[]`;

const PASSAGES_SQL = `
  SELECT w.i, src.path, src.meta, src.line_starts, src.text_length, src.speakers->'quotations' AS quotations,
         (SELECT json_agg(json_build_array(x.start_offset, x.end_offset, x.gap, x.body) ORDER BY x.n)
            FROM sentences x WHERE x.source_id = w.src AND x.n BETWEEN w.first AND w.last) AS sentences
  FROM unnest($1::int[], $2::int8[], $3::int[], $4::int[]) AS w(i, src, first, last)
  JOIN sources src ON src.id = w.src`;

/**
 * Facts indexed under any of the keys $1 (GIN on facts.keys, no other table read), each with
 * which of $1 it is indexed under. The store keeps each key's list in path order (the order
 * the embedded index posts them) and walks the keys as the embedded index does, so the
 * same facts come in the same order and ties among candidates break alike.
 */
export const FACTS_SQL = `
  SELECT f.source_id::float8 AS source_id, f.n, f.fact, f.sentence,
         array(SELECT k FROM unnest(f.keys) AS k WHERE k = ANY ($1::text[])) AS hit
  FROM facts f
  WHERE f.keys && $1::text[]`;

/** Facts indexed under both keys of $1 (a pair key: GIN intersects the two posting lists), one past MAX_FACTS_PER_KEY at most. */
export const PAIR_FACTS_SQL = `
  SELECT f.source_id::float8 AS source_id, f.n, f.fact, f.sentence
  FROM facts f
  WHERE f.keys @> $1::text[]
  LIMIT ${MAX_FACTS_PER_KEY + 1}`;

/** How many facts each key of $1 is on (schema 5 keeps the counts). */
export const FACT_KEY_COUNTS_SQL = `
  SELECT k, coalesce(t.n, 0)::float8 AS n FROM unnest($1::text[]) AS k LEFT JOIN fact_terms t ON t.key = k`;

/** The same on a schema-4 archive, counted in the GIN index up to one past MAX_FACTS_PER_KEY. */
const FACT_KEY_COUNTS_V4_SQL = `
  SELECT k, (SELECT count(*)::int FROM (SELECT 1 FROM facts f WHERE f.keys @> ARRAY[k] LIMIT ${MAX_FACTS_PER_KEY + 1}) s) AS n
  FROM unnest($1::text[]) AS k`;

/**
 * Keys a facts query: the planner estimates `&&` key by key, and for a list of hundreds it chose
 * a sequential scan of the whole table (100 s at 100,000 articles) where the index reads a few
 * thousand rows. A fact found under keys of two queries is kept once (the walk below).
 */
const FACT_KEYS_PER_QUERY = 32;
/** A facts query matching more rows than this fails (the check is then marked incomplete) rather than flooding the client. */
const MAX_FACT_ROWS = 200_000;
/** Postings (key, fact) kept across checks, per generation: common keys ("w:year") are read once. */
const KEY_CACHE_POSTINGS = 300_000;
/** allFacts reads this many sources' facts per query, so that no statement runs long. */
const ALL_FACTS_PAGE = 2_000;

/** A source fact with the position of the first query key it was found under (for merging stores alike). */
export interface RankedFact {
  sf: SourceFact;
  first: number;
}

/** The order a folder's sources are listed in (node/sourceFiles.ts compares names as JavaScript strings). */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface CachedFact {
  sf: SourceFact;
  /** source row id and fact index: one fact under several keys is returned once. */
  id: string;
  n: number;
}

export class PgStore implements SourceStore {
  private sources = 0;
  private sentences = 0;
  private writes = 0;
  private revision = 0;
  /** Source references by row id (a replaced article gets a new id), bounded. */
  private refs = new Map<number, SourceRef>();
  private aliasCache: { generation: number; forms: AbbreviationForm[]; table: AliasTable } | undefined;
  /** The archive's schema version, read once per connection epoch. */
  private schema: { epoch: number; version: number; at: number } | undefined;
  /** Whether every article's facts are in (schema 4, none imported before it), per generation. */
  private ready: { generation: number; problem?: string } | undefined;
  private refreshedAt = 0;
  /** Key -> how many facts it is on, for one generation. */
  private countCache: { generation: number; counts: Map<string, number> } = { generation: -1, counts: new Map() };
  /** Key -> its facts in path order, for one generation, bounded (KEY_CACHE_POSTINGS). */
  private keyCache: { generation: number; lists: Map<string, CachedFact[]>; postings: number } = { generation: -1, lists: new Map(), postings: 0 };

  private pruneAbove: number;

  private readonly refCacheSize: number;

  constructor(
    readonly archive: Archive,
    options: PgStoreOptions = {},
  ) {
    this.pruneAbove = options.pruneAbovePostings ?? PRUNE_ABOVE_POSTINGS;
    this.refCacheSize = options.refCacheSize ?? 20_000;
  }

  /** Sources in the archive at the last query (the interface wants it synchronously). */
  get size(): number {
    return this.sources;
  }

  /**
   * Changes when the archive's contents are seen to change (another desk imported) and when
   * it goes down or comes back, so that verdicts cached under partial data are not reused.
   */
  get generation(): number {
    return this.archive.epoch + this.revision;
  }

  async candidates(words: readonly string[], limit: number): Promise<Passage[]> {
    const keys = queryKeys(words);
    if (keys.length === 0) return [];
    const terms = await this.archive.query(
      `SELECT a.sources::float8 AS sources, a.sentences::float8 AS total, ${await this.writesColumn()} AS writes, t.key, t.df::float8 AS df
       FROM archive_stats a LEFT JOIN terms t ON t.key = ANY($1::text[]) AND t.df > 0`,
      [keys],
    );
    if (terms.rows.length === 0) return [];
    const total: number = terms.rows[0].total;
    this.observe(terms.rows[0].sources, total, terms.rows[0].writes);
    const df = new Map<string, number>(terms.rows.filter((r) => r.key !== null).map((r) => [r.key, r.df]));
    const lookup = lookupKeys(keys, (k) => df.get(k), total);
    if (lookup.length === 0) return [];
    const all = lookup.map((k) => k.key);
    const weights = lookup.map((k) => keyWeight(total, k.df));
    // The common words' posting lists are the long ones: once the rarest keys' sentences
    // bound the best score, only the sentences that can pass the floor are read (keyArms:
    // a common word's sentences only where they also hold another of the quote's words).
    const held = minKeysHeld(lookup.length);
    let arms: number[][] | undefined;
    if (lookup.reduce((n, k) => n + k.df, 0) > this.pruneAbove && lookup.length > 2) {
      let best = 0;
      for (const probe of PROBES) if (best === 0) best = (await this.archive.query(bestSql(held, probe), [all, weights])).rows[0].best;
      arms = keyArms(weights, best);
    }
    const hits = await this.archive.query({ text: hitsSql(held, arms), values: [all, weights, 1 / SENTENCE_FLOOR], rowMode: 'array' });
    const { windows, reaching } = groupWindows(
      (hits.rows as unknown as number[][]).map((r): SentenceHit => ({ source: r[0], sentence: r[1], mask: r[2], score: r[3] })),
      weights,
    );
    return this.passages(await this.choose(windows, limit), all.filter((_, k) => reaching & (1 << k)));
  }

  /** Notes the archive's totals: a change (another desk imported) is a new generation. */
  private observe(sources: number, sentences: number, writes: number): void {
    if (sources !== this.sources || sentences !== this.sentences || writes !== this.writes) {
      this.sources = sources;
      this.sentences = sentences;
      this.writes = writes;
      this.revision++;
    }
  }

  /** Reads the archive's totals (one short query), so that the generation is current. */
  async refresh(): Promise<void> {
    this.refreshedAt = Date.now();
    const r = await this.archive.query(`SELECT sources::float8 AS sources, sentences::float8 AS sentences, ${await this.writesColumn()} AS writes FROM archive_stats`);
    if (r.rows[0]) this.observe(r.rows[0].sources, r.rows[0].sentences, r.rows[0].writes);
  }

  /** The schema version, per connection epoch; an old one is re-read every few seconds (an import migrates it). */
  private async schemaVersion(): Promise<number> {
    if (this.schema?.epoch !== this.archive.epoch || (this.schema.version < 4 && Date.now() - this.schema.at > 5000)) {
      const r = await this.archive.query('SELECT coalesce(max(version), 0)::int AS v FROM schema_version');
      this.schema = { epoch: this.archive.epoch, version: r.rows[0].v, at: Date.now() };
    }
    return this.schema.version;
  }

  /** archive_stats.writes from schema 4; an archive not yet migrated still serves quotes. */
  private async writesColumn(): Promise<string> {
    return (await this.schemaVersion()) >= 4 ? 'writes::float8' : '0::float8';
  }

  /**
   * Fails (ArchiveUnavailable: the check is marked incomplete) unless every archived article's
   * figures and dates are in: an archive of schema 3, or one whose re-import (the backfill)
   * is not finished, would otherwise call the missing articles' figures unsourced.
   */
  private async factsReady(refresh: boolean): Promise<void> {
    // Another desk's import shows within a second even in a check that asks for facts only.
    if (refresh || this.ready === undefined || Date.now() - this.refreshedAt > 1000) await this.refresh();
    if (this.ready?.generation !== this.generation) {
      const version = await this.schemaVersion();
      let problem: string | undefined;
      if (version < 4) problem = `the archive's schema (version ${version}) predates figures and dates: run "source-check archive import" on it`;
      else if ((await this.archive.query('SELECT EXISTS (SELECT 1 FROM sources WHERE abbreviations IS NULL) AS stale')).rows[0].stale) {
        problem = 'some archived articles were imported before figures and dates were kept: run "source-check archive import" again to fill them';
      }
      this.ready = { generation: this.generation, problem };
    }
    if (this.ready.problem) throw new ArchiveUnavailable(this.ready.problem);
  }

  /** Source facts indexed under any of these keys (factKeys, or pairs of them), in the embedded index's order. */
  async facts(keys: readonly string[]): Promise<SourceFact[]> {
    return (await this.rankedFacts(keys)).map((r) => r.sf);
  }

  /** How many facts each key is on (fact_terms; a schema-4 archive counts up to one past MAX_FACTS_PER_KEY), remembered per generation. */
  async factCounts(keys: readonly string[]): Promise<number[]> {
    await this.factsReady(false);
    if (this.countCache.generation !== this.generation) this.countCache = { generation: this.generation, counts: new Map() };
    const known = this.countCache.counts;
    const missing = [...new Set(keys.filter((k) => !known.has(k)))];
    if (missing.length > 0) {
      const r = await this.archive.query((await this.schemaVersion()) >= 5 ? FACT_KEY_COUNTS_SQL : FACT_KEY_COUNTS_V4_SQL, [missing]);
      if (known.size + missing.length > KEY_CACHE_POSTINGS) known.clear();
      for (const row of r.rows) known.set(row.k, row.n);
    }
    return keys.map((k) => known.get(k) ?? 0);
  }

  /** The same, each with the position of the first key (of the distinct keys, in order) it was found under. */
  async rankedFacts(keys: readonly string[]): Promise<RankedFact[]> {
    const distinct = [...new Set(keys)];
    if (distinct.length === 0) return [];
    await this.factsReady(false);
    if (this.keyCache.generation !== this.generation) this.keyCache = { generation: this.generation, lists: new Map(), postings: 0 };
    const cache = this.keyCache;
    const lists = new Map<string, CachedFact[]>();
    const missing: string[] = [];
    for (const k of distinct) {
      const cached = cache.lists.get(k);
      if (cached) lists.set(k, cached);
      else missing.push(k);
    }
    // Keys (and pairs) too common to say what a fact is about are answered as empty (MAX_FACTS_PER_KEY), as by the embedded index.
    const pairs = missing.filter((k) => pairParts(k));
    let plain = missing.filter((k) => !pairParts(k));
    if (plain.length > 0) {
      const counts = await this.factCounts(plain);
      for (const k of plain.filter((_, i) => counts[i] > MAX_FACTS_PER_KEY)) {
        lists.set(k, []);
        cache.lists.set(k, []);
      }
      plain = plain.filter((_, i) => counts[i] <= MAX_FACTS_PER_KEY);
    }
    const asked = [...plain, ...pairs];
    if (asked.length > 0) {
      const rows: QueryResultRow[] = [];
      for (let i = 0; i < plain.length; i += FACT_KEYS_PER_QUERY) {
        rows.push(...(await this.archive.query(`${FACTS_SQL} LIMIT ${MAX_FACT_ROWS + 1}`, [plain.slice(i, i + FACT_KEYS_PER_QUERY)])).rows);
        // Never a silent cut: a partial list could turn a mismatch into "verified" or "unsourced".
        if (rows.length > MAX_FACT_ROWS) throw new ArchiveUnavailable(`a facts query matched more than ${MAX_FACT_ROWS} facts`);
      }
      for (const pair of pairs) {
        const found = (await this.archive.query(PAIR_FACTS_SQL, [pairParts(pair)])).rows;
        if (found.length <= MAX_FACTS_PER_KEY) for (const row of found) rows.push({ ...row, hit: [pair] });
      }
      const refs = await this.sourceRefs(rows.map((row) => row.source_id));
      for (const k of asked) lists.set(k, []);
      for (const row of rows) {
        const source = refs.get(row.source_id)!;
        const entry: CachedFact = { sf: { source, fact: row.fact as Fact, sentence: row.sentence as string }, id: `${row.source_id}:${row.n}`, n: row.n };
        for (const k of row.hit as string[]) lists.get(k)!.push(entry);
      }
      for (const k of asked) {
        const list = lists.get(k)!;
        list.sort((a, b) => byPath(a.sf.source.id, b.sf.source.id) || a.n - b.n);
        if (cache.postings + list.length > KEY_CACHE_POSTINGS) {
          cache.lists.clear();
          cache.postings = 0;
        }
        if (list.length <= KEY_CACHE_POSTINGS) {
          cache.lists.set(k, list);
          cache.postings += list.length;
        }
      }
    }
    // The embedded index's walk: key by key, each fact at the first key it is found under.
    const seen = new Set<string>();
    const out: RankedFact[] = [];
    distinct.forEach((k, first) => {
      for (const e of lists.get(k)!) {
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        out.push({ sf: e.sf, first });
      }
    });
    return out;
  }

  /** Every source fact, in path order (the embedded index's order), a page of sources per query. */
  async allFacts(): Promise<SourceFact[]> {
    await this.factsReady(true);
    const sources = (await this.archive.query('SELECT id::float8 AS id, path FROM sources')).rows as Array<{ id: number; path: string }>;
    const ids = sources.sort((a, b) => byPath(a.path, b.path)).map((r) => r.id);
    const out: SourceFact[] = [];
    for (let i = 0; i < ids.length; i += ALL_FACTS_PAGE) {
      const page = ids.slice(i, i + ALL_FACTS_PAGE);
      const r = await this.archive.query(
        `SELECT f.source_id::float8 AS source_id, f.fact, f.sentence
         FROM unnest($1::int8[]) WITH ORDINALITY AS p(id, i)
         JOIN facts f ON f.source_id = p.id
         ORDER BY p.i, f.n`,
        [page],
      );
      const refs = await this.sourceRefs(r.rows.map((row) => row.source_id));
      for (const row of r.rows) out.push({ source: refs.get(row.source_id)!, fact: row.fact as Fact, sentence: row.sentence as string });
    }
    return out;
  }

  /** The abbreviations every article spells out, in path order (buildAliases's input); once per generation. */
  async abbreviations(): Promise<AbbreviationForm[]> {
    await this.factsReady(true);
    if (this.aliasCache?.generation !== this.generation) {
      // Schema 6 keeps the distinct forms with how many articles spell each; before it, every article's are read
      // (buildAliases takes them in any order).
      const forms: AbbreviationForm[] =
        (await this.schemaVersion()) >= 6
          ? (await this.archive.query({ text: 'SELECT abbr, words, n FROM abbreviation_forms WHERE n > 0', values: [], rowMode: 'array' })).rows.map(
              (row) => [row[0] as string, row[1] as string[], Number(row[2])] as const,
            )
          : (await this.archive.query('SELECT abbreviations FROM sources WHERE jsonb_array_length(abbreviations) > 0')).rows.flatMap((row) => row.abbreviations);
      this.aliasCache = { generation: this.generation, forms, table: buildAliases(forms) };
    }
    return this.aliasCache.forms;
  }

  /** The archive's alias table (buildAliases over its articles' abbreviations), once per generation. */
  async aliases(): Promise<AliasTable> {
    await this.abbreviations();
    return this.aliasCache!.table;
  }

  /** References (identity, metadata, positions) of these sources, from a bounded cache. */
  private async sourceRefs(ids: readonly number[]): Promise<Map<number, SourceRef>> {
    // The answer is built apart from the cache: a concurrent lookup may clear the cache meanwhile.
    const out = new Map<number, SourceRef>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const ref = this.refs.get(id);
      if (ref) out.set(id, ref);
      else missing.push(id);
    }
    if (missing.length > 0) {
      if (this.refs.size + missing.length > this.refCacheSize) this.refs.clear();
      const r = await this.archive.query('SELECT id::float8 AS id, path, meta, line_starts, text_length FROM sources WHERE id = ANY($1::int8[])', [missing]);
      for (const row of r.rows) {
        const ref = this.refOf(row.path, row.meta, row.line_starts, row.text_length);
        this.refs.set(row.id, ref);
        out.set(row.id, ref);
      }
    }
    return out;
  }

  private refOf(path: string, meta: SourceMeta, starts: number[], length: number): SourceRef {
    return { id: path, uri: archiveUri(path), meta, positionAt: (o: number) => positionIn(starts, length, o) };
  }

  /** The windows to align, exact ties broken by source path as the embedded index breaks them by id. */
  private async choose(windows: Window[], limit: number): Promise<Window[]> {
    const c = contenders(windows, limit);
    if (c.windows.length === 0) return [];
    const ids = [...new Set(c.windows.map((w) => w.source))];
    const paths = await this.archive.query('SELECT id::float8 AS id, path FROM sources WHERE id = ANY($1::int8[])', [ids]);
    const pathOf = new Map<number, string>(paths.rows.map((r) => [r.id, r.path]));
    return rankContenders(c, (s) => pathOf.get(s) ?? '');
  }

  /** The windows' passages; a sentence near one holding any of the `reaching` keys widens it (passageSentences). */
  private async passages(windows: Window[], reaching: string[]): Promise<Passage[]> {
    if (windows.length === 0) return [];
    const near = new Set<string>();
    if (reaching.length > 0) {
      const r = await this.archive.query(REACHING_SQL, [windows.map((w) => w.source), windows.map((w) => w.first - WINDOW_GAP), windows.map((w) => w.last + WINDOW_GAP), reaching]);
      for (const row of r.rows) near.add(`${row.source_id}:${row.n}`);
    }
    // Context sentences either side; the database clamps at the source's ends.
    const spans = windows.map((w) => passageSentences(w, Number.MAX_SAFE_INTEGER, (s) => near.has(`${w.source}:${s}`)));
    const r = await this.archive.query(PASSAGES_SQL, [windows.map((_, i) => i), windows.map((w) => w.source), spans.map((s) => s.first), spans.map((s) => s.last)]);
    const out: Passage[] = new Array(windows.length);
    const refs = new Map<string, SourceRef>();
    for (const row of r.rows) {
      const rows = row.sentences as Array<[number, number, string, string]>;
      let ref = refs.get(row.path);
      if (!ref) {
        const starts: number[] = row.line_starts;
        const length: number = row.text_length;
        ref = { id: row.path, uri: archiveUri(row.path), meta: row.meta, positionAt: (o: number) => positionIn(starts, length, o) };
        refs.set(row.path, ref);
      }
      const sentences: Span[] = rows.map(([start, end]) => ({ start, end }));
      const text = rows.map(([, , gap, body], i) => (i === 0 ? body : gap + body)).join('');
      const start = rows[0][0];
      const end = rows[rows.length - 1][1];
      const passage: Passage = { source: ref, start, text, sentences, score: windows[row.i].score };
      // The source's quotations overlapping the passage, as the embedded index gives them (none kept: absent).
      if (row.quotations) passage.quotations = (row.quotations as Quotation[]).filter((q) => q.end > start && q.start < end);
      out[row.i] = passage;
    }
    return out.filter(Boolean);
  }

  private attributed: { generation: number; sources: AttributedSource[]; people?: Person[] } | undefined;

  /** The archive's people (corpusPeople over every article's attributions), once per generation. */
  async people(): Promise<Person[]> {
    await this.attributedSources();
    return (this.attributed!.people ??= corpusPeople(this.attributed!.sources));
  }

  /** Every article's attributions, in path order (the order a folder's sources are read in); once per generation. */
  async attributedSources(): Promise<AttributedSource[]> {
    if (this.attributed?.generation !== this.generation) {
      const r = await this.archive.query(`SELECT path, speakers FROM sources WHERE speakers IS NOT NULL ORDER BY path COLLATE "C"`);
      this.attributed = { generation: this.generation, sources: r.rows.map((row) => ({ id: row.path, uri: archiveUri(row.path), speakers: row.speakers })) };
    }
    return this.attributed.sources;
  }

  /** An archived article, for the read-only virtual document. */
  async document(path: string): Promise<ArchiveDocument | undefined> {
    const r = await this.archive.query('SELECT path, text, meta FROM sources WHERE path = $1', [path]);
    return r.rows[0] as ArchiveDocument | undefined;
  }
}
