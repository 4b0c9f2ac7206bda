// The index as bytes, so that a large corpus is loaded from an on-disk cache instead of
// re-read and re-tokenised. The bytes are checked before they are believed: a magic
// number, the index format, the payload's length and its checksum, then the
// structure itself (every count, offset and reference in range); any mismatch (a torn
// write, a truncated or edited file, an older format, another engine) rejects the whole
// snapshot and the caller rebuilds the index.
//
// Loading takes time in proportion to the bytes and allocates little: the payload is a
// set of columns read in place (typed-array views over the one Buffer); per source only
// its id is decoded up front. Its uri, metadata and abbreviations stay encoded (UTF-8 in
// one string region) until first read, its sentence spans are a view, and its facts are
// read in place as packed ints (core/facts/packed.ts) over the snapshot's table of fact
// strings, their texts decoded on first use.
// Texts are not in the snapshot: restored sources fetch theirs on demand (source/lazyText.ts).
// Integers are little-endian (every platform Node runs on).
//
// The checksum is CRC-32 (zlib, about 2 GB/s: a 100,000-article cache is read in well under a
// second) or SHA-256 where zlib lacks crc32 (Node before 20.15); it catches torn and damaged
// files, and the structural checks catch an edit made to agree with it.
//
// Layout: "SRCCHKIX" | u32 format | u32 payload length | u32 checksum kind | 32-byte checksum of payload | payload
// payload: u32[HEADER] counts | i32 columns | byte regions, each padded to 4:
//   docSentences[N+1]  first sentence of each source (into spans)
//   spans[2S]          sentence (start, end) pairs
//   factCounts[N]      facts per source (fact postings are checked against it)
//   factIntsAt[N+1]    where each source's packed facts start in factInts
//   fields[FIELDS*N+1] byte offsets into `strings` of each source's id, uri, hash, meta, facts' texts, abbreviations,
//                      frames (JSON [fact number, StoredFrame] rows: the frames of its facts some check made),
//                      speakers (JSON TextAttributions, where a check had them attributed)
//   stamps             f64 size, f64 mtimeMs per source (read with readDoubleLE: no alignment needed)
//   wordOffsets[K+1], wordData[P]    word postings: key i owns wordData[wordOffsets[i] .. wordOffsets[i+1]]
//   factOffsets[F+1], factPairs[2Q]  fact postings: (source number, fact number) pairs
//   factInts[I]        each source's packed facts (exportFacts), string ids into the fact table
//   engine, strings, word keys ("\0"-separated), fact keys ("\0"-separated), fact table (a JSON array of strings),
//   alias table (JSON [abbreviation, words] pairs: rebuilt from every source's abbreviations, it cost every warm
//   command-line run 0.3 s on BBC)

import { createHash } from 'crypto';
import * as zlib from 'zlib';
import { loadedText, TextLoader } from '../source/lazyText';
import type { SourceDoc } from '../source/source';
import type { SourceMeta } from '../source/metadata';
import type { Fact } from '../facts/extract';
import type { AliasTable } from '../facts/context';
import { exportFacts, packedView, packFacts, StringTable, unpackFacts } from '../facts/packed';
import { packedFactsOf, setPackedFacts } from '../source/lazyText';
import { attributedSpeakers } from '../source/source';
import type { Span } from '../text/sentences';
import type { LineIndex } from '../text/lines';
import { attributeQuotes, TextAttributions } from '../speakers/attribute';

