// Start-up as VS Code does it: the client sends a configuration change right after
// `initialized`. A change that leaves what is indexed alone must not index the folder
// again (it did: every folder was indexed twice at start-up); one that changes the
// source globs must; Reindex Sources always does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startServer, until } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import { REPO } from '../support/seeds';

const DRAFT = '“Of course, that would be a disaster,” Tokayev said.\n';

test('a folder is indexed once at start-up; a severity change does not re-index, a source-glob change does', async () => {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  const settings: Record<string, unknown> = {};
  const server = await startServer(ws.root, () => settings);
  const indexed = () => server.logs.filter((l) => /sources? indexed in/.test(l)).length;
  try {
    const uri = pathToFileURL(path.join(ws.root, 'draft.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
    settings.severity = { misquote: 'error' };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await server.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'misquote' && d.severity === 1));
    assert.equal(indexed(), 1, server.logs.join('\n'));

    settings.sources = ['seeds/000*.txt'];
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await until(async () => indexed(), (n) => n === 2);
    await server.connection.sendRequest('sourceCheck/reindex');
    await until(async () => indexed(), (n) => n === 3);
  } finally {
    await server.stop();
    ws.dispose();
  }
});

test('settings sent with initialize: the folder is indexed with them before `initialized` arrives, once', async () => {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  const folder = pathToFileURL(ws.root).toString();
  // The same settings the client would answer with: only one of the seeds is a source.
  const settings = { sources: ['seeds/000*.txt'] };
  const server = await startServer(ws.root, () => settings, { settings: { folders: { [folder]: settings }, archive: {} } }, process.env, [], { deferInitialized: true });
  const indexed = () => server.logs.filter((l) => /sources? indexed in/.test(l));
  try {
    // Indexing runs while the editor is still busy starting (no `initialized` yet).
    await until(async () => indexed(), (l) => l.length === 1);
    assert.match(indexed()[0], /\b1 source indexed/, server.logs.join('\n'));
    await server.sendInitialized();
    const uri = pathToFileURL(path.join(ws.root, 'draft.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const published = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['misquote'],
    );
    // The first check's timing is in the log, to trace a slow start to its step.
    await until(async () => server.logs.some((l) => /draft\.md: first diagnostics at .* ms after it was opened/.test(l)), (b) => b);
    assert.equal(indexed().length, 1, server.logs.join('\n'));
  } finally {
    await server.stop();
    ws.dispose();
  }
});

// The VS Code client forks the server as VS Code loads the extension, naming the folders and their
// settings (SOURCE_CHECK_EARLY); VS Code calls activate(), and the client sends initialize, seconds later.
const early = (folder: string, settings: Record<string, unknown>) => ({ ...process.env, SOURCE_CHECK_EARLY: JSON.stringify({ folders: { [folder]: settings } }) });

/**
 * A server forked with `earlySettings` for the folder, then initialized with seeds/000 as its sources
 * (the one that carries the draft's quote): the draft's findings and the folder's "indexed" log line.
 */
async function startedEarly(earlySettings: Record<string, unknown>): Promise<{ codes: unknown[]; indexed: string; logs: string }> {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  const folder = pathToFileURL(ws.root).toString();
  const settings = { sources: ['seeds/000*.txt'] };
  const server = await startServer(ws.root, () => settings, { settings: { folders: { [folder]: settings }, archive: {} } }, early(folder, earlySettings));
  const indexed = () => server.logs.filter((l) => /sources? indexed in/.test(l));
  try {
    const uri = pathToFileURL(path.join(ws.root, 'draft.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    const published = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
    await until(async () => indexed(), (l) => l.length === 1);
    return { codes: published.diagnostics.map((d) => d.code), indexed: indexed()[0], logs: server.logs.join('\n') };
  } finally {
    await server.stop();
    ws.dispose();
  }
}

test('a folder named when the server was forked is read from its start, and kept when the settings at initialize agree', async () => {
  const run = await startedEarly({ sources: ['seeds/000*.txt'] });
  assert.deepEqual(run.codes, ['misquote']);
  assert.match(run.indexed, /\b1 source indexed .*read since the server started/, run.logs);
});

test('a folder read from the server’s start with other settings than initialize brings is read again with those', async () => {
  // Changed meanwhile: the early read had only seeds/001, which does not carry the quote.
  const run = await startedEarly({ sources: ['seeds/001*.txt'] });
  assert.deepEqual(run.codes, ['misquote']);
  assert.doesNotMatch(run.indexed, /read since the server started/, run.logs);
  assert.match(run.indexed, /\b1 source indexed/);
});

// While a fresh server waits for the editor's first draft it checks a warm-up draft of its own
// (Workspace's warmUp): the first real draft then runs on warm code. Nothing a writer sees may
// differ with or without it.
test('the warm-up check while the server waits for a draft changes no diagnostic or hover', async () => {
  const drafts: Record<string, string> = {
    'example.md': readFileSync(path.join(REPO, 'examples', 'draft.md'), 'utf8'),
    'draft.md': readFileSync(path.join(REPO, 'test', 'vscode', 'workspace', 'draft.md'), 'utf8'),
    'second-draft.md': readFileSync(path.join(REPO, 'test', 'vscode', 'workspace', 'second-draft.md'), 'utf8'),
  };
  const seen = async (warmUp: boolean) => {
    const ws = makeWorkspace(drafts);
    const server = await startServer(ws.root, {}, {}, { ...process.env, SOURCE_CHECK_WARM_UP: warmUp ? '1' : '0' });
    try {
      // Opened only once the sources are read (and, with the warm-up, once it is done), as a draft
      // opened in a window that is still starting arrives.
      await until(async () => server.logs.some((l) => /sources? indexed in/.test(l)), (b) => b);
      if (warmUp) await until(async () => server.logs.find((l) => /warmed up at/.test(l)), (l) => l !== undefined);
      const out: unknown[] = [];
      for (const [name, text] of Object.entries(drafts)) {
        const uri = pathToFileURL(path.join(ws.root, name)).toString();
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
        const { diagnostics } = await server.diagnostics(uri, (p) => p.version === 1);
        const hovers = [];
        for (const d of diagnostics) hovers.push(await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start }));
        out.push({ name, diagnostics, hovers });
      }
      // The same files in two temp folders: compared with the folder's place left out.
      const root = pathToFileURL(ws.root).toString();
      return { out: JSON.parse(JSON.stringify(out).split(root).join('WS').split(ws.root).join('WS')) as unknown, logs: server.logs };
    } finally {
      await server.stop();
      ws.dispose();
    }
  };
  const on = await seen(true);
  const off = await seen(false);
  assert.ok(on.logs.some((l) => /warmed up at .* in \d+ ms$/.test(l)), on.logs.join('\n'));
  assert.ok(!off.logs.some((l) => /warmed up/.test(l)), off.logs.join('\n'));
  assert.ok(JSON.stringify(off.out).includes('misquote'), 'the drafts have findings to compare');
  assert.deepEqual(on.out, off.out);
});
