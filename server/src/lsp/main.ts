// The language server: a thin adapter that keeps one source index per workspace
// folder, checks open drafts as they change, and translates the core's claims and
// findings into diagnostics, hovers, definitions and code actions. Start it with
// `node dist/server.js --stdio` (or --node-ipc) from any LSP client.

// First: V8's regular-expression tier-up, before any expression runs.
import '../node/regexpTierUp';
import {
  CodeAction,
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  LocationLink,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'url';
import { clock, readEarly, Workspace } from './workspace';
import { toDiagnostic, toRange } from './convert';
import { claimHover } from '../core/report/hover';
import { truncate } from '../core/report/describe';
import { citationEdits, citationMarkdown, citationText } from '../core/report/citation';
import { ignoreEdit } from '../core/check/directives';
import type { Fix } from '../core/check/findings';
import { ArchiveDocumentRequest, ArchivePasswordNotification, CitationRequest, ClaimsRequest, DisagreementsRequest, PeopleRequest, ReindexRequest, SourcesRequest } from './protocol';
import type {
  ArchiveDocumentParams,
  ArchiveDocumentResult,
  ArchivePasswordParams,
  CitationParams,
  CitationResult,
  DisagreementsParams,
  DisagreementsResult,
  ClaimsParams,
  ClaimsResult,
  InitializationOptions,
  PeopleParams,
  PeopleResult,
  ReindexResult,
  SourcesResult,
} from './protocol';

/** When this module was evaluated (its bundle loaded and compiled), for the start-up log. */
const moduleLoaded = Date.now();
/** When the client's initialize request arrived. */
let initializeReceived = 0;
// Folders the VS Code client named when it forked this process: reading starts now, before initialize.
const early = readEarly(process.env.SOURCE_CHECK_EARLY);
delete process.env.SOURCE_CHECK_EARLY;
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let workspace: Workspace;
let canPullConfiguration = false;
let canWatchFiles = false;
let canChangeFolders = false;
/** Whether indexing started at initialize (the client sent every folder's settings with it). */
let startedEarly = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  initializeReceived = Date.now();
  const caps = params.capabilities;
  canPullConfiguration = !!caps.workspace?.configuration;
  canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  canChangeFolders = !!caps.workspace?.workspaceFolders;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const options = (params.initializationOptions ?? {}) as { [K in keyof InitializationOptions]?: unknown };
  const cacheDir = typeof options.cacheDir === 'string' && options.cacheDir ? options.cacheDir : undefined;
  workspace = new Workspace(connection, documents, folders, canPullConfiguration, (caps.window?.workDoneProgress ?? false) === true, cacheDir);
  if (typeof options.archivePassword === 'string' && options.archivePassword) workspace.setArchivePassword(options.archivePassword);
  workspace.adoptEarly(early);
  const initial = options.settings;
  if (initial && typeof initial === 'object') workspace.useInitialSettings(initial as NonNullable<InitializationOptions['settings']>);
  // With every folder's settings at hand, indexing starts as soon as this answer is on its way,
  // not after the client's `initialized` and a settings round trip.
  startedEarly = workspace.canStartEarly;
  if (startedEarly) setImmediate(() => void workspace.loadAll());
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'source-check', version: typeof __VERSION__ === 'string' ? __VERSION__ : 'dev' },
  };
});

declare const __VERSION__: string | undefined;

connection.onInitialized(async () => {
  workspace.clientInitialized();
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  if (canWatchFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{txt,md,markdown,html,htm}' }],
    });
  }
  // Only a client that has workspace folders sends their changes (asking another one throws, and
  // the folders were then never read).
  if (canChangeFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      void workspace.changeFolders(
        e.added.map((f) => f.uri),
        e.removed.map((f) => f.uri),
      );
    });
  }
  const started = Date.now();
  const processStarted = Math.round(performance.timeOrigin);
  connection.console.info(
    `Source Check: server initialized at ${clock(started)}, ${started - processStarted} ms after its process started (at ${clock(processStarted)}; ` +
      `code loaded at ${clock(moduleLoaded)}, initialize received at ${clock(initializeReceived)}); ` +
      (startedEarly ? 'reading the sources since initialize' : 'reading the sources'),
  );
  await workspace.loadAll();
  connection.console.info(`Source Check: folders ready at ${clock(Date.now())}, ${Date.now() - started} ms after initialized`);
});

connection.onRequest(ArchiveDocumentRequest, (params: ArchiveDocumentParams): Promise<ArchiveDocumentResult> => workspace.archiveDocument(String(params?.uri ?? '')));
connection.onNotification(ArchivePasswordNotification, (params: ArchivePasswordParams) =>
  workspace.setArchivePassword(typeof params?.password === 'string' && params.password ? params.password : undefined),
);
connection.onShutdown(() => workspace?.dispose());

connection.onDidChangeConfiguration(() => void workspace.reloadSettings());

connection.onDidChangeWatchedFiles(async (params) => {
  const changes = params.changes.map((c) => {
    let path: string | undefined;
    try {
      path = fileURLToPath(c.uri);
    } catch {
      path = undefined;
    }
    return { path, deleted: c.type === FileChangeType.Deleted };
  });
  await workspace.sourcesChanged(changes.filter((c): c is { path: string; deleted: boolean } => c.path !== undefined));
});

// A draft is checked as soon as it is opened; an edit after a short settling wait, or once
// a burst of edits goes quiet (Workspace.scheduleCheck).
const opening = new Set<string>();
documents.onDidOpen((e) => {
  opening.add(e.document.uri);
  workspace.opened(e.document.uri);
});
documents.onDidChangeContent((e) => workspace.scheduleCheck(e.document, !opening.delete(e.document.uri)));
documents.onDidClose((e) => workspace.closed(e.document.uri));

