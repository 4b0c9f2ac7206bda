// Figures and dates over the BBC corpus (../shared/corpus/bbc, read at run time):
// `npm run bench:facts [-- PER_TOPIC]` indexes PER_TOPIC articles of each topic (default
// 40), restates every sentence that states a figure or a date as a draft, verbatim and
// with the figure or date altered, checks held-out articles whole, lists the sources'
// disagreements, and writes the "Figures and dates" section of BENCHMARKS.md (between its
// bench:facts markers; printed only with --print).

import { readFileSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findDisagreements } from '../server/src/core/check/disagreements';
import { bbcSample, corpusAvailable, scoreCorpus, scoreHeldOut, BBC, FactScore } from '../test/support/factCorpus';

async function main(): Promise<void> {
  if (!corpusAvailable()) {
    console.log(`No corpus at ${BBC}: nothing to measure.`);
    return;
  }
  const perTopic = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a))) || 40;
  const out: string[] = [];
  const log = (line = '') => out.push(line);
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
  log(`${index.size} BBC sources (${perTopic} per topic), ${Math.round((Date.now() - started) / 1000)} s`);
  log();
  log('| facts | restated | verified | mismatch (false alarm) | disputed | unsourced | altered | flagged (recall) | passed as verified | flag precision |');
  log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  log(row(figures));
  log(row(dates));
  const t = Date.now();
  const disagreements = await findDisagreements(index);
  log();
  log(`Disagreements among the ${index.size} sources: ${disagreements.length} (${Date.now() - t} ms)`);
  if (disagreements.length > 0) log();
  for (const d of disagreements.slice(0, 10)) log(`- ${d.kind} ${d.about}: ${d.versions.map((v) => `${v.location.source.id} “${v.text}”`).join(' vs ')}`);
  const heldOut = bbcSample(10, perTopic);
  const h = await scoreHeldOut(index, heldOut);
  log();
  log(`Held-out drafts: ${heldOut.size} other BBC articles checked whole against the same sources`);
  log();
  log('| figures and dates | verified | rounded | mismatch | disputed | unsourced (reported) |');
  log('| --- | --- | --- | --- | --- | --- |');
  log(`| ${h.claims} | ${h.verified} | ${h.rounded} | ${h.mismatch} | ${h.disputed} | ${h.unsourced} (${h.reported}) |`);
  log();

  const stamp = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.`;
  const section = [
    '<!-- bench:facts:start -->',
    '## Figures and dates (npm run bench:facts)',
    '',
    stamp,
    '',
    'Each BBC sentence that states a figure or a date (outside quotation marks) is written back as a draft,',
    'verbatim and with the figure or date altered (the last non-zero digit plus two; a date\'s day moved by',
    'two), and checked against the indexed sample. A verbatim fact called a mismatch is a false alarm; an',
    'altered one not flagged is a miss. Held-out articles (not indexed) are checked whole: their facts are',
    'about other stories, so their mismatches are false alarms (BBC repeats a few stories).',
    '',
    ...out,
    '<!-- bench:facts:end -->',
  ].join('\n');
  if (process.argv.includes('--print')) {
    console.log(section);
    return;
  }
  const file = path.join(__dirname, '..', 'BENCHMARKS.md');
  const old = readFileSync(file, 'utf8');
  const re = /<!-- bench:facts:start -->[\s\S]*<!-- bench:facts:end -->/;
  writeFileSync(file, re.test(old) ? old.replace(re, section) : old.trimEnd() + '\n\n' + section + '\n');
  console.log(section);
}

void main();
