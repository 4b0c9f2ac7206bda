// `npm run bench:editor [-- --runs N]`: "draft opened → first diagnostics" in a real VS Code
// (code-server + headless Chromium, the harness of test/vscode), N times (default 3), and the
// start-up steps of the cold window read from the logs. Writes the "Editor start-up" section of
// BENCHMARKS.md. Don't run it beside other benchmarks or the code-server suite: it measures wall time.
import { spawnSync } from 'child_process';
import { cpus, loadavg, totalmem } from 'os';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { repoRoot } from './corpora';

interface Measurement {
  name: string;
  ms: number;
  detail?: string;
}

const argv = process.argv.slice(2);
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
const timingsFile = path.join(repoRoot, 'test-results', 'vscode-timings.json');

const all: Measurement[][] = [];
const loads: number[] = [];
for (let r = 0; r < runs; r++) {
  loads.push(loadavg()[0]);
  const args = ['--import', 'tsx', 'test/vscode/run-code-server.ts', ...(r > 0 ? ['--no-build'] : [])];
  const res = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const out = res.stdout ?? '';
  if (/^SKIP /m.test(out)) {
    console.log(out.trim());
    process.exit(0);
  }
  for (const line of out.split('\n')) if (/^# (measured|timings|\d+ passed)/.test(line)) console.log(`run ${r + 1}: ${line.slice(2)}`);
  if (!existsSync(timingsFile)) throw new Error('the code-server run wrote no test-results/vscode-timings.json');
  all.push((JSON.parse(readFileSync(timingsFile, 'utf8')) as { measurements: Measurement[] }).measurements);
}

const names = [...new Set(all.flat().map((m) => m.name))];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rows = names.map((name) => {
  const xs = all.map((ms) => ms.find((m) => m.name === name)?.ms).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  return `| ${name} | ${s(xs[Math.floor((xs.length - 1) / 2)])} | ${s(xs[0])} – ${s(xs[xs.length - 1])} | ${xs.length} |`;
});
const cold = all.map((ms) => ms.find((m) => m.name.startsWith('ui: draft shown → first squiggle'))).filter((m): m is Measurement => !!m);
const steps = cold.map((m, i) => `- run ${i + 1}, ${s(m.ms)}: ${m.detail ?? ''}`);

const section = [
  '<!-- bench:editor:start -->',
  '## Editor start-up (npm run bench:editor)',
  '',
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 20)} MB RAM, Node ${process.version};`,
  `code-server 4.100.3 (VS Code 1.100) and headless Chromium on the same machine, ${runs} runs (load average before each: ${loads.map((l) => l.toFixed(1)).join(', ')}).`,
  'The workspace is the seeds and test/vscode/workspace/*.md, in a fresh user-data folder each run (no index cache yet).',
  '',
  '| from → to | median | range | runs |',
  '| --- | ---: | ---: | ---: |',
  ...rows,
  '',
  '"ui: draft shown" is when the draft\'s text is on screen after a click in the explorer, as soon as the explorer',
  'shows (the window still starting); "first squiggle" when its first diagnostic is drawn. "suite:" figures are',
  'taken inside the extension host through the API (openTextDocument → the first Source Check diagnostics).',
  'Steps of the cold window, from the draft shown (extension host log and the Source Check Output channel):',
  '',
  ...steps,
  '<!-- bench:editor:end -->',
].join('\n');

const file = path.join(repoRoot, 'BENCHMARKS.md');
let doc = readFileSync(file, 'utf8');
const begin = '<!-- bench:editor:start -->';
const end = '<!-- bench:editor:end -->';
if (doc.includes(begin) && doc.includes(end)) doc = doc.slice(0, doc.indexOf(begin)) + section + doc.slice(doc.indexOf(end) + end.length);
else doc = doc.replace('<!-- bench:performance:start -->', `${section}\n\n<!-- bench:performance:start -->`);
writeFileSync(file, doc);
console.log(`wrote the "Editor start-up" section of BENCHMARKS.md`);
