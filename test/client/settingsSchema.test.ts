// The Settings UI offers one dropdown per diagnostic code: sourceCheck.severity declares
// every code the engine reports, each an enum of the severities, and still accepts the
// object writers already have in settings.json.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CODES } from '../../server/src/core/check/findings';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

test('sourceCheck.severity declares every code as a dropdown of severities, with its default', () => {
  const severity = pkg.contributes.configuration.properties['sourceCheck.severity'];
  assert.equal(severity.type, 'object');
  assert.deepEqual(Object.keys(severity.properties).sort(), Object.keys(CODES).sort());
  for (const [code, schema] of Object.entries<{ enum: string[]; description: string }>(severity.properties)) {
    assert.deepEqual(schema.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
    assert.match(schema.description, new RegExp(`Default: ${CODES[code as keyof typeof CODES]}\\.$`), code);
  }
  assert.doesNotMatch(severity.markdownDescription, /README/);
  assert.deepEqual(severity.default, {});
});

test('sourceCheck.notes: globs like sourceCheck.sources, defaulting to the server\'s, restricted in untrusted workspaces', async () => {
  const { DEFAULT_NOTES_GLOBS } = await import('../../server/src/node/sourceFiles');
  const notes = pkg.contributes.configuration.properties['sourceCheck.notes'];
  assert.equal(notes.type, 'array');
  assert.equal(notes.scope, 'resource');
  assert.deepEqual(notes.default, DEFAULT_NOTES_GLOBS);
  assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('sourceCheck.notes'));
});
