// Helpers to run a real VS Code (code-server, i.e. VS Code's own workbench and Node extension host,
// served to a browser) offline, driven by Debian's Chromium through playwright-core.
// Adapted from the team's recipe; nothing here refers to it at run time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { repoRoot } from './workspace';

export const CODE_SERVER_VERSION = '4.100.3';

export function now(): number {
  return Date.now();
}
export function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export type Tools = { chromium: string; codeServer: string; installMs: number } | { skip: string };

function runScript(script: string): { ok: boolean; out: string; err: string } {
  const r = spawnSync('bash', [path.join(repoRoot, 'scripts/vscode-test', script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000 });
  return { ok: r.status === 0, out: (r.stdout || '').trim(), err: `${r.stderr || ''}${r.error ? String(r.error) : ''}`.trim() };
}

/** Installs (or finds) Chromium and code-server, one after the other (both may use apt/dpkg). */
export function ensureTools(): Tools {
  if (process.platform !== 'linux') return { skip: `code-server/Chromium harness only supports Linux (this is ${process.platform})` };
  const t0 = now();
  let chromium = process.env.SOURCE_CHECK_CHROMIUM;
  if (!chromium) {
    const r = runScript('ensure-chromium.sh');
    if (!r.ok) return { skip: `Chromium could not be installed: ${lastLines(r.err, 3)}` };
    chromium = r.out.split('\n').pop()!;
  }
  let codeServer = process.env.SOURCE_CHECK_CODE_SERVER;
  if (!codeServer) {
    const cache = process.env.SOURCE_CHECK_CACHE || path.join(os.homedir(), '.cache/source-check');
    if (!fs.existsSync(path.join(cache, `code-server-${CODE_SERVER_VERSION}`, '.installed')))
      console.log(`# installing code-server ${CODE_SERVER_VERSION} into ${cache} (first run only, about a minute)`);
    const r = runScript('install-code-server.sh');
    if (!r.ok) return { skip: `code-server ${CODE_SERVER_VERSION} could not be installed: ${lastLines(r.err, 3)}` };
    codeServer = r.out.split('\n').pop()!;
  }
  if (!fs.existsSync(chromium)) return { skip: `Chromium not found at ${chromium}` };
  if (!fs.existsSync(codeServer)) return { skip: `code-server not found at ${codeServer}` };
  return { chromium, codeServer, installMs: now() - t0 };
}

export function lastLines(s: string, n: number): string {
  return s.trim().split('\n').slice(-n).join(' | ');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const QUIET_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'editor.hover.delay': 100,
  'git.enabled': false,
  'files.autoSave': 'off',
};

export interface Sandbox {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
}

/** A temporary home for one code-server run: user data, extensions, HOME and XDG dirs, quiet settings. */
export function makeSandbox(label: string): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `source-check-${label}-`));
  const userDataDir = path.join(root, 'ud');
  const extensionsDir = path.join(root, 'ext');
  for (const d of ['ud/User', 'ext', 'home', 'xdg-config', 'xdg-data', 'xdg-cache']) fs.mkdirSync(path.join(root, d), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: path.join(root, 'home'),
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
  };
  // Anything VSCODE_* inherited from an outer VS Code would confuse the inner one.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return { root, userDataDir, extensionsDir, env };
}

export function installVsix(codeServer: string, sb: Sandbox, vsix: string): void {
  const r = spawnSync(codeServer, ['--user-data-dir', sb.userDataDir, '--extensions-dir', sb.extensionsDir, '--install-extension', vsix], {
    env: sb.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${r.status}): ${lastLines(`${r.stdout}\n${r.stderr}`, 5)}`);
}

export interface RunningServer {
  port: number;
  host: string;
  logFile: string;
  startupMs: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<RunningServer>();
function killGroupSync(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal); // the whole process group: a plain kill leaves helpers behind
  } catch {
    /* already gone */
  }
}
process.on('exit', () => {
  for (const s of running) killGroupSync(s.child.pid, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    for (const s of running) killGroupSync(s.child.pid, 'SIGKILL');
    process.exit(130);
  });
}

/** Starts code-server in its own process group on a free loopback port and waits for /healthz. */
export async function startCodeServer(codeServer: string, sb: Sandbox, folder: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const t0 = now();
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const logFile = path.join(sb.root, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    '--user-data-dir', sb.userDataDir,
    '--extensions-dir', sb.extensionsDir,
    '--auth', 'none',
    '--bind-addr', host,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    folder,
  ];
  const child = spawn(codeServer, args, { env: { ...sb.env, ...extraEnv }, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited: string | undefined;
  child.on('exit', (code, sig) => (exited = `code-server exited (${code ?? sig})`));
  const server: RunningServer = {
    port,
    host,
    logFile,
    startupMs: 0,
    child,
    async stop() {
      running.delete(server);
      killGroupSync(child.pid, 'SIGTERM');
      const deadline = now() + 5000;
      while (now() < deadline && groupAlive(child.pid)) await sleep(100);
      killGroupSync(child.pid, 'SIGKILL');
    },
  };
  running.add(server);
  const deadline = now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${exited} before it was healthy; log: ${lastLines(fs.readFileSync(logFile, 'utf8'), 8)}`);
    try {
      const res = await fetch(`http://${host}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer /healthz within 60 s; log: ${lastLines(fs.readFileSync(logFile, 'utf8'), 8)}`);
    }
    await sleep(100);
  }
  server.startupMs = now() - t0;
  return server;
}

function groupAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The workbench URL; `payload` entries are VS Code's dev-host options, which code-server only accepts here. */
export function workbenchUrl(host: string, folder: string, opts: { extensionDevelopmentPath?: string; extensionTestsPath?: string } = {}): string {
  const payload: [string, string][] = [];
  if (opts.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${host}${opts.extensionDevelopmentPath}`]);
  if (opts.extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${host}${opts.extensionTestsPath}`]);
  let url = `http://${host}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  consoleLines: string[];
  close(): Promise<void>;
}

export async function openBrowser(chromium: string, sb: Sandbox, url: string): Promise<BrowserSession> {
  const { chromium: pw } = await import('playwright-core');
  const udd = path.join(sb.root, 'chromium');
  const context = await pw.launchPersistentContext(udd, {
    executablePath: chromium,
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: sb.env as Record<string, string>,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text().slice(0, 500)}`));
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${String(e).slice(0, 500)}`));
  await page.goto(url);
  return {
    context,
    page,
    consoleLines,
    async close() {
      await context.close().catch(() => undefined);
    },
  };
}

/** Copies VS Code's logs (extension host, output channels such as the language client's) and the browser console. */
export function saveLogs(sb: Sandbox, dest: string, consoleLines: string[] = []): void {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  const logs = path.join(sb.userDataDir, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'vscode-logs'), { recursive: true });
  const cs = path.join(sb.root, 'code-server.log');
  if (fs.existsSync(cs)) fs.copyFileSync(cs, path.join(dest, 'code-server.log'));
  fs.writeFileSync(path.join(dest, 'browser-console.log'), consoleLines.join('\n'));
}
