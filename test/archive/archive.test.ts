// The PostgreSQL archive against the embedded index: the same drafts must give the
// same findings on both; imports are idempotent and resumable; a slow or dead archive
// degrades to local sources, visibly, and comes back. Runs on a throwaway cluster
// (test/support/pgCluster.ts); skipped, with the reason, where PostgreSQL is absent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { Archive, ArchiveUnavailable } from '../../server/src/archive/connection';
import { archiveCounts, importFolders } from '../../server/src/archive/importer';
import { PgStore } from '../../server/src/archive/pgStore';
import { checkWithArchive } from '../../server/src/archive/check';
import { resolveArchiveConfig } from '../../server/src/archive/config';
import { SCHEMA_VERSION } from '../../server/src/archive/schema';
import { checkDraft } from '../../server/src/core/check/draft';
import type { CheckResult } from '../../server/src/core/check/findings';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { REPO } from '../support/seeds';
import { canonical, corpusPath, countsDrift, localLikeImport, useArchiveCluster } from '../support/archive';
import { corpusDrafts } from '../support/corpusDrafts';

const SEEDS = path.join(REPO, 'seeds');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'quotes');
const EXAMPLE = readFileSync(path.join(REPO, 'examples', 'draft.md'), 'utf8');

const pg = useArchiveCluster();
const freshArchive = pg.fresh;

test('the fixture drafts give identical findings on the archive and on the embedded index', async (t) => {
  const archive = await freshArchive(t, 'fixtures');
  if (!archive) return;
  const imported = await importFolders(archive, [SEEDS]);
  assert.equal(imported.added, readdirSync(SEEDS).length);
  const local = await localLikeImport(SEEDS);
  const stores = [new PgStore(archive), new PgStore(archive, { pruneAbovePostings: 0 })];
  const drafts = [...readdirSync(FIXTURES).filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join(FIXTURES, f), 'utf8')), EXAMPLE];
  let findings = 0;
  for (const text of drafts) {
    const embedded = await checkDraft({ text, format: 'markdown' }, local.index);
    const [archived, pruned] = [await checkDraft({ text, format: 'markdown' }, stores[0]), await checkDraft({ text, format: 'markdown' }, stores[1])];
    assert.equal(canonical(archived), canonical(embedded));
    assert.equal(canonical(pruned), canonical(embedded));
    findings += archived.findings.length;
    // Go-to-source for an archive hit names the article by its imported path.
    for (const c of archived.claims) if (c.best) assert.match(c.best.location.source.uri, /^source-check-archive:\/\d{3}_[0-9a-f]+\.txt$/);
  }
  assert.ok(findings > 10, 'the fixtures should produce findings to compare');
});

test('drafts over the BBC corpus give identical findings on both backends', async (t) => {
  const bbc = corpusPath('bbc');
  if (!bbc) return t.skip('../shared/corpus/bbc is absent');
  const archive = await freshArchive(t, 'bbc');
  if (!archive) return;
  await importFolders(archive, [bbc]);
  const local = await localLikeImport(bbc);
  // The archive skips the common words' postings when they cannot matter: forced here on
  // every quote, it must still give the same findings.
  const stores = [new PgStore(archive), new PgStore(archive, { pruneAbovePostings: 0 })];
  const verdicts = new Set<string>();
  for (const text of corpusDrafts(local.index.all(), 3, 6)) {
    const embedded = await checkDraft({ text, format: 'markdown' }, local.index);
    for (const store of stores) {
      const archived = await checkDraft({ text, format: 'markdown' }, store);
      assert.equal(canonical(archived), canonical(embedded));
      for (const c of archived.claims) verdicts.add(c.verdict);
    }
  }
  // The drafts must exercise more than one verdict for the comparison to mean anything.
  for (const v of ['verified', 'misquote', 'unsourced']) assert.ok(verdicts.has(v), `no ${v} quote in the BBC drafts`);
});

