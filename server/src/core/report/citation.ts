// A citation for a source, from its metadata: for Copy Citation and Insert Citation.
// Unknown fields are left out, never guessed.

import { escapeInline } from './markdown';
import type { Fix } from '../check/findings';

/** The metadata a citation uses (SourceMeta, or its protocol form with nulls). */
export interface CitationFields {
  title?: string | null;
  outlet?: string | null;
  author?: string | null;
  date?: string | null;
  url?: string | null;
}

/** "Title. Outlet, by Author, 2022-06-18. https://…" */
export function citationText(meta: CitationFields, id: string): string {
  const head = meta.title ?? id;
  const facts = [meta.outlet, meta.author ? `by ${meta.author}` : undefined, meta.date].filter(Boolean).join(', ');
  return [head, facts, meta.url].filter(Boolean).map((s) => s!.replace(/\s+/g, ' ').trim().replace(/\.$/, '')).join('. ') + '.';
}

/** The citation as Markdown for the writer's draft: the title linked to the URL when there is one. */
export function citationMarkdown(meta: CitationFields, id: string, escape: (s: string) => string = escapeInline): string {
  const title = escape(meta.title ?? id);
  const head = meta.url && /^https?:\/\/\S+$/i.test(meta.url) ? `[${title}](<${meta.url.replace(/[<>\s]/g, encodeURIComponent)}>)` : title;
  const facts = [meta.outlet, meta.author ? `by ${meta.author}` : undefined, meta.date].filter(Boolean).map((s) => escape(s!)).join(', ');
  return [head, facts].filter(Boolean).join('. ') + '.';
}

/** The end of a quotation's closing punctuation and mark, from the end of its words. */
function afterClosingMark(text: string, end: number): number {
  const m = /^[,.;:!?…]*["\u201D\u201C\u00BB\u00AB\u2019\u2018\u203A'][,.;:!?]?/.exec(text.slice(end, end + 4));
  return end + (m ? m[0].length : 0);
}

/** A footnote label from a source id: "seeds/000_03b0.txt" → "000_03b0". */
function footnoteLabel(id: string): string {
  const base = id.split('/').pop()!.replace(/\.[^.]+$/, '');
  return base.replace(/[^\w-]+/g, '-').slice(0, 40) || 'source';
}

/**
 * The edits that cite a source after a quotation: in Markdown a footnote reference
 * after the closing mark and, unless the draft already has it, the footnote at the
 * end; in plain text the citation in brackets after the closing mark.
 */
export function citationEdits(text: string, claimEnd: number, format: 'markdown' | 'text', meta: CitationFields, id: string): Fix[] {
  const at = afterClosingMark(text, claimEnd);
  if (format === 'text') return [{ title: 'Insert Citation', start: at, end: at, newText: ` [${citationText(meta, id)}]` }];
  const label = footnoteLabel(id);
  const edits: Fix[] = [{ title: 'Insert Citation', start: at, end: at, newText: `[^${label}]` }];
  const defined = new RegExp(`^\\[\\^${label.replace(/[-]/g, '\\-')}\\]:`, 'm').test(text);
  if (!defined) {
    const sep = text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    edits.push({ title: 'Insert Citation', start: text.length, end: text.length, newText: `${sep}[^${label}]: ${citationMarkdown(meta, id)}\n` });
  }
  return edits;
}
