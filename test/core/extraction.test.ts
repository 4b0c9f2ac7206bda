// What extraction takes for a figure or a date in news text (test/fixtures/extraction): each
// case of the fixture is extracted on its own, through extractFacts as sources and drafts are,
// and must yield exactly the facts listed under it (or none).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import { extractFacts } from '../../server/src/core/facts/extract';
import { isoDate } from '../../server/src/core/facts/dates';
import { reporterDate } from '../../server/src/core/text/dateStyle';
import { formatFigure } from '../../server/src/core/facts/figures';
import { splitSentences } from '../../server/src/core/text/sentences';
import { REPO } from '../support/seeds';

interface Case {
  line: number;
  text: string;
  articleDate?: string;
  expected: string[];
}

function casesOf(md: string): Case[] {
  const cases: Case[] = [];
  let articleDate: string | undefined;
  let text: string[] = [];
  let first = 0;
  let current: Case | undefined;
  md.split('\n').forEach((raw, i) => {
    const comment = /^<!--\s*(.*?)\s*-->$/.exec(raw.trim());
    if (!comment) {
      current = undefined;
      if (text.length === 0 && raw.trim() === '') return;
      if (text.length === 0) first = i + 1;
      text.push(raw);
      return;
    }
    const body = comment[1];
    const date = /^article (\d{4}-\d{2}-\d{2})$/.exec(body);
    if (date) {
      articleDate = date[1];
      text = [];
      return;
    }
    if (!current) {
      current = { line: first, text: text.join('\n').trim() + '\n', articleDate, expected: [] };
      cases.push(current);
      text = [];
    }
    if (body === 'none') return;
    const m = /^(figure|date) \{\{(.+?)\}\} is\{\{(.+?)\}\}$/.exec(body);
    if (!m) throw new Error(`line ${i + 1}: unreadable expectation ${raw}`);
    current.expected.push(`${m[1]} {{${m[2]}}} ${m[3]}`);
  });
  return cases;
}

const md = readFileSync(path.join(REPO, 'test', 'fixtures', 'extraction', 'news.md'), 'utf8');
// The fixture's header (its title and how to read it) is the first case's text: skip it.
const cases = casesOf(md).filter((c) => !c.text.startsWith('# '));

test('the extraction fixture has cases with and without facts', () => {
  assert.ok(cases.length >= 20);
  assert.ok(cases.some((c) => c.expected.length === 0));
  assert.ok(cases.some((c) => c.expected.length > 0));
});

for (const c of cases) {
  test(`extraction fixture line ${c.line}: ${c.text.split('\n')[0].slice(0, 60)}`, () => {
    const facts = extractFacts(c.text, splitSentences(c.text), c.articleDate);
    const got = facts.map((f) => `${f.kind} {{${f.text}}} ${f.kind === 'figure' ? formatFigure(f.figure) : (isoDate(f.date) ?? reporterDate(f.date))}`);
    assert.deepEqual(got, c.expected);
  });
}

// The rules added for news text read around each number (the word before it, its line, its
// clause): on a long line with no line or sentence end they must stay linear. Quadratic
// reading of these lines took minutes; linear takes well under a second each.
test('hostile one-line texts: the news rules stay linear and the cap still holds', () => {
  const lines: Array<[string, string, (n: number) => boolean]> = [
    ['names holding numbers', 'Chapter 11 '.repeat(100_000), (n) => n === 0],
    ['prices in fractions', '7-3/8 '.repeat(100_000), (n) => n >= 50_000],
    ['a caption marker before a long run of spaces', 'Getty Images' + ' '.repeat(300_000) + 'on May 3, 2016 12 ships', (n) => n === 2],
    ['vs between numbers', '12 vs '.repeat(100_000), (n) => n <= 50_100],
    ['tense cues around many dates', 'It will open on June 3; '.repeat(5_000), (n) => n === 5_000],
  ];
  for (const [name, text, ok] of lines) {
    const n = extractFacts(text, splitSentences(text), '2016-05-10').length;
    assert.ok(ok(n), `${name}: ${n} facts`);
  }
});
