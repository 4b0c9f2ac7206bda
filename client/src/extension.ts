// The VS Code side: starts the language server and hands it markdown and plaintext
// documents. Everything that checks lives in the server; the client adds what only
// the editor can do: secret storage for the archive password, the archive's status in
// the status bar, and read-only virtual documents for archived articles.

import * as path from 'path';
import { EventEmitter, ExtensionContext, StatusBarAlignment, Uri, window, workspace, commands } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  ARCHIVE_DOCUMENT_REQUEST,
  ARCHIVE_PASSWORD_NOTIFICATION,
  ARCHIVE_SCHEME,
  ARCHIVE_STATUS_NOTIFICATION,
  ArchiveDocumentResult,
  ArchiveStatusParams,
} from '../../server/src/lsp/protocol';

const PASSWORD_KEY = 'sourceCheck.archive.password';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = window.createOutputChannel('Source Check', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    synchronize: { configurationSection: 'sourceCheck' },
    outputChannel,
    initializationOptions: {
      // The server keeps its index cache in this workspace's storage (none for a window without a folder).
      cacheDir: (context.storageUri ?? context.globalStorageUri).fsPath,
      archivePassword: (await context.secrets.get(PASSWORD_KEY)) ?? null,
    },
  };
  client = new LanguageClient('sourceCheck', 'Source Check', serverOptions, clientOptions);
  const lc = client;
  context.subscriptions.push(outputChannel);

  // Archived articles open as read-only virtual documents: source-check-archive:/business/001.txt.
  const changed = new EventEmitter<Uri>();
  context.subscriptions.push(
    changed,
    workspace.registerTextDocumentContentProvider(ARCHIVE_SCHEME, {
      onDidChange: changed.event,
      async provideTextDocumentContent(uri) {
        const r = await lc.sendRequest<ArchiveDocumentResult>(ARCHIVE_DOCUMENT_REQUEST, { uri: uri.toString() });
        if (r.text !== undefined) return r.text;
        void window.showWarningMessage(`Source Check: cannot open ${uri.path.replace(/^\//, '')}: ${r.problem ?? 'unknown problem'}.`);
        return `Source Check could not open this archived article: ${r.problem ?? 'unknown problem'}.`;
      },
    }),
  );

  const status = window.createStatusBarItem(StatusBarAlignment.Left, 10);
  context.subscriptions.push(status);

  context.subscriptions.push(
    commands.registerCommand('sourceCheck.setArchivePassword', async () => {
      const password = await window.showInputBox({ prompt: 'Password for the Source Check archive (kept in VS Code secret storage)', password: true, ignoreFocusOut: true });
      if (password === undefined) return;
      if (password) await context.secrets.store(PASSWORD_KEY, password);
      else await context.secrets.delete(PASSWORD_KEY);
      await lc.sendNotification(ARCHIVE_PASSWORD_NOTIFICATION, { password: password || null });
    }),
  );

  await client.start();
  client.onNotification(ARCHIVE_STATUS_NOTIFICATION, (s: ArchiveStatusParams) => {
    if (s.state === 'off') {
      status.hide();
      return;
    }
    status.text = s.state === 'up' ? '$(database) Archive' : s.state === 'down' ? '$(warning) Archive unreachable' : '$(sync~spin) Archive';
    status.tooltip = `Source Check: ${s.message}`;
    status.show();
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
