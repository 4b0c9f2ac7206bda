// The provenance card shown when hovering a claim: the verdict, where the words come
// from (title, outlet, author, date, file and line), the source sentence with the
// matched words marked, and the other sources that carry the quote.

import type { Claim, DateClaim, FactMatch, FigureClaim, QuoteClaim, SourceMatch } from '../check/findings';
import type { SourceLocation } from '../check/findings';
import { escapeMarkdown, markRanges } from './markdown';
import { truncate } from './describe';
import { explainAttribution } from '../speakers/explain';

export const VERDICT: Record<QuoteClaim['verdict'], string> = {
  verified: '✓ Verified quote',
  variant: '✓ Verified quote, spelt differently',
  misquote: '⚠ Misquote',
  unsourced: '⚠ Unsourced quote',
};

function provenance(m: { location: SourceLocation }): string[] {
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

const PRESENTED: Record<string, string> = {
  quote: '',
  block: ' (a block quote)',
  unmarked: ' (the source prints it without quotation marks)',
  indirect: ' (in indirect speech, not quoted)',
};

/** Who said it, by the source and by the draft, and how each attribution was found. */
function speakerLines(claim: QuoteClaim): string[] {
  const lines: string[] = [];
  const s = claim.sourceSpeaker;
  if (s) {
    const where = `\`${s.match.location.source.id.replace(/`/g, "'")}\``;
    const person = s.person && s.person !== s.speaker.name ? ` — known across the sources as ${escapeMarkdown(s.person)}` : '';
    const role = s.speaker.role ? `, ${escapeMarkdown(s.speaker.role)}` : '';
    lines.push(`**Speaker:** ${escapeMarkdown(s.speaker.name)}${role}${PRESENTED[s.match.presentation?.kind ?? 'quote'] ?? ''} — ${escapeMarkdown(explainAttribution(s.speaker))} in ${where}${person}`);
  } else if (claim.best && claim.verdict !== 'unsourced' && claim.best.presentation?.kind === 'narration') {
    lines.push('**Speaker:** none — the source writes these words as its own narration, not as a quotation');
  }
  const d = claim.draftSpeaker;
  if (d) {
    const verdict =
      claim.speakerVerdict === 'different' ? ' — ⚠ not the speaker the sources give' : claim.speakerVerdict === 'institution' ? ' — an institution for its spokesperson' : '';
    lines.push(`**The draft attributes it to:** ${escapeMarkdown(d.how === 'name' ? d.cue.text : d.name)} — ${escapeMarkdown(explainAttribution(d))}${verdict}`);
  }
  return lines;
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
  const speakers = speakerLines(claim);
  if (speakers.length > 0) parts.push(speakers.join('  \n'));
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

/** The hover card of any claim. */
export function claimHover(claim: Claim): string {
  return claim.kind === 'quote' ? quoteHover(claim) : factHover(claim);
}

export const FACT_VERDICT: Record<FigureClaim['verdict'], (what: string) => string> = {
  verified: (w) => `✓ Verified ${w}`,
  rounded: (w) => `✓ Verified ${w}, rounded`,
  mismatch: (w) => `⚠ The sources give another ${w}`,
  disputed: (w) => `ℹ The sources disagree on this ${w}`,
  unsourced: (w) => `ℹ Unsourced ${w}`,
};

function factBlock(m: FactMatch): string {
  const lines = [...provenance(m), '> ' + markRanges(truncate(m.sentence, 600), m.sentence.length > 600 ? [] : m.marks)];
  if (m.how) lines.push(`Resolved: ${escapeMarkdown(m.how)}`);
  return lines.join('  \n');
}

/** Figure and date card: verdict, each source's sentence with the figure or date marked, metadata, how a date was resolved. */
export function factHover(claim: FigureClaim | DateClaim): string {
  const what = claim.kind === 'figure' ? 'figure' : 'date';
  const parts = [`### ${FACT_VERDICT[claim.verdict](what)}: ${escapeMarkdown(claim.text)}`];
  const value = (m: FactMatch) => `“${escapeMarkdown(m.text)}”${m.value !== m.text ? ` (${escapeMarkdown(m.value)})` : ''}${m.about ? ` for ${escapeMarkdown(m.about)}` : ''}`;
  switch (claim.verdict) {
    case 'mismatch':
      parts.push(`The sources give ${value(claim.best!)}.`);
      break;
    case 'disputed':
      parts.push('Each source’s version, side by side:\n' + [claim.best!, ...claim.others, ...claim.conflicting].map((m) => `- \`${m.location.source.id.replace(/`/g, "'")}\`: ${value(m)}`).join('\n'));
      break;
    case 'unsourced':
      parts.push(`No source gives this ${what} for what the sentence is about.${claim.quiet ? ' (Not reported: a narrative number, a heading, a question, or switched off in the settings.)' : ''}`);
      break;
    default:
      break;
  }
  if (claim.note) parts.push(escapeMarkdown(claim.note.charAt(0).toUpperCase() + claim.note.slice(1)) + '.');
  if (claim.kind === 'date' && claim.relative && claim.date.day === undefined) parts.push('A relative date in a draft is compared by its weekday only: the draft has no date of its own.');
  for (const m of [claim.best, ...claim.others, ...claim.conflicting].filter((x): x is FactMatch => !!x)) parts.push(factBlock(m));
  return parts.join('\n\n');
}
