// The store a draft is checked against when an archive is configured: the local
// sources and the archive together. When the archive cannot answer, the local
// candidates are still used and the miss is counted, so the adapter can mark the
// verdicts as incomplete (core/check/incomplete.ts) instead of reporting them as final.

import type { Passage, SourceStore } from '../core/match/store';
import { ArchiveUnavailable } from './connection';
import type { PgStore } from './pgStore';

export class LocalAndArchive implements SourceStore {
  /** Candidate queries the archive could not answer, so far. */
  misses = 0;

  constructor(
    readonly local: SourceStore,
    readonly archive: PgStore,
  ) {}

  get size(): number {
    return this.local.size + this.archive.size;
  }

  async candidates(words: readonly string[], limit: number): Promise<Passage[]> {
    const local = await this.local.candidates(words, limit);
    try {
      // Each store proposes its own best passages; alignment ranks them all alike.
      return [...local, ...(await this.archive.candidates(words, limit))];
    } catch (e) {
      if (!(e instanceof ArchiveUnavailable)) throw e;
      this.misses++;
      return local;
    }
  }
}
