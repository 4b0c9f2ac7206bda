// The command line as a user or a CI job runs it: output format, exit codes, JSON,
// and bad input that must be named, not crash.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { REPO } from '../support/seeds';
import { makeWorkspace } from '../support/workspace';

// The index caches of these runs, away from the user's own.
const cacheDir = mkdtempSync(path.join(tmpdir(), 'source-check-cli-cache-'));
after(() => rmSync(cacheDir, { recursive: true, force: true }));

function cli(args: string[], cwd = REPO, cache = cacheDir) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, SOURCE_CHECK_CACHE_DIR: cache } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('text output: one finding a line, then a summary; exit 1 on warnings', () => {
  const r = cli(['check', 'examples/draft.md']);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  // "in June": seeds/000 has "Tokayev said in June", but nothing ties the forum's date to that statement.
  assert.match(lines[0], /^examples\/draft\.md:8:\d+: information unsourced-date: Not verified: a source gives this date, perhaps for something else/);
  assert.match(lines[1], /^examples\/draft\.md:\d+:\d+: warning misquote: Misquote: “a disaster” where the source has “chaos”/);
  assert.match(lines[2], /^examples\/draft\.md:\d+:\d+: warning unsourced-quote: No source carries this quote/);
  assert.equal(lines[lines.length - 1], '6 quotes checked in 1 file: 3 verified, 1 misquoted, 2 unsourced; 2 warnings, 2 information');
  assert.equal(r.stderr, '');
});

test('--exit-zero (npm start) exits 0 with the same findings', () => {
  const r = cli(['check', '--exit-zero', 'examples/draft.md']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /warning misquote/);
});

test('line and column point at the first quoted word', () => {
  const r = cli(['check', 'examples/draft.md']);
  const [, line, col] = /draft\.md:(\d+):(\d+): warning misquote/.exec(r.stdout)!;
  const text = require('fs').readFileSync(path.join(REPO, 'examples', 'draft.md'), 'utf8').split('\n');
  assert.ok(text[+line - 1].slice(+col - 1).startsWith('If the right to self-determination'));
});

test('JSON output lists findings with ranges, sources and fixes', () => {
  const r = cli(['check', '--format', 'json', 'examples/draft.md']);
  assert.equal(r.code, 1);
  const findings = JSON.parse(r.stdout);
  assert.equal(findings.length, 4);
  // A date the engine is not sure of: shown beside the passage that gives it, never claimed as its source.
  const date = findings.find((f: { code: string }) => f.code === 'unsourced-date');
  assert.equal(date.severity, 'information');
  assert.equal(date.sources[0].path, 'seeds/000_03b0a985a00a2f0a.txt');
  assert.equal(date.sources[0].line, 24);
  assert.equal(date.fix, null);
  const mis = findings.find((f: { code: string }) => f.code === 'misquote');
  assert.equal(mis.file, 'examples/draft.md');
  assert.equal(mis.severity, 'warning');
  assert.ok(mis.endLine > mis.line);
  assert.equal(mis.sources[0].path, 'seeds/000_03b0a985a00a2f0a.txt');
  assert.equal(mis.sources[0].line, 26);
  assert.equal(mis.sources[0].author, 'Aldgra Fredly');
  assert.equal(mis.sources[0].date, null);
  assert.match(mis.fix.text, /that would be chaos$/);
  // "sham" is in a source's quotation, but only "votes" ties the two sentences: said, with no source claimed and no fix.
  const phrase = findings.find((f: { code: string }) => f.code === 'unsourced-phrase');
  assert.equal(phrase.severity, 'information');
  assert.match(phrase.message, /nothing ties them to this statement/);
  assert.equal(phrase.fix, null);
});

test('a clean draft exits 0', () => {
  const ws = makeWorkspace({ 'ok.md': 'He said “Of course, that would be chaos.”\n' });
  try {
    const r = cli(['check', 'ok.md'], ws.root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /1 quote checked in 1 file: 1 verified/);
  } finally {
    ws.dispose();
  }
});

test('usage errors exit 2 with a message', () => {
  assert.equal(cli([]).code, 2);
  const r = cli(['check', '--format', 'xml', 'examples/draft.md']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--format must be text or json/);
});

test('an unreadable draft exits 2 naming the file; the other drafts are still checked', () => {
  const r = cli(['check', 'no/such/draft.md', 'examples/draft.md']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no\/such\/draft\.md: file not found/);
  assert.match(r.stdout, /warning misquote/);
});

