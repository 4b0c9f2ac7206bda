// Runs every fixture draft under test/fixtures/facts through the real engine over the
// seed articles and compares each figure and date claim with the expectation next to it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { checkDraft } from '../../server/src/core/check/draft';
import type { DateClaim, FigureClaim } from '../../server/src/core/check/findings';
import { claimHover } from '../../server/src/core/report/hover';
import { parseExpectations } from '../support/expectations';
import { REPO, seedSources } from '../support/seeds';

const DIR = path.join(REPO, 'test', 'fixtures', 'facts');
const unescape = (md: string) => md.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

for (const name of readdirSync(DIR).filter((f) => f.endsWith('.md'))) {
  test(`fact fixture ${name}`, async () => {
    const text = readFileSync(path.join(DIR, name), 'utf8');
    const expectations = parseExpectations(text);
    assert.ok(expectations.length > 0, 'a fixture must expect something');
    const { index } = await seedSources();
    const result = await checkDraft({ text, format: 'markdown' }, index);
    const claims = result.claims.filter((c): c is FigureClaim | DateClaim => c.kind !== 'quote');
    const problems: string[] = [];
    for (const e of expectations) {
      const i = claims.findIndex((c) => c.text === e.text);
      if (i < 0) {
        problems.push(`line ${e.line}: no figure or date found with exactly the text {{${e.text}}}; found: ${claims.map((c) => c.text).join(' | ')}`);
        continue;
      }
      const [claim] = claims.splice(i, 1);
      const where = `line ${e.line} {{${e.text}}}`;
      const verdict = claim.verdict === 'unsourced' && claim.quiet ? 'quiet' : claim.verdict;
      if (verdict !== e.verdict) {
        problems.push(`${where}: expected ${e.verdict}, got ${verdict} (${claim.best?.location.source.id ?? 'no source'} “${claim.best?.text ?? ''}”; ${claim.note ?? ''})`);
        continue;
      }
      const finding = result.findings.find((f) => f.start === claim.start && f.end === claim.end);
      const silent = ['verified', 'rounded', 'quiet'].includes(e.verdict);
      if (silent && finding) problems.push(`${where}: expected no finding, got ${finding.code}: ${finding.message}`);
      if (!silent && !finding) problems.push(`${where}: expected a finding`);
      for (const m of e.msg) if (!finding?.message.includes(m)) problems.push(`${where}: message ${JSON.stringify(finding?.message)} lacks ${JSON.stringify(m)}`);
      if (e.source && !claim.best?.location.source.id.startsWith(e.source)) problems.push(`${where}: expected source ${e.source}, got ${claim.best?.location.source.id}`);
      const others = [...claim.others, ...claim.conflicting].map((o) => o.location.source.id);
      for (const a of e.also) if (!others.some((o) => o.startsWith(a))) problems.push(`${where}: expected ${a} among the other sources, got ${others.join(', ') || 'none'}`);
      if (e.fix !== undefined && finding?.fixes[0]?.newText !== e.fix) problems.push(`${where}: expected fix ${JSON.stringify(e.fix)}, got ${JSON.stringify(finding?.fixes[0]?.newText)}`);
      const hover = unescape(claimHover(claim));
      for (const h of e.hover) if (!hover.includes(h)) problems.push(`${where}: hover lacks ${JSON.stringify(h)}:\n${hover}`);
    }
    // Every figure and date the fixture states must be expected, except quiet ones in prose about the fixture itself.
    for (const c of claims) if (!(c.verdict === 'unsourced' && c.quiet)) problems.push(`unexpected ${c.kind} claim ${c.verdict} {{${c.text}}}`);
    assert.deepEqual(problems, []);
  });
}
