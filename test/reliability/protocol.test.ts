// The protocol under stress, against the real server over stdio: cancellation, a
// burst of edits, memory over 10,000 edits, requests that make no sense, and a client
// that dies.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { Hover } from 'vscode-languageserver-protocol';
import { startServer, TestServer } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import { REPO } from '../support/seeds';

const QUOTE = 'If the right to self-determination is put into practice all over the world, then there will be over 600 countries instead of the 193 states that are currently members of the United Nations';
const DRAFT = `# Draft\n\nTokayev said: “${QUOTE}.”\n\n“Of course, that would be a disaster,” Tokayev said.\n`;
/** A draft whose first check takes seconds: 20,000 different quotes made of words the seeds use. */
const VOCABULARY = 'Kazakhstan referendum Russia Ukraine territory recognize president Tokayev countries states nations forum minister regions annexing principles integrity stability dialogue assistance sovereign'.split(' ');
const HEAVY = Array.from({ length: 20_000 }, (_, i) => `He said “${Array.from({ length: 12 }, (_, k) => VOCABULARY[(i * 7 + k * 13 + ((i * k) % 5)) % VOCABULARY.length]).join(' ')} ${i}”.`).join('\n\n');

let ws: ReturnType<typeof makeWorkspace>;
let server: TestServer;
/** Where the shared server writes its heap snapshots (the memory test). */
let snapshots: string;
const uriOf = (name: string) => pathToFileURL(path.join(ws.root, name)).toString();
const rssMB = (pid: number) => +/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1] / 1024;

before(async () => {
  ws = makeWorkspace();
  snapshots = mkdtempSync(path.join(tmpdir(), 'source-check-heap-'));
  server = await startServer(ws.root, {}, {}, process.env, ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshots}`]);
});
after(async () => {
  await server.stop();
  ws.dispose();
  rmSync(snapshots, { recursive: true, force: true });
});

async function open(name: string, text: string, version = 1): Promise<string> {
  const uri = uriOf(name);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  return uri;
}

test('a cancelled hover is answered at once, and other requests are served, while a long check runs', async () => {
  const small = await open('small.md', DRAFT);
  await server.diagnostics(small, (p) => p.version === 1);
  const uri = await open('heavy.md', HEAVY);
  const source = new CancellationTokenSource();
  const answer = server.connection
    .sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 12 } }, source.token)
    .then((r) => ({ ok: r }), (e: { code?: number }) => ({ error: e.code }));
  setImmediate(() => source.cancel());
  try {
  const got = await answer;
  // Either an empty answer or the RequestCancelled error (-32800), as LSP allows.
  assert.ok(('ok' in got && got.ok === null) || ('error' in got && got.error === -32800), JSON.stringify(got));
  const other = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 20 } })) as Hover;
  assert.match((other.contents as { value: string }).value, /Verified quote/);
  assert.equal(server.published.filter((p) => p.uri === uri).length, 0, 'the long check was still running when both answers came');
  // The check itself still completes and is published.
  // A guard against a hang, not a measurement: the check is 30 s of CPU, 95 s at a load of 10 on 2 cores.
  const p = await server.diagnostics(uri, () => true, 300_000);
  assert.ok(p.diagnostics.length > 0);
  } finally {
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: small } });
  }
});

/** Resolves once the server has published nothing for a second (the first indexing's re-check of open drafts included). */
async function quiet(s: TestServer): Promise<void> {
  for (let n = -1; n !== s.published.length; await new Promise((r) => setTimeout(r, 1000))) n = s.published.length;
}

test('a burst of 1,000 edits: diagnostics are published for the final version only, and are right', async (t) => {
  // Its own workspace and server: nothing else open.
  const own = makeWorkspace();
  const s = await startServer(own.root);
  try {
    const uri = pathToFileURL(path.join(own.root, 'burst.md')).toString();
    let text = DRAFT;
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await s.diagnostics(uri, (p) => p.version === 1);
    await quiet(s);
    const from = s.published.length;
    // The burst goes out in one write, as an editor's replace-all or a fast typist's edits
    // queued behind a busy pipe arrive: the server reads them in chunks as they come.
    const burst: Buffer[] = [];
    for (let v = 2; v <= 1001; v++) {
      // Type at the end of the first line, one character at a time.
      const at = { line: 0, character: text.indexOf('\n') };
      text = text.slice(0, at.character) + 'x' + text.slice(at.character);
      const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: v }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] } });
      burst.push(Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`));
    }
    const sent = Date.now();
    s.process.stdin!.write(Buffer.concat(burst));
    const last = await s.diagnostics(uri, (p) => p.version === 1001, 60_000);
    const took = Date.now() - sent;
    // Anything published after the final version would be stale: give it time to show.
    await new Promise((r) => setTimeout(r, 1000));
    const versions = s.published.slice(from).filter((p) => p.uri === uri).map((p) => p.version);
    t.diagnostic(`1,000 edits in one write: ${versions.length} publication(s), of version(s) ${versions.length > 6 ? `${versions.slice(0, 3).join(', ')}, …, ${versions.slice(-3).join(', ')}` : versions.join(', ')}, the last ${took} ms after the write`);
    assert.deepEqual(versions, [1001]);
    assert.deepEqual(last.diagnostics.map((d) => d.code), ['misquote']);
    assert.equal(last.diagnostics[0].range.start.line, text.split('\n').findIndex((l) => l.includes('Of course')));
    // A hover right after the burst is about the final text.
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /Verified quote/);
  } finally {
    await s.stop();
    own.dispose();
  }
});

