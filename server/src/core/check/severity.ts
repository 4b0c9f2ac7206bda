// Severity overrides from the settings (`sourceCheck.severity`): a code may be raised,
// lowered or turned off. Unknown codes and levels are ignored, so a typo in the
// settings never hides findings.

import type { Finding, Severity } from './findings';

export type SeverityLevel = Severity | 'off';
export type SeverityOverrides = Readonly<Record<string, SeverityLevel>>;

const LEVELS = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

/** Keeps the valid entries of a settings object; names the invalid ones in `problems`. */
export function parseSeverityOverrides(value: unknown, problems: string[] = []): SeverityOverrides {
  const out: Record<string, SeverityLevel> = {};
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('sourceCheck.severity must be an object mapping a code to error, warning, information, hint or off');
    return out;
  }
  for (const [code, level] of Object.entries(value)) {
    if (typeof level === 'string' && LEVELS.has(level)) out[code] = level as SeverityLevel;
    else problems.push(`sourceCheck.severity: "${code}": ${JSON.stringify(level)} is not one of error, warning, information, hint, off`);
  }
  return out;
}

/** From the most severe to the least. */
const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, information: 1, hint: 0 };

/**
 * The findings at the severities the settings give their codes. A finding with a `ceiling` (a quote
 * whose end is a guess) is never raised above it: "misquote": "error" makes a sure misquote an error,
 * but a misquote on a quote with a missing closing mark stays information; "hint" or "off" still apply.
 */
export function applySeverity(findings: readonly Finding[], overrides: SeverityOverrides): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const level = overrides[f.code];
    if (level === 'off') continue;
    if (!level) {
      out.push(f);
      continue;
    }
    const capped = f.ceiling && RANK[level] > RANK[f.ceiling] ? f.ceiling : level;
    out.push({ ...f, severity: capped });
  }
  return out;
}
