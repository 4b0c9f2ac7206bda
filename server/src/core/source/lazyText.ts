// A source whose text is not held in memory: a newsroom archive of 100,000 articles is
// hundreds of megabytes of text, of which a check reads a few passages. The text is
// fetched through a loader when first needed and kept in a small most-recently-used
// cache. The loader must return exactly the text that was indexed (the caller checks
// a fingerprint) or undefined, in which case the source reads as empty until it is
// re-indexed: offsets into changed text would point at the wrong words. Its facts and
// abbreviations are kept packed (core/facts/packed.ts) and unpacked when read.

import { LineIndex } from '../text/lines';
import { SourceDoc, withLazySpeakers } from './source';
import type { Span } from '../text/sentences';
import type { Fact } from '../facts/extract';
import { packAbbreviations, packFacts, PackedFacts, unpackAbbreviations, unpackFacts } from '../facts/packed';
import { factKeys } from '../facts/keys';

export interface Loaded {
  text: string;
  prose: string;
  lines: LineIndex;
}

const EMPTY: Loaded = { text: '', prose: '', lines: new LineIndex('') };

/** Sentence spans packed two int32s each: a {start, end} object costs ten times more. */
function pack(sentences: readonly Span[]): Int32Array {
  const packed = new Int32Array(sentences.length * 2);
  sentences.forEach((s, i) => {
    packed[2 * i] = s.start;
    packed[2 * i + 1] = s.end;
  });
  return packed;
}

function unpack(packed: Int32Array): Span[] {
  const spans: Span[] = new Array(packed.length >> 1);
  for (let i = 0; i < spans.length; i++) spans[i] = { start: packed[2 * i], end: packed[2 * i + 1] };
  return spans;
}

/** Recently used texts, shared by every lazy source. */
class TextCache {
  private entries = new Map<object, Loaded>();
  constructor(private readonly capacity: number) {}

  get(key: object): Loaded | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh its place: a Map iterates in insertion order, oldest first.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  put(key: object, value: Loaded): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

const cache = new TextCache(2_000);

export interface TextLoader {
  /** The source's text, exactly as indexed, or undefined if it is gone or has changed. */
  load(): string | undefined;
  /** Its prose (markup masked without moving offsets). */
  prose(text: string): string;
}

/** The text of the source `key` stands for, from the shared cache or through `loader`. */
export function loadedText(key: object, loader: TextLoader): Loaded {
  let hit = cache.get(key);
  if (!hit) {
    const t = loader.load();
    hit = t === undefined ? EMPTY : { text: t, prose: loader.prose(t), lines: new LineIndex(t) };
    cache.put(key, hit);
  }
  return hit;
}

/** A source built from its fields (no text) whose text is fetched through `loader` on demand. */
export function lazySource(fields: Omit<SourceDoc, 'text' | 'prose' | 'lines' | 'speakers'>, loader: TextLoader, primed?: Loaded): SourceDoc {
  const { sentences, facts, abbreviations, ...rest } = fields;
  const all = facts ?? [];
  return packedSource({ ...rest, spans: pack(sentences), facts: packFacts(all), factKeys: (fi) => factKeys(all[fi]), abbreviations: packAbbreviations(abbreviations ?? []) }, loader, primed);
}

/**
 * A parsed source's fields as a lazy source keeps them: sentence spans, facts and
 * abbreviations packed, and the index keys of each fact (factKeys) for the index to take
 * once. A parse worker sends these (parsePool.ts): packed arrays cross threads cheaply.
 */
export interface PackedFields {
  id: string;
  uri: string;
  meta: SourceDoc['meta'];
  spans: Int32Array;
  facts: PackedFacts;
  factKeys: (fi: number) => readonly string[];
  abbreviations: Int32Array;
}

/** A source built from packed fields, its text fetched through `loader` on demand. */
export function packedSource(fields: PackedFields, loader: TextLoader, primed?: Loaded): SourceDoc {
  const key = {};
  const loaded = (): Loaded => loadedText(key, loader);
  if (primed) cache.put(key, primed);
  const { spans: packed, facts: packedFacts, factKeys: keysOf, abbreviations: packedAbbreviations, ...rest } = fields;
  const lazy = { ...rest } as SourceDoc;
  packedFactsByDoc.set(lazy, packedFacts);
  freshKeysByDoc.set(lazy, keysOf);
  Object.defineProperties(lazy, {
    // Enumerable, so that copies and snapshots see them as a Fact[]; unpacked on each use (the index reads packedFactsOf).
    facts: { get: () => unpackFacts(packedFacts), enumerable: true },
    abbreviations: { get: () => unpackAbbreviations(packedAbbreviations), enumerable: true },
    text: { get: () => loaded().text, enumerable: false },
    prose: { get: () => loaded().prose, enumerable: false },
    lines: { get: () => loaded().lines, enumerable: false },
    // Enumerable, so that copies and snapshots see it; rebuilt from the packed spans on each use.
    sentences: { get: () => unpack(packed), enumerable: true },
  });
  return withLazySpeakers(lazy, () => ({ prose: lazy.prose, sentences: lazy.sentences }));
}

const packedFactsByDoc = new WeakMap<SourceDoc, PackedFacts>();

/** The index keys of a lazy source's facts, until the index takes them (it posts them once, without unpacking a fact). */
const freshKeysByDoc = new WeakMap<SourceDoc, (fi: number) => readonly string[]>();

export function takeFreshFactKeys(doc: SourceDoc): ((fi: number) => readonly string[]) | undefined {
  const keys = freshKeysByDoc.get(doc);
  freshKeysByDoc.delete(doc);
  return keys;
}

/** A lazy or restored source's facts as they are kept (core/facts/packed.ts); undefined for any other source. */
export function packedFactsOf(doc: SourceDoc): PackedFacts | undefined {
  return packedFactsByDoc.get(doc);
}

/** Keeps a restored source's packed facts (index/snapshot.ts), which the index then reads without unpacking. */
export function setPackedFacts(doc: SourceDoc, facts: PackedFacts): void {
  packedFactsByDoc.set(doc, facts);
}

/**
 * A copy of `doc` whose text, prose and line index are fetched through `loader` on demand.
 * `doc`'s own text primes the cache, so indexing it right away reads nothing again.
 */
export function detachText(doc: SourceDoc, loader: TextLoader): SourceDoc {
  const { text, prose, lines, ...fields } = doc; // speakers is not enumerable: not read here
  return lazySource(fields, loader, { text, prose, lines });
}
