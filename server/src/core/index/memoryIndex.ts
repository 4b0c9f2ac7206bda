// The embedded, in-process source index: an inverted index from each content word's
// transliteration skeleton to the sentences that contain it. A quote's candidate
// passages are the runs of sentences where its rarer words cluster (scored by inverse
// document frequency), so alignment only ever runs on a few short passages.

import { SourceDoc } from '../source/source';
import { forEachWord, isContentWord } from '../text/tokens';
import type { Passage, SourceFact, SourceRef, SourceStore } from '../match/store';
import { contenders, groupWindows, indexKey, keptMasks, keyWeight, lookupKeys, passageSentences, queryKeys, rankContenders, scoreOf, SentenceHit } from '../match/ranking';
import { corpusPeople, Person } from '../speakers/people';
import { buildAliases, paragraphBefore, AliasTable } from '../facts/context';
import { factKeys, MAX_FACTS_PER_KEY, pairParts } from '../facts/keys';
import { append, PackedFactLists, PostingList, Postings } from './postings';
import type { Fact } from '../facts/extract';
import { packFacts, PackedFacts, unpackFact } from '../facts/packed';
import type { FactFrame } from '../facts/frame';
import { SourceFrames } from './frames';
import { Recent } from './recent';
import { packedFactsOf, takeFreshFactKeys } from '../source/lazyText';
import { attributedSinceRestored, DecodedSnapshot, encodeSnapshot, SnapshotStamp } from './snapshot';

export { indexKey };


let nextGeneration = 1;

/**
 * A posting is one int32: (slot << CHUNK_BITS) | sentence within the slot. A source with more
 * than 2,048 sentences takes several consecutive slots, so no sentence is ever out of reach;
 * 2^20 slots (about a million news articles) fit in a folder's index.
 */
const CHUNK_BITS = 11;
const CHUNK = 1 << CHUNK_BITS;
const MAX_SLOTS = 1 << 20;

/** Fact postings: (chunk << FACT_BITS) | fact within the chunk; a source with more facts takes several chunks. */
const FACT_BITS = 11;
const FACT_CHUNK = 1 << FACT_BITS;
const MAX_FACT_CHUNKS = 1 << 20;
/**
 * SourceFacts kept between calls of facts() (Recent: up to twice this many, about 0.7 KB each with their fact, so
 * 190 MB at most). A check of a 2,000-word draft reaches about 11,600 source facts at BBC, 66,000 at 10,000 sources
 * and 97,000 at 100,000; kept, the next check unpacks none of them again.
 */
const FACTS_KEPT = 1 << 17;
/**
 * Source facts' frames kept between checks (Recent: up to twice this many). A fact is unpacked anew once
 * factCache has let it go, and its frame (frameOf) reads its sentence, which at 10,000 sources or more is
 * mostly no longer among the texts kept in memory: without this, every check framed again the 11,400
 * (10k) to 15,300 (100k) source facts it compares and read their files again.
 */
const FRAMES_KEPT = 32_768;

/**
 * A source fact of the index. Its sentence is read only when a message, hover or frame needs it (a cached source's
 * text stays on disk until then); its frame is kept by posting. A class, not an object with getters of its own: the
 * index keeps tens of thousands between checks (FACTS_KEPT), and each would hold closures of its own.
 */
class IndexedFact implements SourceFact {
  constructor(
    readonly source: SourceRef,
    readonly fact: Fact,
    private readonly doc: SourceDoc,
    /** Its posting, and its number among its source's facts. */
    private readonly posting: number | undefined,
    private readonly fi: number,
    private readonly frames: SourceFrames,
  ) {}

  get sentence(): string {
    return this.doc.prose.slice(this.fact.sentence.start, this.fact.sentence.end);
  }

  get before(): string {
    return paragraphBefore(this.doc.prose, this.fact.sentence.start);
  }

  get frame(): FactFrame | undefined {
    return this.posting === undefined ? undefined : this.frames.get(this.posting, this.doc, this.fi, this.fact);
  }
}

function factAt(facts: PackedFacts | readonly Fact[], fi: number): Fact {
  return Array.isArray(facts) ? facts[fi] : unpackFact(facts as PackedFacts, fi);
}