const MAGIC = 'SRCCHKIX';
/** Bump whenever tokenising, keys, sentence splitting, fact extraction, metadata, SourceDoc's shape or this layout changes (9: facts packed, not JSON; 10: a "> " block holding marked quotations is read by its marks, attributions skip citations; 11: a fact carries the names of the sentence before it refers back to; 12: and that sentence's key words; 13: '' read as a double quotation mark, so sources' quotations change; 14: a dotted abbreviation is no counted noun; 15: "Six Nations", a capitalised number word before a capitalised word, is a name; "five say" counts no one; 16: a number after "code" is an identifier; 18: irregular past forms of content verbs stemmed to their verb; 19: a demonym opening a sentence is a name, and verbs of a stated position (rejected, condemned, vowed) make an actor;  20: the alias table kept; 21: a figure carries the pollsters the sentence before names; 22: in a headline in capitals only words the text writes as names elsewhere are names; 23: a number in a list after a name's number, "Windows 95, 98, ME", is a name; 24: "US" and "U.S." are names, "United States" is one, "us"; 25: source facts' frames and, where attributed, speakers kept). */
export const INDEX_FORMAT = 25;
const PREFIX = 52;
const CRC32 = 1;
const SHA256 = 2;
const crc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** The checksum (32 bytes) of the payload, in one or several parts, by the given kind; undefined if this Node cannot compute that kind. */
function checksum(payload: Buffer | readonly Buffer[], kind: number): Buffer | undefined {
  const parts = Buffer.isBuffer(payload) ? [payload] : payload;
  if (kind === SHA256) {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part);
    return hash.digest();
  }
  if (kind !== CRC32 || !crc32) return undefined;
  let crc = 0;
  // An empty part is skipped: zlib.crc32 of a view over an empty ArrayBuffer returns 0, not the crc it was given (Node 20).
  for (const part of parts) if (part.length > 0) crc = crc32(part, crc);
  const digest = Buffer.alloc(32);
  digest.writeUInt32LE(crc >>> 0, 0);
  return digest;
}

/** Recomputes a snapshot's checksum in place (tests use it to show that the structure is checked too). */
export function sealSnapshot(bytes: Buffer): void {
  checksum(bytes.subarray(PREFIX), bytes.readUInt32LE(16))!.copy(bytes, 20);
}
const HEADER = 13;
const FIELDS = 8;
const F_ID = 0;
const F_URI = 1;
const F_HASH = 2;
const F_META = 3;
const F_FACTS = 4;
const F_ABBR = 5;
const F_FRAMES = 6;
const F_SPEAKERS = 7;
const SEP = '\0';

/** What identifies the content a source was indexed from (kept for the caller's freshness check). */
export interface SnapshotStamp {
  size: number;
  mtimeMs: number;
  hash: string;
}

export interface SnapshotEntry {
  doc: SourceDoc;
  stamp: SnapshotStamp | undefined;
  /** Its facts' frames as storedFrames reads them back (JSON rows); by default those the snapshot it came from held. */
  frames?: string;
}

// ---- Encoding ----

/**
 * `postings` are the word postings (opaque int32s; the index checks them on restore);
 * `factPostings` the fact postings as (number of the source in `entries`, fact number) pairs.
 */
