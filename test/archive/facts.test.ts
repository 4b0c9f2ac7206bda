// Figures and dates on the PostgreSQL archive against the embedded index: the same drafts
// give the same figure and date findings (verdicts, ranges, messages, related source
// locations, fixes) on both; the store's facts, alias table and the corpus's disagreements
// are the same; an archive imported before schema 4 is migrated and backfilled; and when
// the archive is down, or its facts query fails, nothing is called unsourced or verified on
// partial data. Runs on a throwaway cluster (test/support/pgCluster.ts); skipped, with the
// reason, where PostgreSQL or the BBC corpus is absent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { Archive } from '../../server/src/archive/connection';
import { importFolders } from '../../server/src/archive/importer';
import { PgStore } from '../../server/src/archive/pgStore';
import { checkWithArchive } from '../../server/src/archive/check';
import { SCHEMA_VERSION } from '../../server/src/archive/schema';
import { checkDraft } from '../../server/src/core/check/draft';
import type { CheckResult, DateClaim, FigureClaim } from '../../server/src/core/check/findings';
import { findDisagreements } from '../../server/src/core/check/disagreements';
import type { SourceFact } from '../../server/src/core/match/store';
import type { SourceDoc } from '../../server/src/core/source/source';
import { alter, crowdedArticle, placeName } from '../support/factCorpus';
import { HARVEST_DRAFTS, harvestCorpus } from '../support/commonFacts';
import { factKeys, MAX_FACTS_PER_KEY } from '../../server/src/core/facts/keys';
import { REPO } from '../support/seeds';
import { canonical, corpusPath, countsDrift, localLikeImport, useArchiveCluster } from '../support/archive';
import { strided } from '../support/corpusDrafts';

const SEEDS = path.join(REPO, 'seeds');
const FACT_FIXTURES = path.join(REPO, 'test', 'fixtures', 'facts');
const FACT_DRAFTS = readdirSync(FACT_FIXTURES)
  .filter((f) => f.endsWith('.md'))
  .map((f) => readFileSync(path.join(FACT_FIXTURES, f), 'utf8'));
const FACT_CODES = new Set(['figure-mismatch', 'date-mismatch', 'unsourced-figure', 'unsourced-date', 'sources-disagree']);

const pg = useArchiveCluster();
const freshArchive = pg.fresh;

const factClaims = (r: CheckResult) => r.claims.filter((c): c is FigureClaim | DateClaim => c.kind !== 'quote');

/** Figure and date claims and their findings only, canonical (for stores whose quote candidates differ). */
function canonicalFacts(r: CheckResult): string {
  const claims = factClaims(r);
  return canonical({ claims, findings: r.findings.filter((f) => claims.some((c) => c.start === f.start && c.end === f.end)) });
}

/** A source fact as comparable data: its source, the Fact, its sentence, its position (fields in name order: a packed fact is rebuilt in another order). */
function factRow(sf: SourceFact): string {
  return JSON.stringify([sf.source.id, sf.fact, sf.sentence, sf.source.positionAt(sf.fact.start)], (_, value) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value,
  );
}

test('the fact fixtures give identical figure and date findings on the archive and on the embedded index', async (t) => {
  const archive = await freshArchive(t, 'facts_fixtures');
  if (!archive) return;
  await importFolders(archive, [SEEDS]);
  const local = await localLikeImport(SEEDS);
  const store = new PgStore(archive);
  const verdicts = new Set<string>();
  let findings = 0;
  for (const text of FACT_DRAFTS) {
    const embedded = await checkDraft({ text, format: 'markdown' }, local.index);
    const archived = await checkDraft({ text, format: 'markdown' }, store);
    assert.equal(canonical(archived), canonical(embedded));
    // Through the combined store of the editor (no local sources), too.
    const combined = await checkWithArchive({ text, format: 'markdown' }, new (local.index.constructor as new () => typeof local.index)(), store);
    assert.equal(combined.unsearched, 0);
    assert.equal(canonical(combined.result), canonical(embedded));
    // A fact's keys are looked up concurrently: with a cache of one source reference, each lookup clears the others'.
    assert.equal(canonical(await checkDraft({ text, format: 'markdown' }, new PgStore(archive, { refCacheSize: 1 }))), canonical(embedded));
    for (const c of factClaims(archived)) {
      verdicts.add(c.quiet ? 'quiet' : c.verdict);
      if (c.best) assert.match(c.best.location.source.uri, /^source-check-archive:\/\d{3}_[0-9a-f]+\.txt$/);
    }
    findings += archived.findings.filter((f) => FACT_CODES.has(f.code)).length;
  }
  for (const v of ['verified', 'rounded', 'mismatch', 'disputed', 'unsourced', 'quiet']) assert.ok(verdicts.has(v), `no ${v} figure or date in the fixtures`);
  assert.ok(findings > 10, 'the fixtures should produce figure and date findings to compare');
});

