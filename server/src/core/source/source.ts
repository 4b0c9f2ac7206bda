// A source article, read once: its original text (every offset points into it), the
// prose Source Check reads (markup hidden without moving offsets), its metadata and
// its sentences.

import { htmlToText, maskMarkdown, maskPlaintext } from '../text/markup';
import { splitSentences, Span } from '../text/sentences';
import { LineIndex } from '../text/lines';
import { extractMetadata, SourceMeta } from './metadata';

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
  if (format === 'html') return htmlToText(text);
  if (format === 'markdown') return maskMarkdown(text);
  return maskPlaintext(text);
}

export function parseSource(id: string, uri: string, text: string, format: SourceFormat = formatOf(id)): SourceDoc {
  const prose = proseOf(text, format);
  // A fresh copy of every metadata string: a substring can keep its whole article alive.
  const meta = JSON.parse(JSON.stringify(extractMetadata(format === 'html' ? prose : text, id))) as SourceMeta;
  if (format === 'html' && !meta.title) {
    const t = /<title[^>]*>([^<]*)<\/title>/i.exec(text);
    if (t && t[1].trim()) {
      meta.title = t[1].trim();
      meta.how.title = '<title>';
    }
  }
  return { id, uri, text, prose, meta, sentences: splitSentences(prose), lines: new LineIndex(text) };
}

/** The sentence index containing an offset (or the nearest one before it). */
export function sentenceAt(doc: SourceDoc, offset: number): number {
  const s = doc.sentences;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
