// The on-disk index cache as a writer meets it across restarts: a second start restores
// the index instead of re-reading the sources, catches up with a source changed while
// the editor was closed, and a damaged cache is noticed, rebuilt, and never believed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startServer } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import { FolderSources } from '../../server/src/node/folderSources';
import { INDEX_FORMAT, sealSnapshot } from '../../server/src/core/index/snapshot';
import { indexCacheFile, removeStaleCaches, sharedCacheDir } from '../../server/src/node/indexCache';

const DRAFT = 'Tokayev said “Of course, that would be a disaster.” The minister said “Kazakhstan will send peacekeepers to the region next week.”\n';

async function session(root: string, cacheDir: string) {
  const server = await startServer(root, {}, { cacheDir });
  const uri = pathToFileURL(path.join(root, 'draft.md')).toString();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
  const published = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
  return { server, codes: published.diagnostics.map((d) => d.code).sort(), uri };
}

/** A restart that told why it rebuilt the index (a log line `told` accepts), restored nothing, and gives a fresh index's verdicts. */
function assertRebuilt(again: Awaited<ReturnType<typeof session>>, told: (line: string) => boolean, what = ''): void {
  assert.ok(again.server.logs.some(told), `${what}:\n${again.server.logs.join('\n')}`);
  assert.ok(!again.server.logs.some((l) => /restored from the index cache/.test(l)), what);
  assert.deepEqual(again.codes, ['misquote', 'unsourced-quote'], what);
}

async function cacheFile(cacheDir: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const f = readdirSync(cacheDir).find((n) => n.endsWith('.bin'));
    if (f) return path.join(cacheDir, f);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the index cache was never written');
}

test('a restart restores the index from the cache and catches up with changed sources', async () => {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'source-check-cache-'));
  try {
    const first = await session(ws.root, cacheDir);
    assert.deepEqual(first.codes, ['misquote', 'unsourced-quote']);
    const file = await cacheFile(cacheDir);
    await first.server.stop();

    // While the editor is closed, a new source appears that carries the second quote.
    writeFileSync(path.join(ws.root, 'seeds', 'new.txt'), 'Minister speaks\n\n“Kazakhstan will send peacekeepers to the region next week,” the minister said.\n');
    const second = await session(ws.root, cacheDir);
    assert.ok(second.server.logs.some((l) => /restored from the index cache/.test(l)), second.server.logs.join('\n'));
    const caughtUp = await second.server.diagnostics(second.uri, (p) => p.diagnostics.length === 1);
    assert.equal(caughtUp.diagnostics[0].code, 'misquote');
    await second.server.stop();
    assert.ok(existsSync(file));
  } finally {
    ws.dispose();
  }
});

test('a damaged cache is rebuilt, not trusted', async () => {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'source-check-cache-'));
  try {
    const first = await session(ws.root, cacheDir);
    const file = await cacheFile(cacheDir);
    await first.server.stop();
    for (const damage of ['flip', 'truncate'] as const) {
      const bytes = readFileSync(file);
      if (damage === 'flip') bytes[bytes.length - 5] ^= 0xff;
      writeFileSync(file, damage === 'flip' ? bytes : bytes.subarray(0, bytes.length >> 1));
      const again = await session(ws.root, cacheDir);
      assertRebuilt(again, (l) => /index cache .*(checksum mismatch|truncated).*rebuilding it/.test(l), damage);
      await again.server.stop();
    }
  } finally {
    ws.dispose();
  }
});

// ---- The cache's columns, as a test that edits them sees them (snapshot.ts describes the layout). ----

const PREFIX = 52;

/** Byte offsets of the cache's sections, read from its header. */
function sections(bytes: Buffer) {
  const h = (i: number) => bytes.readUInt32LE(PREFIX + 4 * i);
  const [engine, n, spans, wordKeys, wordInts, factKeys, pairs, strings, wordKeyBytes, factKeyBytes, factInts, tableBytes, aliasBytes] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(h);
  let at = PREFIX + 4 * 13;
  const take = (bytesLong: number) => {
    const start = at;
    at += bytesLong;
    return start;
  };
  const docSentences = take(4 * (n + 1));
  take(8 * spans);
  const factCounts = take(4 * n);
  const factIntsAt = take(4 * (n + 1));
  const fields = take(4 * (8 * n + 1)); // id, uri, hash, meta, facts, abbreviations, frames, speakers
  take(16 * n);
  const wordOffsets = take(4 * (wordKeys + 1));
  const wordData = take(4 * wordInts);
  take(4 * (factKeys + 1));
  const factPairs = take(8 * pairs);
  const packedFacts = take(4 * factInts);
  take(engine + ((4 - (engine % 4)) % 4));
  const pad = (x: number) => x + ((4 - (x % 4)) % 4);
  const stringsAt = take(pad(strings));
  take(pad(wordKeyBytes) + pad(factKeyBytes) + pad(tableBytes));
  const aliasTable = take(aliasBytes);
  return { n, docSentences, factCounts, factIntsAt, fields, wordOffsets, wordData, wordInts, factPairs, pairs, packedFacts, factInts, stringsAt, strings: pad(strings), wordKeyBytes, aliasTable, aliasBytes };
}

