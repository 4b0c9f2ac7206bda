// Markdown reports the client renders from the server's answers: the disagreements
// between sources (sourceCheck/disagreements), the people of the sources
// (sourceCheck/people), and a generic rendering for answers whose shape the
// client does not know (a newer server's lists). Every value is escaped (it comes from
// source text). No vscode import, so they are tested under node.

import { reporterDate, reporterDates } from '../../server/src/core/text/dateStyle';
import { escapeMarkdown } from '../../server/src/core/report/markdown';
import { truncate } from '../../server/src/core/report/describe';
import type { DisagreementsResult, PeopleResult, Range } from '../../server/src/lsp/protocol';
import { rangeFragment } from './reportHtml';

type Obj = Record<string, unknown>;
const HEADS = ['title', 'about', 'name', 'message', 'summary', 'description', 'text'];
const LABELS = ['title', 'sourceId', 'id', 'name', 'text', 'value', 'uri'];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** One entry of a list inside an item: a source location as a link with what it says, or a plain value. */
function entry(v: unknown): string {
  if (!isObj(v)) return escapeMarkdown(truncate(String(str(v) ?? JSON.stringify(v)), 300));
  const label = LABELS.map((k) => str(v[k])).find(Boolean) ?? JSON.stringify(v).slice(0, 120);
  const range = isObj(v.range) && isObj(v.range.start) && typeof v.range.start.line === 'number' ? v.range.start.line : undefined;
  const uri = str(v.uri);
  const head = uri ? `[${escapeMarkdown(truncate(label, 200))}${range !== undefined ? `, line ${range + 1}` : ''}](<${uri.replace(/[<>\s]/g, encodeURIComponent)}${range !== undefined ? `#L${range + 1}` : ''}>)` : escapeMarkdown(truncate(label, 200));
  const facts = Object.entries(v)
    .filter(([k, x]) => !['uri', 'range', 'sentence'].includes(k) && str(x) !== undefined && str(x) !== label)
    .map(([k, x]) => `${escapeMarkdown(k)}: ${escapeMarkdown(truncate(str(x)!, 200))}`);
  const sentence = str(v.sentence);
  return `${head}${facts.length ? ` — ${facts.join('; ')}` : ''}${sentence ? `\n  > ${escapeMarkdown(truncate(sentence, 400))}` : ''}`;
}

export function genericReport(title: string, answer: unknown): string {
  const items: unknown[] = Array.isArray(answer) ? answer : isObj(answer) ? ((Object.values(answer).find(Array.isArray) as unknown[] | undefined) ?? [answer]) : [];
  const out = [`# ${escapeMarkdown(title)}`, ''];
  if (items.length === 0) out.push('Nothing found.');
  items.forEach((item, i) => {
    const o = isObj(item) ? item : { value: item };
    const headKey = HEADS.find((k) => str(o[k]));
    out.push(`## ${i + 1}. ${escapeMarkdown(truncate(headKey ? str(o[headKey])! : JSON.stringify(item), 200))}`, '');
    for (const [key, value] of Object.entries(o)) {
      if (key === headKey) continue;
      if (str(value) !== undefined) out.push(`- ${escapeMarkdown(key)}: ${escapeMarkdown(truncate(str(value)!, 300))}`);
      else if (Array.isArray(value)) {
        out.push(`- ${escapeMarkdown(key)}:`);
        for (const v of value) out.push(`  - ${entry(v).replace(/\n/g, '\n  ')}`);
      }
    }
    out.push('');
  });
  return out.join('\n') + '\n';
}

/** A link the report panel opens with the passage selected (VS Code's `#L26,5-L26,40`). */
const link = (label: string, uri: string, range?: Range) =>
  `[${escapeMarkdown(label)}](<${uri.replace(/[<>\s]/g, encodeURIComponent)}${range ? rangeFragment(range) : ''}>)`;

/** The people the sources quote, most quoted first, each with spellings, roles, sources and quotations. */
export function peopleReport(result: PeopleResult, maxQuotes = 10): string {
  const out = ['# People in the sources', ''];
  if (result.people.length === 0) out.push('No people found: the sources attribute no quotation to anyone.');
  else out.push(`${result.people.length} ${result.people.length === 1 ? 'person' : 'people'}, most quoted first.`);
  result.people.forEach((p, i) => {
    out.push('', `## ${i + 1}. ${escapeMarkdown(p.name)}`, '');
    if (p.roles.length) out.push(`- Role: ${p.roles.map((r) => escapeMarkdown(r)).join('; ')}`);
    const others = p.spellings.filter((s) => s !== p.name);
    if (others.length) out.push(`- Also spelt: ${others.map((s) => escapeMarkdown(s)).join(', ')}`);
    out.push(`- Named in: ${p.sources.map((s) => `\`${s.replace(/`/g, "'")}\``).join(', ') || 'no source'}`);
    out.push(`- Quotations: ${p.quoteCount}`);
    for (const q of p.quotes.slice(0, maxQuotes)) {
      const how = q.kind === 'block' ? ' (block quote)' : q.kind === 'unmarked' ? ' (printed without quote marks)' : '';
      out.push(`  - “${escapeMarkdown(truncate(q.text, 200))}”${how} — ${link(`${q.source}, line ${q.range.start.line + 1}`, q.uri, q.range)}`);
    }
    if (p.quotes.length > maxQuotes) out.push(`  - … and ${p.quotes.length - maxQuotes} more`);
  });
  return out.join('\n') + '\n';
}

/** The figures and dates the sources disagree on: each version with its source, value and sentence. */
export function disagreementsReport(result: DisagreementsResult): string {
  const out = ['# Disagreements between sources', ''];
  const n = result.disagreements.length;
  out.push(n === 0 ? 'The sources agree: no figure or date is given differently by two of them.' : `${n} figure${n === 1 ? '' : 's'} or date${n === 1 ? '' : 's'} the sources give differently.`);
  result.disagreements.forEach((d, i) => {
    out.push('', `## ${i + 1}. ${d.kind === 'date' ? 'Date' : 'Figure'}: ${escapeMarkdown(d.about)}`, '');
    for (const v of d.versions) {
      const meta = [v.title, v.outlet, v.date ? reporterDate(v.date) : undefined].filter(Boolean).map((x) => escapeMarkdown(truncate(x!, 120))).join(' · ');
      const resolved = v.resolved ? ` (${escapeMarkdown(reporterDates(v.resolved))})` : '';
      out.push(`- **${escapeMarkdown(v.text)}** = ${escapeMarkdown(v.value)}${resolved} — ${link(`${v.sourceId}, line ${v.range.start.line + 1}`, v.uri, v.range)}${meta ? ` — ${meta}` : ''}`);
      out.push(`  > ${escapeMarkdown(truncate(v.sentence, 400))}`);
    }
  });
  return out.join('\n') + '\n';
}