test("the archive's facts, all facts, alias table and disagreements are the embedded index's", async (t) => {
  const archive = await freshArchive(t, 'facts_store');
  if (!archive) return;
  await importFolders(archive, [SEEDS]);
  const local = await localLikeImport(SEEDS);
  const store = new PgStore(archive);
  const all = await local.index.allFacts();
  assert.ok(all.length > 20);
  assert.deepEqual((await store.allFacts()).map(factRow), all.map(factRow));
  assert.deepEqual([...(await store.aliases())], [...(await local.index.aliases())]);
  assert.ok((await store.aliases()).size > 0, 'the seeds spell out abbreviations (DPR, LPR)');
  // Any keys, in any order: the same facts in the same order.
  const { factKeys } = await import('../../server/src/core/facts/keys');
  const keys = [...new Set(all.flatMap((sf) => factKeys(sf.fact)))];
  for (let i = 0; i < keys.length; i += 7) {
    const probe = [keys[(i * 13) % keys.length], keys[i], keys[(i + 3) % keys.length], 'w:no-such-word'];
    assert.deepEqual((await store.facts(probe)).map(factRow), (await local.index.facts(probe)).map(factRow));
  }
  const disagreements = (s: Parameters<typeof findDisagreements>[0]) => findDisagreements(s).then((ds) => canonical({ claims: [], findings: ds as never }));
  assert.equal(await disagreements(store), await disagreements(local.index));
});

