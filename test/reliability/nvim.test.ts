// An independent LSP client: headless Neovim (Debian's neovim package) drives the
// server over stdio on the same draft as the project's own client, and must get the
// same diagnostics, hovers and definitions. Proves the server speaks standard LSP, not
// a VS Code dialect. Skipped, saying so, where nvim is not installed
// (`apt-get install -y neovim`; .ci/run installs it).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, Hover, LocationLink, Position } from 'vscode-languageserver-protocol';
import { startServer, TestServer } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import { REPO } from '../support/seeds';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = nvim.status === 0 ? false : 'nvim is not installed (apt-get install -y neovim): the independent-client test is skipped';

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
const AT = ['self-determination', 'Of course', 'peacekeepers'];
const positionOf = (needle: string): Position => {
  const before = DRAFT.slice(0, DRAFT.indexOf(needle)).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length + 2 };
};

let ws: ReturnType<typeof makeWorkspace>;
let ours: { diagnostics: Diagnostic[]; hovers: Array<Hover | null>; definitions: Array<LocationLink[] | null> };
let theirs: {
  diagnostics: Diagnostic[];
  hovers: Array<Hover | null>;
  definitions: Array<LocationLink[] | null>;
  errors: string[];
  /** After Neovim's edits: the buffer's text, the version published and the buffer's last version, its diagnostics. */
  edited: { text: string; version: number | null; final_version: number; diagnostics: Diagnostic[] };
};
/** Our client's diagnostics for the text Neovim ended with, opened fresh. */
let oursEdited: Diagnostic[];

before(async () => {
  if (skip) return;
  ws = makeWorkspace({ 'draft.md': DRAFT });
  const uri = pathToFileURL(path.join(ws.root, 'draft.md')).toString();
  // The project's own client.
  const server: TestServer = await startServer(ws.root);
  try {
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    const p = await server.diagnostics(uri, (x) => x.diagnostics.length > 0);
    const hovers: Array<Hover | null> = [];
    const definitions: Array<LocationLink[] | null> = [];
    for (const needle of AT) {
      const params = { textDocument: { uri }, position: positionOf(needle) };
      hovers.push((await server.connection.sendRequest('textDocument/hover', params)) as Hover | null);
      definitions.push((await server.connection.sendRequest('textDocument/definition', params)) as LocationLink[] | null);
    }
    ours = { diagnostics: p.diagnostics, hovers, definitions };
  } finally {
    await server.stop();
  }
  // Neovim, headless, with a throwaway home so nothing of the user's is read or written.
  const home = mkdtempSync(path.join(tmpdir(), 'source-check-nvim-'));
  const out = path.join(home, 'result.json');
  try {
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(REPO, 'test', 'reliability', 'nvim', 'client.lua')}`], {
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_STATE_HOME: path.join(home, 'state'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        SC_SERVER: path.join(REPO, 'dist', 'server.js'),
        SC_ROOT: ws.root,
        SC_DRAFT: path.join(ws.root, 'draft.md'),
        SC_OUT: out,
        SC_POSITIONS: JSON.stringify(AT.map(positionOf)),
      },
    });
    theirs = JSON.parse(readFileSync(out, 'utf8'));
    assert.ok(theirs, `nvim wrote no result: ${r.stderr}`);
    // The text Neovim ended with, checked from scratch by the project's own client.
    const server: TestServer = await startServer(ws.root);
    try {
      const edited = pathToFileURL(path.join(ws.root, 'edited.md')).toString();
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: edited, languageId: 'markdown', version: 1, text: theirs.edited.text } });
      oursEdited = (await server.diagnostics(edited, (x) => x.diagnostics.length > 0)).diagnostics;
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

after(() => ws?.dispose());

const sortByRange = (ds: Diagnostic[]) => [...ds].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

test('Neovim gets the same diagnostics: codes, severities, messages and exact ranges', { skip }, () => {
  assert.deepEqual(theirs.errors, []);
  const pick = (d: Diagnostic) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range });
  assert.deepEqual(sortByRange(theirs.diagnostics).map(pick), sortByRange(ours.diagnostics).map(pick));
  assert.deepEqual(ours.diagnostics.map((d) => d.code).sort(), ['misquote', 'unsourced-quote']);
});

test('Neovim, after typing with its own incremental sync: diagnostics for its final version, the same as for that text opened fresh', { skip }, () => {
  assert.deepEqual(theirs.errors, []);
  assert.match(theirs.edited.text, /^x{30}# Draft\n\nA new paragraph 🎉/);
  assert.equal(theirs.edited.version, theirs.edited.final_version);
  const pick = (d: Diagnostic) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range });
  assert.deepEqual(sortByRange(theirs.edited.diagnostics).map(pick), sortByRange(oursEdited).map(pick));
  assert.match(theirs.edited.text, /\n🎉👩🏽‍💼 “Of course/);
  // The ranges moved down by the inserted paragraph.
  assert.deepEqual(
    sortByRange(theirs.edited.diagnostics).map((d) => d.range.start.line),
    sortByRange(theirs.diagnostics).map((d) => d.range.start.line + 2),
  );
});

test('Neovim gets the same hovers', { skip }, () => {
  assert.equal(theirs.hovers.length, AT.length);
  for (let i = 0; i < AT.length; i++) assert.deepEqual(theirs.hovers[i], ours.hovers[i], AT[i]);
  assert.match((ours.hovers[0]!.contents as { value: string }).value, /Verified quote/);
});

test('Neovim gets the same definitions', { skip }, () => {
  for (let i = 0; i < AT.length; i++) {
    const norm = (d: LocationLink[] | null | undefined) => (d && (d as unknown) !== null && Array.isArray(d) ? d : null);
    assert.deepEqual(norm(theirs.definitions[i]), norm(ours.definitions[i]), AT[i]);
  }
  assert.equal(ours.definitions[0]!.length, 2);
});
