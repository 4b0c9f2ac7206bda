// Accuracy on real text, judged by hand. Articles of PolNeAR, Reuters-21578 and BBC are
// checked as drafts against the rest of their corpus (never against themselves or a copy of
// their own text), and every warning and every verification the engine makes is an *item*
// a person can judge: is this warning right, does this verification cite the same fact or
// statement? Judgements live in bench/labels/real.tsv as labels only (corpus, file, offsets,
// verdict, one line why in our own words): the corpora's text is read from ../shared at run
// time and never committed.
//
// Each article is in the development half or the held-out half by a hash of its id
// (heldOut): rules may be tuned on development drafts only.
//
//   npm run bench:real [-- --corpus=polnear|reuters|bbc] [--half=dev|held] [--drafts=N] [--from=K]
//   npm run bench:real -- --corpus=bbc --only=business/298.txt,sport/006.txt   re-checks the named drafts (either half)
//   npm run bench:real -- --judge [--code=figure-mismatch] [--max=20]   prints unjudged items
//   npm run bench:real -- --last [--judge]   the last run's items (bench/.out), without checking again

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkDraft } from '../server/src/core/check/draft';
import type { Claim, Finding } from '../server/src/core/check/findings';
import { MemoryIndex } from '../server/src/core/index/memoryIndex';
import { parseSource } from '../server/src/core/source/source';
import type { SourceDoc } from '../server/src/core/source/source';
import { Article, loadBbc, loadPolnear, loadReuters, repoRoot } from './corpora';
import { Item, itemKey, readLabels, scoreItems, Label } from './realLabels';

type Corpus = 'polnear' | 'reuters' | 'bbc';
export type Half = 'dev' | 'held';

/** The held-out half: the first hex digit of sha1("corpus:id") is 8–f. */
export function halfOf(corpus: string, id: string): Half {
  return parseInt(createHash('sha1').update(`${corpus}:${id}`).digest('hex')[0], 16) >= 8 ? 'held' : 'dev';
}

const DRAFTS: Record<Corpus, number> = { polnear: 40, reuters: 40, bbc: 20 };

function load(corpus: Corpus): Article[] | null {
  if (corpus === 'polnear') {
    const out: Article[] = [];
    for (const split of ['train', 'dev', 'test'] as const) {
      const c = loadPolnear(split);
      if (!c) return null;
      out.push(...c.articles);
    }
    return out;
  }
  return corpus === 'reuters' ? (loadReuters()?.articles ?? null) : (loadBbc()?.articles ?? null);
}

/** Drafts of one half: articles long enough to state facts, in a fixed order by hash, `n` from the `from`th. */
export function pickDrafts(corpus: string, articles: Article[], half: Half, n: number, from = 0): Article[] {
  const key = (a: Article) => createHash('sha1').update(`pick:${corpus}:${a.id}`).digest('hex');
  return articles
    .filter((a) => a.text.length > 800 && halfOf(corpus, a.id) === half)
    .sort((a, b) => (key(a) < key(b) ? -1 : 1))
    .slice(from, from + n);
}

/** An article's date as its corpus records it, outside its text. */
export function recordedDate(a: Article): string | undefined {
  if ('date' in a && typeof a.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(a.date)) return a.date;
  return /_(\d{4}-\d{2}-\d{2})_/.exec(a.id)?.[1];
}

/** The text an article shares with its wire repeats and duplicates: they are never its sources. */
export function bodyKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const JUDGED_CODES = new Set(['figure-mismatch', 'date-mismatch', 'sources-disagree', 'misquote', 'misattributed-quote', 'quote-is-narration', 'unsourced-quote']);

function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(text.lastIndexOf('\n', start - 1) + 1, start - 240);
  const lineEnd = text.indexOf('\n', end);
  const to = Math.min(lineEnd < 0 ? text.length : lineEnd, end + 200);
  return (text.slice(from, start) + '⟦' + text.slice(start, end) + '⟧' + text.slice(end, to)).replace(/\s+/g, ' ');
}

function speakersOf(c?: Claim): string | undefined {
  if (c?.kind !== 'quote') return undefined;
  const who = (s?: { name: string; how: string }) => (s ? `${s.name} (${s.how})` : '-');
  return `draft: ${who(c.draftSpeaker)} · source: ${who(c.best?.presentation?.speaker)}`;
}

/** The items of one draft's check: its judged findings and its verified claims. */
export function itemsOf(corpus: string, draft: Article, claims: Claim[], findings: Finding[]): Item[] {
  const half = halfOf(corpus, draft.id);
  const items: Item[] = [];
  const source = (c?: Claim) => (c && 'best' in c && c.best ? c.best : undefined);
  for (const f of findings) {
    if (!JUDGED_CODES.has(f.code)) continue;
    const claim = claims.find((c) => c.start === f.start && c.end === f.end);
    const best = source(claim);
    items.push({
      half,
      corpus,
      draft: draft.id,
      start: f.start,
      end: f.end,
      code: f.code,
      source: best?.location.source.id ?? '',
      sourceStart: best?.location.start ?? -1,
      message: f.message,
      draftText: sentenceAround(draft.text, f.start, f.end),
      sourceText: best ? ('sentence' in best ? String(best.sentence) : '') : '',
      speakers: speakersOf(claim),
    });
  }
  for (const c of claims) {
    if (c.verdict !== 'verified' && c.verdict !== 'rounded') continue;
    const best = source(c);
    if (!best) continue;
    items.push({
      half,
      corpus,
      draft: draft.id,
      start: c.start,
      end: c.end,
      code: `verified-${c.kind}`,
      source: best.location.source.id,
      sourceStart: best.location.start,
      message: '',
      draftText: sentenceAround(draft.text, c.start, c.end),
      sourceText: 'sentence' in best ? String(best.sentence) : '',
      speakers: speakersOf(c),
    });
  }
  return items;
}

