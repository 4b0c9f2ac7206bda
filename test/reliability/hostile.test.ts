// Hostile and odd inputs, through the real server (over stdio) and the real CLI: a
// workspace whose sources folder holds every kind of bad file next to good ones in
// odd encodings and line endings. For each: the server stays up and answers, the good
// sources are all indexed, one message names each bad file and its problem, and every
// range and go-to-source position is exact (UTF-16, CRLF and CR).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Hover, LocationLink } from 'vscode-languageserver-protocol';
import { startServer, TestServer } from '../support/lspClient';
import { makeWorkspace } from '../support/workspace';
import { REPO } from '../support/seeds';
import { FolderSources } from '../../server/src/node/folderSources';
import { DEFAULT_SOURCE_GLOBS } from '../../server/src/node/sourceFiles';
import { decodeBytes } from '../../server/src/node/decode';

const Q = {
  utf16: 'water tariffs will rise by nine percent in the northern region next spring',
  utf16be: 'the old bridge over the river will be closed for repairs until autumn',
  crlf: 'the new pier will open to ferries before the summer season begins',
  cr: 'night trains to the coast will run again from the first of June',
  cp1252: 'prices for coffee rose sharply after the storm',
  emoji: 'the festival drew more visitors than any year since records began',
  invisible: 'the agreement on fishing quotas was signed after long talks',
  outside: 'outside files must never be read by the checker at all',
  unreadable: 'the locked archive holds the minutes of every council meeting',
};

/** Every source file's bytes, good ones with odd encodings and bad ones. */
function sourceFiles(): Record<string, Buffer> {
  const utf16 = (s: string, be = false) => {
    const le = Buffer.from('\uFEFF' + s, 'utf16le');
    return be ? Buffer.from(le).swap16() : le;
  };
  return {
    'sources/utf16.txt': utf16(`Utility report\n\nThe regulator said “${Q.utf16}” on Monday.\n`),
    'sources/utf16be.txt': utf16(`Bridge report\n\nThe council said “${Q.utf16be}” on Tuesday.\n`, true),
    'sources/crlf.txt': Buffer.from(`Harbour news\r\n\r\nIn a long statement issued late on Sunday evening,\r\nthe harbour master said “${Q.crlf}” yesterday.\r\n`),
    'sources/cr.txt': Buffer.from(`Rail news\r\rAfter months of delays and complaints from passengers,\rthe operator said “${Q.cr}” today.\r`),
    // Windows-1252: é is E9, the curly quotes are 93 and 94.
    'sources/cp1252.txt': Buffer.concat([Buffer.from('Caf\xe9 news\n\nThe owner of the caf\xe9 said \x93', 'latin1'), Buffer.from(Q.cp1252), Buffer.from('\x94 on Friday.\n', 'latin1')]),
    'sources/emoji.md': Buffer.from(`# Festival 🎉\n\n🎉🎉 The mayor 👩🏽‍💼 said 😀 “${Q.emoji}” 👍🏽.\n`),
    'sources/invisible.html': Buffer.from(`<p>The minister said “the agree\u00ADment on fish\u200Bing quotas was signed after \u200Flong talks” in Oslo. \u202Eevil\u202C</p>`),
    'sources/unreadable.txt': Buffer.from(`Council news\n\nThe clerk said “${Q.unreadable}”.\n`),
    'sources/empty.txt': Buffer.alloc(0),
    'sources/binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    'sources/archive.md': Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(64, 0), Buffer.from('“a quote inside a zip”')]),
    'sources/big.txt': Buffer.from('lorem ipsum dolor sit amet '.repeat(400_000)), // 10.8 MB, one line
    'sources/quotes.txt': Buffer.from('\u201C'.repeat(100_000) + '"'.repeat(100_000) + '\u00AB'.repeat(100_000)),
    'sources/nested.md': Buffer.from(
      Array.from({ length: 6000 }, (_, i) => ['He said “she said «they said „', 'and ‘then', 'closing” »', "word's “a", ''][i % 5]).join('\n'),
    ),
  };
}

