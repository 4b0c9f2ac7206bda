// Helpers for the archive tests: a check result reduced to what a writer sees, in a
// canonical form (sorted keys, no URIs: a file: URI and an archive URI name the same
// article by its id), and a folder's sources read the way the importer reads them.

import { existsSync } from 'fs';
import { after, before, type TestContext } from 'node:test';
import { Archive } from '../../server/src/archive/connection';
import { Cluster, startCluster } from './pgCluster';
import { FolderSources } from '../../server/src/node/folderSources';
import { ARCHIVE_GLOBS } from '../../server/src/archive/importer';
import type { CheckResult } from '../../server/src/core/check/findings';

/** A check result as comparable JSON: every claim and finding (quotes, speakers, figures, dates), without URIs. */
export function canonical(result: CheckResult): string {
  const comparable = { claims: result.claims, findings: result.findings };
  return JSON.stringify(comparable, (key, value) => {
    if (key === 'uri') return undefined;
    if (value && typeof value === 'object' && !Array.isArray(value)) return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
    return value;
  });
}

/** Rows of the archive's kept counts (fact_terms, abbreviation_forms) that differ from a recount; a row counted 0 may stay. */
export async function countsDrift(archive: Archive): Promise<string[]> {
  const r = await archive.query(`
    WITH facts_recount AS (SELECT k AS key, count(*) AS n FROM facts, unnest(keys) AS k GROUP BY k),
         forms_recount AS (
           SELECT a->>0 || ' ' || (a->1)::text AS key, count(*) AS n
           FROM sources, jsonb_array_elements(abbreviations) AS a GROUP BY 1),
         forms_kept AS (SELECT abbr || ' ' || to_jsonb(words)::text AS key, n FROM abbreviation_forms WHERE n <> 0)
    SELECT 'fact_terms ' || coalesce(t.key, c.key) AS key FROM (SELECT * FROM fact_terms WHERE n <> 0) t FULL JOIN facts_recount c ON c.key = t.key
    WHERE t.n IS DISTINCT FROM c.n
    UNION ALL
    SELECT 'abbreviation_forms ' || coalesce(t.key, c.key) FROM forms_kept t FULL JOIN forms_recount c ON c.key = t.key
    WHERE t.n IS DISTINCT FROM c.n`);
  return r.rows.map((row) => row.key);
}

/** The embedded index over a folder, with the ids an archive import gives (paths relative to it). */
export async function localLikeImport(folder: string): Promise<FolderSources> {
  const s = new FolderSources(folder, { globs: ARCHIVE_GLOBS });
  await s.loadAll();
  return s;
}

/** A corpus folder of ../shared/corpus (or of SOURCE_CHECK_CORPUS_DIR, as the benchmarks read it), if present. */
export function corpusPath(name: string): string | undefined {
  const root = process.env.SOURCE_CHECK_CORPUS_DIR;
  const p = root ? `${root}/${name}` : new URL(`../../../shared/corpus/${name}`, `file://${__dirname}/`).pathname;
  return existsSync(p) ? p : undefined;
}

/**
 * A throwaway PostgreSQL cluster for one test file: started before its tests, stopped (with
 * every archive opened on it) after them. `fresh` opens an archive on a new database, or skips
 * the test, with the reason, where PostgreSQL cannot run.
 */
export function useArchiveCluster() {
  let cluster: Cluster | undefined;
  let skip: string | undefined;
  const archives: Archive[] = [];
  before(async () => {
    const c = await startCluster();
    if ('skip' in c) skip = c.skip;
    else cluster = c;
  });
  after(async () => {
    try {
      for (const a of archives) await a.close();
    } finally {
      cluster?.stop();
    }
  });
  return {
    cluster: () => cluster,
    /** Closes `archive` with the others after the file's tests. */
    track: (archive: Archive) => void archives.push(archive),
    skip: () => skip,
    async fresh(t: TestContext, name: string, options: Partial<ConstructorParameters<typeof Archive>[0]> = {}): Promise<Archive | undefined> {
      if (!cluster) {
        t.skip(skip);
        return undefined;
      }
      const a = new Archive({ url: await cluster.database(name), ...options });
      archives.push(a);
      return a;
    },
  };
}
