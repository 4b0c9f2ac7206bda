// Benchmarks the PostgreSQL archive beside the embedded index on one corpus:
// import rate, database size (tables, indexes), memory and load time of the embedded
// index, check latency of the 2,000-word draft on both backends (and whether their
// findings are identical), and EXPLAIN ANALYZE of candidate retrieval with the GIN index
// on sentence keys, without it, with a tsvector index and with a pg_trgm index; and the
// figures and dates: facts stored, their table and GIN index, EXPLAIN ANALYZE of the facts
// query for each figure and date of the draft.
//
//   node --import tsx bench/archive.ts bbc            # ../shared/corpus/bbc
//   node --import tsx bench/archive.ts gen-100000     # bench/.corpora (bench/generate.ts)
//   add --no-alternatives to skip the tsvector and pg_trgm experiments (slow at 100k)
//   --no-check skips the 2,000-word draft's timed checks; --runs=N times N checks (default 6, the first a warm-up)
//   --no-reindex stops before rebuilding the GIN index (minutes at 1M)
//   --archive-only skips the embedded index (its load takes minutes at 100k on a busy machine)
//   --keep leaves the cluster running and prints its database URL; --url=URL uses that
//   database instead of a new cluster (the import then finds every article unchanged);
//   --no-import measures that database as it is (imported before, e.g. with `source-check archive import`)
//
// Runs a throwaway cluster (test/support/pgCluster.ts) with fsync off: import rates are
// for bulk loading, not for a durable server. Prints markdown for BENCHMARKS.md.

import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Archive } from '../server/src/archive/connection';
import { ARCHIVE_GLOBS, importFolders } from '../server/src/archive/importer';
import { bestSql, FACT_KEY_COUNTS_SQL, FACTS_SQL, hitsSql, PgStore, PROBES } from '../server/src/archive/pgStore';
import { draftProse } from '../server/src/core/check/draft';
import { extractFacts } from '../server/src/core/facts/extract';
import { MAX_FACTS_PER_KEY, queryKeys as factQueryKeys } from '../server/src/core/facts/keys';
import { splitSentences } from '../server/src/core/text/sentences';
import { checkDraft } from '../server/src/core/check/draft';
import { keyArms, keyWeight, lookupKeys, minKeysHeld, queryKeys, SENTENCE_FLOOR } from '../server/src/core/match/ranking';
import { tokenize } from '../server/src/core/text/tokens';
import { FolderSources } from '../server/src/node/folderSources';
import { startCluster } from '../test/support/pgCluster';
import { canonical } from '../test/support/archive';
import { corpusDir } from './corpora';
import { corporaRoot, generateCorpus, loadNamedCorpus } from './generate';
import { type Draft, DRAFT_2K, makeDraft } from './drafts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

function folderOf(name: string): string | undefined {
  if (name === 'bbc') return existsSync(path.join(corpusDir(), 'bbc')) ? path.join(corpusDir(), 'bbc') : undefined;
  const n = /^gen-(\d+)$/.exec(name);
  if (n) return generateCorpus({ n: Number(n[1]) })?.dir ?? undefined;
  return undefined;
}

