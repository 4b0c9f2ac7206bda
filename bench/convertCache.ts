// `node --import tsx bench/convertCache.ts <old-format cache> <old tree> <new cache>`: rewrites an
// index cache of format 4 (read by the code in <old tree>) in this tree's format, so that a
// warm start can be measured on a large corpus without indexing it again. (Bench only.)
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { encodeSnapshot } from '../server/src/core/index/snapshot';

async function main() {
  const [oldFile, oldTree, newFile] = process.argv.slice(2);
  const old = await import(path.resolve(oldTree, 'server/src/core/index/snapshot.ts'));
  const engine = JSON.parse(readFileSync(path.resolve(oldTree, 'package.json'), 'utf8')).version;
  const decoded = old.decodeSnapshot(readFileSync(oldFile), engine, () => ({ load: () => undefined, prose: (t: string) => t }));
  if ('problem' in decoded) throw new Error(decoded.problem);
  const entries = decoded.entries.map((e: { doc: never; stamp: never }) => ({ doc: e.doc, stamp: e.stamp }));
  const words = decoded.postings.map((p: { key: string; data: Int32Array }) => [p.key, p.data] as [string, Int32Array]);
  writeFileSync(newFile, encodeSnapshot(entries, words, engine));
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
