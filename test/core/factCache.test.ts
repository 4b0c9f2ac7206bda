// The figure and date cache (FactCache) must never change a verdict: a draft edited step
// by step and checked with the caches an editor keeps gives, at every step, exactly the
// claims and findings of a fresh check of the same text, through the real engine over
// the seed articles.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import { checkDraft } from '../../server/src/core/check/draft';
import { FactCache, QuoteCache } from '../../server/src/core/check/cache';
import type { CheckResult } from '../../server/src/core/check/findings';
import { REPO, seedSources } from '../support/seeds';

/** A result as plain data: sources by id (a SourceRef carries a function). */
function plain(r: CheckResult): string {
  return JSON.stringify(r, (_k, v) => (v && typeof v === 'object' && 'positionAt' in v && 'id' in v ? `source:${v.id}` : v), 1);
}

type Edit = (text: string) => string;

/** Replaces the first (or every) occurrence; the edit must apply. */
const replace =
  (from: string | RegExp, to: string): Edit =>
  (text) => {
    const out = text.replace(from, to);
    assert.notEqual(out, text, `edit ${from} → ${to} did not apply`);
    return out;
  };

/** Types `s` one character at a time just after `after`: one version per keystroke. */
function typing(after: string, s: string): Edit[] {
  return [...s].map((_, i) => (text: string) => {
    const at = text.indexOf(after) + after.length;
    assert.ok(at >= after.length, `no ${after}`);
    return text.slice(0, at + i) + s[i] + text.slice(at + i);
  });
}

async function assertCachedEqualsFresh(name: string, start: string, edits: Edit[], format: 'markdown' | 'text' = 'markdown'): Promise<void> {
  const { index } = await seedSources();
  const caches = { cache: new QuoteCache(), factCache: new FactCache() };
  let text = start;
  for (let step = 0; step <= edits.length; step++) {
    if (step > 0) text = edits[step - 1](text);
    const cached = await checkDraft({ text, format }, index, caches);
    const fresh = await checkDraft({ text, format }, index);
    assert.equal(plain(cached), plain(fresh), `${name}, step ${step}: the cached check differs from a fresh one`);
    // Checking the same text again from the cache alone changes nothing either.
    assert.equal(plain(await checkDraft({ text, format }, index, caches)), plain(fresh), `${name}, step ${step}: second cached check`);
  }
}

const DRAFT = [
  '# Referendums',
  '',
  'The referendums started on September 23, officials said.',
  '',
  'In Donetsk, 99.23% voted in favour, and 98.42% did so in Luhansk.',
  '',
  'Tokayev addressed the 74th session of the United Nations General Assembly on Sept. 24, 2019.',
  '',
  'Brightwater said 99.23% voted in favour.',
  '',
  'The mayor of Brightwater disagreed.',
  '',
  '“The referendums started on September 23,” he said.',
  '',
  '1. 12 regions',
  '',
  'Kazakhstan will not recognize the republics, Tokayev said in June.',
].join('\n');

test('fact cache: typing, deleting, inserting above, changing figures and lines gives the fresh verdicts', async () => {
  await assertCachedEqualsFresh('prose edits', DRAFT, [
    ...typing('voted in ', 'xy '),
    // Offsets of everything below move.
    replace('# Referendums\n', '# Referendums\n\nA new paragraph with 40 percent of nothing.\n'),
    // A figure changed, then changed back.
    replace('99.23% voted in xy favour, and', '99.24% voted in xy favour, and'),
    replace('99.24% voted in xy favour, and', '99.23% voted in xy favour, and'),
    // A date changed.
    replace('Sept. 24, 2019', 'Sept. 24, 2018'),
    // A sentence deleted, then the paragraphs joined into one line (the lines around a sentence are its key).
    replace('The referendums started on September 23, officials said.\n\n', ''),
    replace('disagreed.\n\n“The', 'disagreed. “The'),
    replace('in favour.\n\nThe mayor', 'in favour. The mayor'),
    // A figure moved into a quotation and out of it.
    replace('In Donetsk, 99.23% voted', '“In Donetsk, 99.23% voted'),
    replace('in Luhansk.', 'in Luhansk.”'),
    replace('“In Donetsk, 99.23% voted', 'In Donetsk, 99.23% voted'),
    // A line made a heading (its figures go quiet), and list numbering made prose.
    replace('\nIn Donetsk', '\n# In Donetsk'),
    replace('1. 12 regions', 'About 12 regions voted'),
  ]);
});

