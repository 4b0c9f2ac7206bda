// A source's provenance: title, outlet, author, date, URL. From YAML front matter when
// present, otherwise from heuristics that work on real pages and wire copy. A field
// the text does not give stays undefined: never invent metadata.

import { parse as parseYaml } from 'yaml';
import { frontMatterRange } from '../text/markup';
import { AGENCY_PATTERN, knownOutletName, outletOfAgency, outletOfHost, outletOfSlug } from './outlets';

export interface SourceMeta {
  title?: string;
  outlet?: string;
  author?: string;
  /** ISO date, YYYY-MM-DD. */
  date?: string;
  url?: string;
  /** Where each field came from, for the hover ("front matter", "date header", ...). */
  how: Partial<Record<'title' | 'outlet' | 'author' | 'date' | 'url', string>>;
  /** Problems met while reading the metadata (bad front matter). */
  problems: string[];
  /** 'notes': the reporter's own notes or interview transcripts (sourceCheck.notes), original reporting. */
  kind?: 'notes';
}

/** What a notes file's provenance says in place of an outlet: "notes/smadiyarov.md (your notes, 2022-09-26)". */
export const NOTES_OUTLET = 'your notes';

/**
 * Marks a source as the reporter's own notes (sourceCheck.notes): its outlet is "your notes", and a
 * date the text does not give may come from the file name (notes/2022-09-26-smadiyarov.md), never guessed.
 */
export function markNotes(meta: SourceMeta, id: string): SourceMeta {
  meta.kind = 'notes';
  meta.outlet = NOTES_OUTLET;
  meta.how.outlet = 'your notes (sourceCheck.notes)';
  if (!meta.date) {
    const m = /(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?![\d])/.exec(id.split('/').pop() ?? id);
    const date = m ? isoDate(+m[1], +m[2], +m[3]) : undefined;
    if (date) {
      meta.date = date;
      meta.how.date = 'file name';
    }
  }
  return meta;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

export function isoDate(y: number, m: number, d: number): string | undefined {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A weekday, or a "Published:"-style label, that may stand before a date on its line. */
const DATE_LEAD = /^(?:(?:first\s+)?(?:published|posted|updated|last\s+updated|date|dated)(?:\s+on)?\s*:?\s*)?(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+)?/i;
/** A time and zone that may follow a date on its line: ", 13:35", "10:00 a.m. ET", "| 09:12 GMT". */
const TIME_TAIL = String.raw`(?:\s*[,|\u2014\u2013-]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+\(?(?:\p{Lu}{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2})\)?)?)?`;
const DMY = new RegExp(String.raw`^(\d{1,2})\s+(\p{L}+)\.?,?\s+(\d{4})${TIME_TAIL}$`, 'iu');
const MDY = new RegExp(String.raw`^(\p{L}+)\.?\s+(\d{1,2}),?\s+(\d{4})${TIME_TAIL}$`, 'iu');

/**
 * A whole-line date as news pages print one: 2022-09-26, 20220618, 26 September 2022[, 13:35],
 * Sept. 26, 2022, Monday, 26 September 2022, Published: 26 Sept 2022. Any other word before the
 * date makes it a sentence, not a date line ("Record March 31, 1987" in a dividend table).
 */
export function parseLineDate(line: string): string | undefined {
  const s = line.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ,][\d:]+.*)?$/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  const rest = s.replace(DATE_LEAD, '');
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ,][\d:]+.*)?$/.exec(rest);
  if (m && rest !== s) return isoDate(+m[1], +m[2], +m[3]);
  m = DMY.exec(rest);
  if (m && MONTHS[m[2].toLowerCase()]) return isoDate(+m[3], MONTHS[m[2].toLowerCase()], +m[1]);
  m = MDY.exec(rest);
  if (m && MONTHS[m[1].toLowerCase()]) return isoDate(+m[3], MONTHS[m[1].toLowerCase()], +m[2]);
  return undefined;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (v instanceof Date && !isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(v);
  return undefined;
}

