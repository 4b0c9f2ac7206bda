// Loaders for the real corpora in ../shared/corpus (BBC, Reuters-21578, PolNeAR).
// The corpora are research-only fixtures: they are read at run time and never copied into git.
// Every loader returns null (after printing why) when its folder is absent, so benchmarks and
// tests can skip instead of failing on machines without the data.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Folder holding bbc/, reuters21578/, polnear/; env SOURCE_CHECK_CORPUS_DIR overrides it. */
export function corpusDir(): string {
  return process.env.SOURCE_CHECK_CORPUS_DIR || path.resolve(repoRoot, '..', 'shared', 'corpus');
}

export interface Article {
  /** Path-like id, unique within a corpus (e.g. 'business/001.txt'). */
  id: string;
  text: string;
}

export interface BbcCorpus {
  articles: Article[];
  /** Articles whose bytes equal an earlier article's (kept: real folders have duplicates too). */
  duplicateCount: number;
}

export interface ReutersStory extends Article {
  title: string;
  /** ISO day (YYYY-MM-DD) from <DATE>, or '' when unparseable. */
  date: string;
  /** <DATE> as written, e.g. ' 9-MAR-1987 04:58:41.12' trimmed; some carry notes. */
  dateRaw: string;
  /** e.g. 'SALVADOR, Feb 26 - '; also prepended to the first paragraph of text. */
  dateline: string;
}

export interface ReutersCorpus {
  articles: ReutersStory[];
  /** Records with no <BODY> (BRIEF and UNPROC items), not returned. */
  skippedNoBody: number;
  /** Stories whose body equals an earlier story's body (wire repeats; kept). */
  duplicateCount: number;
}

export interface Span {
  /** UTF-16 offsets into the article text (JS string indices). */
  start: number;
  end: number;
  text: string;
  /** Present when brat gave a discontinuous span (or a Content2 part): the pieces, in order. */
  fragments?: { start: number; end: number; text: string }[];
}

export interface Attribution {
  content: Span;
  source?: Span;
  cue?: Span;
}

export interface PolnearArticle extends Article {
  /** Annotator whose .ann file was used (first by id when several annotated the article). */
  annotator: string;
  attributions: Attribution[];
}

export type PolnearSplit = 'train' | 'dev' | 'test' | 'annotator-training';

export interface PolnearCorpus {
  articles: PolnearArticle[];
  /** Spans whose brat surface text differs from the article slice (SOURCE.md: 3 of 107k). */
  offsetMismatches: { id: string; tid: string; annotated: string; actual: string }[];
  /** Relations without a Content span (nothing to check), not returned. */
  skippedNoContent: number;
}

function skip(name: string, dir: string): null {
  console.log(`[bench] skipping ${name}: corpus folder not found at ${dir} (set SOURCE_CHECK_CORPUS_DIR)`);
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8, falling back to Latin-1: bbc/sport/199.txt stores its £ as a bare 0xA3 byte. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}

function sha1(s: string | Uint8Array): string {
  return createHash('sha1').update(s).digest('hex');
}

// ---------------------------------------------------------------- BBC

export function loadBbc(root = corpusDir()): BbcCorpus | null {
  const dir = path.join(root, 'bbc');
  if (!existsSync(dir)) return skip('BBC', dir);
  const articles: Article[] = [];
  const seen = new Set<string>();
  let duplicateCount = 0;
  const topics = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const topic of topics) {
    for (const name of readdirSync(path.join(dir, topic)).filter((n) => n.endsWith('.txt')).sort()) {
      const bytes = readFileSync(path.join(dir, topic, name));
      const hash = sha1(bytes);
      if (seen.has(hash)) duplicateCount++;
      seen.add(hash);
      articles.push({ id: `${topic}/${name}`, text: decodeText(bytes) });
    }
  }
  return { articles, duplicateCount };
}

// ---------------------------------------------------------------- Reuters-21578

const MONTHS: Record<string, string> = {
  JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06',
  JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12',
};

/**
 * SGML entities used by the collection. References to control characters (&#2; &#3; and the
 * routing junk) are dropped; &#127; (DEL) stands between two words in the bodies
 * ("dlr&#127;untied"), so it becomes a space.
 */
