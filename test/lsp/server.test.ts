// The language server as an editor sees it: a separate process over stdio, a
// workspace folder with the seeds, a draft opened, diagnostics, hover, definition,
// quick fix, and a source added while it runs.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { CodeAction, Hover, LocationLink, Position } from 'vscode-languageserver-protocol';
import { startServer, TestServer } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';

const DRAFT = [
  '# Draft',
  '',
  'Tokayev said: “If the right to self-determination is put into practice all over the world, then there will be over 600 countries instead of the 193 states that are currently members of the United Nations.”',
  '',
  '“Of course, that would be a disaster,” Tokayev said.',
  '',
  'The ministry said: «Kazakhstan will send peacekeepers to the region next week if asked.»',
  '',
].join('\n');

let ws: ReturnType<typeof makeWorkspace>;
let server: TestServer;
let uri: string;

function positionOf(needle: string, delta = 0): Position {
  const offset = DRAFT.indexOf(needle) + delta;
  const before = DRAFT.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

before(async () => {
  ws = makeWorkspace({ 'draft.md': DRAFT });
  server = await startServer(ws.root);
  uri = pathToFileURL(path.join(ws.root, 'draft.md')).toString();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
});

after(async () => {
  await server.stop();
  ws.dispose();
});

test('publishes a misquote and an unsourced quote, each covering exactly the quoted words', async () => {
  const p = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
  const byCode = Object.fromEntries(p.diagnostics.map((d) => [d.code, d]));
  assert.deepEqual(Object.keys(byCode).sort(), ['misquote', 'unsourced-quote']);
  const mis = byCode['misquote'];
  assert.equal(mis.source, 'source-check');
  assert.equal(mis.severity, 2);
  assert.deepEqual(mis.range.start, positionOf('Of course'));
  assert.deepEqual(mis.range.end, positionOf('a disaster', 'a disaster'.length));
  assert.match(mis.message, /“a disaster” where the source has “chaos”/);
  const related = mis.relatedInformation![0];
  const sourceText = readFileSync(fileURLToPath(related.location.uri), 'utf8').split('\n');
  assert.match(sourceText[related.location.range.start.line].slice(related.location.range.start.character), /^Of course, that would be chaos/);
  const unsourced = byCode['unsourced-quote'];
  assert.deepEqual(unsourced.range.start, positionOf('Kazakhstan will send'));
});

test('hover on a verified quote shows its provenance and the other source', async () => {
  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf('self-determination') })) as Hover;
  const md = (hover.contents as { value: string }).value;
  assert.match(md, /Verified quote/);
  assert.match(md, /Kazakhstan Refuses to Recognize Russia’s Referendums/);
  assert.match(md, /by Aldgra Fredly/);
  assert.match(md, /seeds\/000_03b0a985a00a2f0a\.txt`, line 26/);
  assert.match(md, /seeds\/003_9a73c015399860f1\.txt/);
});

test('go to definition lands on the exact words in each source', async () => {
  const links = (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: positionOf('193 states') })) as LocationLink[];
  assert.equal(links.length, 2);
  for (const link of links) {
    const lines = readFileSync(fileURLToPath(link.targetUri), 'utf8').split('\n');
    const r = link.targetRange;
    assert.equal(r.start.line, r.end.line);
    const words = lines[r.start.line].slice(r.start.character, r.end.character);
    assert.ok(words.startsWith('If the right to self-determination'), words);
    assert.ok(words.endsWith('members of the United Nations'), words);
    assert.deepEqual(link.originSelectionRange!.start, positionOf('If the right'));
  }
});

test("the quick fix replaces the misquote with the source's wording", async () => {
  const p = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
  const mis = p.diagnostics.find((d) => d.code === 'misquote')!;
  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: mis.range,
    context: { diagnostics: [mis] },
  })) as CodeAction[];
  const fix = actions.find((a) => a.kind === 'quickfix')!;
  assert.equal(fix.title, "Replace with the source's wording");
  const edit = fix.edit!.changes![uri][0];
  assert.equal(edit.newText, 'Of course, that would be chaos');
  assert.deepEqual(edit.range, mis.range);
});

test('an edit re-checks the draft and a new source file is indexed without a restart', async () => {
  const fixed = DRAFT.replace('a disaster', 'chaos');
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const p2 = await server.diagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(p2.diagnostics.map((d) => d.code), ['unsourced-quote']);

  const article = 'Kazakhstan ready to help\n\n«Kazakhstan will send peacekeepers to the region next week if asked,» the minister said.\n';
  const file = path.join(ws.root, 'sources', 'new.txt');
  require('fs').mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, article);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 1 }] });
  const p3 = await server.diagnostics(uri, (p) => p.version === 2 && p.diagnostics.length === 0);
  assert.equal(p3.diagnostics.length, 0);

  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 3 }] });
  const p4 = await server.diagnostics(uri, (p) => p.version === 2 && p.diagnostics.length === 1, 10_000);
  assert.equal(p4.diagnostics[0].code, 'unsourced-quote');
});
