// The store a draft is checked against when an archive is configured: the local
// sources and the archive together. When the archive cannot answer, the local
// candidates are still used and the miss is counted, so the adapter can mark the
// verdicts as incomplete (core/check/incomplete.ts) instead of reporting them as final.
// It serves no figures and dates: the archive does not serve its facts table yet, and
// facts from the local sources alone would call every archived figure unsourced, so a
// check with an archive configured makes no figure or date claims (SourceStore.facts is optional).

import type { Passage, SourceStore } from '../core/match/store';
import { corpusPeople, Person } from '../core/speakers/people';
import type { MemoryIndex } from '../core/index/memoryIndex';
import { ArchiveUnavailable } from './connection';
import type { PgStore } from './pgStore';

export class LocalAndArchive implements SourceStore {
  /** Candidate queries the archive could not answer, so far. */
  misses = 0;

  constructor(
    readonly local: MemoryIndex,
    readonly archive: PgStore,
  ) {}

  /** The people of the local sources and the archive together (the archive's alone when there are no local sources). */
  async people(): Promise<Person[]> {
    try {
      if (this.local.size === 0) return await this.archive.people();
      return corpusPeople([...this.local.all(), ...(await this.archive.attributedSources())]);
    } catch (e) {
      if (!(e instanceof ArchiveUnavailable)) throw e;
      this.misses++;
      return this.local.people();
    }
  }

  get size(): number {
    return this.local.size + this.archive.size;
  }

  /** Changes when either store changes (the archive's generation stays far below 2^21). */
  get generation(): number {
    return this.archive.generation * 2 ** 32 + this.local.generation;
  }

  async candidates(words: readonly string[], limit: number): Promise<Passage[]> {
    const local = await this.local.candidates(words, limit);
    let archived: Passage[];
    try {
      archived = await this.archive.candidates(words, limit);
    } catch (e) {
      if (!(e instanceof ArchiveUnavailable)) throw e;
      this.misses++;
      return local;
    }
    // Scores compare within one store only: each store's passages are scored as a share of
    // its own best, and merged on that, so the checker's floor applies to each alike.
    const relative = (ps: Passage[]) => ps.map((p) => ({ ...p, score: p.score / (ps[0]?.score || 1) }));
    return [...relative(local), ...relative(archived)].sort((a, b) => b.score - a.score);
  }
}
