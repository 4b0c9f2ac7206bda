// The command line: the same engine as the language server, for CI and for a
// writer's terminal. Output formats and exit codes are a public interface (README).

// First: V8's regular-expression tier-up, before any expression runs.
import '../node/regexpTierUp';
import * as path from 'path';
import type { DraftFormat } from '../core/check/draft';
import type { CheckResult } from '../core/check/findings';
import { LineIndex } from '../core/text/lines';
import { DEFAULT_MAX_FILE_SIZE, readTextFile } from '../node/decode';
import { FolderSources } from '../node/folderSources';
import { CacheKey, indexCacheFile, removeStaleCaches, sharedCacheDir } from '../node/indexCache';
import { DEFAULT_NOTES_GLOBS, DEFAULT_SOURCE_GLOBS } from '../node/sourceFiles';
import { inert, inertJson, toJsonFinding, summarise, formatTextFinding, formatPeople, toJsonPerson, CheckedFile, summariseFacts, toJsonDisagreement, formatTextDisagreement, summariseDisagreements } from './format';
import { findDisagreements } from '../core/check/disagreements';
import { quoteRange } from '../core/speakers/people';
import { archiveFromEnv, runArchive, ARCHIVE_USAGE } from './archive';
import { checkWithArchive } from '../archive/check';
import { PgStore } from '../archive/pgStore';
import { pathToFileURL } from 'url';
import { claimsReport } from '../core/report/claimsReport';
import { reportsHtml, reportsMarkdown } from './report';

const USAGE = `Usage: source-check check [options] FILE...
       source-check report [options] FILE...
       source-check people [options]
       source-check disagreements [options]

check          checks the quotations, figures and dates in each draft FILE against the
               source articles, and against the shared archive when SOURCE_CHECK_ARCHIVE_URL
               is set (see: source-check archive --help).
report         the claims report of each draft FILE: every quotation, figure and date with
               its verdict and the source passages it rests on, linked (--format md or html).
people         lists the people of the sources: each once, with every spelling and role
               the sources give them, and the quotations attributed to them.
disagreements  lists the figures and dates on which the sources contradict each other.

Options:
  --sources GLOB    a source glob, relative to --root (repeatable);
                    default: ${DEFAULT_SOURCE_GLOBS.join(', ')}
  --notes GLOB      a glob of your own notes and interview transcripts, relative to --root
                    (repeatable): sources whose provenance says "your notes";
                    default: ${DEFAULT_NOTES_GLOBS.join(', ')}
  --root DIR        the folder the globs are relative to (default: the current folder)
  --format FORMAT   text (default) or json; for report: md (default) or html
  --exit-zero       (check) exit 0 even when there are warnings
  --no-cache        read every source afresh and keep no index cache (by default the index is
                    kept in SOURCE_CHECK_CACHE_DIR or the user's cache folder, shared with the
                    editor, and brought up to date with the files before each run)
  --no-unsourced-figures  (check) do not report figures no source gives (unsourced-figure)
  --no-unsourced-dates    (check) do not report dates no source gives (unsourced-date)
  -h, --help        show this help
  --version         show the version

Also: source-check archive import FOLDER... | source-check archive status

Exit status: 0 when no finding is a warning, 1 when one is, 2 on a usage error or an unreadable file.`;

class UsageError extends Error {}

