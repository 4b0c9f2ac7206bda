// Checks a whole draft: finds its quotations (outside code and comments), checks each
// against the store, and turns the verdicts into findings with stable codes, messages
// that name the differing words, related source locations and quick fixes.

import { frontMatterRange, maskMarkdown, maskPlaintext } from '../text/markup';
import { extractMetadata } from '../source/metadata';
import { findQuotes } from '../text/quotes';
import type { SourceStore } from '../match/store';
import { checkQuote } from './quotes';
import { checkFacts, commonNames, DEFAULT_FACT_OPTIONS, FactOptions } from './facts';
import { withinDrawnOn } from './drawnOn';
import { factFindings } from './factFindings';
import type { FactCache, QuoteCache } from './cache';
import { CODES, CheckResult, Claim, Finding, QuoteClaim, SourceMatch, WordDiff, closeEnough } from './findings';
import { describeSource } from '../report/describe';
import { applyDirectives } from './directives';
import { splitSentences } from '../text/sentences';
import { attributeQuotes } from '../speakers/attribute';
import { checkSpeaker, shortPhraseSource, misquoteStands } from '../speakers/check';
import type { Person } from '../speakers/people';

export type DraftFormat = 'markdown' | 'text';

export interface Draft {
  text: string;
  format: DraftFormat;
  /** The draft's date (ISO), when the caller knows it; otherwise its front matter's `date`, if any. */
  date?: string;
}

/** A draft's date from its front matter (`date: 2022-09-30`); a draft's body never dates it. */
function draftDate(text: string): string | undefined {
  if (!frontMatterRange(text)) return undefined;
  const meta = extractMetadata(text, 'draft');
  return meta.how.date === 'front matter' ? meta.date : undefined;
}

export function draftProse(draft: Draft): string {
  return draft.format === 'markdown' ? maskMarkdown(draft.text) : maskPlaintext(draft.text);
}

export interface CheckOptions extends Partial<FactOptions> {
  /** Checked between claims: a check whose document has moved on stops early. */
  isCancelled?: () => boolean;
  /** Verdicts of unchanged quotes from earlier checks of the same document. */
  cache?: QuoteCache;
  /** Figure and date claims of unchanged sentences from earlier checks of the same document. */
  factCache?: FactCache;
}

/** Quotes checked at once: the archive's pool holds four connections. */
const CONCURRENT_QUOTES = 4;

/**
 * f over the items, at most `limit` running at once (the item `limit` places on starts when
 * this one is done), each one's answer in order. A failure is thrown where its answer is read.
 */
function inTurn<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Array<Promise<R>> {
  const out: Array<Promise<R>> = [];
  for (let i = 0; i < items.length; i++) {
    const turn = i < limit ? Promise.resolve() : out[i - limit].then(() => undefined, () => undefined);
    const answer = turn.then(() => f(items[i]));
    answer.catch(() => undefined); // not left unhandled when the reader stops early
    out.push(answer);
  }
  return out;
}

/** The largest corpus whose people a check consults (see lookupPeople in checkDraft). */
export const PEOPLE_CORPUS_LIMIT = 5_000;

