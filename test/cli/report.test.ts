// `source-check report`: the claims report an editor reads without VS Code, as Markdown or
// one HTML page, with links to the draft and to the source passages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { REPO } from '../support/seeds';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('report (Markdown): every claim with its verdict and links to the draft and the source passage', () => {
  const r = cli(['report', 'examples/draft.md']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^# Claims in draft\\\.md$/m);
  assert.match(r.stdout, /^\d+ claims checked: \d+ verified, 4 flagged\.$/m);
  assert.match(r.stdout, /^- Same value, perhaps another fact: .*seeds\/000\\_03b0a985a00a2f0a\\\.txt, line 24/m);
  assert.match(r.stdout, /^## \d+\. ⚠ Misquote — \[line \d+\]\(<file:\/\/\/.*\/examples\/draft\.md#L\d+,\d+-L\d+,\d+>\)$/m);
  assert.match(r.stdout, /wording: “[^”]*Of course, that would be chaos”/);
});

test('report --format html: one page, links that a browser opens, no script', () => {
  const r = cli(['report', '--format', 'html', 'examples/draft.md']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^<!DOCTYPE html>/);
  assert.match(r.stdout, /<h2>\d+\. ⚠ Misquote — <a href="file:\/\/\/[^"]*\/examples\/draft\.md#L\d+,\d+-L\d+,\d+">line \d+<\/a><\/h2>/);
  assert.match(r.stdout, /<a href="file:\/\/\/[^"]*\/seeds\/000_03b0a985a00a2f0a\.txt#L\d+,\d+-L\d+,\d+">/);
  assert.doesNotMatch(r.stdout, /<script/);
  assert.match(r.stdout, /prefers-color-scheme: dark/);
});

test('report --format json is a usage error (exit 2)', () => {
  const r = cli(['report', '--format', 'json', 'examples/draft.md']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /report --format must be md or html/);
});
