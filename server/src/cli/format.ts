// The CLI's two output formats. Both are a public interface, documented in the README.

import { isoDate } from '../core/facts/dates';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { FactMatch, FactVerdict, Finding, SourceLocation } from '../core/check/findings';
import { valueSaysMore } from '../core/check/findings';
import type { Disagreement } from '../core/check/disagreements';
import type { LineIndex } from '../core/text/lines';
import type { Person, PersonQuote } from '../core/speakers/people';
import type { Position } from '../core/text/lines';
import { truncate } from '../core/report/describe';

/** Longest message in the text output (the editor's diagnostics use the same bound). */
const MESSAGE_MAX = 500;

/** Where a person's quote is, as lines and columns (from 0): the index knows each source's lines. */
export type LocateQuote = (q: PersonQuote) => { start: Position; end: Position };

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
  // Bounded like the editor's diagnostics: wire copy can make a finding quote pages of text.
  return inert(`${file}:${p.line + 1}:${p.character + 1}: ${f.severity} ${f.code}: ${truncate(f.message, MESSAGE_MAX)}`);
}

export function sourcePath(loc: SourceLocation, root: string): string {
  return uriPath(loc.source.uri, root);
}

function uriPath(uri: string, root: string): string {
  try {
    return path.relative(root, fileURLToPath(uri)).split(path.sep).join('/');
  } catch {
    return uri;
  }
}

/** A range as the JSON output gives every range: lines and columns from 1. */
function jsonRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function toJsonFinding(file: string, f: Finding, lines: LineIndex, root: string): unknown {
  const s = lines.positionAt(f.start);
  const e = lines.positionAt(f.end);
  return {
    file,
    ...jsonRange({ start: s, end: e }),
    severity: f.severity,
    code: f.code,
    message: f.message,
    sources: f.related.map((r) => ({
      role: r.message.split(':')[0],
      id: r.location.source.id,
      path: sourcePath(r.location, root),
      ...jsonRange(r.location.range),
      title: r.location.source.meta.title ?? null,
      outlet: r.location.source.meta.outlet ?? null,
      author: r.location.source.meta.author ?? null,
      date: r.location.source.meta.date ?? null,
      url: r.location.source.meta.url ?? null,
    })),
    fix: f.fixes[0] ? { title: f.fixes[0].title, offset: f.fixes[0].start, length: f.fixes[0].end - f.fixes[0].start, text: f.fixes[0].newText } : null,
  };
}

const plural = (n: number, word: string) => `${n} ${n === 1 ? word : word === 'person' ? 'people' : word + 's'}`;

export interface CheckedFile {
  findings: Finding[];
  claims: number;
  /** Verdicts of the quotes. */
  verdicts: string[];
  facts: Array<{ kind: 'figure' | 'date'; verdict: FactVerdict }>;
}

/** The figures-and-dates line printed before the summary, when a draft states any. */
export function summariseFacts(results: CheckedFile[]): string | undefined {
  const facts = results.flatMap((r) => r.facts);
  if (facts.length === 0) return undefined;
  const n = (k: string) => facts.filter((f) => f.kind === k).length;
  const v = (x: FactVerdict) => facts.filter((f) => f.verdict === x).length;
  return (
    `${plural(n('figure'), 'figure')} and ${plural(n('date'), 'date')} checked: ` +
    `${v('verified') + v('rounded')} verified (${v('rounded')} rounded), ${v('mismatch')} mismatched, ${v('disputed')} disputed by the sources, ${v('unsourced')} unsourced`
  );
}

function versionText(v: FactMatch, root: string): string {
  const p = v.location.range.start;
  return `${sourcePath(v.location, root)}:${p.line + 1}:${p.character + 1} “${v.text}”${valueSaysMore(v) ? ` (${v.value})` : ''}`;
}

/** `kind about: path:line:col “text” (value) vs path:line:col “text” (value)`. */
export function formatTextDisagreement(d: Disagreement, root: string): string {
  return `${d.kind}${d.about ? ` ${d.about}` : ''}: ${d.versions.map((v) => versionText(v, root)).join(' vs ')}`;
}

export function toJsonDisagreement(d: Disagreement, root: string): unknown {
  return {
    kind: d.kind,
    about: d.about,
    versions: d.versions.map((v) => ({
      id: v.location.source.id,
      path: sourcePath(v.location, root),
      ...jsonRange(v.location.range),
      text: v.text,
      // Machine output: a full date in ISO (2022-09-26), as in every JSON date field.
      value: (v.date && isoDate(v.date)) ?? v.value,
      sentence: v.sentence,
      resolved: v.how ?? null,
      title: v.location.source.meta.title ?? null,
      outlet: v.location.source.meta.outlet ?? null,
      date: v.location.source.meta.date ?? null,
    })),
  };
}

export function summariseDisagreements(count: number, sources: number): string {
  return `${plural(count, 'disagreement')} among ${plural(sources, 'source')}`;
}

export function summarise(results: CheckedFile[], files: number): string {
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

/**
 * `source-check people`: a block per person, most quoted first.
 *
 *   Kassym-Jomart Tokayev: 5 quotes in 4 sources
 *     spellings: Kassym-Jomart Tokayev, Qasym-Zhomart Toqaev, Tokayev
 *     roles: Kazakh President; President
 *     seeds/000_03b0a985a00a2f0a.txt:23:2: “If the right to self-determination is put into practice…”
 */
export function formatPeople(people: Person[], locate: LocateQuote): string {
  if (people.length === 0) return 'No people found in the sources.\n';
  const blocks = people.map((p) => {
    const lines = [`${p.name}: ${plural(p.quotes.length, 'quote')} in ${plural(p.sources.length, 'source')}`];
    if (p.spellings.length > 1) lines.push(`  spellings: ${p.spellings.join(', ')}`);
    if (p.roles.length > 0) lines.push(`  roles: ${p.roles.join('; ')}`);
    for (const q of p.quotes) lines.push(`  ${q.source}:${locate(q).start.line + 1}:${locate(q).start.character + 1}: “${q.text}”${q.kind === 'block' ? ' (block quote)' : q.kind === 'unmarked' ? ' (printed without quotation marks)' : ''}`);
    return lines.join('\n');
  });
  return blocks.join('\n\n') + `\n\n${plural(people.length, 'person')}, ${plural(people.reduce((n, p) => n + p.quotes.length, 0), 'quote')} attributed\n`;
}

export function toJsonPerson(p: Person, root: string, locate: LocateQuote): unknown {
  return {
    name: p.name,
    spellings: p.spellings,
    roles: p.roles,
    sources: p.sources,
    quoteCount: p.quotes.length,
    quotes: p.quotes.map((q) => {
      const range = locate(q);
      return {
        source: q.source,
        path: uriPath(q.uri, root),
        ...jsonRange(range),
        text: q.text,
        kind: q.kind,
      };
    }),
  };
}
