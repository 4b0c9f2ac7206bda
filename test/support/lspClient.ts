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
  /** Resolves with the first publication for `uri` that satisfies `pred`. */
  diagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

/** `nodeArgs` go before the script (e.g. `--require` a probe). */
export async function startServer(folder: string, settings: Record<string, unknown> = {}, nodeArgs: string[] = []): Promise<TestServer> {
  const child = spawn(process.execPath, [...nodeArgs, path.join(REPO, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const waiters: Array<() => void> = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    waiters.splice(0).forEach((w) => w());
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  connection.onNotification('window/showMessage', (p: { message: string }) => void logs.push(p.message));
  connection.onRequest('window/showMessageRequest', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  connection.listen();
  const uri = pathToFileURL(folder).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: path.basename(folder) }],
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: { hover: { contentFormat: ['markdown'] }, definition: { linkSupport: true }, publishDiagnostics: { relatedInformation: true } },
      window: { workDoneProgress: true },
    },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    published,
    logs,
    diagnostics(uri, pred = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const look = () => {
          const hit = published.filter((p) => p.uri === uri).reverse().find(pred);
          if (hit) return resolve(hit);
          if (Date.now() - started > timeoutMs) return reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; logs: ${logs.join(' | ')}`));
          waiters.push(look);
          setTimeout(look, 100);
        };
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
