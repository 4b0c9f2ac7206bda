// A report's Markdown as the HTML of a webview a writer keeps beside the draft. VS Code's
// Markdown preview refuses file: links, so here every link to the draft or a source
// becomes a button-like anchor the webview's script turns into a message ("open this
// passage"), handled by the extension (reportPanel.ts). No vscode import: tested under node.
//
// The reports escape all draft and source text (report/markdown.ts); raw HTML in the
// Markdown is still shown as text, and a strict Content-Security-Policy allows only our
// script (by nonce) and VS Code's theme styles.

import { escapeHtml, safeMarkdown } from '../../server/src/core/report/html';

/** A passage a report links to: a file (or other) URI and a range, 0-based like LSP. */
export interface LinkTarget {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/**
 * The target of a report link: `file:///…/story.md#L26` (a line) or `#L26,5-L26,40`
 * (VS Code's own fragment: 1-based line and column, the end column exclusive-plus-one
 * as VS Code writes it). Undefined for a link that is not to a document (http…).
 */
export function linkTarget(href: string): LinkTarget | undefined {
  if (!/^(file|untitled|source-check-archive):/i.test(href)) return undefined;
  const hash = href.indexOf('#');
  const uri = hash < 0 ? href : href.slice(0, hash);
  const m = hash < 0 ? null : /^L?(\d+)(?:,(\d+))?(?:-L?(\d+)(?:,(\d+))?)?$/.exec(href.slice(hash + 1));
  if (!m) return { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  const line = Number(m[1]) - 1;
  const col = m[2] ? Number(m[2]) - 1 : 0;
  const endLine = m[3] ? Number(m[3]) - 1 : line;
  const endCol = m[4] ? Number(m[4]) - 1 : m[3] ? 0 : col;
  return { uri, range: { start: { line, character: col }, end: { line: endLine, character: endCol } } };
}

/** The fragment linkTarget reads, for a range (0-based) in a document. */
export function rangeFragment(r: LinkTarget['range']): string {
  return `#L${r.start.line + 1},${r.start.character + 1}-L${r.end.line + 1},${r.end.character + 1}`;
}

// Raw HTML in a report is text, never markup; a document link opens the passage, anything else (a source's URL) is
// shown, not followed from inside the webview.
const render = safeMarkdown((href, label) => {
  const target = linkTarget(href);
  if (target) return `<a href="#" class="open" data-target="${escapeHtml(JSON.stringify(target))}" title="Open ${escapeHtml(decodeURIComponent(target.uri.replace(/^.*\//, '')))} at line ${target.range.start.line + 1}">${label}</a>`;
  return `${label} <span class="url">(${escapeHtml(href)})</span>`;
});

/** The report's body: Markdown to HTML with document links turned into "open" anchors. */
export function reportBody(markdown: string): string {
  return render(markdown);
}

/** The whole webview document. `cspSource` is the webview's own source; `nonce` authorises our script. */
export function reportHtml(markdown: string, opts: { nonce: string; cspSource: string; updated?: string }): string {
  const { nonce, cspSource } = opts;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); line-height: 1.5; padding: 0 16px 24px; max-width: 60em; }
  h1 { font-size: 1.4em; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding-bottom: .3em; }
  h2 { font-size: 1.1em; margin-top: 1.4em; }
  a.open { color: var(--vscode-textLink-foreground); text-decoration: none; cursor: pointer; }
  a.open:hover, a.open:focus { color: var(--vscode-textLink-activeForeground); text-decoration: underline; outline: none; }
  blockquote { margin: .4em 0; padding: .2em .8em; border-left: 3px solid var(--vscode-textBlockQuote-border); background: var(--vscode-textBlockQuote-background); }
  code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 .2em; border-radius: 3px; }
  ul { padding-left: 1.4em; } li { margin: .2em 0; }
  .url, .updated { color: var(--vscode-descriptionForeground); }
  .updated { font-size: .9em; }
</style></head>
<body>
${opts.updated ? `<p class="updated">${escapeHtml(opts.updated)}</p>\n` : ''}${reportBody(markdown)}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a.open') : null;
    if (!a) return;
    e.preventDefault();
    vscode.postMessage({ open: JSON.parse(a.getAttribute('data-target')) });
  });
</script>
</body></html>`;
}
