// Runs every test file under test/ (test/**/*.test.ts) with node's test runner, through tsx.
// `node scripts/test.mjs unit` runs test/core only, for quick loops.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { spawnSync } from 'child_process';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv[2] === 'unit' ? join(root, 'test', 'core') : join(root, 'test');
// Suites that need a real VS Code run through their own runners (see package.json).
const SKIP = new Set(['vscode', 'electron', 'fixtures', 'support']);

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return SKIP.has(name) ? [] : find(p);
    return name.endsWith('.test.ts') ? [relative(root, p)] : [];
  });
}

const files = find(only).sort();
// Index caches written by the servers and CLIs the tests start go to a folder of their own, not the user's cache.
const cacheDir = mkdtempSync(join(tmpdir(), 'source-check-test-cache-'));
process.env.SOURCE_CHECK_CACHE_DIR ??= cacheDir;
process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { cwd: root, stdio: 'inherit' });
let status = r.status ?? 1;

// The same extension tests inside a real VS Code (code-server + Chromium), installed on first use;
// the driver prints a SKIP line with the reason where they cannot run. SOURCE_CHECK_SKIP_VSCODE=1 skips them.
if (process.argv[2] !== 'unit' && !process.env.SOURCE_CHECK_SKIP_VSCODE) {
  const v = spawnSync(process.execPath, ['--import', 'tsx', 'test/vscode/run-code-server.ts'], { cwd: root, stdio: 'inherit' });
  if (v.status !== 0) status = status || v.status || 1;
}
process.exit(status);