test('bad sources are named on stderr and the good ones still work', () => {
  const ws = makeWorkspace({
    'sources/empty.txt': '',
    'sources/picture.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).toString('latin1'),
    'sources/unbalanced.txt': 'He said “this never closes\n\nand «neither does this\n'.repeat(200),
    'draft.md': 'Tokayev: “Of course, that would be chaos.”\n',
  });
  try {
    writeFileSync(path.join(ws.root, 'sources', 'picture.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    writeFileSync(path.join(ws.root, 'sources', 'latin1.txt'), Buffer.from('Caf\xe9 owners said \u201cprices rose\u201d.', 'latin1'));
    writeFileSync(path.join(ws.root, 'sources', 'huge.txt'), 'word '.repeat(2_200_000));
    const r = cli(['check', 'draft.md'], ws.root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /1 verified/);
    assert.match(r.stderr, /sources\/picture\.txt: binary file/);
    assert.match(r.stderr, /sources\/latin1\.txt: not valid UTF-8; read as Windows-1252/);
    assert.match(r.stderr, /sources\/huge\.txt: too large \(10\.5 MB/);
  } finally {
    ws.dispose();
  }
});

test('people: each person once with spellings, roles and quote locations; JSON too', () => {
  const r = cli(['people']);
  assert.equal(r.code, 0, r.stderr);
  const blocks = r.stdout.trim().split('\n\n');
  const tokayev = blocks.filter((b) => /Tokayev|Toqaev/.test(b.split('\n')[0]));
  assert.equal(tokayev.length, 1, r.stdout);
  assert.match(tokayev[0], /^Kassym-Jomart Tokayev: \d+ quotes in \d+ sources\n  spellings: .*Qasym-Zhomart Toqaev/);
  assert.match(tokayev[0], /\n  seeds\/000_03b0a985a00a2f0a\.txt:\d+:\d+: “If the right to self-determination/);
  assert.match(blocks[blocks.length - 1], /^\d+ people, \d+ quotes attributed$/);

  const json = JSON.parse(cli(['people', '--format', 'json']).stdout) as Array<{ name: string; spellings: string[]; quoteCount: number; quotes: Array<{ path: string; line: number }> }>;
  const s = json.find((p) => p.spellings.includes('Aibek Smadyarov'))!;
  assert.ok(s.spellings.includes('Aibek Smadiyarov'));
  assert.equal(s.quoteCount, s.quotes.length);
  assert.ok(s.quotes.every((q) => q.path.startsWith('seeds/') && q.line > 0));
});

test('people: a FILE or a bad option is a usage error', () => {
  assert.equal(cli(['people', 'examples/draft.md']).code, 2);
  assert.equal(cli(['people', '--format', 'xml']).code, 2);
});

test('a misattributed quote in JSON: the source attribution first, and the fix with the right name', () => {
  const ws = makeWorkspace({ 'draft.md': 'Smadiyarov said: "If the right to self-determination is put into practice all over the world, then there will be over 600 countries."\n' });
  try {
    const r = cli(['check', '--format', 'json', 'draft.md'], ws.root);
    assert.equal(r.code, 1, r.stderr);
    const [f] = JSON.parse(r.stdout) as Array<{ code: string; severity: string; sources: Array<{ role: string; path: string; line: number }>; fix: { text: string } | null }>;
    assert.equal(f.code, 'misattributed-quote');
    assert.equal(f.severity, 'warning');
    assert.equal(f.sources[0].role, 'Source attribution');
    assert.match(f.sources[0].path, /^seeds\//);
    assert.equal(f.fix?.text, 'Tokayev');
  } finally {
    ws.dispose();
  }
});

test('ignore directives: the CLI drops the findings they cover, as the editor does, and counts them', () => {
  const ws = makeWorkspace({
    'draft.md': [
      '<!-- source-check-disable-next-line -->',
      'Tokayev said “Of course, that would be a disaster,” at the forum.',
      '',
      '<!-- source-check-disable unsourced-quote -->',
      'The ministry said: «Kazakhstan will send peacekeepers to the region next week if asked.»',
      '<!-- source-check-enable -->',
      '',
      'Unignored: Tokayev said “Of course, that would be a disaster.”',
      '',
    ].join('\n'),
  });
  try {
    const r = cli(['check', 'draft.md'], ws.root);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, -1).map((l) => l.split(': ')[0] + ': ' + l.split(': ')[1]), ['draft.md:8:26: warning misquote']);
    assert.equal(lines[lines.length - 1], '3 quotes checked in 1 file: 0 verified, 1 misquoted, 0 unsourced, 2 ignored; 1 warning, 0 information');
    const json = JSON.parse(cli(['check', '--format', 'json', 'draft.md'], ws.root).stdout);
    assert.deepEqual(json.map((f: { line: number }) => f.line), [8]);
  } finally {
    ws.dispose();
  }
});

test('figures and dates: findings with the new codes, a facts line before the summary, and the flags that quiet unsourced ones', () => {
  const ws = makeWorkspace({
    'facts.md': 'Officials said 99.32% voted in favour in Donetsk.\n\nKazakhstan sent 40 observers.\n\nThe referendums started on September 21.\n',
  });
  try {
    const r = cli(['check', 'facts.md'], ws.root);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^facts\.md:1:16: warning figure-mismatch: Donetsk, vote in favour: the sources give “99\.23%”, the draft “99\.32%”/);
    assert.match(r.stdout, /^facts\.md:3:17: information unsourced-figure: /m);
    assert.match(r.stdout, /^facts\.md:5:28: warning date-mismatch: .*“September 23”/m);
    assert.equal(lines[lines.length - 2], '2 figures and 1 date checked: 0 verified (0 rounded), 2 mismatched, 0 disputed by the sources, 1 unsourced');
    assert.equal(lines[lines.length - 1], '0 quotes checked in 1 file: 0 verified, 0 misquoted, 0 unsourced; 2 warnings, 1 information');

    const quiet = cli(['check', '--no-unsourced-figures', '--no-unsourced-dates', '--format', 'json', 'facts.md'], ws.root);
    const codes = JSON.parse(quiet.stdout).map((f: { code: string }) => f.code);
    assert.deepEqual(codes, ['figure-mismatch', 'date-mismatch']);
    const fix = JSON.parse(quiet.stdout)[0].fix;
    assert.deepEqual(fix, { title: "Use the source's figure: 99.23%", offset: 15, length: 5, text: '99.23' });
  } finally {
    ws.dispose();
  }
});

test('disagreements lists the facts the sources contradict each other on (text and JSON)', () => {
  const r = cli(['disagreements']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^date Aibek, Smadiyarov: seeds\/000_03b0a985a00a2f0a\.txt:10:53 “Monday” .* vs seeds\/001_8e04abad5bad1dcd\.txt:5:4 “Sep\. 6” \(6 Sept 2022\)$/);
  assert.equal(lines[lines.length - 1], '1 disagreement among 5 sources');
  const json = JSON.parse(cli(['disagreements', '--format', 'json']).stdout);
  assert.equal(json.length, 1);
  assert.deepEqual(
    json[0].versions.map((v: { path: string; text: string; value: string }) => [v.path, v.text, v.value]),
    [
      ['seeds/000_03b0a985a00a2f0a.txt', 'Monday', 'a Monday, not resolved: the article has no date'],
      ['seeds/001_8e04abad5bad1dcd.txt', 'Sep. 6', '2022-09-06'],
    ],
  );
  assert.equal(cli(['disagreements', 'draft.md']).code, 2);
});

test('notes/ are sources with their own provenance; --notes names another folder', () => {
  const transcript = require('fs').readFileSync(path.join(REPO, 'test', 'fixtures', 'realpages', 'notes', '2022-09-26-smadiyarov.md'), 'utf8');
  const draft = 'Smadiyarov told me: “We will keep talking to both sides until the weapons fall silent.”\n';
  const ws = makeWorkspace({ 'notes/2022-09-26-smadiyarov.md': transcript, 'interviews/2022-09-26-smadiyarov.md': transcript, 'draft.md': draft });
  try {
    const r = cli(['check', '--root', ws.root, path.join(ws.root, 'draft.md')]);
    assert.match(r.stdout, /warning misquote: Misquote: “weapons” where the source has “guns”\. Source: notes\/2022-09-26-smadiyarov\.md \(your notes, 26 Sept 2022\)\./, r.stdout + r.stderr);
    const other = cli(['check', '--root', ws.root, '--notes', 'interviews/**/*.md', path.join(ws.root, 'draft.md')]);
    assert.match(other.stdout, /Source: interviews\/2022-09-26-smadiyarov\.md \(your notes, 26 Sept 2022\)\./, other.stdout + other.stderr);
  } finally {
    ws.dispose();
  }
});

test('a second run starts from the index cache the first wrote, prints the same, and re-reads a changed source', () => {
  const ws = makeWorkspace({ 'draft.md': 'Tokayev said “Of course, that would be chaos.”\n' });
  const own = mkdtempSync(path.join(tmpdir(), 'source-check-cli-cache-'));
  try {
    const cold = cli(['check', 'draft.md'], ws.root, own);
    assert.equal(cold.code, 0, cold.stderr);
    const files = readdirSync(own).filter((f) => f.endsWith('.bin'));
    assert.equal(files.length, 1);
    const warm = cli(['check', 'draft.md'], ws.root, own);
    assert.deepEqual(warm, cold);
    // The source changes: the run after sees it (the cache is brought up to date before the check).
    for (const name of readdirSync(path.join(ws.root, 'seeds'))) {
      const seed = path.join(ws.root, 'seeds', name);
      writeFileSync(seed, readFileSync(seed, 'utf8').replace('that would be chaos', 'that would be a mess'));
    }
    const changed = cli(['check', 'draft.md'], ws.root, own);
    assert.equal(changed.code, 1, changed.stdout);
    assert.match(changed.stdout, /warning misquote/);
    assert.deepEqual(cli(['check', 'draft.md'], ws.root, own), changed);
    // --no-cache reads everything and writes nothing.
    const none = mkdtempSync(path.join(tmpdir(), 'source-check-cli-cache-'));
    assert.deepEqual(cli(['check', '--no-cache', 'draft.md'], ws.root, none), changed);
    assert.deepEqual(readdirSync(none), []);
    rmSync(none, { recursive: true, force: true });
  } finally {
    ws.dispose();
    rmSync(own, { recursive: true, force: true });
  }
});
