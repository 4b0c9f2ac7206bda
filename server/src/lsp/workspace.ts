// The server's state: one FolderSources per workspace folder (each with its own
// settings), the latest check of each open draft, and the scheduling that keeps
// diagnostics following the writer's typing without ever publishing a stale result.

import type { CancellationToken, Connection, Position, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'url';
import * as path from 'path';
import { createHash } from 'crypto';
import { FolderSources } from '../node/folderSources';
import { DEFAULT_SOURCE_GLOBS } from '../node/sourceFiles';
import { formatSize } from '../node/decode';
import { checkDraft } from '../core/check/draft';
import { QuoteCache } from '../core/check/cache';
import type { CheckResult, Claim } from '../core/check/findings';
import { toDiagnostic } from './convert';
import type { PersonInfo } from './protocol';
import { quoteRange } from '../core/speakers/people';

export interface Settings {
  sources: string[];
  /** Megabytes. */
  maxFileSize: number;
}

const DEFAULT_SETTINGS: Settings = { sources: DEFAULT_SOURCE_GLOBS, maxFileSize: 5 };
/** Quiet time after the last source change before the index cache is rewritten. */
const SAVE_DELAY_MS = 2000;
declare const __VERSION__: string | undefined;
/** Index caches written by another version are rebuilt, never trusted. */
const ENGINE = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

interface Folder {
  uri: string;
  root: string;
  settings: Settings;
  sources: FolderSources;
  ready: Promise<void>;
  /** While the first indexing runs: how far it has got. */
  indexing?: { done: number; total: number };
}

interface Checked {
  version: number;
  result: CheckResult;
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export class Workspace {
  private folders = new Map<string, Folder>();
  private checked = new Map<string, Checked>();
  private running = new Map<string, Promise<Checked | undefined>>();
  /** Documents with a publish queued or running; a change meanwhile sets the flag to run again. */
  private publishing = new Map<string, { again: boolean }>();
  private caches = new Map<string, QuoteCache>();
  private saveTimers = new Map<string, NodeJS.Timeout>();
  private skippedLarge = new Set<string>();

  constructor(
    private connection: Connection,
    private documents: TextDocuments<TextDocument>,
    private folderUris: string[],
    private canPullConfiguration: boolean,
    private canReportProgress: boolean,
    /** Where index caches live (the extension's workspace storage); none: no cache. */
    private cacheDir?: string,
  ) {}

  async loadAll(): Promise<void> {
    await this.changeFolders(this.folderUris, []);
  }

  async changeFolders(added: string[], removed: string[]): Promise<void> {
    for (const uri of removed) this.folders.delete(uri);
    await Promise.all(added.map((uri) => this.openFolder(uri)));
    this.recheckAll();
  }

  async reloadSettings(): Promise<void> {
    const uris = [...this.folders.keys()];
    this.folders.clear();
    await Promise.all(uris.map((uri) => this.openFolder(uri)));
    this.recheckAll();
  }

  private async settingsFor(uri: string): Promise<Settings> {
    if (!this.canPullConfiguration) return DEFAULT_SETTINGS;
    try {
      const s = (await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'sourceCheck' })) as Partial<Settings> | null;
      return {
        sources: Array.isArray(s?.sources) && s!.sources.every((g) => typeof g === 'string') ? s!.sources : DEFAULT_SETTINGS.sources,
        maxFileSize: typeof s?.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
      };
    } catch {
      return DEFAULT_SETTINGS;
    }
  }

  private async openFolder(uri: string): Promise<void> {
    const root = uriToPath(uri);
    if (!root) return;
    const settings = await this.settingsFor(uri);
    const sources = new FolderSources(root, {
      globs: settings.sources,
      maxFileSize: settings.maxFileSize * 1024 * 1024,
      onProblem: (m) => this.connection.console.warn(`Source Check: ${path.basename(root)}/${m}`),
      // One cache file per folder and set of globs, in the storage the client gave us.
      cacheFile: this.cacheDir ? path.join(this.cacheDir, `index-${createHash('sha1').update(root + '\0' + settings.sources.join('\0')).digest('hex').slice(0, 16)}.bin`) : undefined,
      engine: ENGINE,
    });
    const folder: Folder = { uri, root, settings, sources, ready: Promise.resolve() };
    folder.ready = this.index(folder);
    this.folders.set(uri, folder);
    await folder.ready;
  }

  private async index(folder: Folder): Promise<void> {
    const started = Date.now();
    if (await folder.sources.restore().catch(() => false)) {
      // Drafts are checked against the cached index at once; files changed since the cache
      // was written are caught up in the background, and the drafts re-checked if any were.
      this.connection.console.info(`Source Check: ${folder.sources.index.size} sources restored from the index cache in ${Date.now() - started} ms`);
      void this.withProgress('Source Check: checking sources for changes', (report) => folder.sources.refresh(report)).then((changed) => {
        if (changed) {
          this.recheckAll();
          this.scheduleSave(folder);
        }
      });
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
    folder.indexing = undefined;
    const n = folder.sources.index.size;
    this.connection.console.info(`Source Check: ${n} source${n === 1 ? '' : 's'} indexed in ${folder.root} (${Date.now() - started} ms)`);
    if (n === 0) {
      void this.connection.window.showInformationMessage(
        `Source Check found no source articles in ${path.basename(folder.root)}. Put articles in seeds/ or sources/, or set sourceCheck.sources.`,
      );
    }
    const problems = folder.sources.problems.size;
    if (problems > 0) {
      void this.connection.window.showWarningMessage(
        `Source Check: ${problems} source file${problems === 1 ? '' : 's'} in ${path.basename(folder.root)} could not be read as expected; see the Source Check output for each file and problem.`,
      );
    }
  }

  /** Runs a long job with a work-done progress report in the client, when it supports one. */
  private async withProgress<T>(title: string, job: (report: (done: number, total: number) => void) => Promise<T>): Promise<T> {
    const progress = this.canReportProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin(title, 0, undefined, false);
    let last = 0;
    try {
      return await job((done, total) => {
        const pct = Math.round((done / Math.max(1, total)) * 100);
        if (pct !== last || done === total) progress?.report(pct, `${done} of ${total} sources`);
        last = pct;
      });
    } finally {
      progress?.done();
    }
  }

  /** Writes a folder's index cache a little after the last change (a burst of saves becomes one write). */
  private scheduleSave(folder: Folder): void {
    if (!this.cacheDir) return;
    clearTimeout(this.saveTimers.get(folder.uri));
    this.saveTimers.set(
      folder.uri,
      setTimeout(() => {
        this.saveTimers.delete(folder.uri);
        folder.sources.save().catch((e) => this.connection.console.warn(`Source Check: could not write the index cache: ${(e as Error).message}`));
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

  private isDraft(doc: TextDocument, folder: Folder | undefined): boolean {
    const p = uriToPath(doc.uri);
    const textual = doc.languageId === 'markdown' || doc.languageId === 'plaintext' || /\.(md|markdown|txt)$/i.test(doc.uri);
    if (!textual) return false;
    return !(p && folder?.sources.isSource(p));
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
      for (const folder of this.folders.values()) this.scheduleSave(folder);
    }
  }

  private recheckAll(): void {
    this.checked.clear();
    for (const doc of this.documents.all()) this.scheduleCheck(doc);
  }

  /**
   * Checks the document as soon as the server is idle. A burst of edits that arrives while
   * a check runs becomes one more check, of the latest version; no timer delays the first.
   */
  scheduleCheck(doc: TextDocument): void {
    const queued = this.publishing.get(doc.uri);
    if (queued) {
      queued.again = true;
      return;
    }
    const state = { again: false };
    this.publishing.set(doc.uri, state);
    const run = async () => {
      do {
        state.again = false;
        await this.publish(doc.uri);
      } while (state.again);
      this.publishing.delete(doc.uri);
    };
    // setImmediate lets edits already waiting in the input be applied first.
    setImmediate(() => void run());
  }

  closed(uri: string): void {
    this.checked.delete(uri);
    this.caches.delete(uri);
    this.skippedLarge.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const checked = await this.ensureChecked(doc);
    const current = this.documents.get(uri);
    // Never publish for a version the writer has already typed past.
    if (!current || current.version !== doc.version) return;
    const diagnostics = checked ? checked.result.findings.map((f) => toDiagnostic(doc, f)) : [];
    void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
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
    const folder = this.folderFor(doc.uri);
    if (!this.isDraft(doc, folder)) return undefined;
    if (folder) await folder.ready;
    const limit = (folder?.settings.maxFileSize ?? DEFAULT_SETTINGS.maxFileSize) * 1024 * 1024;
    const text = doc.getText();
    if (text.length > limit) {
      if (!this.skippedLarge.has(doc.uri)) {
        this.skippedLarge.add(doc.uri);
        void this.connection.window.showInformationMessage(
          `Source Check skipped ${path.basename(uriToPath(doc.uri) ?? doc.uri)}: it is ${formatSize(text.length)}, over sourceCheck.maxFileSize (${formatSize(limit)}).`,
        );
      }
      return undefined;
    }
    if (!folder) return undefined;
    const version = doc.version;
    const isStale = () => this.documents.get(doc.uri)?.version !== version;
    try {
      let cache = this.caches.get(doc.uri);
      if (!cache) this.caches.set(doc.uri, (cache = new QuoteCache()));
      const format = doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri) ? 'markdown' : 'text';
      const result = await checkDraft({ text, format }, folder.sources.index, { isCancelled: isStale, cache });
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

  async resultFor(doc: TextDocument, token?: CancellationToken): Promise<CheckResult | undefined> {
    const checked = await this.ensureChecked(doc);
    if (token?.isCancellationRequested) return undefined;
    return checked?.result;
  }

  /** The people of one folder's sources (or of every folder), for the sourceCheck/people request. */
  async people(folderUri?: string): Promise<PersonInfo[]> {
    const folders = [...this.folders.values()].filter((f) => !folderUri || f.uri === folderUri);
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
          quotes: quotes.map((q) => ({ location: { uri: q.uri, range: locate(q) }, source: q.source, text: q.text, kind: q.kind })),
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
}
