// The embedded, in-process source index: an inverted index from each content word's
// transliteration skeleton to the sentences that contain it. A quote's candidate
// passages are the runs of sentences where its rarer words cluster (scored by inverse
// document frequency), so alignment only ever runs on a few short passages.

import { SourceDoc } from '../source/source';
import { forEachWord, isContentWord } from '../text/tokens';
import type { Passage, SourceFact, SourceRef, SourceStore } from '../match/store';
import { contenders, groupWindows, indexKey, keyWeight, lookupKeys, passageSentences, queryKeys, rankContenders, scoreOf, SentenceHit } from '../match/ranking';
import { corpusPeople, Person } from '../speakers/people';
import { buildAliases, AliasTable } from '../facts/context';
import { factKeys } from '../facts/keys';
import { append, PostingList, Postings } from './postings';
import type { Fact } from '../facts/extract';
import { packFacts, PackedFacts, unpackFact, unpackFacts } from '../facts/packed';
import { packedFactsOf, takeFreshFacts } from '../source/lazyText';
import { DecodedSnapshot, encodeSnapshot } from './snapshot';

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
/** SourceFacts kept between calls of facts(): about 20 MB at most. */
const FACT_CACHE = 30_000;

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
  /** Per fact chunk: its source (undefined once removed), its packed facts, its first fact. */
  private factDoc: Array<SourceDoc | undefined> = [];
  private factPack: PackedFacts[] = [];
  private factBase: number[] = [];
  /** Each indexed source's first chunk, chunk count and number of postings. */
  private factHead = new Map<SourceDoc, { head: number; chunks: number; postings: number }>();
  private factPostingCount = 0;
  private deadFactPostings = 0;
  private rebuildingFacts = false;
  /**
   * Answers of facts(), by posting: a check looks the same names and words up on every
   * keystroke. Bounded; cleared when full and when chunks are renumbered.
   */
  private factCache = new Map<number, SourceFact>();
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

  /**
   * The index as bytes for the on-disk cache; `stampOf` gives the opaque file facts to keep
   * with each source. Slots are renumbered densely first, so that postings match entries.
   */
  snapshot(stampOf: (id: string) => unknown, engine: string): Buffer {
    if (this.deadSlots > 0) this.compact();
    this.postings.trim();
    return encodeSnapshot(
      this.all().map((doc) => ({ doc, stamp: stampOf(doc.id) })),
      this.postings,
      engine,
    );
  }

  /** An index rebuilt from a decoded snapshot, without re-reading or re-tokenising anything. */
  static restore(snapshot: DecodedSnapshot): MemoryIndex {
    const index = new MemoryIndex();
    for (const { doc, sentences } of snapshot.entries) {
      index.place(doc, sentences);
      index.indexFacts(doc);
    }
    for (const { key, data } of snapshot.postings) index.postings.set(key, data);
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
    const fresh = takeFreshFacts(doc) ?? (packedFactsOf(doc) ? undefined : doc.facts);
    for (let fi = 0; fi < packed.count; fi++) {
      const value = ((head + (fi >> FACT_BITS)) << FACT_BITS) | (fi & (FACT_CHUNK - 1));
      for (const key of factKeys(fresh ? fresh[fi] : unpackFact(packed, fi))) {
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

  private sourceFact(doc: SourceDoc, fact: Fact): SourceFact {
    // The sentence is read only when a message or hover needs it (a cached source's text stays on disk until then).
    return {
      source: this.refOf(doc),
      fact,
      get sentence() {
        return doc.prose.slice(fact.sentence.start, fact.sentence.end);
      },
    };
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
      const list = this.factPostings.get(key);
      if (!list) continue;
      const data = list.data;
      for (let p = 0; p < list.length; p++) {
        const value = data[p];
        const chunk = value >>> FACT_BITS;
        const doc = this.factDoc[chunk];
        // Live sources only: a removed or replaced source's postings stay until the next rebuild.
        if (!doc || seen.has(value)) continue;
        seen.add(value);
        let sf = this.factCache.get(value);
        if (!sf) {
          if (this.factCache.size >= FACT_CACHE) this.factCache.clear();
          sf = this.sourceFact(doc, unpackFact(this.factPack[chunk], this.factBase[chunk] + (value & (FACT_CHUNK - 1))));
          this.factCache.set(value, sf);
        }
        out.push(sf);
      }
    }
    return out;
  }

  async allFacts(): Promise<SourceFact[]> {
    return this.all().flatMap((doc) => {
      const packed = packedFactsOf(doc);
      return (packed ? unpackFacts(packed) : (doc.facts ?? [])).map((fact) => this.sourceFact(doc, fact));
    });
  }

  async aliases(): Promise<AliasTable> {
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
    // Per sentence: which of the quote's words it holds, as a bit mask (at most 16 keys),
    // keyed by the posting itself (a small integer: cheap to hash).
    const byPosting = new Map<number, number>();
    keys.forEach(({ key }, k) => {
      const list = this.postings.get(key)!;
      const data = list.data;
      for (let p = 0; p < list.length; p++) byPosting.set(data[p], (byPosting.get(data[p]) ?? 0) | (1 << k));
    });
    // By (first slot of the source, sentence index within the source), live sources only.
    const hits: SentenceHit[] = [];
    for (const [value, mask] of byPosting) {
      const slot = value >>> CHUNK_BITS;
      if (!this.slotDoc[slot]) continue;
      hits.push({ source: this.slotHead[slot], sentence: this.slotBase[slot] + (value & (CHUNK - 1)), mask, score: scoreOf(mask, weights) });
    }
    const chosen = rankContenders(contenders(groupWindows(hits, weights), limit), (head) => this.slotDoc[head]!.id);
    return chosen.map((w) => {
      const doc = this.slotDoc[w.source]!;
      const sentences = doc.sentences;
      const { first, last } = passageSentences(w, sentences.length);
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