interface Args {
  command: 'check' | 'report' | 'people' | 'disagreements';
  unsourcedFigures: boolean;
  unsourcedDates: boolean;
  sources: string[];
  notes: string[];
  root: string;
  format: 'text' | 'json' | 'md' | 'html';
  exitZero: boolean;
  cache: boolean;
  files: string[];
}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  if (argv.includes('--version')) return 'version';
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'report' && command !== 'people' && command !== 'disagreements') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const args: Args = { command, unsourcedFigures: true, unsourcedDates: true, sources: [], notes: [], root: process.cwd(), format: command === 'report' ? 'md' : 'text', exitZero: false, cache: true, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--sources') args.sources.push(value());
    else if (a === '--notes') args.notes.push(value());
    else if (a === '--root') args.root = path.resolve(value());
    else if (a === '--format') {
      const f = value();
      if (command === 'report') {
        if (f !== 'md' && f !== 'html') throw new UsageError(`report --format must be md or html, not "${f}"`);
      } else if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not "${f}"`);
      args.format = f;
    } else if (a === '--exit-zero') args.exitZero = true;
    else if (a === '--no-cache') args.cache = false;
    else if (a === '--no-unsourced-figures') args.unsourcedFigures = false;
    else if (a === '--no-unsourced-dates') args.unsourcedDates = false;
    else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
    else args.files.push(a);
  }
  if ((command === 'check' || command === 'report') && args.files.length === 0) throw new UsageError('no draft FILE given');
  if (command === 'people' && args.files.length > 0) throw new UsageError(`people takes no FILE, only options (got "${args.files[0]}")`);
  if (command === 'disagreements' && args.files.length > 0) throw new UsageError(`disagreements takes no FILE, only options (got "${args.files[0]}")`);
  return args;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'archive') {
    if (argv.includes('-h') || argv.includes('--help')) {
      process.stdout.write(ARCHIVE_USAGE + '\n');
      return 0;
    }
    return runArchive(argv.slice(1));
  }
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`source-check: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args === 'version') {
    process.stdout.write(`source-check ${VERSION}\n`);
    return 0;
  }

  const key: CacheKey = {
    root: args.root,
    sources: args.sources.length > 0 ? args.sources : DEFAULT_SOURCE_GLOBS,
    notes: args.notes.length > 0 ? args.notes : DEFAULT_NOTES_GLOBS,
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    engine: ENGINE,
  };
  const cacheDir = args.cache ? sharedCacheDir() : undefined;
  const sources = new FolderSources(args.root, {
    globs: key.sources,
    notes: key.notes,
    maxFileSize: key.maxFileSize,
    onProblem: (m) => process.stderr.write(`source-check: source ${inert(m)}\n`),
    cacheFile: cacheDir && indexCacheFile(cacheDir, key),
    engine: key.engine,
  });
  // From the cache when there is one, brought up to date with the files (changed ones re-read) before anything is checked.
  const restored = await sources.restore();
  const changed = restored ? await sources.refresh() : (await sources.loadAll(), true);
  const archive = archiveFromEnv((m) => process.stderr.write(m));
  const store = archive ? new PgStore(archive) : undefined;
  try {
    return await checkFiles(args, sources, store);
  } finally {
    await archive?.close();
    // Written after the output: the next run (or the editor) starts from it. Also when the check framed source facts
    // or attributed sources' speakers the cache lacks: a warm run reads them rather than computing them again (about
    // a third of its time on BBC).
    if (cacheDir && (changed || worthSaving(sources.index.unsaved(), sources.index.size))) await saveCache(sources, cacheDir, key);
  }
}

/**
 * Whether what a check computed (about 0.1 ms to frame a fact, 1 ms to attribute a source's speakers) is worth
 * rewriting the cache for: the whole cache is encoded and written again, about 0.1 ms a source (0.2 s on BBC), so
 * the next run of the same draft at least pays that back. A small draft's few new frames are computed again.
 */
function worthSaving(unsaved: { frames: number; speakers: number }, sources: number): boolean {
  return unsaved.frames / 10 + unsaved.speakers >= sources / 10;
}

async function saveCache(sources: FolderSources, dir: string, key: CacheKey): Promise<void> {
  try {
    await sources.save();
    await removeStaleCaches(dir, key);
  } catch (e) {
    process.stderr.write(`source-check: could not write the index cache ${inert(sources.cacheFile ?? dir)} (${inert((e as Error).message)}); the sources will be read again next time\n`);
  }
}

