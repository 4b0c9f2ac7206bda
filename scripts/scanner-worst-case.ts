// Worst cases of every scanner and regular expression over text, on adversarial input:
// long runs of the characters each treats specially, at growing sizes. Linear code grows
// ×10 from one column to the next; a quadratic one ×100. Prints a Markdown table
// (RELIABILITY.md, "Pattern matching"). Run: npx tsx scripts/scanner-worst-case.ts
import { findQuotes } from '../server/src/core/text/quotes';
import { splitSentences } from '../server/src/core/text/sentences';
import { htmlToText, maskMarkdown } from '../server/src/core/text/markup';
import { tokenize, normaliseWord } from '../server/src/core/text/tokens';
import { parseQuery } from '../server/src/core/match/query';
import { extractMetadata } from '../server/src/core/source/metadata';
import { parseSource } from '../server/src/core/source/source';

const SIZES = [100_000, 1_000_000, 10_000_000];
const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const cases: Array<[string, (n: number) => unknown]> = [
  ['findQuotes: nested “ then ”', (n) => findQuotes(fill('\u201C', n / 2) + fill('\u201D', n / 2))],
  ['findQuotes: « then unmatched ’ ” ›', (n) => findQuotes(fill('\u00AB', n / 2) + fill(' a\u2019 b\u201D c\u203A', n / 2))],
  ['findQuotes: straight " run', (n) => findQuotes(fill('"', n))],
  ["findQuotes: ' a ' a", (n) => findQuotes(fill(" 'a", n))],
  ['findQuotes: open quote, blank lines', (n) => findQuotes('"a\n' + fill(' \n', n))],
  ['splitSentences: dots', (n) => splitSentences(fill('.', n))],
  ['splitSentences: "a. "', (n) => splitSentences(fill('a. ', n))],
  ['splitSentences: no boundary', (n) => splitSentences(fill('word ', n))],
  ['maskMarkdown: unclosed "](" targets', (n) => maskMarkdown(fill('](', n))],
  ['maskMarkdown: backtick runs of every length', (n) => { let s = ''; for (let k = 1; s.length < n; k++) s += '`'.repeat(k) + 'x'; return maskMarkdown(s); }],
  ['maskMarkdown: "<a " tags', (n) => maskMarkdown(fill('<a ', n))],
  ['maskMarkdown: ``` fences', (n) => maskMarkdown(fill('```\n', n))],
  ['maskMarkdown: <!-- comments', (n) => maskMarkdown(fill('<!--', n))],
  ['htmlToText: unclosed <script><style>', (n) => htmlToText(fill('<script><style>', n))],
  ['htmlToText: "&aaaa…" entity', (n) => htmlToText('&' + fill('a', n))],
  ['tokenize: "a." abbreviations', (n) => tokenize(fill('a.', n))],
  ['tokenize: "1," digits', (n) => tokenize(fill('1,', n))],
  ['normaliseWord: one huge word', (n) => normaliseWord(fill('ab\u0301', n))],
  ['parseQuery: "[a" brackets', (n) => parseQuery(fill('[a', n), 0, n)],
  ['parseQuery: ". " ellipses', (n) => parseQuery(fill('. ', n), 0, n)],
  ['extractMetadata: one line, "a. "', (n) => extractMetadata(fill('a. ', n), 'x')],
  ['extractMetadata: one line, letters', (n) => extractMetadata(fill('a', n), 'x')],
  ['parseSource (.md): 100k-line nested quotes', (n) => parseSource('x.md', 'file:///x.md', fill('He said “she said «they said „\nand ‘then\ncloseing” »\n', n))],
  ['parseSource (.txt): one line of words', (n) => parseSource('x.txt', 'file:///x.txt', fill('w1 w2 w3 ', n))],
];

console.log(`| input | ${SIZES.map((s) => `${s / 1e6} M chars`).join(' | ')} |`);
console.log(`| --- | ${SIZES.map(() => '---:').join(' | ')} |`);
for (const [name, run] of cases) {
  const cells: string[] = [];
  for (const n of SIZES) {
    const t = performance.now();
    run(n);
    const ms = performance.now() - t;
    cells.push(`${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`);
  }
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
