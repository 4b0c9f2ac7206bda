// A source article, read once: its original text (every offset points into it), the
// prose Source Check reads (markup hidden without moving offsets), its metadata and
// its sentences.

import { htmlToText, maskMarkdown, maskPlaintext } from '../text/markup';
import { repairMojibake, repairMojibakeString } from '../text/mojibake';
import { splitSentences, Span } from '../text/sentences';
import { LineIndex } from '../text/lines';
import { extractMetadata, SourceMeta } from './metadata';
import { extractSourceFacts, Fact, MAX_FACTS } from '../facts/extract';
import { attributeQuotes, TextAttributions } from '../speakers/attribute';

export interface SourceDoc {
  /** Stable identity: the path relative to its workspace folder (or an archive's path). */
  id: string;
  /** Where the file is, for go-to-source: a file URI or another URI scheme. */
  uri: string;
  text: string;
  prose: string;
  meta: SourceMeta;
  sentences: Span[];
  lines: LineIndex;
  /** Its quotations and reported speech with their speakers, and the people it names. */
  speakers: TextAttributions;
  /** Its figures and dates, with contexts (relative dates resolved against meta.date). */
  facts: Fact[];
  /** The abbreviations it spells out ("dpr" → donetsk people's republic), for the corpus alias table. */
  abbreviations: Array<[string, string[]]>;
}

export type SourceFormat = 'text' | 'markdown' | 'html';

export function formatOf(path: string): SourceFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.md') || p.endsWith('.markdown')) return 'markdown';
  if (p.endsWith('.html') || p.endsWith('.htm')) return 'html';
  return 'text';
}

/** The text Source Check reads, with every offset still pointing into `text`. */
export function proseOf(text: string, format: SourceFormat): string {
  const masked = format === 'html' ? htmlToText(text) : format === 'markdown' ? maskMarkdown(text) : maskPlaintext(text);
  // Double-encoded UTF-8 ("GÃ¼len") read as what it stands for, the same length (text/mojibake.ts).
  return repairMojibake(masked);
}

export function parseSource(id: string, uri: string, text: string, format: SourceFormat = formatOf(id)): SourceDoc {
  const prose = proseOf(text, format);
  // A fresh copy of every metadata string: a substring can keep its whole article alive.
  const meta = JSON.parse(JSON.stringify(extractMetadata(format === 'html' ? prose : text, id))) as SourceMeta;
  for (const field of ['title', 'outlet', 'author'] as const) if (meta[field]) meta[field] = repairMojibakeString(meta[field]);
  if (format === 'html' && !meta.title) {
    const t = /<title[^>]*>([^<]*)<\/title>/i.exec(text);
    if (t && t[1].trim()) {
      meta.title = t[1].trim();
      meta.how.title = '<title>';
    }
  }
  const sentences = splitSentences(prose);
  // Facts are extracted at indexing (they are what the index posts); speakers on first use.
  const { facts, abbreviations } = extractSourceFacts(prose, sentences, meta.date);
  if (facts.length >= MAX_FACTS) {
    const upTo = facts[facts.length - 1].sentence.end;
    meta.problems.push(`${id}: over ${MAX_FACTS.toLocaleString('en')} figures and dates (a table or a list of numbers?); only those in its first ${Math.round((upTo / Math.max(1, prose.length)) * 100)}% are checked against`);
  }
  return withLazySpeakers({ id, uri, text, prose, meta, sentences, lines: new LineIndex(text), facts, abbreviations } as SourceDoc, () => ({ prose, sentences }));
}

const attributed = new WeakMap<SourceDoc, TextAttributions>();

/** A lazy source's speakers if a check has had them attributed (the index cache keeps them), without attributing them. */
export function attributedSpeakers(doc: SourceDoc): TextAttributions | undefined {
  return attributed.get(doc);
}

/**
 * Gives `doc` a `speakers` property computed on first use. Attribution costs about a
 * millisecond an article: done for every source at indexing it would dominate the time to
 * index a large corpus, while a check needs it only for the few sources its quotes match.
 * Not enumerable, so copies leave it out (it is derived from the text; a snapshot stores it apart: attributedSpeakers).
 */
export function withLazySpeakers(doc: SourceDoc, read: () => { prose: string; sentences: Span[] }): SourceDoc {
  Object.defineProperty(doc, 'speakers', {
    get: () => {
      let memo = attributed.get(doc);
      if (!memo) {
        const { prose, sentences } = read();
        attributed.set(doc, (memo = attributeQuotes(prose, sentences)));
      }
      return memo;
    },
    enumerable: false,
    configurable: true,
  });
  return doc;
}
