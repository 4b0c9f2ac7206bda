// Ignore directives, written in HTML comments as prose linters do, so that the editor
// and the CLI (and so CI) agree on what a writer chose to ignore:
//
//   <!-- source-check-disable -->            ignore from here …
//   <!-- source-check-enable -->             … to here (or to the end of the draft)
//   <!-- source-check-disable-next-line -->  ignore claims that start on the next line
//   <!-- source-check-disable-line -->       ignore claims that start on this line
//
// Each may name codes ("<!-- source-check-disable-next-line misquote unsourced-quote -->")
// to ignore only those; without codes it ignores every claim there.

import { LineIndex } from '../text/lines';
import type { CheckResult, Finding } from './findings';

export interface IgnoredRange {
  start: number;
  end: number;
  /** Empty: every code. */
  codes: ReadonlySet<string>;
}

const DIRECTIVE = /<!--\s*source-check-(disable-next-line|disable-line|disable|enable)\b([^]*?)-->/g;

export function ignoredRanges(text: string): IgnoredRange[] {
  const lines = new LineIndex(text);
  const lineSpan = (line: number) => ({
    start: lines.offsetAt({ line, character: 0 }),
    // The end of the line, its line break included, so a claim at its last character counts.
    end: line + 1 < lines.lineCount ? lines.offsetAt({ line: line + 1, character: 0 }) : text.length,
  });
  const out: IgnoredRange[] = [];
  // Open disable regions, by the codes they name ("" for all).
  const open = new Map<string, { start: number; codes: Set<string> }>();
  let m: RegExpExecArray | null;
  DIRECTIVE.lastIndex = 0;
  while ((m = DIRECTIVE.exec(text))) {
    const kind = m[1];
    const codes = new Set(m[2].split(/[\s,]+/).filter(Boolean));
    const key = [...codes].sort().join(' ');
    const at = lines.positionAt(m.index);
    if (kind === 'disable-next-line' || kind === 'disable-line') {
      const line = at.line + (kind === 'disable-next-line' ? 1 : 0);
      if (line < lines.lineCount) out.push({ ...lineSpan(line), codes });
    } else if (kind === 'disable') {
      if (!open.has(key)) open.set(key, { start: m.index + m[0].length, codes });
    } else {
      // An enable without codes closes every open region; with codes, the region naming them.
      for (const [k, r] of [...open]) {
        if (key === '' || k === key) {
          out.push({ start: r.start, end: m.index, codes: r.codes });
          open.delete(k);
        }
      }
    }
  }
  for (const r of open.values()) out.push({ start: r.start, end: text.length, codes: r.codes });
  return out;
}

function covers(r: IgnoredRange, start: number, code?: string): boolean {
  return r.start <= start && start < r.end && (r.codes.size === 0 || (code !== undefined && r.codes.has(code)));
}

/**
 * Drops the findings the draft's directives ignore, and marks the claims they cover:
 * a claim is ignored when a directive without codes covers it, or when every finding
 * it produced is ignored.
 */
export function applyDirectives(text: string, result: CheckResult): CheckResult {
  if (!text.includes('source-check-')) return result;
  const ranges = ignoredRanges(text);
  if (ranges.length === 0) return result;
  const suppressed = (f: Finding) => ranges.some((r) => covers(r, f.start, f.code));
  const findings: Finding[] = [];
  const dropped: Finding[] = [];
  for (const f of result.findings) (suppressed(f) ? dropped : findings).push(f);
  const claims = result.claims.map((c) => {
    const own = result.findings.filter((f) => f.start === c.start && f.end === c.end);
    const ignored = ranges.some((r) => covers(r, c.start)) || (own.length > 0 && own.every((f) => dropped.includes(f)));
    return ignored ? { ...c, ignored: true } : c;
  });
  return { claims, findings };
}

/**
 * The edit that ignores one claim's finding: a disable-next-line directive naming its
 * code on a line of its own above the claim's line when that line starts a paragraph
 * (so the paragraph is not split), else a disable-line directive at the end of the line.
 */
export function ignoreEdit(text: string, claimStart: number, code: string): { start: number; end: number; newText: string } {
  const lines = new LineIndex(text);
  const line = lines.positionAt(claimStart).line;
  const lineStart = lines.offsetAt({ line, character: 0 });
  const lineEnd = lines.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
  const previous = line > 0 ? text.slice(lines.offsetAt({ line: line - 1, character: 0 }), lines.offsetAt({ line: line - 1, character: Number.MAX_SAFE_INTEGER })) : '';
  // Keep a block quote's markers, so the directive stays inside the quote.
  const prefix = /^[ \t]*(?:>[ \t]?)*/.exec(text.slice(lineStart, lineEnd))![0];
  // A directive for other codes already above: add this code to it, rather than push it a line away.
  const above = /<!--\s*source-check-disable-next-line\b[^]*?(\s*)-->\s*$/.exec(previous);
  if (above) {
    const at = lines.offsetAt({ line: line - 1, character: 0 }) + above.index + above[0].lastIndexOf('-->') - above[1].length;
    return { start: at, end: at, newText: ` ${code}` };
  }
  const startsParagraph = line === 0 || /^[ \t>]*$/.test(previous) || /-->\s*$/.test(previous);
  if (startsParagraph) return { start: lineStart, end: lineStart, newText: `${prefix}<!-- source-check-disable-next-line ${code} -->\n` };
  return { start: lineEnd, end: lineEnd, newText: ` <!-- source-check-disable-line ${code} -->` };
}
