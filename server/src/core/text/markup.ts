// Hides what is not prose, so that quotes are never found in it, without moving any
// offset: masked characters become spaces and line breaks are kept. Markdown code
// (fenced and inline), HTML comments (which also carry ignore directives), front
// matter, link targets and HTML tags.

export function blank(text: string, start: number, end: number, out: string[]): void {
  for (let i = start; i < end; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
}

/**
 * Masks YAML front matter, HTML comments, fenced and inline code, and link targets in
 * markdown. `keepComments` leaves comments visible, for reading ignore directives.
 */
export function maskMarkdown(text: string, options: { keepComments?: boolean } = {}): string {
  const out = text.split('');
  maskFrontMatter(text, out);
  if (!options.keepComments) maskHtmlComments(text, out);
  // Fenced code blocks: ``` or ~~~ up to the matching fence, or the end of the text.
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let m: RegExpExecArray | null;
  while ((m = fence.exec(text))) {
    const marker = m[1];
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'gm');
    close.lastIndex = m.index + m[0].length;
    const c = close.exec(text);
    const end = c ? c.index + c[0].length : text.length;
    blank(text, m.index, end, out);
    fence.lastIndex = end;
  }
  // Inline code: a run of backticks closed by a run of the same length, within a paragraph.
  maskInlineCode(out.join(''), text, out);
  const masked = out.join('');
  // Link and image targets: [text](target) keeps the text, hides the target.
  const link = /\]\([^)\s]*(?:\s+"[^"\n]*")?\)/g;
  while ((m = link.exec(masked))) blank(text, m.index + 1, m.index + m[0].length, out);
  // Autolinks and bare HTML tags.
  const tag = /<\/?[A-Za-z][^<>\n]*>/g;
  while ((m = tag.exec(masked))) blank(text, m.index, m.index + m[0].length, out);
  return out.join('');
}

/** Masks HTML comments only: plaintext drafts carry ignore directives in them too. */
export function maskPlaintext(text: string): string {
  if (!text.includes('<!--')) return text; // shares the string: no second copy of every source
  const out = text.split('');
  maskHtmlComments(text, out);
  return out.join('');
}

function maskInlineCode(masked: string, text: string, out: string[]): void {
  let i = 0;
  while (i < masked.length) {
    if (masked[i] !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (masked[j] === '`') j++;
    const run = j - i;
    // Look for a closing run of exactly `run` backticks before a blank line.
    let k = j;
    let close = -1;
    while (k < masked.length) {
      if (masked[k] === '\n' && /^\n[ \t]*\r?\n/.test(masked.slice(k, k + 4))) break;
      if (masked[k] === '`') {
        let e = k;
        while (masked[e] === '`') e++;
        if (e - k === run) {
          close = e;
          break;
        }
        k = e;
      } else {
        k++;
      }
    }
    if (close < 0) {
      i = j; // an unmatched run is literal text
      continue;
    }
    blank(text, i, close, out);
    i = close;
  }
}

function maskHtmlComments(text: string, out: string[]): void {
  let i = text.indexOf('<!--');
  while (i >= 0) {
    const end = text.indexOf('-->', i + 4);
    const stop = end < 0 ? text.length : end + 3;
    blank(text, i, stop, out);
    i = text.indexOf('<!--', stop);
  }
}

/** Front matter: a first line of ---, up to the next line of --- or .... */
export function frontMatterRange(text: string): { start: number; end: number; body: string } | undefined {
  const m = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!m) return undefined;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(m[0].length);
  const c = close.exec(rest);
  if (!c) return undefined;
  const end = m[0].length + c.index + c[0].length;
  return { start: 0, end, body: rest.slice(0, c.index) };
}

function maskFrontMatter(text: string, out: string[]): void {
  const fm = frontMatterRange(text);
  if (fm) blank(text, fm.start, fm.end, out);
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ldquo: '\u201C', rdquo: '\u201D', lsquo: '\u2018',
  rsquo: '\u2019', laquo: '\u00AB', raquo: '\u00BB', hellip: '\u2026', mdash: '\u2014', ndash: '\u2013', bdquo: '\u201E',
};

/**
 * Turns HTML into text with the same offsets: tags, scripts and styles become spaces;
 * an entity becomes its character followed by spaces, so quote marks written as
 * &ldquo; still delimit quotes and every offset still points into the original file.
 */
export function htmlToText(html: string): string {
  const out = html.split('');
  let m: RegExpExecArray | null;
  const blocks = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
  while ((m = blocks.exec(html))) blank(html, m.index, m.index + m[0].length, out);
  maskHtmlComments(html, out);
  const tag = /<\/?[A-Za-z!][^<>]*>/g;
  while ((m = tag.exec(html))) {
    // A block-level tag ends a paragraph: keep a line break so sentences do not run together.
    const block = /^<\/?(p|div|br|h[1-6]|li|ul|ol|blockquote|tr|td|th|section|article|header|footer|title)\b/i.test(m[0]);
    blank(html, m.index, m.index + m[0].length, out);
    if (block) out[m.index] = '\n';
  }
  const entity = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
  while ((m = entity.exec(html))) {
    if (out[m.index] === ' ') continue; // inside a masked region
    const name = m[1];
    let ch: string | undefined;
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (code > 0 && code < 0x10000) ch = String.fromCharCode(code);
    } else {
      ch = ENTITIES[name.toLowerCase()];
    }
    if (ch === undefined) continue;
    blank(html, m.index, m.index + m[0].length, out);
    out[m.index] = ch;
  }
  return out.join('');
}
