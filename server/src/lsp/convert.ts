// Findings (offsets) to LSP shapes (UTF-16 line/character positions).

import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../core/check/findings';
import { truncate } from '../core/report/describe';

/**
 * Longest diagnostic message, and related-information message: a finding quoting long
 * source passages (wire copy without sentence breaks) must not fill the Problems panel.
 */
export const MESSAGE_MAX = 500;
export const RELATED_MAX = 200;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return {
    range: toRange(doc, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'source-check',
    message: truncate(f.message, MESSAGE_MAX),
    relatedInformation: f.related.slice(0, 10).map((r) => ({ location: { uri: r.location.source.uri, range: r.location.range }, message: truncate(r.message, RELATED_MAX) })),
  };
}