/**
 * Posting → mask in an open-addressed table of typed arrays: several times faster than a Map, and than merging the
 * lists (a posting read once per list). A call's slots are those stamped with its number, so a table kept for the next
 * call is never cleared; one larger than KEPT_TABLE_BITS (4 MB) is dropped after its call.
 */
const KEPT_TABLE_BITS = 18;
let kept = { keys: new Int32Array(0), masks: new Int32Array(0), stamps: new Int32Array(0), emitted: new Int32Array(0), stamp: 0 };

function tableOf(bits: number): typeof kept {
  const size = 1 << bits;
  if (kept.keys.length >= size) {
    if (++kept.stamp === 0x7fffffff) {
      kept.stamps.fill(0);
      kept.emitted.fill(0);
      kept.stamp = 1;
    }
    return kept;
  }
  const table = { keys: new Int32Array(size), masks: new Int32Array(size), stamps: new Int32Array(size), emitted: new Int32Array(size), stamp: 1 };
  if (bits <= KEPT_TABLE_BITS) kept = table;
  return table;
}

/**
 * Each posting of the lists with the mask of the lists holding it (bit k: list k), once, in the order of the lists and
 * then of their postings (where its first list lists it).
 */
function postingMasks(lists: readonly PostingList[], emit: (value: number, mask: number) => void): void {
  let total = 0;
  for (const l of lists) total += l.length;
  let bits = 4;
  while (1 << bits < 2 * total) bits++;
  const { keys, masks, stamps, emitted, stamp: now } = tableOf(bits);
  const wrap = (1 << bits) - 1;
  const shift = 32 - bits;
  for (let k = 0; k < lists.length; k++) {
    const { data, length } = lists[k];
    const bit = 1 << k;
    for (let p = 0; p < length; p++) {
      const value = data[p];
      let i = Math.imul(value, 0x9e3779b1) >>> shift;
      while (stamps[i] === now && keys[i] !== value) i = (i + 1) & wrap;
      if (stamps[i] === now) masks[i] |= bit;
      else {
        stamps[i] = now;
        keys[i] = value;
        masks[i] = bit;
      }
    }
  }
  // The same probes again, in the same order: each posting is given where its first list lists it.
  for (let k = 0; k < lists.length; k++) {
    const { data, length } = lists[k];
    for (let p = 0; p < length; p++) {
      const value = data[p];
      let i = Math.imul(value, 0x9e3779b1) >>> shift;
      while (keys[i] !== value) i = (i + 1) & wrap;
      if (emitted[i] === now) continue;
      emitted[i] = now;
      emit(value, masks[i]);
    }
  }
}

function chunksOf(sentences: number): number {
  return Math.max(1, Math.ceil(sentences / CHUNK));
}

export class MemoryIndex implements SourceStore {
  /** Per slot: its source (undefined once removed), the sentence it starts at, and its source's first slot. */
  private slotDoc: Array<SourceDoc | undefined> = [];
  private slotBase: number[] = [];
  private slotHead: number[] = [];
  /** Source id -> first slot. */
  private slotById = new Map<string, number>();
  /** First slot -> sentence count (so counting never rebuilds a source's sentence list). */
  private counts = new Map<number, number>();
  private postings = new Postings();
  private sentenceCount = 0;
  private deadSlots = 0;
  /** Unique across all indexes, so a rebuilt index never repeats an old generation. */
  generation = nextGeneration++;
  /**
   * Fact key -> postings, one int32 each: (fact chunk << FACT_BITS) | fact within the chunk.
   * Chunks are numbered apart from slots, so slot renumbering never touches them; a replaced
   * or removed source's chunks are emptied, its postings skipped at query time and dropped
   * when they outnumber the live ones. (A JavaScript array of (source, index) pairs cost
   * 16 bytes a posting; a corpus of 100,000 articles holds tens of millions.)
   */
  private factPostings = new Map<string, PostingList>();
  /**
   * Per fact chunk: its source (undefined once removed), its facts (packed, or a restored
   * source's facts, decoded one by one as they are read), its first fact.
   */
  private factDoc: Array<SourceDoc | undefined> = [];
  private factPack: Array<PackedFacts | readonly Fact[]> = [];
  private factBase: number[] = [];
  /** Each indexed source's first chunk, chunk count and number of postings. */
  private factHead = new Map<SourceDoc, { head: number; chunks: number; postings: number }>();
  private factPostingCount = 0;
  private deadFactPostings = 0;
  private rebuildingFacts = false;
  /**
   * Answers of facts(), by posting: a check looks the same names and words up on every
   * keystroke, and a whole check the same 66,000 facts (10k) each time. Bounded (FACTS_KEPT);
   * cleared when chunks are renumbered.
   */
  private factCache = new Recent<SourceFact>(FACTS_KEPT);
  private frames = new SourceFrames(FRAMES_KEPT);
  private refs = new WeakMap<SourceDoc, SourceRef>();
  private aliasCache: AliasTable | undefined;

