// `node --import tsx bench/serverStart.ts [--runs N] [--prof DIR]`: the language server alone on the
// seeds, as VS Code starts it in a cold window: a fresh process (dist/server.js over stdio), the
// folder and its settings named in SOURCE_CHECK_EARLY and in initialize (as client/src/extension.ts
// does), a fresh cache folder (no index cache yet), draft.md of test/vscode/workspace opened right
// after `initialized`. Prints spawn → first diagnostics of the draft (wall), the server's CPU time
// then, and the start-up steps the server logs. Reported, never asserted.
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startServer } from '../test/support/lspClient';
import { repoRoot } from './corpora';

const argv = process.argv.slice(2);
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
const prof = argv.includes('--prof') ? path.resolve(argv[argv.indexOf('--prof') + 1]) : undefined;
/**
 * --paced: as VS Code paces a cold window, `initialize` 2 s after the spawn (VS Code calls activate()
 * seconds after loading the module that forks the server) and the draft 0.5 s after `initialized`
 * (the client's own start); then the figure that counts is draft opened → first diagnostics.
 */
const paced = argv.includes('--paced');
const INITIALIZE_AFTER_MS = 2000;
const OPEN_AFTER_MS = 500;

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(stat[11]) + Number(stat[12])) * 1000) / 100;
}

async function once(): Promise<{ ms: number; openMs: number; cpu: number; logs: string[] }> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'sc-start-'));
  const ws = path.join(tmp, 'newsroom');
  cpSync(path.join(repoRoot, 'seeds'), path.join(ws, 'seeds'), { recursive: true });
  const draftPath = path.join(repoRoot, 'test/vscode/workspace/draft.md');
  const folder = pathToFileURL(ws).toString();
  const settings = {
    sources: ['seeds/**/*.{txt,md,html}', 'sources/**/*.{txt,md,html}'],
    notes: ['notes/**/*.{txt,md,html}'],
    drafts: ['**/*.md', '**/*.markdown', '**/*.txt'],
    severity: {},
    maxFileSize: 5,
    unsourced: { figures: true, dates: true },
    archive: { url: '', timeout: 2000 },
  };
  const env = { ...process.env, SOURCE_CHECK_EARLY: JSON.stringify({ folders: { [folder]: settings } }) };
  const t0 = performance.now();
  const server = await startServer(ws, settings, { cacheDir: path.join(tmp, 'cache'), settings: { folders: { [folder]: settings }, archive: settings.archive } }, env, [...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []), ...(process.env.NODE_ARGS ? process.env.NODE_ARGS.split(' ') : [])], paced ? { initializeAfterMs: INITIALIZE_AFTER_MS } : {});
  if (paced) await new Promise((r) => setTimeout(r, OPEN_AFTER_MS));
  const opened = performance.now();
  const uri = pathToFileURL(path.join(ws, 'draft.md')).toString();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(draftPath, 'utf8') } });
  await server.diagnostics(uri, (p) => p.diagnostics.length > 0, 60_000);
  const ms = performance.now() - t0;
  const openMs = performance.now() - opened;
  const logs = server.logs;
  const cpu = cpuMs(server.process.pid!);
  await new Promise((r) => setTimeout(r, 1000));
  const publications = server.published.filter((p) => p.uri === uri).length;
  if (publications !== 1) logs.push(`(${publications} publications of the draft within 1 s)`);
  await server.stop();
  rmSync(tmp, { recursive: true, force: true });
  return { ms, openMs, cpu, logs };
}

/** The server's own start-up steps from its log: code loaded, sources indexed, the draft's check. */
function steps(logs: string[]): string {
  const all = logs.join('\n');
  const at = (re: RegExp) => {
    const m = re.exec(all);
    return m ? new Date(`1970-01-01T${m[1]}Z`).getTime() : NaN;
  };
  const started = at(/its process started \(at (\d\d:\d\d:\d\d\.\d{3})/);
  const loaded = at(/code loaded at (\d\d:\d\d:\d\d\.\d{3})/);
  const indexed = at(/sources? indexed in .* at (\d\d:\d\d:\d\d\.\d{3})/);
  const sent = at(/draft\.md: first diagnostics at (\d\d:\d\d:\d\d\.\d{3})/);
  const check = /draft\.md: first diagnostics .*?(\d+) ms checking/.exec(all)?.[1];
  return `code loaded +${loaded - started} ms, sources indexed +${indexed - loaded} ms, diagnostics sent +${sent - indexed} ms (${check} ms checking)`;
}

async function main() {
  if (!argv.includes('--no-build')) spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  const rows: { ms: number; openMs: number; cpu: number }[] = [];
  for (let r = 0; r < runs; r++) {
    const load = loadavg()[0];
    const { ms, openMs, cpu, logs } = await once();
    rows.push({ ms, openMs, cpu });
    console.log(`run ${r + 1} (load ${load.toFixed(2)}): ${paced ? `draft opened → first diagnostics ${openMs.toFixed(0)} ms, ` : ''}spawn → first diagnostics ${ms.toFixed(0)} ms wall, server CPU ${cpu.toFixed(0)} ms; ${steps(logs)}`);
    if (argv.includes('--logs')) for (const l of logs) console.log(`  ${l}`);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  if (paced) console.log(`median of ${runs}: draft opened → first diagnostics ${med(rows.map((r) => r.openMs)).toFixed(0)} ms`);
  console.log(`median of ${runs}: ${med(rows.map((r) => r.ms)).toFixed(0)} ms wall, ${med(rows.map((r) => r.cpu)).toFixed(0)} ms CPU (load now ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