export function decodeSgml(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => {
      const code = Number(n);
      if (code === 127) return ' ';
      return code < 32 && code !== 9 && code !== 10 ? '' : String.fromCharCode(code);
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function element(record: string, tag: string): string | undefined {
  const m = record.match(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`));
  return m ? decodeSgml(m[1]) : undefined;
}

/** ' 9-MAR-1987 04:58:41.12' -> '1987-03-09'. */
function isoDay(raw: string): string {
  const m = raw.match(/(\d{1,2})-([A-Z]{3})-(\d{4})/i);
  const month = m && MONTHS[m[2].toUpperCase()];
  return m && month ? `${m[3]}-${month}-${m[1].padStart(2, '0')}` : '';
}

/** Wire bodies are hard-wrapped at ~65 columns with 4-space paragraph indents. */
function reflowBody(body: string): string[] {
  return body
    .split(/\n(?= {3,}\S)/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export interface ReutersOptions {
  /** Keep the original hard wraps instead of one paragraph per line (default false). */
  raw?: boolean;
}

export function loadReuters(root = corpusDir(), opts: ReutersOptions = {}): ReutersCorpus | null {
  const dir = path.join(root, 'reuters21578');
  if (!existsSync(dir)) return skip('Reuters-21578', dir);
  const articles: ReutersStory[] = [];
  const seenBodies = new Set<string>();
  let skippedNoBody = 0;
  let duplicateCount = 0;
  const files = readdirSync(dir).filter((n) => /^reut2-\d+\.sgm$/.test(n)).sort();
  for (const file of files) {
    // ASCII plus one stray 0xFC byte in reut2-017.sgm: Latin-1 decodes every byte.
    const sgml = readFileSync(path.join(dir, file), 'latin1');
    for (const m of sgml.matchAll(/<REUTERS\b([^>]*)>([\s\S]*?)<\/REUTERS>/g)) {
      const newId = m[1].match(/NEWID="(\d+)"/)?.[1] ?? '?';
      const rawBody = element(m[2], 'BODY');
      if (rawBody === undefined) {
        skippedNoBody++;
        continue;
      }
      // The body ends with a ' Reuter' / ' REUTER' sign-off line (the &#3; is already gone).
      const body = rawBody.replace(/\s*\bReuter\s*$/i, '');
      if (seenBodies.has(body)) duplicateCount++;
      seenBodies.add(body);
      const title = (element(m[2], 'TITLE') ?? '').replace(/\s+/g, ' ').trim();
      const dateline = (element(m[2], 'DATELINE') ?? '').replace(/\s+/g, ' ').trim();
      const dateRaw = (element(m[2], 'DATE') ?? '').trim();
      let text: string;
      if (opts.raw) {
        text = `${title}\n\n${dateline ? dateline + ' ' : ''}${body.replace(/^\s+/, '')}`;
      } else {
        const paragraphs = reflowBody(body);
        if (dateline && paragraphs.length) paragraphs[0] = `${dateline} ${paragraphs[0]}`;
        text = [title, ...paragraphs].join('\n\n');
      }
      articles.push({ id: `${file}#${newId}`, title, date: isoDay(dateRaw), dateRaw, dateline, text });
    }
  }
  return { articles, skippedNoBody, duplicateCount };
}

// ---------------------------------------------------------------- PolNeAR

interface BratSpan {
  type: string;
  /** Code-point offsets, one pair per fragment. */
  ranges: [number, number][];
  surface: string;
}

/** Parses brat standoff: T lines (spans) and E lines (relations); other lines are skipped. */
export function parseBrat(ann: string): { spans: Map<string, BratSpan>; relations: Map<string, string>[] } {
  const spans = new Map<string, BratSpan>();
  const relations: Map<string, string>[] = [];
  let last: BratSpan | undefined;
  for (const line of ann.split('\n')) {
    const fields = line.split('\t');
    if (/^T\d+$/.test(fields[0]) && fields.length >= 3) {
      const [type, ...rest] = fields[1].split(' ');
      const ranges = rest
        .join(' ')
        .split(';')
        .map((r) => r.trim().split(/\s+/).map(Number) as [number, number]);
      if (ranges.some((r) => r.length !== 2 || r.some((n) => !Number.isInteger(n)))) continue;
      last = { type, ranges, surface: fields.slice(2).join('\t') };
      spans.set(fields[0], last);
    } else if (/^E\d+$/.test(fields[0]) && fields.length >= 2) {
      last = undefined;
      const roles = new Map<string, string>();
      for (const arg of fields[1].trim().split(/\s+/)) {
        const [role, id] = arg.split(':');
        if (role && id) roles.set(role, id);
      }
      relations.push(roles);
    } else if (last && fields.length === 1 && !/^[A-Z#*]\d*\t/.test(line)) {
      // A surface text that contained a newline continues on the next physical line.
      if (line !== '') last.surface += '\n' + line;
    } else {
      last = undefined;
    }
  }
  return { spans, relations };
}

/** Maps code-point offsets to UTF-16 indices; identity when the text has no astral characters. */
function codePointToUtf16(text: string): (cp: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (cp) => cp;
  const table: number[] = [];
  let i = 0;
  for (const ch of text) {
    table.push(i);
    i += ch.length;
  }
  table.push(i);
  return (cp) => table[Math.min(cp, table.length - 1)];
}

export function loadPolnear(split: PolnearSplit, root = corpusDir()): PolnearCorpus | null {
  const dir = path.join(root, 'polnear', 'data', split);
  if (!existsSync(dir)) return skip(`PolNeAR ${split}`, dir);
  const annFiles = readdirSync(path.join(dir, 'attributions')).filter((n) => n.endsWith('.ann')).sort();
  const articles: PolnearArticle[] = [];
  const offsetMismatches: PolnearCorpus['offsetMismatches'] = [];
  let skippedNoContent = 0;
  for (const name of readdirSync(path.join(dir, 'text')).filter((n) => n.endsWith('.txt')).sort()) {
    const base = name.slice(0, -4);
    // '{base}_{annotatorId}.ann'; several annotators for a few articles: take the first id.
    const ann = annFiles.find((a) => a.startsWith(base + '_') && /^_[0-9a-f]{4}\.ann$/.test(a.slice(base.length)));
    const text = decodeText(readFileSync(path.join(dir, 'text', name)));
    const id = `${split}/${name}`;
    if (!ann) {
      articles.push({ id, text, annotator: '', attributions: [] });
      continue;
    }
    const toIndex = codePointToUtf16(text);
    const { spans, relations } = parseBrat(readFileSync(path.join(dir, 'attributions', ann), 'utf8'));
    const resolved = new Map<string, Span>();
    const spanOf = (tid: string | undefined): Span | undefined => {
      const brat = tid ? spans.get(tid) : undefined;
      if (!tid || !brat) return undefined;
      let span = resolved.get(tid);
      if (!span) {
        const ranges = brat.ranges.map(([s, e]): [number, number] => [toIndex(s), toIndex(e)]);
        span = makeSpan(text, ranges);
        // brat joins the fragments of a discontinuous span with a space, in annotation order.
        const actual = ranges.map(([s, e]) => text.slice(s, e)).join(' ');
        if (squash(actual) !== squash(brat.surface)) {
          offsetMismatches.push({ id, tid, annotated: brat.surface, actual });
        }
        resolved.set(tid, span);
      }
      return span;
    };
    const attributions: Attribution[] = [];
    for (const roles of relations) {
      const parts = [spanOf(roles.get('Content')), spanOf(roles.get('Content2'))].filter((s): s is Span => !!s);
      if (!parts.length) {
        skippedNoContent++;
        continue;
      }
      const content =
        parts.length === 1
          ? parts[0]
          : makeSpan(text, parts.flatMap((p) => (p.fragments ?? [p]).map((f) => [f.start, f.end] as [number, number])));
      const a: Attribution = { content };
      const source = spanOf(roles.get('Source'));
      const cue = spanOf(roles.get('Cue'));
      if (source) a.source = source;
      if (cue) a.cue = cue;
      attributions.push(a);
    }
    attributions.sort((x, y) => x.content.start - y.content.start);
    articles.push({ id, text, annotator: ann.slice(base.length + 1, -4), attributions });
  }
  return { articles, offsetMismatches, skippedNoContent };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A span covering all ranges (sorted); fragments listed when there is more than one. */
function makeSpan(text: string, ranges: [number, number][]): Span {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const start = sorted[0][0];
  const end = sorted[sorted.length - 1][1];
  const span: Span = { start, end, text: text.slice(start, end) };
  if (sorted.length > 1) span.fragments = sorted.map(([s, e]) => ({ start: s, end: e, text: text.slice(s, e) }));
  return span;
}

/** Prints what each loader finds and how long it takes. */
function main(): void {
  const time = <T>(label: string, load: () => T | null, describe: (v: T) => string) => {
    const t = performance.now();
    const v = load();
    if (v) console.log(`${label}: ${describe(v)} in ${(performance.now() - t).toFixed(0)} ms`);
  };
  time('BBC', () => loadBbc(), (c) => `${c.articles.length} articles (${c.duplicateCount} duplicates)`);
  time('Reuters', () => loadReuters(), (c) => `${c.articles.length} stories (${c.skippedNoBody} without body skipped, ${c.duplicateCount} duplicate bodies)`);
  for (const split of ['train', 'dev', 'test'] as const) {
    time(`PolNeAR ${split}`, () => loadPolnear(split), (c) => {
      const n = c.articles.reduce((s, a) => s + a.attributions.length, 0);
      return `${c.articles.length} articles, ${n} attributions (${c.skippedNoContent} without content skipped, ${c.offsetMismatches.length} offset mismatches)`;
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