  get size(): number {
    return this.slotById.size;
  }

  get(id: string): SourceDoc | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.slotDoc[slot];
  }

  all(): SourceDoc[] {
    return [...this.slotById.values()].sort((a, b) => a - b).map((slot) => this.slotDoc[slot]!);
  }

  /** Each word's posting list (null for function words), so indexing a word is one lookup. */
  private lists = new Map<string, PostingList | null>();

  private listOf(norm: string): PostingList | null {
    let list = this.lists.get(norm);
    if (list === undefined) {
      list = isContentWord(norm) ? this.postings.listFor(indexKey(norm)) : null;
      if (this.lists.size > 1_000_000) this.lists.clear(); // hostile input: bound the memo
      this.lists.set(norm, list);
    }
    return list;
  }

  /** Takes slots for a source; returns its first slot. */
  private place(doc: SourceDoc, sentences: number): number {
    if (this.slotDoc.length + chunksOf(sentences) > MAX_SLOTS) this.compact();
    if (this.slotDoc.length + chunksOf(sentences) > MAX_SLOTS) throw new Error(`the index is full (${MAX_SLOTS} slots)`);
    const head = this.slotDoc.length;
    for (let c = 0; c < chunksOf(sentences); c++) {
      this.slotDoc.push(doc);
      this.slotBase.push(c * CHUNK);
      this.slotHead.push(head);
    }
    this.slotById.set(doc.id, head);
    this.counts.set(head, sentences);
    this.sentenceCount += sentences;
    return head;
  }

  /** Adds a source, replacing any source with the same id. */
  add(doc: SourceDoc): void {
    this.remove(doc.id);
    this.generation = nextGeneration++;
    const sentences = doc.sentences;
    const head = this.place(doc, sentences.length);
    this.indexFacts(doc);
    // One posting per word and sentence (append skips a repeat of the last posting).
    const prose = doc.prose;
    sentences.forEach((sentence, si) => {
      const value = ((head + (si >> CHUNK_BITS)) << CHUNK_BITS) | (si & (CHUNK - 1));
      forEachWord(prose, sentence.start, sentence.end, (norm) => {
        const list = this.listOf(norm);
        if (list) append(list, value);
      });
    });
  }

  /** The index as one buffer (snapshotParts joined). */
  snapshot(stampOf: (id: string) => SnapshotStamp | undefined, engine: string): Buffer {
    return Buffer.concat(this.snapshotParts(stampOf, engine));
  }

  /**
   * The index as bytes for the on-disk cache, in parts to write one after the other; `stampOf`
   * gives the file facts to keep with each source. Slots are renumbered densely first, so that
   * postings match entries.
   */
  snapshotParts(stampOf: (id: string) => SnapshotStamp | undefined, engine: string): Buffer[] {
    if (this.deadSlots > 0) this.compact();
    this.postings.trim();
    const words = (function* (entries: IterableIterator<[string, PostingList]>): Generator<[string, Int32Array]> {
      for (const [key, list] of entries) yield [key, list.data.subarray(0, list.length)];
    })(this.postings.entries());
    const docs = this.all();
    const frames = this.frames.fields(docs, (posting) => {
      const chunk = posting >>> FACT_BITS;
      const doc = this.factDoc[chunk];
      return doc && { doc, fi: this.factBase[chunk] + (posting & (FACT_CHUNK - 1)) };
    });
    return encodeSnapshot(
      docs.map((doc) => ({ doc, stamp: stampOf(doc.id), frames: frames.get(doc) })),
      words,
      this.factPairs(docs),
      engine,
      this.aliasTable(),
    );
  }

  /** The live fact postings as (source number in `docs`, fact number) pairs, for the snapshot: no fact is decoded. */
  private *factPairs(docs: readonly SourceDoc[]): Generator<[string, Int32Array]> {
    const number = new Map(docs.map((doc, d) => [doc, d]));
    for (const [key, list] of this.factPostings) {
      const pairs = new Int32Array(2 * list.length);
      let n = 0;
      for (let p = 0; p < list.length; p++) {
        const chunk = list.data[p] >>> FACT_BITS;
        const doc = this.factDoc[chunk];
        if (!doc) continue;
        pairs[n++] = number.get(doc)!;
        pairs[n++] = this.factBase[chunk] + (list.data[p] & (FACT_CHUNK - 1));
      }
      if (n > 0) yield [key, pairs.subarray(0, n)];
    }
  }

  /**
   * An index rebuilt from a decoded snapshot, without re-reading or re-tokenising anything:
   * the postings stay packed as the snapshot holds them (each list is unpacked on its first
   * lookup). Throws if a posting points outside the restored sources (the cache is not used).
   */
  static restore(snapshot: DecodedSnapshot): MemoryIndex {
    const index = new MemoryIndex();
    const { docs, sentenceCounts } = snapshot;
    for (let d = 0; d < docs.length; d++) index.place(docs[d], sentenceCounts[d]);
    // Each slot's sentences in use: a posting must name one of them.
    const inSlot = new Int32Array(index.slotDoc.length);
    for (let slot = 0; slot < inSlot.length; slot++) inSlot[slot] = Math.min(CHUNK, index.counts.get(index.slotHead[slot])! - index.slotBase[slot]);
    const data = snapshot.words.data;
    for (let p = 0; p < data.length; p++) {
      const v = data[p];
      if (v < 0 || (v >>> CHUNK_BITS) >= inSlot.length || (v & (CHUNK - 1)) >= inSlot[v >>> CHUNK_BITS]) throw new Error('a word posting out of range');
    }
    index.postings = Postings.fromPacked(snapshot.words);
    // Fact chunks in source order, over each restored source's lazily decoded facts; the fact
    // postings as the snapshot holds them (checked in range by decodeSnapshot), turned into
    // chunk postings key by key on first lookup, never recomputed from the facts.
    const heads = new Int32Array(docs.length);
    const postingsOf = new Int32Array(docs.length);
    const pairs = snapshot.facts.data;
    for (let p = 0; p < pairs.length; p += 2) postingsOf[pairs[p]]++;
    docs.forEach((doc, d) => {
      const facts = packedFactsOf(doc) ?? packFacts(doc.facts ?? []);
      heads[d] = index.factDoc.length;
      const chunks = Math.ceil(facts.count / FACT_CHUNK);
      if (chunks === 0) return;
      for (let c = 0; c < chunks; c++) {
        index.factDoc.push(doc);
        index.factPack.push(facts);
        index.factBase.push(c * FACT_CHUNK);
      }
      index.factHead.set(doc, { head: heads[d], chunks, postings: postingsOf[d] });
    });
    if (index.factDoc.length > MAX_FACT_CHUNKS) throw new Error(`the fact index is full (${MAX_FACT_CHUNKS} chunks)`);
    index.factPostings = new PackedFactLists(snapshot.facts, (d, fi) => ((heads[d] + (fi >> FACT_BITS)) << FACT_BITS) | (fi & (FACT_CHUNK - 1)));
    index.factPostingCount = pairs.length >> 1;
    index.aliasCache = snapshot.aliases;
    return index;
  }

  /** Frees the spare room of the posting lists once a bulk load is over. */
  trim(): void {
    this.postings.trim();
    for (const list of this.factPostings.values()) if (list.data.length > list.length) list.data = list.data.slice(0, list.length);
  }

  remove(id: string): boolean {
    const head = this.slotById.get(id);
    if (head === undefined) return false;
    this.generation = nextGeneration++;
    this.dropFacts(this.slotDoc[head]!);
    const count = this.counts.get(head)!;
    this.sentenceCount -= count;
    for (let c = 0; c < chunksOf(count); c++) this.slotDoc[head + c] = undefined;
    this.deadSlots += chunksOf(count);
    this.slotById.delete(id);
    this.counts.delete(head);
    // Postings of a removed source are skipped at query time and dropped at the next compaction.
    if (this.deadSlots > 64 && this.deadSlots > this.slotDoc.length / 4) this.compact();
    return true;
  }

  /** Drops removed sources' slots and postings, renumbering the live slots (no source is re-read). */
  private compact(): void {
    const renumber = new Int32Array(this.slotDoc.length).fill(-1);
    const slotDoc: typeof this.slotDoc = [];
    const slotBase: number[] = [];
    const slotHead: number[] = [];
    for (let slot = 0; slot < this.slotDoc.length; slot++) {
      if (!this.slotDoc[slot]) continue;
      renumber[slot] = slotDoc.length;
      slotDoc.push(this.slotDoc[slot]);
      slotBase.push(this.slotBase[slot]);
      slotHead.push(renumber[this.slotHead[slot]]);
    }
    this.lists.clear();
    this.postings.rewrite((value) => {
      const slot = renumber[value >>> CHUNK_BITS];
      return slot < 0 ? -1 : (slot << CHUNK_BITS) | (value & (CHUNK - 1));
    });
    this.slotById = new Map([...this.slotById].map(([id, head]) => [id, renumber[head]]));
    this.counts = new Map([...this.counts].map(([head, n]) => [renumber[head], n]));
    this.slotDoc = slotDoc;
    this.slotBase = slotBase;
    this.slotHead = slotHead;
    this.deadSlots = 0;
  }

  private indexFacts(doc: SourceDoc): void {
    this.aliasCache = undefined;
    const packed = packedFactsOf(doc) ?? packFacts(doc.facts ?? []);
    if (packed.count === 0) return;
    const chunks = Math.ceil(packed.count / FACT_CHUNK);
    if (this.factDoc.length + chunks > MAX_FACT_CHUNKS) {
      if (this.rebuildingFacts) throw new Error(`the fact index is full (${MAX_FACT_CHUNKS} chunks)`);
      this.rebuildFacts(); // indexes every live source, this one included
      return;
    }
    const head = this.factDoc.length;
    for (let c = 0; c < chunks; c++) {
      this.factDoc.push(doc);
      this.factPack.push(packed);
      this.factBase.push(c * FACT_CHUNK);
    }
    let postings = 0;
    const fresh = packedFactsOf(doc) ? undefined : doc.facts;
    const keysOf = takeFreshFactKeys(doc) ?? ((fi: number) => factKeys(fresh ? fresh[fi] : unpackFact(packed, fi)));
    for (let fi = 0; fi < packed.count; fi++) {
      const value = ((head + (fi >> FACT_BITS)) << FACT_BITS) | (fi & (FACT_CHUNK - 1));
      for (const key of keysOf(fi)) {
        let list = this.factPostings.get(key);
        if (!list) this.factPostings.set(key, (list = { data: new Int32Array(4), length: 0 }));
        append(list, value);
        postings++;
      }
    }
    this.factPostingCount += postings;
    this.factHead.set(doc, { head, chunks, postings });
  }

  private dropFacts(doc: SourceDoc): void {
    this.aliasCache = undefined;
    const placed = this.factHead.get(doc);
    if (!placed) return;
    for (let c = 0; c < placed.chunks; c++) this.factDoc[placed.head + c] = undefined;
    this.deadFactPostings += placed.postings;
    this.factHead.delete(doc);
  }

  private rebuildFacts(): void {
    this.factPostings.clear();
    this.factDoc = [];
    this.factPack = [];
    this.factBase = [];
    this.factHead.clear();
    this.factCache.clear();
    this.frames.clear();
    this.factPostingCount = 0;
    this.deadFactPostings = 0;
    this.rebuildingFacts = true;
    try {
      for (const doc of this.all()) this.indexFacts(doc);
    } finally {
      this.rebuildingFacts = false;
    }
    this.trim();
  }

  private refOf(doc: SourceDoc): SourceRef {
    let ref = this.refs.get(doc);
    if (!ref) this.refs.set(doc, (ref = { id: doc.id, uri: doc.uri, meta: doc.meta, positionAt: (o: number) => doc.lines.positionAt(o) }));
    return ref;
  }

  /** A source's fact `fi`; its frame kept between lookups by `posting`, where it has one. */
  private sourceFact(doc: SourceDoc, fact: Fact, fi: number, posting?: number): SourceFact {
    return new IndexedFact(this.refOf(doc), fact, doc, posting, fi, this.frames);
  }

  /**
   * What this index computed that its snapshot did not hold, and a snapshot of it would: source facts framed,
   * restored sources whose speakers were attributed.
   */
  unsaved(): { frames: number; speakers: number } {
    let speakers = 0;
    for (const doc of this.slotDoc) if (doc && attributedSinceRestored(doc)) speakers++;
    return { frames: this.frames.made, speakers };
  }

  async facts(keys: readonly string[]): Promise<SourceFact[]> {
    return this.factsSync(keys);
  }

  /** facts() without the promise. In posting order: by key, then by source and fact as indexed. */
  factsSync(keys: readonly string[]): SourceFact[] {
    if (this.deadFactPostings > 4096 && this.deadFactPostings > this.factPostingCount / 2) this.rebuildFacts();
    const seen = new Set<number>();
    const out: SourceFact[] = [];
    for (const key of new Set(keys)) {
      const parts = pairParts(key);
      let data: ArrayLike<number>;
      if (parts) {
        data = this.bothKeys(parts[0], parts[1]);
        if (data.length > MAX_FACTS_PER_KEY) continue;
      } else {
        const list = this.factPostings.get(key);
        if (!list || this.tooCommon(list)) continue;
        data = list.data.subarray(0, list.length);
      }
      for (let p = 0; p < data.length; p++) {
        const value = data[p];
        const chunk = value >>> FACT_BITS;
        const doc = this.factDoc[chunk];
        // Live sources only: a removed or replaced source's postings stay until the next rebuild.
        if (!doc || seen.has(value)) continue;
        seen.add(value);
        out.push(
          this.factCache.get(value, () => {
            const fi = this.factBase[chunk] + (value & (FACT_CHUNK - 1));
            return this.sourceFact(doc, factAt(this.factPack[chunk], fi), fi, value);
          }),
        );
      }
    }
    return out;
  }

  async factCounts(keys: readonly string[]): Promise<number[]> {
    return keys.map((key) => {
      const list = this.factPostings.get(key);
      return list ? this.liveFacts(list) : 0;
    });
  }

  /**
   * The live postings under both keys, in posting order. Posting lists ascend (a source's
   * facts are numbered after every earlier source's, and a rebuild or a snapshot adds them
   * back in order), so one merge of the two lists finds them.
   */
  private bothKeys(a: string, b: string): number[] {
    const x = this.factPostings.get(a);
    const y = this.factPostings.get(b);
    const both: number[] = [];
    if (!x || !y) return both;
    for (let i = 0, j = 0; i < x.length && j < y.length; ) {
      const u = x.data[i];
      const v = y.data[j];
      if (u < v) i++;
      else if (v < u) j++;
      else {
        if (this.factDoc[u >>> FACT_BITS]) both.push(u);
        i++;
        j++;
      }
    }
    return both;
  }

  /** Whether a key's live facts are more than MAX_FACTS_PER_KEY. */
  private tooCommon(list: PostingList): boolean {
    return list.length > MAX_FACTS_PER_KEY && this.liveFacts(list, MAX_FACTS_PER_KEY + 1) > MAX_FACTS_PER_KEY;
  }

  /** A posting list's live facts (postings of removed sources wait for a rebuild), counted up to `atMost`. */
  private liveFacts(list: PostingList, atMost = Infinity): number {
    if (this.deadFactPostings === 0) return list.length;
    let live = 0;
    for (let p = 0; p < list.length && live < atMost; p++) if (this.factDoc[list.data[p] >>> FACT_BITS]) live++;
    return live;
  }

  async allFacts(): Promise<SourceFact[]> {
    // A lazy source's facts getter unpacks its packed facts; a restored one's decodes them.
    return this.all().flatMap((doc) => (doc.facts ?? []).map((fact, fi) => this.sourceFact(doc, fact, fi)));
  }

  async aliases(): Promise<AliasTable> {
    return this.aliasTable();
  }

  /** The alias table, built once per content (kept in the snapshot, so a restored index does not rebuild it). */
  private aliasTable(): AliasTable {
    this.aliasCache ??= buildAliases(this.all().flatMap((d) => d.abbreviations ?? []));
    return this.aliasCache;
  }

  /** The corpus's people, computed on demand for one generation of the sources. */
  private peopleCache: { generation: number; people: Person[] } | undefined;

  async people(): Promise<Person[]> {
    return this.peopleSync();
  }

  peopleSync(): Person[] {
    if (this.peopleCache?.generation !== this.generation) {
      this.peopleCache = { generation: this.generation, people: corpusPeople(this.all()) };
    }
    return this.peopleCache.people;
  }

  async candidates(words: readonly string[], limit: number): Promise<Passage[]> {
    return this.candidatesSync(words, limit);
  }

  candidatesSync(words: readonly string[], limit: number): Passage[] {
    const total = this.sentenceCount;
    const keys = lookupKeys(queryKeys(words), (key) => this.postings.get(key)?.length, total);
    if (keys.length === 0) return [];
    const weights = keys.map((k) => keyWeight(total, k.df));
    // Per sentence: which of the quote's words it holds, as a bit mask (at most 16 keys); live sources only.
    const lists = keys.map(({ key }) => this.postings.get(key)!);
    const values = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
    const masks = new Int32Array(values.length);
    let count = 0;
    postingMasks(lists, (value, mask) => {
      if (!this.slotDoc[value >>> CHUNK_BITS]) return;
      values[count] = value;
      masks[count++] = mask;
    });
    // By (first slot of the source, sentence index within the source).
    const sourceOf = (i: number) => this.slotHead[values[i] >>> CHUNK_BITS];
    const sentenceOf = (i: number) => this.slotBase[values[i] >>> CHUNK_BITS] + (values[i] & (CHUNK - 1));
    const kept = keptMasks(masks, count, weights);
    const hits: SentenceHit[] = [];
    for (let i = 0; i < count; i++) if (kept(masks[i])) hits.push({ source: sourceOf(i), sentence: sentenceOf(i), mask: masks[i], score: scoreOf(masks[i], weights) });
    const { windows, reaching } = groupWindows(hits, weights);
    const chosen = rankContenders(contenders(windows, limit), (head) => this.slotDoc[head]!.id);
    // The chosen sources' sentences holding a key that weighs the floor alone: they widen a passage near them.
    const sources = new Set(chosen.map((w) => w.source));
    const reach = new Set<string>();
    for (let i = 0; i < count; i++) if (masks[i] & reaching && sources.has(sourceOf(i))) reach.add(`${sourceOf(i)}:${sentenceOf(i)}`);
    return chosen.map((w) => {
      const doc = this.slotDoc[w.source]!;
      const sentences = doc.sentences;
      const { first, last } = passageSentences(w, sentences.length, (s) => reach.has(`${w.source}:${s}`));
      const start = sentences[first].start;
      const end = sentences[last].end;
      const passage: Passage = {
        source: this.refOf(doc),
        start,
        text: doc.prose.slice(start, end),
        sentences: sentences.slice(first, last + 1),
        score: w.score,
      };
      // Attributing a source's quotes costs about a millisecond: only for passages a check aligns.
      let quotations: Passage['quotations'];
      Object.defineProperty(passage, 'quotations', {
        get: () => (quotations ??= doc.speakers.quotations.filter((q) => q.end > start && q.start < end)),
        enumerable: true,
      });
      return passage;
    });
  }
}
