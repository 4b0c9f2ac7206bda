// The standard @vscode/test-electron runner, for machines that can download desktop VS Code.
// It runs the same bundled suite as the code-server harness (out/test/vscode/suite/index.js).
//
//   npm run build && node scripts/vscode-test/build-tests.mjs && node --import tsx test/electron/runTest.ts
//
// Env: VSCODE_TEST_VERSION (default 'stable'), VSCODE_EXECUTABLE (use an installed VS Code instead of
// downloading one), SOURCE_CHECK_TEST_TIMEOUT_MS (per polling wait inside the suite).
// Offline (as on the development machines here) the download fails; this runner is deliberately not
// part of the default test command. Use test/vscode/run-code-server.ts there.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace, repoRoot } from '../vscode/workspace';
import type { SuiteResult } from '../vscode/suite/index';

async function main(): Promise<void> {
  const extensionTestsPath = path.join(repoRoot, 'out/test/vscode/suite/index.js');
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: run node scripts/vscode-test/build-tests.mjs first`);
  const ws = prepareWorkspace();
  const resultFile = path.join(os.tmpdir(), `source-check-electron-result-${process.pid}.json`);
  let exitCode: number | undefined;
  let error: unknown;
  try {
    exitCode = await runTests({
      version: process.env.VSCODE_TEST_VERSION || 'stable',
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { SOURCE_CHECK_TEST_RESULT: resultFile, SOURCE_CHECK_TEST_TIMEOUT_MS: process.env.SOURCE_CHECK_TEST_TIMEOUT_MS },
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      timeout: 30_000,
    });
  } catch (e) {
    error = e;
  }
  // Trust the result file over the exit code (the extension host may exit 0 after failures).
  let result: SuiteResult | undefined;
  try {
    result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } catch {
    /* no result */
  }
  if (result) {
    result.tests.forEach((t, i) => console.log(`${t.state === 'passed' ? 'ok' : 'not ok'} ${i + 1} - ${t.title}`));
    console.log(`# ${result.passes} passed, ${result.failures} failed (VS Code ${result.vscode ?? '?'}, ${result.host})`);
  }
  fs.rmSync(path.dirname(ws), { recursive: true, force: true });
  fs.rmSync(resultFile, { force: true });
  if (!result) {
    console.error(`no test result: ${error ? `runTests failed: ${(error as Error)?.message ?? error}` : `VS Code exited ${exitCode} without running the suite`}`);
    process.exit(1);
  }
  process.exit(result.status === 'finished' && result.failures === 0 && !error && exitCode === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