test('an import analysed in worker threads stores exactly what one analysed on the main thread stores', async (t) => {
  // 150 articles: over the 128 from which the import starts workers.
  const dir = mkdtempSync(path.join(tmpdir(), 'source-check-import-workers-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (let i = 0; i < 30; i++) cpSync(SEEDS, path.join(dir, String(i).padStart(2, '0')), { recursive: true });
  const dumps: string[] = [];
  for (const workers of [1, 0]) {
    const archive = await freshArchive(t, `workers${workers}`);
    if (!archive) return;
    const p = await importFolders(archive, [dir], { workers, batchSize: 40 });
    assert.equal(p.added, 150);
    const tables = [
      `SELECT path, content_hash, text, line_starts, meta, published, sentence_count, speakers, abbreviations FROM sources ORDER BY path`,
      `SELECT src.path, s.n, s.start_offset, s.end_offset, s.gap, s.body, s.keys FROM sentences s JOIN sources src ON src.id = s.source_id ORDER BY src.path, s.n`,
      `SELECT src.path, f.n, f.sentence, f.fact::text, f.keys FROM facts f JOIN sources src ON src.id = f.source_id ORDER BY src.path, f.n`,
      `SELECT key, df FROM terms ORDER BY key`,
      `SELECT sources, sentences FROM archive_stats`,
    ];
    const rows = [];
    for (const sql of tables) rows.push((await archive.query(sql)).rows);
    dumps.push(JSON.stringify(rows));
  }
  assert.ok(dumps[0].length > 100_000, 'the dump should hold the articles');
  assert.equal(dumps[0], dumps[1]);
});

function copySeeds(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'source-check-import-'));
  cpSync(SEEDS, dir, { recursive: true });
  return dir;
}