test('a key held by more than MAX_FACTS_PER_KEY facts answers nothing on either store, and rarer keys the same facts', async (t) => {
  const archive = await freshArchive(t, 'facts_crowded');
  if (!archive) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'source-check-crowded-'));
  try {
    for (let i = 0; i < 101; i++) writeFileSync(path.join(dir, `s${String(i).padStart(3, '0')}.txt`), crowdedArticle(i));
    await importFolders(archive, [dir]);
    const local = await localLikeImport(dir);
    const store = new PgStore(archive);
    const held = new Map<string, number>();
    for (const sf of await local.index.allFacts()) for (const k of factKeys(sf.fact)) held.set(k, (held.get(k) ?? 0) + 1);
    const common = [...held].filter(([, n]) => n > MAX_FACTS_PER_KEY).map(([k]) => k);
    assert.ok(common.length > 0);
    assert.deepEqual(await store.facts(common), []);
    assert.deepEqual(await local.index.facts(common), []);
    const draft = `The harbour master of Port ${placeName(2017)} said 3017 ferries docked there, and Port ${placeName(55)} said 1056 ferries docked there.`;
    const onArchive = await checkDraft({ text: draft, format: 'text' }, store);
    assert.equal(canonicalFacts(onArchive), canonicalFacts(await checkDraft({ text: draft, format: 'text' }, local.index)));
    // The second port's 1056 is not called a mismatch of its 1055: every word of the clause ("ferries", "docked")
    // is on thousands of this corpus's facts, and a common measure is no evidence of which fact is meant.
    assert.deepEqual(factClaims(onArchive).map((c) => c.verdict), ['verified', 'unsourced']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a figure found only through a pair of common keys gets the same verdict on both stores', async (t) => {
  const archive = await freshArchive(t, 'facts_pairs');
  if (!archive) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'source-check-pairs-'));
  try {
    for (const [name, text] of harvestCorpus()) writeFileSync(path.join(dir, name), text);
    await importFolders(archive, [dir], { batchSize: 1000 });
    const local = await localLikeImport(dir);
    for (const { text, verdict } of HARVEST_DRAFTS) {
      const onArchive = await checkDraft({ text, format: 'text' }, new PgStore(archive));
      assert.equal(canonicalFacts(onArchive), canonicalFacts(await checkDraft({ text, format: 'text' }, local.index)));
      assert.deepEqual(factClaims(onArchive).map((c) => c.verdict), [verdict]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('local sources and the archive together give the figure and date findings of one index holding both', async (t) => {
  const archive = await freshArchive(t, 'facts_split');
  if (!archive) return;
  const files = readdirSync(SEEDS).sort();
  const [localDir, archiveDir] = [mkdtempSync(path.join(tmpdir(), 'source-check-local-')), mkdtempSync(path.join(tmpdir(), 'source-check-arch-'))];
  try {
    // Local sources come first in path order, as one folder would load them.
    for (const f of files.slice(0, 3)) cpSync(path.join(SEEDS, f), path.join(localDir, f));
    for (const f of files.slice(3)) cpSync(path.join(SEEDS, f), path.join(archiveDir, f));
    await importFolders(archive, [archiveDir]);
    const local = await localLikeImport(localDir);
    const whole = await localLikeImport(SEEDS);
    const store = new PgStore(archive);
    for (const text of FACT_DRAFTS) {
      const { result, unsearched } = await checkWithArchive({ text, format: 'markdown' }, local.index, store);
      assert.equal(unsearched, 0);
      assert.equal(canonicalFacts(result), canonicalFacts(await checkDraft({ text, format: 'markdown' }, whole.index)));
    }
  } finally {
    rmSync(localDir, { recursive: true, force: true });
    rmSync(archiveDir, { recursive: true, force: true });
  }
});

/** Drafts of BBC sentences stating figures and dates: verbatim, with a digit altered, and articles checked whole. */
function bbcFactDrafts(docs: SourceDoc[], count: number, per: number): string[] {
  const pick = strided(docs, (d) => d.facts.length > 0, count, per);
  const drafts: string[] = [];
  for (let d = 0; d < count; d++) {
    const lines = ['# Figures', ''];
    for (let k = 0; k < per; k++) {
      const doc = pick(d, k);
      for (const fact of doc.facts.slice(0, 3)) {
        const sentence = doc.prose.slice(fact.sentence.start, fact.sentence.end).replace(/\s+/g, ' ');
        if (/["“”«»]/.test(sentence)) continue;
        lines.push(sentence, '');
        const rel = doc.prose.slice(fact.sentence.start, fact.start).replace(/\s+/g, ' ').length;
        const target = fact.kind === 'figure' ? doc.prose.slice(fact.numStart, fact.numEnd) : fact.text;
        const changed = alter(fact, target);
        const at = fact.kind === 'figure' ? rel + (fact.numStart - fact.start) : rel;
        if (changed && sentence.slice(at, at + target.length) === target) lines.push(sentence.slice(0, at) + changed + sentence.slice(at + target.length), '');
      }
    }
    drafts.push(lines.join('\n'));
  }
  return drafts;
}

test('figure and date drafts over the BBC corpus give identical findings on both backends', async (t) => {
  const bbc = corpusPath('bbc');
  if (!bbc) return t.skip('../shared/corpus/bbc is absent (set SOURCE_CHECK_CORPUS_DIR to its parent to run this)');
  const archive = await freshArchive(t, 'facts_bbc');
  if (!archive) return;
  await importFolders(archive, [bbc]);
  const local = await localLikeImport(bbc);
  const store = new PgStore(archive);
  const verdicts = new Map<string, number>();
  for (const text of bbcFactDrafts(local.index.all(), 4, 8)) {
    const embedded = await checkDraft({ text, format: 'markdown' }, local.index);
    const archived = await checkDraft({ text, format: 'markdown' }, store);
    assert.equal(canonical(archived), canonical(embedded));
    for (const c of factClaims(archived)) verdicts.set(c.verdict, (verdicts.get(c.verdict) ?? 0) + 1);
  }
  // A whole article checked as a draft: its own facts verify, other stories' figures meet other sources.
  const whole = local.index.all().filter((d) => d.facts.length > 5)[3];
  const text = whole.prose;
  assert.equal(canonical(await checkDraft({ text, format: 'text' }, store)), canonical(await checkDraft({ text, format: 'text' }, local.index)));
  for (const v of ['verified', 'mismatch']) assert.ok((verdicts.get(v) ?? 0) > 0, `no ${v} figure or date in the BBC drafts: ${JSON.stringify([...verdicts])}`);
  // (The corpus's disagreements are compared on the seeds: over BBC they take minutes on either backend.)
});

test('an archive imported under schema 3 is migrated, serves no facts until backfilled, and the re-import fills them', async (t) => {
  const archive = await freshArchive(t, 'facts_backfill');
  if (!archive) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'source-check-import-'));
  cpSync(SEEDS, dir, { recursive: true });
  try {
    await importFolders(archive, [dir]);
    // Back to what schema 3 left: the unused facts table of schema 2, no abbreviations, no write counter.
    await archive.query(`DROP TABLE facts;
      CREATE TABLE facts (source_id bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE, kind text NOT NULL, value text NOT NULL,
        start_offset integer NOT NULL, end_offset integer NOT NULL, context text[] NOT NULL);
      ALTER TABLE sources DROP COLUMN abbreviations; ALTER TABLE archive_stats DROP COLUMN writes;
      DROP TABLE fact_terms, abbreviation_forms; DELETE FROM schema_version WHERE version >= 4;`);
    const local = await localLikeImport(dir);
    const text = FACT_DRAFTS[0];
    const embedded = await checkDraft({ text, format: 'markdown' }, local.index);
    // A schema-3 archive still serves quotes; its facts are missing, so the figures and dates of a check through it are marked incomplete.
    const old = await checkWithArchive({ text, format: 'markdown' }, local.index, new PgStore(archive));
    assert.equal(old.unsearched, factClaims(old.result).length);
    assertIncompleteFacts(old.result);
    assert.ok(!old.result.findings.some((f) => f.code === 'unsourced-figure' || f.code === 'unsourced-date'));

    // The next import migrates to schema 4 and re-analyses every article imported before it.
    const upgraded = await importFolders(archive, [dir]);
    assert.deepEqual({ updated: upgraded.updated, unchanged: upgraded.unchanged }, { updated: 5, unchanged: 0 });
    assert.equal((await archive.query('SELECT max(version)::int AS v FROM schema_version')).rows[0].v, SCHEMA_VERSION);
    assert.equal(canonical(await checkDraft({ text, format: 'markdown' }, new PgStore(archive))), canonical(embedded));
    const again = await importFolders(archive, [dir]);
    assert.equal(again.unchanged, 5);
    assert.deepEqual(await countsDrift(archive), [], 'the backfill counted the facts it filled');
    // An archive of schema 4 (facts, no counts): the migrations to 5 and 6 count them, and checks are unchanged.
    await archive.query('DROP TABLE fact_terms, abbreviation_forms; DELETE FROM schema_version WHERE version >= 5');
    assert.equal(canonical(await checkDraft({ text, format: 'markdown' }, new PgStore(archive))), canonical(embedded));
    await importFolders(archive, [dir]);
    assert.deepEqual(await countsDrift(archive), [], 'the migrations counted the facts and abbreviations');
    assert.equal(canonical(await checkDraft({ text, format: 'markdown' }, new PgStore(archive))), canonical(embedded));

    // Half-way through a backfill (some articles not yet re-analysed), facts are partial: incomplete again.
    await archive.query(`UPDATE sources SET abbreviations = NULL WHERE path = '004_984c000052343a31.txt'`);
    await archive.query(`DELETE FROM facts WHERE source_id = (SELECT id FROM sources WHERE path = '004_984c000052343a31.txt')`);
    await archive.query('UPDATE archive_stats SET writes = writes + 1');
    const partial = await checkWithArchive({ text, format: 'markdown' }, new (local.index.constructor as new () => typeof local.index)(), new PgStore(archive));
    assert.equal(partial.unsearched, factClaims(partial.result).length);
    assert.ok(!partial.result.findings.some((f) => f.code === 'unsourced-figure' || f.code === 'unsourced-date'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The incomplete-marking promises for figure and date claims of a check that missed the archive. */
function assertIncompleteFacts(result: CheckResult): number {
  const codes = result.findings.map((f) => f.code);
  assert.ok(!codes.includes('unsourced-figure') && !codes.includes('unsourced-date'), 'nothing is unsourced on partial data');
  const claims = factClaims(result);
  for (const c of claims) {
    const own = result.findings.filter((f) => f.start === c.start && f.end === c.end);
    if (c.ignored || (c.verdict === 'unsourced' && c.quiet)) {
      assert.deepEqual(own, [], 'quiet and ignored claims stay silent');
    } else if (c.verdict === 'verified' || c.verdict === 'rounded') {
      assert.equal(own.length, 1);
      assert.equal(own[0].code, 'sources-unsearched');
      assert.match(own[0].message, /^Verified against the local sources only: the archive could not be searched\.$/);
    } else if (c.verdict === 'unsourced') {
      assert.equal(own[0]?.code, 'sources-unsearched');
      assert.match(own[0].message, new RegExp(`this ${c.kind} is unchecked\\.$`));
    } else {
      assert.ok(own.length > 0);
      for (const f of own) assert.match(f.message, /Checked against the local sources only: the archive could not be searched\.$/);
    }
  }
  return claims.filter((c) => c.verdict === 'verified' || c.verdict === 'rounded').length;
}

test('with the archive down, figures and dates are checked against the local sources and every verdict says so', async (t) => {
  if (!pg.cluster()) return t.skip(pg.skip());
  const dead = new Archive({ url: 'postgresql://postgres@127.0.0.1:1/none', connectTimeoutMs: 500 });
  pg.track(dead);
  const local = await localLikeImport(SEEDS);
  let unsourcedBefore = 0;
  let verified = 0;
  for (const text of FACT_DRAFTS) {
    const full = await checkDraft({ text, format: 'markdown' }, local.index);
    unsourcedBefore += full.findings.filter((f) => f.code === 'unsourced-figure' || f.code === 'unsourced-date').length;
    const { result, unsearched } = await checkWithArchive({ text, format: 'markdown' }, local.index, new PgStore(dead));
    assert.equal(unsearched, result.claims.length);
    // The same claims as the local sources alone give, marked incomplete; the findings say the archive was not searched.
    assert.ok(result.claims.every((c) => c.incomplete));
    const unmarked = result.claims.map(({ incomplete, ...c }) => c);
    assert.equal(canonical({ claims: unmarked, findings: [] }), canonical({ claims: full.claims, findings: [] }));
    verified += assertIncompleteFacts(result);
  }
  assert.ok(verified > 0, 'the fixtures have verified figures or dates to qualify');
  assert.ok(unsourcedBefore > 0, 'the fixtures have unsourced figures or dates to withhold');
});

test('a facts query that fails mid-check (archive too slow) marks the figures and dates incomplete', async (t) => {
  const archive = await freshArchive(t, 'facts_slow', { statementTimeoutMs: 300, minBackoffMs: 100, maxBackoffMs: 200 });
  const cluster = pg.cluster();
  if (!archive || !cluster) return;
  const files = readdirSync(SEEDS).sort();
  const localDir = mkdtempSync(path.join(tmpdir(), 'source-check-local-'));
  const locker = new Client({ connectionString: cluster.url.replace(/\/postgres$/, '/facts_slow') });
  try {
    for (const f of files) cpSync(path.join(SEEDS, f), path.join(localDir, f));
    await importFolders(archive, [SEEDS]);
    const local = await localLikeImport(localDir);
    const store = new PgStore(archive);
    await store.aliases(); // the archive answered: only the facts query fails
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE facts IN ACCESS EXCLUSIVE MODE');
    const text = FACT_DRAFTS.find((d) => d.startsWith('# Figures'))!;
    const { result, unsearched } = await checkWithArchive({ text, format: 'markdown' }, local.index, store);
    assert.ok(unsearched > 0);
    assert.ok(assertIncompleteFacts(result) > 0);
  } finally {
    await locker.query('ROLLBACK').catch(() => undefined);
    await locker.end().catch(() => undefined);
    rmSync(localDir, { recursive: true, force: true });
  }
});
