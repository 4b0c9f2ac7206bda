// Markdown for hovers and reports. Source text is untrusted: every piece of it is
// escaped, so a source holding links, command: URIs, HTML or script shows as text.

const SPECIAL = /[\\`*_{}\[\]()#+\-.!|<>~&:"']/g;

export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c)).replace(/\r?\n|\r/g, ' ');
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