export function encodeSnapshot(
  entries: readonly SnapshotEntry[],
  postings: Iterable<[string, Int32Array]>,
  factPostings: Iterable<[string, Int32Array]>,
  engine: string,
  aliases: AliasTable,
): Buffer[] {
  const n = entries.length;
  const docSentences = new Int32Array(n + 1);
  const factCounts = new Int32Array(n);
  const factIntsAt = new Int32Array(n + 1);
  const factInts: Int32Array[] = [];
  const factTable = new StringTable();
  const fieldOffsets = new Int32Array(FIELDS * n + 1);
  const stamps = Buffer.alloc(16 * n);
  // The strings region, written source by source into chunks as it grows: holding every
  // encoded string until the end cost gigabytes and half a minute of collection at 100,000 sources.
  const region = new ChunkWriter();
  let spanCount = 0;
  const docSpans: Int32Array[] = [];
  entries.forEach(({ doc, stamp, frames }, d) => {
    const cached = doc instanceof CachedSource ? doc : undefined;
    // Facts are copied packed (their ids renumbered into the snapshot's table), never unpacked.
    const facts = packedFactsOf(doc) ?? packFacts(doc.facts ?? []);
    const ints = exportFacts(facts, factTable);
    factInts.push(ints);
    factIntsAt[d + 1] = factIntsAt[d] + ints.length;
    const values = [
      doc.id,
      doc.uri,
      String(stamp?.hash ?? ''),
      cached ? cached.raw(F_META) : JSON.stringify(doc.meta),
      facts.texts,
      cached ? cached.raw(F_ABBR) : doc.abbreviations?.length ? JSON.stringify(doc.abbreviations) : '',
      frames ?? storedFrames(doc),
      cached ? cached.speakersField() : speakersField(attributedSpeakers(doc)),
    ];
    for (let f = 0; f < FIELDS; f++) {
      region.write(values[f]);
      fieldOffsets[FIELDS * d + f + 1] = region.length;
    }
    stamps.writeDoubleLE(Number(stamp?.size ?? -1), 16 * d);
    stamps.writeDoubleLE(Number(stamp?.mtimeMs ?? -1), 16 * d + 8);
    const spans = cached ? cached.packedSentences() : packSpans(doc.sentences);
    docSpans.push(spans);
    spanCount += spans.length >> 1;
    docSentences[d + 1] = spanCount;
    factCounts[d] = facts.count;
  });
  const spans = new Int32Array(spanCount * 2);
  let at = 0;
  for (const s of docSpans) {
    spans.set(s, at);
    at += s.length;
  }
  const words = packLists(postings, 1);
  const facts = packLists(factPostings, 2);
  for (const key of [...words.keys, ...facts.keys]) if (key.includes(SEP)) throw new Error('an index key holds a NUL character');
  const engineBytes = Buffer.from(engine, 'utf8');
  const stringRegion = region.parts();
  const stringBytes = region.length;
  const wordKeyBytes = Buffer.from(words.keys.join(SEP), 'utf8');
  const factKeyBytes = Buffer.from(facts.keys.join(SEP), 'utf8');
  const tableBytes = Buffer.from(JSON.stringify(factTable.strings), 'utf8');
  const aliasBytes = Buffer.from(JSON.stringify([...aliases]), 'utf8');
  const header = new Uint32Array(HEADER);
  header.set([engineBytes.length, n, spanCount, words.keys.length, words.data.length, facts.keys.length, facts.data.length >> 1, stringBytes, wordKeyBytes.length, factKeyBytes.length, factIntsAt[n], tableBytes.length, aliasBytes.length]);
  const ints = (a: Int32Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const parts = [ints(header), ints(docSentences), ints(spans), ints(factCounts), ints(factIntsAt), ints(fieldOffsets), stamps, ints(words.offsets), ints(words.data), ints(facts.offsets), ints(facts.data), ...factInts.map(ints)];
  for (const [bytes, length] of [[[engineBytes], engineBytes.length], [stringRegion, stringBytes], [[wordKeyBytes], wordKeyBytes.length], [[factKeyBytes], factKeyBytes.length], [[tableBytes], tableBytes.length], [[aliasBytes], aliasBytes.length]] as const) {
    parts.push(...bytes, Buffer.alloc((4 - (length % 4)) % 4));
  }
  // The file is its parts in order: never copied into one buffer (at 100,000 sources that is a gigabyte, twice).
  const payloadLength = parts.reduce((sum, part) => sum + part.length, 0);
  const prefix = Buffer.alloc(20);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(INDEX_FORMAT, 8);
  prefix.writeUInt32LE(payloadLength, 12);
  const kind = crc32 ? CRC32 : SHA256;
  prefix.writeUInt32LE(kind, 16);
  return [prefix, checksum(parts, kind)!, ...parts];
}

/** Bytes appended string by string into chunks of 16 MB (a larger string gets a chunk of its own). */
class ChunkWriter {
  private done: Buffer[] = [];
  private chunk = Buffer.allocUnsafe(0);
  private used = 0;
  length = 0;

  write(s: string): void {
    const bytes = Buffer.byteLength(s, 'utf8');
    if (this.used + bytes > this.chunk.length) {
      if (this.used > 0) this.done.push(this.chunk.subarray(0, this.used));
      this.chunk = Buffer.allocUnsafe(Math.max(16 << 20, bytes));
      this.used = 0;
    }
    this.used += this.chunk.write(s, this.used, 'utf8');
    this.length += bytes;
  }

  parts(): Buffer[] {
    return this.used > 0 ? [...this.done, this.chunk.subarray(0, this.used)] : this.done;
  }
}

/** Keyed lists in one array: key i owns data[width × offsets[i] .. width × offsets[i+1]] (width 2 for pairs). */
function packLists(lists: Iterable<[string, Int32Array]>, width: number): PackedLists {
  const keys: string[] = [];
  const parts: Int32Array[] = [];
  let total = 0;
  for (const [key, data] of lists) {
    keys.push(key);
    parts.push(data);
    total += data.length;
  }
  const offsets = new Int32Array(keys.length + 1);
  const data = new Int32Array(total);
  let at = 0;
  parts.forEach((part, i) => {
    data.set(part, at);
    at += part.length;
    offsets[i + 1] = at / width;
  });
  return { keys, offsets, data };
}

function packSpans(sentences: readonly Span[]): Int32Array {
  const packed = new Int32Array(sentences.length * 2);
  sentences.forEach((s, i) => {
    packed[2 * i] = s.start;
    packed[2 * i + 1] = s.end;
  });
  return packed;
}

// ---- Decoding ----

export interface PackedLists {
  keys: string[];
  /** Key i owns data[offsets[i] .. offsets[i+1]] (for fact postings: pairs, two ints each). */
  offsets: Int32Array;
  data: Int32Array;
}

export interface DecodedSnapshot {
  docs: SourceDoc[];
  stamps: SnapshotStamp[];
  /** Sentences per source. */
  sentenceCounts: Int32Array;
  words: PackedLists;
  /** Fact postings: data holds (source number, fact number) pairs, checked in range. */
  facts: PackedLists;
  aliases: AliasTable;
}

/** What restored sources share: the snapshot's columns and how to reach each source's text. */
interface Columns {
  bytes: Buffer;
  stringsAt: number;
  fields: Int32Array;
  spans: Int32Array;
  docSentences: Int32Array;
  loaderFor: (fields: { id: string }, stamp: SnapshotStamp) => TextLoader;
  stamps: SnapshotStamp[];
  /** Told once per source whose encoded fields cannot be read (it then reads as having none). */
  onDamage?: (id: string, problem: string) => void;
}

/**
 * A source restored from a snapshot: its id is decoded, everything else is read from the
 * snapshot's bytes on first use (and its text through its loader, like any lazy source).
 */
class CachedSource implements SourceDoc {
  private memo: { uri?: string; meta?: SourceMeta; abbreviations?: Array<[string, string[]]>; speakers?: TextAttributions; attributed?: boolean; loader?: TextLoader } = {};
  constructor(
    private readonly c: Columns,
    private readonly i: number,
    readonly id: string,
  ) {}

  /** A field's encoded string. */
  raw(field: number): string {
    const f = this.c.fields;
    const k = FIELDS * this.i + field;
    return f[k] === f[k + 1] ? '' : this.c.bytes.toString('utf8', this.c.stringsAt + f[k], this.c.stringsAt + f[k + 1]);
  }

  private decode<T>(field: number, read: (s: string) => T, fallback: T): T {
    try {
      return read(this.raw(field));
    } catch (e) {
      this.c.onDamage?.(this.id, `unreadable ${['id', 'uri', 'hash', 'metadata', 'facts', 'abbreviations', 'frames', 'speakers'][field]} (${(e as Error).message})`);
      return fallback;
    }
  }

  get uri(): string {
    return (this.memo.uri ??= this.raw(F_URI));
  }
  get meta(): SourceMeta {
    return (this.memo.meta ??= this.decode(F_META, (s) => checkedObject(JSON.parse(s)) as SourceMeta, { problems: [], how: {} } as unknown as SourceMeta));
  }
  /** Unpacked on each use, as for any lazy source (the index reads the packed facts). */
  get facts(): Fact[] {
    return unpackFacts(packedFactsOf(this)!);
  }
  get abbreviations(): Array<[string, string[]]> {
    return (this.memo.abbreviations ??= this.decode(F_ABBR, (s) => (s === '' ? [] : checkedArray(JSON.parse(s))), []));
  }
  packedSentences(): Int32Array {
    const d = this.c.docSentences;
    return this.c.spans.subarray(2 * d[this.i], 2 * d[this.i + 1]);
  }
  /** Rebuilt from the packed spans on each use (a {start, end} object costs ten times more). */
  get sentences(): Span[] {
    const packed = this.packedSentences();
    const spans: Span[] = new Array(packed.length >> 1);
    for (let s = 0; s < spans.length; s++) spans[s] = { start: packed[2 * s], end: packed[2 * s + 1] };
    return spans;
  }
  private loaded() {
    return loadedText(this, (this.memo.loader ??= this.c.loaderFor({ id: this.id }, this.c.stamps[this.i])));
  }
  get text(): string {
    return this.loaded().text;
  }
  get prose(): string {
    return this.loaded().prose;
  }
  get lines(): LineIndex {
    return this.loaded().lines;
  }
  /**
   * As the snapshot kept them, else attributed on first use, as for any source (source.ts withLazySpeakers): about
   * a millisecond a source, for the sources a check's quotes are matched in (a tenth of a warm command-line run).
   */
  get speakers(): TextAttributions {
    if (!this.memo.speakers) {
      const stored = this.decode(F_SPEAKERS, (s) => (s === '' ? undefined : checkedSpeakers(JSON.parse(s))), undefined);
      this.memo.attributed = !stored;
      this.memo.speakers = stored ?? attributeQuotes(this.prose, this.sentences);
    }
    return this.memo.speakers;
  }
  /** Its speakers field for a snapshot: as stored, or those attributed since. */
  speakersField(): string {
    return this.memo.attributed ? speakersField(this.memo.speakers) : this.raw(F_SPEAKERS);
  }
  /** Whether its speakers were attributed here, not read from the snapshot (saving would keep them). */
  get attributed(): boolean {
    return !!this.memo.attributed;
  }
}

/**
 * The frames a restored source's facts had when its snapshot was written, as JSON [fact number, ...StoredFrame]
 * rows ('' for none, and for a source read afresh): they are the frames of exactly these facts, kept in the
 * source's own record, so a source re-read since never meets another content's frames.
 */
export function storedFrames(doc: SourceDoc): string {
  return doc instanceof CachedSource ? doc.raw(F_FRAMES) : '';
}

function speakersField(speakers: TextAttributions | undefined): string {
  return speakers ? JSON.stringify(speakers) : '';
}

/** Whether a restored source's speakers were attributed since it was restored (the snapshot lacks them). */
export function attributedSinceRestored(doc: SourceDoc): boolean {
  return doc instanceof CachedSource && doc.attributed;
}

function checkedSpeakers(v: unknown): TextAttributions {
  const { quotations, entities } = checkedObject(v) as Partial<TextAttributions>;
  if (!Array.isArray(quotations) || !Array.isArray(entities)) throw new Error('not speakers');
  for (const q of quotations) if (!q || typeof q.start !== 'number' || typeof q.end !== 'number' || typeof q.kind !== 'string') throw new Error('not a quotation');
  return v as TextAttributions;
}

function checkedObject(v: unknown): object {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
  return v;
}

function checkedArray<T>(v: unknown): T[] {
  if (!Array.isArray(v)) throw new Error('not a list');
  return v as T[];
}

class Bad extends Error {}

/** Monotone from `first` to `last`, every step within [0, ...]. */
function checkOffsets(a: Int32Array, first: number, last: number, what: string): void {
  if (a[0] !== first || a[a.length - 1] !== last) throw new Bad(`${what} out of range`);
  for (let i = 1; i < a.length; i++) if (a[i] < a[i - 1]) throw new Bad(`${what} out of order`);
}

function splitKeys(bytes: Buffer, start: number, length: number, count: number, what: string): string[] {
  const keys = count === 0 ? [] : bytes.toString('utf8', start, start + length).split(SEP);
  if (keys.length !== count) throw new Bad(`${what}: ${keys.length} keys, header says ${count}`);
  return keys;
}

/**
 * The snapshot's contents, or the reason it cannot be trusted. `loaderFor` gives each
 * restored source the way to fetch its text (called on its first use); `onDamage` hears of
 * a source whose encoded fields turn out unreadable when first used.
 */
export function decodeSnapshot(
  bytes: Buffer,
  engine: string,
  loaderFor: (fields: { id: string }, stamp: SnapshotStamp) => TextLoader,
  onDamage?: (id: string, problem: string) => void,
): DecodedSnapshot | { problem: string } {
  if (bytes.length < PREFIX + 4 * HEADER || bytes.toString('latin1', 0, 8) !== MAGIC) return { problem: 'not a Source Check index cache' };
  if (bytes.readUInt32LE(8) !== INDEX_FORMAT) return { problem: `index format ${bytes.readUInt32LE(8)}, expected ${INDEX_FORMAT}` };
  const length = bytes.readUInt32LE(12);
  if (bytes.length !== PREFIX + length) return { problem: `truncated or padded (${bytes.length - PREFIX} payload bytes, header says ${length})` };
  // Typed-array views need 4-byte alignment: a Buffer from a pool may not have it.
  if (bytes.byteOffset % 4 !== 0) bytes = Buffer.from(bytes);
  const payload = bytes.subarray(PREFIX);
  const digest = checksum(payload, bytes.readUInt32LE(16));
  if (!digest) return { problem: `a checksum of kind ${bytes.readUInt32LE(16)}, which this Node cannot compute` };
  if (!digest.equals(bytes.subarray(20, PREFIX))) return { problem: 'checksum mismatch (a torn or altered file)' };
  try {
    const h = new Uint32Array(bytes.buffer, bytes.byteOffset + PREFIX, HEADER);
    const [engineLength, n, spanCount, wordKeys, wordInts, factKeys, pairs, stringLength, wordKeyLength, factKeyLength, factIntTotal, tableLength, aliasLength] = h;
    // Every count is bounded by the bytes it claims before anything is allocated for it.
    const pad = (x: number) => x + ((4 - (x % 4)) % 4);
    const expected =
      4 * HEADER + 4 * (n + 1) + 8 * spanCount + 4 * n + 4 * (n + 1) + 4 * (FIELDS * n + 1) + 16 * n + 4 * (wordKeys + 1) + 4 * wordInts + 4 * (factKeys + 1) + 8 * pairs +
      4 * factIntTotal + pad(engineLength) + pad(stringLength) + pad(wordKeyLength) + pad(factKeyLength) + pad(tableLength) + pad(aliasLength);
    if (expected !== payload.length) throw new Bad(`inconsistent sizes inside the cache (${expected} bytes by its counts, ${payload.length} present)`);
    let at = bytes.byteOffset + PREFIX + 4 * HEADER;
    const i32 = (count: number) => {
      const a = new Int32Array(bytes.buffer, at, count);
      at += 4 * count;
      return a;
    };
    const docSentences = i32(n + 1);
    const spans = i32(2 * spanCount);
    const factCounts = i32(n);
    const factIntsAt = i32(n + 1);
    const fields = i32(FIELDS * n + 1);
    const stampsAt = at - bytes.byteOffset;
    at += 16 * n;
    const wordOffsets = i32(wordKeys + 1);
    const wordData = i32(wordInts);
    const factOffsets = i32(factKeys + 1);
    const factPairs = i32(2 * pairs);
    const factInts = i32(factIntTotal);
    let off = at - bytes.byteOffset;
    const engineText = bytes.toString('utf8', off, off + engineLength);
    if (engineText !== engine) return { problem: `built by Source Check ${engineText}, this is ${engine}` };
    off += pad(engineLength);
    const stringsAt = off;
    off += pad(stringLength);
    const words = { keys: splitKeys(bytes, off, wordKeyLength, wordKeys, 'word keys'), offsets: wordOffsets, data: wordData };
    off += pad(wordKeyLength);
    const facts = { keys: splitKeys(bytes, off, factKeyLength, factKeys, 'fact keys'), offsets: factOffsets, data: factPairs };
    off += pad(factKeyLength);
    const table: unknown = JSON.parse(bytes.toString('utf8', off, off + tableLength));
    if (!Array.isArray(table) || !table.every((t) => typeof t === 'string')) throw new Bad('the fact table is not a list of strings');
    off += pad(tableLength);
    const aliasPairs: unknown = JSON.parse(bytes.toString('utf8', off, off + aliasLength));
    const isPair = (p: unknown) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && Array.isArray(p[1]) && p[1].every((w) => typeof w === 'string');
    if (!Array.isArray(aliasPairs) || !aliasPairs.every(isPair)) throw new Bad('the alias table is not a list of abbreviations and their words');

    checkOffsets(docSentences, 0, spanCount, 'sentence offsets');
    for (let s = 0; s < spans.length; s += 2) if (spans[s] < 0 || spans[s + 1] < spans[s]) throw new Bad('a sentence span out of range');
    checkOffsets(fields, 0, stringLength, 'field offsets');
    checkOffsets(wordOffsets, 0, wordInts, 'word posting offsets');
    checkOffsets(factOffsets, 0, pairs, 'fact posting offsets');
    checkOffsets(factIntsAt, 0, factIntTotal, 'packed fact offsets');
    for (let p = 0; p < factPairs.length; p += 2) {
      const d = factPairs[p];
      if (!(d >= 0 && d < n) || !(factPairs[p + 1] >= 0 && factPairs[p + 1] < factCounts[d])) throw new Bad('a fact posting out of range');
    }
    // A key listed twice is refused when the lists are put in place (postings.ts).

    const stamps: SnapshotStamp[] = new Array(n);
    const columns: Columns = { bytes, stringsAt, fields, spans, docSentences, loaderFor, stamps, onDamage };
    const docs: SourceDoc[] = new Array(n);
    const sentenceCounts = new Int32Array(n);
    const ids = new Set<string>();
    for (let d = 0; d < n; d++) {
      const field = (f: number) => bytes.toString('utf8', stringsAt + fields[FIELDS * d + f], stringsAt + fields[FIELDS * d + f + 1]);
      const id = field(F_ID);
      if (id === '' || ids.has(id)) throw new Bad('a source without an id, or listed twice');
      ids.add(id);
      stamps[d] = { size: bytes.readDoubleLE(stampsAt + 16 * d), mtimeMs: bytes.readDoubleLE(stampsAt + 16 * d + 8), hash: field(F_HASH) };
      const doc = (docs[d] = new CachedSource(columns, d, id));
      sentenceCounts[d] = docSentences[d + 1] - docSentences[d];
      // Its facts read in place (every id and list checked in range now); their texts decoded on first use.
      setPackedFacts(doc, packedView(factCounts[d], factInts.subarray(factIntsAt[d], factIntsAt[d + 1]), () => doc.raw(F_FACTS), table as string[]));
    }
    return { docs, stamps, sentenceCounts, words, facts, aliases: new Map(aliasPairs as Array<[string, string[]]>) };
  } catch (e) {
    if (e instanceof Bad) return { problem: e.message };
    return { problem: `unreadable (${(e as Error).message})` };
  }
}
