// Where a folder's index cache lives. The language server and the CLI use the same file for
// the same folder, globs and engine, so a check from the terminal starts from the index the
// editor built, and the other way round. Writers rename a finished file into place
// (FolderSources.save), so a reader sees a whole cache or none, whichever process wrote it.

import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

/** What a cache is valid for: the folder and the settings that decide which files it holds. */
export interface CacheKey {
  root: string;
  sources: readonly string[];
  notes: readonly string[];
  /** In bytes. */
  maxFileSize: number;
  /** The engine (its version and a digest of its code): a cache built by another is never read (nor one of another index format: snapshot.ts). */
  engine: string;
}

/**
 * The shared cache directory: SOURCE_CHECK_CACHE_DIR, else the platform's per-user cache
 * folder (XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows).
 */
export function sharedCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOURCE_CHECK_CACHE_DIR) return path.resolve(env.SOURCE_CHECK_CACHE_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'source-check', 'Cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'source-check');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'source-check');
}

const hash = (parts: readonly string[]) => createHash('sha1').update(parts.join('\0')).digest('hex').slice(0, 16);

/** The folder part of a cache's name: the same for every engine version. */
function folderPart(key: CacheKey): string {
  return `index-${hash([path.resolve(key.root), ...key.sources, 'notes', ...key.notes, String(key.maxFileSize)])}`;
}

/** The cache file for a folder, its settings and the engine, in `dir`. */
export function indexCacheFile(dir: string, key: CacheKey): string {
  return path.join(dir, `${folderPart(key)}-${hash([key.engine])}.bin`);
}

/** Removes the caches of the same folder and settings written by other engine versions (they are never read again). */
export async function removeStaleCaches(dir: string, key: CacheKey): Promise<void> {
  const keep = path.basename(indexCacheFile(dir, key));
  const prefix = folderPart(key) + '-';
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix) && n.endsWith('.bin') && n !== keep).map((n) => fs.rm(path.join(dir, n), { force: true }).catch(() => undefined)));
}
