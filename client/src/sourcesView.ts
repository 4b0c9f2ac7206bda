// The "Sources" view (its own activity-bar container, so it gets the sidebar's full
// height): every indexed source of every workspace folder, its title on one line and
// outlet · date on a second (a child row: a title and its description on one line need a
// 730-px sidebar, and VS Code cuts the description first); author, counts, file, problems
// and whether an open draft cites it in the tooltip (an uncited source also gets a hollow
// icon). Clicking either line opens the file.

import { reporterDate } from '../../server/src/core/text/dateStyle';
import * as vscode from 'vscode';
import type { FolderSourcesInfo, SourceInfo, SourcesResult } from '../../server/src/lsp/protocol';
import type { SourceCheckApi } from './protocolClient';

type Node =
  | { kind: 'folder'; folder: FolderSourcesInfo }
  | { kind: 'source'; source: SourceInfo; openDrafts: number }
  | { kind: 'detail'; source: SourceInfo; openDrafts: number }
  | { kind: 'unreadable'; id: string; uri: string; problem: string }
  | { kind: 'omitted'; count: number };

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** The second line of a source: what a reporter names it by. Unknown parts are said, not guessed. */
export const sourceLine = (s: SourceInfo) => [s.outlet ?? 'outlet unknown', s.date ? reporterDate(s.date) : 'date unknown'].join(' · ');

export class SourcesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private result: SourcesResult | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private api: SourceCheckApi) {
    this.view = vscode.window.createTreeView('sourceCheck.sources', { treeDataProvider: this, showCollapseAll: true });
    this.view.onDidChangeVisibility((e) => e.visible && this.refresh(0));
  }

  /** Asks the server again after a quiet time: the server says "changed" on every check. */
  refresh(delay = 300): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.view.visible) return;
      void this.load();
    }, delay);
  }

  private async load(): Promise<void> {
    try {
      this.result = await this.api.sources();
    } catch (e) {
      this.view.message = `Source Check could not list the sources: ${(e as Error).message}`;
      return;
    }
    const total = this.result.folders.reduce((n, f) => n + f.sources.length + f.omitted, 0);
    const uncited = this.result.folders.reduce((n, f) => n + (f.openDrafts > 0 ? f.sources.filter((s) => !s.cited).length : 0), 0);
    this.view.message = this.result.indexing ? 'Indexing sources…' : undefined;
    // The welcome text ("No source articles found…") only once the server has answered.
    void vscode.commands.executeCommand('setContext', 'sourceCheck.sourcesListed', !this.result.indexing);
    this.view.description = total > 0 ? `${total}${uncited ? `, ${uncited} not cited` : ''}` : undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    const r = this.result;
    if (!r) return [];
    const children = (f: FolderSourcesInfo): Node[] => [
      ...f.sources.map((source): Node => ({ kind: 'source', source, openDrafts: f.openDrafts })),
      ...f.unreadable.map((u): Node => ({ kind: 'unreadable', ...u })),
      ...(f.omitted > 0 ? [{ kind: 'omitted', count: f.omitted } as Node] : []),
    ];
    if (!node) {
      // With one folder the sources are the top level; with several, one node per folder.
      const withSources = r.folders.filter((f) => f.sources.length + f.unreadable.length > 0);
      if (withSources.length === 0) return [];
      return r.folders.length === 1 ? children(r.folders[0]) : r.folders.map((folder): Node => ({ kind: 'folder', folder }));
    }
    if (node.kind === 'source') return [{ kind: 'detail', source: node.source, openDrafts: node.openDrafts }];
    return node.kind === 'folder' ? children(node.folder) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = plural(node.folder.sources.length, 'source');
      item.iconPath = vscode.ThemeIcon.Folder;
      item.resourceUri = vscode.Uri.parse(node.folder.uri);
      return item;
    }
    if (node.kind === 'omitted') {
      const item = new vscode.TreeItem(`… and ${plural(node.count, 'more source')}`, vscode.TreeItemCollapsibleState.None);
      item.tooltip = 'A large archive lists the sources the open drafts cite first, then the first by path.';
      return item;
    }
    if (node.kind === 'unreadable') {
      const item = new vscode.TreeItem(node.id, vscode.TreeItemCollapsibleState.None);
      item.description = node.problem;
      item.tooltip = `${node.id}: ${node.problem}`;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
      item.contextValue = 'sourceCheck.unreadable';
      item.command = { command: 'vscode.open', title: 'Open Source', arguments: [vscode.Uri.parse(node.uri)] };
      return item;
    }
    const s = node.source;
    const uncited = node.openDrafts > 0 && !s.cited;
    const detail = node.kind === 'detail';
    const item = detail
      ? new vscode.TreeItem(sourceLine(s), vscode.TreeItemCollapsibleState.None)
      : new vscode.TreeItem(s.title ?? s.id, vscode.TreeItemCollapsibleState.Expanded);
    item.id = detail ? `${s.uri}#detail` : s.uri;
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**').appendText(s.title ?? 'Untitled source').appendMarkdown('**\n\n');
    md.appendText(`Outlet: ${s.outlet ?? 'unknown'}\nAuthor: ${s.author ?? 'unknown'}\nDate: ${s.date ? reporterDate(s.date) : 'unknown'}\n`);
    if (s.url) md.appendText(`URL: ${s.url}\n`);
    md.appendText(`File: ${s.id}\n${plural(s.quotes, 'quotation')}, ${plural(s.figures, 'figure')}\n`);
    md.appendText(node.openDrafts === 0 ? 'No draft is open.\n' : s.cited ? 'Cited by an open draft.\n' : 'Not cited by any open draft.\n');
    if (s.problem) md.appendText(`Problem: ${s.problem}\n`);
    item.tooltip = md;
    if (detail) item.description = uncited ? 'not cited' : undefined;
    else
      item.iconPath = s.problem
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
        : new vscode.ThemeIcon(uncited ? 'circle-large-outline' : 'file-text');
    item.contextValue = 'sourceCheck.source';
    item.command = { command: 'vscode.open', title: 'Open Source', arguments: [vscode.Uri.parse(s.uri)] };
    return item;
  }

  /** The source of a view node, for the context menu's Copy Citation. */
  static sourceOf(node: unknown): SourceInfo | undefined {
    const n = node as Node | undefined;
    return n?.kind === 'source' || n?.kind === 'detail' ? n.source : undefined;
  }

  /** What the view shows, for tests through the extension's API. */
  get current(): SourcesResult | undefined {
    return this.result;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.view.dispose();
    this.changed.dispose();
  }
}
