// Facts kept packed (core/facts/packed.ts) must read back as the facts extracted: the
// seeds' facts and abbreviations survive packing, and an index of lazy sources (whose
// facts are packed) answers facts() and allFacts() exactly as one of parsed sources does,
// also after sources are replaced and removed (no stale answer from the facts() cache).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { packAbbreviations, packFacts, unpackAbbreviations, unpackFacts } from '../../server/src/core/facts/packed';
import { factKeys } from '../../server/src/core/facts/keys';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { detachText } from '../../server/src/core/source/lazyText';
import { parseSource, proseOf, SourceDoc } from '../../server/src/core/source/source';
import { REPO } from '../support/seeds';

const SEEDS = path.join(REPO, 'seeds');
const seeds = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => parseSource(f, `file:///${f}`, readFileSync(path.join(SEEDS, f), 'utf8')));
/** A JSON round trip: what the snapshot keeps (undefined fields dropped). */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const lazy = (doc: SourceDoc) => detachText(doc, { load: () => doc.text, prose: (t) => proseOf(t, 'text') });

// The hand-written sources of the same-fact fixtures: the context fields the seeds never need (a pollster carried
// from the sentence before, names referred back to).
const FIXTURE_SOURCES = path.join(REPO, 'test', 'fixtures', 'sameFact', 'sources');
const fixtureSources = readdirSync(FIXTURE_SOURCES)
  .sort()
  .map((f) => parseSource(f, `file:///${f}`, readFileSync(path.join(FIXTURE_SOURCES, f), 'utf8')));

test('facts and abbreviations of the seeds and the fixture sources read back unchanged from their packed form', () => {
  const facts = seeds.flatMap((d) => d.facts);
  assert.ok(facts.length > 20, `only ${facts.length} facts in the seeds`);
  const fixtureFacts = fixtureSources.flatMap((d) => d.facts);
  assert.ok(fixtureFacts.some((f) => f.context.pollBefore) && fixtureFacts.some((f) => f.context.carried), 'the fixture sources exercise every list field');
  for (const doc of [...seeds, ...fixtureSources]) {
    assert.deepEqual(unpackFacts(packFacts(doc.facts)), plain(doc.facts), doc.id);
    assert.deepEqual(unpackAbbreviations(packAbbreviations(doc.abbreviations)), doc.abbreviations, doc.id);
    assert.deepEqual(plain(lazy(doc).facts), plain(doc.facts), doc.id);
  }
});

test('an index of lazy sources answers facts() like one of parsed sources, after replacements too', async () => {
  const parsed = new MemoryIndex();
  const packed = new MemoryIndex();
  for (const doc of seeds) {
    parsed.add(doc);
    packed.add(lazy(doc));
  }
  const keys = [...new Set(seeds.flatMap((d) => d.facts.flatMap(factKeys)))];
  const answer = async (index: MemoryIndex, ks: string[]) => plain((await index.facts(ks)).map((f) => [f.source.id, f.fact, f.sentence]));
  const same = async () => {
    assert.deepEqual(plain((await packed.allFacts()).map((f) => [f.source.id, f.fact])), plain((await parsed.allFacts()).map((f) => [f.source.id, f.fact])));
    for (let i = 0; i < keys.length; i += 5) {
      const ks = keys.slice(i, i + 5);
      // Twice: the second answer comes from the cache.
      assert.deepEqual(await answer(packed, ks), await answer(parsed, ks), ks.join(' '));
      assert.deepEqual(await answer(packed, ks), await answer(parsed, ks), ks.join(' '));
    }
  };
  await same();
  // One source replaced by another's text, one removed.
  const [a, b] = seeds;
  const replaced = parseSource(a.id, a.uri, b.text);
  parsed.add(replaced);
  packed.add(lazy(replaced));
  parsed.remove(seeds[2].id);
  packed.remove(seeds[2].id);
  await same();
});
