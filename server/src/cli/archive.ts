// `source-check archive import FOLDER...` and `source-check archive status`: load
// articles into the shared PostgreSQL archive and report what it holds. The archive is
// found through SOURCE_CHECK_ARCHIVE_URL (password: SOURCE_CHECK_ARCHIVE_PASSWORD or PGPASSWORD).

import { Archive } from '../archive/connection';
import { resolveArchiveConfig } from '../archive/config';
import { archiveCounts, importFolders } from '../archive/importer';
import { SCHEMA_VERSION } from '../archive/schema';
import { formatSize } from '../node/decode';

export const ARCHIVE_USAGE = `Usage: source-check archive import [--batch N] [--force] FOLDER...
       source-check archive status

import   loads every .txt, .md and .html article under each FOLDER into the archive,
         identified by its path relative to FOLDER (business/001.txt); unchanged
         articles are skipped, changed ones replaced, so an interrupted import
         resumes when run again. --batch N: articles per transaction (default 200);
         --force: re-analyse unchanged articles too.
status   prints the archive's counts and schema version.

The archive: SOURCE_CHECK_ARCHIVE_URL (postgresql://user@host:port/database);
password: SOURCE_CHECK_ARCHIVE_PASSWORD or PGPASSWORD.

Exit status: 0 on success, 1 when some articles could not be imported, 2 on a usage
error or when the archive cannot be reached.`;

/** Opens the archive named by the environment, or says why not (exit 2). */
export function archiveFromEnv(write: (s: string) => void): Archive | undefined {
  const resolved = resolveArchiveConfig(undefined, process.env);
  if (resolved.warning) write(`source-check: ${resolved.warning}\n`);
  if (!resolved.options) return undefined;
  return new Archive({ ...resolved.options, statementTimeoutMs: 10_000 });
}

export async function runArchive(argv: string[]): Promise<number> {
  const err = (s: string) => void process.stderr.write(s);
  const [sub, ...rest] = argv;
  if (sub !== 'import' && sub !== 'status') {
    err(`source-check: ${sub ? `unknown archive command "${sub}"` : 'archive needs a command'}\n\n${ARCHIVE_USAGE}\n`);
    return 2;
  }
  let batchSize = 200;
  let force = false;
  const folders: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (sub === 'import' && a === '--batch') {
      const n = Number(rest[++i]);
      if (!Number.isInteger(n) || n < 1) {
        err(`source-check: --batch needs a whole number of articles, at least 1\n\n${ARCHIVE_USAGE}\n`);
        return 2;
      }
      batchSize = n;
    } else if (sub === 'import' && a === '--force') force = true;
    else if (a.startsWith('-') || sub === 'status') {
      err(`source-check: unexpected argument "${a}"\n\n${ARCHIVE_USAGE}\n`);
      return 2;
    } else folders.push(a);
  }
  if (sub === 'import' && folders.length === 0) {
    err(`source-check: archive import needs at least one FOLDER\n\n${ARCHIVE_USAGE}\n`);
    return 2;
  }
  // Importing is batch work: allow each statement more time than an editor's check.
  const archive = archiveFromEnv(err);
  if (!archive) {
    err('source-check: no archive configured: set SOURCE_CHECK_ARCHIVE_URL to postgresql://user@host:port/database\n');
    return 2;
  }
  try {
    if (!(await archive.ping())) {
      err(`source-check: ${archive.status().message.replace(', checking against local sources only', '')}: ${archive.where}\n`);
      return 2;
    }
    if (sub === 'status') {
      const c = await archiveCounts(archive);
      const lines = [
        `archive ${archive.where}`,
        `schema version ${c.schemaVersion}${c.schemaVersion === SCHEMA_VERSION ? '' : ` (this Source Check uses ${SCHEMA_VERSION}; run archive import to migrate)`}`,
        `sources ${c.sources}`,
        `sentences ${c.sentences}`,
        `terms ${c.terms}`,
        `facts ${c.facts}`,
        `database size ${formatSize(c.databaseBytes)}`,
        `last import ${c.lastImport ?? 'never'}`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
      return 0;
    }
    const started = Date.now();
    const tty = process.stderr.isTTY;
    const p = await importFolders(archive, folders, {
      batchSize,
      force,
      onProblem: (m) => err(`source-check: ${m}\n`),
      onProgress: (p) => {
        const rate = p.done / Math.max(0.001, (Date.now() - started) / 1000);
        const line = `archive import: ${p.done}/${p.total} articles (${p.added} new, ${p.updated} updated, ${p.unchanged} unchanged, ${p.failed} failed), ${rate.toFixed(0)} articles/s`;
        err(tty ? `\r${line}` : `${line}\n`);
      },
    });
    if (tty) err('\n');
    const secs = (Date.now() - started) / 1000;
    process.stdout.write(
      `archive import: ${p.total} article${p.total === 1 ? '' : 's'} in ${folders.length} folder${folders.length === 1 ? '' : 's'}: ` +
        `${p.added} new, ${p.updated} updated, ${p.unchanged} unchanged, ${p.failed} failed (${secs.toFixed(1)} s)\n`,
    );
    return p.failed > 0 ? 1 : 0;
  } catch (e) {
    err(`source-check: archive ${sub} failed: ${(e as Error).message}\n`);
    return 2;
  } finally {
    await archive.close();
  }
}
