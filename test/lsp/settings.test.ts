// Settings as a writer changes them: severity overrides (including off), draft globs,
// and both taking effect on didChangeConfiguration without a restart; a folder with
// no sources gets one message, not one per document or per settings change.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { startServer, until } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import type { ClaimsResult } from '../../server/src/lsp/protocol';

const DRAFT = '“Of course, that would be a disaster,” Tokayev said.\n\nThe ministry said: «Kazakhstan will send peacekeepers to the region next week if asked.»\n';

test('sourceCheck.severity raises, lowers and turns off codes, and a change applies without a restart', async () => {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  const settings: Record<string, unknown> = { severity: { misquote: 'error', 'unsourced-quote': 'off', 'no-such-code': 'hint', 'quote-variant': 'loud' } };
  const server = await startServer(ws.root, settings);
  try {
    const uri = pathToFileURL(path.join(ws.root, 'draft.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    const p = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity]), [['misquote', 1]]);
    // The bad entry is named, the rest still applies.
    assert.ok(server.logs.some((l) => /sourceCheck\.severity: "quote-variant": "loud" is not one of/.test(l)), server.logs.join('\n'));
    // The claims report and the status bar count only what is shown.
    const claims = (await server.connection.sendRequest('sourceCheck/claims', { uri })) as ClaimsResult;
    assert.deepEqual(claims.counts, { checked: 2, verified: 0, flagged: 1, ignored: 0 });
    assert.equal(claims.claims[0].severity, 'error');

    settings.severity = { misquote: 'information' };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p2 = await server.diagnostics(uri, (p) => p.diagnostics.length === 2);
    assert.deepEqual(p2.diagnostics.map((d) => [d.code, d.severity]), [['misquote', 3], ['unsourced-quote', 2]]);
  } finally {
    await server.stop();
    ws.dispose();
  }
});

test('sourceCheck.severity never raises a finding on a quote with a missing closing mark above information', async () => {
  const draft = 'Never closed: “Of course, that would be a disaster, Tokayev said.\n\nClosed: “Of course, that would be a disaster,” Tokayev said.\n';
  const ws = makeWorkspace({ 'draft.md': draft });
  const server = await startServer(ws.root, { severity: { misquote: 'error' } });
  try {
    const uri = pathToFileURL(path.join(ws.root, 'draft.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft } });
    const p = await server.diagnostics(uri, (p) => p.diagnostics.length >= 2);
    // LSP severities: 1 error, 3 information. The unclosed quote's end is a guess: information, whatever the setting.
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity, d.range.start.line]), [['misquote', 3, 0], ['misquote', 1, 2]]);
  } finally {
    await server.stop();
    ws.dispose();
  }
});

test('sourceCheck.drafts chooses the drafts; other markdown is left alone, and a change applies without a restart', async () => {
  const ws = makeWorkspace({ 'drafts/story.md': DRAFT, 'notes.md': DRAFT });
  const settings: Record<string, unknown> = { drafts: ['drafts/**/*.md'] };
  const server = await startServer(ws.root, settings);
  try {
    const story = pathToFileURL(path.join(ws.root, 'drafts', 'story.md')).toString();
    const notes = pathToFileURL(path.join(ws.root, 'notes.md')).toString();
    for (const uri of [story, notes]) {
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    }
    assert.equal((await server.diagnostics(story, (p) => p.diagnostics.length > 0)).diagnostics.length, 2);
    const notesClaims = (await server.connection.sendRequest('sourceCheck/claims', { uri: notes })) as ClaimsResult;
    assert.equal(notesClaims.skipped, 'not matched by sourceCheck.drafts');
    assert.deepEqual(notesClaims.claims, []);
    assert.ok(server.published.filter((p) => p.uri === notes).every((p) => p.diagnostics.length === 0));

    settings.drafts = ['**/*.md'];
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await server.diagnostics(notes, (p) => p.diagnostics.length > 0)).diagnostics.length, 2);
  } finally {
    await server.stop();
    ws.dispose();
  }
});

test('a folder without sources gets one message saying how to add some, however often settings change', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'source-check-empty-'));
  writeFileSync(path.join(root, 'draft.md'), DRAFT);
  const server = await startServer(root);
  try {
    const uri = pathToFileURL(path.join(root, 'draft.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    await server.diagnostics(uri);
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await server.connection.sendRequest('sourceCheck/reindex', {});
    const told = await until(
      async () => server.logs.filter((l) => /found no source articles/.test(l)),
      (t) => t.length > 0,
    );
    assert.equal(told.length, 1);
    assert.match(told[0], /Put articles in seeds\/ or sources\/, or set sourceCheck\.sources/);
    // No error per document: the draft's quotes are simply unsourced.
    const p = await server.diagnostics(uri);
    assert.ok(p.diagnostics.every((d) => d.code === 'unsourced-quote' || d.code === 'misquote'));
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
