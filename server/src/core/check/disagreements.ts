// The facts the sources themselves disagree on, over the whole corpus: two sources
// that give different figures or dates for the same thing (the same test a draft's fact
// meets: shared names and key words). The writer sees both versions, not a silent pick.

import type { SourceFact, SourceStore } from '../match/store';
import { keyOf } from './disagreementKey';
import { compareFigures } from '../facts/figures';
import { compareDates } from '../facts/dates';
import { factKeys } from '../facts/keys';
import { dateCandidate, figureCandidate, toMatch } from './facts';
import type { FactMatch } from './findings';
import type { Fact } from '../facts/extract';
import { AliasTable, hasName } from '../facts/context';

/**
 * Two sources' facts are about the same event only on strong evidence: a shared name,
 * (two for a date) and three shared key words besides the counted noun, and a good part of the smaller context.
 * Looser evidence would list every pair of dates that mention Russia.
 */
function sameEvent(a: Fact, b: Fact, aliases: AliasTable, common: (name: string) => boolean): boolean {
  const names = a.context.subject.filter((n) => !common(n) && hasName(b.context.entities, n, aliases)).length;
  const unit = a.kind === 'figure' ? a.figure.unit : undefined;
  const bw = new Set(b.context.words);
  const words = a.context.words.filter((w) => bw.has(w) && w !== unit).length;
  const size = Math.min(a.context.subject.length + a.context.words.length, b.context.subject.length + b.context.words.length);
  // A date's event needs who as well as what: two names (Aibek Smadiyarov), not just "Russia". News repeats
  // measures (jobs added, a currency's close) for other months and days: three key words in common, not two.
  if (a.kind === 'date' && b.kind === 'date') {
    // Two dates only contradict when one of them is a full date: "June" and "July" in undated articles may be different years.
    const full = (d: typeof a.date) => d.year !== undefined && d.month !== undefined && d.day !== undefined;
    if (!full(a.date) && !full(b.date)) return false;
  }
  return names >= (a.kind === 'date' ? 2 : 1) && words >= 3 && (names + words) / Math.max(1, size) >= 0.3;
}

export interface Disagreement {
  kind: 'figure' | 'date';
  /** What the versions are about ("Donetsk", "Smadiyarov"). */
  about: string;
  /** Each source's version; the first two disagree. */
  versions: FactMatch[];
}

const COMMON_MIN_SOURCES = 50;
const COMMON_SHARE = 0.02;

export async function findDisagreements(store: SourceStore, isCancelled: () => boolean = () => false): Promise<Disagreement[]> {
  if (!store.facts || !store.allFacts || !store.aliases) return [];
  const aliases = await store.aliases();
  const lookup = store.facts.bind(store);
  const out: Disagreement[] = [];
  const seen = new Set<string>();
  const all = await store.allFacts();
  // A name that stands in the facts of many sources (GDP, UK, the Bank) says little about which event a fact is
  // about. In a corpus of 50 sources or more, a name in the facts of over 2% of them is no evidence here.
  const sourcesWith = new Map<string, Set<string>>();
  for (const f of all) for (const n of f.fact.context.entities) {
    let set = sourcesWith.get(n);
    if (!set) sourcesWith.set(n, (set = new Set()));
    set.add(f.source.id);
  }
  const common = (n: string) => store.size >= COMMON_MIN_SOURCES && (sourcesWith.get(n)?.size ?? 0) > store.size * COMMON_SHARE;
  for (const a of all) {
    if (isCancelled()) break;
    const fa = a.fact;
    // sameEvent needs a shared name: only facts sharing a name key are candidates (common words would bring thousands).
    const keys = factKeys(fa).filter((k) => k.startsWith('n:'));
    if (keys.length === 0) continue;
    for (const b of await lookup(keys)) {
      if (b.source.id === a.source.id) continue;
      const key = keyOf(a, b);
      if (seen.has(key)) continue;
      seen.add(key);
      const fb = b.fact;
      // Each pair is seen once, so test it both ways round: the tests weigh the first fact's clause.
      const about = (x: SourceFact, y: SourceFact) => {
        const c = x.fact.kind === 'figure' ? figureCandidate(x.fact, y, aliases) : dateCandidate(x.fact, y, aliases);
        return !!c && c.named && sameEvent(x.fact, y.fact, aliases, common);
      };
      if (!about(a, b) && !about(b, a)) continue;
      const differ =
        fa.kind === 'figure' && fb.kind === 'figure'
          ? compareFigures(fa.figure, fb.figure) === 'different' && compareFigures(fb.figure, fa.figure) === 'different'
          : fa.kind === 'date' && fb.kind === 'date' && compareDates(fa.date, fb.date) === 'different';
      if (!differ) continue;
      const ma = toMatch(a, fb, aliases);
      const mb = toMatch(b, fa, aliases);
      out.push({ kind: fa.kind, about: mb.about || ma.about, versions: [ma, mb] });
    }
  }
  return out;
}
