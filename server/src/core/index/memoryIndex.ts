// The embedded, in-process source index: an inverted index from each content word's
// transliteration skeleton to the sentences that contain it. A quote's candidate
// passages are the runs of sentences where its rarer words cluster (scored by inverse
// document frequency), so alignment only ever runs on a few short passages.

import { SourceDoc } from '../source/source';
import { isContentWord, tokenize } from '../text/tokens';
import { skeleton } from '../text/spelling';
import type { Passage, SourceStore } from '../match/store';
import { corpusPeople, Person } from '../speakers/people';

/** The index key of a normalised word: its skeleton, so that Tokayev finds Toqaev. */
export function indexKey(norm: string): string {
  return /\d/.test(norm) ? norm : skeleton(norm);
}

const MAX_WINDOW_SENTENCES = 40;

export class MemoryIndex implements SourceStore {
  private docs: Array<SourceDoc | undefined> = [];
  private slotById = new Map<string, number>();
  /** key -> flat list of (doc slot, sentence index) pairs. */
  private postings = new Map<string, number[]>();
  private sentenceCount = 0;
  private dead = 0;
  /** The corpus's people, computed on demand and forgotten when a source changes. */
  private peopleCache: Person[] | undefined;

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
    this.peopleCache = undefined;
    const slot = this.docs.length;
    this.docs.push(doc);
    this.slotById.set(doc.id, slot);
    this.sentenceCount += doc.sentences.length;
    doc.sentences.forEach((sentence, si) => {
      const seen = new Set<string>();
      for (const t of tokenize(doc.prose, sentence.start, sentence.end)) {
        if (!isContentWord(t.norm)) continue;
        const key = indexKey(t.norm);
        if (seen.has(key)) continue;
        seen.add(key);
        let list = this.postings.get(key);
        if (!list) this.postings.set(key, (list = []));
        list.push(slot, si);
      }
    });
  }

  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    this.peopleCache = undefined;
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

  async people(): Promise<Person[]> {
    return this.peopleSync();
  }

  peopleSync(): Person[] {
    this.peopleCache ??= corpusPeople(this.all().map((d) => ({ id: d.id, uri: d.uri, prose: d.prose, speakers: d.speakers, positionAt: (o: number) => d.lines.positionAt(o) })));
    return this.peopleCache;
  }

  async candidates(words: readonly string[], limit: number): Promise<Passage[]> {
    return this.candidatesSync(words, limit);
  }

  candidatesSync(words: readonly string[], limit: number): Passage[] {
    const keys = [...new Set(words.filter(isContentWord).map(indexKey))];
    if (keys.length === 0) return [];
    const total = Math.max(1, this.sentenceCount);
    // Per (doc, sentence): the summed weight of the distinct quote words it holds.
    const hits = new Map<number, number>();
    keys.forEach((key) => {
      const list = this.postings.get(key);
      if (!list) return;
      const df = list.length / 2;
      const weight = Math.log(1 + total / df);
      for (let p = 0; p < list.length; p += 2) {
        if (!this.docs[list[p]]) continue;
        const id = list[p] * 1_000_000 + list[p + 1];
        hits.set(id, (hits.get(id) ?? 0) + weight);
      }
    });
    // Group hit sentences of one source into windows of nearby sentences.
    const sorted = [...hits.keys()].sort((a, b) => a - b);
    const windows: Array<{ slot: number; first: number; last: number; score: number }> = [];
    for (const id of sorted) {
      const slot = Math.floor(id / 1_000_000);
      const si = id % 1_000_000;
      const w = windows[windows.length - 1];
      if (w && w.slot === slot && si - w.last <= 2 && si - w.first < MAX_WINDOW_SENTENCES) {
        w.last = si;
        w.score += hits.get(id)!;
      } else {
        windows.push({ slot, first: si, last: si, score: hits.get(id)! });
      }
    }
    windows.sort((a, b) => b.score - a.score);
    return windows.slice(0, limit).map((w) => {
      const doc = this.docs[w.slot]!;
      const first = Math.max(0, w.first - 1);
      const last = Math.min(doc.sentences.length - 1, w.last + 1);
      const start = doc.sentences[first].start;
      const end = doc.sentences[last].end;
      return {
        source: { id: doc.id, uri: doc.uri, meta: doc.meta, positionAt: (o: number) => doc.lines.positionAt(o) },
        start,
        text: doc.prose.slice(start, end),
        sentences: doc.sentences.slice(first, last + 1),
        quotations: doc.speakers.quotations.filter((q) => q.end > start && q.start < end),
      };
    });
  }
}
