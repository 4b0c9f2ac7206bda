// Markdown for hovers and reports. Source text is untrusted: every piece of it is
// escaped, so a source holding links, command: URIs, HTML or script shows as text.

const SPECIAL = /[\\`*_{}\[\]()#+\-.!|<>~&:"']/g;

/**
 * Bidirectional embeddings, overrides and isolates, and control characters other than tab and
 * line breaks: escaped or not, an override reorders what the hover displays (the words read
 * differently from what the source holds), so each is shown by its code (`\u202E`), as the CLI does.
 */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function escapeMarkdown(text: string): string {
  return text
    .replace(SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c))
    .replace(/\r?\n|\r/g, ' ')
    .replace(UNSAFE, (c) => '\\\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
}

/** Escaped text with the given ranges in bold. Ranges are offsets into `text`, sorted, not overlapping. */
export function markRanges(text: string, marks: ReadonlyArray<{ start: number; end: number }>): string {
  let out = '';
  let pos = 0;
  for (const m of marks) {
    if (m.start < pos || m.end <= m.start) continue;
    out += escapeMarkdown(text.slice(pos, m.start)) + '**' + escapeMarkdown(text.slice(m.start, m.end)) + '**';
    pos = m.end;
  }
  return out + escapeMarkdown(text.slice(pos));
}

/**
 * Lighter escaping for text put into the writer's own Markdown (an inserted citation):
 * only what would turn into links, emphasis, code or HTML, so the draft stays readable.
 */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_\[\]<>]/g, '\\$&').replace(/\r?\n|\r/g, ' ');
}
