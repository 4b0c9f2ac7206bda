// The figure and date rules over real articles, so that they are not tuned to five seeds:
// BBC sentences that state a figure or a date, written back as drafts, must verify;
// the same sentences with a figure or a date altered must be flagged. Reads
// ../shared/corpus at test time (never copied into the repository); skipped when absent.
// BENCHMARKS.md ("Figures and dates") has the measured rates over a larger sample.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bbcSample, corpusAvailable, scoreCorpus, BBC } from '../support/factCorpus';

const skip = corpusAvailable() ? false : `no corpus at ${BBC}`;

test('BBC: every figure and date restated from a source is verified; altered, it is flagged', { skip }, async () => {
  // Eight articles per topic (40 sources); the first 12 articles' facts are restated.
  const index = bbcSample(8);
  const { figures, dates } = await scoreCorpus(index, 12);
  const report = JSON.stringify({ figures, dates });
  assert.ok(figures.verbatim.total >= 50, `too few figures to judge: ${report}`);
  // A restated figure is never called a mismatch (a false alarm), and almost always verified.
  assert.equal(figures.verbatim.mismatch, 0, report);
  assert.equal(dates.verbatim.mismatch, 0, report);
  assert.ok(figures.verbatim.verified / figures.verbatim.total >= 0.95, report);
  assert.ok(dates.verbatim.verified / Math.max(1, dates.verbatim.total) >= 0.95, report);
  // An altered figure is flagged, and never passes as verified.
  assert.ok(figures.altered.flagged / figures.altered.total >= 0.9, report);
  assert.ok(figures.altered.verified / figures.altered.total <= 0.02, report);
  assert.equal(dates.altered.verified, 0, report);
});