function fromFrontMatter(text: string, meta: SourceMeta, name: string): void {
  const fm = frontMatterRange(text);
  if (!fm) return;
  let data: unknown;
  try {
    data = parseYaml(fm.body);
  } catch (e) {
    meta.problems.push(`${name}: front matter is not valid YAML (${(e as Error).message.split('\n')[0]}); using the text's own clues instead`);
    return;
  }
  if (!data || typeof data !== 'object') return;
  const d = data as Record<string, unknown>;
  const set = (field: 'title' | 'outlet' | 'author' | 'url', ...keys: string[]) => {
    for (const k of keys) {
      const v = str(d[k]);
      if (v) {
        meta[field] = v;
        meta.how[field] = 'front matter';
        return;
      }
    }
  };
  set('title', 'title', 'headline');
  set('outlet', 'outlet', 'publication', 'publisher', 'source', 'site');
  set('author', 'author', 'byline', 'authors');
  set('url', 'url', 'link', 'canonical');
  const date = str(d.date ?? d.published ?? d.pubdate);
  if (date) {
    const iso = parseLineDate(date) ?? parseLineDate(date.slice(0, 10));
    if (iso) {
      meta.date = iso;
      meta.how.date = 'front matter';
    } else {
      meta.problems.push(`${name}: front matter date "${date}" is not a date Source Check can read; the date is left unknown`);
    }
  }
}

