// `source-check report`: the claims report of each draft, as the editor's report panel
// shows it, for an editor to read without VS Code: Markdown, or one self-contained HTML
// page (light and dark by the reader's system setting, links to the draft and the source
// passages as file: URLs a browser opens).

import { escapeHtml, safeMarkdown } from '../core/report/html';

// Only links to files and web pages are links; anything else is shown as text.
const render = safeMarkdown((href, label) => (/^(file|https?):/i.test(href) ? `<a href="${escapeHtml(href)}">${label}</a>` : label));

/** The reports of several drafts, one after the other, as one Markdown document. */
export function reportsMarkdown(reports: string[]): string {
  return reports.join('\n---\n\n');
}

/** The reports as one HTML page. */
export function reportsHtml(reports: string[], title: string): string {
  const body = reports.map((r) => `<section>\n${render(r)}</section>`).join('\n<hr>\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --link: #0969da; --quote: #d1d9e0; --code: #eff1f3; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --link: #4493f8; --quote: #3d444d; --code: #262c36; } }
  body { font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 52em; margin: 0 auto; padding: 1em 1.5em 3em; }
  a { color: var(--link); }
  blockquote { margin: .4em 0; padding: 0 1em; border-left: .25em solid var(--quote); color: var(--muted); }
  code { background: var(--code); padding: 0 .25em; border-radius: 4px; }
  h2 { font-size: 1.15em; margin-top: 1.6em; }
  hr { border: 0; border-top: 1px solid var(--quote); margin: 2em 0; }
</style></head>
<body>
${body}
</body></html>
`;
}
