// Reads a file's bytes as text, or says clearly why it cannot: binary, too large,
// unreadable. UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such;
// bytes that are not valid UTF-8 are read as Windows-1252 (old wire archives) and
// reported, never silently.

import { promises as fs, readFileSync } from 'fs';

export interface TextFile {
  text: string;
  /** The file's size and modification time when it was read (for the index cache). */
  size?: number;
  mtimeMs?: number;
  /** A note about how the file was read (a fallback encoding), worth showing once. */
  note?: string;
}

export interface Unreadable {
  problem: string;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export function decodeBytes(bytes: Uint8Array): TextFile | Unreadable {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { problem: 'binary file (it contains NUL bytes), not text' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), note: 'not valid UTF-8; read as Windows-1252' };
  }
}

export async function readTextFile(path: string, maxSize = DEFAULT_MAX_FILE_SIZE): Promise<TextFile | Unreadable> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return { problem: 'not a regular file' };
    if (stat.size > maxSize) return { problem: `too large (${formatSize(stat.size)}; the limit, sourceCheck.maxFileSize, is ${formatSize(maxSize)})` };
    const decoded = decodeBytes(await fs.readFile(path));
    return 'text' in decoded ? { ...decoded, size: stat.size, mtimeMs: stat.mtimeMs } : decoded;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { problem: err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'file not found' : `cannot be read (${err.code ?? err.message})` };
  }
}

/** The same, synchronously: a lazy source fetching its text in the middle of a check. */
export function readTextFileSync(path: string): TextFile | Unreadable {
  try {
    return decodeBytes(readFileSync(path));
  } catch (e) {
    return { problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
