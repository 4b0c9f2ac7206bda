// An index restored from another's snapshot, as a warm start restores the on-disk cache.

import assert from 'node:assert/strict';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { decodeSnapshot } from '../../server/src/core/index/snapshot';

/** A MemoryIndex restored from `from`'s snapshot, its sources' texts read from `texts` (as a folder's files would be). */
export function restoredFrom(from: MemoryIndex, texts: ReadonlyMap<string, string>): MemoryIndex {
  const decoded = decodeSnapshot(from.snapshot(() => undefined, 'test'), 'test', (fields) => ({ load: () => texts.get(String(fields.id)), prose: (t) => t }));
  if ('problem' in decoded) assert.fail(decoded.problem);
  return MemoryIndex.restore(decoded);
}
