// Deterministic synthetic corpora for scale tests: N articles of ~2.5 KB built from runs of real
// BBC and Reuters sentences (kept whole, quotation marks included) under new titles, ids, dates
// and, sometimes, YAML front matter. Output goes to the gitignored bench/.corpora/gen-N/ and is
// reused while the manifest's parameter hash matches.
//
//   node --import tsx bench/generate.ts [N ...]     (default: 10000 100000)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Article, loadBbc, loadReuters, repoRoot } from './corpora';
import { createRng } from './prng';
import { paragraphs, quotesBalanced, splitSentences } from './text';

export const DEFAULT_SEED = 'source-check-bench';
export const corporaRoot = path.join(repoRoot, 'bench', '.corpora');
const FILES_PER_FOLDER = 1000;
const MANIFEST = 'manifest.json';

export interface SourceArticle {
  id: string;
  title: string;
  /** Body paragraphs, each split into sentences with balanced quotation marks. */
  paragraphs: string[][];
}

/** Unique (by text) BBC and Reuters articles, split into sentences; null when either is absent. */
export function loadSentencePool(root?: string): { bbc: SourceArticle[]; reuters: SourceArticle[] } | null {
  const bbc = loadBbc(root);
  const reuters = loadReuters(root);
  if (!bbc || !reuters) return null;
  return { bbc: toSourceArticles(bbc.articles), reuters: toSourceArticles(reuters.articles) };
}

