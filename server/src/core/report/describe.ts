// Short human descriptions of sources and claims, shared by messages, hovers and the CLI.

import type { SourceRef } from '../match/store';

import { reporterDate } from '../text/dateStyle';

/** A headline cut to a few words at a word boundary: “Kazakhstan’s foreign ministry comments on…”. */
export function shortTitle(title: string, max = 50): string {
  const t = title.replace(/\s+/g, ' ').trim().replace(/[.;:]$/, '');
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '') + '…';
}

/**
 * A source the way a reporter names it in a one-line message: "Kazinform, 26 Sept 2022"; a
 * short title in quotes when the outlet is unknown; the file name only when the source gives
 * neither ("seeds/001.txt, 28 Sept 2022" when it gives a date).
 */
export function describeSource(s: Pick<SourceRef, 'id' | 'meta'>): string {
  const { outlet, title, date } = s.meta;
  const when = date ? reporterDate(date) : undefined;
  // The reporter's own notes: which file, since several may be one day's.
  if (s.meta.kind === 'notes') return `${s.id} (your notes${when ? `, ${when}` : ''})`;
  // An outlet is a few words; one of more than 60 characters (a front matter's, not a real one) is cut like a title.
  const name = outlet?.replace(/\s+/g, ' ').trim();
  const who = name ? (name.length > 60 ? shortTitle(name, 60) : name) : title ? `“${shortTitle(title)}”` : s.id;
  return when ? `${who}, ${when}` : who;
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1).trimEnd() + '…';
}
