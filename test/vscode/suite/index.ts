// Entry point of the VS Code extension-host test suite, in the shape `@vscode/test-electron`
// expects (`extensionTestsPath` -> a module exporting `run()`), and also loaded by code-server
// through the workbench URL payload (see test/vscode/run-code-server.ts).
//
// The extension host of code-server exits 0 even when tests fail, so the outcome is written to a
// JSON result file that the driver reads. Its path comes from, in order:
//   1. the SOURCE_CHECK_TEST_RESULT environment variable;
//   2. the first line of `result-path.txt` next to this file (written by the driver);
//   3. `result.json` next to this file.
// Mocha 11 (not 12: 12 is ESM-only and cannot be required in the extension host).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { measurements, type SuiteMeasurement } from './measure';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}

export interface SuiteResult {
  status: 'started' | 'finished' | 'crashed';
  passes: number;
  failures: number;
  pending: number;
  tests: TestOutcome[];
  node: string;
  vscode?: string;
  host: string;
  startedAt: string;
  finishedAt?: string;
  error?: string;
  /** Figures the tests measured (measure.ts): printed by the driver, never asserted. */
  measurements?: SuiteMeasurement[];
}

export function resultFilePath(): string {
  const fromEnv = process.env.SOURCE_CHECK_TEST_RESULT;
  if (fromEnv) return fromEnv;
  const pointer = path.join(__dirname, 'result-path.txt');
  if (fs.existsSync(pointer)) {
    const p = fs.readFileSync(pointer, 'utf8').split(/\r?\n/)[0]?.trim();
    if (p) return p;
  }
  return path.join(__dirname, 'result.json');
}

function write(file: string, result: SuiteResult): void {
  result.measurements = measurements();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(result, null, 2));
  fs.renameSync(tmp, file); // the driver polls for the file: never let it see half a file
}

function vscodeVersion(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('vscode') as typeof import('vscode')).version;
  } catch {
    return undefined;
  }
}

export async function run(): Promise<void> {
  const file = resultFilePath();
  const result: SuiteResult = {
    status: 'started',
    passes: 0,
    failures: 0,
    pending: 0,
    tests: [],
    node: process.version,
    vscode: vscodeVersion(),
    host: process.versions.electron ? `electron ${process.versions.electron}` : 'node',
    startedAt: new Date().toISOString(),
  };
  write(file, result);
  try {
    const timeout = Number(process.env.SOURCE_CHECK_TEST_TIMEOUT_MS || 30000) + 15000;
    const mocha = new Mocha({ ui: 'bdd', timeout, color: false, reporter: 'spec' });
    if (process.env.SOURCE_CHECK_TEST_GREP) mocha.grep(process.env.SOURCE_CHECK_TEST_GREP);
    const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
    if (files.length === 0) throw new Error(`no *.test.js files next to ${__filename}`);
    for (const f of files) mocha.addFile(path.join(__dirname, f));

    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((n) => resolve(n));
      runner.on('pass', (t) => {
        result.passes++;
        result.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
        write(file, result);
      });
      runner.on('fail', (t, err: Error) => {
        result.failures++;
        result.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: String(err?.stack || err) });
        write(file, result);
      });
      runner.on('pending', () => {
        result.pending++;
      });
    });
    result.failures = Math.max(result.failures, failures);
    result.status = 'finished';
    result.finishedAt = new Date().toISOString();
    write(file, result);
    if (failures > 0) throw new Error(`${failures} test(s) failed`);
  } catch (err) {
    if (result.status !== 'finished') {
      result.status = 'crashed';
      result.error = String((err as Error)?.stack || err);
      result.finishedAt = new Date().toISOString();
      write(file, result);
    }
    throw err;
  }
}
