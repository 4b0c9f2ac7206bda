// Checks a draft against the local sources and, when one is configured, the archive;
// the claims reached without the archive (down, or too slow for their queries) are marked incomplete.

import { checkDraft, CheckOptions, Draft } from '../core/check/draft';
import type { CheckResult, Claim } from '../core/check/findings';
import { markIncomplete } from '../core/check/incomplete';
import type { MemoryIndex } from '../core/index/memoryIndex';
import type { PgStore } from './pgStore';
import { LocalAndArchive } from './store';

export interface ArchiveCheck {
  result: CheckResult;
  /** How many of the check's claims were reached without the archive (it was down, or too slow for their queries). */
  unsearched: number;
}

export async function checkWithArchive(draft: Draft, local: MemoryIndex, archive: PgStore | undefined, options: CheckOptions = {}): Promise<ArchiveCheck> {
  if (!archive) return { result: await checkDraft(draft, local, options), unsearched: 0 };
  // One combined store per check, so the answers it marks partial are this check's own.
  const store = new LocalAndArchive(local, archive);
  const result = await checkDraft(draft, store, options);
  // Verdicts reused from the cache while the archive is down were reached without it too.
  const down = archive.archive.status().state === 'down';
  const reached = (c: Claim) => down || !!c.incomplete;
  const unsearched = result.claims.filter(reached).length;
  return { result: unsearched > 0 ? markIncomplete(result, 'the archive', reached) : result, unsearched };
}
