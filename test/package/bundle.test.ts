// The bundles carry world-countries slimmed to what places.ts reads (scripts/slimCountries.mjs):
// the slim list must hold every field places.ts declares of a country, with the same values,
// or the server and the CLI would name places differently from the core the unit tests run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { REPO } from '../support/seeds';

test('the bundled country list keeps every field places.ts reads, with its values', async () => {
  const { COUNTRY_FIELDS, slimCountries } = (await import(path.join(REPO, 'scripts', 'slimCountries.mjs'))) as {
    COUNTRY_FIELDS: string[];
    slimCountries: (c: unknown[]) => Array<Record<string, unknown>>;
  };
  // The fields places.ts's `Country` interface declares, as paths ("name.common").
  const source = readFileSync(path.join(REPO, 'server/src/core/facts/places.ts'), 'utf8');
  const body = /interface Country \{([\s\S]*?)\n\}/.exec(source)?.[1];
  assert.ok(body, 'places.ts declares interface Country');
  const declared = [...body.matchAll(/^\s{2}(\w+)\??: (\{ (\w+)\??:)?/gm)].map((m) => (m[3] ? `${m[1]}.${m[3]}` : m[1])).sort();
  assert.deepEqual(declared, [...COUNTRY_FIELDS].sort());

  const full = createRequire(__filename)('world-countries/dist/countries-unescaped.json') as Array<Record<string, unknown>>;
  const slim = slimCountries(full);
  assert.equal(slim.length, full.length);
  const at = (c: Record<string, unknown>, field: string) => field.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], c);
  for (let i = 0; i < full.length; i++) for (const f of COUNTRY_FIELDS) assert.deepEqual(at(slim[i], f), at(full[i], f), `${f} of country ${i}`);
  // And nothing else: the point is the size.
  assert.ok(JSON.stringify(slim).length < JSON.stringify(full).length / 10);
});

test('the built server bundle holds the slim list, not the whole data set', (t) => {
  const server = path.join(REPO, 'dist', 'server.js');
  let text: string;
  try {
    text = readFileSync(server, 'utf8');
  } catch {
    return t.skip('dist/ is not built (npm test builds it first)');
  }
  assert.ok(text.includes('Kazakhstani'), 'the demonyms are there');
  assert.ok(!text.includes('"translations"') && !text.includes('translations:'), 'no translations of country names');
});
