// Runs every fixture draft under test/fixtures/quotes and test/fixtures/speakers through
// the real engine over the seed articles (test/fixtures/statements over its own sources) and
// compares each claim with the expectation written next to it: its verdict, its sources, its
// findings, and its speakers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { checkDraft } from '../../server/src/core/check/draft';
import type { QuoteClaim } from '../../server/src/core/check/findings';
import { sameName } from '../../server/src/core/speakers/names';
import { parseExpectations, unescapeMarkdown } from '../support/expectations';
import { tokenize } from '../../server/src/core/text/tokens';
import { quoteHover } from '../../server/src/core/report/hover';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { parseSource } from '../../server/src/core/source/source';
import { REPO, seedSources } from '../support/seeds';

const VERDICT_CODES: Record<string, string[]> = {
  verified: [],
  variant: ['quote-variant'],
  misquote: ['misquote'],
  unsourced: ['unsourced-quote', 'unsourced-phrase'],
};

/** The hand-written sources of test/fixtures/statements, named by their paths from the repository's root. */
function ownSources(dir: string): MemoryIndex {
  const index = new MemoryIndex();
  for (const f of readdirSync(dir)) {
    const id = path.relative(REPO, path.join(dir, f)).split(path.sep).join('/');
    index.add(parseSource(id, `file:///${id}`, readFileSync(path.join(dir, f), 'utf8')));
  }
  return index;
}

const seeds = async () => (await seedSources()).index;
const FOLDERS: Array<[string, () => Promise<MemoryIndex>]> = [
  ['quotes', seeds],
  ['speakers', seeds],
  ['statements', async () => ownSources(path.join(REPO, 'test', 'fixtures', 'statements', 'sources'))],
];

