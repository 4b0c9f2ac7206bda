// The sources of one folder (a workspace folder, or the CLI's working directory):
// finds them by glob, reads them, keeps them in an in-process index, and updates it
// file by file. A file that cannot be read is reported by name and left out; the
// rest keep working.

import * as path from 'path';
import { pathToFileURL } from 'url';
import { MemoryIndex } from '../core/index/memoryIndex';
import { parseSource } from '../core/source/source';
import { compileGlobs, listSourceFiles, SourceGlobs } from './sourceFiles';
import { DEFAULT_MAX_FILE_SIZE, readTextFile } from './decode';

export interface FolderSourcesOptions {
  globs: readonly string[];
  maxFileSize?: number;
  /** Told of every problem, once per file and problem: "seeds/x.txt: binary file …". */
  onProblem?: (message: string) => void;
}

export class FolderSources {
  readonly index = new MemoryIndex();
  /** Files left out or read with a fallback, with the reason. */
  readonly problems = new Map<string, string>();
  private globs: SourceGlobs;
  private maxFileSize: number;

  constructor(
    readonly root: string,
    private options: FolderSourcesOptions,
  ) {
    this.globs = compileGlobs(options.globs);
    this.maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  private report(rel: string, problem: string): void {
    if (this.problems.get(rel) === problem) return;
    this.problems.set(rel, problem);
    this.options.onProblem?.(`${rel}: ${problem}`);
  }

  isSource(absPath: string): boolean {
    const rel = path.relative(this.root, absPath);
    return !rel.startsWith('..') && !path.isAbsolute(rel) && this.globs.isSource(rel.split(path.sep).join('/'));
  }

  /** Reads every source from scratch. */
  async loadAll(onProgress?: (done: number, total: number) => void): Promise<void> {
    for (const g of this.globs.refused) this.options.onProblem?.(g);
    const files = await listSourceFiles(this.root, this.globs, (rel, problem) => this.report(rel, problem));
    const keep = new Set(files);
    for (const doc of this.index.all()) if (!keep.has(doc.id)) this.index.remove(doc.id);
    let done = 0;
    for (const rel of files) {
      await this.load(rel);
      onProgress?.(++done, files.length);
    }
  }

  /** Re-reads one file (created or changed); returns whether the index changed. */
  async update(absPath: string): Promise<boolean> {
    if (!this.isSource(absPath)) return false;
    return this.load(path.relative(this.root, absPath).split(path.sep).join('/'));
  }

  /** Forgets a deleted file; returns whether it was a source. */
  remove(absPath: string): boolean {
    const rel = path.relative(this.root, absPath).split(path.sep).join('/');
    this.problems.delete(rel);
    return this.index.remove(rel);
  }

  private async load(rel: string): Promise<boolean> {
    const abs = path.join(this.root, rel);
    const file = await readTextFile(abs, this.maxFileSize);
    if ('problem' in file) {
      this.report(rel, `${file.problem}; left out of the sources`);
      // A file that became unreadable keeps no stale entry.
      this.index.remove(rel);
      return true;
    }
    this.problems.delete(rel);
    if (file.note) this.report(rel, file.note);
    else if (file.text.trim() === '') this.report(rel, 'empty file; there is nothing in it to check against');
    try {
      const doc = parseSource(rel, pathToFileURL(abs).toString(), file.text);
      for (const p of doc.meta.problems) this.options.onProblem?.(p);
      this.index.add(doc);
    } catch (e) {
      this.report(rel, `could not be indexed (${(e as Error).message}); left out of the sources`);
      this.index.remove(rel);
    }
    return true;
  }
}