test('fact cache: an edit to a name used elsewhere in the draft gives the fresh verdicts', async () => {
  // "Brightwater" opens a sentence: it is a name only because the draft uses it mid-sentence elsewhere (namesOf).
  await assertCachedEqualsFresh('names', DRAFT, [
    replace('The mayor of Brightwater disagreed.', 'The mayor disagreed.'),
    replace('The mayor disagreed.', 'The mayor of Brightwater disagreed.'),
    // The same word made a name elsewhere, then not, one keystroke at a time.
    ...typing('Kazakhstan will not recognize the republics', ', said Donetsk'),
    replace(', said Donetsk', ''),
    // A sentence-initial word the corpus knows as a name, and a capital changed.
    replace('Brightwater said', 'Tokayev said'),
    replace('Tokayev said 99.23%', 'tokayev said 99.23%'),
  ]);
});

test('fact cache: a plain-text heading or list number on the line before a sentence gives the fresh verdicts', async () => {
  // In plain text the line's start is read as written: "# Results." makes the next sentence on its line a heading's.
  const text = ['# Results. 4,321 sheep were counted in the valley.', '', '2. 14 regions', '', 'In Donetsk, 99.23% voted in favour.'].join('\n');
  await assertCachedEqualsFresh(
    'plain text',
    text,
    [replace('# Results.', 'Results.'), replace('Results.', '# Results.'), replace('2. 14 regions', '2. 14 regions voted'), replace('\nIn Donetsk', ' In Donetsk')],
    'text',
  );
});

test('fact cache: the fact fixtures edited line by line give the fresh verdicts', async () => {
  for (const name of ['figures.md', 'dates.md']) {
    const text = readFileSync(path.join(REPO, 'test', 'fixtures', 'facts', name), 'utf8');
    const lines = text.split('\n');
    const prose = lines.map((l, i) => ({ l, i })).filter(({ l }) => /\d/.test(l) && !l.startsWith('<!--'));
    // Delete every fifth fact line, then put it back, one edit at a time.
    const edits: Edit[] = [];
    for (const { l } of prose.filter((_, k) => k % 5 === 0).slice(0, 6)) {
      edits.push(replace(l + '\n', ''));
      edits.push((t) => l + '\n' + t);
    }
    await assertCachedEqualsFresh(name, text, edits);
  }
});

test('fact cache: a change of the sources forgets every cached claim', async () => {
  const { index } = await seedSources();
  const cache = new FactCache();
  cache.setSentence(index.generation, 'k', { facts: [], claims: [] });
  assert.ok(cache.sentence(index.generation, 'k'));
  assert.equal(cache.sentence(index.generation + 1, 'k'), undefined);
  assert.equal(cache.sentence(index.generation, 'k'), undefined);
});

test('fact cache: options are applied after the cache (unsourced figures quiet or not)', async () => {
  const { index } = await seedSources();
  const factCache = new FactCache();
  const text = 'The town counted 4,321 sheep in 1987 and 55% of them were black.';
  for (const unsourcedFigures of [true, false, true]) {
    const cached = await checkDraft({ text, format: 'markdown' }, index, { factCache, unsourcedFigures });
    const fresh = await checkDraft({ text, format: 'markdown' }, index, { unsourcedFigures });
    assert.equal(plain(cached), plain(fresh));
  }
});


