// The prefilters that spare most sentences the costly date and figure parsers
// (mayHoldChronoDate in core/facts/dates.ts, mayHoldFigure in core/facts/figures.ts) must
// never reject a sentence the full parser finds something in: a fact silently lost at
// indexing is a correct claim flagged as unsourced. Checked over every sentence of the
// BBC corpus when it is present (skipped with a message when not), and over generated
// sentences built from the words the filters key on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { chronoDates, mayHoldChronoDate } from '../../server/src/core/facts/dates';
import { findFiguresUnfiltered, mayHoldFigure } from '../../server/src/core/facts/figures';
import { splitSentences } from '../../server/src/core/text/sentences';
import { maskPlaintext } from '../../server/src/core/text/markup';
import { decodeBytes } from '../../server/src/node/decode';
import { BBC } from '../support/factCorpus';
import { REPO } from '../support/seeds';

// The repository's sibling ../shared, or, from a git worktree, ../../shared.
const corpus = [BBC, path.resolve(REPO, '..', '..', 'shared', 'corpus', 'bbc')].find((p) => existsSync(p));
const skip = corpus ? false : `no BBC corpus at ${BBC}`;

test('BBC: no sentence the prefilters reject holds a date or a figure', { skip }, () => {
  let sentences = 0;
  let spared = 0;
  const misses: string[] = [];
  for (const topic of readdirSync(corpus!).filter((d) => !d.includes('.')).sort()) {
    for (const f of readdirSync(path.join(corpus!, topic)).sort()) {
      const read = decodeBytes(readFileSync(path.join(corpus!, topic, f)));
      if (!('text' in read)) continue;
      const prose = maskPlaintext(read.text);
      for (const s of splitSentences(prose)) {
        sentences++;
        const slice = prose.slice(s.start, s.end);
        if (!mayHoldChronoDate(slice, '2005-03-10')) spared++;
        // With an article date (relative dates resolved) and without (fewer kept, so more spared).
        for (const date of ['2005-03-10', undefined]) if (!mayHoldChronoDate(slice, date) && chronoDates(slice, date).length > 0) misses.push(`date: ${date}: ${topic}/${f}: ${slice}`);
        if (!mayHoldFigure(prose, s.start, s.end) && findFiguresUnfiltered(prose, s.start, s.end).length > 0) misses.push(`figure: ${topic}/${f}: ${slice}`);
      }
    }
  }
  assert.deepEqual(misses.slice(0, 5), []);
  assert.ok(sentences > 40_000 && spared > sentences / 2, `prefilter spared ${spared} of ${sentences} sentences`);
});

const WORDS = [
  ...'January jan. JUNE june Sept. sept May may March march Mar mar Dec Decision Marks Augusta'.split(' '),
  ...'Monday monday Sun sun Sat sat today tonight tomorrow tmrw yesterday noon midnight morning night now Thurs thur. Wed. Tues weekend weekday mondays'.split(' '),
  ...'day days a an the one money honey tend ones eights two twelve few several couple half of them ones coupled within in for ago later after before'.split(' '),
  ...'week weeks w hour hours hr hrs h minute mins m second seconds secs s d year years month months end this last past next'.split(' '),
  ...'5 12 2005 9/11 24/7 2005-03-10 10.03.2005 5m 3d 10:30 5pm 3.5 £43m 99% 25th'.split(' '),
  ...'four-fifths two-thirds twenty-five fourth eleventh seventeen hundred dozen ſix oneself often attention'.split(' '),
];
const PLAIN = 'Smith said the government would spend more money on schools and hospitals , ( ) -'.split(' ');
// Mostly plain words, so that a sentence usually holds only one or two of the words the filters key on.
const word = fc.oneof({ arbitrary: fc.constantFrom(...WORDS), weight: 1 }, { arbitrary: fc.constantFrom(...PLAIN), weight: 3 });
const sentence = fc.array(word, { minLength: 1, maxLength: 14 }).map((ws) => ws.join(' ') + '.');

test('generated sentences: what the date prefilter rejects, chrono finds no date in', () => {
  fc.assert(
    fc.property(sentence, fc.constantFrom('2005-03-10', undefined), (s, date) => mayHoldChronoDate(s, date) || chronoDates(s, date).length === 0),
    { numRuns: Number(process.env.PREFILTER_RUNS ?? 2000) },
  );
});

test('generated sentences: what the figure prefilter rejects holds no figure', () => {
  fc.assert(
    fc.property(sentence, sentence, (before, s) => {
      const text = `${before} ${s} ${before}`;
      const from = before.length + 1;
      return mayHoldFigure(text, from, from + s.length) || findFiguresUnfiltered(text, from, from + s.length).length === 0;
    }),
    { numRuns: Number(process.env.PREFILTER_RUNS ?? 2000) },
  );
});
