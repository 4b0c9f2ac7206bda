// An index restored from another's snapshot, as a warm start restores the on-disk cache.

import assert from 'node:assert/strict';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { decodeSnapshot } from '../../server/src/core/index/snapshot';
import { parseSource } from '../../server/src/core/source/source';

/** A MemoryIndex restored from `from`'s snapshot, its sources' texts read from `texts` (as a folder's files would be). */
export function restoredFrom(from: MemoryIndex, texts: ReadonlyMap<string, string>): MemoryIndex {
  const decoded = decodeSnapshot(from.snapshot(() => undefined, 'test'), 'test', (fields) => ({ load: () => texts.get(String(fields.id)), prose: (t) => t }));
  if ('problem' in decoded) assert.fail(decoded.problem);
  return MemoryIndex.restore(decoded);
}

/**
 * An index of `count` generated articles (s0.txt, s1.txt, …), their texts (which a test may change, as a folder's
 * files change), and a restore from any index's snapshot that reads those texts.
 */
export function articleIndex(count: number, article: (i: number) => string): { index: MemoryIndex; texts: Map<string, string>; restore: (from: MemoryIndex) => MemoryIndex } {
  const index = new MemoryIndex();
  for (let i = 0; i < count; i++) index.add(parseSource(`s${i}.txt`, `file:///s${i}.txt`, article(i)));
  const texts = new Map(index.all().map((d) => [d.id, d.text]));
  return { index, texts, restore: (from) => restoredFrom(from, texts) };
}
