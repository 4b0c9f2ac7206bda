import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusDir, decodeSgml, loadBbc, loadPolnear, loadReuters, parseBrat } from '../../bench/corpora';

const absent = (name: string) => `corpus folder ${corpusDir()}/${name} is absent`;

test('SOURCE_CHECK_CORPUS_DIR overrides the corpus folder; a missing folder gives null', () => {
  const saved = process.env.SOURCE_CHECK_CORPUS_DIR;
  try {
    process.env.SOURCE_CHECK_CORPUS_DIR = '/nonexistent/corpus';
    assert.equal(corpusDir(), '/nonexistent/corpus');
    assert.equal(loadBbc(), null);
    assert.equal(loadReuters(), null);
    assert.equal(loadPolnear('test'), null);
  } finally {
    if (saved === undefined) delete process.env.SOURCE_CHECK_CORPUS_DIR;
    else process.env.SOURCE_CHECK_CORPUS_DIR = saved;
  }
});

test('decodeSgml: entities decoded, control references dropped, DEL becomes a space', () => {
  assert.equal(decodeSgml('&#2;\n<TITLE>A &lt;B&gt; &amp; C</TITLE> 5 dlr&#127;loan&#3;'), '\n<TITLE>A <B> & C</TITLE> 5 dlr loan');
});

test('parseBrat: spans, discontinuous spans, relations, continuation lines, junk', () => {
  const ann = [
    'T1\tSource 0 5\tAlice',
    'T2\tContent 10 15;20 25\tabcde fghij',
    'T3\tCue 6 9\tsaid',
    'T4\tContent 30 40\tfirst line',
    'second line',
    '#1\tAnnotatorNotes T1\ta note',
    'E1\tAttribution:T9 Content:T2 Cue:T3 Source:T1',
    'garbage',
  ].join('\n');
  const { spans, relations } = parseBrat(ann);
  assert.deepEqual(spans.get('T2')!.ranges, [[10, 15], [20, 25]]);
  assert.equal(spans.get('T4')!.surface, 'first line\nsecond line');
  assert.equal(relations.length, 1);
  assert.equal(relations[0].get('Source'), 'T1');
});

const bbc = loadBbc();
test('BBC: 2,225 articles, 98 byte-identical duplicates, Latin-1 file decoded', { skip: bbc ? false : absent('bbc') }, () => {
  assert.equal(bbc!.articles.length, 2225);
  assert.equal(bbc!.duplicateCount, 98);
  assert.equal(bbc!.articles[0].id, 'business/001.txt');
  assert.match(bbc!.articles.find((a) => a.id === 'sport/199.txt')!.text, /£15\.8m/);
  assert.ok(bbc!.articles.every((a) => !a.text.includes('\uFFFD')));
});

const reuters = loadReuters();
test('Reuters: 19,043 stories with a body, 2,535 without (21,578 records)', { skip: reuters ? false : absent('reuters21578') }, () => {
  const { articles, skippedNoBody } = reuters!;
  assert.equal(articles.length, 19043);
  assert.equal(skippedNoBody, 2535);
  assert.equal(new Set(articles.map((a) => a.id)).size, articles.length);
  const first = articles[0];
  assert.equal(first.id, 'reut2-000.sgm#1');
  assert.equal(first.title, 'BAHIA COCOA REVIEW');
  assert.equal(first.date, '1987-02-26');
  assert.ok(first.text.startsWith('BAHIA COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued'));
  assert.ok(!/Reuter\s*$/i.test(first.text), 'sign-off stripped');
  for (const a of articles) {
    assert.doesNotMatch(a.text, /&(?:lt|gt|amp|#\d+);|[\x00-\x08\x7f]/, a.id);
    assert.match(a.date, /^1987-\d\d-\d\d$/, a.id);
  }
});

const polnearTest = loadPolnear('test');
test('PolNeAR test split: 84 articles; every span is the text slice its .ann names', { skip: polnearTest ? false : absent('polnear') }, () => {
  const { articles, offsetMismatches } = polnearTest!;
  assert.equal(articles.length, 84);
  assert.deepEqual(offsetMismatches, [], 'brat surface text equals the slice at its offsets');
  let spans = 0;
  let direct = 0;
  for (const a of articles) {
    assert.ok(a.attributions.length > 0 && a.annotator, a.id);
    for (const { content, source, cue } of a.attributions) {
      for (const s of [content, source, cue, ...(content.fragments ?? [])]) {
        if (!s) continue;
        assert.equal(a.text.slice(s.start, s.end), s.text, `${a.id} ${s.start}-${s.end}`);
        spans++;
      }
      if (/^["“]/.test(content.text)) direct++;
    }
  }
  assert.ok(spans > 5000, `${spans} spans checked`);
  assert.ok(direct > 200, `${direct} direct quotations`);
});

test('PolNeAR train and dev splits load with matching offsets', { skip: polnearTest ? false : absent('polnear') }, () => {
  const train = loadPolnear('train')!;
  const dev = loadPolnear('dev')!;
  assert.equal(train.articles.length, 840);
  assert.equal(dev.articles.length, 84);
  assert.deepEqual([...train.offsetMismatches, ...dev.offsetMismatches], []);
});
