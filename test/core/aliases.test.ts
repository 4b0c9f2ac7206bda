// The corpus alias table: abbreviations the sources spell out tie a name to its short form ("DPR" is
// Donetsk); one the sources spell out as several names stands for those spelled out more than once, and for
// the first word of each other.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { parseSource } from '../../server/src/core/source/source';
import { buildAliases, namesMatch } from '../../server/src/core/facts/context';

async function aliasesOf(...texts: string[]) {
  const index = new MemoryIndex();
  texts.forEach((t, i) => index.add(parseSource(`sources/${i}.txt`, `file:///sources/${i}.txt`, t)));
  return index.aliases();
}

test('an abbreviation spelled out one way stands for that name', async () => {
  const aliases = await aliasesOf('Leaders of the Donetsk People’s Republic (DPR) said the vote would go ahead.');
  assert.ok(namesMatch('dpr', 'donetsk', aliases));
});

test('an abbreviation spelled out as several names, each once, stands for their first words only', async () => {
  // Reuters spells UAL out for an airline, an aluminium maker and a food group: "Toth Aluminum Corp" is not UAL.
  const aliases = await aliasesOf(
    'United Air Lines (UAL) said its load factor rose in February.',
    'Unidare Aluminium Ltd (UAL) said it would close a rolling mill in Dublin.',
    'Unilever Australia Ltd (UAL) named a new chairman.',
  );
  assert.equal(namesMatch('ual', 'aluminum', aliases), false);
  assert.equal(namesMatch('ual', 'lines', aliases), false);
  assert.ok(namesMatch('ual', 'unidare', aliases));
});

test('an abbreviation spelled out as several names stands for those spelled out more than once', async () => {
  const gm = 'General Motors (GM) cut output.';
  const gulf = 'Oil output in the Gulf of Mexico (GM) fell.';
  const aliases = await aliasesOf(gm, gm, gm, gulf, gulf, 'Grand Metropolitan (GM) bought a brewer.');
  assert.ok(namesMatch('gm', 'motors', aliases));
  assert.ok(namesMatch('gm', 'mexico', aliases));
  assert.equal(namesMatch('gm', 'metropolitan', aliases), false);
  assert.ok(namesMatch('gm', 'grand', aliases));
});

test('an abbreviation spelled out far more often as one name than as any other stands for that one', async () => {
  const tpp = 'The Trans-Pacific Partnership (TPP) would cut tariffs.';
  const aliases = await aliasesOf(tpp, tpp, tpp, tpp, 'The Tea Party Patriots (TPP) held a rally.');
  assert.ok(namesMatch('tpp', 'pacific', aliases));
  assert.equal(namesMatch('tpp', 'patriots', aliases), false);
});

test('a company legal form stands for no name, however wire copy seems to spell it out', () => {
  // Reuters' headlines and bodies yield "CO" for "completes offering" six times, "consolidated oil" three times:
  // "Virginia Electric and Power Co" must not own an offering because of it. "Co" is a company's legal form.
  const aliases = buildAliases([
    ['co', ['completes', 'offering'], 6],
    ['co', ['consolidated', 'oil'], 3],
    ['ifc', ['international', 'finance', 'corporation'], 2],
  ]);
  assert.equal(namesMatch('co', 'offering', aliases), false);
  assert.ok(namesMatch('ifc', 'finance', aliases));
});