/** Writes `bytes` back with a checksum that matches them: only the structural checks stand between them and the index. */
function rewriteWithChecksum(file: string, bytes: Buffer): void {
  sealSnapshot(bytes);
  writeFileSync(file, bytes);
}

test('a cache edited and its checksum recomputed is rejected by its structure and rebuilt, never believed', async () => {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'source-check-cache-'));
  try {
    const first = await session(ws.root, cacheDir);
    const file = await cacheFile(cacheDir);
    await first.server.stop();
    const original = readFileSync(file);
    assert.equal(original.readUInt32LE(8), INDEX_FORMAT);
    const s = sections(original);
    assert.ok(s.wordInts > 0 && s.pairs > 0, 'the seeds have word and fact postings');
    const edits: Array<[string, (b: Buffer) => void, RegExp]> = [
      ['a source count one too many', (b) => b.writeUInt32LE(s.n + 1, PREFIX + 4), /inconsistent sizes/],
      ['a word posting beyond every source', (b) => b.writeInt32LE(0x7fffffff, s.wordData + 4 * (s.wordInts - 1)), /word posting out of range/],
      ['a negative word posting', (b) => b.writeInt32LE(-1, s.wordData), /word posting out of range/],
      ['a fact posting naming a missing source', (b) => b.writeInt32LE(s.n + 7, s.factPairs), /fact posting out of range/],
      ['a fact posting naming a missing fact', (b) => b.writeInt32LE(1 << 20, s.factPairs + 4), /fact posting out of range/],
      ['a posting offset past the postings', (b) => b.writeInt32LE(s.wordInts + 5, s.wordOffsets + 4), /posting offsets/],
      ['sentence offsets out of order', (b) => b.writeInt32LE(-3, s.docSentences + 4), /sentence offsets/],
      ['a field offset past the strings', (b) => b.writeInt32LE(1 << 30, s.fields + 4), /field offsets|fact offsets/],
      ['a word key listed twice', (b) => {
        // Two neighbouring keys of one length: the second becomes a copy of the first.
        const start = s.stringsAt + s.strings;
        const keys = b.toString('latin1', start, start + s.wordKeyBytes).split('\0');
        const i = keys.findIndex((k, j) => j + 1 < keys.length && k.length === keys[j + 1].length && k !== keys[j + 1]);
        const at = start + keys.slice(0, i).reduce((n, k) => n + k.length + 1, 0);
        b.copy(b, at + keys[i].length + 1, at, at + keys[i].length);
      }, /listed twice/],
      ['a fact count past its packed facts', (b) => b.writeInt32LE(1 << 20, s.factCounts), /packed fact out of range/],
      ['packed fact offsets out of order', (b) => b.writeInt32LE(s.factInts + 1, s.factIntsAt + 4), /packed fact offsets/],
      // The first fact's kind, then its nearest name (an id past the fact table).
      ['a packed fact of no kind', (b) => b.writeInt32LE(7, s.packedFacts), /packed fact out of range/],
      ['a packed fact naming a missing string', (b) => b.writeInt32LE(1 << 24, s.packedFacts + 4 * 10), /packed fact out of range/],
      // Valid JSON of another shape, padded to the region's length.
      ['an alias table of no abbreviations', (b) => b.write('[7]'.padEnd(s.aliasBytes, ' '), s.aliasTable, 'latin1'), /alias table/],
    ];
    for (const [what, edit, problem] of edits) {
      const bytes = Buffer.from(original);
      edit(bytes);
      rewriteWithChecksum(file, bytes);
      const again = await session(ws.root, cacheDir);
      assertRebuilt(again, (l) => /index cache .*rebuilding it/.test(l) && problem.test(l), what);
      await again.server.stop();
    }
  } finally {
    ws.dispose();
  }
});