const DRAFT_LINES = [
  '# Hostile draft',
  '',
  '😀👍🏽 Tokayev said: “Of course, that would be a disaster.”',
  '',
  `The regulator said “${Q.utf16}”.`,
  '',
  `The council said “${Q.utf16be}”.`,
  '',
  `The harbour master said “${Q.crlf}”.`,
  '',
  `The operator said “${Q.cr}”.`,
  '',
  `The owner said “${Q.cp1252}”.`,
  '',
  `🎉 The mayor said “${Q.emoji}”.`,
  '',
  `The minister said “${Q.invisible}”.`,
  '',
  `\u200F\u202B The envoy said “peace talks will resume in Geneva next week after the holiday”.\u202C`,
  '',
  `The stranger said “${Q.outside}”.`,
  '',
  `The clerk said “${Q.unreadable}”.`,
  '',
  'Quote marks: ' + '“'.repeat(2000) + ' and ' + '"'.repeat(2001),
  '',
];
const VERIFIED = ['utf16', 'utf16be', 'crlf', 'cr', 'cp1252', 'emoji', 'invisible'] as const;
/** The files that must each be named once, with their problem. */
const PROBLEMS: Array<[string, RegExp]> = [
  ['sources/binary.txt', /binary file/],
  ['sources/archive.md', /binary file/],
  ['sources/big.txt', /too large \(10\.3 MB/],
  ['sources/cp1252.txt', /not valid UTF-8; read as Windows-1252/],
  ['sources/empty.txt', /empty file/],
  ['sources/outside', /symbolic link that leads outside the workspace folder; not followed/],
  ['sources/loop', /link loop/],
];

const asRoot = process.getuid?.() === 0;
const VERDICT_CODES = ['misquote', 'unsourced-quote', 'quote-variant', 'unsourced-phrase'];
let ws: ReturnType<typeof makeWorkspace>;
let outside: string;
let server: TestServer;

before(async () => {
  ws = makeWorkspace();
  for (const [rel, bytes] of Object.entries(sourceFiles())) {
    mkdirSync(path.dirname(path.join(ws.root, rel)), { recursive: true });
    writeFileSync(path.join(ws.root, rel), bytes);
  }
  outside = mkdtempSync(path.join(tmpdir(), 'source-check-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), `Secret\n\nHe said “${Q.outside}”.\n`);
  symlinkSync(outside, path.join(ws.root, 'sources', 'outside'));
  symlinkSync('.', path.join(ws.root, 'sources', 'loop'));
  chmodSync(path.join(ws.root, 'sources', 'unreadable.txt'), 0o000);
  server = await startServer(ws.root);
});

after(async () => {
  await server?.stop();
  ws.dispose();
  rmSync(outside, { recursive: true, force: true });
});

const lineOf = (needle: string) => DRAFT_LINES.findIndex((l) => l.includes(needle));

/** Reads a source as an editor shows it, independently of the server's decoder. */
function sourceLines(uri: string): string[] {
  const bytes = readFileSync(fileURLToPath(uri));
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  else if (uri.endsWith('cp1252.txt')) text = new TextDecoder('windows-1252').decode(bytes);
  else text = bytes.toString('utf8');
  return text.split(/\r\n|\r|\n/);
}

function rangeText(lines: string[], r: LocationLink['targetRange']): string {
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

for (const [eol, name] of [['\n', 'LF'], ['\r\n', 'CRLF'], ['\r', 'CR']] as const) {
  test(`server, ${name} draft: exact diagnostics, and go-to-source lands on the words in every encoding`, async (t) => {
    const text = DRAFT_LINES.join(eol);
    const uri = pathToFileURL(path.join(ws.root, `draft-${name}.md`)).toString();
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const p = await server.diagnostics(uri, () => true, 60_000);
    // Only the verdict codes: other checks (e.g. quote-is-narration) may add their own notes.
    for (const d of p.diagnostics.filter((d: Diagnostic) => !VERDICT_CODES.includes(String(d.code)))) t.diagnostic(`also: line ${d.range.start.line + 1} ${d.code}: ${d.message}`);
    const byLine = new Map(p.diagnostics.filter((d: Diagnostic) => VERDICT_CODES.includes(String(d.code))).map((d: Diagnostic) => [d.range.start.line, d]));
    const mis = byLine.get(lineOf('Tokayev'));
    assert.equal(mis?.code, 'misquote');
    assert.equal(doc.getText(mis!.range), 'Of course, that would be a disaster');
    const envoy = byLine.get(lineOf('envoy'));
    assert.equal(envoy?.code, 'unsourced-quote');
    assert.equal(doc.getText(envoy!.range), 'peace talks will resume in Geneva next week after the holiday');
    assert.equal(byLine.get(lineOf('stranger'))?.code, 'unsourced-quote', 'a file behind a link out of the workspace was read');
    assert.equal(byLine.get(lineOf('clerk'))?.code, asRoot ? undefined : 'unsourced-quote');
    for (const key of VERIFIED) assert.equal(byLine.get(lineOf(Q[key])), undefined, `${key}: ${byLine.get(lineOf(Q[key]))?.message}`);
    // Nor any other note: each of these sources quotes the words, in its own encoding's marks
    // (Windows-1252 was read as Latin-1, the marks became control characters: "narration").
    for (const key of VERIFIED) assert.deepEqual(p.diagnostics.filter((d: Diagnostic) => d.range.start.line === lineOf(Q[key])).map((d: Diagnostic) => `${d.code}: ${d.message}`), [], key);

    for (const key of VERIFIED) {
      const line = lineOf(Q[key]);
      const character = DRAFT_LINES[line].indexOf(Q[key]) + 5;
      const links = (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line, character } })) as LocationLink[];
      assert.equal(links?.length, 1, `${key}: ${JSON.stringify(links)}`);
      const words = rangeText(sourceLines(links[0].targetUri), links[0].targetRange).replace(/[\u00AD\u200B\u200F]/g, '');
      assert.equal(words, Q[key], key);
      assert.equal(doc.getText(links[0].originSelectionRange!), Q[key]);
    }
    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: lineOf('mayor'), character: 25 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /Verified quote[\s\S]*sources\/emoji\.md`, line 3/);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
}

test('Windows-1252 bytes 0x80–0x9F are its curly quotes, dashes and euro sign, not control characters', () => {
  const decoded = decodeBytes(Buffer.from([0x93, 0x41, 0x94, 0x20, 0x91, 0x92, 0x80, 0x96, 0x97, 0x85, 0xe9, 0x81]));
  assert.ok('text' in decoded);
  assert.equal(decoded.text, '\u201CA\u201D \u2018\u2019\u20AC\u2013\u2014\u2026\u00E9\u0081');
  assert.equal(decoded.note, 'not valid UTF-8; read as Windows-1252');
});

test('server: one message names each bad source file and its problem; the good ones are all indexed', (t) => {
  const logs = server.logs;
  for (const [file, problem] of PROBLEMS) {
    const about = logs.filter((l) => l.includes(`${file}:`));
    assert.equal(about.length, 1, `${file}: ${JSON.stringify(about)}`);
    assert.match(about[0], problem);
  }
  const unreadable = logs.filter((l) => l.includes('sources/unreadable.txt'));
  if (asRoot) {
    t.diagnostic('running as root: chmod 000 does not stop reads, so the unreadable file is read and indexed; the permission message is tested only as a normal user');
    assert.equal(unreadable.length, 0);
  } else {
    assert.equal(unreadable.length, 1);
    assert.match(unreadable[0], /permission denied/);
  }
  // 5 seeds + 7 good sources + quotes.txt, nested.md, empty.txt (+ unreadable.txt as root).
  const indexed = logs.find((l) => /sources? indexed/.test(l));
  assert.match(indexed ?? '', new RegExp(`^Source Check: ${5 + 7 + 3 + (asRoot ? 1 : 0)} sources indexed`));
});

test('CLI: the same workspace gives the same findings, and names each bad file once on stderr', () => {
  writeFileSync(path.join(ws.root, 'draft.md'), DRAFT_LINES.join('\r\n'));
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'check', '--format', 'json', 'draft.md'], { cwd: ws.root, encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 1, r.stderr);
  const findings = JSON.parse(r.stdout) as Array<{ code: string; line: number; column: number; endColumn: number }>;
  const doc = TextDocument.create('x', 'markdown', 1, DRAFT_LINES.join('\r\n'));
  const mis = findings.find((f) => f.code === 'misquote')!;
  assert.equal(doc.getText({ start: { line: mis.line - 1, character: mis.column - 1 }, end: { line: mis.line - 1, character: mis.endColumn - 1 } }), 'Of course, that would be a disaster');
  assert.deepEqual(findings.filter((f) => VERDICT_CODES.includes(f.code)).map((f) => f.line - 1), [lineOf('Tokayev'), lineOf('envoy'), lineOf('stranger'), ...(asRoot ? [] : [lineOf('clerk')])]);
  for (const [file, problem] of PROBLEMS) {
    const about = r.stderr.split('\n').filter((l) => l.includes(`${file}:`));
    assert.equal(about.length, 1, `${file}: ${r.stderr}`);
    assert.match(about[0], problem);
  }
});

test('server: a 10 MB one-line source is indexed when the size limit allows it, and quotes in it verify', async (t) => {
  const big = makeWorkspace();
  const words = Array.from({ length: 1_700_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
  assert.ok(words.length > 10_000_000);
  mkdirSync(path.join(big.root, 'sources'));
  writeFileSync(path.join(big.root, 'sources', 'big.txt'), words);
  const started = Date.now();
  const s = await startServer(big.root, { maxFileSize: 20 });
  try {
    const quote = words.slice(words.indexOf(' ', 6_000_000) + 1, words.indexOf(' ', 6_000_200));
    const uri = pathToFileURL(path.join(big.root, 'd.md')).toString();
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: `He said “${quote}”.\n` } });
    const p = await s.diagnostics(uri, () => true, 120_000);
    t.diagnostic(`${s.logs.find((l) => /sources? indexed/.test(l))}; the draft checked ${Date.now() - started} ms after the server started`);
    assert.deepEqual(p.diagnostics.filter((d) => VERDICT_CODES.includes(String(d.code))), []);
    const links = (await s.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 12 } })) as LocationLink[];
    assert.equal(links.length, 1);
    assert.equal(links[0].targetRange.start.line, 0);
    assert.equal(words.slice(links[0].targetRange.start.character, links[0].targetRange.end.character), quote);
  } finally {
    await s.stop();
    big.dispose();
  }
});

test('server: a 10 MB one-line list of numbers is indexed in bounded time, says its facts are capped, and quotes in it verify', async (t) => {
  const big = makeWorkspace();
  // A number every eight characters: 850,000 figures with their nouns, no sentence end.
  const text = Array.from({ length: 850_000 }, (_, i) => `${i} w${i.toString(36)},`).join(' ');
  assert.ok(text.length > 10_000_000);
  mkdirSync(path.join(big.root, 'sources'));
  writeFileSync(path.join(big.root, 'sources', 'numbers.txt'), text);
  const started = Date.now();
  const s = await startServer(big.root, { maxFileSize: 20 });
  try {
    const quote = text.slice(text.indexOf(' ', 7_000_000) + 1, text.indexOf(',', 7_000_150));
    const uri = pathToFileURL(path.join(big.root, 'd.md')).toString();
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: `He said “${quote}”.\n` } });
    const p = await s.diagnostics(uri, () => true, 120_000);
    t.diagnostic(`${s.logs.find((l) => /sources? indexed/.test(l))}; the draft checked ${Date.now() - started} ms after the server started`);
    assert.deepEqual(p.diagnostics.filter((d) => VERDICT_CODES.includes(String(d.code))), []);
    const about = s.logs.filter((l) => l.includes('sources/numbers.txt'));
    assert.equal(about.length, 1, JSON.stringify(about));
    assert.match(about[0], /over 50,000 figures and dates .*only those in its first \d+% are checked against/);
    const links = (await s.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 12 } })) as LocationLink[];
    assert.equal(links.length, 1);
    assert.equal(text.slice(links[0].targetRange.start.character, links[0].targetRange.end.character), quote);
  } finally {
    await s.stop();
    big.dispose();
  }
});

test('server: 50,000 tiny source files are all indexed, and a quote from the last one verifies', async (t) => {
  const many = makeWorkspace();
  const dir = path.join(many.root, 'sources');
  for (let i = 0; i < 50; i++) mkdirSync(path.join(dir, `d${i}`), { recursive: true });
  for (let i = 0; i < 50_000; i++) writeFileSync(path.join(dir, `d${i % 50}`, `s${i}.txt`), `Note ${i}\n\nThe clerk number ${i} said “ledger entry ${i} was filed on time”.\n`);
  const started = Date.now();
  const s = await startServer(many.root);
  try {
    const uri = pathToFileURL(path.join(many.root, 'd.md')).toString();
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'He said “ledger entry 49999 was filed on time”.\n' } });
    const p = await s.diagnostics(uri, () => true, 300_000);
    t.diagnostic(`50,000 sources indexed and the draft checked in ${Date.now() - started} ms`);
    assert.deepEqual(p.diagnostics, []);
    assert.ok(s.logs.some((l) => l.startsWith('Source Check: 50005 sources indexed')), s.logs.join('\n'));
  } finally {
    await s.stop();
    many.dispose();
  }
});

test('a source deleted or rewritten while the folder is being indexed', async () => {
  // Sources are read in batches of 64: act between the first batch and the second.
  const files: Record<string, string> = { 'sources/a.txt': 'A\n\nShe said “the first file stays as it was written”.\n' };
  for (let i = 0; i < 70; i++) files[`sources/f${String(i).padStart(3, '0')}.txt`] = `F${i}\n\nShe said “filler number ${i}”.\n`;
  files['sources/x-b.txt'] = 'B\n\nShe said “the second file is about to be rewritten”.\n';
  files['sources/x-c.txt'] = 'C\n\nShe said “the third file is deleted before it is read”.\n';
  files['sources/x-d.txt'] = 'D\n\nShe said “the fourth file is rewritten after it is read”.\n';
  const w = makeWorkspace(files);
  try {
    const problems: string[] = [];
    const sources = new FolderSources(w.root, { globs: DEFAULT_SOURCE_GLOBS, onProblem: (p) => problems.push(p) });
    const at = (rel: string) => path.join(w.root, rel);
    let calls = 0;
    await sources.loadAll((done, total) => {
      if (++calls === 1) {
        assert.ok(done < total, 'the files were read in one batch: the test cannot act in between');
        writeFileSync(at('sources/x-b.txt'), 'B\n\nShe said “the second file was rewritten in time”.\n');
        rmSync(at('sources/x-c.txt'));
      }
      if (done === total) writeFileSync(at('sources/x-d.txt'), 'D\n\nShe said “the fourth file changed after indexing”.\n');
    });
    assert.deepEqual(problems, ['sources/x-c.txt: file not found; left out of the sources']);
    assert.equal(sources.index.get('sources/x-c.txt'), undefined);
    assert.match(sources.index.get('sources/x-b.txt')!.text, /rewritten in time/);
    assert.match(sources.index.get('sources/a.txt')!.text, /stays as it was/);
    // The watcher's change event for d re-reads it; nothing else is lost.
    await sources.update(at('sources/x-d.txt'));
    assert.match(sources.index.get('sources/x-d.txt')!.text, /changed after indexing/);
    assert.equal(sources.index.size, 5 + 1 + 70 + 2);
  } finally {
    w.dispose();
  }
});
