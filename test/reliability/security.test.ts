// Source text is untrusted. Hostile source files (Markdown links to command: URIs,
// HTML, script, images, backticks, terminal escapes) are shown as text in hovers and
// CLI output; the server and CLI never run a command or touch the network; sources are
// read only from inside the workspace; the manifest declares trust and virtual
// workspace behaviour.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { marked } from 'marked';
import type { Hover, LocationLink } from 'vscode-languageserver-protocol';
import { startServer, TestServer } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import { REPO } from '../support/seeds';
import { compileGlobs } from '../../server/src/node/sourceFiles';

const HOSTILE_TXT = [
  '[Click me](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) <script>alert(1)</script>',
  '',
  '<img src=x onerror=alert(1)> By `rm -rf /`',
  '',
  'The trader said “the harbour cranes were seized by [unknown men](command:evil.run) <b>at</b> dawn <script>fetch("https://evil.example")</script> and `rm -rf` ![img](https://evil.example/x.png) <!-- hidden --> <a href="command:evil">yesterday</a> *in* _the_ port” on Monday.',
  '',
].join('\n');

const HOSTILE_MD = [
  '---',
  'title: "[Click](command:evil.title) <script>alert(2)</script>"',
  'outlet: "<iframe src=https://evil.example></iframe>"',
  'author: "`whoami` **bold** [x](https://evil.example)"',
  'date: 2022-06-18',
  'url: "javascript:alert(3)"',
  '---',
  '',
  'The broker said “grain exports through the northern corridor will double by the end of the season” at the fair.',
  '',
].join('\n');

const DRAFT = [
  'He said “the harbour cranes were seized by unknown men at dawn and rm rf img in the port”.',
  '',
  'She said “grain exports through the northern corridor will double by the end of the season”.',
  '',
  'They said “the harbour cranes were seized by unknown men at dawn yesterday”.',
  '',
  'The clerk said “the vote on the new budget was unanimous in the end”.',
  '',
].join('\n');

/** A source whose quote holds a right-to-left override: displayed as is, it reads "…was suomina nu…". */
const BIDI_TXT = 'Council news\n\nThe clerk said “the vote on the new budget was \u202Eunanimous\u202C in the end” on Friday, \u2066isolated\u2069 and \u0007 rung.\n';

const SENTINEL_JS = path.join(REPO, 'test', 'reliability', 'support', 'sentinel.cjs');
let ws: ReturnType<typeof makeWorkspace>;
let server: TestServer;
let uri: string;
let sentinelLog: string;

before(async () => {
  ws = makeWorkspace({ 'sources/hostile.txt': HOSTILE_TXT, 'sources/hostile.md': HOSTILE_MD, 'sources/bidi.txt': BIDI_TXT, 'draft.md': DRAFT });
  sentinelLog = path.join(ws.root, 'sentinel.log');
  process.env.SOURCE_CHECK_SENTINEL = sentinelLog;
  server = await startServer(ws.root, {}, {}, process.env, ['--require', SENTINEL_JS]);
  uri = pathToFileURL(path.join(ws.root, 'draft.md')).toString();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
  await server.diagnostics(uri, () => true, 30_000);
});

after(async () => {
  await server.stop();
  ws.dispose();
});

/** The hover as VS Code draws it: Markdown rendered to HTML by marked (VS Code's renderer). */
async function renderedHover(line: number, character: number): Promise<{ md: string; html: string; text: string }> {
  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as Hover;
  const contents = hover.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  const html = await marked.parse(contents.value, { gfm: true });
  const text = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return { md: contents.value, html, text };
}

/** The only elements a hover may produce: formatting, never links, images, scripts or frames. */
const ALLOWED_TAGS = new Set(['h3', 'p', 'strong', 'em', 'code', 'blockquote', 'ul', 'li', 'br']);

function assertInert(html: string): void {
  for (const [element, tag, attributes] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    assert.ok(ALLOWED_TAGS.has(tag.toLowerCase()), `a <${tag}> element in the hover: ${html}`);
    assert.equal(attributes.trim(), '', `an element with attributes in the hover: ${element}`);
  }
}

test('hovers show hostile source text as text: no link, command, image, HTML or script survives', async () => {
  for (let line = 0; line < DRAFT.split('\n').length; line += 2) {
    const { md, html, text } = await renderedHover(line, DRAFT.split('\n')[line].indexOf('“') + 3);
    assertInert(html);
    assert.match(md, /^### /);
    if (line === 0 || line === 4) {
      // The source's words are there to read, verbatim.
      assert.match(text, /\[unknown men\]\(command:evil\.run\)/);
      assert.match(text, /<script>fetch\("https:\/\/evil\.example"\)<\/script>/);
      assert.match(text, /`rm -rf`/);
    }
    // No direction override, embedding, isolate or control character reaches the hover: each is shown by its code.
    assert.doesNotMatch(md, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/, JSON.stringify(md));
    if (line === 6) {
      assert.match(md, /Verified quote/);
      assert.match(text, /was \\u202Eunanimous\\u202C in the end/);
    }
    if (line === 2) {
      assert.match(text, /\[Click\]\(command:evil\.title\) <script>alert\(2\)<\/script>/);
      assert.match(text, /<iframe src=https:\/\/evil\.example><\/iframe>/);
      assert.match(text, /by `whoami` \*\*bold\*\* \[x\]\(https:\/\/evil\.example\)/);
    }
  }
});

test('go-to-source only ever points into the workspace', async () => {
  const links = (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 2, character: 12 } })) as LocationLink[];
  assert.ok(links.length > 0);
  for (const l of links) assert.ok(l.targetUri.startsWith(pathToFileURL(ws.root).toString() + '/'), l.targetUri);
});

