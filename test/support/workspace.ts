// A throwaway workspace folder holding a copy of the seeds and the given files.

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { REPO } from './seeds';

export function makeWorkspace(files: Record<string, string> = {}): { root: string; dispose(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'source-check-ws-'));
  cpSync(path.join(REPO, 'seeds'), path.join(root, 'seeds'), { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
