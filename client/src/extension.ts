// The VS Code side: starts the language server, hands it markdown and plaintext
// documents, and adds what an editor shows beyond diagnostics: the status bar, the
// Sources view, the commands, the report previews and the shared archive's documents.
// Everything that checks lives in the server.

import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SourcesChangedNotification } from '../../server/src/lsp/protocol';
import { sharedCacheDir } from '../../server/src/node/indexCache';
import { SourceCheckApi } from './protocolClient';
import { ClaimsStatus } from './statusBar';
import { SourcesView } from './sourcesView';
import { registerCommands, Reports, REPORT_SCHEME } from './commands';
import { archivePassword, registerArchive } from './archive';
import { DefinitionReveal } from './definitionReveal';

let client: LanguageClient | undefined;

/** What activate() returns: for tests in a real VS Code, and for other extensions. */
export interface SourceCheckExtension {
  client: LanguageClient;
  api: SourceCheckApi;
  status: ClaimsStatus;
  sourcesView: SourcesView;
  reports: Reports;
}

export async function activate(context: vscode.ExtensionContext): Promise<SourceCheckExtension> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Source Check', { log: true });
  // Start-up steps in the log, so a slow first check can be traced to its step.
  const activated = Date.now();
  const definitionReveal = new DefinitionReveal();
  context.subscriptions.push(definitionReveal);
  const password = await archivePassword(context);
  outputChannel.info(`Source Check: starting the language server (secret storage read in ${Date.now() - activated} ms)`);
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
    // The server keeps its index caches in the per-user cache folder the CLI reads too (one file per source folder).
    initializationOptions: { cacheDir: sharedCacheDir(), archivePassword: password },
    outputChannel,
    // Go to Definition selects the quoted words (or the figure) in the source and centres them.
    middleware: definitionReveal.middleware,
  };
  client = new LanguageClient('sourceCheck', 'Source Check', serverOptions, clientOptions);
  context.subscriptions.push(outputChannel);
  // The client shows the server's work-done progress (indexing) in the status bar by itself.
  await client.start();
  outputChannel.info(`Source Check: language server started ${Date.now() - activated} ms after activation`);

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

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
