// The people of a whole corpus: each person once, with every spelling the sources use
// (Tokayev / Toqaev, Kassym-Jomart / Qasym-Zhomart), every role they are given, and
// the quotations attributed to them. Built from the articles' own people
// (mentions.ts): full names cluster when they are the same name up to
// transliteration (names.ts); a surname written alone joins the one full name it can
// belong to, and stays apart when two people share it.

import type { Position } from '../text/lines';
import type { QuotationKind, TextAttributions } from './attribute';
import { sameName, sameNameWord, surname, surnameKey } from './names';

/** What the people list needs of one source: no text, so that an archive's sources stay on disk. */
export interface AttributedSource {
  id: string;
  uri: string;
  speakers: TextAttributions;
}

export interface PersonQuote {
  source: string;
  uri: string;
  /** Offsets of the quoted words in the source (the adapters turn them into lines and columns). */
  start: number;
  end: number;
  /** The first words of the quotation, for a list. */
  text: string;
  kind: QuotationKind;
}

export interface Person {
  /** Stable within a corpus: the canonical name, lower case. */
  id: string;
  name: string;
  spellings: string[];
  roles: string[];
  /** Ids of the sources that name the person. */
  sources: string[];
  /** Quotations (marked, block or with stripped marks) attributed to the person. */
  quotes: PersonQuote[];
}

interface Member {
  source: AttributedSource;
  entity: number;
  name: string;
  spellings: string[];
  roles: string[];
  /** The article shows this is a person (a role, a title, named again, speaking), or attributes a quote to them. */
  strong: boolean;
}

export function corpusPeople(sources: Iterable<AttributedSource>): Person[] {
  const members: Member[] = [];
  for (const source of sources) {
    const { entities } = source.speakers;
    const speaking = new Set(source.speakers.quotations.filter((q) => q.kind !== 'indirect').map((q) => q.speaker?.entity).filter((e) => e !== undefined));
    for (const e of entities) {
      if (!e || e.kind !== 'person' || e.spellings.length === 0) continue;
      const strong = e.strong || speaking.has(e.id);
      // A full name without evidence of a person may still be the full name a lone surname elsewhere needs ("Vladimir Putin").
      if (!strong && !e.name.includes(' ')) continue;
      members.push({ source, entity: e.id, name: e.name, spellings: e.spellings, roles: e.roles, strong });
    }
  }
  // Full names first, so that a surname alone can join the one person it belongs to.
  const full = members.filter((m) => m.name.includes(' '));
  const bare = members.filter((m) => !m.name.includes(' '));
  // A cluster: its members, and the distinct full names they write (what a newcomer is compared with).
  type Cluster = Member[] & { spellings: string[] };
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster[]>();
  for (const m of full) {
    const key = surnameKey(m.name);
    const group = byKey.get(key) ?? [];
    byKey.set(key, group);
    const full = m.spellings.filter((b) => b.includes(' '));
    const hit = group.find((c) => c.spellings.some((a) => full.some((b) => sameName(a, b))));
    const c = hit ?? Object.assign([] as Member[], { spellings: [] as string[] });
    if (!hit) {
      group.push(c);
      clusters.push(c);
    }
    c.push(m);
    for (const b of full) if (!c.spellings.includes(b)) c.spellings.push(b);
  }
  for (const m of bare) {
    const candidates = (byKey.get(surnameKey(m.name)) ?? []).filter((c) => c.some((o) => sameNameWord(surname(o.name), surname(m.name))));
    if (candidates.length === 1) candidates[0].push(m);
    else {
      const bare = byKey.get('bare:' + surnameKey(m.name)) ?? [];
      byKey.set('bare:' + surnameKey(m.name), bare);
      const own = bare.find((c) => sameName(c[0].name, m.name));
      if (own) own.push(m);
      else {
        const c = Object.assign([m], { spellings: [] as string[] });
        bare.push(c);
        clusters.push(c);
      }
    }
  }
  // A person is listed when some article shows they are one, and they are quoted or given a role.
  return clusters
    .filter((c) => c.some((m) => m.strong) && c.some((m) => m.roles.length > 0 || m.source.speakers.quotations.some((q) => q.kind !== 'indirect' && q.speaker?.entity === m.entity)))
    .map(toPerson)
    .sort((a, b) => b.quotes.length - a.quotes.length || a.name.localeCompare(b.name));
}

function toPerson(members: Member[]): Person {
  const count = new Map<string, number>();
  for (const m of members) for (const s of m.spellings) count.set(s, (count.get(s) ?? 0) + 1);
  const spellings = [...count.keys()].sort((a, b) => b.split(' ').length - a.split(' ').length || count.get(b)! - count.get(a)! || a.localeCompare(b));
  const name = spellings[0];
  const roles: string[] = [];
  for (const m of members) for (const r of m.roles) if (!roles.some((x) => x.toLowerCase() === r.toLowerCase())) roles.push(r);
  const quotes: PersonQuote[] = [];
  for (const m of members) {
    for (const q of m.source.speakers.quotations) {
      if (q.speaker?.entity !== m.entity || q.kind === 'indirect') continue;
      quotes.push({ source: m.source.id, uri: m.source.uri, start: q.start, end: q.end, text: q.preview ?? '', kind: q.kind });
    }
  }
  quotes.sort((a, b) => a.source.localeCompare(b.source) || a.start - b.start);
  return { id: name.toLowerCase(), name, spellings, roles, sources: [...new Set(members.map((m) => m.source.id))].sort(), quotes };
}

/** The person of the corpus a name can only be: the one whose spellings match it, when exactly one does. */
export function findPerson(people: readonly Person[], name: string): Person | undefined {
  const hits = people.filter((p) => p.spellings.some((s) => sameName(s, name)));
  return hits.length === 1 ? hits[0] : undefined;
}

/** Lines and columns of a person's quote, through the source's line index (for the adapters). */
export function quoteRange(index: { get(id: string): { lines: { positionAt(offset: number): Position } } | undefined }): (q: PersonQuote) => { start: Position; end: Position } {
  return (q) => {
    const lines = index.get(q.source)?.lines;
    const zero = { line: 0, character: 0 };
    return { start: lines?.positionAt(q.start) ?? zero, end: lines?.positionAt(q.end) ?? zero };
  };
}