async function checkFiles(args: Args, sources: FolderSources, archive: PgStore | undefined): Promise<number> {
  if (archive && !(await archive.archive.ping())) process.stderr.write(`source-check: ${archive.archive.status().message}\n`);
  if (sources.index.size === 0 && !archive) {
    process.stderr.write(`source-check: no source articles found under ${args.root} (globs: ${(args.sources.length ? args.sources : DEFAULT_SOURCE_GLOBS).join(', ')})\n`);
  }

  if (args.command === 'people') {
    const people = sources.index.peopleSync();
    const locate = quoteRange(sources.index);
    process.stdout.write(args.format === 'json' ? JSON.stringify(people.map((p) => toJsonPerson(p, args.root, locate)), null, 2) + '\n' : formatPeople(people, locate));
    return 0;
  }

  if (args.command === 'disagreements') {
    const list = await findDisagreements(sources.index);
    if (args.format === 'json') process.stdout.write(JSON.stringify(list.map((d) => toJsonDisagreement(d, args.root)), null, 2) + '\n');
    else process.stdout.write(list.map((d) => formatTextDisagreement(d, args.root) + '\n').join('') + summariseDisagreements(list.length, sources.index.size) + '\n');
    return 0;
  }

  if (args.command === 'report') return writeReports(args, sources, archive);

  const { drafts, unreadable } = await checkDrafts(args, sources, archive);
  let status = unreadable ? 2 : 0;
  const json: unknown[] = [];
  const lines: string[] = [];
  const all: CheckedFile[] = [];
  for (const { file, text, result, unsearched } of drafts) {
    if (unsearched > 0) process.stderr.write(`source-check: ${file}: the archive could not be searched for ${unsearched} of ${result.claims.length} claims; their verdicts rest on the local sources only\n`);
    const lineIndex = new LineIndex(text);
    for (const f of result.findings) {
      if (args.format === 'json') json.push(toJsonFinding(file, f, lineIndex, args.root));
      else lines.push(formatTextFinding(file, f, lineIndex));
    }
    all.push({
      findings: result.findings,
      claims: result.claims.length,
      verdicts: result.claims.filter((c) => c.kind === 'quote').map((c) => (c.ignored ? 'ignored' : c.verdict)),
      facts: result.claims.flatMap((c) => (c.kind === 'quote' || c.ignored ? [] : [{ kind: c.kind, verdict: c.verdict }])),
    });
  }
  const warnings = all.some((r) => r.findings.some((f) => f.severity === 'warning' || f.severity === 'error'));
  if (args.format === 'json') process.stdout.write(inertJson(json) + '\n');
  else {
    const facts = summariseFacts(all);
    process.stdout.write(lines.map((l) => l + '\n').join('') + (facts ? facts + '\n' : '') + summarise(all, args.files.length) + '\n');
  }
  if (status === 0 && warnings && !args.exitZero) status = 1;
  return status;
}

/** Each draft read and checked, in order; a file that cannot be read is named on stderr and left out. */
async function checkDrafts(
  args: Args,
  sources: FolderSources,
  archive: PgStore | undefined,
): Promise<{ drafts: Array<{ file: string; text: string; result: CheckResult; unsearched: number }>; unreadable: boolean }> {
  const drafts: Array<{ file: string; text: string; result: CheckResult; unsearched: number }> = [];
  let unreadable = false;
  for (const file of args.files) {
    const read = await readTextFile(file);
    if ('problem' in read) {
      process.stderr.write(`source-check: ${inert(file)}: ${read.problem}\n`);
      unreadable = true;
      continue;
    }
    const format: DraftFormat = /\.(md|markdown)$/i.test(file) ? 'markdown' : 'text';
    const { result, unsearched } = await checkWithArchive({ text: read.text, format }, sources.index, archive, {
      unsourcedFigures: args.unsourcedFigures,
      unsourcedDates: args.unsourcedDates,
    });
    drafts.push({ file, text: read.text, result, unsearched });
  }
  return { drafts, unreadable };
}

/** `source-check report`: each draft's claims report, Markdown or one HTML page. Exit 0 unless a file cannot be read. */
async function writeReports(args: Args, sources: FolderSources, archive: PgStore | undefined): Promise<number> {
  const { drafts, unreadable } = await checkDrafts(args, sources, archive);
  const reports = drafts.map(({ file, text, result }) => {
    const lines = new LineIndex(text);
    return claimsReport({
      draftName: path.basename(file),
      draftUri: pathToFileURL(path.resolve(file)).href,
      claims: result.claims,
      findings: result.findings,
      positionAt: (o) => lines.positionAt(o),
    });
  });
  process.stdout.write(args.format === 'html' ? reportsHtml(reports, `Claims in ${args.files.map((f) => path.basename(f)).join(', ')}`) : reportsMarkdown(reports));
  return unreadable ? 2 : 0;
}

declare const __VERSION__: string | undefined;
declare const __ENGINE__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
/** The index cache's engine key, the language server's too (scripts/build.mjs): the version and a digest of the code. */
const ENGINE = typeof __ENGINE__ === 'string' ? __ENGINE__ : 'dev';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`source-check: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