test('the server ran no command and made no network call while indexing, checking and answering', async () => {
  await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } });
  writeFileSync(path.join(ws.root, 'sources', 'new.html'), '<p>She said “<a href="command:x">a new</a> source arrived”.</p>');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(ws.root, 'sources', 'new.html')).toString(), type: 1 }] });
  await server.diagnostics(uri, () => true);
  // The sentinel is loaded: a write to its log proves it would have caught an attempt.
  assert.ok(server.logs.every((l) => !/blocked by the test sentinel/.test(l)), server.logs.join('\n'));
  assert.equal(existsSync(sentinelLog) ? readFileSync(sentinelLog, 'utf8') : '', '');
});

test('the CLI prints hostile source text inert: no terminal escapes or direction overrides, no command, no network', () => {
  const w = makeWorkspace({
    'sources/escape.txt': 'Escapes \u001b]8;;https://x\u0007link\u001b]8;;\u0007\n\nThe pilot said “the runway lights were dim\u001b[8mly \u202Ebefore\u202C landing” on Friday.\n',
    'draft.md': 'He said “the runway lights were dark before landing”.\n',
  });
  const log = path.join(w.root, 'sentinel.log');
  try {
    for (const format of ['text', 'json']) {
      const r = spawnSync(process.execPath, ['--require', SENTINEL_JS, path.join(REPO, 'dist', 'cli.js'), 'check', '--format', format, 'draft.md'], {
        cwd: w.root,
        encoding: 'utf8',
        env: { ...process.env, SOURCE_CHECK_SENTINEL: log },
      });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /misquote/);
      // What the source holds is still shown, as escapes.
      assert.match(r.stdout, /dim\\u001b\[8mly/);
      assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/, JSON.stringify(r.stdout));
    }
    assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '');
  } finally {
    w.dispose();
  }
});

test('source globs that climb out of the workspace are refused, by the server and the CLI', async () => {
  const bad = ['../**/*.txt', '/etc/**/*.txt', 'seeds/../../**/*.txt', '..\\outside\\*.txt'];
  const globs = compileGlobs([...bad, 'seeds/**/*.txt']);
  assert.equal(globs.refused.length, bad.length);
  for (const [i, g] of bad.entries()) assert.equal(globs.refused[i], `${g}: source globs must stay inside the workspace folder`);
  assert.deepEqual(globs.bases, ['seeds']);

  // A file beside the workspace that the refused globs would reach.
  const parent = mkdtempSync(path.join(tmpdir(), 'source-check-parent-'));
  const inner = makeWorkspace({ 'draft.md': 'He said “the neighbour folder must never be searched for sources”.\n' });
  writeFileSync(path.join(path.dirname(inner.root), path.basename(parent) + '.txt'), '');
  writeFileSync(path.join(parent, 'leak.txt'), 'Leak\n\nHe said “the neighbour folder must never be searched for sources”.\n');
  const rel = path.relative(inner.root, parent).split(path.sep).join('/');
  try {
    const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'check', '--sources', `${rel}/*.txt`, '--sources', 'seeds/*.txt', 'draft.md'], { cwd: inner.root, encoding: 'utf8' });
    assert.match(r.stderr, new RegExp(`${rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\*\\.txt: source globs must stay inside the workspace folder`));
    assert.match(r.stdout, /unsourced-quote/);

    const s = await startServer(inner.root, { sources: [`${rel}/*.txt`, 'seeds/*.txt'] });
    try {
      const d = pathToFileURL(path.join(inner.root, 'draft.md')).toString();
      await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: d, languageId: 'markdown', version: 1, text: readFileSync(path.join(inner.root, 'draft.md'), 'utf8') } });
      const p = await s.diagnostics(d, () => true);
      assert.deepEqual(p.diagnostics.map((x) => x.code), ['unsourced-quote']);
      assert.ok(s.logs.some((l) => l.includes(`${rel}/*.txt: source globs must stay inside the workspace folder`)), s.logs.join('\n'));
    } finally {
      await s.stop();
    }
  } finally {
    inner.dispose();
    rmSync(parent, { recursive: true, force: true });
    rmSync(path.join(path.dirname(inner.root), path.basename(parent) + '.txt'), { force: true });
  }
});

test('the manifest declares Restricted Mode and virtual workspace behaviour, naming real settings', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const caps = manifest.capabilities;
  assert.equal(caps.untrustedWorkspaces.supported, 'limited');
  const settings = Object.keys(manifest.contributes.configuration.properties);
  assert.ok(caps.untrustedWorkspaces.restrictedConfigurations.length > 0);
  for (const s of caps.untrustedWorkspaces.restrictedConfigurations) assert.ok(settings.includes(s), s);
  assert.ok(caps.untrustedWorkspaces.description.length > 20);
  assert.equal(caps.virtualWorkspaces.supported, false);
  assert.ok(caps.virtualWorkspaces.description.length > 20);
});
