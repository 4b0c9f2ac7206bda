// Bundles the three entry points with esbuild. Run by `npm install` (prepare) and `npm run build`;
// `--production` (npm run package) minifies and leaves out source maps, for a small .vsix.
import { build } from 'esbuild';
import { createHash } from 'crypto';
import { readdirSync, readFileSync } from 'fs';
import { slimCountriesPlugin } from './slimCountries.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * The engine an index cache was built by: the version and a digest of the code that reads sources (the core and the
 * node edge). A cache keeps facts, frames and speakers computed from the text; one written by other code, even of
 * the same version, is never read (nor must every change to what they hold remember to bump INDEX_FORMAT).
 */
function engine() {
  const hash = createHash('sha256');
  for (const dir of ['server/src/core', 'server/src/node']) {
    const root = new URL(`../${dir}/`, import.meta.url);
    for (const file of readdirSync(root, { recursive: true }).filter((f) => f.endsWith('.ts')).sort()) {
      hash.update(`${dir}/${file}\0`).update(readFileSync(new URL(file, root))).update('\0');
    }
  }
  return `${version}+${hash.digest('hex').slice(0, 12)}`;
}

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version), __ENGINE__: JSON.stringify(engine()) },
  // world-countries slimmed to the fields places.ts reads (scripts/slimCountries.mjs).
  plugins: [slimCountriesPlugin],
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The parse worker the server and the CLI start next to themselves (server/src/node/parsePool.ts).
  build({ ...common, entryPoints: ['server/src/node/parseWorker.ts'], outfile: 'dist/parseWorker.js' }),
  // The archive import's worker, started by the CLI (server/src/archive/importer.ts).
  build({ ...common, entryPoints: ['server/src/archive/importWorker.ts'], outfile: 'dist/importWorker.js' }),
]);