async function runCorpus(corpus: Corpus, halves: Half[], drafts: number, from = 0, only?: ReadonlySet<string>): Promise<Item[]> {
  const articles = load(corpus);
  if (!articles) return [];
  const t0 = performance.now();
  const index = new MemoryIndex();
  const docs = new Map<string, SourceDoc>();
  for (const a of articles) {
    const doc = parseSource(a.id, `corpus:${a.id}`, a.text);
    // The date each corpus records for an article (Reuters' DATE field, PolNeAR's file name), as a
    // real folder's front matter would give it; the text alone does not (BBC records none).
    const recorded = recordedDate(a);
    if (recorded && !doc.meta.date) {
      doc.meta.date = recorded;
      doc.meta.how.date = 'corpus record';
    }
    docs.set(a.id, doc);
    index.add(doc);
  }
  const byBody = new Map<string, string[]>();
  for (const a of articles) byBody.set(bodyKey(a.text), [...(byBody.get(bodyKey(a.text)) ?? []), a.id]);
  const items: Item[] = [];
  let checked = 0;
  for (const half of halves) {
    const picked = only ? articles.filter((a) => only.has(a.id) && halfOf(corpus, a.id) === half) : pickDrafts(corpus, articles, half, drafts, from);
    for (const draft of picked) {
      // The draft and every copy of it leave the index for its check.
      const copies = byBody.get(bodyKey(draft.text)) ?? [draft.id];
      for (const id of copies) index.remove(id);
      const result = await checkDraft({ text: draft.text, format: 'text', date: recordedDate(draft) }, index);
      for (const id of copies) index.add(docs.get(id)!);
      items.push(...itemsOf(corpus, draft, result.claims, result.findings));
      checked++;
    }
  }
  console.log(`${corpus}: ${articles.length} articles indexed, ${checked} drafts checked in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return items;
}

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function table(items: Item[], labels: Map<string, Label>): string {
  const rows = scoreItems(items, labels);
  let out = '| corpus | half | item | count | judged | right | precision |\n| --- | --- | --- | ---: | ---: | ---: | ---: |\n';
  for (const r of rows) out += `| ${r.corpus} | ${r.half} | ${r.code} | ${r.count} | ${r.judged} | ${r.right} | ${r.judged ? ((100 * r.right) / r.judged).toFixed(0) + '%' : '–'} |\n`;
  return out;
}

async function main(): Promise<void> {
  const corpora = (arg('corpus') ? [arg('corpus')] : ['polnear', 'reuters', 'bbc']) as Corpus[];
  const halves = (arg('half') ? [arg('half')] : ['dev', 'held']) as Half[];
  const labels = readLabels(path.join(repoRoot, 'bench', 'labels', 'real.tsv'));
  const all: Item[] = [];
  const outDir = path.join(repoRoot, 'bench', '.out');
  for (const corpus of corpora) {
    const out = path.join(outDir, `real-${corpus}.jsonl`);
    // --last: the items of the last run, to judge and score without checking again.
    if (process.argv.includes('--last')) {
      if (existsSync(out)) all.push(...readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item));
      continue;
    }
    const only = arg('only') ? new Set(arg('only')!.split(',')) : undefined;
    const items = await runCorpus(corpus, halves, Number(arg('drafts') ?? DRAFTS[corpus]), Number(arg('from') ?? 0), only);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(out, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
    all.push(...items);
  }
  if (process.argv.includes('--judge')) {
    const code = arg('code');
    const unjudged = all.filter((i) => !labels.has(itemKey(i)) && (!code || i.code === code)).slice(0, Number(arg('max') ?? 20));
    for (const i of unjudged) {
      console.log(`\n${[i.half, i.corpus, i.draft, i.start, i.end, i.code, i.source, i.sourceStart].join('\t')}`);
      console.log(`  draft:  ${i.draftText}`);
      if (i.sourceText) console.log(`  source: ${i.sourceText.replace(/\s+/g, ' ')}`);
      if (i.message) console.log(`  says:   ${i.message}`);
    }
    return;
  }
  console.log('\n' + table(all, labels));
  const unjudged = all.filter((i) => !labels.has(itemKey(i))).length;
  console.log(`${all.length} items, ${unjudged} not judged yet (npm run bench:real -- --judge lists them)`);
}

if (process.argv[1]?.endsWith('real.ts')) void main();
