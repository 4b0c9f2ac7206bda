// Speakers as an editor sees them: a misattributed quote's diagnostic points at the
// source's attribution and offers the right name; the hover says who said the words
// and how that was found; sourceCheck/people lists the people of the sources.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { CodeAction, Hover, Position } from 'vscode-languageserver-protocol';
import { startServer, TestServer } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import { PeopleRequest, PeopleResult } from '../../server/src/lsp/protocol';

const DRAFT = [
  '# Draft',
  '',
  'Smadiyarov said: “If the right to self-determination is put into practice all over the world, then there will be over 600 countries instead of the 193 states that are currently members of the United Nations.”',
  '',
  'Foreign Ministry spokesperson Aibek Smadiyarov spoke on Monday. “We reconfirm our readiness to provide all possible assistance to the establishments of a political dialogue,” he said.',
  '',
].join('\n');

let ws: ReturnType<typeof makeWorkspace>;
let server: TestServer;
let uri: string;

function positionOf(needle: string): Position {
  const before = DRAFT.slice(0, DRAFT.indexOf(needle)).split('\n');
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

test('a quote given to the wrong person is a misattributed-quote warning that points at the source attribution', async () => {
  const p = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(p.diagnostics.map((d) => d.code), ['misattributed-quote']);
  const d = p.diagnostics[0];
  assert.equal(d.severity, 2);
  assert.deepEqual(d.range.start, positionOf('If the right'));
  assert.match(d.message as string, /gives? them to Kassym-Jomart Tokayev, Kazakh President/);
  // The first related location is the words that attribute the quote in the source.
  const attribution = d.relatedInformation![0];
  const line = readFileSync(fileURLToPath(attribution.location.uri), 'utf8').split('\n')[attribution.location.range.start.line];
  assert.ok(line.slice(attribution.location.range.start.character).startsWith('Tokayev said'), line);
});

test('its quick fix puts in the name the source gives', async () => {
  const p = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: p.diagnostics[0].range,
    context: { diagnostics: p.diagnostics },
  })) as CodeAction[];
  const fix = actions.find((a) => a.title.startsWith('Attribute the quote to'));
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const edit = fix!.edit!.changes![uri][0];
  assert.deepEqual(edit.range.start, positionOf('Smadiyarov said'));
  assert.equal(edit.newText, 'Tokayev');
});

test('the hover names the speaker, their role and how the attribution was found', async () => {
  await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf('We reconfirm') })) as Hover;
  const md = (hover.contents as { value: string }).value;
  assert.match(md, /\*\*Speaker:\*\* Aibek Smadiyarov, Foreign Ministry spokesperson/);
  assert.match(md, /“he said” → Aibek Smadiyarov, named one sentence earlier/);
  assert.match(md, /\*\*The draft attributes it to:\*\* Aibek Smadiyarov/);
});

test('sourceCheck/people lists each person once with spellings, roles and quote locations', async () => {
  const result = (await server.connection.sendRequest(PeopleRequest, {})) as PeopleResult;
  const tokayev = result.people.filter((p) => p.spellings.some((s) => /Tokayev|Toqaev/.test(s)));
  assert.equal(tokayev.length, 1, JSON.stringify(tokayev.map((p) => p.name)));
  assert.ok(tokayev[0].spellings.includes('Qasym-Zhomart Toqaev') && tokayev[0].spellings.includes('Kassym-Jomart Tokayev'));
  assert.ok(tokayev[0].roles.includes('Kazakh President'));
  assert.equal(tokayev[0].quoteCount, tokayev[0].quotes.length);
  const q = tokayev[0].quotes.find((x) => x.source.includes('000_'))!;
  const line = readFileSync(fileURLToPath(q.uri), 'utf8').split('\n')[q.range.start.line];
  assert.ok(line.slice(q.range.start.character).startsWith('If the right to self-determination'), line);
  const smadiyarov = result.people.find((p) => p.spellings.includes('Aibek Smadyarov'));
  assert.ok(smadiyarov?.spellings.includes('Aibek Smadiyarov'));
});
