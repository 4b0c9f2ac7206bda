// The on-disk index cache as a writer meets it across restarts: a second start restores
// the index instead of re-reading the sources, catches up with a source changed while
// the editor was closed, and a damaged cache is noticed, rebuilt, and never believed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startServer } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';

const DRAFT = 'Tokayev said “Of course, that would be a disaster.” The minister said “Kazakhstan will send peacekeepers to the region next week.”\n';

async function session(root: string, cacheDir: string) {
  const server = await startServer(root, {}, { cacheDir });
  const uri = pathToFileURL(path.join(root, 'draft.md')).toString();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
  const published = await server.diagnostics(uri, (p) => p.diagnostics.length > 0);
  return { server, codes: published.diagnostics.map((d) => d.code).sort(), uri };
}

async function cacheFile(cacheDir: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const f = readdirSync(cacheDir).find((n) => n.endsWith('.bin'));
    if (f) return path.join(cacheDir, f);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the index cache was never written');
}

test('a restart restores the index from the cache and catches up with changed sources', async () => {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'source-check-cache-'));
  try {
    const first = await session(ws.root, cacheDir);
    assert.deepEqual(first.codes, ['misquote', 'unsourced-quote']);
    const file = await cacheFile(cacheDir);
    await first.server.stop();

    // While the editor is closed, a new source appears that carries the second quote.
    writeFileSync(path.join(ws.root, 'seeds', 'new.txt'), 'Minister speaks\n\n“Kazakhstan will send peacekeepers to the region next week,” the minister said.\n');
    const second = await session(ws.root, cacheDir);
    assert.ok(second.server.logs.some((l) => /restored from the index cache/.test(l)), second.server.logs.join('\n'));
    const caughtUp = await second.server.diagnostics(second.uri, (p) => p.diagnostics.length === 1);
    assert.equal(caughtUp.diagnostics[0].code, 'misquote');
    await second.server.stop();
    assert.ok(existsSync(file));
  } finally {
    ws.dispose();
  }
});

test('a damaged cache is rebuilt, not trusted', async () => {
  const ws = makeWorkspace({ 'draft.md': DRAFT });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'source-check-cache-'));
  try {
    const first = await session(ws.root, cacheDir);
    const file = await cacheFile(cacheDir);
    await first.server.stop();
    for (const damage of ['flip', 'truncate'] as const) {
      const bytes = readFileSync(file);
      if (damage === 'flip') bytes[bytes.length - 5] ^= 0xff;
      writeFileSync(file, damage === 'flip' ? bytes : bytes.subarray(0, bytes.length >> 1));
      const again = await session(ws.root, cacheDir);
      assert.ok(again.server.logs.some((l) => /index cache .*(checksum mismatch|truncated).*rebuilding it/.test(l)), again.server.logs.join('\n'));
      assert.ok(!again.server.logs.some((l) => /restored from the index cache/.test(l)));
      assert.deepEqual(again.codes, ['misquote', 'unsourced-quote']);
      await again.server.stop();
    }
  } finally {
    ws.dispose();
  }
});
