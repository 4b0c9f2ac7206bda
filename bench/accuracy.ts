// Quote verdicts against ground truth: generated drafts over a real corpus (exact,
// partial and elided quotes, changed words, unmarked omissions, invented sentences),
// run through the real engine. Prints the confusion matrix by kind of quote, and how the
// misquote/unsourced line would move under other thresholds (the figures in
// BENCHMARKS.md, "Quote thresholds").
//
//   node --import tsx bench/accuracy.ts [bbc|reuters|gen-10000] [drafts]

import { checkDraft } from '../server/src/core/check/draft';
import type { QuoteClaim } from '../server/src/core/check/findings';
import { MemoryIndex } from '../server/src/core/index/memoryIndex';
import { parseSource } from '../server/src/core/source/source';
import type { Article } from './corpora';
import { loadNamedCorpus } from './generate';
import { DRAFT_2K, makeDraft, QuoteTruth } from './drafts';

export function indexArticles(articles: Article[]): MemoryIndex {
  const index = new MemoryIndex();
  for (const a of articles) index.add(parseSource(a.id, `corpus:${a.id}`, a.text));
  index.trim();
  return index;
}

export interface Judged {
  truth: QuoteTruth;
  claim?: QuoteClaim;
}

/** Pairs each true quote of the draft with the engine's claim on the same words. */
export async function judgeDrafts(index: MemoryIndex, articles: Article[], drafts: number): Promise<Judged[]> {
  const judged: Judged[] = [];
  for (let d = 0; d < drafts; d++) {
    const draft = makeDraft(articles, { ...DRAFT_2K, seed: `accuracy-${d}` });
    const result = await checkDraft({ text: draft.text, format: 'markdown' }, index);
    for (const truth of draft.quotes) {
      const claim = result.claims.find((c) => c.kind === 'quote' && c.start < truth.end && truth.start < c.end) as QuoteClaim | undefined;
      judged.push({ truth, claim });
    }
  }
  return judged;
}

export function confusion(judged: Judged[]): { table: string; correct: number; total: number; falseAlarms: number; missed: number } {
  const kinds = [...new Set(judged.map((j) => j.truth.kind))];
  const verdicts = ['verified', 'variant', 'misquote', 'unsourced', 'none'];
  let table = `| kind (expected) | ${verdicts.join(' | ')} |\n| --- |${verdicts.map(() => ' ---: |').join('')}\n`;
  let correct = 0;
  let falseAlarms = 0;
  let missed = 0;
  for (const kind of kinds) {
    const rows = judged.filter((j) => j.truth.kind === kind);
    const counts = verdicts.map((v) => rows.filter((j) => (j.claim ? j.claim.verdict : 'none') === v).length);
    table += `| ${kind} (${rows[0].truth.expected}) | ${counts.join(' | ')} |\n`;
  }
  for (const j of judged) {
    const got = j.claim ? (j.claim.verdict === 'variant' ? 'verified' : j.claim.verdict) : 'none';
    if (got === j.truth.expected) correct++;
    else if (j.truth.expected === 'verified') falseAlarms++;
    else if (got === 'verified') missed++;
  }
  return { table, correct, total: judged.length, falseAlarms, missed };
}

/** Verdicts under other evidence thresholds, from each claim's closest passage. */
export function sweep(judged: Judged[]): string {
  let out = '| min share of words | min share of content words | misquotes called misquote | invented called unsourced |\n| ---: | ---: | ---: | ---: |\n';
  const mis = judged.filter((j) => j.truth.expected === 'misquote' && j.claim?.best);
  const inv = judged.filter((j) => j.truth.expected === 'unsourced' && j.claim?.best);
  for (const words of [0.4, 0.5, 0.6, 0.7, 0.8]) {
    for (const content of [0.4, 0.5, 0.6]) {
      const passes = (j: Judged) => {
        const b = j.claim!.best!;
        return b.matched >= 3 && b.matched / b.total >= words && b.contentMatched / Math.max(1, b.contentTotal) >= content;
      };
      const m = mis.filter(passes).length;
      const u = inv.filter((j) => !passes(j)).length;
      out += `| ${words} | ${content} | ${m}/${mis.length} | ${u}/${inv.length} |\n`;
    }
  }
  return out;
}

async function main() {
  const name = process.argv[2] ?? 'bbc';
  const drafts = Number(process.argv[3] ?? 10);
  const articles = loadNamedCorpus(name);
  if (!articles) return;
  const index = indexArticles(articles);
  const judged = await judgeDrafts(index, articles, drafts);
  const c = confusion(judged);
  console.log(`${name}: ${drafts} drafts, ${c.total} quotes, ${c.correct} right (${((100 * c.correct) / c.total).toFixed(1)}%), ${c.falseAlarms} false alarms on correct quotes, ${c.missed} errors called verified\n`);
  console.log(c.table);
  console.log(sweep(judged));
  for (const j of judged) {
    const got = j.claim?.verdict ?? 'none';
    if ((got === 'variant' ? 'verified' : got) !== j.truth.expected)
      console.log(`WRONG ${j.truth.kind} → ${got}: ${JSON.stringify(j.truth.text.slice(0, 90))} best=${j.claim?.best?.location.source.id} ${j.claim?.best?.matched}/${j.claim?.best?.total} diffs=${JSON.stringify(j.claim?.best?.diffs.slice(0, 3))}`);
  }
}

if (process.argv[1]?.endsWith('accuracy.ts')) void main();
