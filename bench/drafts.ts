// Deterministic benchmark drafts with ground truth. A draft is markdown prose made of:
//  - filler: real corpus sentences with no quotation marks, digits, month or weekday names
//    (the writer's own narration; nothing in it is meant to be checked);
//  - quotes, one per paragraph with an attribution, in a documented mix (QUOTE_MIX);
//  - figure/date sentences, each holding exactly one figure (FIGURE_MIX).
// Ground truth is checked while building: every misquote and invented item is confirmed absent
// from the whole corpus (case, punctuation and spacing ignored), so labels are honest.
//
//   node --import tsx bench/drafts.ts [bbc|reuters|gen-N]   writes samples to bench/.corpora/drafts/
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Article } from './corpora';
import { corporaRoot, loadNamedCorpus } from './generate';
import { createRng, type Rng } from './prng';
import { countWords, paragraphs, quotedSpans, quotesBalanced, splitSentences, wordSpans } from './text';

export type QuoteKind = 'exact' | 'clause' | 'word-changed' | 'words-dropped' | 'ellipsis' | 'invented';
export type QuoteVerdict = 'verified' | 'misquote' | 'unsourced';
export type FigureKind = 'exact' | 'altered' | 'invented';
export type FigureVerdict = 'verified' | 'mismatch' | 'unsourced';
export type MarkStyle = 'curly' | 'straight' | 'guillemet';

/** Share of each quote kind; what the engine should answer for it. */
export const QUOTE_MIX: Record<QuoteKind, { share: number; expected: QuoteVerdict }> = {
  exact: { share: 0.3, expected: 'verified' }, // a whole quoted passage of a source, verbatim
  clause: { share: 0.15, expected: 'verified' }, // one clause of it (a partial quote)
  ellipsis: { share: 0.1, expected: 'verified' }, // interior words cut, cut marked with … / ... / . . .
  'word-changed': { share: 0.15, expected: 'misquote' }, // one content word replaced
  'words-dropped': { share: 0.15, expected: 'misquote' }, // 1-3 interior words cut, no ellipsis
  invented: { share: 0.15, expected: 'unsourced' }, // first half of one article's quote + second half of another's
};

export const FIGURE_MIX: Record<FigureKind, { share: number; expected: FigureVerdict }> = {
  exact: { share: 0.5, expected: 'verified' }, // a source sentence with its figure, verbatim
  altered: { share: 0.3, expected: 'mismatch' }, // the same sentence with a digit changed or two swapped
  invented: { share: 0.2, expected: 'unsourced' }, // a template sentence with a random figure
};

export interface QuoteTruth {
  kind: QuoteKind;
  expected: QuoteVerdict;
  /** draft.text.slice(start, end) === text: the quoted words, without the marks. */
  start: number;
  end: number;
  text: string;
  marks: MarkStyle;
  /** Article the quote was taken from (for invented: the article of its first half). */
  sourceId: string;
  /** The source passage before any change. */
  sourceText: string;
  /** For ellipsis quotes: the kept pieces, each a verbatim slice of sourceText, in order. */
  pieces?: string[];
  /** For invented quotes: the two articles whose halves were joined. */
  madeFrom?: [string, string];
}

export interface FigureTruth {
  kind: FigureKind;
  type: 'number' | 'date';
  expected: FigureVerdict;
  /** draft.text.slice(start, end) === text: the figure itself. */
  start: number;
  end: number;
  text: string;
  /** The whole draft sentence carrying the figure. */
  sentence: string;
  sourceId?: string;
  /** For altered figures: the figure as the source has it. */
  original?: string;
}

export interface Draft {
  text: string;
  words: number;
  quotes: QuoteTruth[];
  figures: FigureTruth[];
}

export interface DraftOptions {
  words: number;
  quotes: number;
  figures: number;
  seed?: string;
}