/** The corpus's 2,000-word draft; a generated corpus keeps it beside its articles (at 1M making it takes minutes). */
function draftFor(name: string): Draft | undefined {
  const file = name.startsWith('gen-') ? path.join(corporaRoot, name, 'draft-2k.json') : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Draft;
  const articles = loadNamedCorpus(name);
  if (!articles) return undefined;
  const draft = makeDraft(articles, DRAFT_2K);
  if (file) writeFileSync(file, JSON.stringify(draft));
  return draft;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const alternatives = !args.includes('--no-alternatives');
  const name = args.find((a) => !a.startsWith('--')) ?? 'bbc';
  const folder = folderOf(name);
  if (!folder) {
    console.log(`[bench] corpus ${name} is absent; nothing measured`);
    return;
  }
  const given = args.find((a) => a.startsWith('--url='))?.slice('--url='.length);
  const keep = args.includes('--keep');
  const cluster = given ? { url: given, stop: () => undefined, database: async () => given } : await startCluster({ keep });
  if ('skip' in cluster) {
    console.log(`[bench] ${cluster.skip}`);
    return;
  }
  const url = given ?? (await cluster.database('bench'));
  if (keep) console.log(`[bench] kept: --url=${url}`);
  const archive = new Archive({ url, statementTimeoutMs: 600_000, connectTimeoutMs: 10_000 });
  try {
    console.log(`## ${name} (${folder.startsWith(corporaRoot) ? path.relative(corporaRoot, folder) : folder})\n`);
    // Import.
    let t = performance.now();
    const reuse = given !== undefined && args.includes('--no-import');
    const imported = reuse ? undefined : await importFolders(archive, [folder], { batchSize: 500 });
    const importMs = performance.now() - t;
    await archive.query('VACUUM ANALYZE');
    const counts = (await archive.query('SELECT sources::float8 AS sources, sentences::float8 AS sentences, (SELECT count(*) FROM facts)::float8 AS facts FROM archive_stats')).rows[0];
    if (imported) {
      console.log(`- import: ${imported.added} articles, ${counts.sentences} sentences, ${counts.facts} figures and dates in ${(importMs / 1000).toFixed(1)} s: ${(imported.added / (importMs / 1000)).toFixed(0)} articles/s`);
      t = performance.now();
      const again = await importFolders(archive, [folder], { batchSize: 500 });
      console.log(`- re-import, nothing changed: ${again.unchanged} unchanged in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else console.log(`- imported before: ${counts.sources} articles, ${counts.sentences} sentences, ${counts.facts} figures and dates`);
    const sizes = await archive.query(
      `SELECT pg_database_size(current_database())::float8 AS db,
              pg_total_relation_size('sources')::float8 AS sources,
              pg_relation_size('sentences')::float8 AS sentences_heap,
              (pg_total_relation_size('sentences') - pg_relation_size('sentences') - pg_relation_size('sentences_keys'))::float8 AS sentences_other,
              pg_relation_size('sentences_keys')::float8 AS gin,
              pg_total_relation_size('terms')::float8 AS terms,
              pg_table_size('facts')::float8 AS facts,
              pg_relation_size('facts_keys')::float8 AS facts_gin,
              pg_relation_size('facts_pkey')::float8 AS facts_pkey,
              pg_total_relation_size('fact_terms')::float8 AS fact_terms,
              pg_total_relation_size('abbreviation_forms')::float8 AS forms`,
    );
    const s = sizes.rows[0];
    console.log(
      `- database: ${mb(s.db)} (sources with text and TOAST ${mb(s.sources)}; sentences ${mb(s.sentences_heap)} + primary key/TOAST ${mb(s.sentences_other)}; GIN on keys ${mb(s.gin)}; terms ${mb(s.terms)}; facts ${mb(s.facts)} + GIN on fact keys ${mb(s.facts_gin)} + primary key ${mb(s.facts_pkey)}; fact_terms ${mb(s.fact_terms)}; abbreviation_forms ${mb(s.forms)})`,
    );

    // The embedded index over the same folder, with the same ids.
    let embedded: FolderSources['index'] | undefined;
    if (!args.includes('--archive-only')) {
      global.gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      t = performance.now();
      const local = new FolderSources(folder, { globs: ARCHIVE_GLOBS });
      await local.loadAll();
      const loadMs = performance.now() - t;
      global.gc?.();
      console.log(`- embedded index: loaded in ${(loadMs / 1000).toFixed(1)} s, heap +${mb(process.memoryUsage().heapUsed - heap0)}${global.gc ? '' : ' (run with --expose-gc for a cleaner figure)'}`);
      embedded = local.index;
    }

    // Check latency: the 2,000-word draft, no verdict cache, both backends.
    const draft = draftFor(name);
    if (!draft) return;
    const store = new PgStore(archive);
    const times = { memory: [] as number[], archive: [] as number[] };
    let same = true;
    const first = { memory: 0, archive: 0 };
    const runs = args.includes('--no-check') ? 0 : Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 6);
    for (let run = 0; run < runs; run++) {
      t = performance.now();
      const a = embedded && (await checkDraft({ text: draft.text, format: 'markdown' }, embedded));
      const tm = performance.now() - t;
      t = performance.now();
      const b = await checkDraft({ text: draft.text, format: 'markdown' }, store);
      const ta = performance.now() - t;
      if (run > 0) {
        times.memory.push(tm);
        times.archive.push(ta);
      }
      if (run === 0) {
        same = !!a && canonical(a) === canonical(b);
        first.memory = tm;
        first.archive = ta;
      }
    }
    const prose = draftProse({ text: draft.text, format: 'markdown' });
    const draftFacts = extractFacts(prose, splitSentences(prose));
    const claimed = (r: Awaited<ReturnType<typeof checkDraft>>) => r.claims.filter((c) => c.kind !== 'quote').map((c) => c.verdict);
    const verdictCounts = (vs: string[]) => Object.entries(vs.reduce<Record<string, number>>((m, v) => ((m[v] = (m[v] ?? 0) + 1), m), {})).map(([v, n]) => `${n} ${v}`).join(', ');
    if (!args.includes('--no-check')) {
      const last = await checkDraft({ text: draft.text, format: 'markdown' }, embedded ?? store);
      console.log(`- the draft's figures and dates (outside quotes): ${verdictCounts(claimed(last)) || 'none'} (${draftFacts.length} extracted)`);
      console.log(
        `- 2,000-word draft (${draft.words} words, ${draft.quotes.length} quotes, figures and dates), median of ${runs - 1} after a warm-up: embedded ${embedded ? ms(median(times.memory)) : 'not run'}, archive ${ms(median(times.archive))} (max ${ms(Math.max(...times.archive))}); first run (cold caches): embedded ${embedded ? ms(first.memory) : 'not run'}, archive ${ms(first.archive)}; findings identical: ${embedded ? (same ? 'yes' : 'NO') : 'not compared'}`,
      );
    }

    // The facts query, per figure and date of the draft, under EXPLAIN ANALYZE (as the store runs it).
    {
      const aliases = await store.aliases();
      const client = await archive.client();
      const exec: number[] = [];
      const rows: number[] = [];
      let plan = '';
      let droppedKeys = 0;
      let offeredKeys = 0;
      try {
        // --facts-sample=N: the first N only (at 100k a lookup by a common key reads hundreds of thousands of facts).
        const sample = Number(args.find((a) => a.startsWith('--facts-sample='))?.split('=')[1] ?? Infinity);
        for (const f of draftFacts.slice(0, sample)) {
          // As the store runs it: count each key's facts (bounded), drop the keys too common to be evidence, fetch the rest.
          const keys = [...new Set(factQueryKeys(f, aliases))];
          const c = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${FACT_KEY_COUNTS_SQL}`, [keys]);
          const kept = (await client.query(FACT_KEY_COUNTS_SQL, [keys])).rows.filter((row) => row.n <= MAX_FACTS_PER_KEY).map((row) => row.k);
          droppedKeys += keys.length - kept.length;
          offeredKeys += keys.length;
          const r = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${FACTS_SQL}`, [kept]);
          const j = r.rows[0]['QUERY PLAN'][0];
          exec.push(c.rows[0]['QUERY PLAN'][0]['Execution Time'] + j['Execution Time']);
          rows.push(j.Plan['Actual Rows']);
          plan ||= describePlan(j.Plan);
        }
      } finally {
        client.release();
      }
      if (exec.length > 0) {
        console.log(
          `- facts lookup (${exec.length} figures and dates of the draft; key counts + facts query, as the store runs them; ${droppedKeys} of ${offeredKeys} keys over ${MAX_FACTS_PER_KEY} facts dropped): median ${ms(median(exec))}, p95 ${ms(p95(exec))}, max ${ms(Math.max(...exec))}; facts returned median ${median(rows)}, max ${Math.max(...rows)}; plan: ${plan}`,
        );
      }
      if (counts.facts <= 200_000) {
        t = performance.now();
        const all = await store.allFacts();
        console.log(`- allFacts (for the disagreements list): ${all.length} facts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      } else console.log(`- allFacts not run: ${counts.facts} facts would all be held in this process`);
    }

    // Candidate retrieval, per quote of the draft, under EXPLAIN ANALYZE.
    const total = counts.sentences;
    const quotes = draft.quotes.map((q) => {
      const keys = queryKeys(tokenize(q.text).map((x) => x.norm));
      return { text: q.text, keys };
    });
    const df = new Map<string, number>(
      (await archive.query('SELECT key, df::float8 AS df FROM terms WHERE key = ANY($1::text[])', [[...new Set(quotes.flatMap((q) => q.keys))]])).rows.map((r) => [r.key, r.df]),
    );
    type Quote = (typeof quotes)[number];
    const explain = async (sqlOf: (q: Quote) => string, params: (q: Quote) => unknown[], setup: string[] = []) => {
      const client = await archive.client();
      const exec: number[] = [];
      let plan = '';
      try {
        for (const sq of setup) await client.query(sq);
        for (const q of quotes) {
          const r = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sqlOf(q)}`, params(q));
          const j = r.rows[0]['QUERY PLAN'][0];
          exec.push(j['Execution Time']);
          plan ||= describePlan(j.Plan);
        }
        for (const sq of setup) if (/^SET /i.test(sq)) await client.query(sq.replace(/^SET (\w+) .*/i, 'RESET $1'));
      } finally {
        client.release();
      }
      return `median ${ms(median(exec))}, p95 ${ms(p95(exec))}, max ${ms(Math.max(...exec))}; plan: ${plan}`;
    };
    const hitParams = (q: Quote) => {
      const l = lookupKeys(q.keys, (k) => df.get(k), total);
      return [l.map((k) => k.key), l.map((k) => keyWeight(total, k.df)), 1 / SENTENCE_FLOOR];
    };
    // Every looked-up key read on its own: the query the store runs without a probe, and the base of the alternatives below.
    const heldOf = (q: Quote) => minKeysHeld((hitParams(q)[0] as string[]).length);
    const everyKey = (q: Quote) => hitsSql(heldOf(q));
    // Past 5M sentences (1M articles) the variants that read every posting, or the whole table, take minutes a quote: only the store's way is measured.
    const huge = total > 5_000_000;
    if (!huge) console.log(`- retrieval (the archive's hits query, ${quotes.length} quotes), GIN on text[] keys, every key scanned: ${await explain(everyKey, hitParams)}`);
    // As the store runs it: probes of the rarest keys bound the best score, then only the sentences that can pass the floor are read.
    const pruned = [] as number[];
    let pairs = 0;
    let singles = 0;
    let offered = 0;
    for (const q of quotes) {
      const [keys, weights, floor] = hitParams(q) as [string[], number[], number];
      if (keys.length === 0) continue;
      let spent = 0;
      let best = 0;
      for (const probe of keys.length > 2 ? PROBES : []) {
        if (best > 0) break;
        spent += (await archive.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${bestSql(heldOf(q), probe)}`, [keys, weights])).rows[0]['QUERY PLAN'][0]['Execution Time'];
        best = (await archive.query(bestSql(heldOf(q), probe), [keys, weights])).rows[0].best;
      }
      const arms = keyArms(weights, best);
      singles += arms.filter((a) => a.length === 1).length;
      pairs += arms.length - arms.filter((a) => a.length === 1).length;
      offered += keys.length;
      const hits = await archive.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${hitsSql(heldOf(q), arms)}`, [keys, weights, floor]);
      pruned.push(spent + hits.rows[0]['QUERY PLAN'][0]['Execution Time']);
    }
    console.log(`- same, as the store runs it (probes of the rarest keys, then the sentences that can pass the floor: ${singles} of ${offered} keys read alone, ${pairs} pairs read together): median ${ms(median(pruned))}, p95 ${ms(p95(pruned))}, max ${ms(Math.max(...pruned))} (probes + hits)`);
    if (!huge) console.log(`- same query, no index (sequential scan): ${await explain(everyKey, hitParams, ['SET enable_bitmapscan = off', 'SET enable_indexscan = off'])}`);
    // The GIN index grew batch by batch during the import; rebuilt in one pass it is denser.
    if (args.includes('--no-reindex')) return;
    t = performance.now();
    await archive.query('REINDEX INDEX sentences_keys');
    const reindexMs = performance.now() - t;
    const rebuilt = (await archive.query(`SELECT pg_relation_size('sentences_keys')::float8 AS b`)).rows[0].b;
    console.log(`- GIN on keys rebuilt after the import (REINDEX, ${(reindexMs / 1000).toFixed(1)} s, index ${mb(rebuilt)}): ${await explain(everyKey, hitParams)}`);
    if (!alternatives) return;

    // The same GIN index on a narrow table of (source, sentence, keys): the bitmap heap scan reads fewer pages.
    t = performance.now();
    await archive.query('CREATE TABLE sentence_keys AS SELECT source_id, n, keys FROM sentences');
    await archive.query('CREATE INDEX sentence_keys_gin ON sentence_keys USING gin (keys)');
    await archive.query('VACUUM ANALYZE sentence_keys');
    const narrowBuild = performance.now() - t;
    const narrowSize = (await archive.query(`SELECT pg_relation_size('sentence_keys')::float8 AS heap, pg_relation_size('sentence_keys_gin')::float8 AS idx`)).rows[0];
    const narrow = (sql: string) => sql.replace('FROM sentences s', 'FROM sentence_keys s');
    const narrowBest = (q: Quote) => narrow(bestSql(heldOf(q), [[0], [1]]));
    console.log(`- narrow table (source, sentence, keys) + GIN (built in ${(narrowBuild / 1000).toFixed(1)} s, table ${mb(narrowSize.heap)} + index ${mb(narrowSize.idx)}), every key scanned: ${await explain((q) => narrow(everyKey(q)), hitParams)}`);
    const narrowPruned = [] as number[];
    for (const q of quotes) {
      const [keys, weights, floor] = hitParams(q) as [string[], number[], number];
      if (keys.length === 0) continue;
      const probe = await archive.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${narrowBest(q)}`, [keys, weights]);
      const best = (await archive.query(narrowBest(q), [keys, weights])).rows[0].best;
      const hits = await archive.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${narrow(hitsSql(heldOf(q), keyArms(weights, best)))}`, [keys, weights, floor]);
      narrowPruned.push(probe.rows[0]['QUERY PLAN'][0]['Execution Time'] + hits.rows[0]['QUERY PLAN'][0]['Execution Time']);
    }
    console.log(`- narrow table, with the probe: median ${ms(median(narrowPruned))}, p95 ${ms(p95(narrowPruned))}, max ${ms(Math.max(...narrowPruned))}`);
    await archive.query('DROP TABLE sentence_keys');

    // A btree inverted index: one (key, source, sentence) row per posting, read index-only.
    t = performance.now();
    await archive.query('CREATE TABLE postings AS SELECT k AS key, source_id, n FROM sentences, unnest(keys) AS k');
    await archive.query('CREATE INDEX postings_key ON postings (key) INCLUDE (source_id, n)');
    await archive.query('VACUUM ANALYZE postings');
    const postBuild = performance.now() - t;
    const postSize = (await archive.query(`SELECT pg_relation_size('postings')::float8 AS heap, pg_relation_size('postings_key')::float8 AS idx`)).rows[0];
    const postings = (q: Quote) => {
      const sql = everyKey(q).replace(
        /FROM sentences s[\s\S]*?WHERE s\.keys && \$1::text\[\]/,
        'FROM unnest($1::text[], $2::int8[]) WITH ORDINALITY AS w(key, weight, i) JOIN postings s ON s.key = w.key',
      );
      if (sql === everyKey(q)) throw new Error('the postings variant of the hits query was not built');
      return sql;
    };
    console.log(`- postings table + btree (key) INCLUDE (source, sentence) (built in ${(postBuild / 1000).toFixed(1)} s, table ${mb(postSize.heap)} + index ${mb(postSize.idx)}): ${await explain(postings, hitParams)}`);
    await archive.query('DROP TABLE postings');

    // tsvector: the same keys as lexemes, a full-text GIN index, @@ an OR query.
    t = performance.now();
    await archive.query('ALTER TABLE sentences ADD COLUMN tsv tsvector');
    await archive.query('UPDATE sentences SET tsv = array_to_tsvector(keys)');
    await archive.query('CREATE INDEX sentences_tsv ON sentences USING gin (tsv)');
    await archive.query('VACUUM ANALYZE sentences');
    const tsvBuild = performance.now() - t;
    const tsvSize = (await archive.query(`SELECT pg_relation_size('sentences_tsv')::float8 AS b`)).rows[0].b;
    const tsv = (q: Quote) => everyKey(q).replace('WHERE s.keys && $1::text[]', `WHERE s.tsv @@ (SELECT string_agg('''' || replace(replace(k, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery FROM unnest($1::text[]) k)`);
    console.log(`- tsvector + GIN (built in ${(tsvBuild / 1000).toFixed(1)} s, index ${mb(tsvSize)}): ${await explain(tsv, hitParams)}`);
    await archive.query('DROP INDEX sentences_tsv');
    await archive.query('ALTER TABLE sentences DROP COLUMN tsv');

    // pg_trgm: trigram similarity of the quote's text with each sentence's prose.
    t = performance.now();
    await archive.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await archive.query('CREATE INDEX sentences_trgm ON sentences USING gin (body gin_trgm_ops)');
    const trgmBuild = performance.now() - t;
    const trgmSize = (await archive.query(`SELECT pg_relation_size('sentences_trgm')::float8 AS b`)).rows[0].b;
    const TRGM_SQL = `SELECT source_id, n, word_similarity($1, body) AS sim FROM sentences WHERE $1 <% body ORDER BY sim DESC LIMIT 12`;
    console.log(`- pg_trgm GIN on sentence prose (built in ${(trgmBuild / 1000).toFixed(1)} s, index ${mb(trgmSize)}), \`quote <% body\`: ${await explain(() => TRGM_SQL, (q) => [q.text])}`);
    // Does the trigram shortlist hold the article the quote came from? (The key index always does, when the engine verifies it.)
    let found = 0;
    let asked = 0;
    for (const q of draft.quotes.filter((q) => q.expected !== 'unsourced')) {
      asked++;
      const r = await archive.query(`SELECT src.path FROM (${TRGM_SQL}) t JOIN sources src ON src.id = t.source_id`, [q.text]);
      if (r.rows.some((row) => row.path === q.sourceId)) found++;
    }
    console.log(`- pg_trgm shortlist (12 sentences) holds the quote's source article for ${found} of ${asked} sourced quotes`);
  } finally {
    await archive.close();
    if (!keep) cluster.stop();
  }
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** The plan's node types, outermost first, with index names: enough to see which index ran. */
function describePlan(p: PlanNode): string {
  const out: string[] = [];
  const walk = (n: PlanNode) => {
    out.push(n['Index Name'] ? `${n['Node Type']} (${n['Index Name']})` : n['Node Type']);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(p);
  return out.join(' > ');
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
