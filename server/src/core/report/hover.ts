// The provenance card shown when hovering a claim: the verdict, where the words come
// from (title, outlet, author, date, file and line), the source sentence with the
// matched words marked, and the other sources that carry the quote.
//
// Layout for a card VS Code shows about 250 px high, under the diagnostic's own message:
// the headline says the verdict once (the finding's message is not repeated), the source
// sentence comes right after it (cut around the marked words, so it is visible without
// scrolling), then who published it, then the details (changes, speakers, other sources).

import type { Claim, DateClaim, FactMatch, FigureClaim, QuoteClaim } from '../check/findings';
import type { SourceLocation } from '../check/findings';
import { closeEnough, valueSaysMore } from '../check/findings';
import { escapeMarkdown, markRanges } from './markdown';
import { describeSource, truncate } from './describe';
import { reporterDate, reporterDates } from '../text/dateStyle';
import { explainAttribution } from '../speakers/explain';

export const VERDICT: Record<QuoteClaim['verdict'], string> = {
  verified: '✓ Verified quote',
  variant: '✓ Verified quote, spelt differently',
  misquote: '⚠ Misquote',
  unsourced: '⚠ Unsourced quote',
};

/** Longest source sentence a card shows: about five lines of a hover, around the marked words. */
const SENTENCE_MAX = 320;

/** Who published the passage: title, then outlet · author · date, then file and line. Each part bounded. */
function provenance(m: { location: SourceLocation }): string[] {
  const s = m.location.source;
  const meta = s.meta;
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(truncate(meta.title ?? 'Untitled source', 140))}**`);
  const facts = [
    meta.outlet ? escapeMarkdown(truncate(meta.outlet, 60)) : 'outlet unknown',
    meta.author ? `by ${escapeMarkdown(truncate(meta.author, 60))}` : 'author unknown',
    meta.date ? escapeMarkdown(reporterDate(meta.date)) : 'date unknown',
  ];
  lines.push(`${facts.join(' · ')} — \`${truncate(s.id, 100).replace(/`/g, "'")}\`, line ${m.location.range.start.line + 1}`);
  return lines;
}

/**
 * The part of a sentence around its marked words, at most `max` characters, with the
 * marks moved to match: a long source sentence must not push the words off the card.
 */
export function excerpt(sentence: string, marks: ReadonlyArray<{ start: number; end: number }>, max = SENTENCE_MAX): { text: string; marks: Array<{ start: number; end: number }> } {
  if (sentence.length <= max) return { text: sentence, marks: [...marks] };
  const first = marks[0]?.start ?? 0;
  const last = Math.max(first, marks[marks.length - 1]?.end ?? 0);
  // Centre the marked span; a span longer than the room keeps its start.
  let from = Math.max(0, Math.min(first - Math.max(0, Math.floor((max - (last - first)) / 2)), sentence.length - max));
  if (last - first > max) from = first;
  // Cut at a word boundary.
  if (from > 0) {
    const space = sentence.indexOf(' ', from);
    if (space >= 0 && space < first) from = space + 1;
  }
  const to = Math.min(sentence.length, from + max);
  const head = from > 0 ? '…' : '';
  const text = head + sentence.slice(from, to) + (to < sentence.length ? '…' : '');
  const shift = head.length - from;
  const kept = marks
    .map((m) => ({ start: Math.max(m.start, from) + shift, end: Math.min(m.end, to) + shift }))
    .filter((m) => m.end > m.start);
  return { text, marks: kept };
}

function sentenceBlock(m: { sentence: string; marks: ReadonlyArray<{ start: number; end: number }> }): string {
  const e = excerpt(m.sentence, m.marks);
  return '> ' + markRanges(e.text, e.marks);
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
    const exact = !!claim.withinQuotes?.length;
    parts.push(
      !claim.short
        ? 'No source carries this quote.'
        : exact
          ? 'The sources have these words, but another speaker says them or they stand in another statement: a phrase this short is anyone’s, so no source is claimed.'
          : 'No source carries this phrase word for word.',
    );
    if (m && claim.partial) {
      parts.push('A source quotes part of it word for word, not the whole:', sentenceBlock(m), provenance(m).join('  \n'));
      return parts.join('\n\n');
    }
    // A passage sharing a word or two with the quote is noise, not a lead.
    if (m && !claim.short && closeEnough(m)) {
      parts.push(`Closest passage (${m.matched} of ${m.total} words):`, sentenceBlock(m), provenance(m).join('  \n'));
    }
    return parts.join('\n\n');
  }
  if (!m) return parts.join('\n\n');
  // The source's words first: on a misquote they are what the writer came for.
  parts.push(sentenceBlock(m), provenance(m).join('  \n'));
  // Differences in the source's narration around its quotation are not the source's words (check/quotes.ts).
  const diffs = m.diffs.filter((d) => !m.unquoted?.includes(d));
  const changes = diffs.slice(0, 8).map((d) =>
    d.kind === 'order'
      ? '- the parts around the ellipsis come in another order in the source'
      : d.kind === 'dropped'
      ? `- left out without an ellipsis: “${escapeMarkdown(truncate(d.source, 200))}”`
      : d.kind === 'added'
        ? `- not in the source: “${escapeMarkdown(truncate(d.draft, 200))}”`
        : `- Draft: “${escapeMarkdown(truncate(d.draft, 200))}” · Source: “${escapeMarkdown(truncate(d.source, 200))}”${d.kind === 'spelling' ? ' (spelling)' : ''}`,
  );
  if (diffs.length > 8) changes.push(`- … and ${diffs.length - 8} more changes`);
  if (changes.length > 0) parts.push(changes.join('\n'));
  const speakers = speakerLines(claim);
  if (speakers.length > 0) parts.push(speakers.join('  \n'));
  if (claim.others.length > 0) {
    const others = claim.others.slice(0, 5).map((o) => {
      const same = o.diffs.length === 0;
      const name = describeSource(o.location.source);
      const file = `\`${truncate(o.location.source.id, 100).replace(/`/g, "'")}\``;
      const where = name === o.location.source.id ? file : `${escapeMarkdown(truncate(name, 120))} — ${file}`;
      return `- ${where}, line ${o.location.range.start.line + 1}: ${
        same ? 'same wording' : `wording: “${escapeMarkdown(truncate(o.wording, 200))}”`
      }`;
    });
    if (claim.others.length > 5) others.push(`- … and ${claim.others.length - 5} more sources`);
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

