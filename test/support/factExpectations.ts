// Checks a fixture draft's figure and date claims against the expectations written next to
// them (test/support/expectations.ts), through the real engine over a given store. Shared by
// the seed fixtures (test/fixtures/facts) and the paraphrase fixtures (test/fixtures/paraphrase).

import { checkDraft } from '../../server/src/core/check/draft';
import { ARCHIVE_SIZE } from '../../server/src/core/match/store';
import type { CheckResult, DateClaim, FigureClaim, Finding } from '../../server/src/core/check/findings';
import type { SourceStore } from '../../server/src/core/match/store';
import { claimHover } from '../../server/src/core/report/hover';
import { Expectation, parseExpectations, unescapeMarkdown } from './expectations';


export interface FactOutcome {
  expectation: Expectation;
  claim?: FigureClaim | DateClaim;
  finding?: Finding;
  /** What the expectation asked that the engine did not do; empty when it met it. */
  problems: string[];
}

/** A fixture checked as one draft over an archive, its cases read together (drawnOn.ts). */
const ONE_DRAFT = /^<!-- one draft -->$/m;

/**
 * The fixture checked as drafts: over an archive (more than ARCHIVE_SIZE sources), each case (a paragraph, with
 * the front matter) is a draft of its own, as the separate stories they are; whether a source is one a draft draws
 * on is read from the whole draft. A fixture marked `<!-- one draft -->`, and any over a story's own folder, is
 * checked whole. Other paragraphs are blanked, not cut, so offsets stay the fixture's.
 */
async function checkCases(text: string, store: SourceStore): Promise<CheckResult> {
  if (store.size <= ARCHIVE_SIZE || ONE_DRAFT.test(text)) return checkDraft({ text, format: 'markdown' }, store);
  const front = /^---\n[\s\S]*?\n---\n/.exec(text)?.[0].length ?? 0;
  const blank = (t: string) => t.replace(/[^\n]/g, ' ');
  const result: CheckResult = { claims: [], findings: [] };
  for (const m of text.slice(front).matchAll(/[^\n](?:[^\n]|\n(?!\s*\n))*/g)) {
    const start = front + m.index!;
    const end = start + m[0].length;
    const one = await checkDraft({ text: text.slice(0, front) + blank(text.slice(front, start)) + m[0] + blank(text.slice(end)), format: 'markdown' }, store);
    result.claims.push(...one.claims.filter((c) => c.start >= start && c.start < end));
    result.findings.push(...one.findings.filter((f) => f.start >= start && f.start < end));
  }
  return result;
}

export async function checkFactExpectations(text: string, store: SourceStore): Promise<{ outcomes: FactOutcome[]; unexpected: string[] }> {
  const expectations = parseExpectations(text);
  const result = await checkCases(text, store);
  const claims = result.claims.filter((c): c is FigureClaim | DateClaim => c.kind !== 'quote');
  const outcomes: FactOutcome[] = [];
  for (const e of expectations) {
    const problems: string[] = [];
    const where = `line ${e.line} {{${e.text}}}`;
    const i = claims.findIndex((c) => c.text === e.text);
    if (i < 0) {
      outcomes.push({ expectation: e, problems: [`line ${e.line}: no figure or date found with exactly the text {{${e.text}}}; found: ${claims.map((c) => c.text).join(' | ')}`] });
      continue;
    }
    const [claim] = claims.splice(i, 1);
    const finding = result.findings.find((f) => f.start === claim.start && f.end === claim.end);
    const verdict = claim.verdict === 'unsourced' && claim.quiet ? 'quiet' : claim.verdict;
    if (verdict !== e.verdict) {
      problems.push(`${where}: expected ${e.verdict}, got ${verdict} (${claim.best?.location.source.id ?? 'no source'} “${claim.best?.text ?? ''}”; ${finding?.message ?? ''})`);
      outcomes.push({ expectation: e, claim, finding, problems });
      continue;
    }
    const silent = ['verified', 'rounded', 'quiet'].includes(e.verdict);
    if (silent && finding) problems.push(`${where}: expected no finding, got ${finding.code}: ${finding.message}`);
    if (!silent && !finding) problems.push(`${where}: expected a finding`);
    for (const m of e.msg) if (!finding?.message.includes(m)) problems.push(`${where}: message ${JSON.stringify(finding?.message)} lacks ${JSON.stringify(m)}`);
    if (e.source && !claim.best?.location.source.id.startsWith(e.source)) problems.push(`${where}: expected source ${e.source}, got ${claim.best?.location.source.id}`);
    const others = [...claim.others, ...claim.conflicting].map((o) => o.location.source.id);
    for (const a of e.also) if (!others.some((o) => o.startsWith(a))) problems.push(`${where}: expected ${a} among the other sources, got ${others.join(', ') || 'none'}`);
    if (e.fix !== undefined && finding?.fixes[0]?.newText !== e.fix) problems.push(`${where}: expected fix ${JSON.stringify(e.fix)}, got ${JSON.stringify(finding?.fixes[0]?.newText)}`);
    const hover = unescapeMarkdown(claimHover(claim));
    for (const h of e.hover) if (!hover.includes(h)) problems.push(`${where}: hover lacks ${JSON.stringify(h)}:\n${hover}`);
    outcomes.push({ expectation: e, claim, finding, problems });
  }
  // Every figure and date the fixture states must be expected, except quiet ones in prose about the fixture itself.
  const unexpected = claims.filter((c) => !(c.verdict === 'unsourced' && c.quiet)).map((c) => `unexpected ${c.kind} claim ${c.verdict} {{${c.text}}}`);
  return { outcomes, unexpected };
}