test('a cache left by a crash mid-write (its temporary file) is ignored', async () => {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'source-check-cache-'));
  try {
    const first = await session(ws.root, cacheDir);
    const file = await cacheFile(cacheDir);
    await first.server.stop();
    // Written with a temporary file renamed into place: none is left behind.
    assert.deepEqual(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp')), []);
    const bytes = readFileSync(file);
    // A crash while rewriting: the complete old cache, and half a new one beside it.
    writeFileSync(`${file}.99999.tmp`, bytes.subarray(0, bytes.length >> 1));
    const again = await session(ws.root, cacheDir);
    assert.ok(again.server.logs.some((l) => /restored from the index cache/.test(l)), again.server.logs.join('\n'));
    assert.deepEqual(again.codes, ['misquote', 'unsourced-quote']);
    await again.server.stop();
    // A crash during the very first write: only the temporary file. Nothing is restored from it.
    unlinkSync(file);
    const fresh = await session(ws.root, cacheDir);
    assert.ok(!fresh.server.logs.some((l) => /restored from the index cache|index cache .*rebuilding/.test(l)), fresh.server.logs.join('\n'));
    assert.deepEqual(fresh.codes, ['misquote', 'unsourced-quote']);
    await fresh.server.stop();
  } finally {
    ws.dispose();
  }
});

test('an unwritable cache folder: the server keeps checking and says once where it could not write', async () => {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  // A path under a regular file cannot be created, whoever runs the test (even root).
  const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'source-check-cache-')), 'not-a-folder');
  writeFileSync(blocker, '');
  const cacheDir = path.join(blocker, 'cache');
  try {
    const { server, codes } = await session(ws.root, cacheDir);
    assert.deepEqual(codes, ['misquote', 'unsourced-quote']);
    let told: string[] = [];
    for (let i = 0; i < 100 && told.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      told = server.logs.filter((l) => /could not write the index cache/.test(l));
    }
    assert.equal(told.length, 1, server.logs.join('\n'));
    assert.ok(told[0].includes(cacheDir), told[0]);
    await server.stop();
  } finally {
    ws.dispose();
  }
});

function folderSources(root: string, cacheFile: string, engine: string, problems: string[] = [], maxCacheSize?: number) {
  return new FolderSources(root, { globs: ['seeds/**/*.txt'], cacheFile, engine, maxCacheSize, onProblem: (m) => problems.push(m) });
}

