// The command line: the same engine as the language server, for CI and for a
// writer's terminal. Output formats and exit codes are a public interface (README).

import * as path from 'path';
import { checkDraft, DraftFormat } from '../core/check/draft';
import type { Finding } from '../core/check/findings';
import { LineIndex } from '../core/text/lines';
import { readTextFile } from '../node/decode';
import { FolderSources } from '../node/folderSources';
import { DEFAULT_SOURCE_GLOBS } from '../node/sourceFiles';
import { inert, inertJson, toJsonFinding, summarise, formatTextFinding } from './format';

const USAGE = `Usage: source-check check [options] FILE...

Checks the quotations in each draft FILE against the source articles.

Options:
  --sources GLOB    a source glob, relative to --root (repeatable);
                    default: ${DEFAULT_SOURCE_GLOBS.join(', ')}
  --root DIR        the folder the globs are relative to (default: the current folder)
  --format FORMAT   text (default) or json
  --exit-zero       exit 0 even when there are warnings
  -h, --help        show this help
  --version         show the version

Exit status: 0 when no finding is a warning, 1 when one is, 2 on a usage error or an unreadable file.`;

class UsageError extends Error {}

interface Args {
  sources: string[];
  root: string;
  format: 'text' | 'json';
  exitZero: boolean;
  files: string[];
}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  if (argv.includes('--version')) return 'version';
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const args: Args = { sources: [], root: process.cwd(), format: 'text', exitZero: false, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--sources') args.sources.push(value());
    else if (a === '--root') args.root = path.resolve(value());
    else if (a === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not "${f}"`);
      args.format = f;
    } else if (a === '--exit-zero') args.exitZero = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
    else args.files.push(a);
  }
  if (args.files.length === 0) throw new UsageError('no draft FILE given');
  return args;
}

async function main(argv: string[]): Promise<number> {
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

  const sources = new FolderSources(args.root, {
    globs: args.sources.length > 0 ? args.sources : DEFAULT_SOURCE_GLOBS,
    onProblem: (m) => process.stderr.write(`source-check: source ${inert(m)}\n`),
  });
  await sources.loadAll();
  if (sources.index.size === 0) {
    process.stderr.write(`source-check: no source articles found under ${args.root} (globs: ${(args.sources.length ? args.sources : DEFAULT_SOURCE_GLOBS).join(', ')})\n`);
  }

  let status = 0;
  const json: unknown[] = [];
  const lines: string[] = [];
  const all: Array<{ findings: Finding[]; claims: number; verdicts: string[] }> = [];
  for (const file of args.files) {
    const read = await readTextFile(file);
    if ('problem' in read) {
      process.stderr.write(`source-check: ${inert(file)}: ${read.problem}\n`);
      status = 2;
      continue;
    }
    const format: DraftFormat = /\.(md|markdown)$/i.test(file) ? 'markdown' : 'text';
    const result = await checkDraft({ text: read.text, format }, sources.index);
    const lineIndex = new LineIndex(read.text);
    for (const f of result.findings) {
      if (args.format === 'json') json.push(toJsonFinding(file, f, lineIndex, args.root));
      else lines.push(formatTextFinding(file, f, lineIndex));
    }
    all.push({ findings: result.findings, claims: result.claims.length, verdicts: result.claims.map((c) => (c.ignored ? 'ignored' : c.verdict)) });
  }
  const warnings = all.some((r) => r.findings.some((f) => f.severity === 'warning' || f.severity === 'error'));
  if (args.format === 'json') process.stdout.write(inertJson(json) + '\n');
  else process.stdout.write(lines.map((l) => l + '\n').join('') + summarise(all, args.files.length) + '\n');
  if (status === 0 && warnings && !args.exitZero) status = 1;
  return status;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`source-check: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
