// The embedded, in-process source index: an inverted index from each content word's
// transliteration skeleton to the sentences that contain it. A quote's candidate
// passages are the runs of sentences where its rarer words cluster (scored by inverse
// document frequency), so alignment only ever runs on a few short passages.

import { SourceDoc } from '../source/source';
import { forEachWord, isContentWord } from '../text/tokens';
import { skeleton } from '../text/spelling';
import type { Passage, SourceStore } from '../match/store';
import { PostingList, Postings } from './postings';
import { DecodedSnapshot, encodeSnapshot } from './snapshot';

/** The index key of a normalised word: its skeleton, so that Tokayev finds Toqaev. */
export function indexKey(norm: string): string {
  return /\d/.test(norm) ? norm : skeleton(norm);
}

const contentKeys = new Map<string, string | null>();

/** indexKey for content words, undefined for function words; memoised (the indexer calls it per word). */
function contentKey(norm: string): string | undefined {
  let key = contentKeys.get(norm);
  if (key === undefined) {
    key = isContentWord(norm) ? indexKey(norm) : null;
    if (contentKeys.size > 500_000) contentKeys.clear();
    contentKeys.set(norm, key);
  }
  return key ?? undefined;
}

const MAX_WINDOW_SENTENCES = 24;
/** Only this many of a quote's words (the rarest) are looked up. */
const MAX_QUERY_KEYS = 16;
/** How far a tie for the best score may stretch the list of candidates. */
const MAX_TIED_CANDIDATES = 64;
/** Sentences scoring under this share of the best sentence are not candidates. */
const SENTENCE_FLOOR = 0.25;
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
    const total = Math.max(1, this.sentenceCount);
    // The rarest words carry the evidence; very common ones only cost time.
    const keys = [...new Set(words.filter(isContentWord).map(indexKey))]
      .map((key) => ({ key, list: this.postings.get(key) }))
      .filter((k): k is { key: string; list: PostingList } => k.list !== undefined)
      .sort((a, b) => a.list.length - b.list.length)
      .slice(0, MAX_QUERY_KEYS);
    if (keys.length === 0) return [];
    // Per (doc, sentence): which of the quote's words it holds, as a bit mask (at most 16 keys).
    const weights = keys.map(({ list }) => Math.log(1 + total / (list.length / 2)));
    const masks = new Map<number, number>();
    keys.forEach(({ list }, k) => {
      const data = list.data;
      for (let p = 0; p < list.length; p += 2) {
        if (!this.docs[data[p]]) continue;
        const id = data[p] * SENTENCE_SLOTS + data[p + 1];
        masks.set(id, (masks.get(id) ?? 0) | (1 << k));
      }
    });
    const scoreOf = (mask: number) => {
      let score = 0;
      for (let k = 0; k < keys.length; k++) if (mask & (1 << k)) score += weights[k];
      return score;
    };
    let best = 0;
    for (const mask of masks.values()) best = Math.max(best, scoreOf(mask));
    // Sentences far weaker than the best hold at most a stray word of the quote.
    const floor = best * SENTENCE_FLOOR;
    const sorted = [...masks.keys()].filter((id) => scoreOf(masks.get(id)!) >= floor).sort((a, b) => a - b);
    // Group nearby strong sentences of one source into windows (a quote may span sentences,
    // and the fragments around an ellipsis may sit a sentence or two apart). A window scores
    // the quote words it holds, each once: many weak sentences do not outweigh one exact one.
    const windows: Array<{ slot: number; first: number; last: number; mask: number; score: number }> = [];
    for (const id of sorted) {
      const slot = Math.floor(id / SENTENCE_SLOTS);
      const si = id % SENTENCE_SLOTS;
      const w = windows[windows.length - 1];
      if (w && w.slot === slot && si - w.last <= 3 && si - w.first < MAX_WINDOW_SENTENCES) {
        w.last = si;
        w.mask |= masks.get(id)!;
      } else {
        windows.push({ slot, first: si, last: si, mask: masks.get(id)!, score: 0 });
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
        score: w.score,
      };
    });
  }
}
