// The server's state: one FolderSources per workspace folder (each with its own
// settings), the latest check of each open draft, and the scheduling that keeps
// diagnostics following the writer's typing without ever publishing a stale result.

import type { CancellationToken, Connection, Position, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument as TextDocumentImpl, type TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'url';
import * as path from 'path';
import { FolderSources } from '../node/folderSources';
import { CacheKey, indexCacheFile, removeStaleCaches } from '../node/indexCache';
import { DEFAULT_NOTES_GLOBS, DEFAULT_SOURCE_GLOBS } from '../node/sourceFiles';
import { formatSize } from '../node/decode';
import { FactCache, QuoteCache } from '../core/check/cache';
import { checkDraft } from '../core/check/draft';
import type { MemoryIndex } from '../core/index/memoryIndex';
import type { CheckResult, Claim } from '../core/check/findings';
import type { SourceStore } from '../core/match/store';
import { findDisagreements } from '../core/check/disagreements';
import type { DisagreementItem } from './protocol';
import { MESSAGE_MAX, toDiagnostic } from './convert';
import { truncate } from '../core/report/describe';
import { Archive } from '../archive/connection';
import { resolveArchiveConfig } from '../archive/config';
import { archivePath, PgStore } from '../archive/pgStore';
import { checkWithArchive } from '../archive/check';
import picomatch from 'picomatch';
import { applySeverity, parseSeverityOverrides, SeverityOverrides } from '../core/check/severity';
import type { Finding } from '../core/check/findings';
import type { SourceDoc } from '../core/source/source';
import { sourceStats } from '../core/source/stats';
import { LineIndex } from '../core/text/lines';
import { claimCounts, claimSources, claimsReport } from '../core/report/claimsReport';
import { ArchiveStatusNotification, SourcesChangedNotification } from './protocol';
import type { ArchiveDocumentResult, ArchiveStatusParams, ClaimsResult, FolderSourcesInfo, PersonInfo, SourceMetaInfo, SourcesResult } from './protocol';
import { quoteRange } from '../core/speakers/people';

export interface Settings {
  sources: string[];
  /** Globs of the reporter's own notes and transcripts (sourceCheck.notes): sources, "your notes". */
  notes: string[];
  /** Globs of the drafts, relative to the folder; sources are never drafts. */
  drafts: string[];
  /** Megabytes. */
  maxFileSize: number;
  /** Per-code severity, or off. */
  severity: SeverityOverrides;
  /** Report figures and dates no source gives (sourceCheck.unsourced.figures / .dates). */
  unsourced: { figures: boolean; dates: boolean };
}

export const DEFAULT_DRAFT_GLOBS = ['**/*.md', '**/*.markdown', '**/*.txt'];
const DEFAULT_SETTINGS: Settings = { sources: DEFAULT_SOURCE_GLOBS, notes: DEFAULT_NOTES_GLOBS, drafts: DEFAULT_DRAFT_GLOBS, maxFileSize: 5, severity: {}, unsourced: { figures: true, dates: true } };
/** Sources listed per folder by sourceCheck/sources. */
const SOURCES_LISTED = 2_000;
const isGlobList = (v: unknown): v is string[] => Array.isArray(v) && v.every((g) => typeof g === 'string');

/** A boolean setting, nested ({unsourced: {figures}}) as VS Code sends it, or flat ("unsourced.figures"). */
function flag(s: Record<string, unknown> | null | undefined, group: string, key: string, fallback: boolean): boolean {
  const nested = (s?.[group] as Record<string, unknown> | undefined)?.[key];
  const flat = s?.[`${group}.${key}`];
  return typeof nested === 'boolean' ? nested : typeof flat === 'boolean' ? flat : fallback;
}
/** A folder's sourceCheck settings as the client gives them (missing or malformed values: the defaults; malformed ones named in `problems`). */
export function settingsFrom(s: Record<string, unknown> | null, problems: string[]): Settings {
  try {
    return {
      sources: isGlobList(s?.sources) ? s.sources : DEFAULT_SETTINGS.sources,
      notes: isGlobList(s?.notes) ? s.notes : DEFAULT_SETTINGS.notes,
      drafts: isGlobList(s?.drafts) ? s.drafts : DEFAULT_SETTINGS.drafts,
      maxFileSize: typeof s?.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
      severity: parseSeverityOverrides(s?.severity, problems),
      unsourced: {
        figures: flag(s as Record<string, unknown> | null, 'unsourced', 'figures', true),
        dates: flag(s as Record<string, unknown> | null, 'unsourced', 'dates', true),
      },
    };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** After a restore from the cache, the time left to the first checks before the sources are checked for changes. */
const REFRESH_DELAY_MS = 500;
/** Quiet time after the last source change before the index cache is rewritten. */
const SAVE_DELAY_MS = 2000;
declare const __ENGINE__: string | undefined;
/** Index caches written by another engine (version and code: scripts/build.mjs) are rebuilt, never trusted. */
const ENGINE = typeof __ENGINE__ === 'string' ? __ENGINE__ : 'dev';

interface Folder {
  uri: string;
  root: string;
  settings: Settings;
  isDraftPath: (rel: string) => boolean;
  sources: FolderSources;
  ready: Promise<void>;
  /** While the first indexing runs: how far it has got. */
  indexing?: { done: number; total: number };
}

/** The settings that decide what a folder's index holds (all but how findings are shown and which files are drafts). */
function indexKey(settings: Settings): string {
  const { severity: _severity, unsourced: _unsourced, drafts: _drafts, ...rest } = settings;
  return JSON.stringify(rest);
}

function draftMatcher(settings: Settings): (rel: string) => boolean {
  const drafts = settings.drafts.map((g) => g.replace(/\\/g, '/').replace(/^\.\//, ''));
  return drafts.length > 0 ? picomatch(drafts, { dot: false }) : () => false;
}

interface Checked {
  version: number;
  result: CheckResult;
}

/** A document's next publication: its timer while it waits, and a wait to start after the running check. */
interface PublishState {
  timer?: NodeJS.Timeout;
  /** Counts the waits armed, so a timer that fired just before a newer edit stands down. */
  armed: number;
  running: boolean;
  /** Set when a call came while a check ran: wait this long again once it ends. */
  again?: number;
}

/**
 * How long an edit waits when the document's last check was already published: long enough
 * for the rest of a burst written at once (a replace-all, a paste sent as many changes) to be
 * read, short enough that a writer sees every keystroke's diagnostics at once.
 */
export const EDIT_SETTLE_MS = 4;

/**
 * Quiet time once edits come faster than they are checked (an edit arrives while an earlier
 * one waits or is being checked): the burst is checked and published once, for its last
 * version, not for every version the server happened to read between two chunks of input.
 */
export const EDIT_QUIET_MS = 150;

/** Longest stretch a check runs without letting the server read its messages. */
const YIELD_EVERY_MS = 20;

/**
 * The folder's index, seen by a check that gives the event loop a turn every few
 * milliseconds: otherwise a long draft blocks the server (no hover, no edit read, so
 * a check of a version already typed past cannot even notice it is stale).
 */
function yielding<T extends SourceStore>(store: T): T {
  let last = Date.now();
  // A view of the store (reads go to it) whose candidates() yields first.
  const view = Object.create(store) as T;
  // Its other methods run on the store itself: what they memoise (the alias table, the people)
  // must land on the store, not on this per-check view, or every check rebuilds it (the alias
  // table alone took about 200 ms of each keystroke on BBC).
  for (const key of ['people', 'allFacts', 'aliases'] as const) {
    const method = store[key] as ((...args: never[]) => unknown) | undefined;
    if (typeof method === 'function') (view as Record<string, unknown>)[key] = method.bind(store);
  }
  const turn = async () => {
    if (Date.now() - last >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      last = Date.now();
    }
  };
  view.candidates = async (words, limit) => {
    await turn();
    return store.candidates(words, limit);
  };
  // Fact lookups too: a draft's figures and dates in a large archive are seconds of work with no quote among them
  // (the warm-up's check held a draft opened meanwhile for its whole run: 3.7 s at 10,000 sources).
  const facts = store.facts;
  if (facts)
    view.facts = async (keys) => {
      await turn();
      return facts.call(store, keys);
    };
  return view;
}

/**
 * A short draft of the kinds of claims a draft holds (quotes with their speakers, a figure, dates),
 * checked once against the first folder read, while the server waits for the editor's first draft
 * (warmUp). Checked for the code it runs, never shown.
 */
const WARM_UP_DRAFT = [
  '# Warm-up',
  '',
  'The minister said: “We will not accept the results of this vote, whatever the observers say next week.”',
  '',
  '“It is a question of principle,” she told reporters on Monday, adding that “nothing has changed”.',
  '',
  'Turnout was 87.5% in the eastern region, where 1,200 observers arrived on 26 September 2022 and left in October.',
  '',
].join('\n');

/** Folders up to this many sources have their people found by the warm-up (a larger one: by the first check that needs them). */
const WARM_UP_PEOPLE_MAX = 200;
/** Whether the warm-up ran (or started) in this process: once, for the first folder read. */
let warmUpStarted = false;
/** Whether a document was opened: a warm-up that has not started stays off, one that runs stops at its next claim. */
let documentOpened = false;

/**
 * A fresh process runs its first check on cold code: V8 compiles each function the first time it
 * runs and learns its types over the first runs, every source's quotations are attributed to find
 * the corpus's people, and the passages are read from disk. On the seeds that was most of the first
 * draft's check (bench/serverStart.ts --paced: 220 ms, against 20–60 ms for a draft checked after
 * another). A draft opened in a new window arrives a second or more after the sources are read
 * (VS Code starts the language client late), so the server spends that wait checking
 * WARM_UP_DRAFT and finding the people (folders up to WARM_UP_PEOPLE_MAX sources). The warm-up
 * has caches of its own, publishes nothing, and stops at its next claim once a document opens;
 * what it leaves on the index (the people, the alias table, answers to fact lookups) is what any
 * check computes the same way, so no verdict changes. SOURCE_CHECK_WARM_UP=0 turns it off (the
 * start-up test compares both).
 */
export function warmUp(index: MemoryIndex): void {
  if (warmUpStarted || documentOpened || process.env.SOURCE_CHECK_WARM_UP === '0') return;
  warmUpStarted = true;
  setImmediate(async () => {
    if (documentOpened) return;
    const started = Date.now();
    try {
      // The corpus's people (every source's quotations attributed): what the first check of a draft
      // whose quotes a source carries computes before anything else, at about a millisecond a source.
      if (index.size <= WARM_UP_PEOPLE_MAX) index.peopleSync();
      // A turn of the event loop between the two: an `initialize` or a draft that came meanwhile goes first.
      await new Promise((resolve) => setImmediate(resolve));
      if (documentOpened) return;
      const result = await checkDraft({ text: WARM_UP_DRAFT, format: 'markdown' }, yielding(index), {
        isCancelled: () => documentOpened,
        cache: new QuoteCache(),
        factCache: new FactCache(),
      });
      // The publication path too (findings to diagnostics).
      const doc = TextDocumentImpl.create('untitled:warm-up', 'markdown', 0, WARM_UP_DRAFT);
      for (const f of result.findings) toDiagnostic(doc, f);
      logLine(`Source Check: warmed up at ${clock(Date.now())}, in ${Date.now() - started} ms${documentOpened ? ' (cut short: a draft opened)' : ''}`);
    } catch (e) {
      logLine(`Source Check: the warm-up check failed (no harm done): ${(e as Error).message}`);
    }
  });
}

/** A wall-clock time as the log shows it (HH:MM:SS.mmm, UTC): the server's steps set against the client's and the editor's. */
export function clock(t: number): string {
  return new Date(t).toISOString().slice(11, 23);
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The archive settings (sourceCheck.archive.*): one archive for the whole window. */
interface ArchiveSettings {
  url?: string;
  /** Milliseconds a query may take before the archive counts as unreachable. */
  timeout?: number;
}

/**
 * Most source files a folder may hold to be read before `initialize`: the read is a guess (the
 * settings may differ by then, or the folder has an index cache), so it must stay cheap.
 */
const EARLY_MAX_FILES = 500;

/** The warm-up's log line, when it comes before the Workspace (made at `initialize`) can send it. */
const earlyLog: string[] = [];
let logSink: ((message: string) => void) | undefined;
const logLine = (m: string) => (logSink ? logSink(m) : earlyLog.push(m));

/** A folder read from the server's start (readEarly). */
export interface EarlyFolder {
  /** indexKey of the settings it is read with: taken over only if the folder's settings at initialize agree. */
  key: string;
  sources: FolderSources;
  /** Problems found before the log could take them. */
  problems: string[];
  started: number;
  /** When the read ended (logged as the time the folder was indexed, not the later time it is taken over). */
  readAt?: number;
  /** Whether it was read (false: more than EARLY_MAX_FILES sources, or the read failed). */
  read: Promise<boolean>;
}

/** A folder's sources as its settings select them, with the index cache they are saved to. */
function folderSourcesOf(root: string, settings: Settings, onProblem: (m: string) => void, cacheFile?: string): FolderSources {
  return new FolderSources(root, {
    globs: settings.sources,
    notes: settings.notes,
    maxFileSize: settings.maxFileSize * 1024 * 1024,
    onProblem,
    cacheFile,
    engine: ENGINE,
  });
}

/**
 * Starts reading the folders the VS Code client names when it forks the server
 * (SOURCE_CHECK_EARLY: `{ folders: { uri: sourceCheck settings } }`), before `initialize`:
 * VS Code takes seconds more before it calls the extension's activate() at a cold start.
 */
export function readEarly(json: string | undefined): Map<string, EarlyFolder> {
  const out = new Map<string, EarlyFolder>();
  let parsed: { folders?: Record<string, unknown> } | undefined;
  try {
    parsed = json ? JSON.parse(json) : undefined;
  } catch {
    return out;
  }
  for (const [uri, raw] of Object.entries(parsed?.folders ?? {})) {
    const root = uriToPath(uri);
    if (!root) continue;
    const settings = settingsFrom((raw ?? null) as Record<string, unknown> | null, []);
    const problems: string[] = [];
    const sources = folderSourcesOf(root, settings, (m) => problems.push(m));
    const early: EarlyFolder = { key: indexKey(settings), sources, problems, started: Date.now(), read: Promise.resolve(false) };
    early.read = sources.loadAll(undefined, EARLY_MAX_FILES).then(
      (ok) => {
        early.readAt = Date.now();
        // Read before `initialize`: the wait for the first draft starts here (the log is not open yet).
        if (ok) warmUp(sources.index);
        return ok;
      },
      () => false,
    );
    out.set(uri, early);
  }
  return out;
}

export class Workspace {
  private archive: { key: string; store: PgStore } | undefined;
  /** From VS Code's secret storage, through the client; never from a settings file. */
  private archivePassword: string | undefined;
  private folders = new Map<string, Folder>();
  private checked = new Map<string, Checked>();
  private running = new Map<string, Promise<Checked | undefined>>();
  /** Documents with a publish waiting or running (scheduleCheck). */
  private publishing = new Map<string, PublishState>();
  /** Per open document: verdicts of its unchanged quotes and of its unchanged sentences' figures and dates. */
  private caches = new Map<string, { quotes: QuoteCache; facts: FactCache }>();
  /** When a document was last opened, edited or published (the cache is written in a pause). */
  private lastActivity = 0;
  /** Folders whose index cache could not be written (told once). */
  private cacheWriteFailed = new Set<string>();
  private saveTimers = new Map<string, NodeJS.Timeout>();
  private skippedLarge = new Set<string>();
  private pending = new Map<string, Promise<void>>();
  /** Workspace folders in the order the client lists them. */
  private folderOrder: string[] = [];
  /** Why an open document is not checked, for the status bar. */
  private skipped = new Map<string, string>();
  /** Messages already shown once ("no sources in folder X"), so a settings change does not repeat them. */
  private told = new Set<string>();
  private stats = new WeakMap<SourceDoc, { quotes: number; figures: number }>();
  /** Opened documents not yet published: when each was opened and when its check could start (logged at its first publication). */
  private firstPublish = new Map<string, { opened: number; ready?: number }>();

  constructor(
    private connection: Connection,
    private documents: TextDocuments<TextDocument>,
    private folderUris: string[],
    private canPullConfiguration: boolean,
    private canReportProgress: boolean,
    /** Where index caches live (the extension's workspace storage); none: no cache. */
    private cacheDir?: string,
  ) {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
    logSink = (m) => this.connection.console.info(m);
    for (const m of earlyLog.splice(0)) logSink(m);
    this.clientReady = new Promise((resolve) => (this.markClientReady = resolve));
  }

  /**
   * Settings the client sent with `initialize` (InitializationOptions.settings): the folders'
   * and the archive's, used once each, so that indexing starts without waiting for
   * `initialized` and a workspace/configuration round trip to a busy extension host.
   */
  private initialSettings: { folders: Map<string, unknown>; archive?: unknown } | undefined;

  useInitialSettings(settings: { folders?: Record<string, unknown>; archive?: unknown }): void {
    const folders = new Map(Object.entries(settings.folders ?? {}).filter(([uri]) => this.folderUris.includes(uri)));
    this.initialSettings = { folders, archive: settings.archive };
  }

  /** Whether every initial folder's settings came with `initialize` (then loadAll may start before `initialized`). */
  get canStartEarly(): boolean {
    return !!this.initialSettings && this.folderUris.every((uri) => this.initialSettings!.folders.has(uri));
  }

  /** Resolves at `initialized`: from then on the server may ask the client for things (progress reports). */
  private clientReady: Promise<void>;
  private markClientReady!: () => void;

  clientInitialized(): void {
    this.markClientReady();
  }

  /** Resolves once the initial folders are known (their sources may still be loading). */
  private started: Promise<void>;
  private markStarted!: () => void;

  /** Set by loadAll (after `initialized`): from then on the archive settings can be pulled. */
  private archiveConfigurable = false;

  private loading: Promise<void> | undefined;

  /** Reads the initial folders' sources; once, whether called at `initialize` (settings sent with it) or at `initialized`. */
  loadAll(): Promise<void> {
    return (this.loading ??= this.startFolders());
  }

  private async startFolders(): Promise<void> {
    this.archiveConfigurable = true;
    await this.configureArchive();
    const loading = this.changeFolders(this.folderUris, []);
    this.markStarted();
    await loading;
  }

  setArchivePassword(password: string | undefined): void {
    if (password === this.archivePassword) return;
    this.archivePassword = password;
    // Before `initialized` the password is only kept: loadAll opens the archive.
    if (this.archiveConfigurable) void this.configureArchive().then(() => this.recheckAll());
  }

  /** (Re)opens the archive when its URL, password or timeout changed. */
  private async configureArchive(): Promise<void> {
    let settings: ArchiveSettings = {};
    const initial = this.initialSettings;
    if (initial && 'archive' in initial) {
      settings = (initial.archive as ArchiveSettings | null) ?? {};
      delete initial.archive;
    } else if (this.canPullConfiguration) {
      try {
        settings = ((await this.connection.workspace.getConfiguration({ section: 'sourceCheck.archive' })) as ArchiveSettings | null) ?? {};
      } catch {
        settings = {};
      }
    }
    const resolved = resolveArchiveConfig(typeof settings.url === 'string' ? settings.url : undefined, process.env, this.archivePassword);
    if (resolved.warning) void this.connection.window.showWarningMessage(`Source Check: ${resolved.warning}`);
    const timeout = typeof settings.timeout === 'number' && settings.timeout >= 100 ? settings.timeout : undefined;
    const key = resolved.options ? JSON.stringify([resolved.options, timeout]) : '';
    if (key === (this.archive?.key ?? '')) return;
    const old = this.archive;
    this.archive = undefined;
    await old?.store.archive.close();
    if (!resolved.options) {
      this.sendArchiveStatus({ state: 'off', message: 'no archive configured' });
      return;
    }
    const archive = new Archive({ ...resolved.options, ...(timeout ? { statementTimeoutMs: timeout, connectTimeoutMs: timeout } : {}) });
    const store = new PgStore(archive);
    this.archive = { key, store };
    archive.onStatus((status) => {
      if (this.archive?.store !== store) return;
      this.sendArchiveStatus(status);
      if (status.state === 'down') {
        this.connection.console.warn(`Source Check: ${status.message}`);
        void this.connection.window.showWarningMessage(`Source Check: ${status.message}.`);
      } else if (status.state === 'up') {
        this.connection.console.info(`Source Check: ${status.message}`);
        // Checks made while it was down are incomplete: redo them against the archive.
        this.recheckAll();
      }
    });
    this.sendArchiveStatus(archive.status());
    void archive.ping();
  }

  private sendArchiveStatus(status: ArchiveStatusParams): void {
    void this.connection.sendNotification(ArchiveStatusNotification, status);
  }

  /** The text of an archived article, for the client's read-only virtual document. */
  async archiveDocument(uri: string): Promise<ArchiveDocumentResult> {
    const p = archivePath(uri);
    if (p === undefined) return { problem: `${uri} is not an archive document` };
    if (!this.archive) return { problem: 'no archive is configured (sourceCheck.archive.url)' };
    try {
      const doc = await this.archive.store.document(p);
      return doc ? { text: doc.text } : { problem: `the archive holds no article ${p}` };
    } catch (e) {
      return { problem: (e as Error).message };
    }
  }

  async dispose(): Promise<void> {
    await this.archive?.store.archive.close();
    this.archive = undefined;
  }

  async changeFolders(added: string[], removed: string[]): Promise<void> {
    for (const uri of removed) this.folders.delete(uri);
    this.folderOrder = [...this.folderOrder.filter((u) => !removed.includes(u)), ...added.filter((u) => !this.folderOrder.includes(u))];
    await Promise.all(added.map((uri) => this.openFolder(uri)));
    this.recheckAll();
  }

  /**
   * Re-reads every folder's settings (a settings change) and re-reads its sources when a
   * setting that decides what is indexed changed, or always with `reindexAll` (Reindex
   * Sources). VS Code sends a configuration change right after start-up: without the
   * comparison the folder was indexed twice.
   */
  async reloadSettings(reindexAll = false): Promise<void> {
    await this.started;
    await this.configureArchive();
    await Promise.all(this.pending.values());
    const reopen: string[] = [];
    await Promise.all(
      [...this.folders.entries()].map(async ([uri, folder]) => {
        const settings = await this.settingsFor(uri);
        if (reindexAll || indexKey(settings) !== indexKey(folder.settings)) reopen.push(uri);
        else {
          folder.settings = settings;
          folder.isDraftPath = draftMatcher(settings);
        }
      }),
    );
    for (const uri of reopen) this.folders.delete(uri);
    await Promise.all(reopen.map((uri) => this.openFolder(uri)));
    this.recheckAll();
  }

  async reindex(): Promise<{ sources: number; unreadable: number }> {
    await this.reloadSettings(true);
    const all = [...this.folders.values()];
    return { sources: all.reduce((n, f) => n + f.sources.index.size, 0), unreadable: all.reduce((n, f) => n + f.sources.problems.size, 0) };
  }

  private sourcesChangedNotice(): void {
    void this.connection.sendNotification(SourcesChangedNotification, {});
  }

  private tellOnce(key: string, message: string, kind: 'info' | 'warning' = 'info'): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    if (kind === 'info') void this.connection.window.showInformationMessage(message);
    else void this.connection.window.showWarningMessage(message);
  }

  private async settingsFor(uri: string): Promise<Settings> {
    const initial = this.initialSettings?.folders;
    if (initial?.has(uri)) {
      const s = initial.get(uri);
      initial.delete(uri);
      return this.parseSettings(s as Record<string, unknown> | null);
    }
    if (!this.canPullConfiguration) return DEFAULT_SETTINGS;
    try {
      return this.parseSettings((await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'sourceCheck' })) as Record<string, unknown> | null);
    } catch {
      return DEFAULT_SETTINGS;
    }
  }

  private cacheKey(root: string, settings: Settings): CacheKey {
    return { root, sources: settings.sources, notes: settings.notes, maxFileSize: settings.maxFileSize * 1024 * 1024, engine: ENGINE };
  }

  /** A folder's sourceCheck settings as the client gives them; a malformed entry is named in the log. */
  private parseSettings(s: Record<string, unknown> | null): Settings {
    const problems: string[] = [];
    const settings = settingsFrom(s, problems);
    for (const p of problems) this.connection.console.warn(`Source Check: ${p}; that entry is ignored.`);
    return settings;
  }

  private async openFolder(uri: string): Promise<void> {
    const root = uriToPath(uri);
    if (!root) return;
    let settingsRead!: () => void;
    // Until its settings are read the folder is pending: a check waits for it rather than missing it.
    this.pending.set(uri, new Promise<void>((resolve) => (settingsRead = resolve)));
    const settings = await this.settingsFor(uri);
    // A folder the server began reading when it started, with these same settings, is taken over.
    const early = this.early.get(uri);
    this.early.delete(uri);
    const adopted = early && early.key === indexKey(settings) ? early : undefined;
    let sources: FolderSources;
    if (adopted) {
      sources = adopted.sources;
      sources.adopt({ cacheFile: this.cacheFileFor(root, settings), onProblem: this.problemLogger(root) });
      for (const m of adopted.problems) this.problemLogger(root)(m);
    } else sources = this.folderSources(root, settings);
    const isDraftPath = draftMatcher(settings);
    // Indexing from the start: until restored or read, the folder's sources are not yet known.
    const folder: Folder = { uri, root, settings, isDraftPath, sources, ready: Promise.resolve(), indexing: { done: 0, total: 0 } };
    folder.ready = adopted ? this.indexEarly(folder, adopted) : this.index(folder);
    this.folders.set(uri, folder);
    this.pending.delete(uri);
    settingsRead();
    await folder.ready;
    this.sourcesChangedNotice();
  }

  private problemLogger(root: string): (m: string) => void {
    return (m) => this.connection.console.warn(`Source Check: ${path.basename(root)}/${m}`);
  }

  /** One cache file per folder, settings and engine, in the directory the client gave us (the one the CLI uses too). */
  private cacheFileFor(root: string, settings: Settings): string | undefined {
    return this.cacheDir ? indexCacheFile(this.cacheDir, this.cacheKey(root, settings)) : undefined;
  }

  private folderSources(root: string, settings: Settings): FolderSources {
    return folderSourcesOf(root, settings, this.problemLogger(root), this.cacheFileFor(root, settings));
  }

  /** Folders the server began reading when it started (readEarly), until openFolder takes them over. */
  private early = new Map<string, EarlyFolder>();

  adoptEarly(early: Map<string, EarlyFolder>): void {
    this.early = early;
  }

  /**
   * A folder read since the server started: ready once that read ends. A folder it left unread
   * (too many files) is restored from its cache or read as usual.
   */
  private async indexEarly(folder: Folder, early: EarlyFolder): Promise<void> {
    if (!(await early.read)) {
      folder.sources = this.folderSources(folder.root, folder.settings);
      return this.index(folder);
    }
    this.scheduleSave(folder);
    this.indexed(folder, early.started, ', read since the server started', early.readAt);
  }

  private async index(folder: Folder): Promise<void> {
    const started = Date.now();
    if (await folder.sources.restore().catch(() => false)) {
      // Drafts are checked against the cached index at once; files changed since the cache
      // was written are caught up in the background, and the drafts re-checked if any were.
      folder.indexing = undefined;
      this.connection.console.info(`Source Check: ${folder.sources.index.size} sources restored from the index cache at ${clock(Date.now())}, in ${Date.now() - started} ms`);
      warmUp(folder.sources.index);
      // The freshness check (a stat of every source) starts once the drafts open with the editor are answered.
      setTimeout(() => {
        void this.withProgress('Source Check: checking sources for changes', (report) => folder.sources.refresh(report)).then((changed) => {
          if (changed) {
            this.recheckAll();
            this.scheduleSave(folder);
          }
        }, (e) => this.connection.console.error(`Source Check: checking ${folder.root} for changed sources failed: ${(e as Error).message}`));
      }, REFRESH_DELAY_MS);
      return;
    }
    folder.indexing = { done: 0, total: 0 };
    try {
      await this.withProgress('Source Check: indexing sources', (report) =>
        folder.sources.loadAll((done, total) => {
          folder.indexing = { done, total };
          report(done, total);
        }),
      );
      this.scheduleSave(folder);
    } catch (e) {
      this.connection.console.error(`Source Check: indexing ${folder.root} failed: ${(e as Error).message}`);
    }
    this.indexed(folder, started);
  }

  /** A folder's sources are read: logged, and the writer told once if there are none or some could not be read. */
  private indexed(folder: Folder, started: number, how = '', at = Date.now()): void {
    folder.indexing = undefined;
    const n = folder.sources.index.size;
    this.connection.console.info(`Source Check: ${n} source${n === 1 ? '' : 's'} indexed in ${folder.root} at ${clock(at)} (${at - started} ms${how})`);
    if (n > 0) warmUp(folder.sources.index);
    // Once per folder and session: a settings change or a reindex does not repeat it.
    if (n === 0) {
      this.tellOnce(
        `none:${folder.uri}`,
        `Source Check found no source articles in ${path.basename(folder.root)}. Put articles in seeds/ or sources/, or set sourceCheck.sources.`,
      );
    }
    const problems = folder.sources.problems.size;
    if (problems > 0) {
      this.tellOnce(
        `problems:${folder.uri}:${problems}`,
        `Source Check: ${problems} source file${problems === 1 ? '' : 's'} in ${path.basename(folder.root)} could not be read as expected; see the Source Check output or the Sources view for each file and problem.`,
        'warning',
      );
    }
  }

  /**
   * Runs a long job with a work-done progress report in the client, when it supports one. The
   * job starts at once: the report joins it once the client has answered (after `initialized`),
   * never holding the job back by a round trip to a busy extension host.
   */
  private async withProgress<T>(title: string, job: (report: (done: number, total: number) => void) => Promise<T>): Promise<T> {
    let progress: Awaited<ReturnType<Connection['window']['createWorkDoneProgress']>> | undefined;
    let finished = false;
    let last = -1;
    let latest: [number, number] | undefined;
    const report = () => {
      if (!progress || !latest) return;
      const [done, total] = latest;
      const pct = Math.round((done / Math.max(1, total)) * 100);
      if (pct !== last || done === total) progress.report(pct, `${done} of ${total} sources`);
      last = pct;
    };
    if (this.canReportProgress) {
      void this.clientReady
        .then(() => (finished ? undefined : this.connection.window.createWorkDoneProgress()))
        .then((p) => {
          if (!p) return;
          if (finished) return p.done();
          progress = p;
          p.begin(title, 0, undefined, false);
          report();
        })
        .catch(() => undefined);
    }
    try {
      return await job((done, total) => {
        latest = [done, total];
        report();
      });
    } finally {
      finished = true;
      progress?.done();
    }
  }

  /** Writes a folder's index cache a little after the last change (a burst of saves becomes one write). */
  /**
   * Writes a folder's index cache once the writer has been idle for SAVE_DELAY_MS: encoding
   * runs on this thread (about 1.9 s at 10,000 sources, 26 s at 100,000 in the server), so it waits for a
   * pause rather than delay the first diagnostics.
   */
  private scheduleSave(folder: Folder): void {
    if (!this.cacheDir) return;
    clearTimeout(this.saveTimers.get(folder.uri));
    this.saveTimers.set(
      folder.uri,
      setTimeout(() => {
        this.saveTimers.delete(folder.uri);
        if (this.publishing.size > 0 || Date.now() - this.lastActivity < SAVE_DELAY_MS) return this.scheduleSave(folder);
        folder.sources.save().then(
          () => {
            this.cacheWriteFailed.delete(folder.uri);
            void removeStaleCaches(this.cacheDir!, this.cacheKey(folder.root, folder.settings));
          },
          (e) => {
            // Once per folder until a write succeeds: the sources keep working, read afresh at the next start.
            if (this.cacheWriteFailed.has(folder.uri)) return;
            this.cacheWriteFailed.add(folder.uri);
            this.connection.console.warn(`Source Check: could not write the index cache ${folder.sources.cacheFile} (${(e as Error).message}); the sources will be read again at the next start`);
          },
        );
      }, SAVE_DELAY_MS),
    );
  }

  private folderFor(uri: string): Folder | undefined {
    const p = uriToPath(uri);
    let best: Folder | undefined;
    for (const f of this.folders.values()) {
      if (p && (p === f.root || p.startsWith(f.root + path.sep)) && (!best || f.root.length > best.root.length)) best = f;
    }
    // A document outside every folder (or unsaved) is checked against the first folder's sources.
    return best ?? this.folders.values().next().value;
  }

  /** Why a document is not a draft, or undefined when it is one. */
  private notDraft(doc: TextDocument, folder: Folder | undefined): string | undefined {
    const p = uriToPath(doc.uri);
    const textual = doc.languageId === 'markdown' || doc.languageId === 'plaintext' || /\.(md|markdown|txt)$/i.test(doc.uri);
    if (!textual) return 'not markdown or plaintext';
    if (!p || !folder) return undefined;
    const rel = path.relative(folder.root, p);
    // A file outside every folder is checked against the first folder's sources; the globs are relative to a folder.
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    if (folder.sources.isSource(p)) return folder.sources.isNote(rel.split(path.sep).join('/')) ? 'your notes, a source (sourceCheck.notes)' : 'a source (sourceCheck.sources)';
    if (!folder.isDraftPath(rel.split(path.sep).join('/'))) return 'not matched by sourceCheck.drafts';
    return undefined;
  }

  async sourcesChanged(changes: Array<{ path: string; deleted: boolean }>): Promise<void> {
    let changed = false;
    for (const folder of this.folders.values()) {
      await folder.ready;
      for (const c of changes) {
        if (c.deleted) changed = folder.sources.remove(c.path) || changed;
        else changed = (await folder.sources.update(c.path)) || changed;
      }
    }
    if (changed) {
      this.recheckAll();
      this.sourcesChangedNotice();
      for (const folder of this.folders.values()) this.scheduleSave(folder);
    }
  }

  private recheckAll(): void {
    this.checked.clear();
    for (const doc of this.documents.all()) this.scheduleCheck(doc);
  }

  /**
   * Checks the document and publishes its diagnostics: at once for an opened document (`edit`
   * false); for an edit, after EDIT_SETTLE_MS when its previous check was published, or after
   * EDIT_QUIET_MS without further edits when an earlier edit still waits or is being checked.
   * Each call restarts the wait, so a burst is checked once, at its last version; an edit that
   * arrives while a check runs makes that check stale (it stops at its next claim and
   * publishes nothing). Never two checks of one document at a time.
   */
  scheduleCheck(doc: TextDocument, edit = false): void {
    this.lastActivity = Date.now();
    const uri = doc.uri;
    let state = this.publishing.get(uri);
    const burst = state !== undefined;
    if (!state) this.publishing.set(uri, (state = { running: false, armed: 0 }));
    const wait = !edit ? 0 : burst ? EDIT_QUIET_MS : EDIT_SETTLE_MS;
    if (state.running) {
      state.again = Math.max(state.again ?? 0, wait);
      return;
    }
    this.armPublish(uri, state, wait);
  }

  private armPublish(uri: string, state: PublishState, quietMs: number): void {
    if (state.timer) clearTimeout(state.timer);
    const armed = ++state.armed;
    const go = async () => {
      state.timer = undefined;
      // Messages already read but not yet applied go first; an edit among them arms a newer wait.
      await new Promise((r) => setImmediate(r));
      if (state.armed !== armed || state.running) return;
      state.running = true;
      try {
        await this.publish(uri);
      } finally {
        state.running = false;
      }
      const again = state.again;
      state.again = undefined;
      if (again !== undefined) this.armPublish(uri, state, again);
      else if (this.publishing.get(uri) === state) this.publishing.delete(uri);
    };
    state.timer = setTimeout(() => void go(), quietMs);
  }

  /** A document was opened: its first publication is timed from now (in the log). */
  opened(uri: string): void {
    documentOpened = true;
    this.firstPublish.set(uri, { opened: Date.now() });
  }

  closed(uri: string): void {
    this.firstPublish.delete(uri);
    this.checked.delete(uri);
    this.caches.delete(uri);
    this.skippedLarge.delete(uri);
    this.skipped.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.sourcesChangedNotice();
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const checked = await this.ensureChecked(doc);
    const current = this.documents.get(uri);
    // Never publish for a version the writer has already typed past.
    if (!current || current.version !== doc.version) return;
    const diagnostics = checked ? this.published(doc.uri, checked.result).map((f) => toDiagnostic(doc, f)) : [];
    void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    const first = this.firstPublish.get(uri);
    if (first) {
      this.firstPublish.delete(uri);
      const now = Date.now();
      const ready = first.ready ?? first.opened;
      this.connection.console.info(
        `Source Check: ${path.basename(uriToPath(uri) ?? uri)}: first diagnostics at ${clock(now)}, ${now - first.opened} ms after it was opened ` +
          `(${ready - first.opened} ms waiting for the sources, ${now - ready} ms checking)`,
      );
    }
    // Diagnostics go out as the event loop turns: a cache write right now would hold them back.
    this.lastActivity = Date.now();
    // The drafts' citations may have changed: the Sources view marks uncited sources.
    this.sourcesChangedNotice();
  }

  /** The findings as the writer sees them: the folder's severity settings applied. */
  published(uri: string, result: CheckResult): Finding[] {
    return applySeverity(result.findings, this.folderFor(uri)?.settings.severity ?? {});
  }

  /** The check of the document's current version, running it if needed. */
  private ensureChecked(doc: TextDocument): Promise<Checked | undefined> {
    const have = this.checked.get(doc.uri);
    if (have && have.version === doc.version) return Promise.resolve(have);
    const key = `${doc.uri}@${doc.version}`;
    let run = this.running.get(key);
    if (!run) {
      run = this.check(doc).finally(() => this.running.delete(key));
      this.running.set(key, run);
    }
    return run;
  }

  private async check(doc: TextDocument): Promise<Checked | undefined> {
    await this.started;
    await Promise.all(this.pending.values());
    const folder = this.folderFor(doc.uri);
    if (folder) await folder.ready;
    const first = this.firstPublish.get(doc.uri);
    if (first && first.ready === undefined) first.ready = Date.now();
    const notDraft = this.notDraft(doc, folder);
    this.skipped.delete(doc.uri);
    if (notDraft) {
      this.skipped.set(doc.uri, notDraft);
      return undefined;
    }
    const limit = (folder?.settings.maxFileSize ?? DEFAULT_SETTINGS.maxFileSize) * 1024 * 1024;
    const text = doc.getText();
    if (text.length > limit) {
      this.skipped.set(doc.uri, `over sourceCheck.maxFileSize (${formatSize(limit)})`);
      if (!this.skippedLarge.has(doc.uri)) {
        this.skippedLarge.add(doc.uri);
        void this.connection.window.showInformationMessage(
          `Source Check skipped ${path.basename(uriToPath(doc.uri) ?? doc.uri)}: it is ${formatSize(text.length)}, over sourceCheck.maxFileSize (${formatSize(limit)}).`,
        );
      }
      return undefined;
    }
    if (!folder) {
      this.skipped.set(doc.uri, 'no workspace folder with sources');
      return undefined;
    }
    const version = doc.version;
    const isStale = () => this.documents.get(doc.uri)?.version !== version;
    try {
      let cache = this.caches.get(doc.uri);
      if (!cache) this.caches.set(doc.uri, (cache = { quotes: new QuoteCache(), facts: new FactCache() }));
      const format = doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri) ? 'markdown' : 'text';
      const { result } = await checkWithArchive({ text, format }, yielding(folder.sources.index), this.archive?.store, {
        isCancelled: isStale,
        cache: cache.quotes,
        factCache: cache.facts,
        unsourcedFigures: folder.settings.unsourced.figures,
        unsourcedDates: folder.settings.unsourced.dates,
      });
      const checked = { version, result };
      if (!isStale()) this.checked.set(doc.uri, checked);
      return checked;
    } catch (e) {
      this.connection.console.error(`Source Check: checking ${doc.uri} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
  }

  /**
   * "Indexing 1,200 of 100,000 sources" while the document's folder is still being indexed:
   * requests answer at once with this rather than wait, and no verdict is given on part of the sources.
   */
  indexingMessage(uri: string): string | undefined {
    const progress = this.folderFor(uri)?.indexing;
    if (!progress) return undefined;
    return progress.total > 0
      ? `Source Check is indexing the sources (${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')}); quotes are checked when it is done.`
      : 'Source Check is finding the sources; quotes are checked when they are indexed.';
  }

  /** The latest check of the document; a cancelled request stops waiting for it at once. */
  async resultFor(doc: TextDocument, token?: CancellationToken): Promise<CheckResult | undefined> {
    const run = this.ensureChecked(doc);
    if (!token) return (await run)?.result;
    if (token.isCancellationRequested) return undefined;
    let stop: { dispose(): void } | undefined;
    const cancelled = new Promise<undefined>((resolve) => (stop = token.onCancellationRequested(() => resolve(undefined))));
    try {
      const checked = await Promise.race([run, cancelled]);
      return token.isCancellationRequested ? undefined : checked?.result;
    } finally {
      stop?.dispose();
    }
  }

  /** The people of one folder's sources (named by its URI or by a document's), or of every folder: sourceCheck/people. */
  async people(folderUri?: string, documentUri?: string): Promise<PersonInfo[]> {
    const only = folderUri ?? (documentUri ? this.folderFor(documentUri)?.uri : undefined);
    const folders = [...this.folders.values()].filter((f) => !only || f.uri === only);
    const out: PersonInfo[] = [];
    for (const folder of folders) {
      await folder.ready;
      const locate = quoteRange(folder.sources.index);
      for (const p of folder.sources.index.peopleSync()) {
        const quotes = p.quotes.filter((q): q is typeof q & { kind: 'quote' | 'block' | 'unmarked' } => q.kind !== 'indirect');
        out.push({
          id: p.id,
          name: p.name,
          spellings: p.spellings,
          roles: p.roles,
          sources: p.sources,
          quoteCount: quotes.length,
          quotes: quotes.map((q) => ({ uri: q.uri, range: locate(q), source: q.source, text: q.text, kind: q.kind })),
          folder: folder.uri,
        });
      }
    }
    return out;
  }

  async claimAt(doc: TextDocument, position: Position, token?: CancellationToken): Promise<{ claim: Claim } | undefined> {
    const result = await this.resultFor(doc, token);
    if (!result) return undefined;
    const offset = doc.offsetAt(position);
    const claim = result.claims.find((c) => c.start <= offset && offset <= c.end);
    return claim ? { claim } : undefined;
  }

  /** The figures and dates the sources of one folder (or of every folder) disagree on. */
  async disagreements(uri?: string, token?: CancellationToken): Promise<DisagreementItem[]> {
    const folders = uri ? [this.folderFor(uri)].filter((f): f is Folder => !!f) : [...this.folders.values()];
    const out: DisagreementItem[] = [];
    for (const folder of folders) {
      await folder.ready;
      for (const d of await findDisagreements(folder.sources.index, () => !!token?.isCancellationRequested)) {
        out.push({
          kind: d.kind,
          about: d.about,
          versions: d.versions.map((v) => ({
            uri: v.location.source.uri,
            range: v.location.range,
            sourceId: v.location.source.id,
            text: v.text,
            value: v.value,
            sentence: v.sentence,
            title: v.location.source.meta.title ?? null,
            outlet: v.location.source.meta.outlet ?? null,
            date: v.location.source.meta.date ?? null,
            resolved: v.how ?? null,
          })),
        });
      }
    }
    return out;
  }

  /** Every claim of a draft, with counts and the claims report (sourceCheck/claims). */
  async claims(doc: TextDocument, token?: CancellationToken): Promise<ClaimsResult> {
    // While the first indexing runs, answer at once (the status bar must not hang on it).
    const indexing = this.indexingMessage(doc.uri);
    const result = indexing ? undefined : await this.resultFor(doc, token);
    const findings = result ? this.published(doc.uri, result) : [];
    const claims = result?.claims ?? [];
    const lines = new LineIndex(doc.getText());
    const range = (start: number, end: number) => ({ start: lines.positionAt(start), end: lines.positionAt(end) });
    return {
      uri: doc.uri,
      version: doc.version,
      skipped: result ? null : (indexing ?? this.skipped.get(doc.uri) ?? 'not checked'),
      counts: claimCounts(claims, findings),
      claims: claims.map((c) => {
        const f = findings.find((f) => f.start === c.start && f.end === c.end);
        return {
          kind: c.kind,
          text: c.text,
          range: range(c.start, c.end),
          verdict: c.verdict,
          ignored: c.ignored === true,
          code: f?.code ?? null,
          severity: f?.severity ?? null,
          // Cut as the diagnostic's is: the status bar and other clients show it as it comes.
          message: f ? truncate(f.message, MESSAGE_MAX) : null,
          sources: claimSources(c).map(({ role, location, wording }) => ({
            ...sourceMetaInfo(location.source),
            role,
            range: location.range,
            wording: wording && wording !== c.text ? wording : null,
          })),
        };
      }),
      report: claimsReport({
        draftName: path.basename(uriToPath(doc.uri) ?? doc.uri),
        draftUri: doc.uri,
        claims,
        findings,
        positionAt: (o) => lines.positionAt(o),
      }),
    };
  }

  /** Every indexed source of every folder, with counts and citations by the open drafts (sourceCheck/sources). */
  async sources(): Promise<SourcesResult> {
    const indexing = [...this.folders.values()].some((f) => f.indexing !== undefined);
    // Sources that open drafts rest on, by folder: checked drafts only (the view refreshes as they are checked).
    const cited = new Map<string, Set<string>>();
    const drafts = new Map<string, number>();
    for (const [uri, checked] of this.checked) {
      const folder = this.folderFor(uri);
      if (!folder) continue;
      drafts.set(folder.uri, (drafts.get(folder.uri) ?? 0) + 1);
      let set = cited.get(folder.uri);
      if (!set) cited.set(folder.uri, (set = new Set()));
      for (const c of checked.result.claims) {
        if (c.verdict === 'unsourced') continue;
        for (const { location } of claimSources(c)) set.add(location.source.id);
      }
    }
    const folders: FolderSourcesInfo[] = [];
    // In the workspace's order, whichever folder finished loading first.
    const ordered = [...this.folders.values()].sort((a, b) => this.folderOrder.indexOf(a.uri) - this.folderOrder.indexOf(b.uri));
    for (const folder of ordered) {
      const citedHere = cited.get(folder.uri) ?? new Set<string>();
      folders.push({
        uri: folder.uri,
        name: path.basename(folder.root),
        openDrafts: drafts.get(folder.uri) ?? 0,
        omitted: Math.max(0, folder.sources.index.size - SOURCES_LISTED),
        // Counting a source's quotes reads its text (archives keep texts on disk): list a bounded number.
        sources: folder.sources.index
          .all()
          .sort((a, b) => Number(citedHere.has(b.id)) - Number(citedHere.has(a.id)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .slice(0, SOURCES_LISTED)
          .map((doc) => {
            let stats = this.stats.get(doc);
            if (!stats) this.stats.set(doc, (stats = sourceStats(doc)));
            const problem = [folder.sources.problems.get(doc.id), ...doc.meta.problems].filter(Boolean).join('; ');
            return { ...sourceMetaInfo(doc), ...stats, cited: citedHere.has(doc.id), problem: problem || null };
          }),
        unreadable: [...folder.sources.problems]
          .filter(([id]) => !folder.sources.index.get(id))
          .map(([id, problem]) => ({ id, uri: pathToFileURL(path.join(folder.root, id)).toString(), problem })),
      });
    }
    return { folders, indexing };
  }

  /** The source a citation is for: the source of the claim under the cursor, or the source file itself. */
  async citationSource(doc: TextDocument, position: Position, token?: CancellationToken): Promise<SourceMetaInfo | undefined> {
    const p = uriToPath(doc.uri);
    for (const folder of this.folders.values()) {
      if (p && folder.sources.isSource(p)) {
        const src = folder.sources.index.get(path.relative(folder.root, p).split(path.sep).join('/'));
        if (src) return sourceMetaInfo(src);
      }
    }
    const hit = await this.claimAt(doc, position, token);
    if (!hit || hit.claim.verdict === 'unsourced' || !hit.claim.best) return undefined;
    return sourceMetaInfo(hit.claim.best.location.source);
  }
}

/** A source's identity and metadata in the protocol's shape (unknown fields null). */
export function sourceMetaInfo(s: { id: string; uri: string; meta: SourceDoc['meta'] }): SourceMetaInfo {
  return { id: s.id, uri: s.uri, title: s.meta.title ?? null, outlet: s.meta.outlet ?? null, author: s.meta.author ?? null, date: s.meta.date ?? null, url: s.meta.url ?? null };
}
