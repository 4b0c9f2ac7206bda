// An order-free identity for a pair of source facts, so each disagreement is listed once.

import type { SourceFact } from '../match/store';

export function keyOf(a: SourceFact, b: SourceFact): string {
  const ka = `${a.source.id}@${a.fact.start}`;
  const kb = `${b.source.id}@${b.fact.start}`;
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
}