test('edits typed one by one while checks run: no version is published after a later one, and the last is', async (t) => {
  const own = makeWorkspace();
  const s = await startServer(own.root);
  try {
    const uri = pathToFileURL(path.join(own.root, 'typing.md')).toString();
    let text = DRAFT;
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await s.diagnostics(uri, (p) => p.version === 1);
    await quiet(s);
    const from = s.published.length;
    // 200 keystrokes at varying pace, some slower than the quiet time, some faster.
    for (let v = 2; v <= 201; v++) {
      const at = { line: 0, character: text.indexOf('\n') };
      text = text.slice(0, at.character) + 'y' + text.slice(at.character);
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: at, end: at }, text: 'y' }] });
      await new Promise((r) => setTimeout(r, [0, 5, 40, 200][v % 4]));
    }
    const last = await s.diagnostics(uri, (p) => p.version === 201, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const versions = s.published.slice(from).filter((p) => p.uri === uri).map((p) => p.version!);
    t.diagnostic(`200 keystrokes: ${versions.length} publications`);
    for (let k = 1; k < versions.length; k++) assert.ok(versions[k] > versions[k - 1], `version ${versions[k]} published after ${versions[k - 1]}`);
    assert.equal(versions[versions.length - 1], 201);
    assert.ok(versions.length < 200, 'every keystroke was published: fast ones were not coalesced');
    assert.deepEqual(last.diagnostics.map((d) => d.code), ['misquote']);
  } finally {
    await s.stop();
    own.dispose();
  }
});

/**
 * The server's live heap: V8 writes a heap snapshot on SIGUSR2 (--heapsnapshot-signal),
 * collecting garbage first, so the sum of its objects' sizes (array buffers' contents
 * included) is what the server holds, whatever the collector's timing.
 */
