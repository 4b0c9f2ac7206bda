// The archive's schema, as numbered migrations applied in order inside one transaction
// each; `schema_version` records which ran. Offsets are UTF-16 code units of the
// original text, as everywhere in Source Check, so an archive hit maps to the same
// line and column as the same file read from disk.
//
//   sources        one row per article: its identity (path relative to the imported
//                  folder), content hash (idempotent re-import), original text (the
//                  read-only virtual document), metadata, line starts (positions
//                  without reading the text), sentence count.
//   sentences      one row per sentence: offsets, the prose of the sentence and of the
//                  gap before it (a passage is rebuilt exactly from these), and the
//                  distinct index keys (transliteration skeletons) of its content words,
//                  under a GIN index: the inverted index that proposes candidates.
//   terms          document frequency (sentences holding it) of every key, and
//   archive_stats  the sentence and source totals: the ranking's weights, kept exact
//                  by the importer in the same transaction as the rows they count.
//   facts          (version 4) one row per figure or date of an article: its place in
//                  SourceDoc.facts, the Fact itself (json, the shape the embedded index
//                  keeps), the prose of its sentence (copied: a lookup reads no other
//                  table) and the keys it is indexed under (factKeys, GIN).
//   sources.speakers  (version 3) the source's quotations with their speakers and the
//                  people it names (core/speakers), as the embedded index keeps them.
//   sources.abbreviations  (version 4) the abbreviations it spells out, for the alias
//                  table; NULL marks an article imported before version 4, whose facts were
//                  never extracted: the next import re-analyses it (a backfill).
//   archive_stats.writes  (version 4) bumped by every import batch, so a store sees a
//                  replaced article even when the totals stay the same.
//   fact_terms     (version 5) how many facts each fact key is on, kept exact by the importer
//                  like terms: a lookup drops keys on over MAX_FACTS_PER_KEY facts, and
//                  counting them in the GIN index read each key's whole posting list.
//   abbreviation_forms  (version 6) each distinct (abbreviation, long form) of the articles,
//                  with how many times they spell it out: the alias table reads this small
//                  table instead of every article's abbreviations (25 s at 1M articles).

import type { PoolClient } from 'pg';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'sources, sentences with index keys, term frequencies',
    sql: `
      CREATE TABLE sources (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        path text NOT NULL UNIQUE,
        content_hash text NOT NULL,
        text text NOT NULL,
        text_length integer NOT NULL,
        line_starts integer[] NOT NULL,
        meta jsonb NOT NULL,
        published date,
        sentence_count integer NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sources_published ON sources (published);
      CREATE TABLE sentences (
        source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        n integer NOT NULL,
        start_offset integer NOT NULL,
        end_offset integer NOT NULL,
        gap text NOT NULL,
        body text NOT NULL,
        keys text[] NOT NULL,
        PRIMARY KEY (source_id, n)
      );
      CREATE INDEX sentences_keys ON sentences USING gin (keys);
      CREATE TABLE terms (
        key text PRIMARY KEY,
        df bigint NOT NULL
      );
      CREATE TABLE archive_stats (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        sources bigint NOT NULL,
        sentences bigint NOT NULL
      );
      INSERT INTO archive_stats VALUES (true, 0, 0);
    `,
  },
  {
    version: 2,
    description: 'figures and dates with their context',
    sql: `
      CREATE TABLE facts (
        source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('figure', 'date')),
        value text NOT NULL,
        start_offset integer NOT NULL,
        end_offset integer NOT NULL,
        context text[] NOT NULL
      );
      CREATE INDEX facts_value ON facts (kind, value);
      CREATE INDEX facts_context ON facts USING gin (context);
      CREATE INDEX facts_source ON facts (source_id);
    `,
  },
  {
    version: 3,
    description: 'quotations with their speakers, and the people each source names',
    // NULL for articles imported before: the next import re-analyses them.
    sql: `ALTER TABLE sources ADD COLUMN speakers jsonb;`,
  },
  {
    version: 4,
    description: 'figures and dates as the core extracts them, indexed by their keys; abbreviations per source',
    // Version 2's facts table was never filled: replaced by one that holds the core's Fact
    // exactly. Articles imported before have abbreviations NULL: the next import re-analyses
    // them and fills their facts (see README, "Shared archive").
    sql: `
      DROP TABLE facts;
      CREATE TABLE facts (
        source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        n integer NOT NULL,
        fact json NOT NULL,
        sentence text NOT NULL,
        keys text[] NOT NULL,
        PRIMARY KEY (source_id, n)
      );
      CREATE INDEX facts_keys ON facts USING gin (keys);
      ALTER TABLE sources ADD COLUMN abbreviations jsonb;
      CREATE INDEX sources_unanalysed ON sources (id) WHERE abbreviations IS NULL;
      ALTER TABLE archive_stats ADD COLUMN writes bigint NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 5,
    description: 'the number of facts on each fact key',
    sql: `
      CREATE TABLE fact_terms (
        key text PRIMARY KEY,
        n bigint NOT NULL
      );
      INSERT INTO fact_terms SELECT k, count(*) FROM facts, unnest(keys) AS k GROUP BY k;
    `,
  },
  {
    version: 6,
    description: 'the distinct abbreviations of the articles, counted',
    sql: `
      CREATE TABLE abbreviation_forms (
        abbr text NOT NULL,
        words text[] NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (abbr, words)
      );
      INSERT INTO abbreviation_forms
        SELECT a->>0, ARRAY(SELECT w FROM jsonb_array_elements_text(a->1) WITH ORDINALITY AS e(w, i) ORDER BY i), count(*)
        FROM sources, jsonb_array_elements(abbreviations) AS a GROUP BY 1, 2;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The schema version of the database (0 when empty). */
export async function schemaVersion(client: Pick<PoolClient, 'query'>): Promise<number> {
  const exists = await client.query(`SELECT to_regclass('schema_version') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return 0;
  const r = await client.query('SELECT coalesce(max(version), 0) AS v FROM schema_version');
  return Number(r.rows[0].v);
}

/** Applies the migrations the database lacks; returns the versions applied. */
export async function migrate(client: PoolClient): Promise<number[]> {
  const applied: number[] = [];
  // One migrator at a time: a second importer waits here rather than racing.
  await client.query('SELECT pg_advisory_lock(804211)');
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const current = await schemaVersion(client);
    if (current > SCHEMA_VERSION) throw new Error(`the archive's schema (version ${current}) is newer than this Source Check's (${SCHEMA_VERSION}); update Source Check`);
    for (const m of MIGRATIONS.filter((m) => m.version > current)) {
      await client.query('BEGIN');
      try {
        // A migration rewrites whole tables (minutes on a large archive): no statement timeout
        // on the server, a day on the client's wait (node-postgres takes 0 as "the pool's").
        await client.query('SET LOCAL statement_timeout = 0');
        await client.query({ text: m.sql, query_timeout: 24 * 3600 * 1000 } as { text: string }); // (the typings lack query_timeout)
        await client.query('INSERT INTO schema_version (version, description) VALUES ($1, $2)', [m.version, m.description]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.description}) failed: ${(e as Error).message}`);
      }
      applied.push(m.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(804211)');
  }
  return applied;
}
