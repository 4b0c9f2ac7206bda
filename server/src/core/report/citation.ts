// A citation for a source, from its metadata: for Copy Citation and Insert Citation.
// Unknown fields are left out, never guessed.

import { escapeInline } from './markdown';
import type { Fix } from '../check/findings';
import { reporterDate } from '../text/dateStyle';

/** The metadata a citation uses (SourceMeta, or its protocol form with nulls). */
export interface CitationFields {
  title?: string | null;
  outlet?: string | null;
  author?: string | null;
  date?: string | null;
  url?: string | null;
}

/** "Title. Outlet, by Author, 18 June 2022. https://…" */
export function citationText(meta: CitationFields, id: string): string {
  const head = meta.title ?? id;
  const facts = [meta.outlet, meta.author ? `by ${meta.author}` : undefined, meta.date ? reporterDate(meta.date) : undefined].filter(Boolean).join(', ');
  return [head, facts, meta.url].filter(Boolean).map((s) => s!.replace(/\s+/g, ' ').trim().replace(/\.$/, '')).join('. ') + '.';
}

/** The citation as Markdown for the writer's draft: the title linked to the URL when there is one. */
export function citationMarkdown(meta: CitationFields, id: string, escape: (s: string) => string = escapeInline): string {
  const title = escape(meta.title ?? id);
  const head = meta.url && /^https?:\/\/\S+$/i.test(meta.url) ? `[${title}](<${meta.url.replace(/[<>\s]/g, encodeURIComponent)}>)` : title;
  const facts = [meta.outlet, meta.author ? `by ${meta.author}` : undefined, meta.date ? reporterDate(meta.date) : undefined].filter(Boolean).map((s) => escape(s!)).join(', ');
  return [head, facts].filter(Boolean).join('. ') + '.';
}

/** The end of a quotation's closing punctuation and mark, from the end of its words. */
function afterClosingMark(text: string, end: number): number {
  const m = /^[,.;:!?…]*["\u201D\u201C\u00BB\u00AB\u2019\u2018\u203A'][,.;:!?]?/.exec(text.slice(end, end + 4));
  return end + (m ? m[0].length : 0);
}

/** A label's part from a name: lower case, letters and digits joined by hyphens ("The New York Times" → "new-york-times"). */
function slug(s: string, max = 30): string {
  const t = s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+/, '');
  return t.slice(0, max).replace(/-+$/, '');
}

/**
 * The footnote label a reporter would write for a source: its outlet (else its author's
 * surname) and its date, "kazinform-2022-09-26" (a label, not read as a date: ISO sorts and slugs); the file name ("000_03b0a985a00a2f0a") when
 * the source gives neither outlet nor author.
 */
export function footnoteLabel(meta: CitationFields, id: string): string {
  const firstAuthor = meta.author?.split(/\s*(?:,|\band\b|&)\s*/)[0];
  const who = (meta.outlet && slug(meta.outlet)) || (firstAuthor && slug(firstAuthor.trim().split(/\s+/).pop()!)) || '';
  if (who) return meta.date ? `${who}-${meta.date}` : who;
  const base = id.split('/').pop()!.replace(/\.[^.]+$/, '');
  return base.replace(/[^\w-]+/g, '-').slice(0, 40) || 'source';
}

/** The text of the draft's footnote `[^label]: …`, or undefined when the draft does not define it. */
function footnoteDefinition(text: string, label: string): string | undefined {
  const m = new RegExp(`^\\[\\^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]:[ \\t]*(.*)$`, 'm').exec(text);
  return m ? m[1].trim() : undefined;
}

/**
 * The edits that cite a source after a quotation: in Markdown a footnote reference
 * after the closing mark and, unless the draft already has it, the footnote at the
 * end; in plain text the citation in brackets after the closing mark. A label another
 * source's footnote already uses gets a number ("reuters-2022-09-26-2").
 */
export function citationEdits(text: string, claimEnd: number, format: 'markdown' | 'text', meta: CitationFields, id: string): Fix[] {
  const at = afterClosingMark(text, claimEnd);
  if (format === 'text') return [{ title: 'Insert Citation', start: at, end: at, newText: ` [${citationText(meta, id)}]` }];
  const base = footnoteLabel(meta, id);
  const mine = citationMarkdown(meta, id);
  // The same source: its footnote as Source Check writes it, or one the writer edited that still names its title or address.
  const isThisSource = (def: string) => def === mine || def.includes(escapeInline(meta.title ?? id)) || (!!meta.url && def.includes(meta.url));
  let label = base;
  let defined = false;
  for (let n = 2; ; n++) {
    const def = footnoteDefinition(text, label);
    if (def === undefined) break;
    if (isThisSource(def)) {
      defined = true;
      break;
    }
    label = `${base}-${n}`;
  }
  const edits: Fix[] = [{ title: 'Insert Citation', start: at, end: at, newText: `[^${label}]` }];
  if (!defined) {
    const sep = text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    edits.push({ title: 'Insert Citation', start: text.length, end: text.length, newText: `${sep}[^${label}]: ${mine}\n` });
  }
  return edits;
}
