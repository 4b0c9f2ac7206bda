// The CLI's two output formats. Both are a public interface, documented in the README.

import * as path from 'path';
import { fileURLToPath } from 'url';
import type { Finding, SourceLocation } from '../core/check/findings';
import type { LineIndex } from '../core/text/lines';

/** Control characters (C0 but tab, DEL, C1) and bidirectional overrides and isolates. */
const UNSAFE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const escapeCode = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/**
 * Text from sources and file names, made safe for a terminal: a source can hold escape
 * sequences (clear the screen, forge a hyperlink) or direction overrides that make a
 * line read differently from what it says. They are shown as \uXXXX.
 */
export function inert(text: string): string {
  return text.replace(UNSAFE, escapeCode);
}

/** JSON with the same characters written as \uXXXX escapes: the same value, safe to print. */
export function inertJson(value: unknown): string {
  // JSON.stringify already escapes C0 characters inside strings.
  return JSON.stringify(value, null, 2).replace(/[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, escapeCode);
}

/** `path:line:col: severity code: message`, lines and columns from 1. */
export function formatTextFinding(file: string, f: Finding, lines: LineIndex): string {
  const p = lines.positionAt(f.start);
  return inert(`${file}:${p.line + 1}:${p.character + 1}: ${f.severity} ${f.code}: ${f.message}`);
}

function sourcePath(loc: SourceLocation, root: string): string {
  try {
    return path.relative(root, fileURLToPath(loc.source.uri)).split(path.sep).join('/');
  } catch {
    return loc.source.uri;
  }
}

export function toJsonFinding(file: string, f: Finding, lines: LineIndex, root: string): unknown {
  const s = lines.positionAt(f.start);
  const e = lines.positionAt(f.end);
  return {
    file,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    severity: f.severity,
    code: f.code,
    message: f.message,
    sources: f.related.map((r) => ({
      role: r.message.split(':')[0],
      id: r.location.source.id,
      path: sourcePath(r.location, root),
      line: r.location.range.start.line + 1,
      column: r.location.range.start.character + 1,
      endLine: r.location.range.end.line + 1,
      endColumn: r.location.range.end.character + 1,
      title: r.location.source.meta.title ?? null,
      outlet: r.location.source.meta.outlet ?? null,
      author: r.location.source.meta.author ?? null,
      date: r.location.source.meta.date ?? null,
      url: r.location.source.meta.url ?? null,
    })),
    fix: f.fixes[0] ? { title: f.fixes[0].title, offset: f.fixes[0].start, length: f.fixes[0].end - f.fixes[0].start, text: f.fixes[0].newText } : null,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summarise(results: Array<{ findings: Finding[]; claims: number; verdicts: string[] }>, files: number): string {
  const verdicts = results.flatMap((r) => r.verdicts);
  const count = (v: string) => verdicts.filter((x) => x === v).length;
  const findings = results.flatMap((r) => r.findings);
  const warnings = findings.filter((f) => f.severity === 'warning' || f.severity === 'error').length;
  const info = findings.length - warnings;
  return (
    `${plural(verdicts.length, 'quote')} checked in ${plural(files, 'file')}: ` +
    `${count('verified') + count('variant')} verified, ${count('misquote')} misquoted, ${count('unsourced')} unsourced` +
    // Claims an ignore directive covers: counted, never reported.
    `${count('ignored') > 0 ? `, ${count('ignored')} ignored` : ''}; ` +
    `${plural(warnings, 'warning')}, ${info} information`
  );
}
