// The naive baseline the engine is measured against: each quote is fuzzy-searched (Myers'
// bit-parallel algorithm, approx-string-match) through every article in turn, with no index,
// no normalisation and no early exit.
//
//   node --import tsx bench/baseline.ts [bbc|reuters|gen-N]
import search from 'approx-string-match';
import type { Article } from './corpora';
import { DRAFT_2K, type Draft, makeDraft, type QuoteVerdict } from './drafts';
import { loadNamedCorpus } from './generate';

export const MAX_ERROR_RATE = 0.2;

export interface NaiveMatch {
  articleId: string;
  start: number;
  end: number;
  /** Edit distance between the quote and text.slice(start, end). */
  errors: number;
}

/** Best match of quote in any article with at most 20% of its length in edits; first wins ties. */
export function naiveFindQuote(quote: string, articles: Article[]): NaiveMatch | null {
  const maxErrors = Math.floor(quote.length * MAX_ERROR_RATE);
  let best: NaiveMatch | null = null;
  for (const article of articles) {
    for (const m of search(article.text, quote, maxErrors)) {
      if (!best || m.errors < best.errors) best = { articleId: article.id, start: m.start, end: m.end, errors: m.errors };
    }
  }
  return best;
}

/** The verdict a naive checker would give: exact hit, near hit, or nothing. */
export function naiveVerdict(match: NaiveMatch | null): QuoteVerdict {
  if (!match) return 'unsourced';
  return match.errors === 0 ? 'verified' : 'misquote';
}

export interface BaselineRun {
  quotes: number;
  totalMs: number;
  /** Share of quotes whose naive verdict equals the ground truth. */
  accuracy: number;
  byKind: Record<string, { n: number; correct: number }>;
}

export function runBaseline(draft: Draft, articles: Article[]): BaselineRun {
  const byKind: BaselineRun['byKind'] = {};
  let correct = 0;
  const started = performance.now();
  for (const q of draft.quotes) {
    const ok = naiveVerdict(naiveFindQuote(q.text, articles)) === q.expected;
    const k = (byKind[q.kind] ??= { n: 0, correct: 0 });
    k.n++;
    if (ok) {
      k.correct++;
      correct++;
    }
  }
  return { quotes: draft.quotes.length, totalMs: performance.now() - started, accuracy: correct / draft.quotes.length, byKind };
}

function main(): void {
  const which = process.argv[2] ?? 'bbc';
  const articles = loadNamedCorpus(which);
  if (!articles) return;
  const draft = makeDraft(articles, DRAFT_2K);
  const mb = articles.reduce((s, a) => s + a.text.length, 0) / 1e6;
  const run = runBaseline(draft, articles);
  console.log(`naive baseline on ${which} (${articles.length} articles, ${mb.toFixed(1)} M chars), 2,000-word draft:`);
  console.log(`  ${run.quotes} quotes in ${(run.totalMs / 1000).toFixed(2)} s (${(run.totalMs / run.quotes).toFixed(0)} ms per quote)`);
  console.log(`  verdict accuracy ${(run.accuracy * 100).toFixed(0)}%`);
  for (const [kind, { n, correct }] of Object.entries(run.byKind)) console.log(`    ${kind}: ${correct}/${n}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
