// Everything a writer reads is bounded, whatever the corpus holds (issue 16, item 7): a source
// whose front matter gives a title, outlet and author of hundreds of words and an address of
// thousands of characters, quoting a 300-word statement the draft gets wrong in three long stretches.
// Before the bounds, one message on real wire copy reached 101,964 characters.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startServer } from '../support/lspClient';
import { REPO } from '../support/seeds';
import type { ClaimsResult, SourcesResult } from '../../server/src/lsp/protocol';

/** Made-up words of three syllables, from a fixed seed: the same corpus every run. */
function words(n: number, seed: number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ra', 'ze', 'tu', 'ne', 'vo', 'si', 'pa', 'de', 'gu', 'ri', 'mo', 'ha', 'le'];
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) % syllables.length;
  return Array.from({ length: n }, () => syllables[next()] + syllables[next()] + syllables[next()]);
}
const cap = (w: string) => w[0].toUpperCase() + w.slice(1);

function hostileFolder(): { root: string; draft: string; dispose(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'source-check-bounds-'));
  const statement = words(300, 7);
  const source = [
    '---',
    `title: Hostile ${words(500, 11).map(cap).join(' ')}`,
    `outlet: ${words(80, 13).map(cap).join(' ')}`,
    `author: ${words(80, 17).map(cap).join(' ')}`,
    'date: 2022-09-26',
    `url: https://example.com/${'x'.repeat(2000)}`,
    '---',
    'The minister spoke at length.',
    '',
    `“${cap(statement.join(' '))},” the minister said on Monday.`,
    '',
  ].join('\n');
  // Three stretches of 25 words changed: still the same statement (a misquote: three differences, a
  // quarter of the words), each difference 25 words long on both sides.
  const changed = statement.map((w, i) => (i % 100 >= 50 && i % 100 < 75 ? w + 'q' : w));
  const draft = `# Draft\n\nThe minister said: “${cap(changed.join(' '))}.”\n`;
  mkdirSync(path.join(root, 'sources'));
  writeFileSync(path.join(root, 'sources', 'long.md'), source);
  writeFileSync(path.join(root, 'draft.md'), draft);
  return { root, draft, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

const longest = (lines: string[]) => lines.reduce((a, b) => (b.length > a.length ? b : a), '');

test('messages, related notes, hovers, fix labels, the claims report and the CLI stay bounded on a hostile source', async () => {
  const ws = hostileFolder();
  const server = await startServer(ws.root);
  try {
    const uri = pathToFileURL(path.join(ws.root, 'draft.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: ws.draft } });
    const { diagnostics } = await server.diagnostics(uri, (p) => p.diagnostics.length > 0, 30_000);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['misquote'],
    );
    for (const d of diagnostics) {
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      assert.ok(message.length <= 500, `message of ${message.length} characters`);
      assert.ok(message.endsWith('…'), 'a message that was cut says so');
      assert.ok((d.relatedInformation ?? []).length <= 10);
      for (const r of d.relatedInformation ?? []) assert.ok(r.message.length <= 200, `related note of ${r.message.length} characters`);
      const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start })) as Hover;
      const card = (hover.contents as MarkupContent).value;
      // A card a reader can take in: each line bounded, the whole within a screen's worth.
      assert.ok(card.length <= 4000, `hover of ${card.length} characters`);
      assert.ok(longest(card.split('\n')).length <= 1200, `hover line of ${longest(card.split('\n')).length} characters: ${longest(card.split('\n')).slice(0, 200)}`);
      const actions = (await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d] },
      })) as CodeAction[];
      assert.ok(actions.length > 0);
      for (const a of actions) assert.ok(a.title.length <= 140, `code action title of ${a.title.length} characters`);
    }
    const claims = (await server.connection.sendRequest('sourceCheck/claims', { uri })) as ClaimsResult;
    const report = claims.report.split('\n');
    assert.ok(longest(report).length <= 1200, `report line of ${longest(report).length} characters: ${longest(report).slice(0, 300)}`);
    for (const c of claims.claims) assert.ok((c.message ?? "").length <= 500, `claim message of ${(c.message ?? "").length} characters`);
    // The Sources view's answer carries the metadata as data; the view shows it cut by the tree.
    const listed = (await server.connection.sendRequest('sourceCheck/sources', {})) as SourcesResult;
    assert.equal(listed.folders[0].sources.length, 1);
  } finally {
    await server.stop();
  }

  // The command line: one finding a line, its message cut as in the editor; the report's lines bounded.
  const cli = (args: string[]) => spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { cwd: ws.root, encoding: 'utf8' });
  const check = cli(['check', '--exit-zero', '--no-cache', 'draft.md']);
  assert.equal(check.status, 0, check.stderr);
  const finding = check.stdout.split('\n').find((l) => l.includes(' misquote: '))!;
  assert.ok(finding.length <= 'draft.md:3:21: warning misquote: '.length + 500, `CLI line of ${finding.length} characters`);
  const md = cli(['report', '--no-cache', 'draft.md']);
  assert.equal(md.status, 0, md.stderr);
  assert.ok(longest(md.stdout.split('\n')).length <= 1200, `CLI report line of ${longest(md.stdout.split('\n')).length} characters`);
  ws.dispose();
});
