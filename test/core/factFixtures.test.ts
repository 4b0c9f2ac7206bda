// Runs every fixture draft under test/fixtures/facts through the real engine over the
// seed articles and compares each figure and date claim with the expectation next to it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parseExpectations } from '../support/expectations';
import { checkFactExpectations } from '../support/factExpectations';
import { REPO, seedSources } from '../support/seeds';

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
