/// <reference types="mocha" />
// Runs inside a real VS Code extension host (code-server or desktop VS Code via @vscode/test-electron)
// with the workspace folder prepared by test/vscode/workspace.ts: draft.md plus a copy of seeds/.
// Everything is checked through the public VS Code API, by polling (no fixed sleeps).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openTimed } from './measure';

const EXTENSION_ID = 'source-check.source-check';
const WAIT_MS = Number(process.env.SOURCE_CHECK_TEST_TIMEOUT_MS || 30000);

// Quotes in test/vscode/workspace/draft.md.
const VERIFIED = 'If the right to self-determination is put into practice';
const MISQUOTED_WORD = 'disaster'; // the source (seeds/000, seeds/003) says "chaos"
const UNSOURCED = 'Kazakhstan will send peacekeepers to the region next week.';
// Titles (first lines) of the seeds that contain the verified quote.
const VERIFIED_SOURCE_TITLES = [
  'Kazakhstan Refuses to Recognize Russia’s Referendums in Occupied Ukrainian Territories', // seeds/000
  'Russia ally Kazakhstan refuses to recognise Donetsk Luhansk as independent republics', // seeds/003
];
const VERIFIED_SOURCE_FILES = ['000_03b0a985a00a2f0a.txt', '003_9a73c015399860f1.txt'];

/** Polls `probe` until it returns something other than undefined/false; fails with `what` and the last state. */
async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, describeState?: () => unknown, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      let state = '';
      try {
        state = describeState ? `; last seen: ${JSON.stringify(await describeState())}` : '';
      } catch {
        /* ignore */
      }
      const cause = lastError ? `; last error: ${(lastError as Error)?.message ?? lastError}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}${cause}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
}

function summarize(ds: readonly vscode.Diagnostic[]) {
  return ds.map((d) => ({
    source: d.source,
    code: codeOf(d),
    range: `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
    message: d.message.slice(0, 120),
  }));
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'source-check');
}

function rangeOf(doc: vscode.TextDocument, text: string): vscode.Range {
  const i = doc.getText().indexOf(text);
  assert.ok(i >= 0, `draft does not contain ${JSON.stringify(text)}`);
  return new vscode.Range(doc.positionAt(i), doc.positionAt(i + text.length));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}

function locations(result: (vscode.Location | vscode.LocationLink)[] | undefined): { uri: vscode.Uri; range: vscode.Range }[] {
  return (result ?? []).map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : { uri: l.uri, range: l.range }));
}

