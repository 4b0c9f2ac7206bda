// The metadata benchmark (bench/metadata.ts): its labels and scoring on made-up data, then, where
// ../shared/corpus is present, the hand-labelled sample itself: every field of every sampled
// source is labelled, and each field's values are right at least 95% of the time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { corpusDir } from '../../bench/corpora';
import { FIELDS, LABEL_COLUMNS, labelKey, loadSample, matches, parseMetadataLabels, precisionOf, readMetadataLabels, scoreMetadata, type Sampled } from '../../bench/metadata';

const HEADER = LABEL_COLUMNS.join('\t');

test('labels parse ("-" for not given, "||" between spellings) and name a bad line', () => {
  const labels = parseMetadataLabels(`${HEADER}\n# a note\nbbc\tsport/1.txt\toutlet\t-\npolnear\ttrain/nyt_x.txt\toutlet\tThe New York Times||NYT\n`);
  assert.equal(labels.get(labelKey('bbc', 'sport/1.txt', 'outlet')), null);
  assert.deepEqual(labels.get(labelKey('polnear', 'train/nyt_x.txt', 'outlet')), ['The New York Times', 'NYT']);
  assert.throws(() => parseMetadataLabels(`${HEADER}\nbbc\tsport/1.txt\tpublisher\tBBC\n`, 'metadata.tsv'), /metadata\.tsv:2:/);
  assert.throws(() => parseMetadataLabels(`${HEADER}\nbbc\ts.txt\ttitle\tA\nbbc\ts.txt\ttitle\tB\n`), /labelled twice/);
  assert.throws(() => parseMetadataLabels('corpus\tid\n'), /first line must name the columns/);
});

test('values match as a reader compares them: case, quote marks, a leading "The" and final punctuation aside', () => {
  assert.ok(matches('title', 'Campaign for Trump says he’ll recast image', ["Campaign for Trump says he'll recast image;"]));
  assert.ok(matches('outlet', 'The New York Times', ['New York Times']));
  assert.ok(!matches('outlet', 'MONEY', ['Reuters']));
  assert.ok(!matches('date', '2016-05-01', ['2016-05-02']));
});

test('a value on a source labelled "-" is wrong; a missing value costs share filled, not precision', () => {
  const s = (id: string, text: string): Sampled => ({ corpus: 'bbc', id, half: 'dev', stratum: 'random', text });
  const sample = [s('a.txt', 'A headline\n\nBy Jane Doe\n\nText of the story.\n'), s('b.txt', 'Another headline\n\nText.\n')];
  const labels = parseMetadataLabels(
    `${HEADER}\n` +
      ['a.txt\ttitle\tA headline', 'a.txt\tauthor\t-', 'b.txt\ttitle\tAnother headline', 'b.txt\tauthor\tJohn Roe'].map((l) => `bbc\t${l}`).join('\n'),
  );
  const rows = scoreMetadata(sample, labels).filter((r) => r.half === 'dev');
  const title = rows.find((r) => r.field === 'title')!;
  const author = rows.find((r) => r.field === 'author')!;
  assert.deepEqual([title.filled, title.right, precisionOf(title)], [2, 2, 1]);
  assert.deepEqual([author.filled, author.right, precisionOf(author), author.given], [1, 0, 0, 1]);
});

const sample = existsSync(corpusDir()) ? loadSample() : null;

test(
  'the labelled sample: every field labelled, and each field at least 95% precise in each half',
  { skip: sample ? false : `corpus folder ${corpusDir()} is absent (bench/metadata.ts needs BBC, Reuters-21578 and PolNeAR)` },
  () => {
    const labels = readMetadataLabels();
    assert.ok(sample!.length >= 100, `${sample!.length} sources sampled`);
    const missing = sample!.flatMap((s) => FIELDS.filter((f) => !labels.has(labelKey(s.corpus, s.id, f))).map((f) => `${s.id} ${f}`));
    assert.deepEqual(missing, [], 'every sampled field has a label');
    for (const r of scoreMetadata(sample!, labels)) {
      assert.ok(precisionOf(r) >= 0.95, `${r.half} ${r.field}: ${r.right} of ${r.filled} values right (${(100 * precisionOf(r)).toFixed(0)}%)`);
    }
  },
);