test('re-importing skips unchanged articles and replaces changed ones, and verdicts follow the change', async (t) => {
  const archive = await freshArchive(t, 'reimport');
  if (!archive) return;
  const dir = copySeeds();
  try {
    await importFolders(archive, [dir]);
    const again = await importFolders(archive, [dir]);
    assert.deepEqual({ added: again.added, updated: again.updated, unchanged: again.unchanged }, { added: 0, updated: 0, unchanged: 5 });

    // The source now says what the draft says: the misquote becomes a verified quote.
    const file = path.join(dir, '000_03b0a985a00a2f0a.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('that would be chaos', 'that would be a disaster'));
    const changed = await importFolders(archive, [dir]);
    assert.deepEqual({ added: changed.added, updated: changed.updated, unchanged: changed.unchanged }, { added: 0, updated: 1, unchanged: 4 });
    assert.deepEqual(await countsDrift(archive), [], 'kept counts follow a replaced article');

    const draft = { text: '“Of course, that would be a disaster,” Tokayev said.', format: 'markdown' as const };
    const archived = await checkDraft(draft, new PgStore(archive));
    assert.equal(archived.claims[0].verdict, 'verified');
    assert.equal(archived.claims[0].best?.location.source.id, '000_03b0a985a00a2f0a.txt');
    const local = await localLikeImport(dir);
    assert.equal(canonical(archived), canonical(await checkDraft(draft, local.index)));
    const counts = await archiveCounts(archive);
    assert.equal(counts.sources, 5);
    assert.equal(counts.schemaVersion, SCHEMA_VERSION);

    // Articles imported before the schema kept speakers (speakers NULL) are re-analysed by the next import.
    await archive.query('UPDATE sources SET speakers = NULL');
    const upgraded = await importFolders(archive, [dir]);
    assert.deepEqual({ updated: upgraded.updated, unchanged: upgraded.unchanged }, { updated: 5, unchanged: 0 });
    assert.deepEqual(await countsDrift(archive), [], 'kept counts follow five replaced articles');
    assert.equal(canonical(await checkDraft(draft, new PgStore(archive))), canonical(await checkDraft(draft, local.index)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an interrupted import keeps its finished batches and resumes where it stopped', async (t) => {
  const archive = await freshArchive(t, 'resume');
  if (!archive) return;
  await assert.rejects(
    importFolders(archive, [SEEDS], {
      batchSize: 2,
      onProgress: (p) => {
        if (p.done === 2) throw new Error('interrupted');
      },
    }),
    /interrupted/,
  );
  assert.equal((await archiveCounts(archive)).sources, 2);
  const resumed = await importFolders(archive, [SEEDS], { batchSize: 2 });
  assert.deepEqual({ added: resumed.added, unchanged: resumed.unchanged }, { added: 3, unchanged: 2 });
  const local = await localLikeImport(SEEDS);
  assert.equal(canonical(await checkDraft({ text: EXAMPLE, format: 'markdown' }, new PgStore(archive))), canonical(await checkDraft({ text: EXAMPLE, format: 'markdown' }, local.index)));
});

test('with the archive down, the check uses the local sources and every verdict says so', async (t) => {
  if (!pg.cluster()) return t.skip(pg.skip());
  // A port nothing listens on: the cluster's own port, on a database URL that cannot connect.
  const dead = new Archive({ url: 'postgresql://postgres@127.0.0.1:1/none', connectTimeoutMs: 500 });
  pg.track(dead);
  const local = await localLikeImport(SEEDS);
  const { result, unsearched } = await checkWithArchive({ text: EXAMPLE, format: 'markdown' }, local.index, new PgStore(dead));
  assert.equal(unsearched, result.claims.length);
  assert.equal(dead.status().state, 'down');
  assert.match(dead.status().message, /^archive unreachable, checking against local sources only/);
  const codes = result.findings.map((f) => f.code);
  // Nothing is reported as unsourced on partial data; nothing verified passes silently.
  assert.ok(!codes.includes('unsourced-quote'));
  const verified = result.claims.filter((c) => c.verdict === 'verified');
  assert.ok(verified.length > 0);
  for (const c of verified) {
    const f = result.findings.find((f) => f.start === c.start);
    assert.equal(f?.code, 'sources-unsearched');
    assert.match(f!.message, /Verified against the local sources only/);
  }
  const misquote = result.findings.find((f) => f.code === 'misquote');
  assert.match(misquote!.message, /Checked against the local sources only: the archive could not be searched\./);
});

test('a query over the timeout fails alone: the archive stays up, and only the claims it was for are unsearched', async (t) => {
  const archive = await freshArchive(t, 'slow', { statementTimeoutMs: 300, minBackoffMs: 100, maxBackoffMs: 200 });
  if (!archive) return;
  await importFolders(archive, [SEEDS]);
  const store = new PgStore(archive);
  const before = await checkWithArchive({ text: EXAMPLE, format: 'markdown' }, new MemoryIndex(), store);
  assert.equal(before.unsearched, 0);
  // Another session holds the sentences: every quote's retrieval waits until the statement timeout.
  const locker = new Client({ connectionString: await archiveUrl('slow') });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE sentences IN ACCESS EXCLUSIVE MODE');
  try {
    await assert.rejects(store.candidates(['chaos', 'disaster'], 12), (e: Error) => e instanceof ArchiveUnavailable && /took longer than 300 ms/.test(e.message));
    // The server answers everything else: it is not reported unreachable.
    assert.equal(archive.status().state, 'up');
    const { result, unsearched } = await checkWithArchive({ text: EXAMPLE, format: 'markdown' }, new MemoryIndex(), store);
    const quotes = result.claims.filter((c) => c.kind === 'quote');
    assert.ok(quotes.length > 0);
    assert.equal(unsearched, quotes.length, 'the quotes, and nothing else, are unsearched');
    for (const q of quotes) assert.equal(result.findings.find((f) => f.start === q.start)?.code, 'sources-unsearched');
    // The figures and dates were looked up: the same verdicts and findings as with the archive whole.
    const facts = (r: CheckResult) => canonical({ claims: r.claims.filter((c) => c.kind !== 'quote'), findings: r.findings.filter((f) => !quotes.some((q) => q.start === f.start)) });
    assert.equal(facts(result), facts(before.result));
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
  }
  assert.equal(canonical((await checkWithArchive({ text: EXAMPLE, format: 'markdown' }, new MemoryIndex(), store)).result), canonical(before.result));
});

test('an archive that drops its connections counts as down, fails at once, and comes back', async (t) => {
  const archive = await freshArchive(t, 'dropped', { minBackoffMs: 1000, maxBackoffMs: 1000 });
  if (!archive) return;
  await importFolders(archive, [SEEDS]);
  const store = new PgStore(archive);
  assert.ok((await store.candidates(['chaos', 'course'], 12)).length > 0);
  const states: string[] = [];
  const down = new Promise<void>((resolve) => archive.onStatus((s) => (states.push(s.state), s.state === 'down' && resolve())));
  const back = new Promise<void>((resolve) => archive.onStatus((s) => s.state === 'up' && states.includes('down') && resolve()));
  // The server ends the pool's connections (a restart, a failover).
  const admin = new Client({ connectionString: await archiveUrl('dropped') });
  await admin.connect();
  await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'dropped' AND pid <> pg_backend_pid()`);
  await admin.end();
  await down;
  assert.match(archive.status().message, /^archive unreachable, checking against local sources only/);
  // While down, queries fail at once instead of each waiting for a timeout.
  const t0 = performance.now();
  await assert.rejects(store.candidates(['referendum'], 12), ArchiveUnavailable);
  assert.ok(performance.now() - t0 < 250, 'a query while down fails without waiting');
  await back;
  const passages = await store.candidates(['chaos', 'course'], 12);
  assert.ok(passages.some((p) => p.text.includes('that would be chaos')));
});

async function archiveUrl(name: string): Promise<string> {
  return pg.cluster()!.url.replace(/\/postgres$/, `/${name}`);
}

test('the archive password never comes from a settings file', () => {
  const fromSetting = resolveArchiveConfig('postgresql://desk:hunter2@db.example:5432/archive', {});
  assert.match(fromSetting.warning!, /carries a password, which is ignored/);
  assert.ok(!fromSetting.options!.url.includes('hunter2'));
  assert.equal(fromSetting.options!.password, undefined);
  const fromSecret = resolveArchiveConfig('postgresql://desk@db.example/archive', { SOURCE_CHECK_ARCHIVE_PASSWORD: 'env' }, 'secret');
  assert.equal(fromSecret.options!.password, 'secret');
  const fromEnv = resolveArchiveConfig('', { SOURCE_CHECK_ARCHIVE_URL: 'postgresql://desk:pw@db.example/archive', SOURCE_CHECK_ARCHIVE_PASSWORD: 'env' });
  assert.equal(fromEnv.warning, undefined);
  assert.equal(fromEnv.options!.password, 'env');
  assert.equal(resolveArchiveConfig(undefined, {}).options, undefined);
  assert.match(resolveArchiveConfig('mysql://db/x', {}).warning!, /must start with postgresql:\/\//);
});

test('a quote over several sentences, the first holding a single word of it, is verified whole by both stores', async (t) => {
  const archive = await freshArchive(t, 'reach');
  if (!archive) return;
  // As in test/core/memoryIndex.test.ts: the archive reads the one-word sentence near the passage (REACHING_SQL).
  const quote = "So, no, we're not declining. We're here. I don't have to win this tournament to prove anything";
  const dir = mkdtempSync(path.join(tmpdir(), 'source-check-reach-'));
  try {
    writeFileSync(path.join(dir, 'open.txt'), `Open\n\nShe was asked about retiring. “${quote},” she said. She plays again on Monday.\n`);
    for (let i = 0; i < 20; i++) writeFileSync(path.join(dir, `o${i}.txt`), `Other ${i}\n\nPlayers win a tournament ${i} to prove themselves.\n`);
    await importFolders(archive, [dir]);
    const local = await localLikeImport(dir);
    const draft = { text: `She said: “${quote}.”`, format: 'markdown' as const };
    const embedded = await checkDraft(draft, local.index);
    assert.equal(embedded.claims[0].verdict, 'verified');
    for (const store of [new PgStore(archive), new PgStore(archive, { pruneAbovePostings: 0 })]) assert.equal(canonical(await checkDraft(draft, store)), canonical(embedded));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an empty in-process index and an empty archive both propose nothing', async (t) => {
  const archive = await freshArchive(t, 'empty');
  if (!archive) return;
  await importFolders(archive, []);
  assert.deepEqual(await new PgStore(archive).candidates(['chaos'], 12), await new MemoryIndex().candidates(['chaos'], 12));
});
