// The status bar item for the active draft: how many claims were checked, verified and
// flagged. Clicking it opens the claims report.

import * as vscode from 'vscode';
import type { SourceCheckApi } from './protocolClient';

export class ClaimsStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('sourceCheck.claims', vscode.StatusBarAlignment.Left, 50);
  private timer: NodeJS.Timeout | undefined;
  private disposables: vscode.Disposable[] = [];

  constructor(private api: SourceCheckApi) {
    this.item.name = 'Source Check';
    this.item.command = 'sourceCheck.showClaimsReport';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.schedule();
      }),
    );
    this.schedule(0);
  }

  /** Re-reads the active draft's claims after a short quiet time (typing sends many events). */
  schedule(delay = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || (doc.languageId !== 'markdown' && doc.languageId !== 'plaintext') || (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled')) {
      this.item.hide();
      return;
    }
    let r;
    try {
      r = await this.api.claims(doc.uri.toString());
    } catch {
      this.item.hide();
      return;
    }
    if (doc !== vscode.window.activeTextEditor?.document) return;
    if (!r || r.skipped) {
      this.item.hide();
      return;
    }
    const { checked, verified, flagged, ignored } = r.counts;
    this.item.text = `${flagged > 0 ? '$(warning)' : '$(pass)'} ${checked} checked · ${verified} verified · ${flagged} flagged`;
    this.item.tooltip = new vscode.MarkdownString(
      `**Source Check**: ${checked} claim${checked === 1 ? '' : 's'} in this draft; ${verified} verified, ${flagged} flagged` +
        `${ignored ? `, ${ignored} ignored` : ''}.\n\nClick for the claims report.`,
    );
    this.item.accessibilityInformation = { label: `Source Check: ${checked} claims checked, ${verified} verified, ${flagged} flagged` };
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }
}
