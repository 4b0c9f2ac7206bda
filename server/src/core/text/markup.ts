// Hides what is not prose, so that quotes are never found in it, without moving any
// offset: masked characters become spaces and line breaks are kept. Markdown code
// (fenced and inline), HTML comments (which also carry ignore directives), front
// matter, link targets and HTML tags with their attributes (`datetime="2015-12-02"`), and
// elements that hold no prose in every format: scripts, styles, SVG, iframes and embedded
// posts (`<blockquote class="twitter-tweet">`, a page's `<tweet>`), whose quotes and dates
// are a widget's, not the article's.

export function blank(text: string, start: number, end: number, out: string[]): void {
  for (let i = start; i < end; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
}

/**
 * Masks YAML front matter, HTML comments, fenced and inline code, and link targets in
 * markdown. `keepComments` leaves comments visible, for reading ignore directives.
 */
export function maskMarkdown(text: string, options: { keepComments?: boolean } = {}): string {
  const out = text.split('');
  const hide = (start: number, end: number) => blank(text, start, end, out);
  maskFrontMatter(text, out);
  if (!options.keepComments) maskHtmlComments(text, hide);
  // Fenced code blocks: ``` or ~~~ up to the matching fence, or the end of the text.
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let m: RegExpExecArray | null;
  while ((m = fence.exec(text))) {
    const marker = m[1];
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'gm');
    close.lastIndex = m.index + m[0].length;
    const c = close.exec(text);
    const end = c ? c.index + c[0].length : text.length;
    hide(m.index, end);
    fence.lastIndex = end;
  }
  // Inline code: a run of backticks closed by a run of the same length, within a paragraph.
  maskInlineCode(out.join(''), text, out);
  const masked = out.join('');
  // Link and image targets: [text](target) keeps the text, hides the target.
  maskLinkTargets(masked, text, out);
  // Elements that hold no prose (scripts, embedded posts), then autolinks and bare HTML tags,
  // and tags whose attributes run over several lines.
  if (masked.includes('<')) {
    maskElements(masked, hide);
    const tag = /<\/?[A-Za-z][^<>\n]*>/g;
    while ((m = tag.exec(masked))) hide(m.index, m.index + m[0].length);
    MULTILINE_TAG.lastIndex = 0;
    while ((m = MULTILINE_TAG.exec(masked))) hide(m.index, m.index + m[0].length);
  }
  return out.join('');
}