export const DRAFT_2K: DraftOptions = { words: 2000, quotes: 30, figures: 20 };
export const DRAFT_20K: DraftOptions = { words: 20000, quotes: 300, figures: 200 };

// ---------------------------------------------------------------- corpus material

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)';
const WEEKDAY = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
const MONTH_WORD = new RegExp(`\\b${MONTH}(?![\\w])`);
const UNIT = '(?:bn|m|k|p|st|nd|rd|th| billion| million| trillion| mln| dlrs| stg| cts| pct| per cent| percent|%)?';
/** One figure or date: "26 September 2022", "Feb 26", "March 1987", "$1.13bn", "6.4%", "155,221". */
const FIGURE = new RegExp(
  [
    `\\b\\d{1,2} ${MONTH}(?: \\d{4})?(?![\\w])`,
    `\\b${MONTH} \\d{1,2}(?:, \\d{4})?\\b`,
    `\\b${MONTH} \\d{4}\\b`,
    `[$£€]\\d+(?:[.,]\\d+)*${UNIT}(?![\\w%])`,
    `\\b\\d+(?:[.,]\\d+)*${UNIT}(?![\\w%])`,
  ].join('|'),
  'g',
);
const QUOTE_CHARS = /["“”«»‘’]|(?:^|[^\p{L}])'|'(?:$|[^\p{L}])/u;
const STOPWORDS = new Set(
  'the a an and or but of to in on at for with by from as is are was were be been being it its this that these those he she they we you i his her their our your has have had not no will would can could should may might said says than then there which who whom what when where why how also just more most very'.split(' '),
);

interface QuoteCandidate {
  articleId: string;
  text: string;
}
interface FigureCandidate {
  articleId: string;
  sentence: string;
  figure: { start: number; end: number; text: string };
}

/** Body paragraphs: front matter, headline and date lines are not prose. */
function bodyParagraphs(text: string): string[] {
  const withoutFrontMatter = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  return paragraphs(withoutFrontMatter)
    .slice(1)
    .filter((p) => !/^(?:date \d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]+ \d{4})$/.test(p));
}

/** Loose form for absence checks: case, punctuation, quote style and spacing ignored. */
export function looseForm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Answers "does this text occur anywhere in the corpus?" (loose form). */
class CorpusIndex {
  private loose: string[] | undefined;
  constructor(private readonly articles: Article[]) {}
  occurs(s: string): boolean {
    this.loose ??= this.articles.map((a) => ` ${looseForm(a.text)} `);
    const needle = ` ${looseForm(s)} `;
    return this.loose.some((t) => t.includes(needle));
  }
}

class Material {
  quotes: QuoteCandidate[] = [];
  figures: FigureCandidate[] = [];
  filler: string[] = [];
  vocabulary: string[] = [];

