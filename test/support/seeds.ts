// The seed articles, indexed once per test process through the same path the CLI uses.

import * as path from 'path';
import { FolderSources } from '../../server/src/node/folderSources';
import { DEFAULT_SOURCE_GLOBS } from '../../server/src/node/sourceFiles';

export const REPO = path.resolve(__dirname, '..', '..');

let seeds: Promise<FolderSources> | undefined;

export function seedSources(): Promise<FolderSources> {
  seeds ??= (async () => {
    const problems: string[] = [];
    const s = new FolderSources(REPO, { globs: DEFAULT_SOURCE_GLOBS, onProblem: (p) => problems.push(p) });
    await s.loadAll();
    if (problems.length > 0) throw new Error(`the seeds should read cleanly: ${problems.join('; ')}`);
    return s;
  })();
  return seeds;
}