export async function checkDraft(draft: Draft, store: SourceStore, options: CheckOptions = {}): Promise<CheckResult> {
  const prose = draftProse(draft);
  const quotes = findQuotes(prose);
  // Who the draft says said each quote, found with the same patterns as in the sources.
  const sentences = splitSentences(prose);
  const drafted = attributeQuotes(prose, sentences, quotes).quotations;
  let people: Promise<readonly Person[]> | undefined;
  // The corpus's people (who is who across spellings) mean attributing every source's quotes:
  // seconds at a few thousand sources, minutes and gigabytes at 100,000. Beyond
  // PEOPLE_CORPUS_LIMIT sources a check compares speakers by their names' spellings only.
  const lookupPeople = () => (people ??= store.size <= PEOPLE_CORPUS_LIMIT ? (store.people?.() ?? Promise.resolve([])) : Promise.resolve([]));
  const claims: Claim[] = [];
  const findings: Finding[] = [];
  // Quotes are checked a few at once (an archive answers on several connections) and read in the draft's order.
  const verdicts = inTurn(quotes, CONCURRENT_QUOTES, async (q) => {
    if (options.isCancelled?.()) return undefined;
    const words = prose.slice(q.start, q.end);
    let claim = options.cache?.get(store.generation, words, q.start);
    if (claim === undefined) {
      claim = (await checkQuote(prose, q.start, q.end, store)) ?? null;
      // A verdict on part of the sources is checked again next time.
      if (!claim?.incomplete) options.cache?.set(store.generation, words, claim);
    }
    return claim;
  });
  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i];
    let claim = await verdicts[i];
    if (claim === undefined) break; // cancelled
    if (!claim) continue;
    // The speakers depend on the draft around the quote, not only on its words: never on the cached object.
    claim = { ...claim };
    const attributed = drafted.find((d) => d.start === q.start && d.kind === 'quote');
    // A short phrase is the same statement as a source's only on the speaker's or the sentence's evidence.
    if (claim.short && (claim.verdict === 'verified' || claim.verdict === 'variant' || claim.withinQuotes)) {
      const sentence = sentences.find((x) => x.start <= q.start && q.start < x.end);
      const stands = await shortPhraseSource(claim, attributed, lookupPeople, sentence ? prose.slice(sentence.start, sentence.end) : '', (names) => commonNames(store, names));
      if (stands) claim = { ...claim, verdict: claim.verdict === 'unsourced' ? 'verified' : claim.verdict, best: stands, others: [] };
      else if (claim.verdict !== 'unsourced') claim = { ...claim, verdict: 'unsourced', withinQuotes: [claim.best!, ...claim.others] };
    }
    // A misquote is the same statement worded otherwise, not someone else's words that share some.
    if (claim.verdict === 'misquote' && !(await misquoteStands(claim, attributed, lookupPeople))) claim = { ...claim, verdict: 'unsourced', others: [] };
    claims.push(claim);
    const quoteFindings = [...findingsFor(claim, draft.text), ...(await checkSpeaker(claim, attributed, lookupPeople, draft.text))];
    findings.push(...(q.uncertain ? quoteFindings.map(guarded) : quoteFindings));
  }
  // Speakers compared without part of the corpus's people: every quote's may be off.
  if (people && store.partial?.(await people)) for (const c of claims) c.incomplete = true;
  // A figure or date inside a quotation is checked as part of the quote.
  const factOptions: FactOptions = {
    unsourcedFigures: options.unsourcedFigures ?? DEFAULT_FACT_OPTIONS.unsourcedFigures,
    unsourcedDates: options.unsourcedDates ?? DEFAULT_FACT_OPTIONS.unsourcedDates,
    draftDate: draft.date ?? draftDate(draft.text),
  };
  // Citations are not claims: footnote definitions ("[^000]: Title. outlet, 2022-06-18.") and bracketed references.
  const citations = [...prose.matchAll(/^\[\^[^\]\n]+\]:.*$|\[[^\]\n]*\]/gm)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const skip = [...quotes.map((q) => ({ start: q.outerStart, end: q.outerEnd })), ...citations];
  const facts = await checkFacts(prose, splitSentences(prose), skip, store, factOptions, options.isCancelled, options.factCache);
  // In an archive, a contradiction comes only from a source the draft draws on (drawnOn.ts).
  for (const f of withinDrawnOn(facts, [...claims, ...facts], store.size, factOptions)) {
    claims.push(f);
    findings.push(...findingsFor(f, draft.text));
  }
  claims.sort((a, b) => a.start - b.start);
  findings.sort((a, b) => a.start - b.start);
  // Ignore directives live in comments, which the prose masks; code still hides them.
  const withComments = draft.format === 'markdown' ? maskMarkdown(draft.text, { keepComments: true }) : draft.text;
  return applyDirectives(withComments, { claims, findings });
}

/**
 * A finding on a quote whose end is a guess (an unclosed or unbalanced mark, text/quotes.ts):
 * a warning is only information, and no fix rewrites words whose extent is not known. The
 * ceiling keeps it so: a severity setting ("misquote": "error") applied later cannot raise it.
 */
function guarded(f: Finding): Finding {
  return {
    ...f,
    severity: f.severity === 'warning' || f.severity === 'error' ? 'information' : f.severity,
    ceiling: 'information',
    message: `${f.message} (No closing mark: where it ends is a guess.)`,
    fixes: [],
  };
}

const quoted = (s: string) => `“${s}”`;

