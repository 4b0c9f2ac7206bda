// The archive through the CLI and the language server, as a desk uses it: import a
// folder, read the status, check a draft against the archive; in the editor, findings
// that point into the archive, go-to-source opening the archived article, and the
// custom request that serves it. Skipped, with the reason, where PostgreSQL is absent.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { LocationLink, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { Cluster, startCluster } from '../support/pgCluster';
import { REPO } from '../support/seeds';
import { startServer, TestServer } from '../support/lspClient';
import { ArchiveDocumentRequest, ArchiveDocumentResult } from '../../server/src/lsp/protocol';
import { SCHEMA_VERSION } from '../../server/src/archive/schema';

let cluster: Cluster | undefined;
let skip: string | undefined;
let url = '';

before(async () => {
  const c = await startCluster();
  if ('skip' in c) skip = c.skip;
  else {
    cluster = c;
    url = await c.database('adapters');
  }
});

after(() => cluster?.stop());

function cli(args: string[], env: NodeJS.ProcessEnv = { ...process.env, SOURCE_CHECK_ARCHIVE_URL: url }) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { cwd: REPO, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('source-check archive import, status and check', async (t) => {
  if (!cluster) return t.skip(skip);
  const first = cli(['archive', 'import', 'seeds']);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^archive import: 5 articles in 1 folder: 5 new, 0 updated, 0 unchanged, 0 failed \(\d+\.\d s\)\n$/);
  assert.match(first.stderr, /archive import: 5\/5 articles \(5 new/);
  const second = cli(['archive', 'import', 'seeds']);
  assert.match(second.stdout, /: 0 new, 0 updated, 5 unchanged, 0 failed/);

  const status = cli(['archive', 'status']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`^schema version ${SCHEMA_VERSION}$`, 'm'));
  assert.match(status.stdout, /^sources 5$/m);
  assert.doesNotMatch(status.stdout, /password/);

  // No local sources: every finding comes from the archive (its imported path below), named by the metadata stored with it.
  const check = cli(['check', '--sources', 'none/**', 'examples/draft.md']);
  assert.equal(check.code, 1, check.stderr);
  assert.match(check.stdout, /warning misquote: Misquote: “a disaster” where the source has “chaos”\. Source: “Kazakhstan Refuses to Recognize Russia’s…”\./);
  assert.match(check.stdout, /6 quotes checked in 1 file: 3 verified, 1 misquoted, 2 unsourced/);
  const json = JSON.parse(cli(['check', '--sources', 'none/**', '--format', 'json', 'examples/draft.md']).stdout);
  assert.equal(json.find((f: { code: string }) => f.code === 'misquote').sources[0].path, 'source-check-archive:/000_03b0a985a00a2f0a.txt');
});

test('source-check archive import names a file it cannot read, imports the rest, and exits 1', async (t) => {
  if (!cluster) return t.skip(skip);
  const root = mkdtempSync(path.join(tmpdir(), 'source-check-import-'));
  try {
    writeFileSync(path.join(root, 'good.txt'), 'A headline\n\n“We will rebuild the bridge by spring,” the mayor said on Monday.\n');
    writeFileSync(path.join(root, 'broken.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x00]));
    const env = { ...process.env, SOURCE_CHECK_ARCHIVE_URL: await cluster.database('badinput') };
    const r = cli(['archive', 'import', root], env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /broken\.txt: binary file \(it contains NUL bytes\), not text; not imported/);
    assert.match(r.stdout, /archive import: 2 articles in 1 folder: 1 new, 0 updated, 0 unchanged, 1 failed/);
    assert.match(cli(['archive', 'status'], env).stdout, /^sources 1$/m);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('source-check archive without an archive, or with one that is down, says so', (t) => {
  if (!cluster) return t.skip(skip);
  const env = { ...process.env };
  delete env.SOURCE_CHECK_ARCHIVE_URL;
  const none = cli(['archive', 'status'], env);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no archive configured: set SOURCE_CHECK_ARCHIVE_URL/);
  const down = cli(['archive', 'status'], { ...env, SOURCE_CHECK_ARCHIVE_URL: 'postgresql://postgres@127.0.0.1:1/none' });
  assert.equal(down.code, 2);
  assert.match(down.stderr, /archive unreachable \(connection refused\)/);
  const check = cli(['check', 'examples/draft.md'], { ...env, SOURCE_CHECK_ARCHIVE_URL: 'postgresql://postgres@127.0.0.1:1/none' });
  assert.match(check.stderr, /archive unreachable, checking against local sources only/);
  assert.match(check.stderr, /examples\/draft\.md: the archive could not be searched for (\d+) of \1 claims/);
  assert.doesNotMatch(check.stdout, /unsourced-quote/);
  assert.match(check.stdout, /information sources-unsearched: Not found in the local sources, and the archive could not be searched/);
  const usage = cli(['archive', 'import'], env);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /archive import needs at least one FOLDER/);
});

test('the editor checks against the archive and opens archived articles read-only', async (t) => {
  if (!cluster) return t.skip(skip);
  cli(['archive', 'import', 'seeds']);
  const root = mkdtempSync(path.join(tmpdir(), 'source-check-ws-'));
  const draft = '“Of course, that would be a disaster,” Tokayev said.\n';
  writeFileSync(path.join(root, 'draft.md'), draft);
  let server: TestServer | undefined;
  try {
    server = await startServer(root, { sources: ['none/**'] }, {}, { ...process.env, SOURCE_CHECK_ARCHIVE_URL: url });
    const uri = pathToFileURL(path.join(root, 'draft.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft } });
    const p: PublishDiagnosticsParams = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.equal(p.diagnostics[0].code, 'misquote');
    const target = p.diagnostics[0].relatedInformation![0].location;
    assert.equal(target.uri, 'source-check-archive:/000_03b0a985a00a2f0a.txt');

    const links = (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 5 } })) as LocationLink[];
    assert.equal(links[0].targetUri, target.uri);
    const doc = (await server.connection.sendRequest(ArchiveDocumentRequest, { uri: links[0].targetUri })) as ArchiveDocumentResult;
    assert.equal(doc.text, readFileSync(path.join(REPO, 'seeds', '000_03b0a985a00a2f0a.txt'), 'utf8'));
    // The range lands on the source's words in the document the client shows.
    const line = doc.text!.split('\n')[links[0].targetRange.start.line];
    assert.match(line.slice(links[0].targetRange.start.character), /^Of course, that would be chaos/);

    const missing = (await server.connection.sendRequest(ArchiveDocumentRequest, { uri: 'source-check-archive:/nope.txt' })) as ArchiveDocumentResult;
    assert.equal(missing.problem, 'the archive holds no article nope.txt');
  } finally {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('the editor keeps checking when the archive is down, and says so', async (t) => {
  if (!cluster) return t.skip(skip);
  const root = mkdtempSync(path.join(tmpdir(), 'source-check-ws-'));
  const draft = '“Nobody has ever said these particular words in any article,” he said.\n';
  writeFileSync(path.join(root, 'draft.md'), draft);
  let server: TestServer | undefined;
  try {
    server = await startServer(root, { sources: ['none/**'] }, {}, { ...process.env, SOURCE_CHECK_ARCHIVE_URL: 'postgresql://postgres@127.0.0.1:1/none' });
    const uri = pathToFileURL(path.join(root, 'draft.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft } });
    const p = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.equal(p.diagnostics[0].code, 'sources-unsearched');
    assert.equal(p.diagnostics[0].severity, 3);
    assert.ok(server.logs.some((l) => /archive unreachable, checking against local sources only/.test(l)), server.logs.join(' | '));
  } finally {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
