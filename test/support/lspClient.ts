// A minimal LSP client for tests: starts dist/server.js --stdio as a separate process
// and speaks the protocol as an editor does (JSON-RPC over stdio).

import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { REPO } from './seeds';

export interface TestServer {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  logs: string[];
  /** With `deferInitialized`: sends `initialized` (otherwise sent by startServer). */
  sendInitialized(): Promise<void>;
  /** Resolves with the first publication for `uri` that satisfies `pred`. */
  diagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

/** Settings for every folder, or per folder (by the scope URI the server asks about). Read on every request, so a test may change them. */
export type TestSettings = Record<string, unknown> | ((scopeUri: string | undefined) => Record<string, unknown>);

/** `nodeArgs` go before the script (e.g. `--require` a probe). */
export async function startServer(
  folders: string | string[],
  settings: TestSettings = {},
  initializationOptions: Record<string, unknown> = {},
  /** The server's environment (the archive tests set SOURCE_CHECK_ARCHIVE_URL). */
  env: NodeJS.ProcessEnv = process.env,
  /** Node options before the script (e.g. `--require` a probe). */
  nodeArgs: string[] = [],
  /**
   * deferInitialized: answer initialize but hold `initialized` back until sendInitialized().
   * initializeAfterMs: send `initialize` this long after the process is spawned (VS Code calls the
   * extension's activate(), which starts the client, seconds after the server is forked).
   */
  options: { deferInitialized?: boolean; initializeAfterMs?: number } = {},
): Promise<TestServer> {
  const all = Array.isArray(folders) ? folders : [folders];
  const child = spawn(process.execPath, [...nodeArgs, path.join(REPO, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const waiters = new Set<() => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of [...waiters]) w();
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  connection.onNotification('window/showMessage', (p: { message: string }) => void logs.push(p.message));
  connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
    logs.push(p.message);
    return null;
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string }> }) =>
    p.items.map((i) => (typeof settings === 'function' ? settings(i.scopeUri) : settings)),
  );
  connection.listen();
  const uri = pathToFileURL(all[0]).toString();
  if (options.initializeAfterMs) await new Promise((r) => setTimeout(r, options.initializeAfterMs));
  await connection.sendRequest('initialize', {
    processId: process.pid,
    initializationOptions,
    rootUri: uri,
    workspaceFolders: all.map((f) => ({ uri: pathToFileURL(f).toString(), name: path.basename(f) })),
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: { hover: { contentFormat: ['markdown'] }, definition: { linkSupport: true }, publishDiagnostics: { relatedInformation: true } },
      window: { workDoneProgress: true },
    },
  });
  const sendInitialized = () => connection.sendNotification('initialized', {});
  if (!options.deferInitialized) await sendInitialized();
  return {
    connection,
    process: child,
    published,
    logs,
    sendInitialized,
    diagnostics(uri, pred = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        // One listener and one timer per wait (re-arming both on every publication made
        // them double with each one: a burst of edits froze the test client).
        const finish = () => {
          waiters.delete(look);
          clearInterval(timer);
        };
        const look = () => {
          const hit = published.filter((p) => p.uri === uri).reverse().find(pred);
          if (hit) {
            finish();
            resolve(hit);
          } else if (Date.now() - started > timeoutMs) {
            finish();
            reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; logs: ${logs.join(' | ')}`));
          }
        };
        const timer = setInterval(look, 100);
        waiters.add(look);
        look();
      });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 2000);
          child.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
  };
}

/** Calls `fn` until its answer satisfies `pred` (the server works asynchronously); fails with the last answer. */
export async function until<T>(fn: () => Promise<T>, pred: (t: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const t = await fn();
    if (pred(t)) return t;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms; last answer: ${JSON.stringify(t).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
