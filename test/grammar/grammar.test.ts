// The highlighting grammar as VS Code runs it: vscode-textmate with the Oniguruma
// wasm, VS Code's own Markdown grammar (from tm-grammars) with our injection, and our
// plaintext grammar. Asserts the scopes of specific tokens in drafts that use every
// quote style, figures and dates, and that code and comments stay plain.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { REPO } from '../support/seeds';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const contributed: Array<{ scopeName: string; path: string; language?: string; injectTo?: string[] }> = pkg.contributes.grammars;
let registry: vsctm.Registry;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammarFiles: Record<string, string> = { 'text.html.markdown': require.resolve('tm-grammars/grammars/markdown.json') };
  for (const g of contributed) grammarFiles[g.scopeName] = path.join(REPO, g.path);
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName) => {
      const file = grammarFiles[scopeName];
      // Grammars Markdown embeds (HTML, code languages) are not needed here.
      return file ? vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    // As VS Code does with contributes.grammars[].injectTo.
    getInjections: (scopeName) => contributed.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
});

interface Token {
  text: string;
  line: number;
  start: number;
  scopes: string[];
}

async function tokenize(scopeName: string, text: string): Promise<Token[]> {
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  const out: Token[] = [];
  let stack = vsctm.INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), line: i, start: t.startIndex, scopes: t.scopes });
    stack = r.ruleStack;
  });
  return out;
}

/**
 * The scopes shared by every token that covers `needle` (its `nth` occurrence, counting
 * from 0) in the text; `needle` may be "context|part" to take `part` inside `context`.
 */
function scopesOf(tokens: Token[], text: string, target: string, nth = 0): string[] {
  const [context, part] = target.includes('|') ? target.split('|') : [target, target];
  const needle = part;
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(context, offset + 1);
  assert.ok(offset >= 0, `${context} is in the draft`);
  offset += context.indexOf(part);
  const lines = text.slice(0, offset).split('\n');
  const line = lines.length - 1;
  const col = lines[line].length;
  const covering = tokens.filter((t) => t.line === line && t.start < col + needle.length && t.start + t.text.length > col);
  assert.ok(covering.length > 0, `tokens cover ${needle}`);
  return covering.map((t) => t.scopes).reduce((a, b) => a.filter((s) => b.includes(s)));
}

const has = (scopes: string[], prefix: string) => scopes.some((s) => s === prefix || s.startsWith(prefix + '.') || s.split(' ').some((p) => p.startsWith(prefix)));
const QUOTE = 'string.quoted';

test('contributes the injection into Markdown and a grammar for plaintext', () => {
  const injection = contributed.find((g) => g.injectTo?.includes('text.html.markdown'));
  assert.ok(injection, 'an injection grammar for Markdown');
  assert.ok(contributed.some((g) => g.language === 'plaintext'), 'a grammar for plaintext');
});

test('every quote style in a Markdown draft is a quoted string, apostrophes are not', async () => {
  const text = readFileSync(path.join(REPO, 'test', 'fixtures', 'quotes', 'styles.md'), 'utf8');
  const tokens = await tokenize('text.html.markdown', text);
  const quoted = (needle: string, kind: string, nth = 0) => {
    const s = scopesOf(tokens, text, needle, nth);
    assert.ok(s.includes(`string.quoted.${kind}.source-check`), `${needle} should be string.quoted.${kind}: ${s.join(', ')}`);
  };
  const plain = (needle: string, nth = 0) => {
    const s = scopesOf(tokens, text, needle, nth);
    assert.ok(!has(s, QUOTE), `${needle} should not be quoted: ${s.join(', ')}`);
  };
  quoted('Of course, that would be chaos', 'double');
  assert.ok(scopesOf(tokens, text, '“Of course|“').includes('punctuation.definition.string.begin.source-check'));
  assert.ok(scopesOf(tokens, text, 'chaos,” at|”').includes('punctuation.definition.string.end.source-check'));
  quoted('Of course, that would be chaos', 'double', 2); // straight marks (nth 1 is in the expectation comment)
  quoted('Our president often spoke', 'guillemet');
  quoted('Serbia cannot accept these results', 'low');
  quoted('a frank exchange', 'single');
  quoted('We reconfirm our readiness', 'single');
  // Apostrophes: Kazakhstan's, neighbours', don't, Biden's — not quotes; "sham" is.
  plain("Kazakhstan's and");
  plain("neighbours' view");
  plain('the votes don');
  plain("Biden's word");
  quoted('sham', 'double');
  // A nested quote is inside both.
  quoted("'referendum'", 'single');
  quoted("'referendum'", 'double');
  // A quote over two lines of one paragraph: VS Code's Markdown grammar restarts its
  // paragraph scope at every line (as it does for bold), so only the first line is
  // marked; the second line's closing mark must not open a new quote.
  quoted('We reconfirm our readiness to provide\n|readiness', 'double');
  plain('political dialogue,” he said.|he said');
  // The expectations are HTML comments: never highlighted as claims.
  plain('expect verified {{Of course');
  // A heading and the prose between quotes are plain.
  plain('Quote styles');
  plain('Every style of quotation mark');
});

