// Prepares a throw-away workspace folder for the VS Code tests: test/vscode/workspace/draft.md plus a
// copy of the repository's seeds/ (copied at test time so the seeds are not duplicated in git, and so
// the quick-fix test can edit the draft without touching the repository).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

export function prepareWorkspace(parent = os.tmpdir()): string {
  // A fixed folder name inside a unique temp dir: it shows in the explorer and title bar of screenshots.
  const ws = path.join(fs.mkdtempSync(path.join(parent, 'source-check-ws-')), 'newsroom');
  fs.mkdirSync(ws);
  // The drafts (draft.md, and second-draft.md that the UI test opens once Source Check is running).
  for (const f of ['draft.md', 'second-draft.md']) fs.copyFileSync(path.join(repoRoot, 'test/vscode/workspace', f), path.join(ws, f));
  const seeds = path.join(repoRoot, 'seeds');
  fs.mkdirSync(path.join(ws, 'seeds'));
  const files = fs.readdirSync(seeds).filter((f) => fs.statSync(path.join(seeds, f)).isFile());
  if (files.length === 0) throw new Error(`no seed files in ${seeds}`);
  for (const f of files) fs.copyFileSync(path.join(seeds, f), path.join(ws, 'seeds', f));
  return ws;
}
