// The report panel's HTML: every link to the draft or a source becomes an anchor that
// opens the passage (its range in data-target), source text stays text, and nothing but
// our own script may run.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { linkTarget, rangeFragment, reportHtml } from '../../client/src/reportHtml';
import { escapeMarkdown } from '../../server/src/core/report/markdown';

test('a report link with VS Code’s fragment opens the passage as a 0-based range', () => {
  assert.deepEqual(linkTarget('file:///w/seeds/000.txt#L26,5-L26,40'), {
    uri: 'file:///w/seeds/000.txt',
    range: { start: { line: 25, character: 4 }, end: { line: 25, character: 39 } },
  });
  assert.deepEqual(linkTarget('file:///w/draft.md#L3')?.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
  assert.equal(linkTarget('https://example.com/a#L3'), undefined);
  const r = { start: { line: 9, character: 2 }, end: { line: 10, character: 7 } };
  assert.deepEqual(linkTarget('file:///x.md' + rangeFragment(r))?.range, r);
});

test('the claims report renders with working links and escaped source text', () => {
  const hostile = '<img src=x onerror=alert(1)> [click](command:workbench.action.terminal.new)';
  const md = `# Claims in draft.md\n\n## 1. ⚠ Misquote — [line 5](<file:///w/draft.md#L5,2-L5,30>)\n\n> “${escapeMarkdown(hostile)}”\n\n<script>alert(2)</script>\n`;
  const html = reportHtml(md, { nonce: 'N0NCE', cspSource: 'vscode-resource:' });
  const anchor = /<a href="#" class="open" data-target="([^"]+)"[^>]*>line 5<\/a>/.exec(html);
  assert.ok(anchor, 'the draft link is an open anchor');
  const target = JSON.parse(anchor[1].replace(/&quot;/g, '"'));
  assert.deepEqual(target, { uri: 'file:///w/draft.md', range: { start: { line: 4, character: 1 }, end: { line: 4, character: 29 } } });
  assert.doesNotMatch(html, /<img/);
  assert.doesNotMatch(html, /href="command:/);
  assert.doesNotMatch(html, /<script>alert/);
  assert.equal(html.match(/<script/g)?.length, 1, 'only our script');
  assert.match(html, /<script nonce="N0NCE">/);
  assert.match(html, /script-src 'nonce-N0NCE'/);
  // Theme colours, not fixed ones: readable in light and dark themes.
  assert.match(html, /var\(--vscode-textLink-foreground\)/);
  assert.doesNotMatch(html, /color:\s*#/);
});
