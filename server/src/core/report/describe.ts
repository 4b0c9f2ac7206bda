// Short human descriptions of sources and claims, shared by messages, hovers and the CLI.

import type { SourceRef } from '../match/store';

/** "seeds/003.txt (indiatoday.in, 2022-06-18)": enough to recognise a source in a one-line message. */
export function describeSource(s: SourceRef): string {
  const bits = [s.meta.outlet, s.meta.date].filter(Boolean).join(', ');
  return bits ? `${s.id} (${bits})` : s.id;
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1).trimEnd() + '…';
}
