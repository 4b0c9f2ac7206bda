// The embedded, in-process source index: an inverted index from each content word's
// transliteration skeleton to the sentences that contain it. A quote's candidate
// passages are the runs of sentences where its rarer words cluster (scored by inverse
// document frequency), so alignment only ever runs on a few short passages.

import { SourceDoc } from '../source/source';
import { forEachWord, isContentWord } from '../text/tokens';
import { skeleton } from '../text/spelling';
import type { Passage, SourceStore } from '../match/store';
import { append, PostingList, Postings } from './postings';
import { DecodedSnapshot, encodeSnapshot } from './snapshot';

/** The index key of a normalised word: its skeleton, so that Tokayev finds Toqaev. */
export function indexKey(norm: string): string {
  return /\d/.test(norm) ? norm : skeleton(norm);
}

const MAX_WINDOW_SENTENCES = 24;
/** Only this many of a quote's words (the rarest) are looked up. */
const MAX_QUERY_KEYS = 16;
/** The rarest words always looked up; the others only if they are rarer than COMMON_SHARE of sentences. */
const ALWAYS_KEYS = 6;
const COMMON_SHARE = 0.01;
/** How far a tie for the best score may stretch the list of candidates. */
const MAX_TIED_CANDIDATES = 64;
/** Sentences scoring under this share of the best sentence are not candidates. */
const SENTENCE_FLOOR = 0.25;
/** Packs (source's first slot, sentence index) into one number for grouping. */
const SENTENCE_SLOTS = 2 ** 24;

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
    for (const { doc, sentences } of snapshot.entries) index.place(doc, sentences);
    for (const { key, data } of snapshot.postings) index.postings.set(key, data);
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

  async candidates(words: readonly string[], limit: number): Promise<Passage[]> {
    return this.candidatesSync(words, limit);
  }

  candidatesSync(words: readonly string[], limit: number): Passage[] {
    const total = Math.max(1, this.sentenceCount);
    // The rarest words carry the evidence; very common ones only cost time.
    const keys = [...new Set(words.filter(isContentWord).map(indexKey))]
      .map((key) => ({ key, list: this.postings.get(key) }))
      .filter((k): k is { key: string; list: PostingList } => k.list !== undefined)
      .sort((a, b) => a.list.length - b.list.length)
      .slice(0, MAX_QUERY_KEYS)
      // Beyond the rarest few, a word found in over 1% of all sentences narrows nothing down.
      .filter((k, i) => i < ALWAYS_KEYS || k.list.length <= total * COMMON_SHARE);
    if (keys.length === 0) return [];
    // Per (doc, sentence): which of the quote's words it holds, as a bit mask (at most 16 keys).
    const weights = keys.map(({ list }) => Math.log(1 + total / list.length));
    // Keyed by the posting itself (a small integer: cheap to hash), one per sentence.
    const byPosting = new Map<number, number>();
    keys.forEach(({ list }, k) => {
      const data = list.data;
      for (let p = 0; p < list.length; p++) byPosting.set(data[p], (byPosting.get(data[p]) ?? 0) | (1 << k));
    });
    const scoreOf = (mask: number) => {
      let score = 0;
      for (let k = 0; k < keys.length; k++) if (mask & (1 << k)) score += weights[k];
      return score;
    };
    // Then by (first slot of the source, sentence index within the source), live sources only.
    const hits: Array<{ id: number; mask: number; score: number }> = [];
    let best = 0;
    for (const [value, mask] of byPosting) {
      const slot = value >>> CHUNK_BITS;
      if (!this.slotDoc[slot]) continue;
      const score = scoreOf(mask);
      if (score > best) best = score;
      hits.push({ id: this.slotHead[slot] * SENTENCE_SLOTS + this.slotBase[slot] + (value & (CHUNK - 1)), mask, score });
    }
    // Sentences far weaker than the best hold at most a stray word of the quote.
    const floor = best * SENTENCE_FLOOR;
    const strong = hits.filter((h) => h.score >= floor).sort((a, b) => a.id - b.id);
    // Group nearby strong sentences of one source into windows (a quote may span sentences,
    // and the fragments around an ellipsis may sit a sentence or two apart). A window scores
    // the quote words it holds, each once: many weak sentences do not outweigh one exact one.
    const windows: Array<{ slot: number; first: number; last: number; mask: number; score: number }> = [];
    for (const { id, mask } of strong) {
      const slot = Math.floor(id / SENTENCE_SLOTS);
      const si = id % SENTENCE_SLOTS;
      const w = windows[windows.length - 1];
      if (w && w.slot === slot && si - w.last <= 3 && si - w.first < MAX_WINDOW_SENTENCES) {
        w.last = si;
        w.mask |= mask;
      } else {
        windows.push({ slot, first: si, last: si, mask, score: 0 });
      }
    }
    for (const w of windows) w.score = scoreOf(w.mask);
    // Shorter windows first among equals: the same words in fewer sentences are closer together.
    windows.sort((a, b) => b.score - a.score || a.last - a.first - (b.last - b.first));
    // Quotes made of common words tie in many places: look further down such ties.
    const top = windows[0]?.score ?? 0;
    let take = limit;
    while (take < windows.length && take < MAX_TIED_CANDIDATES && windows[take].score >= top * 0.999) take++;
    return windows.slice(0, take).map((w) => {
      const doc = this.slotDoc[w.slot]!;
      const first = Math.max(0, w.first - 1);
      const sentences = doc.sentences;
      const last = Math.min(sentences.length - 1, w.last + 1);
      const start = sentences[first].start;
      const end = sentences[last].end;
      return {
        source: { id: doc.id, uri: doc.uri, meta: doc.meta, positionAt: (o: number) => doc.lines.positionAt(o) },
        start,
        text: doc.prose.slice(start, end),
        sentences: sentences.slice(first, last + 1),
        score: w.score,
      };
    });
  }
}
