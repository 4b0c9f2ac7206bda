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
import { append, PackedPairLists, PostingList, Postings } from './postings';
import { DecodedSnapshot, encodeSnapshot, SnapshotStamp } from './snapshot';

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
   * Fact key -> flat list of (source, fact index) pairs. Postings name the SourceDoc itself,
   * so slot renumbering never touches them; a replaced or removed source's postings are
   * skipped at query time and dropped when they outnumber the live ones.
   */
  private factPostings = new Map<string, Array<SourceDoc | number>>();
  private factPostingCount = 0;
  private deadFactPostings = 0;
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
   * The index as bytes for the on-disk cache; `stampOf` gives the file facts to keep with
   * each source. Slots are renumbered densely first, so that postings match entries.
   */
  snapshot(stampOf: (id: string) => SnapshotStamp | undefined, engine: string): Buffer {
    if (this.deadSlots > 0) this.compact();
    this.postings.trim();
    const words = (function* (entries: IterableIterator<[string, PostingList]>): Generator<[string, Int32Array]> {
      for (const [key, list] of entries) yield [key, list.data.subarray(0, list.length)];
    })(this.postings.entries());
    return encodeSnapshot(
      this.all().map((doc) => ({ doc, stamp: stampOf(doc.id) })),
      words,
      engine,
    );
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
    // Fact postings as the snapshot holds them (checked in range by decodeSnapshot), not recomputed from every fact.
    index.factPostings = new PackedPairLists<SourceDoc>(snapshot.facts, docs);
    index.factPostingCount = snapshot.facts.data.length >> 1;
    return index;
  }

  /** Frees the spare room of the posting lists once a bulk load is over. */
  trim(): void {
    this.postings.trim();
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
    (doc.facts ?? []).forEach((fact, fi) => {
      for (const key of factKeys(fact)) {
        let list = this.factPostings.get(key);
        if (!list) this.factPostings.set(key, (list = []));
        list.push(doc, fi);
        this.factPostingCount++;
      }
    });
  }

  private dropFacts(doc: SourceDoc): void {
    this.aliasCache = undefined;
    this.deadFactPostings += (doc.facts ?? []).reduce((n, f) => n + factKeys(f).length, 0);
  }

  private rebuildFacts(): void {
    this.factPostings.clear();
    this.factPostingCount = 0;
    this.deadFactPostings = 0;
    for (const doc of this.all()) this.indexFacts(doc);
  }

  private refOf(doc: SourceDoc): SourceRef {
    return { id: doc.id, uri: doc.uri, meta: doc.meta, positionAt: (o: number) => doc.lines.positionAt(o) };
  }

  private sourceFact(doc: SourceDoc, fi: number): SourceFact {
    const fact = doc.facts[fi];
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
    if (this.deadFactPostings > 4096 && this.deadFactPostings > this.factPostingCount / 2) this.rebuildFacts();
    const seen = new Set<SourceFact['fact']>();
    const out: SourceFact[] = [];
    for (const key of new Set(keys)) {
      const list = this.factPostings.get(key);
      if (!list) continue;
      for (let p = 0; p < list.length; p += 2) {
        const doc = list[p] as SourceDoc;
        const fact = doc.facts[list[p + 1] as number];
        // Live sources only: a removed or replaced source's postings stay until the next rebuild.
        if (seen.has(fact) || this.get(doc.id) !== doc) continue;
        seen.add(fact);
        out.push(this.sourceFact(doc, list[p + 1] as number));
      }
    }
    return out;
  }

  async allFacts(): Promise<SourceFact[]> {
    return this.all().flatMap((doc) => (doc.facts ?? []).map((_, fi) => this.sourceFact(doc, fi)));
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
