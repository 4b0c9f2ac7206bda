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
    return { text: windows1252(bytes), note: 'not valid UTF-8; read as Windows-1252' };
  }
}

/** Windows-1252's characters for the bytes 0x80–0x9F (the five it leaves undefined stay as they are). */
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Windows-1252, decoded by hand: Node 20's TextDecoder('windows-1252') decodes as Latin-1,
 * giving C1 control characters for 0x80–0x9F, which are the very bytes of the curly quotes
 * (0x93, 0x94), dashes and the euro sign: a source's quotations read as narration.
 */
function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
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
