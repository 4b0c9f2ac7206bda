// When one of the stores could not be searched (the archive was down, or too slow for
// some query), the verdicts reached without it rest on partial data and must say so: a
// quote, figure or date found nowhere is not "unsourced" but unchecked, a verified (or
// rounded) one is verified against the local sources only, and a misquote's or
// mismatch's message says the other store was not consulted. The others stand.

import { Claim, CODES, CheckResult, Finding } from './findings';

/** The result of a check that could not search `missing` (e.g. "the archive") for the claims `reached` says (all by default). */
export function markIncomplete(result: CheckResult, missing: string, reached: (claim: Claim) => boolean = () => true): CheckResult {
  const findings: Finding[] = [];
  const marked = result.claims.filter(reached);
  for (const claim of marked) {
    // What the writer silenced (a directive) or the noise rules keep quiet stays silent.
    if (claim.ignored || (claim.kind !== 'quote' && claim.verdict === 'unsourced' && claim.quiet)) continue;
    const what = claim.kind;
    const own = result.findings.filter((f) => f.start === claim.start && f.end === claim.end);
    const base = { start: claim.start, end: claim.end, code: 'sources-unsearched' as const, severity: CODES['sources-unsearched'] };
    if (claim.verdict === 'unsourced') {
      findings.push({
        ...base,
        message: `Not found in the local sources, and ${missing} could not be searched: this ${what} is unchecked.`,
        related: own.flatMap((f) => f.related),
        fixes: [],
      });
    } else if (claim.verdict === 'verified' || claim.verdict === 'rounded') {
      findings.push({ ...base, message: `Verified against the local sources only: ${missing} could not be searched.`, related: [], fixes: [] });
    } else {
      for (const f of own) findings.push({ ...f, message: `${f.message} Checked against the local sources only: ${missing} could not be searched.` });
    }
  }
  // Findings of the other claims, and those that belong to no claim, pass through unchanged.
  for (const f of result.findings) if (!marked.some((c) => c.start === f.start && c.end === f.end)) findings.push(f);
  findings.sort((a, b) => a.start - b.start);
  return { claims: result.claims, findings };
}
