/// <reference types="mocha" />
// The editor experience through the VS Code API, inside a real VS Code (code-server or
// desktop VS Code): commands, the status bar, the Sources view, the claims report,
// Go to Source, Copy Citation, Insert Citation and Ignore This Claim, and a settings
// change that applies without a reload. Works on its own draft (editor-draft.md), so it
// does not disturb extension.test.ts. Polls; no fixed sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SourceCheckExtension } from '../../../client/src/extension';
import { openTimed } from './measure';

const EXTENSION_ID = 'source-check.source-check';
const WAIT_MS = Number(process.env.SOURCE_CHECK_TEST_TIMEOUT_MS || 30000);
const TITLE_000 = 'Kazakhstan Refuses to Recognize Russia’s Referendums in Occupied Ukrainian Territories';
const TITLE_002 = 'Kazakhstan’s foreign ministry comments on referendums in Donetsk and Luhansk';

const DRAFT = [
  '# Editor test draft',
  '',
  'Tokayev said: “If the right to self-determination is put into practice all over the world, then there will be over 600 countries instead of the 193 states that are currently members of the United Nations.”',
  '',
  '“Of course, that would be a disaster,” Tokayev said.',
  '',
  'The spokesman said «Our president often spoke about the topic, including the speeches in the U.N.»',
  '',
  'The ministry said: “Kazakhstan will send peacekeepers to the region next week.”',
  '',
].join('\n');

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, state?: () => unknown): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      let seen = '';
      try {
        seen = state ? `; last seen: ${JSON.stringify(await state())}` : '';
      } catch {
        /* ignore */
      }
      throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}${seen}${lastError ? `; last error: ${(lastError as Error).message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'source-check');
const codes = (uri: vscode.Uri) => ours(uri).map((d) => String(codeOf(d))).sort();

describe('Source Check editor features', function () {
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let ext: SourceCheckExtension;

  const at = (needle: string, delta = 3) => {
    const i = doc.getText().indexOf(needle);
    assert.ok(i >= 0, `the draft holds ${needle}`);
    return doc.positionAt(i + delta);
  };
  const actionsAt = async (needle: string) =>
    ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at(needle), at(needle)))) ?? []).filter(
      (a) => 'title' in a,
    );

  before(async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const uri = vscode.Uri.joinPath(folder.uri, 'editor-draft.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(DRAFT, 'utf8'));
    // The suite's first draft: opened as the extension host finishes starting.
    ({ doc, editor } = await openTimed(uri, 'suite: first draft opened → first diagnostics (extension host just started)', WAIT_MS));
    const extension = vscode.extensions.getExtension<SourceCheckExtension>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
    ext = await extension.activate();
    await waitFor('diagnostics on the editor draft', () => codes(doc.uri).length === 2, () => codes(doc.uri));
  });

  after(async function () {
    await vscode.workspace.getConfiguration('sourceCheck', doc.uri).update('severity', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('contributes every command under the Source Check category', async function () {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['reindex', 'showClaimsReport', 'goToSource', 'listDisagreements', 'listPeople', 'copyCitation']) {
      assert.ok(all.includes(`sourceCheck.${id}`), `sourceCheck.${id} is registered`);
    }
  });

  it('shows the active draft’s claims in the status bar', async function () {
    await vscode.window.showTextDocument(doc);
    const text = await waitFor(
      'the status bar item to count the claims',
      () => ext.status.item.text.includes('4 checked') && ext.status.item.text,
      () => ext.status.item.text,
    );
    assert.match(text, /4 checked · 2 verified · 2 flagged/);
    assert.equal(ext.status.item.command, 'sourceCheck.showClaimsReport');
  });

  it('opens the claims report beside the draft, with every claim, its verdict and links', async function () {
    await vscode.window.showTextDocument(doc);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('sourceCheck.showClaimsReport');
    assert.ok(uri, 'the command returns the report');
    const report = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(report, /^# Claims in editor\\-draft\\.md$/m);
    assert.match(report, /^4 claims checked: 2 verified, 2 flagged\.$/m);
    assert.match(report, /^## 2\. ⚠ Misquote — \[line 5\]\(<file:.*editor-draft\.md#L5,\d+-L5,\d+>\)$/m);
    assert.match(report, /wording: “Of course, that would be chaos”/);
    // The report is not a draft: it gets no diagnostics of its own.
    assert.deepEqual(ours(uri), []);
    const reportTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Claims in editor-draft.md');
    await waitFor('the report panel', () => reportTab());
    // Back to the draft: the report stays open beside it (a Markdown preview would turn into the draft's).
    editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    assert.ok(reportTab(), 'the report is still open after switching to the draft');
    assert.notEqual(reportTab()!.group.viewColumn, editor.viewColumn, 'the report is beside the draft, not over it');
  });

  it('a report link opens the source with the quoted words selected, beside the report', async function () {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('sourceCheck.showClaimsReport');
    const report = (await vscode.workspace.openTextDocument(uri!)).getText();
    const misquote = report.split(/^## /m).find((section) => section.startsWith('2. ⚠ Misquote')) ?? '';
    const href = /\[seeds\/000\\_03b0a985a00a2f0a\\\.txt, line 26\]\(<([^>]+)>\)/.exec(misquote)?.[1];
    assert.ok(href, 'the misquote links to its source passage');
    await vscode.commands.executeCommand('sourceCheck.openReportLink', href);
    const target = await waitFor(
      'the source to open',
      () => vscode.window.activeTextEditor?.document.uri.path.endsWith('000_03b0a985a00a2f0a.txt') && vscode.window.activeTextEditor,
      () => vscode.window.activeTextEditor?.document.uri.toString(),
    );
    assert.equal(target.document.getText(target.selection), 'Of course, that would be chaos');
  });

  it('Go to Definition selects the quoted words in the source', async function () {
    editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(at('Our president'), at('Our president'));
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const target = await waitFor(
      'the source with the words selected',
      () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.path.endsWith('002_61fae5efa680ce8d.txt') && !e.selection.isEmpty && e;
      },
      () => [vscode.window.activeTextEditor?.document.uri.toString(), vscode.window.activeTextEditor?.selection],
    );
    assert.match(target.document.getText(target.selection), /^Our president often spoke about the topic/);
  });

  it('a hover card starts with the verdict, then the source sentence', async function () {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at('Of course'));
    const card = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .find((v) => v.startsWith('### '));
    assert.ok(card, 'a Source Check card');
    const lines = card.split('\n').filter((l) => l.trim());
    assert.equal(lines[0], '### ⚠ Misquote');
    assert.match(lines[1], /^> .*\*\*Of course, that would be chaos\*\*/);
  });

  it('lists the sources in the Sources view, marking those the draft does not cite', async function () {
    await vscode.commands.executeCommand('sourceCheck.sources.focus');
    const result = await waitFor(
      'the Sources view to list the seeds with citations',
      () => ext.sourcesView.current?.folders[0]?.sources.some((s) => s.cited) && ext.sourcesView.current,
      () => ext.sourcesView.current,
    );
    const sources = result.folders[0].sources;
    assert.equal(sources.length, 5);
    const s000 = sources.find((s) => s.title === TITLE_000)!;
    assert.equal(s000.cited, true);
    assert.equal(s000.author, 'Aldgra Fredly');
    assert.ok(s000.quotes > 0);
    const s004 = sources.find((s) => s.id.startsWith('seeds/004'))!;
    assert.equal(s004.cited, false);
    // Title on the first line, outlet and date on the second (a child row, so neither is cut at
    // the default sidebar width); counts and citation in the tooltip.
    const nodes = ext.sourcesView.getChildren();
    const node004 = nodes.find((n) => ext.sourcesView.getTreeItem(n).id === s004.uri)!;
    const item004 = ext.sourcesView.getTreeItem(node004);
    assert.equal(item004.label, s004.title);
    const second = ext.sourcesView.getChildren(node004).map((n) => ext.sourcesView.getTreeItem(n));
    assert.deepEqual(second.map((i) => [i.label, i.description]), [['Kazinform · 26 Sept 2022', 'not cited']]);
    const tip = (item004.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ');
    assert.match(tip, /\d+ quotations?, \d+ figures?/);
    assert.match(tip, /Not cited by any open draft/);
    assert.equal(item004.command?.command, 'vscode.open');
  });

  it('goes to the source of the quote under the cursor', async function () {
    editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(at('Our president'), at('Our president'));
    await vscode.commands.executeCommand('sourceCheck.goToSource');
    const target = await waitFor(
      'the source file to open',
      () => vscode.window.activeTextEditor?.document.uri.path.endsWith('002_61fae5efa680ce8d.txt') && vscode.window.activeTextEditor,
      () => vscode.window.activeTextEditor?.document.uri.toString(),
    );
    assert.match(target.document.getText(target.selection), /^Our president often spoke about the topic, including the speeches in the U\.N/);
  });

  it('copies the citation of the source under the cursor', async function () {
    editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(at('Our president'), at('Our president'));
    const text = await vscode.commands.executeCommand<string>('sourceCheck.copyCitation');
    assert.equal(text, `${TITLE_002}.`);
  });

  it('lists the people the sources quote, with their quotations', async function () {
    await vscode.window.showTextDocument(doc);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('sourceCheck.listPeople');
    assert.ok(uri, 'the command opens a report');
    const report = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(report, /^# People in the sources$/m);
    assert.match(report, /^## \d+\. .*(Tokayev|Toqaev)/m);
    assert.match(report, /\(<file:.*\/seeds\/00\d_[0-9a-f]+\.txt#L\d+,\d+-L\d+,\d+>\)/);
  });

  it('lists the disagreements between sources as a report', async function () {
    await vscode.window.showTextDocument(doc);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('sourceCheck.listDisagreements');
    assert.ok(uri, 'the command opens a report');
    const report = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(report, /^# Disagreements between sources$/m);
    assert.match(report, /^(The sources agree|\d+ figures? or dates? the sources give differently)/m);
  });

  it('offers Insert Citation and Ignore This Claim; both edit the draft as expected', async function () {
    editor = await vscode.window.showTextDocument(doc);
    const actions = await waitFor(
      'code actions on the misquote',
      async () => {
        const a = await actionsAt('Of course');
        return a.some((x) => x.title === 'Ignore This Claim') && a;
      },
      async () => (await actionsAt('Of course')).map((a) => a.title),
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Replace with the source's wording", 'Ignore This Claim', `Insert Citation: ${TITLE_000}`],
    );
    assert.ok(await vscode.workspace.applyEdit(actions[2].edit!));
    assert.match(doc.getText(), /disaster,”\[\^fredly\] Tokayev said/);
    assert.match(doc.getText(), /\n\[\^fredly\]: Kazakhstan Refuses to Recognize Russia’s Referendums in Occupied Ukrainian Territories\. by Aldgra Fredly\.\n$/);

    // The claims report open beside the draft follows the edit.
    editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const reportUri = await vscode.commands.executeCommand<vscode.Uri>('sourceCheck.showClaimsReport');
    assert.doesNotMatch(ext.reports.text(reportUri!) ?? '', /Misquote \(ignored\)/);
    const again = await waitFor('Ignore This Claim after the edit', async () => (await actionsAt('Of course')).find((a) => a.title === 'Ignore This Claim'));
    assert.ok(await vscode.workspace.applyEdit(again.edit!));
    assert.match(doc.getText(), /\n<!-- source-check-disable-next-line misquote -->\n“Of course/);
    await waitFor('the misquote to be ignored', () => codes(doc.uri).join() === 'unsourced-quote', () => codes(doc.uri));
    await waitFor('the open report to show the misquote as ignored', () => /Misquote \(ignored\)/.test(ext.reports.text(reportUri!) ?? ''), () => ext.reports.text(reportUri!)?.slice(0, 400));
  });

  it('applies a severity setting without a reload', async function () {
    await vscode.workspace.getConfiguration('sourceCheck', doc.uri).update('severity', { 'unsourced-quote': 'error' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(
      'the unsourced quote to become an error',
      () => ours(doc.uri).some((d) => codeOf(d) === 'unsourced-quote' && d.severity === vscode.DiagnosticSeverity.Error),
      () => ours(doc.uri).map((d) => [codeOf(d), d.severity]),
    );
    await vscode.workspace.getConfiguration('sourceCheck', doc.uri).update('severity', { 'unsourced-quote': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('the unsourced quote to be turned off', () => ours(doc.uri).length === 0, () => ours(doc.uri).map((d) => codeOf(d)));
  });

  it('reindexes the sources on command', async function () {
    const r = await vscode.commands.executeCommand<{ sources: number; unreadable: number }>('sourceCheck.reindex');
    assert.deepEqual(r, { sources: 5, unreadable: 0 });
  });
});
