// The provenance card shown when hovering a claim: the verdict, where the words come
// from (title, outlet, author, date, file and line), the source sentence with the
// matched words marked, and the other sources that carry the quote.

import type { QuoteClaim, SourceMatch } from '../check/findings';
import { escapeMarkdown, markRanges } from './markdown';
import { truncate } from './describe';

export const VERDICT: Record<QuoteClaim['verdict'], string> = {
  verified: '✓ Verified quote',
  variant: '✓ Verified quote, spelt differently',
  misquote: '⚠ Misquote',
  unsourced: '⚠ Unsourced quote',
};

function provenance(m: SourceMatch): string[] {
  const s = m.location.source;
  const meta = s.meta;
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(meta.title ?? 'Untitled source')}**`);
  const facts = [
    meta.outlet ? escapeMarkdown(meta.outlet) : 'outlet unknown',
    meta.author ? `by ${escapeMarkdown(meta.author)}` : 'author unknown',
    meta.date ? escapeMarkdown(meta.date) : 'date unknown',
  ];
  lines.push(facts.join(' · '));
  lines.push(`\`${s.id.replace(/`/g, "'")}\`, line ${m.location.range.start.line + 1}`);
  return lines;
}

function quoteBlock(m: SourceMatch): string {
  return '> ' + markRanges(truncate(m.sentence, 600), m.marks);
}

export function quoteHover(claim: QuoteClaim): string {
  const parts: string[] = [];
  const short = claim.short && claim.verdict === 'unsourced' ? 'Unsourced phrase' : VERDICT[claim.verdict].replace(/^⚠ /, '');
  parts.push(`### ${claim.verdict === 'verified' || claim.verdict === 'variant' ? VERDICT[claim.verdict] : '⚠ ' + short}`);
  const m = claim.best;
  if (claim.verdict === 'unsourced') {
    parts.push(claim.short ? 'No source carries this phrase word for word.' : 'No source carries this quote.');
    if (m && m.matched > 0 && !claim.short) {
      parts.push(`Closest passage (${m.matched} of ${m.total} words):`, provenance(m).join('  \n'), quoteBlock(m));
    }
    return parts.join('\n\n');
  }
  if (!m) return parts.join('\n\n');
  const changes = m.diffs.map((d) =>
    d.kind === 'order'
      ? '- the parts around the ellipsis come in another order in the source'
      : d.kind === 'dropped'
      ? `- left out without an ellipsis: “${escapeMarkdown(d.source)}”`
      : d.kind === 'added'
        ? `- not in the source: “${escapeMarkdown(d.draft)}”`
        : `- “${escapeMarkdown(d.draft)}” → source: “${escapeMarkdown(d.source)}”${d.kind === 'spelling' ? ' (spelling)' : ''}`,
  );
  if (changes.length > 0) parts.push(changes.join('\n'));
  parts.push(provenance(m).join('  \n'), quoteBlock(m));
  if (claim.others.length > 0) {
    const others = claim.others.map((o) => {
      const same = o.diffs.length === 0;
      const meta = [o.location.source.meta.outlet, o.location.source.meta.date].filter(Boolean).map((x) => escapeMarkdown(x!)).join(', ');
      return `- \`${o.location.source.id.replace(/`/g, "'")}\`${meta ? ` (${meta})` : ''}, line ${o.location.range.start.line + 1}: ${
        same ? 'same wording' : `wording: “${escapeMarkdown(truncate(o.wording, 300))}”`
      }`;
    });
    parts.push('Also carried by:\n' + others.join('\n'));
  }
  return parts.join('\n\n');
}