for (const [folder, sources] of FOLDERS) {
  const dir = path.join(REPO, 'test', 'fixtures', folder);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    test(`${folder} fixture ${name}`, async () => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      const expectations = parseExpectations(text);
      assert.ok(expectations.length > 0, 'a fixture must expect something');
      const index = await sources();
      const result = await checkDraft({ text, format: 'markdown' }, index);
      // Figures and dates have their own fixtures (test/fixtures/facts).
      const claims = result.claims.filter((c): c is QuoteClaim => c.kind === 'quote');
      const problems: string[] = [];
      for (const e of expectations) {
        const i = claims.findIndex((c) => c.text === e.text);
        if (i < 0) {
          problems.push(`line ${e.line}: no quote found with exactly the words {{${e.text}}}`);
          continue;
        }
        const [claim] = claims.splice(i, 1);
        const where = `line ${e.line} {{${e.text.slice(0, 40)}…}}`;
        if (claim.verdict !== e.verdict) {
          problems.push(`${where}: expected ${e.verdict}, got ${claim.verdict} (${claim.best?.location.source.id ?? 'no source'}, ${claim.best?.matched}/${claim.best?.total} words; diffs ${JSON.stringify(claim.best?.diffs)})`);
          continue;
        }
        const findings = result.findings.filter((f) => f.start === claim.start && f.end === claim.end);
        if (e.ignored) {
          if (!claim.ignored) problems.push(`${where}: expected the claim to be ignored by a directive`);
          if (findings.length > 0) problems.push(`${where}: an ignored claim got a finding: ${findings[0].message}`);
          continue;
        }
        if (claim.ignored) problems.push(`${where}: the claim is ignored, but no directive should cover it`);
        const verdictFinding = findings.find((f) => VERDICT_CODES[e.verdict].includes(f.code));
        if (e.verdict !== 'verified' && !verdictFinding && !e.flags.includes('quote-is-narration')) problems.push(`${where}: expected a finding`);
        for (const f of findings) {
          if (!VERDICT_CODES[e.verdict].includes(f.code) && !e.flags.includes(f.code)) problems.push(`${where}: unexpected finding ${f.code}: ${f.message}`);
          if (text.slice(f.start, f.end) !== e.text) problems.push(`${where}: the finding does not cover exactly the quoted words`);
        }
        for (const code of e.flags) if (!findings.some((f) => f.code === code)) problems.push(`${where}: expected a ${code} finding, got ${findings.map((f) => f.code).join(', ') || 'none'}`);
        for (const m of e.msg) if (!findings.some((f) => f.message.includes(m))) problems.push(`${where}: no message includes ${JSON.stringify(m)}: ${JSON.stringify(findings.map((f) => f.message))}`);
        if (e.source && !claim.best?.location.source.id.startsWith(e.source)) problems.push(`${where}: expected source ${e.source}, got ${claim.best?.location.source.id}`);
        for (const a of e.also) if (!claim.others.some((o) => o.location.source.id.startsWith(a))) problems.push(`${where}: expected ${a} among the other sources, got ${claim.others.map((o) => o.location.source.id).join(', ') || 'none'}`);
        // Go-to-source lands on the quoted words, and the hover names where they come from.
        if (claim.best && claim.verdict !== 'unsourced') {
          const sourceText = readFileSync(path.join(REPO, claim.best.location.source.id), 'utf8');
          const landed = sourceText.slice(claim.best.location.start, claim.best.location.end);
          const pos = claim.best.location.range.start;
          if (sourceText.split(/\r?\n/)[pos.line].slice(pos.character, pos.character + Math.min(10, landed.length)) !== landed.slice(0, 10)) problems.push(`${where}: the source range's line/character does not point at its offset`);
          const words = (t: string) => tokenize(t).map((w) => w.norm);
          // A writer's insertions (in brackets, or a few words in parentheses) are no words of the source's, nor the
          // source's own glosses words of the quote's.
          const asides = (t: string) => t.replace(/\[[^\]]*\]|\((?:\s*[^()\s]+){1,4}\s*\)/g, ' ');
          const quoted = words(asides(e.text));
          // Not across an attribution the draft leaves out (“…,” he said. “…”): the passage holds it.
          if (claim.verdict === 'verified' && !/…|\.\.\./.test(e.text) && !/\[/.test(e.text) && !claim.best.unquoted?.length && words(asides(landed)).join(' ') !== quoted.join(' ')) {
            problems.push(`${where}: go-to-source lands on "${landed}"`);
          }
          const hover = quoteHover(claim);
          if (!hover.includes(claim.best.location.source.id)) problems.push(`${where}: the hover does not name the source file`);
        }
        if (e.fix === '' && findings.some((f) => f.fixes.length > 0)) problems.push(`${where}: expected no quick fix, got ${JSON.stringify(findings.map((f) => f.fixes[0]?.newText))}`);
        else if (e.fix && !findings.some((f) => f.fixes[0]?.newText === e.fix)) problems.push(`${where}: expected fix ${JSON.stringify(e.fix)}, got ${JSON.stringify(findings.map((f) => f.fixes[0]?.newText))}`);
        if (e.hover.length > 0) {
          const hover = unescapeMarkdown(quoteHover(claim));
          for (const h of e.hover) if (!hover.includes(h)) problems.push(`${where}: hover lacks ${JSON.stringify(h)}:\n${hover}`);
        }
        if (e.speaker !== undefined) {
          const s = claim.sourceSpeaker?.speaker;
          if (!s || !s.spellings.some((x) => sameName(x, e.speaker!))) problems.push(`${where}: expected the sources' speaker ${e.speaker}, got ${s ? `${s.name} (${s.attribution})` : 'none'}`);
        }
        if (e.by !== undefined) {
          const d = claim.draftSpeaker;
          if (e.by === '' ? d !== undefined : !d || !d.spellings.some((x) => sameName(x, e.by!))) problems.push(`${where}: expected the draft's speaker ${e.by || 'none'}, got ${d ? `${d.name} (${d.attribution})` : 'none'}`);
        }
      }
      for (const c of claims) problems.push(`unexpected claim ${c.verdict} {{${c.text}}}`);
      assert.deepEqual(problems, []);
    });
  }
}
