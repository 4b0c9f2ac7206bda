// The embedded, in-process source index: an inverted index from each content word's
// transliteration skeleton to the sentences that contain it. A quote's candidate
// passages are the runs of sentences where its rarer words cluster (scored by inverse
// document frequency), so alignment only ever runs on a few short passages.

import { SourceDoc } from '../source/source';
import type { Passage, SourceStore } from '../match/store';
import { groupWindows, indexKey, keyWeight, passageSentences, queryKeys, rankWindows, sentenceKeys, SentenceHit } from '../match/ranking';

export { indexKey };

export class MemoryIndex implements SourceStore {
  private docs: Array<SourceDoc | undefined> = [];
  private slotById = new Map<string, number>();
  /** key -> flat list of (doc slot, sentence index) pairs. */
  private postings = new Map<string, number[]>();
  private sentenceCount = 0;
  private dead = 0;

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
    const slot = this.docs.length;
    this.docs.push(doc);
    this.slotById.set(doc.id, slot);
    this.sentenceCount += doc.sentences.length;
    doc.sentences.forEach((sentence, si) => {
      for (const key of sentenceKeys(doc.prose, sentence)) {
        let list = this.postings.get(key);
        if (!list) this.postings.set(key, (list = []));
        list.push(slot, si);
      }
    });
  }

  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
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
    const keys = queryKeys(words);
    if (keys.length === 0) return [];
    const total = this.sentenceCount;
    // Per (doc, sentence): the summed weight of the distinct quote words it holds.
    const hits = new Map<number, number>();
    keys.forEach((key) => {
      const list = this.postings.get(key);
      if (!list) return;
      const weight = keyWeight(total, list.length / 2);
      for (let p = 0; p < list.length; p += 2) {
        if (!this.docs[list[p]]) continue;
        const id = list[p] * 1_000_000 + list[p + 1];
        hits.set(id, (hits.get(id) ?? 0) + weight);
      }
    });
    const sorted = [...hits.keys()].sort((a, b) => a - b);
    const windows = groupWindows(sorted.map((id): SentenceHit => ({ source: Math.floor(id / 1_000_000), sentence: id % 1_000_000, score: hits.get(id)! })));
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
        };
      });
  }
}