async function liveHeapMB(s: TestServer, dir: string): Promise<number> {
  const before = new Set(readdirSync(dir));
  process.kill(s.process.pid!, 'SIGUSR2');
  for (const end = Date.now() + 120_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    const file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (!file) continue;
    let snapshot: { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
    try {
      // Written while the server's thread is blocked: complete once it parses.
      snapshot = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch {
      continue;
    }
    rmSync(path.join(dir, file));
    const fields = snapshot.snapshot.meta.node_fields;
    const size = fields.indexOf('self_size');
    let total = 0;
    for (let i = size; i < snapshot.nodes.length; i += fields.length) total += snapshot.nodes[i];
    return total / 1024 / 1024;
  }
  throw new Error('no heap snapshot within 120 s');
}

// Runs on the shared server after the 20,000-quote check: its heap was sized by that check,
// so garbage piles up between collections (RSS +107 to +170 MB over 9,000 edits, back to
// +20 MB after one full collection). What would be a leak is what survives a collection.
test('10,000 edits to an open document: the live heap stays flat, and so does RSS after a collection', async (t) => {
  const uri = await open('memory.md', DRAFT);
  await server.diagnostics(uri, (p) => p.version === 1);
  const pid = server.process.pid!;
  let version = 1;
  let hovers = 0;
  const edit = async (batch: number) => {
    for (let k = 0; k < batch; k++) {
      version++;
      // Alternately add and remove a word: the document stays the same size.
      const change = version % 2 === 0 ? { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: ' new' } : { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 11 } }, text: '' };
      void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      // A hover after every edit, as an editor asks while the writer types: each one checks
      // its version at once (diagnostics wait for a quiet moment), so every version is checked.
      const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } })) as Hover | null;
      if (!hover) throw new Error(`no hover at version ${version}`);
      hovers++;
      // And now and then a pause, so that diagnostics are published for many versions too.
      if (k % 50 === 49) await server.diagnostics(uri, (p) => p.version === version, 60_000);
    }
    const v = version;
    await server.diagnostics(uri, (p) => p.version === v, 60_000);
  };
  await edit(1000); // warm up
  const rss0 = rssMB(pid);
  const heap0 = await liveHeapMB(server, snapshots);
  const rssGc0 = rssMB(pid);
  const publishedBefore = server.published.filter((p) => p.uri === uri).length;
  const hoversBefore = hovers;
  for (let round = 0; round < 9; round++) await edit(1000);
  const published = server.published.filter((p) => p.uri === uri).length - publishedBefore;
  const checks = hovers - hoversBefore;
  const rss1 = rssMB(pid);
  const heap1 = await liveHeapMB(server, snapshots);
  const rssGc1 = rssMB(pid);
  t.diagnostic(`after 1,000 edits → after 10,000 (${checks} versions checked for a hover, ${published} published): live heap ${heap0.toFixed(1)} → ${heap1.toFixed(1)} MB; RSS ${rss0.toFixed(1)} → ${rss1.toFixed(1)} MB, after a full collection ${rssGc0.toFixed(1)} → ${rssGc1.toFixed(1)} MB`);
  assert.equal(checks, 9000);
  assert.ok(published >= 180, `only ${published} publications in 9,000 edits`);
  // A check's result (claims, findings, facts) is kilobytes: one kept per check would be megabytes here.
  assert.ok(heap1 - heap0 < 4, `live heap grew from ${heap0.toFixed(1)} MB to ${heap1.toFixed(1)} MB over 9,000 edits`);
  assert.ok(rssGc1 - rssGc0 < 50, `RSS after a full collection grew from ${rssGc0.toFixed(1)} MB to ${rssGc1.toFixed(1)} MB over 9,000 edits`);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('unknown documents, positions past the end and malformed parameters get an empty answer or an error', async () => {
  const uri = await open('odd.md', DRAFT);
  await server.diagnostics(uri, (p) => p.version === 1);
  const ask = (method: string, params: unknown) =>
    server.connection.sendRequest(method, params).then(
      (r) => ({ ok: r }),
      (e: { code?: number }) => ({ error: e.code }),
    );
  const unknown = 'file:///no/such/draft.md';
  const empty = (r: { ok?: unknown; error?: number }) => ('ok' in r ? r.ok === null || (Array.isArray(r.ok) && r.ok.length === 0) : typeof r.error === 'number');
  const cases: Array<[string, unknown]> = [
    ['textDocument/hover', { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }],
    ['textDocument/definition', { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }],
    ['textDocument/codeAction', { textDocument: { uri: unknown }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }],
    ['textDocument/hover', { textDocument: { uri }, position: { line: 10_000, character: 10_000 } }],
    ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: -5 } }],
    ['textDocument/definition', { textDocument: { uri }, position: { line: 2, character: 1e9 } }],
    ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 999, character: 0 }, end: { line: -3, character: 0 } }, context: { diagnostics: [] } }],
    ['textDocument/hover', {}],
    ['textDocument/hover', null],
    ['textDocument/definition', { textDocument: 42, position: 'here' }],
    ['textDocument/codeAction', { textDocument: { uri } }],
    ['textDocument/hover', { textDocument: { uri: 'not a uri' }, position: { line: 0, character: 0 } }],
    ['sourceCheck/noSuchRequest', {}],
  ];
  for (const [method, params] of cases) {
    const r = await ask(method, params);
    assert.ok(empty(r), `${method} ${JSON.stringify(params)} → ${JSON.stringify(r)}`);
  }
  // Malformed notifications are ignored.
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: unknown, version: 3 }, contentChanges: [{ text: 'x' }] });
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 500, character: 0 }, end: { line: 900, character: 3 } }, text: '' }] });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('no-text.md'), languageId: 'markdown', version: 1 } });
  await server.connection.sendNotification('textDocument/didOpen', {});
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///etc/passwd', type: 1 }, { uri: 'bogus', type: 2 }] });
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', null);
  // The server is still up and right.
  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } })) as Hover;
  assert.match((hover.contents as { value: string }).value, /Verified quote/);
  assert.equal(server.process.exitCode, null);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (!alive(pid)) return true;
  return !alive(pid);
}

// A parent process (standing in for the editor) starts the server, initializes it with
// its own processId, and reports the server's pid; then it is killed with SIGKILL.
const PARENT = `
const { spawn } = require('child_process');
const server = spawn(process.execPath, [process.argv[1], '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: Number(process.argv[2]) || process.pid, rootUri: null, capabilities: {} } });
server.stdin.write('Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body);
server.stdout.once('data', () => process.stdout.write(String(server.pid) + '\\n'));
setInterval(() => {}, 1000);
`;

test('the server exits when its client dies (its stdin closes)', async () => {
  const parent = spawn(process.execPath, ['-e', PARENT, path.join(REPO, 'dist', 'server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const serverPid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d) => resolve(String(d).trim()))));
  assert.ok(alive(serverPid));
  parent.kill('SIGKILL');
  assert.ok(await gone(serverPid, 10_000), `server ${serverPid} outlived its client`);
});

test('the server exits when the process named in initialize dies, even if its pipes stay open', async () => {
  // The editor: a process we kill. The pipes: held by this test process, which lives on.
  const editor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const server = spawn(process.execPath, [path.join(REPO, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: editor.pid, rootUri: null, capabilities: {} } });
  server.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  await new Promise((resolve) => server.stdout!.once('data', resolve));
  editor.kill('SIGKILL');
  const exited = await gone(server.pid!, 15_000);
  if (!exited) server.kill('SIGKILL');
  assert.ok(exited, 'server outlived the editor process named in initialize');
});
