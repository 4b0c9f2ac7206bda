// The requests and code actions behind the VS Code views and commands: the claims of
// a draft (status bar, claims report), the sources (Sources view), citations, reindex,
// and the Ignore This Claim and Insert Citation actions, through a real server process.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic, Position } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer, TestServer, until } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import type { CitationResult, ClaimsResult, ReindexResult, SourcesResult } from '../../server/src/lsp/protocol';

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

const SEED_000 = 'seeds/000_03b0a985a00a2f0a.txt';
const TITLE_000 = 'Kazakhstan Refuses to Recognize Russia’s Referendums in Occupied Ukrainian Territories';

let ws: ReturnType<typeof makeWorkspace>;
let server: TestServer;
let uri: string;
let version = 1;
let text = DRAFT;

function positionOf(needle: string, delta = 0): Position {
  const offset = text.indexOf(needle) + delta;
  assert.ok(offset >= delta, `${needle} not in the draft`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const claims = () => server.connection.sendRequest('sourceCheck/claims', { uri }) as Promise<ClaimsResult>;
const sources = () => server.connection.sendRequest('sourceCheck/sources', {}) as Promise<SourcesResult>;

async function actionsAt(needle: string): Promise<{ actions: CodeAction[]; diagnostic?: Diagnostic }> {
  const p = await server.diagnostics(uri, (p) => p.version === version);
  const at = positionOf(needle);
  const diagnostic = p.diagnostics.find((d) => d.range.start.line === at.line);
  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: at, end: at },
    context: { diagnostics: diagnostic ? [diagnostic] : [] },
  })) as CodeAction[];
  return { actions, diagnostic };
}