/** The most source blocks a fact card shows; the rest are counted. */
const FACT_BLOCKS = 4;

function factBlock(m: FactMatch): string {
  const lines = [sentenceBlock(m), ...provenance(m)];
  // reporterDates: an index cache or archive written before may hold ISO dates in it.
  if (m.how) lines.push(`Resolved: ${escapeMarkdown(truncate(reporterDates(m.how), 200))}`);
  return lines.join('  \n');
}

const uniq = (xs: string[]) => [...new Set(xs)];

/**
 * The headline of a fact card. A mismatch puts the draft's value and the sources' side by
 * side ("Draft: June · Sources: 23 September"), so neither is read as the other.
 */
function factHeadline(claim: FigureClaim | DateClaim, what: string): string {
  const draft = `“${escapeMarkdown(truncate(claim.text, 80))}”`;
  const said = (ms: FactMatch[]) => uniq(ms.map((m) => `“${escapeMarkdown(truncate(m.text, 80))}”`)).slice(0, 3).join(', ');
  switch (claim.verdict) {
    case 'mismatch':
      return `⚠ Draft: ${draft} · Sources: ${said([claim.best!, ...claim.others, ...claim.conflicting])}`;
    case 'disputed':
      return `ℹ Sources disagree: ${said([claim.best!, ...claim.others, ...claim.conflicting])} · Draft: ${draft}`;
    default:
      return `${FACT_VERDICT[claim.verdict](what)}: ${escapeMarkdown(truncate(claim.text, 80))}`;
  }
}

/** Figure and date card: verdict, each source's sentence with the figure or date marked, metadata, how a date was resolved. */
export function factHover(claim: FigureClaim | DateClaim): string {
  const what = claim.kind === 'figure' ? 'figure' : 'date';
  const parts = [`### ${factHeadline(claim, what)}`];
  const value = (m: FactMatch) => `“${escapeMarkdown(truncate(m.text, 80))}”${valueSaysMore(m) ? ` (${escapeMarkdown(truncate(m.value, 80))})` : ''}${m.about ? ` for ${escapeMarkdown(truncate(m.about, 80))}` : ''}`;
  switch (claim.verdict) {
    case 'disputed':
      parts.push('Each source’s version:\n' + [claim.best!, ...claim.others, ...claim.conflicting].slice(0, 6).map((m) => `- ${escapeMarkdown(describeSource(m.location.source))}: ${value(m)}`).join('\n'));
      break;
    case 'unsourced':
      if (claim.unsure) {
        parts.push(`A source the draft cites nowhere else gives ${value(claim.unsure)}: in an archive that is more often another occasion (another day, company or report) than a slip. Check it before changing anything.`);
        break;
      }
      parts.push(`${claim.best ? `No source clearly gives this ${what} for what the sentence is about: the passage below gives it, perhaps for something else.` : `No source gives this ${what} for what the sentence is about.`}${claim.quiet ? ' (Not reported: a narrative number, a heading, a question, or switched off in the settings.)' : ''}`);
      break;
    default:
      break;
  }
  if (claim.note) parts.push(escapeMarkdown(truncate(claim.note.charAt(0).toUpperCase() + claim.note.slice(1), 300)) + '.');
  if (claim.kind === 'date' && claim.relative && claim.date.day === undefined) parts.push('A relative date in a draft is compared by its weekday only: the draft has no date of its own.');
  const matches = [claim.best, claim.unsure, ...claim.others, ...claim.conflicting].filter((x): x is FactMatch => !!x);
  for (const m of matches.slice(0, FACT_BLOCKS)) parts.push(factBlock(m));
  if (matches.length > FACT_BLOCKS) parts.push(`… and ${matches.length - FACT_BLOCKS} more sources.`);
  return parts.join('\n\n');
}
