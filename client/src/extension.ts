// The VS Code side: starts the language server, hands it markdown and plaintext
// documents, and adds what an editor shows beyond diagnostics: the status bar, the
// Sources view, the commands, the report previews and the shared archive's documents.
// Everything that checks lives in the server.

import { fork, type ChildProcess } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { IPCMessageReader, IPCMessageWriter, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SourcesChangedNotification } from '../../server/src/lsp/protocol';
import { sharedCacheDir } from '../../server/src/node/indexCache';
import type { InitializationOptions } from '../../server/src/lsp/protocol';
import { SourceCheckApi } from './protocolClient';
import { ClaimsStatus } from './statusBar';
import { SourcesView } from './sourcesView';
import { registerCommands, Reports, REPORT_SCHEME } from './commands';
import { archiveConfigured, archivePassword, registerArchive } from './archive';
import { DefinitionReveal } from './definitionReveal';

let client: LanguageClient | undefined;
/** When the extension host evaluated this module: activation starts right after. */
const moduleLoaded = Date.now();
/** A wall-clock time as the log shows it (HH:MM:SS.mmm, UTC), comparable with the server's. */
const clock = (t: number) => new Date(t).toISOString().slice(11, 23);

/** dist/server.js, next to this bundle (dist/extension.js). */
const SERVER_MODULE = path.join(__dirname, 'server.js');

/** Whether the extension host runs under a debugger: then the client starts the server in debug mode itself. */
function debugging(): boolean {
  return process.execArgv.some((a) => /^--(inspect|debug)(-brk)?(=|$)/.test(a));
}

/** The language server over Node IPC, as the language client forks it for TransportKind.ipc. */
function forkServer(env: Record<string, string> = {}): ChildProcess {
  return fork(SERVER_MODULE, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    silent: true,
    execArgv: [],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1', ...env },
  });
}

/**
 * The server process, started as soon as VS Code loads this module (activation has begun):
 * loading its code and reading the folders' sources then overlap the extension host preparing
 * activate()'s context, 0.9–3.4 s in code-server at window start-up. activate() hands it to the client.
 */
let earlyServer: ChildProcess | undefined = (() => {
  if (debugging()) return undefined;
  try {
    // The folders and their settings are known already: the server starts reading small folders
    // at once (it keeps what it read only if the settings at initialize agree).
    return forkServer({ SOURCE_CHECK_EARLY: JSON.stringify({ folders: initialSettings().folders }) });
  } catch {
    return undefined;
  }
})();
const earlyServerStarted = Date.now();
/** The process the client talks to (stopped with the client, killed at deactivate if still there). */
let serverProcess: ChildProcess | undefined;

/** What activate() returns: for tests in a real VS Code, and for other extensions. */
export interface SourceCheckExtension {
  client: LanguageClient;
  api: SourceCheckApi;
  status: ClaimsStatus;
  sourcesView: SourcesView;
  reports: Reports;
}

export async function activate(context: vscode.ExtensionContext): Promise<SourceCheckExtension> {
  const outputChannel = vscode.window.createOutputChannel('Source Check', { log: true });
  const early = earlyServer !== undefined;
  // The process started with this module, then (a restart after a crash) a new one the same way.
  const serverOptions: ServerOptions = !debugging()
    ? async () => {
        const live = earlyServer && earlyServer.exitCode === null && earlyServer.signalCode === null ? earlyServer : undefined;
        earlyServer = undefined;
        const cp = live ?? forkServer();
        serverProcess = cp;
        // What the server prints outside the protocol goes to the Output channel, as the client does it.
        for (const stream of [cp.stdout, cp.stderr]) stream?.on('data', (d: Buffer) => outputChannel.append(d.toString()));
        return { reader: new IPCMessageReader(cp), writer: new IPCMessageWriter(cp) };
      }
    : {
        run: { module: SERVER_MODULE, transport: TransportKind.ipc },
        debug: { module: SERVER_MODULE, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
      };
  // Start-up steps in the log with wall-clock times (the log channel stamps lines when it
  // writes them, which can be seconds late at start-up), so a slow first check can be traced
  // to its step and set against the extension host's own log.
  const activated = Date.now();
  const definitionReveal = new DefinitionReveal();
  context.subscriptions.push(definitionReveal);
  // Without an archive nothing is awaited before the client starts: at a window's start-up an
  // await here let other extensions' activation run first (0.3–0.5 s in code-server's logs).
  const password = archiveConfigured() ? await archivePassword(context) : null;
  outputChannel.info(
    `Source Check: activated at ${clock(activated)} (module loaded ${activated - moduleLoaded} ms before` +
      (early ? `; language server process started with it at ${clock(earlyServerStarted)}` : '') +
      `); starting the language client at ${clock(Date.now())}`,
  );
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    // Settings changes reach the server as didChangeConfiguration; it re-reads them per folder.
    synchronize: { configurationSection: 'sourceCheck' },
    // Hovers carry source text (escaped by the server): never trusted, never raw HTML.
    markdown: { isTrusted: false, supportHtml: false },
    // The server keeps its index caches in the per-user cache folder the CLI reads too (one file per source
    // folder). The settings go with it, so that the server starts indexing at `initialize`.
    initializationOptions: { cacheDir: sharedCacheDir(), archivePassword: password, settings: initialSettings() },
    outputChannel,
    // Go to Definition selects the quoted words (or the figure) in the source and centres them.
    middleware: definitionReveal.middleware,
  };
  client = new LanguageClient('sourceCheck', 'Source Check', serverOptions, clientOptions);
  context.subscriptions.push(outputChannel);
  // The client shows the server's work-done progress (indexing) in the status bar by itself.
  await client.start();
  outputChannel.info(`Source Check: language server started at ${clock(Date.now())}, ${Date.now() - activated} ms after activation`);

  const api = new SourceCheckApi(client);
  const reports = new Reports();
  const status = new ClaimsStatus(api);
  const sourcesView = new SourcesView(api);
  context.subscriptions.push(status, sourcesView, reports, vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports));
  context.subscriptions.push(
    client.onNotification(SourcesChangedNotification, () => {
      sourcesView.refresh();
      status.schedule();
    }),
  );
  registerCommands(context, api, reports, sourcesView);
  registerArchive(context, client);
  return { client, api, status, sourcesView, reports };
}

/**
 * Each workspace folder's `sourceCheck` settings and the archive's, as the language client
 * would answer the server's workspace/configuration requests (plain JSON, per folder scope).
 */
function initialSettings(): NonNullable<InitializationOptions['settings']> {
  const json = (v: unknown) => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown));
  const folders: Record<string, unknown> = {};
  for (const f of vscode.workspace.workspaceFolders ?? []) folders[f.uri.toString()] = json(vscode.workspace.getConfiguration(undefined, f.uri).get('sourceCheck'));
  return { folders, archive: json(vscode.workspace.getConfiguration('sourceCheck').get('archive')) };
}

export async function deactivate(): Promise<void> {
  await client?.stop().catch(() => undefined);
  client = undefined;
  // A process the client never took (activation failed), or one that outlived its shutdown.
  for (const cp of [earlyServer, serverProcess]) if (cp && cp.exitCode === null && cp.signalCode === null) cp.kill();
  earlyServer = serverProcess = undefined;
}
