// Source facts' frames (facts/frame.ts): those this process made, kept by posting between checks, and those a
// restored source's snapshot held, read instead of framing the fact again. Framing is a quarter of a warm
// command-line run on BBC (2,800 facts compared for a 2,000-word draft) and is a function of the fact and its
// sentence alone, so a frame is stored in its source's own snapshot record: a source re-read since (a new
// SourceDoc) has none, and two processes sharing a cache file (each renaming its own into place) can lose
// each other's frames, never give a source another content's.

import { frameOf, restoreFrame, storeFrame, type FactFrame } from '../facts/frame';
import type { Fact } from '../facts/extract';
import type { SourceDoc } from '../source/source';
import { Recent } from './recent';
import { storedFrames } from './snapshot';

/**
 * At most this many frames are written to a snapshot (about 0.3 KB each): those the process kept first, then
 * those it restored, while they fit. A check of a 2,000-word draft frames 2,800 source facts at BBC and 15,300 at
 * 100,000 sources; without a bound, checks of ever new drafts would frame a large corpus's every fact into its cache.
 */
const FRAMES_SAVED = 65_536;

export class SourceFrames {
  private readonly kept: Recent<FactFrame>;
  /** A restored source's stored frames by fact number (its snapshot field parsed on first use). */
  private stored = new WeakMap<SourceDoc, Map<number, unknown>>();
  /** Frames computed here rather than read from a snapshot: what saving the index would add to its cache. */
  made = 0;

  constructor(capacity: number) {
    this.kept = new Recent(capacity);
  }

  /** Fact `fi` of `doc` (at `posting`): its kept frame, else its stored one, else computed. */
  get(posting: number, doc: SourceDoc, fi: number, fact: Fact): FactFrame {
    return this.kept.get(posting, () => {
      const { start, end } = fact.sentence;
      // Sliced when read, and copied: V8 keeps a slice of a long string as a view of it, so a kept frame's words
      // (sliced from the sentence) would keep the source's whole prose in memory (18 MB at 10,000 sources).
      const sentence = () => (' ' + doc.prose.slice(start, end)).slice(1);
      const stored = this.storedOf(doc).get(fi);
      const frame = stored === undefined ? undefined : restoreFrame(stored, sentence);
      if (frame) return frame;
      this.made++;
      return frameOf(fact, sentence());
    });
  }

  clear(): void {
    this.kept.clear();
  }

  private storedOf(doc: SourceDoc): Map<number, unknown> {
    let frames = this.stored.get(doc);
    if (!frames) {
      frames = new Map();
      const raw = storedFrames(doc);
      try {
        // A damaged row is skipped (restoreFrame refuses what is not a frame): that fact is framed afresh.
        if (raw) for (const row of JSON.parse(raw) as unknown[]) if (Array.isArray(row) && row.length === 2 && Number.isInteger(row[0])) frames.set(row[0], row[1]);
      } catch {
        frames.clear();
      }
      this.stored.set(doc, frames);
    }
    return frames;
  }

  /**
   * Each of `docs`' frames field for a snapshot (storedFrames' JSON rows), where it differs from the one the source
   * was restored with: the frames kept here merged with the stored ones, all within FRAMES_SAVED (else the kept
   * ones alone). `at` names a posting's live source and fact number.
   */
  fields(docs: readonly SourceDoc[], at: (posting: number) => { doc: SourceDoc; fi: number } | undefined): Map<SourceDoc, string> {
    const fresh = new Map<SourceDoc, Map<number, unknown>>();
    let total = 0;
    for (const [posting, frame] of this.kept.entries()) {
      const where = at(posting);
      if (!where) continue;
      let frames = fresh.get(where.doc);
      if (!frames) fresh.set(where.doc, (frames = new Map()));
      if (!frames.has(where.fi)) total++;
      frames.set(where.fi, storeFrame(frame));
    }
    for (const doc of docs) for (const fi of storedFrames(doc) ? this.storedOf(doc).keys() : []) if (!fresh.get(doc)?.has(fi)) total++;
    const withStored = total <= FRAMES_SAVED;
    const out = new Map<SourceDoc, string>();
    for (const doc of docs) {
      const own = fresh.get(doc);
      if (!own) {
        if (!withStored && storedFrames(doc)) out.set(doc, '');
        continue;
      }
      const rows = new Map(withStored ? this.storedOf(doc) : []);
      for (const [fi, frame] of own) rows.set(fi, frame);
      out.set(doc, JSON.stringify([...rows].sort((a, b) => a[0] - b[0])));
    }
    return out;
  }
}
