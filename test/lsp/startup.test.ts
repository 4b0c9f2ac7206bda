// Start-up as VS Code does it: the client sends a configuration change right after
// `initialized`. A change that leaves what is indexed alone must not index the folder
// again (it did: every folder was indexed twice at start-up); one that changes the
// source globs must; Reindex Sources always does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startServer, until } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';

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