/** An opening tag with attributes over several lines (`<blockquote class="twitter-tweet"\n data-lang="en">`). Bounded, so linear. */
const MULTILINE_TAG = /<[A-Za-z][\w-]{0,30}(?:\s{1,40}[\w:-]{1,30}(?:\s*=\s*(?:"[^"<>]{0,300}"|'[^'<>]{0,300}'|[^\s"'<>=`]{1,300}))?){1,30}\s{0,40}\/?>/g;

/**
 * Masks HTML comments (plaintext drafts carry ignore directives in them too) and tags that
 * pages leave in their text when saved as plain text: an embedded tweet's
 * `<tweet tweet-date="March 4, 2016">` holds a date and a name that are no prose.
 */
export function maskPlaintext(text: string): string {
  if (!text.includes('<')) return text; // shares the string: no second copy of every source
  // What to hide is found first and the text copied only if there is any: most texts with a '<' hide nothing
  // (Reuters' "<ABC.N>" tickers), and copying one character at a time was most of reading such a source's prose.
  const hidden: number[] = [];
  const hide = (start: number, end: number) => hidden.push(start, end);
  if (text.includes('<!--')) maskHtmlComments(text, hide);
  maskElements(text, hide, { withAttributes: true });
  let m: RegExpExecArray | null;
  PLAIN_TAG.lastIndex = 0;
  while ((m = PLAIN_TAG.exec(text))) hide(m.index, m.index + m[0].length);
  if (hidden.length === 0) return text;
  const out = text.split('');
  for (let i = 0; i < hidden.length; i += 2) blank(text, hidden[i], hidden[i + 1], out);
  return out.join('');
}

/**
 * A tag with attributes (where the dates and names of embeds hide), or a self-closing one ("<tweet/>");
 * a bare "<b>" or "</script>" stays, shown as the source wrote it. Values in straight, single or curly
 * marks (pages pasted through a word processor: `href=”https://…”`), or unquoted. Bounded, so linear.
 */
const PLAIN_TAG = /<[A-Za-z][\w-]{0,30}(?:\s+[\w:-]{1,30}\s*=\s*(?:"[^"<>\n]{0,300}"|'[^'<>\n]{0,300}'|[\u201C\u201D][^\u201C\u201D"<>\n]{0,300}[\u201C\u201D]|[^\s"'\u201C\u201D<>=`]{1,300}))+\s*\/?>|<[A-Za-z][\w-]{0,30}\s*\/>/g;

const LINK_TARGET = /\]\([^)\s]*(?:\s+"[^"\n]*")?\)/y;

function maskLinkTargets(masked: string, text: string, out: string[]): void {
  let at = masked.indexOf('](');
  while (at >= 0) {
    LINK_TARGET.lastIndex = at;
    const m = LINK_TARGET.exec(masked);
    if (m) {
      blank(text, at + 1, at + m[0].length, out);
      at = masked.indexOf('](', at + m[0].length);
      continue;
    }
    // A target that does not close fails for every "](" inside it too: skip past it,
    // or "](](](…" would be scanned once per bracket (quadratic).
    let e = at + 2;
    while (e < masked.length && masked[e] !== ')' && !/\s/.test(masked[e])) e++;
    at = masked.indexOf('](', e);
  }
}

/**
 * Inline code: a run of backticks closed by the next run of the same length in the
 * same paragraph; an unmatched run is literal text. The runs are listed once and each
 * is paired with the next of its length, so no run is searched for more than once.
 */
function maskInlineCode(masked: string, text: string, out: string[]): void {
  const runs: Array<{ start: number; end: number; paragraph: number }> = [];
  let paragraph = 0;
  for (let k = 0; k < masked.length; ) {
    if (masked[k] === '`') {
      let e = k;
      while (masked[e] === '`') e++;
      runs.push({ start: k, end: e, paragraph });
      k = e;
      continue;
    }
    if (masked[k] === '\n' && /^\n[ \t]*\r?\n/.test(masked.slice(k, k + 4))) paragraph++;
    k++;
  }
  const next = new Array<number>(runs.length).fill(-1);
  const later = new Map<string, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    const key = `${runs[r].paragraph}:${runs[r].end - runs[r].start}`;
    next[r] = later.get(key) ?? -1;
    later.set(key, r);
  }
  for (let r = 0; r < runs.length; ) {
    const close = next[r];
    if (close < 0) {
      r++;
      continue;
    }
    blank(text, runs[r].start, runs[close].end, out);
    r = close + 1;
  }
}

function maskHtmlComments(text: string, hide: (start: number, end: number) => void): void {
  let i = text.indexOf('<!--');
  while (i >= 0) {
    const end = text.indexOf('-->', i + 4);
    const stop = end < 0 ? text.length : end + 3;
    hide(i, stop);
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
  const hide = (start: number, end: number) => blank(html, start, end, out);
  maskElements(html, hide);
  maskHtmlComments(html, hide);
  const tag = /<\/?[A-Za-z!][^<>]*>/g;
  while ((m = tag.exec(html))) {
    // A block-level tag ends a paragraph: keep a line break so sentences do not run together.
    const block = /^<\/?(p|div|br|h[1-6]|li|ul|ol|blockquote|tr|td|th|section|article|header|footer|title)\b/i.test(m[0]);
    hide(m.index, m.index + m[0].length);
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
    hide(m.index, m.index + m[0].length);
    out[m.index] = ch;
  }
  return out.join('');
}

/** Elements whose content is never prose. */
const NON_PROSE = 'script|style|noscript|template|svg|math|iframe|object|tweet';
/** A tag's class attribute, quoted with straight or curly marks, or not. */
const CLASS_ATTR = /\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|[\u201C\u201D]([^\u201C\u201D]*)[\u201C\u201D]|([^\s>]+))/i;
/** Embedded posts: a blockquote of one of these classes is a widget the platform's script draws. */
const EMBED_CLASS = /(?:^|\s)(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|reddit-card|imgur-embed-pub|bluesky-embed|mastodon-embed|threads-embed)(?:\s|$)/i;

/**
 * Blanks the elements that hold no prose: <script>, <style>, <svg>, <iframe> and the like, a page's
 * <tweet>, and embedded posts (<blockquote class="twitter-tweet">…</blockquote>). Each opening tag's
 * end and closing tag are searched for once, and a kind found unclosed is not searched for again
 * (only its opening tag is blanked, by the tag masks): a file of thousands of unclosed <script>
 * tags stays linear. `withAttributes` (plain text): only elements whose opening tag has attributes,
 * as a saved page leaves them (`<script src=…>`, `<tweet tweet-id=…>`); a bare `<script>…</script>` in
 * a text file is words about HTML, shown as the source wrote them.
 */
function maskElements(html: string, hide: (start: number, end: number) => void, options: { withAttributes?: boolean } = {}): void {
  const open = new RegExp(`<(${NON_PROSE}|blockquote)\\b`, 'gi');
  const unclosed = new Set<string>();
  let m: RegExpExecArray | null;
  // The next '>' from where the last search started: every opening tag before it ends there (linear).
  let tagEnd = -1;
  while ((m = open.exec(html))) {
    const name = m[1].toLowerCase();
    if (unclosed.has(name)) continue;
    if (tagEnd < open.lastIndex) tagEnd = html.indexOf('>', open.lastIndex);
    if (tagEnd < 0) return; // no tag can end after this point
    if (name === 'blockquote') {
      const cls = tagEnd - m.index < 1000 ? CLASS_ATTR.exec(html.slice(m.index, tagEnd)) : null;
      if (!cls || !EMBED_CLASS.test(cls[1] ?? cls[2] ?? cls[3] ?? cls[4])) continue;
    }
    // A self-closing one (<tweet/>, <svg … />) holds nothing.
    if (html[tagEnd - 1] === '/') continue;
    if (options.withAttributes && !/[^\s/]/.test(html.slice(open.lastIndex, tagEnd))) continue;
    const close = new RegExp(`<\\/${name}\\s*>${name === 'tweet' ? '|<tweet\\s*\\/>' : ''}`, 'gi');
    close.lastIndex = tagEnd + 1;
    const c = close.exec(html);
    if (!c) {
      unclosed.add(name);
      continue;
    }
    hide(m.index, c.index + c[0].length);
    open.lastIndex = c.index + c[0].length;
  }
}
