// The sources of one folder (a workspace folder, or the CLI's working directory):
// finds them by glob, reads them, keeps them in an in-process index, and updates it
// file by file. A file that cannot be read is reported by name and left out; the
// rest keep working. Texts are not kept in memory: each source re-reads its file
// when a check needs a passage, and only if the file still has the indexed content.
// With a cache file, the index is restored from disk and then brought up to date.

import { createHash, randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { MemoryIndex } from '../core/index/memoryIndex';
import { decodeSnapshot } from '../core/index/snapshot';
import { detachText, packedSource, TextLoader } from '../core/source/lazyText';
import { LineIndex } from '../core/text/lines';
import { formatOf, parseSource, proseOf, SourceDoc } from '../core/source/source';
import { markNotes } from '../core/source/metadata';
import { createParsePool, ParsedSource } from './parsePool';
import { POOL_MIN_ITEMS } from './workerPool';
import { compileGlobs, listSourceFiles, SourceGlobs } from './sourceFiles';
import { DEFAULT_MAX_FILE_SIZE, readTextFile, readTextFileSync, TextFile, Unreadable } from './decode';

const READ_BATCH = 64;

interface Prepared {
  rel: string;
  file: TextFile | Unreadable;
  /** The text's fingerprint, when it was taken to decide whether to parse (ingest takes it otherwise). */
  hash?: string;
  parsed?: Promise<{ source: ParsedSource } | { error: Error }>;
}

/** What identifies the content a source was indexed from. */
export interface Stamp {
  size: number;
  mtimeMs: number;
  /** SHA-1 of the decoded text. */
  hash: string;
}

export interface FolderSourcesOptions {
  globs: readonly string[];
  /** Globs of the reporter's own notes and transcripts: sources too, whose provenance says "your notes". */
  notes?: readonly string[];
  maxFileSize?: number;
  /** Told of every problem, once per file and problem: "seeds/x.txt: binary file …". */
  onProblem?: (message: string) => void;
  /** Where to keep the index between runs; absent: no cache. */
  cacheFile?: string;
  /** The engine's version: a cache written by another version is not used. */
  engine?: string;
  /** Worker threads that parse sources while loading many files (default: one per spare core, at most four; 0: none). */
  workers?: number;
  /** A larger cache file is not read (it is rebuilt); default DEFAULT_MAX_CACHE_SIZE. */
  maxCacheSize?: number;
}

/** 2 GiB: far above a 100,000-article index (a few hundred MB), and what a Buffer can hold. */
export const DEFAULT_MAX_CACHE_SIZE = 2 ** 31 - 1;

/** A file's bytes, refused (without reading them) when it is larger than `max`. */
async function readBounded(file: string, max: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > max) throw new Error(`${size} bytes, more than the ${max} a cache may have`);
    // Exactly `size` bytes into a buffer of its own (4-byte aligned, for typed-array views).
    const bytes = Buffer.allocUnsafeSlow(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

export function fingerprint(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

export class FolderSources {
  index = new MemoryIndex();
  /** Files left out or read with a fallback, with the reason. */
  readonly problems = new Map<string, string>();
  private stamps = new Map<string, Stamp>();
  /** Restored sources whose cached fields turned out unreadable: re-read by the next refresh. */
  private damaged = new Set<string>();
  private globs: SourceGlobs;
  private notes: SourceGlobs | undefined;
  private maxFileSize: number;

  constructor(
    readonly root: string,
    private options: FolderSourcesOptions,
  ) {
    this.globs = compileGlobs([...options.globs, ...(options.notes ?? [])]);
    this.notes = options.notes && options.notes.length > 0 ? compileGlobs(options.notes) : undefined;
    this.maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  private report(rel: string, problem: string): void {
    if (this.problems.get(rel) === problem) return;
    this.problems.set(rel, problem);
    this.options.onProblem?.(`${rel}: ${problem}`);
  }

  /** Whether a source (a path relative to the folder, with /) is one of the reporter's own notes. */
  isNote(rel: string): boolean {
    return !!this.notes?.isSource(rel);
  }

  isSource(absPath: string): boolean {
    const rel = path.relative(this.root, absPath);
    return !rel.startsWith('..') && !path.isAbsolute(rel) && this.globs.isSource(rel.split(path.sep).join('/'));
  }

  /**
   * Reads every source from scratch. With `maxFiles`, a folder of more files is left unread
   * (returns false): a speculative read must stay cheap.
   */
  async loadAll(onProgress?: (done: number, total: number) => void, maxFiles = Infinity): Promise<boolean> {
    for (const g of this.globs.refused) this.options.onProblem?.(g);
    const files = await listSourceFiles(this.root, this.globs, (rel, problem) => this.report(rel, problem));
    if (files.length > maxFiles) return false;
    const keep = new Set(files);
    for (const doc of this.index.all()) if (!keep.has(doc.id)) this.forget(doc.id);
    await this.readAll(files, onProgress);
    return true;
  }

  /** Where save() writes the index cache, and problems are told from now on (a folder read before they were known). */
  adopt(options: Pick<FolderSourcesOptions, 'cacheFile' | 'onProblem'>): void {
    this.options = { ...this.options, ...options };
  }

  private async readAll(files: string[], onProgress?: (done: number, total: number) => void): Promise<void> {
    // Parsing runs in worker threads when there are enough files to pay for starting them.
    const pool = files.length >= POOL_MIN_ITEMS ? createParsePool(this.options.workers) : undefined;
    try {
      // Reads overlap in batches (the disk works while the CPU parses), and so do parsing in the
      // workers and adding to the index here: batch i+1 is read and parsed while batch i is added.
      const prepare = async (batch: string[]): Promise<Prepared[]> => {
        const read = await Promise.all(batch.map((rel) => readTextFile(path.join(this.root, rel), this.maxFileSize)));
        return batch.map((rel, k) => {
          const file = read[k];
          const hash = pool && 'text' in file ? fingerprint(file.text) : undefined;
          const parsed =
            pool && 'text' in file && !this.unchanged(rel, hash!)
              ? pool.run({ id: rel, uri: this.uriOf(rel), text: file.text }).then(
                  (source) => ({ source }),
                  (error: Error) => ({ error }),
                )
              : undefined;
          return { rel, file, hash, parsed };
        });
      };
      let next = files.length > 0 ? prepare(files.slice(0, READ_BATCH)) : undefined;
      for (let i = 0; i < files.length; i += READ_BATCH) {
        const prepared = await next!;
        next = i + READ_BATCH < files.length ? prepare(files.slice(i + READ_BATCH, i + 2 * READ_BATCH)) : undefined;
        for (const { rel, file, hash, parsed } of prepared) this.ingest(rel, file, parsed && (await parsed), hash);
        onProgress?.(Math.min(files.length, i + READ_BATCH), files.length);
      }
    } finally {
      await pool?.close();
    }
    // Only after adding sources: trimming unpacks every posting list a restored index keeps packed.
    if (files.length > 0) this.index.trim();
  }

  /**
   * Restores the index from the cache file if it is sound (call refresh() next to catch up
   * with files changed since). Returns false, having changed nothing, when there is no usable cache.
   */
  async restore(): Promise<boolean> {
    const file = this.options.cacheFile;
    if (!file) return false;
    const bytes = await readBounded(file, this.options.maxCacheSize ?? DEFAULT_MAX_CACHE_SIZE).catch((e: Error) => e);
    if (bytes instanceof Error) {
      if ((bytes as NodeJS.ErrnoException).code !== 'ENOENT') this.options.onProblem?.(`index cache ${file}: ${bytes.message}; rebuilding it`);
      return false;
    }
    const decoded = decodeSnapshot(
      bytes,
      this.options.engine ?? 'dev',
      (fields, stamp) => this.loaderFor(fields.id, stamp),
      // A source whose cached fields cannot be read is re-read from its file by the next refresh.
      (id, problem) => {
        this.damaged.add(id);
        this.options.onProblem?.(`index cache ${file}: ${id}: ${problem}; re-reading it`);
      },
    );
    let index: MemoryIndex;
    try {
      if ('problem' in decoded) throw new Error(decoded.problem);
      index = MemoryIndex.restore(decoded);
    } catch (e) {
      this.options.onProblem?.(`index cache ${file}: ${(e as Error).message}; rebuilding it`);
      return false;
    }
    this.index = index;
    this.stamps = new Map();
    decoded.docs.forEach((doc, d) => this.stamps.set(doc.id, decoded.stamps[d]));
    return true;
  }

  /**
   * Brings a restored index up to date with the files on disk: re-reads only the files added
   * or changed since (by size and modification time, then content hash). Returns whether
   * anything changed.
   */
  async refresh(onProgress?: (done: number, total: number) => void): Promise<boolean> {
    const generation = this.index.generation;
    for (const g of this.globs.refused) this.options.onProblem?.(g);
    const files = await listSourceFiles(this.root, this.globs, (rel, problem) => this.report(rel, problem));
    const keep = new Set(files);
    for (const id of [...this.stamps.keys()]) if (!keep.has(id)) this.forget(id);
    const changed: string[] = [];
    for (let i = 0; i < files.length; i += READ_BATCH) {
      const batch = files.slice(i, i + READ_BATCH);
      const stats = await Promise.all(batch.map((rel) => fs.stat(path.join(this.root, rel)).catch(() => undefined)));
      batch.forEach((rel, k) => {
        const st = stats[k];
        const known = this.stamps.get(rel);
        if (!known || !st || st.size !== known.size || st.mtimeMs !== known.mtimeMs || this.damaged.has(rel)) changed.push(rel);
      });
    }
    for (const rel of changed) if (this.damaged.delete(rel)) this.stamps.delete(rel); // re-indexed whatever its hash
    // A file touched but not changed keeps its entry: ingest compares content hashes.
    await this.readAll(changed, onProgress);
    return this.index.generation !== generation;
  }

  /** Writes the cache file (to a temporary file renamed into place: a crash never leaves half a cache). */
  async save(): Promise<void> {
    const file = this.options.cacheFile;
    if (!file) return;
    const parts = this.index.snapshotParts((id) => this.stamps.get(id), this.options.engine ?? 'dev');
    await fs.mkdir(path.dirname(file), { recursive: true });
    // A crash mid-write leaves at worst this temporary file, which restore() never reads. Its name is
    // this writer's own: another process (the CLI, a second editor window) may be writing the same cache.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.writeFile(tmp, parts);
      await fs.rename(tmp, file);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  /** Where the cache file is (undefined: no cache). */
  get cacheFile(): string | undefined {
    return this.options.cacheFile;
  }

  /** Re-reads one file (created or changed); returns whether the index changed. */
  async update(absPath: string): Promise<boolean> {
    if (!this.isSource(absPath)) return false;
    const rel = path.relative(this.root, absPath).split(path.sep).join('/');
    return this.ingest(rel, await readTextFile(absPath, this.maxFileSize));
  }

  /** Forgets a deleted file; returns whether it was a source. */
  remove(absPath: string): boolean {
    return this.forget(path.relative(this.root, absPath).split(path.sep).join('/'));
  }

  private forget(rel: string): boolean {
    this.problems.delete(rel);
    this.stamps.delete(rel);
    return this.index.remove(rel);
  }

  private loaderFor(rel: string, stamp: Stamp | undefined): TextLoader {
    const abs = path.join(this.root, rel);
    return {
      load: () => {
        const file = readTextFileSync(abs);
        return 'text' in file && stamp && fingerprint(file.text) === stamp.hash ? file.text : undefined;
      },
      prose: (text) => proseOf(text, formatOf(rel)),
    };
  }

  private uriOf(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).toString();
  }

  /** Whether a text with this fingerprint is what the index already holds for the file. */
  private unchanged(rel: string, hash: string): boolean {
    const known = this.stamps.get(rel);
    return !!known && known.hash === hash && !!this.index.get(rel);
  }

  /**
   * Indexes what was read from one file (`parsed`: parsed already, in a worker; `hash`: its
   * text's fingerprint, if taken already); returns whether the index changed.
   */
  private ingest(rel: string, file: TextFile | Unreadable, parsed?: { source: ParsedSource } | { error: Error }, hash?: string): boolean {
    if ('problem' in file) {
      this.report(rel, `${file.problem}; left out of the sources`);
      // A file that became unreadable keeps no stale entry.
      this.stamps.delete(rel);
      return this.index.remove(rel);
    }
    this.problems.delete(rel);
    if (file.note) this.report(rel, file.note);
    else if (file.text.trim() === '') this.report(rel, 'empty file; there is nothing in it to check against');
    const stamp: Stamp = { size: file.size ?? file.text.length, mtimeMs: file.mtimeMs ?? 0, hash: hash ?? fingerprint(file.text) };
    if (this.unchanged(rel, stamp.hash)) {
      this.stamps.set(rel, stamp); // touched, not changed
      return false;
    }
    try {
      if (parsed && 'error' in parsed) throw parsed.error;
      const doc = parsed ? undefined : parseSource(rel, this.uriOf(rel), file.text);
      const meta = parsed ? parsed.source.fields.meta : doc!.meta;
      if (this.isNote(rel)) markNotes(meta, rel);
      for (const p of meta.problems) this.options.onProblem?.(p);
      this.stamps.set(rel, stamp);
      const loader = this.loaderFor(rel, stamp);
      // Parsed in a worker: already packed, its text primes the text cache as a local parse's does.
      this.index.add(parsed ? packedSource(parsed.source.fields, loader, { text: file.text, prose: parsed.source.prose, lines: new LineIndex(file.text) }) : detachText(doc!, loader));
    } catch (e) {
      this.report(rel, `could not be indexed (${(e as Error).message}); left out of the sources`);
      this.stamps.delete(rel);
      this.index.remove(rel);
    }
    return true;
  }
}
