// The store a draft is checked against when an archive is configured: the local
// sources and the archive together. When the archive cannot answer a query, the local
// answer (candidates, facts, aliases, people) is used and marked partial, so the checker
// marks the claims built on it incomplete (core/check/incomplete.ts) instead of reporting
// them as final: a figure the local sources lack is then not "unsourced", and one they
// confirm is "verified against the local sources only". The other claims stand.

import type { Passage, SourceFact, SourceStore } from '../core/match/store';
import { corpusPeople, Person } from '../core/speakers/people';
import type { MemoryIndex } from '../core/index/memoryIndex';
import { AliasTable, buildAliases } from '../core/facts/context';
import { factKeys, foundBy } from '../core/facts/keys';
import { ArchiveUnavailable } from './connection';
import type { PgStore, RankedFact } from './pgStore';

/**
 * Combined alias tables by the generation of both stores (a MemoryIndex generation is unique
 * across indexes, and the editor hands each check a fresh view of its index): the last few.
 */
const combinedAliases = new Map<number, AliasTable>();

export class LocalAndArchive implements SourceStore {
  /** Queries (candidates, people, facts, aliases) the archive could not answer, so far. */
  misses = 0;
  /** The answers given without the archive's part. */
  private partialAnswers = new WeakSet<object>();

  constructor(
    readonly local: MemoryIndex,
    readonly archive: PgStore,
  ) {}

  partial(answer: object): boolean {
    return this.partialAnswers.has(answer);
  }

  /** An answer given without the archive's part. */
  private partialAnswer<T extends object>(answer: T): T {
    this.partialAnswers.add(answer);
    return answer;
  }

  /** Runs an archive query; on ArchiveUnavailable counts the miss and gives the fallback (a partial answer, or undefined). */
  private async orLocal<T extends object | undefined>(query: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (e) {
      if (!(e instanceof ArchiveUnavailable)) throw e;
      this.misses++;
      const answer = await fallback();
      return answer && this.partialAnswer(answer);
    }
  }

  /** The people of the local sources and the archive together (the archive's alone when there are no local sources). */
  async people(): Promise<Person[]> {
    return this.orLocal(
      async () => (this.local.size === 0 ? await this.archive.people() : corpusPeople([...this.local.all(), ...(await this.archive.attributedSources())])),
      () => this.local.people(),
    );
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
    const archived = await this.orLocal<Passage[] | undefined>(() => this.archive.candidates(words, limit), () => undefined);
    if (!archived) return this.partialAnswer(local);
    // Scores compare within one store only: each store's passages are scored as a share of
    // its own best, and merged on that, so the checker's floor applies to each alike.
    // Scored in place: a copy ({ ...p }) would read every local passage's quotations, which
    // attributes the speakers of its whole source (they are computed when first read).
    const relative = (ps: Passage[]) => {
      const best = ps[0]?.score || 1;
      for (const p of ps) p.score /= best;
      return ps;
    };
    return [...relative(local), ...relative(archived)].sort((a, b) => b.score - a.score);
  }

  /**
   * The local sources' facts and the archive's, in the order one embedded index holding the
   * local sources and then the archive's would give them: by the first key each is found
   * under, local before archived at the same key.
   */
  async facts(keys: readonly string[]): Promise<SourceFact[]> {
    const local = await this.local.facts(keys);
    const archived = await this.orLocal<RankedFact[] | undefined>(() => this.archive.rankedFacts(keys), () => undefined);
    if (!archived) return this.partialAnswer(local);
    if (local.length === 0) return archived.map((r) => r.sf);
    const distinct = [...new Set(keys)];
    const firstKey = (sf: SourceFact) => {
      const own = new Set(factKeys(sf.fact));
      const i = distinct.findIndex((k) => foundBy(own, k));
      return i < 0 ? Infinity : i;
    };
    const out: SourceFact[] = [];
    let a = 0;
    for (const sf of local) {
      const first = firstKey(sf);
      while (a < archived.length && archived[a].first < first) out.push(archived[a++].sf);
      out.push(sf);
    }
    while (a < archived.length) out.push(archived[a++].sf);
    return out;
  }

  /** How many facts each key is on in both stores together (the local counts alone when the archive cannot say). */
  async factCounts(keys: readonly string[]): Promise<number[]> {
    const local = await this.local.factCounts(keys);
    const archived = await this.orLocal<number[] | undefined>(() => this.archive.factCounts(keys), () => undefined);
    return archived ? local.map((n, i) => n + archived[i]) : this.partialAnswer(local);
  }

  /** Every fact of both stores (the local sources first); the local ones alone when the archive is down. */
  async allFacts(): Promise<SourceFact[]> {
    const local = await this.local.allFacts();
    return this.orLocal(async () => [...local, ...(await this.archive.allFacts())], () => local);
  }

  /** One alias table over both stores' abbreviations (the local ones alone when the archive is down). */
  async aliases(): Promise<AliasTable> {
    if (this.local.size === 0) return this.orLocal(() => this.archive.aliases(), () => this.local.aliases());
    return this.orLocal(
      async () => {
        const forms = await this.archive.abbreviations();
        const generation = this.generation;
        const cached = combinedAliases.get(generation);
        if (cached) return cached;
        const table = buildAliases([...this.local.all().flatMap((d) => d.abbreviations ?? []), ...forms]);
        if (combinedAliases.size >= 4) combinedAliases.delete(combinedAliases.keys().next().value!);
        combinedAliases.set(generation, table);
        return table;
      },
      () => this.local.aliases(),
    );
  }
}
