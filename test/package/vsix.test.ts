// `npm run package` as a release would run it: vsce packages the built extension, and
// the .vsix holds the bundles, the grammars, the icon and the documents, and no
// node_modules, sources, tests or seeds. Skipped, with the reason, when vsce cannot run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { REPO } from '../support/seeds';
import { zipEntries } from '../support/zip';

const VSCE = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');

test('the packaged .vsix holds the bundles, grammars and icon, and no node_modules', (t) => {
  if (!existsSync(VSCE)) return t.skip('@vscode/vsce is not installed (npm ci installs it)');
  if (!existsSync(path.join(REPO, 'dist', 'extension.js'))) return t.skip('dist/ is not built (npm test builds it first)');
  const dir = mkdtempSync(path.join(tmpdir(), 'source-check-vsix-'));
  try {
    const out = path.join(dir, 'source-check.vsix');
    // The same vsce options as `npm run package`, on the dist/ the test run built.
    const script = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts.package as string;
    const options = script.slice(script.indexOf('vsce package') + 'vsce package'.length).replace(/--out \S+/, '').trim().split(/\s+/);
    const r = spawnSync(process.execPath, [VSCE, 'package', ...options, '--out', out], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0 && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|network/i.test(r.stderr + r.stdout)) {
      return t.skip(`vsce needs the network here: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
    }
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const entries = zipEntries(readFileSync(out));
    const files = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
    assert.deepEqual(files.filter((f) => f.includes('node_modules')), []);
    for (const f of ['package.json', 'readme.md', 'changelog.md', 'dist/extension.js', 'dist/server.js', 'dist/parseWorker.js', 'images/icon.png', 'syntaxes/source-check.claims.tmLanguage.json', 'syntaxes/plaintext.tmLanguage.json']) {
      assert.ok(files.includes(f), `${f} is in the .vsix: ${files.join(', ')}`);
    }
    // Nothing a user does not run: no TypeScript, tests, seeds, benchmarks or source maps.
    assert.deepEqual(files.filter((f) => /\.ts$|\.map$|^(test|seeds|server|client|bench|scripts)\//.test(f)), []);
    // Every file the manifest points at is inside.
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    for (const p of [manifest.main, manifest.icon, ...manifest.contributes.grammars.map((g: { path: string }) => g.path)]) {
      assert.ok(files.includes(path.posix.normalize(p)), `${p} (from package.json) is in the .vsix`);
    }
    const kb = statSync(out).size / 1024;
    t.diagnostic(`source-check.vsix: ${files.length} files, ${kb.toFixed(0)} KB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