  /** Reads articles in a seeded random order until there is enough of everything. */
  constructor(articles: Article[], rng: Rng, need: { quotes: number; figures: number; fillerWords: number }) {
    const vocab = new Set<string>();
    // Duplicate articles (98 in BBC) would otherwise offer the same passage twice.
    const seen = new Set<string>();
    const once = (s: string) => !seen.has(s) && !!seen.add(s);
    let fillerWords = 0;
    for (const index of rng.shuffle(articles.map((_, i) => i))) {
      const article = articles[index];
      for (const para of bodyParagraphs(article.text)) {
        for (const sentence of splitSentences(para)) {
          // 22 BBC files hold HTML entities (caf&#233;); their digits would pass for figures.
          if (!quotesBalanced(sentence) || /&#?\w+;/.test(sentence)) continue;
          for (const span of quotedSpans(sentence)) {
            const text = span.text.replace(/[\s,.;:]+$/, '').trim();
            const n = countWords(text);
            if (n >= 6 && n <= 60 && !/\d/.test(text) && !MONTH_WORD.test(text) && !WEEKDAY.test(text) && !/["“”«»…]|\.\.\./.test(text) && once(text)) {
              this.quotes.push({ articleId: article.id, text });
            }
          }
          if (QUOTE_CHARS.test(sentence) || WEEKDAY.test(sentence)) continue;
          const words = countWords(sentence);
          if (words < 8 || words > 45 || !once(sentence)) continue;
          if (!/\d/.test(sentence) && !MONTH_WORD.test(sentence)) {
            this.filler.push(sentence);
            fillerWords += words;
            for (const w of wordSpans(sentence)) {
              if (w.text.length >= 5 && /^[a-z]+$/.test(w.text) && !STOPWORDS.has(w.text)) vocab.add(w.text);
            }
          } else {
            const matches = [...sentence.matchAll(FIGURE)];
            const digits = sentence.replace(/\D/g, '').length;
            // Exactly one figure, holding every digit of the sentence: nothing else to check.
            if (matches.length === 1 && matches[0][0].replace(/\D/g, '').length === digits && digits > 0) {
              const m = matches[0];
              this.figures.push({ articleId: article.id, sentence, figure: { start: m.index!, end: m.index! + m[0].length, text: m[0] } });
            }
          }
        }
      }
      if (this.quotes.length >= need.quotes && this.figures.length >= need.figures && fillerWords >= need.fillerWords) break;
    }
    this.vocabulary = [...vocab].sort();
  }
}

// ---------------------------------------------------------------- quote transformations

type Made = Omit<QuoteTruth, 'start' | 'end' | 'marks' | 'expected'>;

function contentWords(text: string) {
  return wordSpans(text).filter((w) => w.text.length >= 4 && /^\p{L}+$/u.test(w.text) && !STOPWORDS.has(w.text.toLowerCase()));
}

function makeQuote(kind: QuoteKind, c: QuoteCandidate, m: Material, rng: Rng, other: () => QuoteCandidate): Made | null {
  const base = { kind, sourceId: c.articleId, sourceText: c.text };
  const words = wordSpans(c.text);
  switch (kind) {
    case 'exact':
      return { ...base, text: c.text };
    case 'clause': {
      const clauses = c.text.split(/[,;:—–] ?/).map((s) => s.trim()).filter((s) => countWords(s) >= 5 && s !== c.text);
      return clauses.length ? { ...base, text: rng.pick(clauses) } : null;
    }
    case 'word-changed': {
      const candidates = contentWords(c.text);
      if (!candidates.length) return null;
      const w = rng.pick(candidates);
      let replacement = rng.pick(m.vocabulary);
      if (replacement === w.text.toLowerCase()) return null;
      if (/^\p{Lu}/u.test(w.text)) replacement = replacement[0].toUpperCase() + replacement.slice(1);
      return { ...base, text: c.text.slice(0, w.start) + replacement + c.text.slice(w.end) };
    }
    case 'words-dropped': {
      if (words.length < 8) return null;
      const from = rng.int(1, words.length - 5);
      const to = from + rng.int(1, 3); // words [from, to) go
      return { ...base, text: c.text.slice(0, words[from].start) + c.text.slice(words[to].start) };
    }
    case 'ellipsis': {
      if (words.length < 10) return null;
      const from = rng.int(2, words.length - 6);
      const to = from + rng.int(2, 4);
      const pieces = [c.text.slice(0, words[from - 1].end), c.text.slice(words[to].start)];
      const mark = rng.pick([' … ', ' … ', ' ... ', ' . . . ']);
      return { ...base, text: pieces.join(mark), pieces };
    }
    case 'invented': {
      const d = other();
      const dWords = wordSpans(d.text);
      if (d.articleId === c.articleId || words.length < 6 || dWords.length < 6) return null;
      const head = c.text.slice(0, words[Math.floor(words.length / 2) - 1].end);
      const tail = d.text.slice(dWords[Math.floor(dWords.length / 2)].start);
      return { ...base, text: `${head} ${tail}`, madeFrom: [c.articleId, d.articleId] };
    }
  }
}

// ---------------------------------------------------------------- figure transformations

/** Changes the digits of a figure: swap two adjacent different digits, or replace one. */
function alterFigure(token: string, rng: Rng): string | null {
  const isDate = new RegExp(MONTH).test(token);
  for (let attempt = 0; attempt < 10; attempt++) {
    const digits = [...token.matchAll(/\d/g)].map((m) => m.index!);
    const chars = [...token];
    const swappable = digits.filter((i) => digits.includes(i + 1) && chars[i] !== chars[i + 1]);
    if (swappable.length && rng.chance(0.5)) {
      const i = rng.pick(swappable);
      [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
    } else {
      const i = rng.pick(digits);
      chars[i] = String((Number(chars[i]) + rng.int(1, 9)) % 10);
    }
    const out = chars.join('');
    if (out === token || /(?:^|[^\d.,])0\d/.test(out)) continue; // no leading zeros
    // A date must stay a real day of the month.
    const day = isDate ? out.match(/(?:^|\D)(\d{1,2})(?!\d)/) : null;
    if (day && (Number(day[1]) < 1 || Number(day[1]) > 28)) continue;
    // ...and a year stays a plausible year (1999 -> 1990, not 9199).
    const year = /^\d{4}$/.test(token) || isDate ? out.match(/\b\d{4}\b/) : null;
    if (year && (Number(year[0]) < 1900 || Number(year[0]) > 2030)) continue;
    return out;
  }
  return null;
}

const FIGURE_TEMPLATES: { type: 'number' | 'date'; template: string; value: (rng: Rng) => string }[] = [
  { type: 'number', template: 'Officials privately put the eventual cost of the scheme at {}.', value: (r) => `£${r.int(2, 950)}m` },
  { type: 'number', template: 'Membership of the group had grown by {} over the period, its organisers claimed.', value: (r) => `${r.int(2, 80)}.${r.int(1, 9)}%` },
  { type: 'number', template: 'Turnout in the district was put at {} by local observers.', value: (r) => `${r.int(20, 95)}.${r.int(10, 99)}%` },
  { type: 'number', template: 'Roughly {} people queued outside the hall before the doors opened.', value: (r) => `${r.int(2, 40)},${r.int(100, 999)}` },
  { type: 'number', template: 'The trust said its reserves stood at {} when the accounts were closed.', value: (r) => `$${r.int(1, 90)}.${r.int(1, 9)}bn` },
  { type: 'date', template: 'The new arrangements are due to come into force on {}.', value: (r) => `${r.int(1, 28)} ${r.pick(['January', 'March', 'June', 'September', 'November'])} ${r.int(1988, 2024)}` },
  { type: 'date', template: 'Inspectors first visited the disputed site on {}, according to the report.', value: (r) => `${r.pick(['Jan.', 'Feb.', 'Aug.', 'Sept.', 'Oct.', 'Dec.'])} ${r.int(1, 28)}, ${r.int(1988, 2024)}` },
  { type: 'date', template: 'The committee last met in full in {}.', value: (r) => `${r.pick(['April', 'July', 'October'])} ${r.int(1988, 2024)}` },
];

function figureType(token: string): 'number' | 'date' {
  return new RegExp(MONTH).test(token) || /^(?:19|20)\d\d$/.test(token) ? 'date' : 'number';
}

// ---------------------------------------------------------------- assembly

const MARKS: Record<MarkStyle, [string, string]> = { curly: ['“', '”'], straight: ['"', '"'], guillemet: ['«', '»'] };
const SPEAKERS = ['a spokesman', 'a spokeswoman', 'the minister', 'one official', 'the chairman', 'an adviser', 'a senior aide', 'one analyst'];

/** Spreads n items over kinds by share, largest remainders first, then shuffles the order. */
function allocate<K extends string>(n: number, mix: Record<K, { share: number }>, rng: Rng): K[] {
  const kinds = Object.keys(mix) as K[];
  const counts = kinds.map((k) => Math.floor(n * mix[k].share));
  const byRemainder = [...kinds.keys()].sort((a, b) => (n * mix[kinds[b]].share) % 1 - (n * mix[kinds[a]].share) % 1);
  for (let i = 0; counts.reduce((s, c) => s + c, 0) < n; i++) counts[byRemainder[i % kinds.length]]++;
  return rng.shuffle(kinds.flatMap((k, i) => Array<K>(counts[i]).fill(k)));
}

/** A paragraph of the draft, with ground-truth items at offsets relative to the paragraph. */
interface Piece {
  text: string;
  quote?: Omit<QuoteTruth, 'start' | 'end'> & { at: number };
  figure?: Omit<FigureTruth, 'start' | 'end'> & { at: number };
}

function quoteParagraph(q: Omit<QuoteTruth, 'start' | 'end'>, rng: Rng): Piece {
  const [open, close] = MARKS[q.marks];
  const speaker = rng.pick(SPEAKERS);
  const Speaker = speaker[0].toUpperCase() + speaker.slice(1);
  // Quotes ending in ? or ! keep it as their only end punctuation.
  const ends = /[?!]$/.test(q.text);
  const forms: [string, string][] =
    q.kind === 'clause'
      ? [[`${Speaker} described it as ${open}`, `${close}.`], [`The plan, ${speaker} said, was ${open}`, `${close}.`]]
      : [
          [open, `${ends ? '' : ','}${close} ${speaker} said.`],
          [`${Speaker} said: ${open}`, `${ends ? '' : '.'}${close}`],
          [open, `${close}${ends ? '' : ','} ${speaker} told reporters.`],
        ];
  const [before, after] = rng.pick(forms);
  return { text: before + q.text + after, quote: { ...q, at: before.length } };
}

export function makeDraft(articles: Article[], options: DraftOptions): Draft {
  const seed = options.seed ?? 'draft';
  const rng = createRng(`${seed}:${options.words}:${options.quotes}:${options.figures}`);
  const index = new CorpusIndex(articles);
  const material = new Material(articles, rng, { quotes: options.quotes * 4, figures: options.figures * 4, fillerWords: options.words * 2 });
  const quotePool = rng.shuffle(material.quotes);
  const figurePool = rng.shuffle(material.figures);
  const pieces: Piece[] = [];

  let qi = 0;
  const nextQuote = () => {
    if (qi >= quotePool.length) throw new Error(`corpus has too few usable quotations (${quotePool.length})`);
    return quotePool[qi++];
  };
  for (const kind of allocate(options.quotes, QUOTE_MIX, rng)) {
    const { expected } = QUOTE_MIX[kind];
    for (;;) {
      const made = makeQuote(kind, nextQuote(), material, rng, nextQuote);
      if (!made) continue;
      // Changed and invented quotes must match no passage anywhere, or their label would lie.
      if (expected !== 'verified' && index.occurs(made.text)) continue;
      const marks: MarkStyle = rng.chance(0.5) ? 'curly' : rng.chance(0.7) ? 'straight' : 'guillemet';
      pieces.push(quoteParagraph({ ...made, expected, marks }, rng));
      break;
    }
  }

  let fi = 0;
  for (const kind of allocate(options.figures, FIGURE_MIX, rng)) {
    const { expected } = FIGURE_MIX[kind];
    for (;;) {
      if (kind === 'invented') {
        const t = rng.pick(FIGURE_TEMPLATES);
        const value = t.value(rng);
        const sentence = t.template.replace('{}', value);
        if (index.occurs(sentence)) continue;
        const at = t.template.indexOf('{}');
        pieces.push({ text: sentence, figure: { kind, type: t.type, expected, text: value, sentence, at } });
        break;
      }
      if (fi >= figurePool.length) throw new Error(`corpus has too few usable figure sentences (${figurePool.length})`);
      const c = figurePool[fi++];
      const type = figureType(c.figure.text);
      if (kind === 'exact') {
        pieces.push({ text: c.sentence, figure: { kind, type, expected, text: c.figure.text, sentence: c.sentence, sourceId: c.articleId, at: c.figure.start } });
        break;
      }
      const altered = alterFigure(c.figure.text, rng);
      if (!altered) continue;
      const sentence = c.sentence.slice(0, c.figure.start) + altered + c.sentence.slice(c.figure.end);
      if (index.occurs(sentence)) continue;
      pieces.push({
        text: sentence,
        figure: { kind, type, expected, text: altered, sentence, sourceId: c.articleId, original: c.figure.text, at: c.figure.start },
      });
      break;
    }
  }

  // Filler until the word target is met: narration put in front of a paragraph, or whole
  // narration paragraphs between the items.
  const filler = rng.shuffle(material.filler);
  let fl = 0;
  const nextFiller = () => {
    if (fl >= filler.length) throw new Error(`corpus has too little filler prose (${filler.length} sentences)`);
    return filler[fl++];
  };
  const title = `# ${nextFiller().replace(/[.!?]$/, '')}`;
  const body: Piece[] = rng.shuffle(pieces);
  let words = countWords(title) + body.reduce((s, p) => s + countWords(p.text), 0);
  while (words < options.words) {
    const para = Array.from({ length: rng.int(1, 3) }, nextFiller).join(' ');
    words += countWords(para);
    if (rng.chance(0.4)) {
      const i = rng.int(0, body.length - 1);
      body[i] = prefix(body[i], para);
    } else {
      body.splice(rng.int(0, body.length), 0, { text: para });
    }
  }

  // Lay out: title, then paragraphs, with a section heading about every 500 words.
  let text = `${title}\n\n`;
  const quotes: QuoteTruth[] = [];
  const figures: FigureTruth[] = [];
  let sinceHeading = 0;
  for (const p of body) {
    if (sinceHeading > 500) {
      text += `## ${wordSpans(nextFiller()).slice(0, 4).map((w) => w.text).join(' ')}\n\n`;
      sinceHeading = 0;
    }
    const offset = text.length;
    if (p.quote) {
      const { at, ...q } = p.quote;
      quotes.push({ ...q, start: offset + at, end: offset + at + q.text.length });
    }
    if (p.figure) {
      const { at, ...f } = p.figure;
      figures.push({ ...f, start: offset + at, end: offset + at + f.text.length });
    }
    text += `${p.text}\n\n`;
    sinceHeading += countWords(p.text);
  }
  return { text, words: countWords(text), quotes, figures };
}

/** Puts narration in front of a paragraph, shifting its ground-truth offsets. */
function prefix(p: Piece, lead: string): Piece {
  if (!lead) return p;
  const shift = lead.length + 1;
  return {
    text: `${lead} ${p.text}`,
    quote: p.quote && { ...p.quote, at: p.quote.at + shift },
    figure: p.figure && { ...p.figure, at: p.figure.at + shift },
  };
}

function main(): void {
  const which = process.argv[2] ?? 'bbc';
  const articles = loadNamedCorpus(which);
  if (!articles) return;
  const outDir = path.join(corporaRoot, 'drafts');
  mkdirSync(outDir, { recursive: true });
  for (const [name, opts] of [['2k', DRAFT_2K], ['20k', DRAFT_20K]] as const) {
    const t = performance.now();
    const draft = makeDraft(articles, opts);
    const ms = performance.now() - t;
    const file = path.join(outDir, `${which}-${name}`);
    writeFileSync(`${file}.md`, draft.text);
    writeFileSync(`${file}.truth.json`, JSON.stringify({ quotes: draft.quotes, figures: draft.figures }, null, 2));
    console.log(`${which} draft ${name}: ${draft.words} words, ${draft.quotes.length} quotes, ${draft.figures.length} figures, built in ${(ms / 1000).toFixed(2)} s -> ${path.relative(process.cwd(), file)}.md`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
