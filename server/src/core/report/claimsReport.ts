// The claims report of a draft: every claim with its verdict, its finding and the
// sources it rests on, with links to the draft and to each source passage. Markdown;
// the draft's and the sources' text is escaped (source text is untrusted).

import { reporterDate } from '../text/dateStyle';
import { closeEnough, type Finding, type SourceLocation } from '../check/findings';
import type { Position } from '../text/lines';
import { escapeMarkdown } from './markdown';
import { truncate } from './describe';
import { VERDICT } from './hover';

/** What the report needs of a source match: quotes' SourceMatch and facts' matches both fit. */
interface ReportMatch {
  location: SourceLocation;
  /** A quote's wording in the source. */
  wording?: string;
  /** A figure or date as the source writes it. */
  text?: string;
  /** Words of the quote found in the passage, and content words found of those the quote has (a closest passage that shares few is no lead). */
  matched?: number;
  contentMatched?: number;
  contentTotal?: number;
}

/** What the report needs of a claim, whatever its kind (quote, figure, date). */
export interface ReportClaim {
  kind: string;
  start: number;
  end: number;
  text: string;
  verdict: string;
  short?: boolean;
  ignored?: boolean;
  best?: ReportMatch;
  others: readonly ReportMatch[];
  /** Sources that say otherwise (figures and dates). */
  conflicting?: readonly ReportMatch[];
  /** An unsourced figure or date's other value from a source the draft draws on nowhere else (check/drawnOn.ts). */
  unsure?: ReportMatch;
}

export interface ReportInput {
  draftName: string;
  draftUri: string;
  claims: readonly ReportClaim[];
  /** The findings as published (severity settings applied). */
  findings: readonly Finding[];
  positionAt(offset: number): Position;
}

/**
 * A link to a passage, which VS Code and the report panel open with the words selected:
 * `file:///…#L26,5-L26,40` (VS Code's fragment: 1-based lines and columns).
 */
function link(label: string, uri: string, range: { start: Position; end: Position }): string {
  const { start, end } = range;
  return `[${escapeMarkdown(label)}](<${uri.replace(/[<>\s]/g, encodeURIComponent)}#L${start.line + 1},${start.character + 1}-L${end.line + 1},${end.character + 1}>)`;
}

export interface ClaimSourceRef {
  role: string;
  location: SourceLocation;
  /** The source's words for the claim: a quote's wording, a figure or date as written. */
  wording?: string;
}

/** The sources a claim rests on, with their role: the one the verdict rests on first. */
export function claimSources(claim: ReportClaim): ClaimSourceRef[] {
  const out: ClaimSourceRef[] = [];
  const ref = (role: string, m: ReportMatch): ClaimSourceRef => ({ role, location: m.location, wording: m.wording ?? m.text });
  if (claim.best) {
    const fact = claim.kind !== 'quote';
    const role =
      claim.verdict === 'unsourced'
        ? fact
          ? 'Same value, perhaps another fact'
          : 'Closest passage'
        : claim.verdict === 'misquote'
          ? 'Source passage'
          : claim.verdict === 'mismatch'
            ? 'Says otherwise'
            : 'Source';
    // A closest passage is shown only when it is close: the hover's rule (half the content words, three words).
    // An unsourced fact has one only where a source gives its value (check/facts.ts, sameFact).
    const b = claim.best;
    const close = fact || closeEnough({ matched: b.matched ?? 0, contentMatched: b.contentMatched ?? 0, contentTotal: b.contentTotal ?? 0 });
    if (claim.verdict !== 'unsourced' || close) out.push(ref(role, claim.best));
  }
  if (claim.unsure) out.push(ref('Another value, perhaps another fact', claim.unsure));
  for (const o of claim.others) out.push(ref('Also in', o));
  for (const o of claim.conflicting ?? []) out.push(ref('Says otherwise', o));
  return out;
}

/** "✓ Verified quote", "⚠ Misquote", "⚠ Unsourced figure", "⚠ Date mismatch"… */
export function claimLabel(c: ReportClaim): string {
  if (c.kind === 'quote') return c.verdict === 'unsourced' && c.short ? '⚠ Unsourced phrase' : (VERDICT[c.verdict as keyof typeof VERDICT] ?? c.verdict);
  const what = c.kind[0].toUpperCase() + c.kind.slice(1);
  switch (c.verdict) {
    case 'verified':
      return `✓ Verified ${c.kind}`;
    case 'rounded':
      return `✓ ${what} rounded consistently`;
    case 'mismatch':
      return `⚠ ${what} mismatch`;
    case 'disputed':
      return `⚠ Sources disagree on this ${c.kind}`;
    case 'unsourced':
      return `⚠ Unsourced ${c.kind}`;
    default:
      return `${what}: ${c.verdict}`;
  }
}

function sourceLine({ role, location, wording }: ClaimSourceRef, draftWording: string): string {
  const s = location.source;
  // Outlet and author bounded as in the hover: a report entry stays readable whatever the source's front matter says.
  const meta = [s.meta.outlet ? truncate(s.meta.outlet, 60) : 'outlet unknown', s.meta.author ? `by ${truncate(s.meta.author, 60)}` : 'author unknown', s.meta.date ? reporterDate(s.meta.date) : 'date unknown'];
  const title = s.meta.title ? `**${escapeMarkdown(truncate(s.meta.title, 120))}**` : '**Untitled source**';
  const where = link(`${s.id}, line ${location.range.start.line + 1}`, s.uri, location.range);
  const words = wording && wording !== draftWording ? ` — wording: “${escapeMarkdown(truncate(wording, 300))}”` : '';
  return `- ${role}: ${title} · ${meta.map(escapeMarkdown).join(' · ')} — ${where}${words}`;
}

export function claimCounts(claims: readonly ReportClaim[], findings: readonly Finding[]) {
  const flagged = (c: ReportClaim) => findings.some((f) => f.start === c.start && f.end === c.end);
  const active = claims.filter((c) => !c.ignored);
  return {
    checked: claims.length,
    verified: active.filter((c) => c.verdict === 'verified' || c.verdict === 'variant' || c.verdict === 'rounded').length,
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
      ? 'No claims found: nothing in the draft (outside code and comments) for the sources to confirm.'
      : `${counts.checked} claim${counts.checked === 1 ? '' : 's'} checked: ${counts.verified} verified, ${counts.flagged} flagged${counts.ignored ? `, ${counts.ignored} ignored` : ''}.`,
  );
  claims.forEach((c, i) => {
    const range = { start: input.positionAt(c.start), end: input.positionAt(c.end) };
    const verdict = claimLabel(c);
    out.push('', `## ${i + 1}. ${verdict}${c.ignored ? ' (ignored)' : ''} — ${link(`line ${range.start.line + 1}`, input.draftUri, range)}`, '');
    // Quotes in their marks; a figure or date as written.
    const words = escapeMarkdown(truncate(c.text, 600));
    out.push(c.kind === 'quote' ? `> “${words}”` : `> ${words}`, '');
    for (const f of findings.filter((f) => f.start === c.start && f.end === c.end)) out.push(`*${f.severity} \`${f.code}\`*: ${escapeMarkdown(truncate(f.message, 500))}`, '');
    if (c.ignored) out.push('*An ignore directive in the draft covers this claim.*', '');
    const sources = claimSources(c);
    if (sources.length === 0) out.push('- No source carries it.');
    for (const s of sources) out.push(sourceLine(s, c.text));
  });
  return out.join('\n') + '\n';
}
