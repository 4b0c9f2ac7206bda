// The claims report of a draft: every claim with its verdict, its finding and the
// sources it rests on, with links to the draft and to each source passage. Markdown;
// the draft's and the sources' text is escaped (source text is untrusted).

import type { Claim, Finding, SourceMatch } from '../check/findings';
import type { Position } from '../text/lines';
import { escapeMarkdown } from './markdown';
import { truncate } from './describe';
import { VERDICT } from './hover';

export interface ReportInput {
  draftName: string;
  draftUri: string;
  claims: readonly Claim[];
  /** The findings as published (severity settings applied). */
  findings: readonly Finding[];
  positionAt(offset: number): Position;
}

/** A link VS Code opens at the line (`file:///…#L26`). */
function link(label: string, uri: string, line: number): string {
  return `[${escapeMarkdown(label)}](<${uri.replace(/[<>\s]/g, encodeURIComponent)}#L${line + 1}>)`;
}

export function claimSources(claim: Claim): Array<{ role: string; match: SourceMatch }> {
  const out: Array<{ role: string; match: SourceMatch }> = [];
  if (claim.best) {
    const role = claim.verdict === 'unsourced' ? 'Closest passage' : claim.verdict === 'misquote' ? 'Source passage' : 'Source';
    if (claim.verdict !== 'unsourced' || claim.best.matched > 0) out.push({ role, match: claim.best });
  }
  for (const o of claim.others) out.push({ role: 'Also in', match: o });
  return out;
}

function sourceLine(role: string, m: SourceMatch, draftWording: string): string {
  const s = m.location.source;
  const meta = [s.meta.outlet ?? 'outlet unknown', s.meta.author ? `by ${s.meta.author}` : 'author unknown', s.meta.date ?? 'date unknown'];
  const title = s.meta.title ? `**${escapeMarkdown(truncate(s.meta.title, 120))}**` : '**Untitled source**';
  const where = link(`${s.id}, line ${m.location.range.start.line + 1}`, s.uri, m.location.range.start.line);
  const wording = m.wording && m.wording !== draftWording ? ` — wording: “${escapeMarkdown(truncate(m.wording, 300))}”` : '';
  return `- ${role}: ${title} · ${meta.map(escapeMarkdown).join(' · ')} — ${where}${wording}`;
}

export function claimCounts(claims: readonly Claim[], findings: readonly Finding[]) {
  const flagged = (c: Claim) => findings.some((f) => f.start === c.start && f.end === c.end);
  const active = claims.filter((c) => !c.ignored);
  return {
    checked: claims.length,
    verified: active.filter((c) => c.verdict === 'verified' || c.verdict === 'variant').length,
    flagged: active.filter(flagged).length,
    ignored: claims.length - active.length,
  };
}

export function claimsReport(input: ReportInput): string {
  const { claims, findings } = input;
  const counts = claimCounts(claims, findings);
  const out: string[] = [`# Claims in ${escapeMarkdown(input.draftName)}`, ''];
  out.push(
    claims.length === 0
      ? 'No claims found: the draft has no quotations outside code and comments.'
      : `${counts.checked} claim${counts.checked === 1 ? '' : 's'} checked: ${counts.verified} verified, ${counts.flagged} flagged${counts.ignored ? `, ${counts.ignored} ignored` : ''}.`,
  );
  claims.forEach((c, i) => {
    const line = input.positionAt(c.start).line;
    const verdict = c.verdict === 'unsourced' && c.short ? '⚠ Unsourced phrase' : VERDICT[c.verdict];
    out.push('', `## ${i + 1}. ${verdict}${c.ignored ? ' (ignored)' : ''} — ${link(`line ${line + 1}`, input.draftUri, line)}`, '');
    out.push(`> “${escapeMarkdown(truncate(c.text, 600))}”`, '');
    for (const f of findings.filter((f) => f.start === c.start && f.end === c.end)) out.push(`*${f.severity} \`${f.code}\`*: ${escapeMarkdown(f.message)}`, '');
    if (c.ignored) out.push('*An ignore directive in the draft covers this claim.*', '');
    const sources = claimSources(c);
    if (sources.length === 0) out.push('- No source carries it.');
    for (const s of sources) out.push(sourceLine(s.role, s.match, c.text));
  });
  return out.join('\n') + '\n';
}
