import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { corpusDir } from '../../bench/corpora';
import { generateArticles, generateCorpus, loadGenerated, loadSentencePool } from '../../bench/generate';
import { createRng } from '../../bench/prng';
import { quotesBalanced } from '../../bench/text';

test('PRNG: same seed, same sequence', () => {
  const a = createRng('s');
  const b = createRng('s');
  const xs = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b.next()));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, createRng('t').next));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});

const pool = loadSentencePool();
const skip = pool ? false : `corpus folder ${corpusDir()} (bbc, reuters21578) is absent`;

function hashOf(n: number, seed: string): string {
  const h = createHash('sha256');
  for (const a of generateArticles(n, seed, pool!)) h.update(a.id).update('\0').update(a.text).update('\0');
  return h.digest('hex');
}

test('generator: same seed gives an identical corpus, another seed a different one', { skip }, () => {
  assert.equal(hashOf(300, 'a'), hashOf(300, 'a'));
  assert.notEqual(hashOf(300, 'a'), hashOf(300, 'b'));
});

test('generator: ~2.5 KB articles, varied headers, quotes kept whole', { skip }, () => {
  const articles = [...generateArticles(2000, 'shape', pool!)];
  const avg = articles.reduce((s, a) => s + Buffer.byteLength(a.text), 0) / articles.length;
  assert.ok(avg > 2200 && avg < 2800, `average ${avg.toFixed(0)} bytes`);
  const share = (re: RegExp) => articles.filter((a) => re.test(a.text)).length / articles.length;
  assert.ok(share(/^---\ntitle: .*\noutlet: .*\nauthor: .*\ndate: \d{4}-\d\d-\d\d\n---\n/) > 0.15);
  assert.ok(share(/^[^\n]+\n\ndate \d{4}-\d\d-\d\d\n/) > 0.15);
  assert.ok(share(/^[^\n]+\n\n\d{1,2} [A-Z][a-z]+ \d{4}\n/) > 0.15);
  assert.ok(share(/"[^"\n]{10,}"/) > 0.3, 'quotations survive');
  assert.ok(articles.every((a) => quotesBalanced(a.text)), 'no article has a dangling quotation mark');
});

test('generateCorpus writes files and a manifest, then reuses them', { skip }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gen-'));
  try {
    const first = generateCorpus({ n: 250, seed: 'files', outDir: dir })!;
    assert.equal(first.reused, false);
    assert.equal(first.contentHash, hashOf(250, 'files'));
    const back = loadGenerated(dir);
    assert.equal(back.length, 250);
    assert.equal(back[249].id, '000/000249.txt');
    assert.equal(first.bytes, back.reduce((s, a) => s + Buffer.byteLength(a.text), 0));
    const again = generateCorpus({ n: 250, seed: 'files', outDir: dir })!;
    assert.equal(again.reused, true);
    assert.equal(again.contentHash, first.contentHash);
    const other = generateCorpus({ n: 250, seed: 'other', outDir: dir })!;
    assert.equal(other.reused, false);
    assert.notEqual(other.contentHash, first.contentHash);
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).seed, 'other');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