async function apply(action: CodeAction): Promise<void> {
  const doc = TextDocument.create(uri, 'markdown', version, text);
  text = TextDocument.applyEdits(doc, action.edit!.changes![uri]);
  version++;
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

before(async () => {
  ws = makeWorkspace({ 'draft.md': DRAFT });
  // A source read with a fallback, and a file matching the globs that cannot be read at all.
  writeFileSync(path.join(ws.root, 'seeds', 'latin1.txt'), Buffer.from('Caf\xe9 owners said \u201cprices rose sharply this year\u201d.', 'latin1'));
  writeFileSync(path.join(ws.root, 'seeds', 'picture.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  server = await startServer(ws.root);
  uri = pathToFileURL(path.join(ws.root, 'draft.md')).toString();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
});

after(async () => {
  await server.stop();
  ws.dispose();
});

test('sourceCheck/claims counts the claims for the status bar and lists each with its verdict and sources', async () => {
  // While the seeds are first indexed it answers at once, saying so; then with the claims.
  const r = await until(claims, (r) => r.skipped === null);
  assert.equal(r.skipped, null);
  assert.deepEqual(r.counts, { checked: 3, verified: 1, flagged: 2, ignored: 0 });
  assert.deepEqual(r.claims.map((c) => [c.verdict, c.code]), [['verified', null], ['misquote', 'misquote'], ['unsourced', 'unsourced-quote']]);
  const verified = r.claims[0];
  assert.deepEqual(verified.range.start, positionOf('If the right'));
  assert.deepEqual(verified.sources.map((s) => [s.role, s.id]), [['Source', SEED_000], ['Also in', 'seeds/003_9a73c015399860f1.txt']]);
  assert.equal(verified.sources[0].title, TITLE_000);
  assert.equal(verified.sources[0].author, 'Aldgra Fredly');
  assert.equal(verified.sources[0].outlet, null);
  assert.equal(verified.sources[0].range.start.line, 25);
  const mis = r.claims[1];
  assert.equal(mis.sources[0].role, 'Source passage');
  assert.equal(mis.sources[0].wording, 'Of course, that would be chaos');
  assert.match(mis.message!, /“a disaster” where the source has “chaos”/);
});

test('the claims report lists every claim with its verdict, its finding and links to the draft and the sources', async () => {
  const { report } = await claims();
  assert.match(report, /^# Claims in draft\\\.md$/m);
  assert.match(report, /^3 claims checked: 1 verified, 2 flagged\.$/m);
  assert.match(report, /^## 1\. ✓ Verified quote — \[line 3\]\(<file:\/\/\/.*\/draft\.md#L3,\d+-L3,\d+>\)$/m);
  assert.match(report, /^## 2\. ⚠ Misquote — \[line 5\]/m);
  assert.match(report, /^\*warning `misquote`\*: Misquote\\: “a disaster” where the source has “chaos”/m);
  assert.match(report, /^- Source passage: \*\*Kazakhstan Refuses .*\*\* · outlet unknown · by Aldgra Fredly · date unknown — \[seeds\/000\\_03b0a985a00a2f0a\\\.txt, line 26\]\(<file:\/\/\/.*\/seeds\/000_03b0a985a00a2f0a\.txt#L26,\d+-L26,\d+>\) — wording: “Of course, that would be chaos”$/m);
  assert.match(report, /^## 3\. ⚠ Unsourced quote/m);
});

test('sourceCheck/sources lists each source with metadata, counts, problems, and whether the open draft cites it', async () => {
  const r = await until(sources, (r) => r.folders[0]?.openDrafts === 1);
  assert.equal(r.indexing, false);
  const [folder] = r.folders;
  assert.equal(folder.uri, pathToFileURL(ws.root).toString());
  const byId = Object.fromEntries(folder.sources.map((s) => [s.id, s]));
  assert.deepEqual(Object.keys(byId).sort(), [SEED_000, 'seeds/001_8e04abad5bad1dcd.txt', 'seeds/002_61fae5efa680ce8d.txt', 'seeds/003_9a73c015399860f1.txt', 'seeds/004_984c000052343a31.txt', 'seeds/latin1.txt']);
  const s000 = byId[SEED_000];
  assert.equal(s000.title, TITLE_000);
  assert.equal(s000.author, 'Aldgra Fredly');
  assert.equal(s000.quotes, 5);
  assert.ok(s000.figures > 0);
  assert.equal(s000.cited, true);
  assert.equal(byId['seeds/003_9a73c015399860f1.txt'].cited, true);
  assert.equal(byId['seeds/003_9a73c015399860f1.txt'].outlet, 'India Today');
  assert.equal(byId['seeds/002_61fae5efa680ce8d.txt'].cited, false);
  assert.match(byId['seeds/latin1.txt'].problem!, /read as Windows-1252/);
  assert.equal(s000.problem, null);
  assert.deepEqual(folder.unreadable.map((u) => u.id), ['seeds/picture.txt']);
  assert.match(folder.unreadable[0].problem, /binary file/);
});

test('sourceCheck/citation gives the source of the quote under the cursor; nothing outside a sourced quote', async () => {
  const c = (await server.connection.sendRequest('sourceCheck/citation', { uri, position: positionOf('self-determination') })) as CitationResult;
  assert.equal(c.source.id, SEED_000);
  assert.equal(c.text, `${TITLE_000}. by Aldgra Fredly.`);
  const none = await server.connection.sendRequest('sourceCheck/citation', { uri, position: positionOf('Kazakhstan will send') });
  assert.equal(none, null);
  const heading = await server.connection.sendRequest('sourceCheck/citation', { uri, position: { line: 0, character: 2 } });
  assert.equal(heading, null);
});

test('sourceCheck/citation in a source file cites that source', async () => {
  const seedUri = pathToFileURL(path.join(ws.root, 'seeds', '003_9a73c015399860f1.txt')).toString();
  const seedText = require('fs').readFileSync(path.join(ws.root, 'seeds', '003_9a73c015399860f1.txt'), 'utf8');
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: seedUri, languageId: 'plaintext', version: 1, text: seedText } });
  const c = (await server.connection.sendRequest('sourceCheck/citation', { uri: seedUri, position: { line: 3, character: 0 } })) as CitationResult;
  assert.equal(c.source.outlet, 'India Today');
  assert.match(c.text, /^Russia ally Kazakhstan refuses to recognise Donetsk Luhansk as independent republics\. India Today, by Geeta Mohan, 18 June 2022\. https:\/\/www\.indiatoday\.in\//);
  assert.match(c.markdown, /^\[Russia ally Kazakhstan .*\]\(<https:\/\/www\.indiatoday\.in\/.*>\)\. India Today, by Geeta Mohan, 18 June 2022\.$/);
  const claimsOfSource = (await server.connection.sendRequest('sourceCheck/claims', { uri: seedUri })) as ClaimsResult;
  assert.equal(claimsOfSource.skipped, 'a source (sourceCheck.sources)');
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: seedUri } });
});

test('a misquote offers the source wording, Ignore This Claim and Insert Citation', async () => {
  const { actions } = await actionsAt('Of course');
  assert.deepEqual(actions.map((a) => a.title), ["Replace with the source's wording", 'Ignore This Claim', `Insert Citation: ${TITLE_000}`]);
  const verified = await actionsAt('self-determination');
  assert.deepEqual(verified.actions.map((a) => a.title), [`Insert Citation: ${TITLE_000}`]);
  const unsourced = await actionsAt('Kazakhstan will send');
  assert.deepEqual(unsourced.actions.map((a) => a.title), ['Ignore This Claim']);
});

test('Insert Citation puts a footnote after the closing mark and its text at the end, once per source', async () => {
  await apply((await actionsAt('self-determination')).actions[0]);
  // Labelled by the author's surname: the source gives no outlet and no date.
  assert.match(text, /United Nations\.”\[\^fredly\]\n/);
  assert.ok(text.endsWith(`\n[^fredly]: ${TITLE_000}. by Aldgra Fredly.\n`), text);
  await apply((await actionsAt('Of course')).actions.find((a) => a.title.startsWith('Insert Citation'))!);
  assert.match(text, /disaster,”\[\^fredly\] Tokayev said/);
  assert.equal(text.match(/^\[\^fredly\]:/gm)!.length, 1);
  // The citation changes no verdict.
  const p = await server.diagnostics(uri, (p) => p.version === version);
  assert.deepEqual(p.diagnostics.map((d) => d.code), ['misquote', 'unsourced-quote']);
});

test('Ignore This Claim adds a directive that silences exactly that finding', async () => {
  await apply((await actionsAt('Of course')).actions.find((a) => a.title === 'Ignore This Claim')!);
  assert.match(text, /\n<!-- source-check-disable-next-line misquote -->\n“Of course/);
  const p = await server.diagnostics(uri, (p) => p.version === version);
  assert.deepEqual(p.diagnostics.map((d) => d.code), ['unsourced-quote']);
  const r = await claims();
  assert.deepEqual(r.counts, { checked: 3, verified: 1, flagged: 1, ignored: 1 });
  assert.equal(r.claims[1].ignored, true);
  assert.match(r.report, /^## 2\. ⚠ Misquote \(ignored\)/m);
  // The hover still shows the provenance, and says why there is no diagnostic.
  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf('Of course', 3) })) as { contents: { value: string } };
  assert.match(hover.contents.value, /Misquote[^]*Ignored: a source-check directive in this draft covers it/);
});

test('sourceCheck/reindex re-reads the sources: a new file is counted', async () => {
  writeFileSync(path.join(ws.root, 'seeds', 'new.txt'), 'Peacekeepers\n\n«Kazakhstan will send peacekeepers to the region next week if asked,» the minister said.\n');
  const r = (await server.connection.sendRequest('sourceCheck/reindex', {})) as ReindexResult;
  assert.deepEqual(r, { sources: 7, unreadable: 2 });
  const p = await server.diagnostics(uri, (p) => p.version === version && p.diagnostics.length === 0);
  assert.deepEqual(p.diagnostics, []);
  // The problems message is not repeated by a reindex.
  assert.equal(server.logs.filter((l) => /could not be read as expected/.test(l)).length, 1, server.logs.join("\n"));
});
