// Loading a folder with parse workers (node/parsePool.ts) gives the same index as parsing
// on the main thread: the same sources, facts, abbreviations and sentences, and the same
// problems reported by file (a binary file is named and left out, the rest indexed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { FolderSources } from '../../server/src/node/folderSources';
import { REPO } from '../support/seeds';

test('a folder parsed in workers is indexed exactly as one parsed on the main thread', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sc-workers-'));
  try {
    const seeds = readdirSync(path.join(REPO, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
    // Enough files for the pool to start (it does from 128), each seed several times over.
    for (let i = 0; i < 160; i++) writeFileSync(path.join(dir, `a${i}.txt`), readFileSync(path.join(REPO, 'seeds', seeds[i % seeds.length])));
    writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 0]));
    const load = async (workers: number) => {
      const problems: string[] = [];
      const sources = new FolderSources(dir, { globs: ['**/*.txt'], workers, onProblem: (p) => problems.push(p) });
      await sources.loadAll();
      const docs = sources.index.all().map((d) => JSON.parse(JSON.stringify({ id: d.id, meta: d.meta, sentences: d.sentences, facts: d.facts, abbreviations: d.abbreviations })));
      return { docs, problems: problems.sort(), facts: (await sources.index.facts(['v:count:2'])).map((f) => [f.source.id, f.fact.start]) };
    };
    const here = await load(0);
    const workers = await load(1);
    assert.equal(here.docs.length, 160);
    assert.ok(here.problems.some((p) => p.startsWith('binary.txt')), here.problems.join('\n'));
    assert.deepEqual(workers, here);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
