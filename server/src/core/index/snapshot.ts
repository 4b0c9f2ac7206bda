// The index as bytes, so that a large corpus is loaded from an on-disk cache instead of
// re-read and re-tokenised. The bytes are checked before they are believed: a magic
// number, the index format, the payload's length and its SHA-256 digest; any mismatch
// (a torn write, a truncated or edited file, an older format) rejects the whole
// snapshot and the caller rebuilds the index.
//
// Texts are not in the snapshot: restored sources fetch theirs on demand (source/lazyText.ts).
//
// Layout: "SRCCHKIX" | u32 format | u32 payload length | 32-byte SHA-256 of payload | payload
// payload: u32 header length | header JSON | padding to 4 | sentence spans (i32 pairs) | postings (i32)

import { createHash } from 'crypto';
import { lazySource, TextLoader } from '../source/lazyText';
import type { SourceDoc } from '../source/source';
import type { Postings } from './postings';

const MAGIC = 'SRCCHKIX';
/** Bump whenever tokenising, keys, sentence splitting or SourceDoc's shape changes. */
export const INDEX_FORMAT = 4;

export interface SnapshotEntry {
  doc: SourceDoc;
  /** Opaque facts about the file the doc came from (size, mtime, hash), kept for the caller. */
  stamp: unknown;
}

interface Header {
  engine: string;
  docs: Array<{ fields: Record<string, unknown>; stamp: unknown; sentences: number }>;
  keys: string[];
  lengths: number[];
}

/** `engine` names the code that built the index (its version): another engine's snapshot is rejected. */
export function encodeSnapshot(entries: readonly SnapshotEntry[], postings: Postings, engine: string): Buffer {
  const header: Header = { engine, docs: [], keys: [], lengths: [] };
  let spanCount = 0;
  for (const { doc, stamp } of entries) {
    // Everything but the text, its derived forms and the spans is plain data: keep it as JSON.
    // (Own enumerable properties only: a lazy source's text getters are not enumerable.)
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) if (k !== 'text' && k !== 'prose' && k !== 'lines' && k !== 'sentences') fields[k] = v;
    header.docs.push({ fields, stamp, sentences: doc.sentences.length });
    spanCount += doc.sentences.length;
  }
  const spans = new Int32Array(spanCount * 2);
  let k = 0;
  for (const { doc } of entries) {
    for (const s of doc.sentences) {
      spans[k++] = s.start;
      spans[k++] = s.end;
    }
  }
  let postingInts = 0;
  for (const [key, list] of postings.entries()) {
    header.keys.push(key);
    header.lengths.push(list.length);
    postingInts += list.length;
  }
  const postingData = new Int32Array(postingInts);
  let at = 0;
  for (const [, list] of postings.entries()) {
    postingData.set(list.data.subarray(0, list.length), at);
    at += list.length;
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lenBuf = Buffer.alloc(4);
  lenBuf.writeUInt32LE(headerBytes.length);
  const payload = Buffer.concat([lenBuf, headerBytes, pad4(headerBytes.length + 4), Buffer.from(spans.buffer), Buffer.from(postingData.buffer)]);
  const prefix = Buffer.alloc(16);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(INDEX_FORMAT, 8);
  prefix.writeUInt32LE(payload.length, 12);
  return Buffer.concat([prefix, createHash('sha256').update(payload).digest(), payload]);
}

function pad4(n: number): Buffer {
  return Buffer.alloc((4 - (n % 4)) % 4);
}

export interface DecodedSnapshot {
  entries: Array<SnapshotEntry & { sentences: number }>;
  postings: Array<{ key: string; data: Int32Array }>;
}

/**
 * The snapshot's contents, or the reason it cannot be trusted. `loaderFor` gives each
 * restored source the way to fetch its text.
 */
export function decodeSnapshot(
  bytes: Buffer,
  engine: string,
  loaderFor: (fields: Record<string, unknown>, stamp: unknown) => TextLoader,
): DecodedSnapshot | { problem: string } {
  if (bytes.length < 48 || bytes.toString('latin1', 0, 8) !== MAGIC) return { problem: 'not a Source Check index cache' };
  if (bytes.readUInt32LE(8) !== INDEX_FORMAT) return { problem: `index format ${bytes.readUInt32LE(8)}, expected ${INDEX_FORMAT}` };
  const length = bytes.readUInt32LE(12);
  if (bytes.length !== 48 + length) return { problem: `truncated or padded (${bytes.length - 48} payload bytes, header says ${length})` };
  const payload = bytes.subarray(48);
  if (!createHash('sha256').update(payload).digest().equals(bytes.subarray(16, 48))) return { problem: 'checksum mismatch (a torn or altered file)' };
  try {
    const headerLength = payload.readUInt32LE(0);
    const header = JSON.parse(payload.toString('utf8', 4, 4 + headerLength)) as Header;
    if (header.engine !== engine) return { problem: `built by Source Check ${header.engine}, this is ${engine}` };
    let at = 4 + headerLength;
    at += (4 - (at % 4)) % 4;
    const spanCount = header.docs.reduce((n, d) => n + d.sentences, 0);
    const spans = new Int32Array(payload.buffer.slice(payload.byteOffset + at, payload.byteOffset + at + spanCount * 8));
    at += spanCount * 8;
    const postings: DecodedSnapshot['postings'] = [];
    const totalInts = header.lengths.reduce((n, l) => n + l, 0);
    const all = new Int32Array(payload.buffer.slice(payload.byteOffset + at, payload.byteOffset + at + totalInts * 4));
    at += totalInts * 4;
    let p = 0;
    header.keys.forEach((key, i) => {
      postings.push({ key, data: all.subarray(p, p + header.lengths[i]) });
      p += header.lengths[i];
    });
    let s = 0;
    const entries: DecodedSnapshot['entries'] = header.docs.map((d) => {
      const sentences = [];
      for (let i = 0; i < d.sentences; i++, s += 2) sentences.push({ start: spans[s], end: spans[s + 1] });
      const fields = { ...(d.fields as Omit<SourceDoc, 'text' | 'prose' | 'lines' | 'sentences'>), sentences };
      if (typeof fields.id !== 'string' || typeof fields.uri !== 'string') throw new Error('a source without id or uri');
      return { doc: lazySource(fields, loaderFor(d.fields, d.stamp)), stamp: d.stamp, sentences: d.sentences };
    });
    if (at !== payload.length) return { problem: 'inconsistent sizes inside the cache' };
    return { entries, postings };
  } catch (e) {
    return { problem: `unreadable (${(e as Error).message})` };
  }
}
