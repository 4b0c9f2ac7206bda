// Markdown reports as HTML that shows untrusted text as text: raw HTML and images become
// their text, and each link is rendered by the caller (the webview turns document links
// into "open" anchors; the CLI's page keeps file: and web links). Shared by the editor's
// report panel (client/src/reportHtml.ts) and `source-check report` (cli/report.ts).

import { Marked, type Tokens } from 'marked';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Markdown → HTML with raw HTML and images escaped and links rendered by `link(href, label)` (label already HTML). */
export function safeMarkdown(link: (href: string, label: string) => string): (markdown: string) => string {
  const marked = new Marked({
    gfm: true,
    renderer: {
      html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text),
      link(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Link) {
        return link(token.href, this.parser.parseInline(token.tokens));
      },
      image: (token: Tokens.Image) => escapeHtml(token.text),
    },
  });
  return (markdown) => marked.parse(markdown, { async: false }) as string;
}
