// Runs every fixture draft under test/fixtures/facts through the real engine over the
// seed articles, and each draft of test/fixtures/sameFact over its own hand-written sources,
// and compares each figure and date claim with the expectation next to it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parseExpectations } from '../support/expectations';
import { checkFactExpectations } from '../support/factExpectations';
import { REPO, seedSources } from '../support/seeds';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { parseSource } from '../../server/src/core/source/source';

const DIR = path.join(REPO, 'test', 'fixtures', 'facts');

for (const name of readdirSync(DIR).filter((f) => f.endsWith('.md'))) {
  test(`fact fixture ${name}`, async () => {
    const text = readFileSync(path.join(DIR, name), 'utf8');
    assert.ok(parseExpectations(text).length > 0, 'a fixture must expect something');
    const { index } = await seedSources();
    const { outcomes, unexpected } = await checkFactExpectations(text, index);
    assert.deepEqual([...outcomes.flatMap((o) => o.problems), ...unexpected], []);
  });
}

const SAME_FACT = path.join(REPO, 'test', 'fixtures', 'sameFact');
for (const name of readdirSync(SAME_FACT).filter((f) => f.endsWith('.md'))) {
  test(`fact fixture sameFact/${name}, over its own sources`, async () => {
    const index = new MemoryIndex();
    for (const f of readdirSync(path.join(SAME_FACT, 'sources'))) index.add(parseSource(`sources/${f}`, `file:///sources/${f}`, readFileSync(path.join(SAME_FACT, 'sources', f), 'utf8')));
    const { outcomes, unexpected } = await checkFactExpectations(readFileSync(path.join(SAME_FACT, name), 'utf8'), index);
    assert.deepEqual([...outcomes.flatMap((o) => o.problems), ...unexpected], []);
  });
}