/** What a writer can do about a quote from their own interview (sourceCheck.notes, default notes/). */
export const OWN_REPORTING = 'Heard it yourself? Add your notes to notes/ (sourceCheck.notes).';

function describeDiff(d: WordDiff): string {
  switch (d.kind) {
    case 'changed':
      return `${quoted(d.draft)} where the source has ${quoted(d.source)}`;
    case 'added':
      return `${quoted(d.draft)} is not in the source`;
    case 'dropped':
      return `${quoted(d.source)} is left out without an ellipsis`;
    case 'spelling':
      return `${quoted(d.draft)} is spelt ${quoted(d.source)} in the source`;
    case 'order':
      return `the parts around the ellipsis come in another order in the source: ${quoted(d.source)}`;
  }
}

function relatedFor(m: SourceMatch, what: string): Finding['related'][number] {
  return { location: m.location, message: `${what}: ${describeSource(m.location.source)}` };
}

export function findingsFor(claim: Claim, draftText: string): Finding[] {
  return claim.kind === 'quote' ? quoteFindings(claim, draftText) : factFindings(claim);
}

function quoteFindings(claim: QuoteClaim, draftText: string): Finding[] {
  const base = { start: claim.start, end: claim.end };
  const best = claim.best;
  const others = claim.others.map((m) => relatedFor(m, 'Also in'));
  const fixTo = (m: SourceMatch, title: string) =>
    m.wording && m.wording !== draftText.slice(claim.start, claim.end) ? [{ title, start: claim.start, end: claim.end, newText: m.wording }] : [];

  switch (claim.verdict) {
    case 'verified':
      return [];
    case 'variant': {
      const spellings = best!.diffs.map(describeDiff).join('; ');
      return [
        {
          ...base,
          code: 'quote-variant',
          severity: CODES['quote-variant'],
          message: `Quote matches the source except for spelling: ${spellings}. Source: ${describeSource(best!.location.source)}.`,
          related: [relatedFor(best!, 'Source'), ...others],
          fixes: fixTo(best!, "Use the source's spelling"),
        },
      ];
    }
    case 'misquote': {
      // Differences in the source's narration around its quotation are not the source's words: never
      // named, and never written into the quote by a fix.
      const unquoted = best!.unquoted ?? [];
      const real = best!.diffs.filter((d) => d.kind !== 'spelling' && !unquoted.includes(d));
      return [
        {
          ...base,
          code: 'misquote',
          severity: CODES.misquote,
          message: `Misquote: ${real.map(describeDiff).join('; ')}. Source: ${describeSource(best!.location.source)}.`,
          related: [relatedFor(best!, 'Source passage'), ...others],
          fixes: unquoted.length > 0 ? [] : fixTo(best!, "Replace with the source's wording"),
        },
      ];
    }
    case 'unsourced': {
      // The close source writes the words as narration: quote-is-narration (speakers/check.ts) says so alone.
      if (claim.narration) return [];
      if (claim.short) {
        return [
          {
            ...base,
            code: 'unsourced-phrase',
            severity: CODES['unsourced-phrase'],
            // Found word for word, but by another speaker, inside another statement or on no evidence of the same matter: said, with no provenance claimed.
            message:
              claim.withinQuotes?.length
                ? `The sources quote ${quoted(claim.text)} (${describeSource(claim.withinQuotes[0].location.source)}), but nothing ties them to this statement (the same speaker, or the same matter): no source is claimed.`
                : `No source quotes the phrase ${quoted(claim.text)} word for word.`,
            related: [],
            fixes: [],
          },
        ];
      }
      // What is wrong first, one line a writer can act on; a closest passage only where it is close (the hover's rule).
      const lead = !!best && (claim.partial || closeEnough(best));
      const closest = !best || !lead
        ? ''
        : claim.partial
          ? ` ${describeSource(best.location.source)} quotes part of it.`
          : ` Closest: ${describeSource(best.location.source)}, ${best.matched} of ${best.total} words.`;
      return [
        {
          ...base,
          code: 'unsourced-quote',
          severity: CODES['unsourced-quote'],
          message: `No source carries this quote.${closest} ${OWN_REPORTING}`,
          related: best && lead ? [relatedFor(best, 'Closest passage')] : [],
          fixes: [],
        },
      ];
    }
  }
}