const FACTS = [
  '# Figures and dates',
  '',
  'Turnout was 99.23% in Donetsk, 98.42 per cent in Luhansk and 87 percent elsewhere.',
  'The fund holds $1.13bn and £600m; over 600 countries, not 193 states; 2,500 people.',
  'On 26 September 2022 the vote closed; on Sep. 25 it began; by 2022-09-28 and 20220618.',
  'He spoke on Friday, in June 2022, and in 2014.',
  'Talks began in March. May she win?',
  '',
  'Inline code is not a claim: `“not a quote” 99%` and neither is a fence:',
  '',
  '```',
  '“fenced” 42% 2022-09-26',
  '```',
  '',
  '<!-- “commented” 12% -->',
  'A [“linked quote”](https://example.com/“x”) keeps its link target plain.',
].join('\n');

test('figures and dates have their own scopes; code, comments and link targets stay plain', async () => {
  const tokens = await tokenize('text.html.markdown', FACTS);
  const scoped = (needle: string, scope: string) => {
    const s = scopesOf(tokens, FACTS, needle);
    assert.ok(s.includes(scope), `${needle} should be ${scope}: ${s.join(', ')}`);
  };
  const plain = (needle: string) => {
    const s = scopesOf(tokens, FACTS, needle);
    assert.ok(!s.some((x) => x.includes('source-check')), `${needle} should carry no Source Check scope: ${s.join(', ')}`);
  };
  scoped('99.23%', 'constant.numeric.percentage.source-check');
  scoped('98.42 per cent', 'constant.numeric.percentage.source-check');
  scoped('87 percent', 'constant.numeric.percentage.source-check');
  scoped('$1.13bn', 'constant.numeric.money.source-check');
  scoped('£600m', 'constant.numeric.money.source-check');
  scoped('over 600 countries|600', 'constant.numeric.count.source-check');
  scoped('2,500', 'constant.numeric.count.source-check');
  scoped('26 September 2022', 'constant.other.date.day-month.source-check');
  scoped('Sep. 25', 'constant.other.date.month-day.source-check');
  scoped('2022-09-28', 'constant.other.date.iso.source-check');
  scoped('20220618', 'constant.other.date.compact.source-check');
  scoped('Friday', 'constant.other.date.weekday.source-check');
  scoped('June 2022', 'constant.other.date.month-year.source-check');
  scoped('2014', 'constant.other.date.year.source-check');
  scoped('in March|March', 'constant.other.date.month.source-check');
  // Default Light+ and Dark+ colour variable.other.constant, not constant.other: every date carries both.
  for (const d of ['26 September 2022', 'Sep. 25', 'Friday', 'in March|March']) scoped(d, 'variable.other.constant.date.source-check');
  plain('May she|May');
  plain('not a quote');
  plain('fenced');
  plain('commented');
  plain('example.com');
  plain('# Figures|Figures');
});

test('the plaintext grammar marks the same claims, and comments stay plain', async () => {
  const text =
    'Tokayev said “Of course, that would be chaos” on 26 September 2022, with 99.23% in favour.\n<!-- “ignored” -->\n' +
    'She called it a \'sham\', said «Serbia cannot accept», and „nothing“ more.\n\n“We reconfirm our readiness\nto provide all possible assistance,” he said.';
  const tokens = await tokenize('text.plain.source-check', text);
  const s = (needle: string) => scopesOf(tokens, text, needle);
  assert.ok(s('Of course').includes('string.quoted.double.source-check meta.quote.source-check') || has(s('Of course'), 'string.quoted.double'));
  assert.ok(s('26 September 2022').includes('constant.other.date.day-month.source-check'));
  assert.ok(s('99.23%').includes('constant.numeric.percentage.source-check'));
  assert.ok(!has(s('ignored'), QUOTE));
  assert.ok(has(s('sham'), 'string.quoted.single'));
  assert.ok(has(s('Serbia cannot'), 'string.quoted.guillemet'));
  assert.ok(has(s('nothing'), 'string.quoted.low'));
  // Plain text has no paragraph scope to restart: a quote runs over lines to its closing mark.
  assert.ok(has(s('to provide all possible'), 'string.quoted.double'));
  assert.ok(!has(s('he said'), QUOTE));
});
