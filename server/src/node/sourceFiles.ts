// Which files of a folder are sources: those matching the configured globs. The walk
// starts only at each glob's fixed base directory, never leaves the folder (globs
// that climb out are refused), does not follow symbolic links out of it, and cannot
// loop on a link cycle.

import { promises as fs } from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';

export const DEFAULT_SOURCE_GLOBS = ['seeds/**/*.{txt,md,html}', 'sources/**/*.{txt,md,html}'];
/** The reporter's own notes and interview transcripts (sourceCheck.notes): sources with their own provenance. */
export const DEFAULT_NOTES_GLOBS = ['notes/**/*.{txt,md,html}'];

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface SourceGlobs {
  isSource(relPath: string): boolean;
  bases: string[];
  /** Globs refused, with the reason. */
  refused: string[];
}

export function compileGlobs(globs: readonly string[]): SourceGlobs {
  const ok: string[] = [];
  const refused: string[] = [];
  for (const g of globs) {
    const norm = g.replace(/\\/g, '/').replace(/^\.\//, '');
    if (path.isAbsolute(norm) || norm.split('/').includes('..')) refused.push(`${g}: source globs must stay inside the workspace folder`);
    else ok.push(norm);
  }
  const match = ok.length > 0 ? picomatch(ok, { dot: false }) : () => false;
  const bases = [...new Set(ok.map((g) => picomatch.scan(g).base || '.'))];
  return { isSource: (rel) => match(rel.replace(/\\/g, '/')), bases, refused };
}

/** Relative paths (with /) of the source files under root. */
export async function listSourceFiles(root: string, globs: SourceGlobs, onProblem: (rel: string, problem: string) => void = () => {}): Promise<string[]> {
  const rootReal = await fs.realpath(root).catch(() => path.resolve(root));
  const found = new Set<string>();
  const visited = new Set<string>();
  const walk = async (dir: string, viaLink = false): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch {
      return;
    }
    if (visited.has(real)) {
      // A folder reached twice: by a link cycle (worth saying), or by two globs (not).
      if (viaLink) onProblem(path.relative(root, dir).split(path.sep).join('/'), 'a symbolic link to a folder already read (a link loop); not followed');
      return;
    }
    if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
      onProblem(path.relative(root, dir), 'a symbolic link that leads outside the workspace folder; not followed');
      return;
    }
    visited.add(real);
    let entries: import('fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') onProblem(path.relative(root, dir) || '.', `folder cannot be read (${code})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const target = await fs.realpath(full).catch(() => undefined);
        if (!target) {
          onProblem(rel, 'a broken symbolic link');
          continue;
        }
        if (target !== rootReal && !target.startsWith(rootReal + path.sep)) {
          onProblem(rel, 'a symbolic link that leads outside the workspace folder; not followed');
          continue;
        }
        const st = await fs.stat(full).catch(() => undefined);
        isDir = !!st?.isDirectory();
        isFile = !!st?.isFile();
      }
      if (isDir) {
        if (!SKIP_DIRS.has(e.name)) await walk(full, e.isSymbolicLink());
      } else if (isFile && globs.isSource(rel)) {
        found.add(rel);
      }
    }
  };
  for (const base of globs.bases) await walk(path.join(root, base));
  return [...found].sort();
}
