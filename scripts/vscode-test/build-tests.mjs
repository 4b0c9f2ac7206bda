// Bundles the VS Code extension-host suite (test/vscode/suite/*.ts) into out/test/vscode/suite/
// with esbuild: one CommonJS file per source file; `vscode` and `mocha` stay external (the host
// provides vscode; mocha 11 is required from node_modules so index.js and the tests share it).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const src = 'test/vscode/suite';
const outdir = 'out/test/vscode/suite';
rmSync(outdir, { recursive: true, force: true });
const entryPoints = readdirSync(src).filter((f) => f.endsWith('.ts')).map((f) => join(src, f));
await build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
