// Checks a draft against the local sources and, when one is configured, the archive;
// a check during which the archive could not answer is marked incomplete.

import { checkDraft, CheckOptions, Draft } from '../core/check/draft';
import type { CheckResult } from '../core/check/findings';
import { markIncomplete } from '../core/check/incomplete';
import type { MemoryIndex } from '../core/index/memoryIndex';
import type { PgStore } from './pgStore';
import { LocalAndArchive } from './store';

export interface ArchiveCheck {
  result: CheckResult;
  /** True when the archive was configured but could not be searched for some quote. */
  archiveMissed: boolean;
}

export async function checkWithArchive(draft: Draft, local: MemoryIndex, archive: PgStore | undefined, options: CheckOptions = {}): Promise<ArchiveCheck> {
  if (!archive) return { result: await checkDraft(draft, local, options), archiveMissed: false };
  // One combined store per check, so the misses counted are this check's own.
  const store = new LocalAndArchive(local, archive);
  const result = await checkDraft(draft, store, options);
  // Verdicts reused from the cache while the archive is down were reached without it too.
  const missed = store.misses > 0 || archive.archive.status().state === 'down';
  return missed ? { result: markIncomplete(result, 'the archive'), archiveMissed: true } : { result, archiveMissed: false };
}
