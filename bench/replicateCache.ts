// `node --import tsx bench/replicateCache.ts <cache> <root> <copies> <out root> <out cache>`: a cache for
// <out root>/r0 .. r{copies-1}, each a copy of <root> made with `cp -a` (same sizes and mtimes),
// written from <cache> without indexing again: ten copies of the 10k corpus give a 100k-article
// index (its postings ten times as long; its vocabulary that of 10k). Bench only.
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { decodeSnapshot, encodeSnapshot } from '../server/src/core/index/snapshot';
import type { SourceDoc } from '../server/src/core/source/source';

const CHUNK_BITS = 11; // as memoryIndex.ts
const [cache, , copiesArg, outRoot, outCache] = process.argv.slice(2);
const copies = Number(copiesArg);
const engine = JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')).version;
const d = decodeSnapshot(readFileSync(cache), engine, () => ({ load: () => undefined, prose: (t) => t }));
if ('problem' in d) throw new Error(d.problem);
let slots = 0;
for (const n of d.sentenceCounts) slots += Math.max(1, Math.ceil(n / (1 << CHUNK_BITS)));
const entries: Array<{ doc: SourceDoc; stamp: (typeof d.stamps)[number] }> = [];
for (let k = 0; k < copies; k++) {
  d.docs.forEach((doc, i) => {
    const id = `r${k}/${doc.id}`;
    const copy = { id, uri: pathToFileURL(path.join(outRoot, id)).toString(), meta: doc.meta, facts: [...doc.facts], abbreviations: doc.abbreviations, sentences: doc.sentences } as unknown as SourceDoc;
    entries.push({ doc: copy, stamp: d.stamps[i] });
  });
}
const words: Array<[string, Int32Array]> = d.words.keys.map((key, i) => {
  const list = d.words.data.subarray(d.words.offsets[i], d.words.offsets[i + 1]);
  const out = new Int32Array(list.length * copies);
  for (let k = 0; k < copies; k++) for (let p = 0; p < list.length; p++) out[k * list.length + p] = list[p] + ((k * slots) << CHUNK_BITS);
  return [key, out];
});
writeFileSync(outCache, encodeSnapshot(entries, words, engine));
