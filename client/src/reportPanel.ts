// The report a writer keeps beside the draft: one webview panel (not a Markdown preview,
// which follows the active editor and refuses file: links). It keeps its content while
// hidden, refreshes the claims report when the draft's diagnostics change, and opens the
// draft or a source at the linked passage with the words selected, in the editor column.

import * as vscode from 'vscode';
import { linkTarget, reportHtml, type LinkTarget } from './reportHtml';

/** How the panel gets a fresh report: the claims report re-asks the server; others are fixed. */
export interface ReportSource {
  title: string;
  markdown: string;
  /** The draft a claims report is about: refreshed when its diagnostics change. */
  draft?: vscode.Uri;
  refresh?: () => Promise<string | undefined>;
}

const nonce = () => Array.from({ length: 24 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 62)]).join('');

export class ReportPanel implements vscode.Disposable {
  static readonly viewType = 'sourceCheck.report';
  private panel: vscode.WebviewPanel | undefined;
  private current: ReportSource | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last passage a report link opened (for tests and the status of a click). */
  lastOpened: { uri: vscode.Uri; selection: vscode.Selection } | undefined;

  constructor() {
    this.disposables.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        const draft = this.current?.draft;
        if (draft && this.panel && e.uris.some((u) => u.toString() === draft.toString())) this.scheduleRefresh();
      }),
    );
  }

  get visible(): boolean {
    return !!this.panel;
  }

  get markdown(): string | undefined {
    return this.current?.markdown;
  }

  show(report: ReportSource): void {
    this.current = report;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        ReportPanel.viewType,
        report.title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // No local resources: everything is inline. Kept alive while hidden so a long report keeps its scroll.
        { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [], enableFindWidget: true },
      );
      this.panel.onDidDispose(() => (this.panel = undefined), null, this.disposables);
      this.panel.webview.onDidReceiveMessage((m: { open?: LinkTarget }) => m?.open && this.open(m.open), null, this.disposables);
    } else this.panel.reveal(undefined, true);
    this.render();
  }

  private render(): void {
    if (!this.panel || !this.current) return;
    this.panel.title = this.current.title;
    this.panel.webview.html = reportHtml(this.current.markdown, { nonce: nonce(), cspSource: this.panel.webview.cspSource });
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      const report = this.current;
      if (!report?.refresh) return;
      const fresh = await report.refresh().catch(() => undefined);
      if (fresh !== undefined && report === this.current && fresh !== report.markdown) {
        report.markdown = fresh;
        this.render();
      }
    }, 300);
  }

  /** Opens a linked passage in the editor column (never over the report), the words selected and centred. */
  async open(target: LinkTarget | string): Promise<vscode.TextEditor | undefined> {
    const t = typeof target === 'string' ? linkTarget(target) : target;
    if (!t) return undefined;
    const uri = vscode.Uri.parse(t.uri);
    const { start, end } = t.range;
    const selection = new vscode.Selection(start.line, start.character, end.line, end.character);
    const reportColumn = this.panel?.viewColumn;
    const column =
      vscode.window.visibleTextEditors.find((e) => e.viewColumn !== undefined && e.viewColumn !== reportColumn)?.viewColumn ??
      (reportColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(uri, { selection, viewColumn: column, preview: true });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.lastOpened = { uri, selection };
    return editor;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
