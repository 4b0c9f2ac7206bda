// The speaker finder against PolNeAR's human attributions (../shared/corpus/polnear, read at
// test time): a guard on the figures in BENCHMARKS.md, "Speakers (PolNeAR)". A speaker
// named wrongly is a false alarm waiting to happen, so precision has the tighter bound.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureSpeakers } from '../../bench/speakers';

test('PolNeAR test split: speakers of direct quotations, precision ≥ 95% and recall ≥ 70%', (t) => {
  const r = measureSpeakers('test');
  if (!r) return t.skip('../shared/corpus/polnear is absent');
  const precision = r.speakerRight / r.predicted;
  const recall = r.speakerRight / r.goldWithSource;
  t.diagnostic(`${r.speakerRight} right of ${r.predicted} given, ${r.goldWithSource} gold: precision ${(100 * precision).toFixed(1)}%, recall ${(100 * recall).toFixed(1)}%`);
  assert.ok(precision >= 0.95, `precision ${(100 * precision).toFixed(1)}%; first errors: ${r.errors.slice(0, 5).join(' | ')}`);
  assert.ok(recall >= 0.7, `recall ${(100 * recall).toFixed(1)}%`);
});
