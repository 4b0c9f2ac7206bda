// Runs the Source Check VS Code tests in a real VS Code, offline: code-server 4.100.3 (VS Code 1.100's
// workbench and Node extension host) driven by Debian's headless Chromium through playwright-core.
//
//   node --import tsx test/vscode/run-code-server.ts [--only suite|ui] [--no-build] [--keep] [--update-screenshots]
//
//  * suite: the Mocha suite test/vscode/suite/*.test.ts (bundled to out/test/vscode/suite/) runs inside the
//    extension host with the repository as extensionDevelopmentPath; results come back through a JSON file.
//  * ui:    test/vscode/ui.ts drives the workbench page (explorer, hovers, Problems panel, screenshots).
// Prints one line per test (node-test style) and a final "N passed, N failed" line; exits 1 on any failure.
// When code-server or Chromium cannot be installed it prints "SKIP ..." and exits 0.
// Env: SOURCE_CHECK_TEST_TIMEOUT_MS (per polling wait, default 30000), SOURCE_CHECK_TEST_GREP,
//      SOURCE_CHECK_CACHE (code-server cache dir), SOURCE_CHECK_CHROMIUM / SOURCE_CHECK_CODE_SERVER (explicit binaries).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureTools, lastLines, makeSandbox, now, openBrowser, saveLogs, secs, sleep, startCodeServer, workbenchUrl } from './code-server';
import { runUi, type Measurement, type UiOutcome } from './ui';
import { prepareWorkspace, repoRoot } from './workspace';
import type { SuiteResult } from './suite/index';

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const keep = argv.includes('--keep');
const noBuild = argv.includes('--no-build');
const updateScreenshots = argv.includes('--update-screenshots');
const WAIT_MS = Number(process.env.SOURCE_CHECK_TEST_TIMEOUT_MS || 30000);
const resultsDir = path.join(repoRoot, 'test-results');

interface Line {
  group: string;
  title: string;
  ok: boolean;
  ms?: number;
  error?: string;
}
const lines: Line[] = [];
const timings: string[] = [];
/** "Draft opened → first diagnostics" and the like: printed, written to test-results/vscode-timings.json (bench/editor.ts reads it), never asserted. */
const measurements: Measurement[] = [];

function report(l: Line): void {
  lines.push(l);
  const n = lines.length;
  console.log(`${l.ok ? 'ok' : 'not ok'} ${n} - [${l.group}] ${l.title}${l.ms !== undefined ? ` (${l.ms} ms)` : ''}`);
  if (!l.ok && l.error) for (const e of l.error.split('\n').slice(0, 8)) console.log(`  # ${e}`);
}

function build(): void {
  for (const [what, cmd, args] of [
    ['extension (npm run build)', 'npm', ['run', '--silent', 'build']],
    ['test suite (esbuild)', process.execPath, ['scripts/vscode-test/build-tests.mjs']],
  ] as const) {
    const t0 = now();
    const r = spawnSync(cmd, args as unknown as string[], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) {
      console.log(`Bail out! building the ${what} failed (exit ${r.status})`);
      process.exit(1);
    }
    timings.push(`build ${what.split(' ')[0]} ${secs(now() - t0)}`);
  }
  if (!fs.existsSync(path.join(repoRoot, 'dist/extension.js'))) {
    console.log('Bail out! dist/extension.js is missing after the build (package.json main points at it)');
    process.exit(1);
  }
}

