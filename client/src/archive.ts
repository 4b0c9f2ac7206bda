// The shared archive in the editor: archived articles as read-only virtual documents
// (source-check-archive:/business/001.txt, served by the server), the archive's state
// in the status bar, and the password in VS Code's secret storage (never in a setting).

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ArchiveDocumentRequest,
  ArchivePasswordNotification,
  ArchiveScheme,
  ArchiveStatusNotification,
  type ArchiveDocumentResult,
  type ArchiveStatusParams,
} from '../../server/src/lsp/protocol';

const PASSWORD_KEY = 'sourceCheck.archive.password';

/** The password to hand the server at start (initializationOptions.archivePassword). */
export async function archivePassword(context: vscode.ExtensionContext): Promise<string | null> {
  // Reading secret storage took 1.6 s at start-up in code-server: only when an archive is configured.
  if (!archiveConfigured()) return null;
  return (await context.secrets.get(PASSWORD_KEY)) ?? null;
}

/** Whether a shared archive is set up (the setting, or the environment the server also reads). */
export function archiveConfigured(): boolean {
  return !!(vscode.workspace.getConfiguration('sourceCheck.archive').get<string>('url') || process.env.SOURCE_CHECK_ARCHIVE_URL);
}

/** Registers the archive's document provider, status bar item and password command. */
export function registerArchive(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(ArchiveScheme, {
      async provideTextDocumentContent(uri) {
        const r = await client.sendRequest<ArchiveDocumentResult>(ArchiveDocumentRequest, { uri: uri.toString() });
        if (r.text !== undefined) return r.text;
        void vscode.window.showWarningMessage(`Source Check: cannot open ${uri.path.replace(/^\//, '')}: ${r.problem ?? 'unknown problem'}.`);
        return `Source Check could not open this archived article: ${r.problem ?? 'unknown problem'}.`;
      },
    }),
  );

  const status = vscode.window.createStatusBarItem('sourceCheck.archive', vscode.StatusBarAlignment.Left, 9);
  status.name = 'Source Check Archive';
  context.subscriptions.push(
    status,
    client.onNotification(ArchiveStatusNotification, (s: ArchiveStatusParams) => {
      if (s.state === 'off') {
        status.hide();
        return;
      }
      status.text = s.state === 'up' ? '$(database) Archive' : s.state === 'down' ? '$(warning) Archive unreachable' : '$(sync~spin) Archive';
      status.tooltip = `Source Check: ${s.message}`;
      status.show();
    }),
  );

  // An archive set up after start-up: hand the server its password then (not read at start without one).
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('sourceCheck.archive.url') || !archiveConfigured()) return;
      const password = (await context.secrets.get(PASSWORD_KEY)) ?? null;
      if (password) await client.sendNotification(ArchivePasswordNotification, { password });
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('sourceCheck.setArchivePassword', async () => {
      const password = await vscode.window.showInputBox({ prompt: 'Password for the Source Check archive (kept in VS Code secret storage)', password: true, ignoreFocusOut: true });
      if (password === undefined) return;
      if (password) await context.secrets.store(PASSWORD_KEY, password);
      else await context.secrets.delete(PASSWORD_KEY);
      await client.sendNotification(ArchivePasswordNotification, { password: password || null });
    }),
  );
}
