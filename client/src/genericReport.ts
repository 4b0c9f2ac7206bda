// Markdown for answers whose shape another part of the server defines (disagreements
// between sources, the people quoted): a list of items, each with a heading, its plain
// fields, and its lists of source locations as links. Every value is escaped (it comes
// from source text). No vscode import, so it is tested under node.

import { escapeMarkdown } from '../../server/src/core/report/markdown';
import { truncate } from '../../server/src/core/report/describe';

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