describe('Source Check in VS Code', function () {
  let doc: vscode.TextDocument;
  let fixApplied = false;

  before(async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open (the runner should open the prepared temp workspace)');
    const uri = vscode.Uri.joinPath(folder.uri, 'draft.md');
    // Opened after the editor tests: Source Check is running and its sources are indexed.
    ({ doc } = await openTimed(uri, 'suite: draft opened → first diagnostics (extension running, sources indexed)', WAIT_MS));
    assert.equal(doc.languageId, 'markdown');
  });

  it('activates the extension when a markdown draft is opened', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
    await waitFor('the extension to activate', () => ext.isActive, () => ({ isActive: ext.isActive }));
  });

  it('reports a misquote on the misquoted words and one unsourced quote', async function () {
    const word = rangeOf(doc, MISQUOTED_WORD);
    const unsourced = rangeOf(doc, UNSOURCED);
    const verified = rangeOf(doc, VERIFIED);
    const diags = await waitFor(
      'source-check diagnostics with codes misquote and unsourced-quote',
      () => {
        const ds = ours(doc.uri);
        return ds.some((d) => codeOf(d) === 'misquote') && ds.some((d) => codeOf(d) === 'unsourced-quote') && ds;
      },
      () => summarize(vscode.languages.getDiagnostics(doc.uri)),
    );
    const misquotes = diags.filter((d) => codeOf(d) === 'misquote');
    assert.ok(
      misquotes.some((d) => d.range.contains(word)),
      `no misquote diagnostic covers "${MISQUOTED_WORD}" (${word.start.line}:${word.start.character}); got ${JSON.stringify(summarize(misquotes))}`,
    );
    const unsourcedDiags = diags.filter((d) => codeOf(d) === 'unsourced-quote');
    assert.equal(unsourcedDiags.length, 1, `expected exactly one unsourced-quote, got ${JSON.stringify(summarize(unsourcedDiags))}`);
    assert.ok(unsourcedDiags[0].range.intersection(unsourced), `the unsourced-quote diagnostic is not on the ministry quote: ${JSON.stringify(summarize(unsourcedDiags))}`);
    const onVerified = diags.filter((d) => d.range.intersection(verified) && ['misquote', 'unsourced-quote'].includes(String(codeOf(d))));
    assert.deepEqual(summarize(onVerified), [], 'the verified Tokayev quote should not be flagged');
  });

  it('shows a hover card with the source title on a verified quote', async function () {
    const pos = rangeOf(doc, 'self-determination').start.translate(0, 3);
    const text = await waitFor(
      'a hover containing the title of seeds/000 or seeds/003',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
        const t = hoverText(hovers ?? []);
        return VERIFIED_SOURCE_TITLES.some((title) => t.includes(title)) && t;
      },
      async () => hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? []).slice(0, 400),
    );
    assert.ok(text.length > 0);
  });

  it('goes to the source article from a quote (definition)', async function () {
    const pos = rangeOf(doc, 'self-determination').start.translate(0, 3);
    const locs = await waitFor(
      'a definition location in a seeds/ file',
      async () => {
        const ls = locations(await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, pos));
        return ls.some((l) => l.uri.path.includes('/seeds/')) && ls;
      },
      async () => locations(await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, pos)).map((l) => l.uri.toString()),
    );
    const inSeeds = locs.filter((l) => l.uri.path.includes('/seeds/'));
    const file = inSeeds[0].uri.path.split('/').pop()!;
    assert.ok(VERIFIED_SOURCE_FILES.includes(file), `definition points at ${file}, which does not contain the quote`);
    const target = await vscode.workspace.openTextDocument(inSeeds[0].uri);
    const line = target.lineAt(inSeeds[0].range.start.line).text;
    assert.ok(line.includes('self-determination'), `definition line ${inSeeds[0].range.start.line} of ${file} is not the quote: ${JSON.stringify(line.slice(0, 120))}`);
  });

  it('offers a quick fix on the misquote that restores the source wording', async function () {
    const word = rangeOf(doc, MISQUOTED_WORD);
    const diag = await waitFor(
      'a misquote diagnostic',
      () => ours(doc.uri).find((d) => codeOf(d) === 'misquote' && d.range.contains(word)),
      () => summarize(vscode.languages.getDiagnostics(doc.uri)),
    );
    const fix = await waitFor(
      'a quick fix code action on the misquote',
      async () => {
        const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, diag.range);
        const fixes = (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
        return fixes.find((a) => a.diagnostics?.some((d) => codeOf(d) === 'misquote')) ?? fixes[0];
      },
      async () =>
        ((await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, diag.range)) ?? []).map((a) => ({
          title: a.title,
          kind: 'kind' in a ? a.kind?.value : 'command',
        })),
    );
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), `applying "${fix.title}" failed`);
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.ok(fix.edit || fix.command, `quick fix "${fix.title}" has neither an edit nor a command`);
    await waitFor(
      'the draft to read “Of course, that would be chaos,” after the fix',
      () => doc.getText().includes('“Of course, that would be chaos,”') && !doc.getText().includes(MISQUOTED_WORD),
      () => doc.getText().split('\n').find((l) => l.includes('Of course')),
    );
    fixApplied = true;
  });

  it('clears the misquote diagnostic once the quote is fixed', async function () {
    assert.ok(fixApplied, 'not checked: the quick-fix test above did not fix the draft');
    await waitFor(
      'the misquote diagnostic to go away',
      () => ours(doc.uri).length > 0 && !ours(doc.uri).some((d) => codeOf(d) === 'misquote'),
      () => summarize(vscode.languages.getDiagnostics(doc.uri)),
    );
  });
});