connection.onHover(async (params, token) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const indexing = workspace.indexingMessage(doc.uri);
  if (indexing) return { contents: { kind: 'markdown', value: indexing } };
  const hit = await workspace.claimAt(doc, params.position, token);
  if (!hit) return null;
  // An ignored claim still shows its provenance, and says why it has no diagnostic.
  const ignored = hit.claim.ignored ? '\n\n*Ignored: a source-check directive in this draft covers it.*' : '';
  return { contents: { kind: 'markdown', value: claimHover(hit.claim) + ignored }, range: toRange(doc, hit.claim.start, hit.claim.end) };
});

connection.onDefinition(async (params, token) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc || workspace.indexingMessage(doc.uri)) return null;
  const hit = await workspace.claimAt(doc, params.position, token);
  if (!hit || hit.claim.verdict === 'unsourced' || !hit.claim.best) return null;
  const origin = toRange(doc, hit.claim.start, hit.claim.end);
  const c = hit.claim;
  const targets = c.kind === 'quote' ? [c.best!, ...c.others] : [c.best!, ...c.others, ...c.conflicting];
  return targets.map(
    (m): LocationLink => ({
      originSelectionRange: origin,
      targetUri: m.location.source.uri,
      targetRange: m.location.range,
      targetSelectionRange: m.location.range,
    }),
  );
});

/**
 * A fix's label as the draft will read after it: a figure fix that replaces the digits of
 * "98.24%" is labelled "…: 98.42%", not "…: 98.42". Bounded, whatever the source holds.
 */
function fixLabel(text: string, f: { start: number; end: number }, fix: Fix): string {
  let title = fix.title;
  if (fix.start >= f.start && fix.end <= f.end && title.endsWith(`: ${fix.newText}`)) {
    const after = text.slice(f.start, fix.start) + fix.newText + text.slice(fix.end, f.end);
    title = title.slice(0, title.length - fix.newText.length) + after.replace(/\s+/g, ' ').trim();
  }
  return title.length > 100 ? title.slice(0, 99).trimEnd() + '…' : title;
}

connection.onCodeAction(async (params, token) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc || workspace.indexingMessage(doc.uri)) return [];
  const result = await workspace.resultFor(doc, token);
  if (!result) return [];
  const from = doc.offsetAt(params.range.start);
  const to = doc.offsetAt(params.range.end);
  const text = doc.getText();
  const edit = (fixes: Array<Omit<Fix, 'title'>>) => ({ changes: { [doc.uri]: fixes.map((f) => ({ range: toRange(doc, f.start, f.end), newText: f.newText })) } });
  const actions: CodeAction[] = [];
  const findings = workspace.published(doc.uri, result);
  for (const f of findings) {
    if (f.end < from || f.start > to) continue;
    for (const fix of f.fixes) {
      actions.push({
        title: fixLabel(text, f, fix),
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(doc, f)],
        // Preferred fixes run from one key press. Not a date's: a date resolved the wrong way
        // (a relative date, another year) would write the wrong date into the story.
        isPreferred: f.code === 'misquote' || f.code === 'quote-variant' || f.code === 'figure-mismatch',
        edit: edit([fix]),
      });
    }
    actions.push({ title: 'Ignore This Claim', kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(doc, f)], edit: edit([ignoreEdit(text, f.start, f.code)]) });
  }
  // Insert Citation: for any claim under the cursor that rests on a source (verified, spelt differently, or misquoted).
  const format = doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri) ? 'markdown' : 'text';
  for (const c of result.claims) {
    if (c.end < from || c.start > to || c.verdict === 'unsourced' || !c.best) continue;
    const s = c.best.location.source;
    actions.push({
      // Bounded like the hover's title: a menu entry, whatever the source's front matter says.
      title: `Insert Citation: ${truncate(s.meta.title ?? s.id, 120)}`,
      kind: CodeActionKind.QuickFix,
      edit: edit(citationEdits(text, c.end, format, s.meta, s.id)),
    });
  }
  return actions;
});

connection.onRequest(DisagreementsRequest, async (params: DisagreementsParams | undefined, token): Promise<DisagreementsResult> => {
  try {
    return { disagreements: await workspace.disagreements(params?.uri, token) };
  } catch (e) {
    connection.console.error(`Source Check: listing disagreements failed: ${(e as Error).stack ?? e}`);
    return { disagreements: [] };
  }
});

connection.onRequest(PeopleRequest, async (params: PeopleParams | undefined): Promise<PeopleResult> => {
  return { people: await workspace.people(params?.folder, params?.uri) };
});

connection.onRequest(ClaimsRequest, async (params: ClaimsParams, token): Promise<ClaimsResult | null> => {
  const doc = documents.get(params.uri);
  return doc ? workspace.claims(doc, token) : null;
});

connection.onRequest(SourcesRequest, (): Promise<SourcesResult> => workspace.sources());

connection.onRequest(ReindexRequest, (): Promise<ReindexResult> => workspace.reindex());

connection.onRequest(CitationRequest, async (params: CitationParams, token): Promise<CitationResult | null> => {
  const doc = documents.get(params.uri);
  if (!doc) return null;
  const source = await workspace.citationSource(doc, params.position, token);
  return source ? { source, text: citationText(source, source.id), markdown: citationMarkdown(source, source.id) } : null;
});

documents.listen(connection);
connection.listen();

// A bad document or source must never take the server down: log and carry on.
process.on('uncaughtException', (e) => connection.console.error(`Source Check: unexpected error: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`Source Check: unexpected error: ${(e as Error)?.stack ?? e}`));
