// The embedded, in-process source index: an inverted index from each content word's
// transliteration skeleton to the sentences that contain it. A quote's candidate
// passages are the runs of sentences where its rarer words cluster (scored by inverse
// document frequency), so alignment only ever runs on a few short passages.

import { SourceDoc } from '../source/source';
import { forEachWord } from '../text/tokens';
import type { Passage, SourceStore } from '../match/store';
import { contentKey, groupWindows, indexKey, keyWeight, lookupKeys, passageSentences, queryKeys, rankWindows } from '../match/ranking';
import { Postings } from './postings';
import { DecodedSnapshot, encodeSnapshot } from './snapshot';

export { indexKey };

/** Packs (source slot, sentence index) into one number. */
const SENTENCE_SLOTS = 1_000_000;

let nextGeneration = 1;

export class MemoryIndex implements SourceStore {
  private docs: Array<SourceDoc | undefined> = [];
  private slotById = new Map<string, number>();
  private postings = new Postings();
  private sentenceCount = 0;
  private dead = 0;
  /** Unique across all indexes, so a rebuilt index never repeats an old generation. */
  generation = nextGeneration++;

  get size(): number {
    return this.slotById.size;
  }

  get(id: string): SourceDoc | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.docs[slot];
  }

  all(): SourceDoc[] {
    return this.docs.filter((d): d is SourceDoc => d !== undefined);
  }

  /** Adds a source, replacing any source with the same id. */
  add(doc: SourceDoc): void {
    this.remove(doc.id);
    this.generation = nextGeneration++;
    const slot = this.docs.length;
    this.docs.push(doc);
    this.slotById.set(doc.id, slot);
    this.sentenceCount += doc.sentences.length;
    // One posting per key and sentence: remember the last sentence each key was posted for.
    const lastSentence = new Map<string, number>();
    doc.sentences.forEach((sentence, si) => {
      forEachWord(doc.prose, sentence.start, sentence.end, (norm) => {
        const key = contentKey(norm);
        if (key === undefined || lastSentence.get(key) === si) return;
        lastSentence.set(key, si);
        this.postings.add(key, slot, si);
      });
    });
  }

  /**
   * The index as bytes for the on-disk cache; `stampOf` gives the opaque file facts to keep
   * with each source. Slots are renumbered densely first, so that postings match entries.
   */
  snapshot(stampOf: (id: string) => unknown, engine: string): Buffer {
    if (this.dead > 0) this.compact();
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
    for (const { doc } of snapshot.entries) {
      index.slotById.set(doc.id, index.docs.length);
      index.docs.push(doc);
      index.sentenceCount += doc.sentences.length;
    }
    for (const { key, data } of snapshot.postings) index.postings.set(key, data);
    return index;
  }

  /** Frees the spare room of the posting lists once a bulk load is over. */
  trim(): void {
    this.postings.trim();
  }

  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    this.generation = nextGeneration++;
    this.sentenceCount -= this.docs[slot]!.sentences.length;
    this.docs[slot] = undefined;
    this.slotById.delete(id);
    // Postings of a removed source are skipped at query time and dropped at the next compaction.
    if (++this.dead > 64 && this.dead > this.docs.length / 4) this.compact();
    return true;
  }

  private compact(): void {
    const live = this.all();
    this.docs = [];
    this.slotById.clear();
    this.postings.clear();
    this.sentenceCount = 0;
    this.dead = 0;
    for (const d of live) this.add(d);
  }

  async candidates(words: readonly string[], limit: number): Promise<Passage[]> {
    return this.candidatesSync(words, limit);
  }

  candidatesSync(words: readonly string[], limit: number): Passage[] {
    const total = this.sentenceCount;
    const keys = lookupKeys(queryKeys(words), (key) => (this.postings.get(key)?.length ?? 0) / 2);
    if (keys.length === 0) return [];
    // Per (doc, sentence): the summed weight of the distinct quote words it holds.
    const hits = new Map<number, number>();
    for (const { key, df } of keys) {
      const weight = keyWeight(total, df);
      const list = this.postings.get(key)!;
      const data = list.data;
      for (let p = 0; p < list.length; p += 2) {
        if (!this.docs[data[p]]) continue;
        const id = data[p] * SENTENCE_SLOTS + data[p + 1];
        hits.set(id, (hits.get(id) ?? 0) + weight);
      }
    }
    const sorted = [...hits.keys()].sort((a, b) => a - b);
    const windows = groupWindows(sorted.map((id) => ({ source: Math.floor(id / SENTENCE_SLOTS), sentence: id % SENTENCE_SLOTS, score: hits.get(id)! })));
    return rankWindows(windows, (slot) => this.docs[slot]!.id)
      .slice(0, limit)
      .map((w) => {
        const doc = this.docs[w.source]!;
        const { first, last } = passageSentences(w, doc.sentences.length);
        const start = doc.sentences[first].start;
        const end = doc.sentences[last].end;
        return {
          source: { id: doc.id, uri: doc.uri, meta: doc.meta, positionAt: (o: number) => doc.lines.positionAt(o) },
          start,
          text: doc.prose.slice(start, end),
          sentences: doc.sentences.slice(first, last + 1),
          score: w.score,
        };
      });
  }
}
