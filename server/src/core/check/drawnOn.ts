// The sources a draft draws on, and the verdicts that need one.
//
// In an archive (hundreds of articles and more) most sources are about other stories. A source
// sentence that gives another value for what looks like the draft's fact is, on real prose,
// nearly always another instance of it: another company's template, another day's price,
// another player's caps (bench/labels/real.tsv: 4 right of 154 figure and date mismatches
// judged). What tells the writer's own source from the archive's other stories is the draft
// itself: a source it draws on verifies something else the draft says. So in an archive a
// figure or date contradicts only through a source that verifies another of the draft's
// quotes, figures or dates; otherwise the draft is told, as information, that a source gives
// another value for what may be the same thing. So too a verification by a passage that names
// no owner (a wire template: "The bonds will be issued in denominations of 5,000 dlrs" is every
// issue's) stands only where its source verifies something else of the draft. A folder of a
// story's own sources is all drawn on; so is, for want of evidence, the archive of a draft that
// verifies nothing yet, save a contradicting passage that names no owner.

import { ARCHIVE_SIZE } from '../match/store';
import type { Claim, DateClaim, FigureClaim } from './findings';

/** How many of the draft's claims (quotes, figures, dates) each source verifies. */
function claimsPerSource(claims: readonly Claim[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const c of claims) {
    if (!c.best) continue;
    const agrees = c.kind === 'quote' ? c.verdict === 'verified' || c.verdict === 'variant' : c.verdict === 'verified' || c.verdict === 'rounded';
    if (agrees) for (const id of new Set([c.best, ...c.others].map((m) => m.location.source.id))) count.set(id, (count.get(id) ?? 0) + 1);
  }
  return count;
}

/**
 * The draft's figure and date claims, a mismatch or a dispute kept only where the contradicting source is one
 * the draft draws on, and a verification by an unowned passage (FactClaimBase.unowned) only where its source
 * verifies something else of the draft too; in a folder of `size` sources up to ARCHIVE_SIZE, the claims as they
 * are. `claims` are all the draft's (quotes too). Claims are copied, never changed: checkFacts caches them.
 */
export function withinDrawnOn<C extends FigureClaim | DateClaim>(
  facts: readonly C[],
  claims: readonly Claim[],
  size: number,
  notes: { unsourcedFigures: boolean; unsourcedDates: boolean },
): C[] {
  if (size <= ARCHIVE_SIZE) return [...facts];
  const count = claimsPerSource(claims);
  // A draft that verifies nothing against any source (a sentence just typed) shows none of its sources: its
  // contradictions stand on their sentences alone, as in a story's own folder, where the contradicting passage
  // says whose fact it is.
  const drawsOnNone = count.size === 0;
  const quiet = (c: C) => (c.kind === 'figure' ? !notes.unsourcedFigures : !notes.unsourcedDates);
  return facts.map((c) => {
    // A mismatch agrees with no source, so it never counts itself among those that draw on one.
    if (c.verdict === 'mismatch' && c.best && (drawsOnNone ? c.unowned : !count.has(c.best.location.source.id))) {
      return { ...c, verdict: 'unsourced', unsure: c.best, best: undefined, others: [], conflicting: [], quiet: quiet(c) };
    }
    if (drawsOnNone) return c;
    if ((c.verdict === 'verified' || c.verdict === 'rounded') && c.unowned && c.best && (count.get(c.best.location.source.id) ?? 0) < 2) {
      return { ...c, verdict: 'unsourced', others: [], conflicting: [], note: undefined, quiet: quiet(c) };
    }
    if (c.verdict === 'disputed') {
      const conflicting = c.conflicting.filter((m) => count.has(m.location.source.id));
      if (conflicting.length > 0) return { ...c, conflicting };
      const settled = c.undisputed ?? { verdict: 'verified' };
      return { ...c, verdict: settled.verdict, note: settled.note ?? c.note, conflicting, undisputed: undefined };
    }
    return c;
  });
}