const DATE_HEADER = /^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*/i;
const NAV_LINE = /(^|\s)[>»›|]\s*$|^\s*(home|main page|news|menu|search|read also|related news|popular|archive|share|subscribe|updated:?|published:?|advertisement)\s*[>»›|]?\s*$/i;
/** A line that is only a web address, perhaps after a label ("Source: https://…"). */
const URL_LINE = /^(?:(?:url|source|link|original|canonical|permalink|read online|from)\s*:\s*)?<?(https?:\/\/[^\s<>"'\u201C\u201D]+?)>?[.,;]?$/i;
const MONTH_OR_DAY = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;
/** Words that start a capitalised line but never a person's name. */
const NOT_A_NAME = /^(?:the|a|an|this|that|these|those|our|my|his|her|their|its|in|on|at|of|for|from|with|after|before|mr|mrs|ms|dr|president|minister|senator|sen|rep|gov|governor|news|staff|editorial|editors?|reuters|ap|afp|associated|press|agency|record|pay|net|shr|sales|revs|qtr|mths|year|nine|six|three|four|two|one|five|seven|eight|ten|first|second|third|fourth|park|letter|street|road|square|house|office|ministry|department|university|college|club|united|city|county|state|north|south|east|west|new|old|great|little|all|black|blacks|red|white|blue|green|home|page|main|video|photo|image|read|more|also|related|live|latest|breaking|update|updated|published|posted|share|print|email|comments?)$/i;
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}'\u2019-]+(?:-\p{Lu}[\p{Ll}'\u2019]+)?|\p{Lu}\.|\p{Lu}\.\p{Lu}\.|Mc\p{Lu}\p{Ll}+|Mac\p{Lu}\p{Ll}+|O['\u2019]\p{Lu}\p{Ll}+)$/u;
const NAME_PARTICLE = /^(?:van|von|de|der|den|da|di|du|del|della|la|le|al|el|bin|ibn|ben|dos|das)$/;

/** A person's name as a byline writes it: two to four name words (particles aside), none a month, a title or a common noun; undefined when it is not one. */
function personName(s: string): string | undefined {
  const t = s.trim().replace(/\s+/g, ' ');
  const people = t.split(/\s*(?:,\s*and|,|\band\b|&)\s*/).filter(Boolean);
  if (people.length === 0 || people.length > 3) return undefined;
  for (const p of people) {
    const words = p.split(' ');
    const named = words.filter((w) => !NAME_PARTICLE.test(w));
    if (named.length < 2 || named.length > 4 || words.length > 6) return undefined;
    if (!NAME_PARTICLE.test(words[0]) && !NAME_WORD.test(words[0])) return undefined;
    for (const w of words) {
      if (NAME_PARTICLE.test(w)) continue;
      if (!NAME_WORD.test(w) || MONTH_OR_DAY.test(w.replace(/\.$/, '')) || NOT_A_NAME.test(w.replace(/\.$/, ''))) return undefined;
    }
    if (named.every((w) => /^\p{Lu}\.(\p{Lu}\.)?$/u.test(w)) || /^\p{Lu}\.(\p{Lu}\.)?$/u.test(named[named.length - 1])) return undefined;
  }
  return t;
}

/** Title case for a name a dateline or a byline prints in capitals ("KAZINFORM" → Kazinform); short acronyms stay. */
function unshout(s: string): string {
  if (/\p{Ll}/u.test(s)) return s;
  return s.replace(/\p{Lu}+/gu, (w) => (w.length <= 4 ? w : w[0] + w.slice(1).toLowerCase()));
}

/** The file name of a source id ("seeds/003.txt" → "003.txt"). */
function baseName(id: string): string {
  return id.split(/[\\/]/).pop() ?? id;
}

/** Reads a source's metadata. `name` (the source's path) is evidence too: PolNeAR's `nyt_2015-12-15_….txt` names outlet and date. */
export function extractMetadata(text: string, name: string): SourceMeta {
  const meta: SourceMeta = { how: {}, problems: [] };
  fromFrontMatter(text, meta, name);
  const fm = frontMatterRange(text);
  const body = fm ? text.slice(fm.end) : text;
  // Only the head is read (a 10 MB one-line file must not cost a 10 MB split).
  const lines = body.slice(0, 20000).split(/\r\n|\r|\n/).slice(0, 40);
  const nonEmpty = lines.map((l) => l.trim()).filter((l) => l.length > 0);
  const header = nonEmpty.length > 0 ? DATE_HEADER.exec(nonEmpty[0]) : null;
  const file = baseName(name);
  const fileMatch = /^([a-z][a-z0-9-]{0,30})_(\d{4})-(\d{2})-(\d{2})(?=[_.\s-])/i.exec(file);

  // URL: a line that is only an address, near the top (links inside paragraphs are the story's links).
  if (!meta.url) {
    for (const l of nonEmpty.slice(0, 12)) {
      const m = URL_LINE.exec(l);
      if (!m) continue;
      let host: string | undefined;
      try {
        host = new URL(m[1]).hostname;
      } catch {
        continue;
      }
      if (!outletOfHost(host)) continue;
      meta.url = m[1].replace(/[.,;)]+$/, '');
      meta.how.url = 'address line';
      break;
    }
  }

  // Date: a "date YYYY-MM-DD" header, a line that is only a date, the URL, the file name.
  if (!meta.date) {
    const iso = header ? parseLineDate(header[1]) : undefined;
    if (iso) {
      meta.date = iso;
      meta.how.date = 'date header';
    } else {
      for (const l of nonEmpty.slice(0, 15)) {
        const d = parseLineDate(l);
        if (d) {
          meta.date = d;
          meta.how.date = `dateline "${l}"`;
          break;
        }
      }
    }
  }
  if (!meta.date && meta.url) {
    const m = /(?:^|[\/_-])((?:19|20)\d{2})([-\/]?)(\d{2})\2(\d{2})(?:[\/_.-]|$)/.exec(meta.url.replace(/^https?:\/\/[^/]+/, '').replace(/[?#].*$/, ''));
    const iso = m ? isoDate(+m[1], +m[3], +m[4]) : undefined;
    if (iso) {
      meta.date = iso;
      meta.how.date = 'date in the URL';
    }
  }
  if (!meta.date) {
    const m = /(?:^|[^\d])((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/.exec(file);
    const iso = m ? isoDate(+m[1], +m[2], +m[3]) : undefined;
    if (iso) {
      meta.date = iso;
      meta.how.date = 'date in the file name';
    }
  }

  if (!meta.title) {
    const title = findTitle(nonEmpty, header);
    if (title) {
      meta.title = title.text;
      meta.how.title = title.how;
      if (title.outlet && !meta.outlet) {
        meta.outlet = title.outlet;
        meta.how.outlet = 'the page title';
      }
    }
  }

  if (!meta.author) {
    const author = findAuthor(nonEmpty, meta.title) ?? findCredit(body);
    if (author) {
      meta.author = author.name;
      meta.how.author = author.how;
    }
  }

  if (!meta.outlet && meta.url) {
    try {
      const o = outletOfHost(new URL(meta.url).hostname);
      if (o) {
        meta.outlet = o;
        meta.how.outlet = "the URL's site";
      }
    } catch {
      // an unparsable URL gives no outlet
    }
  }
  if (!meta.outlet && fileMatch) {
    const o = outletOfSlug(fileMatch[1]);
    if (o) {
      meta.outlet = o;
      meta.how.outlet = `the file name ("${fileMatch[1]}_…")`;
    }
  }
  if (!meta.outlet) {
    const o = findDatelineOutlet(nonEmpty, meta.title);
    if (o) {
      meta.outlet = o.outlet;
      meta.how.outlet = o.how;
    }
  }
  if (!meta.outlet) {
    // "© 2022 The Guardian", "Copyright 2016 The Associated Press": a known outlet's name only.
    const tail = body.slice(-3000).split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean).slice(-8);
    for (const l of [...nonEmpty.slice(0, 5), ...tail]) {
      const m = /^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:[-–]\d{2,4})?\s+)?([^.,;|]{2,40}?)\.?(?:\s+all rights reserved\.?)?$/i.exec(l);
      const o = m ? knownOutletName(m[1]) : undefined;
      if (o) {
        meta.outlet = o;
        meta.how.outlet = `copyright line "${l}"`;
        break;
      }
    }
  }
  return meta;
}

// Wire datelines: a place in capitals, perhaps a day, then the agency.
const PLACE = String.raw`\p{Lu}[\p{Lu}\p{M}'.-]*(?:\s+\p{Lu}[\p{Lu}\p{M}'.-]*){0,3}(?:,\s*\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?)?`;
const DAY = String.raw`(?:[,.]?\s*(?:\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}|\d{1,2}\s+\p{Lu}\p{Ll}{2,8})(?:,?\s+\d{4})?)?`;
const KNOWN_DATELINE = new RegExp(String.raw`^(${PLACE}${DAY})(?:[.,]\s*|\s*[(/]\s*)(${AGENCY_PATTERN})(?:\s*[)/]\s*[.]?)?(?=\s*[\u2014\u2013:-]|\s+\p{Lu}|\s*$)`, 'u');
const PAREN_DATELINE = new RegExp(String.raw`^(${PLACE}${DAY})\s*\((\p{Lu}[\p{L}&.' ]{0,28}\p{L})\)\s*[\u2014\u2013-]`, 'u');

/** A wire dateline's agency: "ASTANA. KAZINFORM Official…", "MOSCOW, Sept 26 (Reuters) -", "WASHINGTON (AP) —", "MOSCOW, 26 September. /TASS/". */
function findDatelineOutlet(lines: string[], title: string | undefined): { outlet: string; how: string } | undefined {
  for (const l of lines.slice(0, 20)) {
    if (l === title) continue;
    const k = KNOWN_DATELINE.exec(l);
    if (k && /\p{Lu}{2}/u.test(k[1])) {
      const o = outletOfAgency(k[2].replace(/\s+/g, ' '));
      if (o) return { outlet: o, how: `agency dateline "${k[0].trim()}"` };
    }
    const p = PAREN_DATELINE.exec(l);
    if (p && /^\p{Lu}{2}/u.test(p[1]) && !MONTH_OR_DAY.test(p[2])) {
      return { outlet: outletOfAgency(p[2]) ?? knownOutletName(p[2]) ?? unshout(p[2]), how: `dateline "${p[0].trim()}"` };
    }
  }
  return undefined;
}

/** A line that is page furniture or metadata, not the story: a date, an address, a byline, navigation. */
function isMetaLine(l: string): boolean {
  return NAV_LINE.test(l) || !!parseLineDate(l) || URL_LINE.test(l) || /^by\s/i.test(l) || /^(?:updated|published|posted)\b/i.test(l);
}

function findAuthor(lines: string[], title: string | undefined): { name: string; how: string } | undefined {
  // "By Geeta Mohan: Kazakhstan…", "By Jane Doe and John Roe | Reuters", "BY JANE DOE".
  for (const l of lines.slice(0, 12)) {
    const by = /^by[:\s]\s*((?:[\p{L}.'\u2019-]+|&)(?:\s+(?:[\p{L}.'\u2019-]+|&)){0,10}?)\s*(?:[:|\u2014\u2013]|,\s*(?=\p{Lu}|$)|\s-\s|$)/iu.exec(l);
    if (!by || !/^by/i.test(l) || !/^B/.test(l)) continue;
    const raw = by[1].replace(/[.,]$/, '');
    const name = personName(/\p{Ll}/u.test(raw) ? raw : raw.replace(/\p{Lu}+/gu, (w) => (w === 'AND' ? 'and' : w[0] + w.slice(1).toLowerCase())));
    if (name) return { name, how: 'byline ("By …")' };
  }
  // A name alone on its line in the page's head, beside the date or an "Updated" line
  // ("Aldgra Fredly" / "Updated:"): the way copied web pages show their byline.
  const head = lines.slice(0, 10);
  for (let i = 1; i < head.length; i++) {
    const l = head[i];
    if (l === title || l.length > 60) continue;
    const next = head[i + 1] ?? '';
    const prev = head[i - 1] ?? '';
    const besideDate = [next, prev].some((n) => !!parseLineDate(n) || /^(?:updated|published|posted)\b/i.test(n));
    if (!besideDate) continue;
    const name = personName(l);
    if (name) return { name, how: 'byline beside the date' };
  }
  return undefined;
}

/** A wire story's closing credit: "(Reporting by Amanda Becker in Washington; Editing by …)". */
function findCredit(body: string): { name: string; how: string } | undefined {
  const tail = body.slice(-1500).split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean).slice(-4);
  for (const l of tail) {
    const m = /^\(?(?:Reporting|Reported) by ([\p{L}.'\u2019 -]+?)(?:\s+in\s+\p{Lu}[\p{L} ]*)?\s*(?:[;)]|$)/u.exec(l);
    const name = m ? personName(m[1]) : undefined;
    if (name) return { name, how: 'credit line ("Reporting by …")' };
  }
  return undefined;
}

function findTitle(lines: string[], header: RegExpExecArray | null): { text: string; how: string; outlet?: string } | undefined {
  const withOutlet = (text: string, how: string) => {
    // "Headline | Reuters", "Headline - BBC News": a known outlet's name after a separator.
    const m = /^(.{10,}?)\s+[|\u2014\u2013-]\s+([^|\u2014\u2013-]{2,40})$/.exec(text);
    const outlet = m ? knownOutletName(m[2].replace(/\s+(?:news|online|\.com)$/i, '')) ?? knownOutletName(m[2]) : undefined;
    return outlet ? { text: m![1].trim(), how, outlet } : { text, how };
  };
  // A headline that a page repeats (in the <title> and again above the story).
  // Near the top and close together: a table's repeated rows ("Avg shrs …") are neither.
  const head = lines.slice(0, 7);
  for (let i = 0; i < head.length; i++) {
    const l = head[i];
    const again = lines.indexOf(l, i + 1);
    if (again > i && again - i <= 3 && head.slice(0, i).every((h) => h.length <= 80) && l.length < 200 && /\p{Ll}/u.test(l) && !isMetaLine(l) && !/[.]$/.test(l) && !DATE_HEADER.test(l)) {
      return withOutlet(l, 'headline repeated on the page');
    }
  }
  // Else the first line, when it reads as a headline: short, one sentence. A first line that is
  // a paragraph ("date 2022-09-28 An ally of Russia, …") has no title: unknown, not its first sentence.
  const i = lines.findIndex((l) => {
    const rest = l.replace(DATE_HEADER, '').trim();
    return rest !== '' && !isMetaLine(rest);
  });
  if (i < 0 || i > 2) return undefined;
  const first = lines[i];
  if (i === 0 && header && header[0].length < first.length) return undefined; // the header runs into the story
  const t = first.replace(/\s*[;:]$/, '').trim();
  if (t.length > 160 || t.length < 3) return undefined;
  const sentences = t.replace(/\b(?:\p{Lu}\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|Gen|Jr|Sr|No|vs|Inc|Co|Corp|Ltd)\./gu, 'x').split(/[.!?]["\u201D\u2019']?\s+(?=["\u201C\u2018']?\p{Lu})/u);
  // A wire headline in capitals abbreviates freely ("MINN. BANK, OKLA. THRIFT ACTIONS TAKEN").
  // So does one in title case ("… Isn’t True. Not Yet, At Least.").
  const words = t.split(/\s+/);
  const titleCase = words.filter((w) => /^["\u201C\u2018']?\p{Lu}/u.test(w)).length >= 0.7 * words.length;
  if (/\p{Ll}/u.test(t) && !titleCase && (sentences.length > 2 || (sentences.length === 2 && t.length > 100))) return undefined;
  return withOutlet(t, i === 0 ? 'first line' : 'headline');
}
