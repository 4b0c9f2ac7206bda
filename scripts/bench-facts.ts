// Figures and dates over the BBC corpus (../shared/corpus/bbc, read at run time):
// `npm run bench:facts [-- PER_TOPIC]` indexes PER_TOPIC articles of each topic (default
// 40), restates every sentence that states a figure or a date as a draft, verbatim and
// with the figure or date altered, and prints the table kept in BENCHMARKS.md.

import { findDisagreements } from '../server/src/core/check/disagreements';
import { bbcSample, corpusAvailable, scoreCorpus, scoreHeldOut, BBC, FactScore } from '../test/support/factCorpus';

async function main(): Promise<void> {
  if (!corpusAvailable()) {
    console.log(`No corpus at ${BBC}: nothing to measure.`);
    return;
  }
  const perTopic = Number(process.argv[2]) || 40;
  const started = Date.now();
  const index = bbcSample(perTopic);
  const { figures, dates } = await scoreCorpus(index);
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
  const row = (s: FactScore) => {
    const v = s.verbatim;
    const a = s.altered;
    // Precision of a flag: flags on altered facts among all flags (altered + false alarms on verbatim ones).
    const falseFlags = v.mismatch;
    return `| ${s.kind}s | ${v.total} | ${pct(v.verified, v.total)} | ${v.mismatch} | ${v.disputed} | ${v.unsourced} | ${a.total} | ${pct(a.flagged, a.total)} | ${a.verified} | ${pct(a.flagged, a.flagged + falseFlags)} |`;
  };
  console.log(`${index.size} BBC sources (${perTopic} per topic), ${Math.round((Date.now() - started) / 1000)} s\n`);
  console.log('| facts | restated | verified | mismatch (false alarm) | disputed | unsourced | altered | flagged (recall) | passed as verified | flag precision |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(row(figures));
  console.log(row(dates));
  const t = Date.now();
  const disagreements = await findDisagreements(index);
  console.log(`\nDisagreements among the ${index.size} sources: ${disagreements.length} (${Date.now() - t} ms)`);
  for (const d of disagreements.slice(0, 10)) console.log(`- ${d.kind} ${d.about}: ${d.versions.map((v) => `${v.location.source.id} “${v.text}”`).join(' vs ')}`);
  const heldOut = bbcSample(10, perTopic);
  const h = await scoreHeldOut(index, heldOut);
  console.log(`\nHeld-out drafts: ${heldOut.size} other BBC articles checked whole against the same sources`);
  console.log('| figures and dates | verified | rounded | mismatch | disputed | unsourced (reported) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(`| ${h.claims} | ${h.verified} | ${h.rounded} | ${h.mismatch} | ${h.disputed} | ${h.unsourced} (${h.reported}) |`);
}

void main();
