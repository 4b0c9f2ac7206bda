// The palette commands, under the "Source Check" category: Reindex Sources, Show
// Claims Report, Go to Source, List Disagreements Between Sources, List People in
// Sources, Copy Citation. Reports open in one webview panel beside the draft
// (reportPanel.ts); their Markdown stays readable as a read-only document too.

import { reporterDate } from '../../server/src/core/text/dateStyle';
import * as vscode from 'vscode';
import { DisagreementsRequest, PeopleRequest, type DisagreementsResult, type PeopleResult } from '../../server/src/lsp/protocol';
import { citationText } from '../../server/src/core/report/citation';
import { disagreementsReport, genericReport, peopleReport } from './protocolReports';
import type { SourceCheckApi } from './protocolClient';
import { SourcesView } from './sourcesView';
import { ReportPanel } from './reportPanel';

/** Read-only documents holding generated reports: never drafts, so never checked. */
export const REPORT_SCHEME = 'source-check-report';

export class Reports implements vscode.TextDocumentContentProvider {
  private texts = new Map<string, string>();
  private changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  readonly panel = new ReportPanel();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /**
   * Shows a report in the panel beside the draft. A claims report passes its draft and a
   * refresh, so it follows the draft's edits. Returns the report's read-only Markdown document.
   */
  async show(name: string, markdown: string, draft?: { uri: vscode.Uri; refresh: () => Promise<string | undefined> }): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}${name.endsWith('.md') ? '' : '.md'}` });
    const set = (text: string) => {
      this.texts.set(uri.toString(), text);
      this.changed.fire(uri);
    };
    set(markdown);
    const refresh = draft
      ? async () => {
          const text = await draft.refresh();
          if (text !== undefined) set(text);
          return text;
        }
      : undefined;
    this.panel.show({ title: name, markdown, draft: draft?.uri, refresh });
    return uri;
  }

  dispose(): void {
    this.panel.dispose();
  }

  text(uri: vscode.Uri): string | undefined {
    return this.texts.get(uri.toString());
  }
}

function activeDraft(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || (editor.document.uri.scheme !== 'file' && editor.document.uri.scheme !== 'untitled')) {
    void vscode.window.showInformationMessage('Source Check: open a draft (a markdown or plaintext document) first.');
    return undefined;
  }
  return editor;
}

const fileName = (uri: vscode.Uri) => uri.path.split('/').pop() || 'draft';

export function registerCommands(context: vscode.ExtensionContext, api: SourceCheckApi, reports: Reports, sourcesView: SourcesView): void {
  const register = (id: string, run: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('sourceCheck.reindex', () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Source Check: reindexing sources' }, async () => {
      const r = await api.reindex();
      sourcesView.refresh(0);
      void vscode.window.setStatusBarMessage(
        `Source Check: ${r.sources} source${r.sources === 1 ? '' : 's'} indexed${r.unreadable ? `, ${r.unreadable} with problems (see the Sources view)` : ''}`,
        5000,
      );
      return r;
    }),
  );

  register('sourceCheck.showClaimsReport', async () => {
    const editor = activeDraft();
    if (!editor) return;
    const r = await api.claims(editor.document.uri.toString());
    if (!r || r.skipped) {
      void vscode.window.showInformationMessage(`Source Check does not check ${fileName(editor.document.uri)}: ${r?.skipped ?? 'not a draft'}.`);
      return;
    }
    const draft = editor.document.uri;
    return reports.show(`Claims in ${fileName(draft)}`, r.report, {
      uri: draft,
      refresh: async () => {
        const fresh = await api.claims(draft.toString());
        return fresh && !fresh.skipped ? fresh.report : undefined;
      },
    });
  });

  register('sourceCheck.goToSource', async () => {
    const editor = activeDraft();
    if (!editor) return;
    const r = await api.claims(editor.document.uri.toString());
    const pos = editor.selection.active;
    const claim = r?.claims.find((c) => new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character).contains(pos));
    const sources = claim && claim.verdict !== 'unsourced' ? claim.sources : [];
    if (sources.length === 0) {
      void vscode.window.showInformationMessage(claim ? 'Source Check: no source carries this claim.' : 'Source Check: put the cursor in a quotation to go to its source.');
      return;
    }
    let target = sources[0];
    if (sources.length > 1) {
      const pick = await vscode.window.showQuickPick(
        sources.map((s) => ({ label: s.title ?? s.id, description: [s.role, s.outlet, s.date ? reporterDate(s.date) : undefined].filter(Boolean).join(' · '), detail: `${s.id}, line ${s.range.start.line + 1}`, s })),
        { title: 'Go to Source', placeHolder: 'The sources that carry this claim' },
      );
      if (!pick) return;
      target = pick.s;
    }
    const range = new vscode.Range(target.range.start.line, target.range.start.character, target.range.end.line, target.range.end.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), { selection: range, preview: true });
  });

  register('sourceCheck.copyCitation', async (node?: unknown) => {
    // From the Sources view's context menu: that source. From the palette: the source under the cursor.
    const fromView = SourcesView.sourceOf(node);
    let text: string | undefined;
    if (fromView) text = citationText(fromView, fromView.id);
    else {
      const editor = activeDraft();
      if (!editor) return;
      const c = await api.citation(editor.document.uri.toString(), editor.selection.active);
      if (!c) {
        void vscode.window.showInformationMessage('Source Check: put the cursor in a sourced quotation (or in a source file) to copy its citation.');
        return;
      }
      text = c.text;
    }
    try {
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(`Source Check: citation copied: ${text}`, 5000);
    } catch {
      // A browser workbench may refuse the clipboard: show the citation so it can be copied by hand.
      void vscode.window.showInformationMessage(`Citation: ${text}`);
    }
    return text;
  });

  register('sourceCheck.listDisagreements', async () => {
    const editor = vscode.window.activeTextEditor;
    const answer = await api.optional<DisagreementsResult>(DisagreementsRequest, editor ? { uri: editor.document.uri.toString() } : {});
    if (answer === undefined) {
      void vscode.window.showInformationMessage('Source Check: this version of the server does not list disagreements between sources yet.');
      return;
    }
    return reports.show(
      'Disagreements between sources',
      Array.isArray(answer?.disagreements) ? disagreementsReport(answer) : genericReport('Disagreements between sources', answer),
    );
  });

  register('sourceCheck.listPeople', async () => {
    const editor = vscode.window.activeTextEditor;
    // The people of the active document's folder; of every folder without one.
    const answer = await api.optional<PeopleResult>(PeopleRequest, editor ? { uri: editor.document.uri.toString() } : {});
    if (answer === undefined) {
      void vscode.window.showInformationMessage('Source Check: this version of the server does not list the people in the sources yet.');
      return;
    }
    return reports.show('People in the sources', Array.isArray(answer?.people) ? peopleReport(answer) : genericReport('People in the sources', answer));
  });

  register('sourceCheck.refreshSources', () => sourcesView.refresh(0));

  // What a click on a report link does (also for tests and keyboard users): open the passage, selected.
  register('sourceCheck.openReportLink', (href?: unknown) => (typeof href === 'string' ? reports.panel.open(href) : undefined));
}