function toSourceArticles(articles: Article[]): SourceArticle[] {
  const seen = new Set<string>();
  const out: SourceArticle[] = [];
  for (const a of articles) {
    if (seen.has(a.text)) continue; // duplicates would only skew sentence frequencies
    seen.add(a.text);
    const [title, ...body] = paragraphs(a.text);
    const paras = body
      .map((p) => splitSentences(p).filter(quotesBalanced))
      .filter((p) => p.length > 0);
    if (title && paras.length) out.push({ id: a.id, title, paragraphs: paras });
  }
  return out;
}

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const OUTLETS = [
  'The Morning Ledger', 'Northern Courier', 'City Gazette', 'Harbour Times', 'The Weekly Dispatch',
  'Valley Herald', 'Metro Bulletin', 'The Evening Standard-Post', 'Coastal Tribune', 'Capital Wire',
];
const FIRST = ['Anna', 'Ben', 'Chloe', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Marta', 'Nikolai', 'Olga', 'Pavel'];
const LAST = ['Adams', 'Baker', 'Costa', 'Dimitrov', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski', 'Lopez', 'Moreau', 'Novak', 'Okafor', 'Petrov'];

/** Reuters headlines are upper case with ticker tags (<TRI>); make them read like the others. */
function headline(title: string): string {
  if (title !== title.toUpperCase()) return title;
  const lower = title.replace(/\s*<[^>]*>/g, '').toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Articles are numbered 000000... and sharded 1000 to a folder to keep directories small. */
export function generatedId(index: number): string {
  const folder = String(Math.floor(index / FILES_PER_FOLDER)).padStart(3, '0');
  return `${folder}/${String(index).padStart(6, '0')}.txt`;
}

/** The articles of a generated corpus, in order; the same seed and pool give the same articles. */
export function* generateArticles(
  n: number,
  seed: string,
  pool: { bbc: SourceArticle[]; reuters: SourceArticle[] },
): Generator<Article> {
  const rng = createRng(`${seed}:${n}`);
  const titles = [...pool.bbc, ...pool.reuters].map((a) => headline(a.title));
  for (let i = 0; i < n; i++) {
    // New headline: first half of one real headline + second half of another.
    const t1 = rng.pick(titles).split(' ');
    const t2 = rng.pick(titles).split(' ');
    const title = [...t1.slice(0, Math.ceil(t1.length / 2)), ...t2.slice(Math.floor(t2.length / 2))].join(' ');
    const day = new Date(Date.UTC(1985, 0, 1) + rng.int(0, 40 * 365) * 86_400_000);
    const iso = day.toISOString().slice(0, 10);
    const lines: string[] = [];
    const style = rng.next();
    if (style < 0.25) {
      const author = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
      // JSON strings are valid YAML double-quoted scalars.
      lines.push('---', `title: ${JSON.stringify(title)}`, `outlet: ${rng.pick(OUTLETS)}`, `author: ${author}`, `date: ${iso}`, '---', '', title, '');
    } else {
      lines.push(title, '');
      if (style < 0.5) lines.push(`date ${iso}`, '');
      else if (style < 0.75) lines.push(`${day.getUTCDate()} ${MONTH_NAMES[day.getUTCMonth()]} ${day.getUTCFullYear()}`, '');
    }
    // Body: runs of 1-4 consecutive sentences from random articles (half BBC, which is
    // quote-rich; half Reuters), one run per paragraph, until a 1.3-3.3 KB target is reached
    // (the last run overshoots by ~0.2 KB on average, giving ~2.5 KB per article).
    const target = rng.int(1300, 3300);
    let size = 0;
    while (size < target) {
      const source = rng.pick(rng.chance(0.5) ? pool.bbc : pool.reuters);
      const para = rng.pick(source.paragraphs);
      const from = rng.int(0, para.length - 1);
      const run = para.slice(from, from + rng.int(1, 4)).join(' ');
      lines.push(run, '');
      size += run.length + 2;
    }
    yield { id: generatedId(i), text: lines.join('\n') };
  }
}

export interface GenerateOptions {
  n: number;
  seed?: string;
  /** Defaults to bench/.corpora/gen-N. */
  outDir?: string;
  /** Corpus folder (see corpusDir()). */
  corpusRoot?: string;
}

export interface GeneratedCorpus {
  dir: string;
  n: number;
  seed: string;
  /** Total bytes of article text written. */
  bytes: number;
  /** SHA-256 over ids and texts in order: equal hashes mean identical corpora. */
  contentHash: string;
  paramsHash: string;
  /** Time taken to generate and write (0 when reused). */
  elapsedMs: number;
  reused: boolean;
}

/** Writes (or reuses) a generated corpus; null when the source corpora are absent. */
export function generateCorpus(opts: GenerateOptions): GeneratedCorpus | null {
  const seed = opts.seed ?? DEFAULT_SEED;
  const dir = opts.outDir ?? path.join(corporaRoot, `gen-${opts.n}`);
  const paramsHash = sha256(JSON.stringify({ code: generatorCodeHash(), n: opts.n, seed }));
  const manifestPath = path.join(dir, MANIFEST);
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as GeneratedCorpus;
    if (manifest.paramsHash === paramsHash) return { ...manifest, dir, reused: true };
  }
  const started = performance.now();
  const pool = loadSentencePool(opts.corpusRoot);
  if (!pool) return null;
  rmSync(dir, { recursive: true, force: true });
  const hash = createHash('sha256');
  let bytes = 0;
  let folder = '';
  for (const article of generateArticles(opts.n, seed, pool)) {
    const file = path.join(dir, article.id);
    if (path.dirname(file) !== folder) mkdirSync((folder = path.dirname(file)), { recursive: true });
    writeFileSync(file, article.text);
    hash.update(article.id).update('\0').update(article.text).update('\0');
    bytes += Buffer.byteLength(article.text);
  }
  const result: GeneratedCorpus = {
    dir,
    n: opts.n,
    seed,
    bytes,
    contentHash: hash.digest('hex'),
    paramsHash,
    elapsedMs: Math.round(performance.now() - started),
    reused: false,
  };
  // Written last: a manifest means the folder is complete.
  writeFileSync(manifestPath, JSON.stringify(result, null, 2) + '\n');
  return result;
}

/** Reads a generated corpus back, ids relative to its folder, in id order. */
export function loadGenerated(dir: string): Article[] {
  const articles: Article[] = [];
  for (const shard of readdirSync(dir).filter((d) => /^\d{3}$/.test(d)).sort()) {
    for (const name of readdirSync(path.join(dir, shard)).sort()) {
      articles.push({ id: `${shard}/${name}`, text: readFileSync(path.join(dir, shard, name), 'utf8') });
    }
  }
  return articles;
}

/**
 * Hash of the modules that decide the output: editing them invalidates cached corpora without
 * anyone having to remember a version bump (a comment edit costs one regeneration).
 */
function generatorCodeHash(): string {
  const here = path.join(repoRoot, 'bench');
  return sha256(['generate.ts', 'corpora.ts', 'text.ts', 'prng.ts'].map((f) => readFileSync(path.join(here, f), 'utf8')).join('\0'));
}

/** A corpus by name, for the command-line tools: 'bbc', 'reuters' or a generated 'gen-N'. */
export function loadNamedCorpus(name: string): Article[] | null {
  if (name === 'bbc') return loadBbc()?.articles ?? null;
  if (name === 'reuters') return loadReuters()?.articles ?? null;
  const dir = path.join(corporaRoot, name);
  if (!existsSync(path.join(dir, MANIFEST))) {
    console.log(`[bench] no corpus ${name}: run node --import tsx bench/generate.ts ${name.replace(/^gen-/, '')}`);
    return null;
  }
  return loadGenerated(dir);
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length ? sizes : [10_000, 100_000]) {
    const result = generateCorpus({ n });
    if (!result) return;
    const mb = (result.bytes / 1e6).toFixed(1);
    const how = result.reused ? 'reused (same parameters)' : `generated in ${(result.elapsedMs / 1000).toFixed(1)} s`;
    console.log(`gen-${n}: ${n} articles, ${mb} MB, ${how} -> ${path.relative(process.cwd(), result.dir)}`);
    if (!result.reused) {
      const t = performance.now();
      loadGenerated(result.dir);
      console.log(`  read back in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
