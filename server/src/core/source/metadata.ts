// A source's provenance: title, outlet, author, date, URL. From YAML front matter when
// present, otherwise from heuristics that work on real pages and wire copy. A field
// the text does not give stays undefined: never invent metadata.

import { parse as parseYaml } from 'yaml';
import { frontMatterRange } from '../text/markup';

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

/** A whole-line date as news pages print one: 2022-09-26, 20220618, 26 September 2022[, 13:35], Sept. 26, 2022. */
export function parseLineDate(line: string): string | undefined {
  const s = line.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ,][\d:]+.*)?$/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(?:\p{L}+,?\s+)?(\d{1,2})\s+(\p{L}+)\.?,?\s+(\d{4})(?:[,\s]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?(?:\s+\p{Lu}{2,5})?$/iu.exec(s);
  if (m && MONTHS[m[2].toLowerCase()]) return isoDate(+m[3], MONTHS[m[2].toLowerCase()], +m[1]);
  m = /^(?:\p{L}+,?\s+)?(\p{L}+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:[,\s]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?(?:\s+\p{Lu}{2,5})?$/iu.exec(s);
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
const URL_RE = /\bhttps?:\/\/[^\s<>"'\u201C\u201D]+/;
const NAV_LINE = /(^|\s)[>»›|]\s*$|^\s*(home|main page|news|menu|search|read also|related news|popular|archive|share|subscribe|updated:?|advertisement)\s*[>»›|]?\s*$/i;

/** Reads a source's metadata. `name` is used in problem messages. */
export function extractMetadata(text: string, name: string): SourceMeta {
  const meta: SourceMeta = { how: {}, problems: [] };
  fromFrontMatter(text, meta, name);
  const fm = frontMatterRange(text);
  const body = fm ? text.slice(fm.end) : text;
  const lines = body.split(/\r\n|\r|\n/).slice(0, 40);
  const nonEmpty = lines.map((l) => l.trim()).filter((l) => l.length > 0);

  // Date: a "date YYYY-MM-DD" header, then a line that is only a date, then a date in the URL.
  if (!meta.date) {
    const header = nonEmpty.length > 0 ? DATE_HEADER.exec(nonEmpty[0]) : null;
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

  if (!meta.url) {
    for (const l of nonEmpty.slice(0, 15)) {
      const m = URL_RE.exec(l);
      if (m) {
        meta.url = m[0].replace(/[.,;)]+$/, '');
        meta.how.url = 'URL in the text';
        break;
      }
    }
  }
  if (!meta.date && meta.url) {
    const m = /(?:^|[\/_-])(20\d{2}|19\d{2})[-\/]?(\d{2})[-\/]?(\d{2})(?:[\/_.-]|$)/.exec(meta.url.replace(/^https?:\/\/[^/]+/, ''));
    const iso = m ? isoDate(+m[1], +m[2], +m[3]) : undefined;
    if (iso) {
      meta.date = iso;
      meta.how.date = 'date in the URL';
    }
  }

  if (!meta.title) {
    const title = findTitle(nonEmpty);
    if (title) {
      meta.title = title.text;
      meta.how.title = title.how;
    }
  }

  if (!meta.author) {
    for (const l of nonEmpty.slice(0, 12)) {
      const by = /^by\s+(\p{Lu}[\p{L}'.-]+(?:\s+(?:\p{Lu}[\p{L}'.-]+|van|von|de|der|al|bin|and|&)){0,4})\s*(?:[:,|\u2014\u2013-]|$)/u.exec(l);
      if (by) {
        meta.author = by[1].trim();
        meta.how.author = 'byline ("By …")';
        break;
      }
    }
  }
  if (!meta.author) {
    // A byline line: two to four capitalised words and nothing else, near the top, not the title.
    for (const l of nonEmpty.slice(1, 8)) {
      if (l === meta.title) continue;
      if (/^\p{Lu}[\p{Ll}'-]+(?:\s+\p{Lu}[\p{Ll}'-]+){1,3}$/u.test(l) && !NAV_LINE.test(l) && !/\s(News|Archive|Page|Online|Times|Post)$/.test(l)) {
        meta.author = l;
        meta.how.author = 'byline line';
        break;
      }
    }
  }

  if (!meta.outlet && meta.url) {
    try {
      meta.outlet = new URL(meta.url).hostname.replace(/^www\./, '');
      meta.how.outlet = "the URL's site";
    } catch {
      // an unparsable URL gives no outlet
    }
  }
  if (!meta.outlet) {
    // A wire dateline: "ASTANA. KAZINFORM", "MOSCOW (Reuters)", "LONDON, Sept 26 (AP)".
    for (const l of nonEmpty.slice(0, 20)) {
      const m = /^\p{Lu}[\p{Lu} .-]{1,30}?(?:[.,]\s*|\s+\(|\s*\u2014\s*)(\p{Lu}{3,}|Reuters|AP|AFP|TASS|Xinhua|Interfax|Anadolu)\b/u.exec(l);
      if (m) {
        meta.outlet = m[1];
        meta.how.outlet = `agency dateline "${l.slice(0, m[0].length).trim()}"`;
        break;
      }
    }
  }
  return meta;
}

function findTitle(lines: string[]): { text: string; how: string } | undefined {
  // A headline that a page repeats (in the <title> and again above the story).
  const head = lines.slice(0, 15);
  for (let i = 0; i < head.length; i++) {
    const l = head[i];
    if (l.length < 200 && !NAV_LINE.test(l) && !/[.]$/.test(l) && head.indexOf(l, i + 1) > i && !DATE_HEADER.test(l)) {
      return { text: l, how: 'headline repeated on the page' };
    }
  }
  const first = lines.find((l) => !NAV_LINE.test(l));
  if (!first) return undefined;
  let t = first.replace(DATE_HEADER, '').trim();
  if (!t) return undefined;
  // A first line that is a whole paragraph: its first sentence stands for the title.
  if (t.length > 150 || /[.!?]\s+\p{Lu}/u.test(t)) {
    // Only the head is searched: a title is cut to 200 characters anyway, and a lazy
    // match over a 10 MB line overflows the regular-expression stack.
    const m = /^(.{20,}?[.!?])\s+(?=\p{Lu})/u.exec(t.slice(0, 400));
    if (m) t = m[1];
    return { text: t.length > 200 ? t.slice(0, 197) + '…' : t, how: 'first sentence' };
  }
  return { text: t, how: 'first line' };
}
