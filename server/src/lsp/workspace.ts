// The server's state: one FolderSources per workspace folder (each with its own
// settings), the latest check of each open draft, and the scheduling that keeps
// diagnostics following the writer's typing without ever publishing a stale result.

import type { CancellationToken, Connection, Position, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'url';
import * as path from 'path';
import { FolderSources } from '../node/folderSources';
import { DEFAULT_SOURCE_GLOBS } from '../node/sourceFiles';
import { formatSize } from '../node/decode';
import { checkDraft } from '../core/check/draft';
import type { CheckResult, Claim } from '../core/check/findings';
import type { SourceStore } from '../core/match/store';
import { toDiagnostic } from './convert';

export interface Settings {
  sources: string[];
  /** Megabytes. */
  maxFileSize: number;
}

const DEFAULT_SETTINGS: Settings = { sources: DEFAULT_SOURCE_GLOBS, maxFileSize: 5 };
/** Quiet time after a keystroke before re-checking: bursts of typing become one check. */
const DEBOUNCE_MS = 30;

interface Folder {
  uri: string;
  root: string;
  settings: Settings;
  sources: FolderSources;
  ready: Promise<void>;
}

interface Checked {
  version: number;
  result: CheckResult;
}

/** Longest stretch a check runs without letting the server read its messages. */
const YIELD_EVERY_MS = 20;

/**
 * The folder's index, seen by a check that gives the event loop a turn every few
 * milliseconds: otherwise a long draft blocks the server (no hover, no edit read, so
 * a check of a version already typed past cannot even notice it is stale).
 */
function yielding(store: SourceStore): SourceStore {
  let last = Date.now();
  return {
    get size() {
      return store.size;
    },
    async candidates(words, limit) {
      if (Date.now() - last >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        last = Date.now();
      }
      return store.candidates(words, limit);
    },
  };
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
  private timers = new Map<string, NodeJS.Timeout>();
  private skippedLarge = new Set<string>();

  constructor(
    private connection: Connection,
    private documents: TextDocuments<TextDocument>,
    private folderUris: string[],
    private canPullConfiguration: boolean,
    private canReportProgress: boolean,
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
    });
    const folder: Folder = { uri, root, settings, sources, ready: Promise.resolve() };
    folder.ready = this.index(folder);
    this.folders.set(uri, folder);
    await folder.ready;
  }

  private async index(folder: Folder): Promise<void> {
    const progress = this.canReportProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Source Check: indexing sources', 0, undefined, false);
    const started = Date.now();
    try {
      await folder.sources.loadAll((done, total) => {
        if (done % 50 === 0 || done === total) progress?.report(Math.round((done / Math.max(1, total)) * 100), `${done} of ${total} sources`);
      });
    } catch (e) {
      this.connection.console.error(`Source Check: indexing ${folder.root} failed: ${(e as Error).message}`);
    } finally {
      progress?.done();
    }
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
    if (changed) this.recheckAll();
  }

  private recheckAll(): void {
    this.checked.clear();
    for (const doc of this.documents.all()) this.scheduleCheck(doc, 0);
  }

  scheduleCheck(doc: TextDocument, delay = DEBOUNCE_MS): void {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        void this.publish(doc.uri);
      }, delay),
    );
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.checked.delete(uri);
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
      const result = await checkDraft({ text, format: doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri) ? 'markdown' : 'text' }, yielding(folder.sources.index), isStale);
      const checked = { version, result };
      if (!isStale()) this.checked.set(doc.uri, checked);
      return checked;
    } catch (e) {
      this.connection.console.error(`Source Check: checking ${doc.uri} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
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

  async claimAt(doc: TextDocument, position: Position, token?: CancellationToken): Promise<{ claim: Claim } | undefined> {
    const result = await this.resultFor(doc, token);
    if (!result) return undefined;
    const offset = doc.offsetAt(position);
    const claim = result.claims.find((c) => c.start <= offset && offset <= c.end);
    return claim ? { claim } : undefined;
  }
}
