// A multi-root workspace: each folder has its own sources and settings, a draft is
// checked against its own folder's sources, and adding or removing a folder updates
// the index and re-checks open drafts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startServer, until } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import type { SourcesResult } from '../../server/src/lsp/protocol';

const PEACEKEEPERS = 'Kazakhstan will send peacekeepers to the region next week if asked';
const DRAFT = `The ministry said: «${PEACEKEEPERS}.»\n`;

test('two folders, each with its own sources and settings; folders added and removed while running', async () => {
  // A: the seeds. B: one article of its own in articles/ (its own sourceCheck.sources), no seeds.
  const a = makeWorkspace({ 'draft.md': DRAFT });
  const b = makeWorkspace({ 'draft.md': DRAFT, 'articles/peace.txt': `Peacekeepers\n\n«${PEACEKEEPERS},» the minister said.\n` });
  const c = makeWorkspace({ 'sources/peace.txt': `Peacekeepers\n\n«${PEACEKEEPERS},» the minister said.\n` });
  const bUri = pathToFileURL(b.root).toString();
  const server = await startServer([a.root, b.root], (scope) => (scope === bUri ? { sources: ['articles/**/*.txt'] } : {}));
  const sources = () => server.connection.sendRequest('sourceCheck/sources', {}) as Promise<SourcesResult>;
  try {
    const draftA = pathToFileURL(path.join(a.root, 'draft.md')).toString();
    const draftB = pathToFileURL(path.join(b.root, 'draft.md')).toString();
    for (const uri of [draftA, draftB]) {
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
    }
    const pa = await server.diagnostics(draftA, (p) => p.diagnostics.length > 0);
    assert.deepEqual(pa.diagnostics.map((d) => d.code), ['unsourced-quote']);
    const pb = await server.diagnostics(draftB);
    assert.deepEqual(pb.diagnostics, []);

    const r = await until(sources, (r) => !r.indexing);
    assert.deepEqual(
      r.folders.map((f) => [f.uri, f.sources.length]),
      [
        [pathToFileURL(a.root).toString(), 5],
        [bUri, 1],
      ],
    );
    assert.equal(r.folders[1].sources[0].id, 'articles/peace.txt');

    // Add C: its sources appear. Remove A: its sources go, and its open draft is re-checked (against the first remaining folder, B).
    const cUri = pathToFileURL(c.root).toString();
    await server.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: cUri, name: 'c' }], removed: [{ uri: pathToFileURL(a.root).toString(), name: 'a' }] },
    });
    const r2 = await until(sources, (r) => !r.indexing && r.folders.length === 2 && r.folders.some((f) => f.uri === cUri));
    // (makeWorkspace copies the seeds into every folder: C holds them and its own article.)
    assert.deepEqual(r2.folders.map((f) => [f.uri, f.sources.length, f.sources.some((s) => s.id === 'sources/peace.txt')]), [
      [bUri, 1, false],
      [cUri, 6, true],
    ]);
    const pa2 = await server.diagnostics(draftA, (p) => p.diagnostics.length === 0);
    assert.deepEqual(pa2.diagnostics, []);
  } finally {
    await server.stop();
    for (const w of [a, b, c]) w.dispose();
  }
});