/** A fresh workspace and a cache file in a folder of its own, both removed afterwards. */
async function withCacheFile(fn: (ws: ReturnType<typeof makeWorkspace>, cacheFile: string) => Promise<void>): Promise<void> {
  const ws = makeWorkspace();
  const dir = mkdtempSync(path.join(tmpdir(), 'source-check-cache-'));
  try {
    await fn(ws, path.join(dir, 'index.bin'));
  } finally {
    ws.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The workspace's sources indexed from scratch by this engine version, and the cache saved. */
async function builtAndSaved(root: string, cacheFile: string, engine: string): Promise<FolderSources> {
  const built = folderSources(root, cacheFile, engine);
  await built.loadAll();
  await built.save();
  return built;
}

test('a cache written by another engine version is ignored and rebuilt', () =>
  withCacheFile(async (ws, cacheFile) => {
    await builtAndSaved(ws.root, cacheFile, '0.0.9');
    assert.ok(await folderSources(ws.root, cacheFile, '0.0.9').restore());
    const problems: string[] = [];
    const newer = folderSources(ws.root, cacheFile, '0.1.0', problems);
    assert.equal(await newer.restore(), false);
    assert.equal(newer.index.size, 0);
    assert.ok(problems.some((p) => /built by Source Check 0\.0\.9, this is 0\.1\.0; rebuilding it/.test(p)), problems.join('\n'));
    // So is a cache in another index format (from an older release).
    const bytes = readFileSync(cacheFile);
    bytes.writeUInt32LE(INDEX_FORMAT - 1, 8);
    writeFileSync(cacheFile, bytes);
    const older = folderSources(ws.root, cacheFile, '0.0.9', problems);
    assert.equal(await older.restore(), false);
    assert.ok(problems.some((p) => new RegExp(`index format ${INDEX_FORMAT - 1}, expected ${INDEX_FORMAT}`).test(p)));
    // And a checksum of a kind this engine does not know.
    bytes.writeUInt32LE(INDEX_FORMAT, 8);
    bytes.writeUInt32LE(9, 16);
    writeFileSync(cacheFile, bytes);
    assert.equal(await folderSources(ws.root, cacheFile, '0.0.9', problems).restore(), false);
    assert.ok(problems.some((p) => /checksum of kind 9/.test(p)), problems.join('\n'));
  }));

test('a cache larger than the bound is not read', () =>
  withCacheFile(async (ws, cacheFile) => {
    await builtAndSaved(ws.root, cacheFile, 'v');
    const problems: string[] = [];
    assert.equal(await folderSources(ws.root, cacheFile, 'v', problems, 1024).restore(), false);
    assert.ok(problems.some((p) => /more than the 1024 a cache may have; rebuilding it/.test(p)), problems.join('\n'));
  }));

test('a restored index gives the same facts, read in place from the packed columns', () =>
  withCacheFile(async (ws, cacheFile) => {
    // A source without facts between sources with them (its packed facts are an empty part of the file).
    writeFileSync(path.join(ws.root, 'seeds', '001a-plain.txt'), 'A plain note without any figure in it.\n');
    const factLines = async (s: FolderSources) => (await s.index.allFacts()).map((f) => `${f.source.id} ${JSON.stringify(f.fact)} ${f.sentence}`).sort();
    const built = await builtAndSaved(ws.root, cacheFile, 'v');
    const expected = await factLines(built);
    assert.ok(expected.length > 0);
    const restored = folderSources(ws.root, cacheFile, 'v');
    assert.ok(await restored.restore());
    assert.deepEqual(await factLines(restored), expected);
    // Saved again from the restored index (its facts copied packed, never unpacked): the same bytes.
    const before = readFileSync(cacheFile);
    await restored.save();
    assert.ok(readFileSync(cacheFile).equals(before));
  }));

test('a source changed under the same size and modification time is never read as the text that was indexed', () =>
  withCacheFile(async (ws, cacheFile) => {
    // Whole seconds, so that putting the time back gives the very same mtimeMs.
    const when = new Date('2026-01-02T03:04:05Z');
    for (const f of readdirSync(path.join(ws.root, 'seeds'))) utimesSync(path.join(ws.root, 'seeds', f), when, when);
    const built = await builtAndSaved(ws.root, cacheFile, 'v');
    const id = built.index.all()[0].id;
    const file = path.join(ws.root, id);
    const text = readFileSync(file, 'latin1');
    // Same length, one letter changed, the old modification time put back.
    const at = text.search(/[a-z]/);
    writeFileSync(file, text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1), 'latin1');
    utimesSync(file, when, when);
    const restored = folderSources(ws.root, cacheFile, 'v');
    assert.ok(await restored.restore());
    await restored.refresh();
    // The stamp (size, mtime) agrees, so it is not re-read; but its text is checked by hash when fetched.
    assert.equal(restored.index.get(id)!.text, '');
  }));

test('the CLI and the server find one cache per folder, settings and engine; an upgrade removes the old engine\'s', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'source-check-cache-'));
  try {
    const key = { root: '/news', sources: ['seeds/**/*.txt'], notes: ['notes/**/*.md'], maxFileSize: 5 << 20, engine: '1.0.0' };
    assert.equal(sharedCacheDir({ SOURCE_CHECK_CACHE_DIR: dir }), dir);
    assert.equal(indexCacheFile(dir, key), indexCacheFile(dir, { ...key }));
    for (const other of [{ root: '/other' }, { sources: ['*.txt'] }, { notes: [] }, { maxFileSize: 1 << 20 }, { engine: '1.0.1' }]) {
      assert.notEqual(indexCacheFile(dir, { ...key, ...other }), indexCacheFile(dir, key), JSON.stringify(other));
    }
    const old = indexCacheFile(dir, key);
    const other = indexCacheFile(dir, { ...key, root: '/other' });
    writeFileSync(old, 'x');
    writeFileSync(other, 'x');
    const current = indexCacheFile(dir, { ...key, engine: '1.0.1' });
    writeFileSync(current, 'x');
    await removeStaleCaches(dir, { ...key, engine: '1.0.1' });
    assert.deepEqual(readdirSync(dir).sort(), [path.basename(current), path.basename(other)].sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
