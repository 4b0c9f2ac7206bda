// Figures and dates in the language server: diagnostics with related information, hover
// cards, go to the source figure, the quick fix, the sourceCheck/disagreements request,
// and the sourceCheck.unsourced.* settings.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic, Hover, LocationLink, Position } from 'vscode-languageserver-protocol';
import { startServer, TestServer } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import { DisagreementsRequest, DisagreementsResult } from '../../server/src/lsp/protocol';

const DRAFT = [
  '# Results',
  '',
  'Officials said 99.32% voted in favour in Donetsk.',
  '',
  'In Luhansk, 98.42% voted in favour.',
  '',
  'Kazakhstan sent 40 observers.',
  '',
  'Tokayev shared the stage with Putin at the plenary session on Friday, June 17.',
  '',
].join('\n');

let ws: ReturnType<typeof makeWorkspace>;
let server: TestServer;
let uri: string;

function positionOf(needle: string, delta = 0): Position {
  const offset = DRAFT.indexOf(needle) + delta;
  const lines = DRAFT.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

async function open(s: TestServer, root: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const u = pathToFileURL(path.join(root, 'draft.md')).toString();
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: DRAFT } });
  return { uri: u, diagnostics: (await s.diagnostics(u, (p) => p.version === 1 && p.diagnostics.length > 0)).diagnostics };
}

let diagnostics: Diagnostic[];

before(async () => {
  ws = makeWorkspace({ 'draft.md': DRAFT });
  server = await startServer(ws.root);
  ({ uri, diagnostics } = await open(server, ws.root));
});

after(async () => {
  await server.stop();
  ws.dispose();
});

test('a wrong figure is a warning on the figure, pointing at the source figure', () => {
  const mismatch = diagnostics.find((d) => d.code === 'figure-mismatch');
  assert.ok(mismatch, JSON.stringify(diagnostics));
  assert.deepEqual(mismatch.range.start, positionOf('99.32%'));
  assert.deepEqual(mismatch.range.end, positionOf('99.32%', '99.32%'.length));
  assert.match(String(mismatch.message), /^Donetsk, vote in favour: the sources give “99\.23%”/);
  const related = mismatch.relatedInformation![0];
  assert.match(related.location.uri, /seeds\/001_8e04abad5bad1dcd\.txt$/);
  assert.equal(related.location.range.start.line, 22);
  // A verified figure and date get no diagnostic; an unsourced figure is information.
  assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['figure-mismatch', 'unsourced-figure']);
});

test('hover on a figure shows the verdict, the source sentence with the figure marked and its metadata', async () => {
  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf('98.42%', 2) })) as Hover;
  const md = (hover.contents as { value: string }).value;
  assert.match(md, /Verified figure/);
  assert.match(md, /\*\*98\\\.42%\*\* in favor in the Luhansk region/);
  assert.match(md, / · 28 Sept 2022 — /);
});

test('hover on a mismatched figure: the draft’s value and the sources’ side by side, the source sentence next, the message not repeated', async () => {
  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf('99.32%', 2) })) as Hover;
  const lines = (hover.contents as { value: string }).value.split('\n').filter((l) => l.trim());
  assert.equal(lines[0], '### ⚠ Draft: “99\\.32%” · Sources: “99\\.23%”');
  assert.match(lines[1], /^> .*\*\*99\\\.23%\*\*/);
  assert.ok(!lines.some((l) => /the sources give “/.test(l)), 'the diagnostic’s message is not repeated in the card');
});

test('hover on a weekday resolved through the article date says how', async () => {
  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf('Friday, June 17', 3) })) as Hover;
  const md = (hover.contents as { value: string }).value;
  assert.match(md, /“Friday” in an article dated 18 June 2022 → 17 June 2022/);
});

test('go to definition jumps to the source figure', async () => {
  const links = (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: positionOf('98.42%', 1) })) as LocationLink[];
  assert.equal(links.length, 1);
  assert.match(links[0].targetUri, /seeds\/001_8e04abad5bad1dcd\.txt$/);
  assert.deepEqual(links[0].targetSelectionRange, { start: { line: 24, character: 0 }, end: { line: 24, character: 6 } });
});

test("the quick fix puts in the source's figure", async () => {
  const mismatch = diagnostics.find((d) => d.code === 'figure-mismatch')!;
  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: mismatch.range,
    context: { diagnostics: [mismatch] },
  })) as CodeAction[];
  const edit = actions[0].edit!.changes![uri][0];
  assert.equal(edit.newText, '99.23');
  assert.equal(actions[0].isPreferred, true);
  // The label reads as the draft will after the fix: the per cent sign kept.
  assert.equal(actions[0].title, "Use the source's figure: 99.23%");
});

test("a date's fix is offered but never the preferred one: a date resolved the wrong way would be written into the story", async () => {
  const text = 'The referendums started on September 21.\n';
  const ws2 = makeWorkspace({ 'dates.md': text });
  const s2 = await startServer(ws2.root);
  try {
    const u = pathToFileURL(path.join(ws2.root, 'dates.md')).toString();
    await s2.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text } });
    const { diagnostics: d2 } = await s2.diagnostics(u, (p) => p.version === 1 && p.diagnostics.length > 0);
    const mismatch = d2.find((d) => d.code === 'date-mismatch');
    assert.ok(mismatch, JSON.stringify(d2));
    const actions = (await s2.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: u },
      range: mismatch.range,
      context: { diagnostics: [mismatch] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title.startsWith("Use the source's"));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.match(fix.title, /September 23/);
    assert.notEqual(fix.isPreferred, true);
    assert.ok(actions.every((a) => a.isPreferred !== true), 'no one-key fix on a date');
  } finally {
    await s2.stop();
    ws2.dispose();
  }
});

test('sourceCheck/disagreements lists what the sources disagree on, with each version', async () => {
  const result = (await server.connection.sendRequest(DisagreementsRequest, {})) as DisagreementsResult;
  const smadiyarov = result.disagreements.find((d) => d.kind === 'date' && /Smadiyarov/.test(d.about));
  assert.ok(smadiyarov, JSON.stringify(result));
  assert.deepEqual(smadiyarov.versions.map((v) => v.text).sort(), ['Monday', 'Sep. 6']);
  assert.ok(smadiyarov.versions.every((v) => v.uri.startsWith('file:') && v.sentence.length > 0));
});

test('sourceCheck.unsourced.figures = false keeps unsourced figures quiet; mismatches stay', async () => {
  const ws2 = makeWorkspace({ 'draft.md': DRAFT });
  const quiet = await startServer(ws2.root, { unsourced: { figures: false, dates: false } });
  try {
    const { diagnostics: d2 } = await open(quiet, ws2.root);
    assert.deepEqual(d2.map((d) => d.code), ['figure-mismatch']);
  } finally {
    await quiet.stop();
    ws2.dispose();
  }
});