async function runSuite(tools: { chromium: string; codeServer: string }): Promise<void> {
  const group = 'suite';
  const sb = makeSandbox('suite');
  const ws = prepareWorkspace(sb.root);
  const resultFile = path.join(sb.root, 'result.json');
  const suiteDir = path.join(repoRoot, 'out/test/vscode/suite');
  // Both channels: the env var (inherited by the extension host) and a pointer file next to index.js.
  fs.writeFileSync(path.join(suiteDir, 'result-path.txt'), `${resultFile}\n`);
  const server = await startCodeServer(tools.codeServer, sb, ws, { SOURCE_CHECK_TEST_RESULT: resultFile, SOURCE_CHECK_TEST_TIMEOUT_MS: String(WAIT_MS) });
  timings.push(`code-server startup (suite) ${secs(server.startupMs)}`);
  let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
  try {
    const url = workbenchUrl(server.host, ws, { extensionDevelopmentPath: repoRoot, extensionTestsPath: path.join(suiteDir, 'index.js') });
    const t0 = now();
    browser = await openBrowser(tools.chromium, sb, url);
    // The extension host only starts once a browser connects; wait for the suite to start, then to finish.
    let result: SuiteResult | undefined;
    let startedAt: number | undefined;
    const startDeadline = now() + 90_000;
    const finishBudget = 8 * (WAIT_MS + 15_000) + 60_000;
    for (;;) {
      if (fs.existsSync(resultFile)) {
        try {
          result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as SuiteResult;
        } catch {
          /* being replaced */
        }
        if (result && startedAt === undefined) {
          startedAt = now();
          timings.push(`extension host + suite start ${secs(startedAt - t0)}`);
        }
        if (result && result.status !== 'started') break;
      }
      if (startedAt === undefined && now() > startDeadline) break;
      if (startedAt !== undefined && now() - startedAt > finishBudget) break;
      await sleep(200);
    }
    if (startedAt !== undefined) timings.push(`suite ${secs(now() - startedAt)}`);
    fs.mkdirSync(resultsDir, { recursive: true });
    if (result) fs.writeFileSync(path.join(resultsDir, 'vscode-suite-result.json'), JSON.stringify(result, null, 2));
    if (!result) {
      report({ group, title: 'the extension host ran the suite', ok: false, error: `no result file after 90 s (the extension host never loaded ${suiteDir}/index.js).\ncode-server log: ${lastLines(fs.readFileSync(server.logFile, 'utf8'), 6)}\nbrowser console: ${browser.consoleLines.filter((l) => /error/i.test(l)).slice(-4).join(' | ')}` });
      await browser.page.screenshot({ path: path.join(resultsDir, 'vscode-suite-no-result.png') }).catch(() => undefined);
      return;
    }
    for (const t of result.tests) report({ group, title: t.title, ok: t.state === 'passed', ms: t.durationMs, error: t.error });
    measurements.push(...(result.measurements ?? []));
    if (result.status === 'crashed') report({ group, title: 'the suite ran to completion', ok: false, error: result.error });
    else if (result.status === 'started') report({ group, title: 'the suite finished in time', ok: false, error: `still running after ${secs(finishBudget)}` });
    console.log(`# suite ran in VS Code ${result.vscode ?? '?'} (${result.host}, Node ${result.node})`);
  } finally {
    await browser?.close();
    await server.stop();
    saveLogs(sb, path.join(resultsDir, 'vscode-suite-logs'), browser?.consoleLines);
    if (!keep) fs.rmSync(sb.root, { recursive: true, force: true });
    else console.log(`# kept ${sb.root}`);
  }
}

async function main(): Promise<void> {
  const tAll = now();
  const tools = ensureTools();
  if ('skip' in tools) {
    console.log(`SKIP vscode tests: ${tools.skip}`);
    process.exit(0);
  }
  timings.push(`install/check tools ${secs(tools.installMs)}`);
  if (!noBuild) build();
  if (!only || only === 'suite') await runSuite(tools);
  if (!only || only === 'ui') {
    const outcomes: UiOutcome[] = await runUi(tools, { keep, waitMs: WAIT_MS, resultsDir, timings, measurements, updateScreenshots });
    for (const o of outcomes) report({ group: 'ui', ...o });
  }
  const passed = lines.filter((l) => l.ok).length;
  const failed = lines.length - passed;
  console.log(`# timings: ${timings.join(', ')}, total ${secs(now() - tAll)}`);
  for (const m of measurements) console.log(`# measured: ${m.name}: ${(m.ms / 1000).toFixed(2)} s${m.detail ? ` (${m.detail})` : ''}`);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'vscode-timings.json'), JSON.stringify({ at: new Date().toISOString(), only: only ?? 'all', measurements }, null, 2));
  console.log(`1..${lines.length}`);
  console.log(`# ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || lines.length === 0 ? 1 : 0;
}

main().catch((e) => {
  console.log(`Bail out! ${e?.stack || e}`);
  process.exitCode = 1;
});
