// Checks a draft against the local sources and, when one is configured, the archive;
// a check during which the archive could not answer is marked incomplete.

import { checkDraft, Draft } from '../core/check/draft';
import type { CheckResult } from '../core/check/findings';
import { markIncomplete } from '../core/check/incomplete';
import type { SourceStore } from '../core/match/store';
import type { PgStore } from './pgStore';
import { LocalAndArchive } from './store';

export interface ArchiveCheck {
  result: CheckResult;
  /** True when the archive was configured but could not be searched for some quote. */
  archiveMissed: boolean;
}

export async function checkWithArchive(draft: Draft, local: SourceStore, archive: PgStore | undefined, isCancelled?: () => boolean): Promise<ArchiveCheck> {
  if (!archive) return { result: await checkDraft(draft, local, isCancelled), archiveMissed: false };
  // One combined store per check, so the misses counted are this check's own.
  const store = new LocalAndArchive(local, archive);
  const result = await checkDraft(draft, store, isCancelled);
  return store.misses > 0 ? { result: markIncomplete(result, 'the archive'), archiveMissed: true } : { result, archiveMissed: false };
}
