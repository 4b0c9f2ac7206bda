// `node --import tsx bench/warmStart.ts <root> <glob> [runs]`: warm start alone, as bench/run.ts
// measures it (the server over stdio, restarted on its index cache, timed to the first
// diagnostics of the 2,000-word draft), plus the cache file's size and the server's RSS.
// The cache is built once in-process (same file name and engine as the server would use)
// and kept in bench/.warm-cache/ between runs, so a large corpus is indexed only once.

import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { FolderSources } from '../server/src/node/folderSources';
import { startServer } from '../test/support/lspClient';
import { repoRoot } from './corpora';
import { loadNamedCorpus } from './generate';
import { DRAFT_2K, makeDraft } from './drafts';

const [rootArg, glob, runsArg] = process.argv.slice(2);
const root = path.resolve(rootArg);
const globs = [glob];
const runs = Number(runsArg ?? 3);
const engine = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
const cacheDir = path.join(repoRoot, 'bench', '.warm-cache', createHash('sha1').update(root).digest('hex').slice(0, 8));
const cacheFile = path.join(cacheDir, `index-${createHash('sha1').update(root + '\0' + globs.join('\0')).digest('hex').slice(0, 16)}.bin`);

function procKb(pid: number, field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function main() {
  const bbc = loadNamedCorpus('bbc');
  if (!bbc) throw new Error('no BBC corpus');
  const draft = makeDraft(bbc, DRAFT_2K);
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(cacheFile)) {
    const t = performance.now();
    const sources = new FolderSources(root, { globs, cacheFile, engine, maxFileSize: 5 * 1024 * 1024 });
    await sources.loadAll();
    await sources.save();
    console.log(`built cache: ${sources.index.size} sources in ${(performance.now() - t).toFixed(0)} ms`);
  }
  console.log(`cache ${cacheFile}: ${(statSync(cacheFile).size / 1024 / 1024).toFixed(1)} MB`);
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const server = await startServer(root, { sources: globs, maxFileSize: 5 }, { cacheDir }, process.env, process.env.PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.PROF_DIR] : []);
    const uri = pathToFileURL(path.join(root, '__bench__', 'draft2k.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft.text } });
    await server.diagnostics(uri, (p) => p.version === 1, 600_000);
    const ms = performance.now() - t;
    const pid = server.process.pid!;
    const rss = procKb(pid, 'VmRSS');
    // CPU time of the server (user + system): less at the mercy of other jobs on a shared machine than wall time.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const cpuMs = ((Number(stat[11]) + Number(stat[12])) * 1000) / 100;
    const hwm = procKb(pid, 'VmHWM');
    const restored = server.logs.find((l) => /restored from the index cache/.test(l)) ?? server.logs.filter((l) => /index cache|indexed/.test(l)).join(' | ');
    // Let the background freshness check finish, to see it does not rewrite anything.
    await new Promise((res) => setTimeout(res, 500));
    await server.stop();
    console.log(`run ${r + 1}: first diagnostics ${ms.toFixed(0)} ms (server CPU ${cpuMs.toFixed(0)} ms); RSS ${Math.round(rss / 1024)} MB (peak ${Math.round(hwm / 1024)} MB); ${restored}`);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
