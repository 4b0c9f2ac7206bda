// Who said each quotation in a text (a source or a draft). The quotations are the
// marked ones (findQuotes), with an unclosed quote cut at its attribution or line end
// (seed 003: `"Kazakhstan doesnt recognize …, Tokayev said.`), plus block quotes that
// follow a lead-in such as "He stated," with no opening mark (seed 001). Reported
// speech without marks is kept too (", Tokayev said." after a paragraph; "Tokayev
// stated that …"), so that a draft quoting it can be told the source does not.
//
// A quotation's speaker comes, in order of strength, from the words right after it
// (“…,” he said / said Tokayev / according to …), from a speech verb before it in its
// sentence or a lead-in ending in a colon (Smadiyarov said … “…”), or from the quote
// before it in the same paragraph (“…,” he said. “…”). The speaker words are then
// resolved through the article's people (mentions.ts).

import { findQuotes, QuoteSpan } from '../text/quotes';
import { firstStartingAt, spanAt, type Span } from '../text/sentences';
import { normaliseWord, STOPWORDS, tokenize, Token } from '../text/tokens';
import { AFTER_ONLY, PREPOSITIONS, ROLE_NOUNS, SPEECH_VERBS, VERB_FILLERS } from './lexicon';
import { ArticlePeople, Entity, findPeople, Mention } from './mentions';

export type QuotationKind = 'quote' | 'block' | 'unmarked' | 'indirect';

export type AttributionHow = 'name' | 'pronoun' | 'nominal' | 'institution' | 'continuation' | 'unresolved';

export interface Speaker {
  /** The resolved name ("Aibek Smadiyarov"), or the words of the attribution when they name no one ("the official"). */
  name: string;
  kind: 'person' | 'institution' | 'unknown';
  role?: string;
  /** Every spelling of this speaker in the text. */
  spellings: string[];
  /** The words that point at the speaker in the attribution: "he", "Tokayev", "the Kazakh leader". */
  cue: { start: number; end: number; text: string };
  /** The attribution as written, cue and verb: "he said", "said Tokayev", "According to Aibek Smadiyarov". */
  attribution: string;
  /** The whole phrase of the cue, a title before the name included ("Foreign Ministry spokesperson Aibek Smadiyarov"). */
  phrase: { start: number; end: number };
  /** Where the name is written when the cue is not the name itself (a pronoun's antecedent). */
  named?: { start: number; end: number; text: string };
  how: AttributionHow;
  /** The entity of the text (TextAttributions.entities) it resolved to. */
  entity?: number;
  /** Sentences between the cue and where the name is written (0: the same sentence). */
  sentencesBack: number;
  /** A pronoun or title that reached its name past another person named in between: a guess, not sure. */
  contested?: true;
  /** The speaker's sex, where a title ("Ms Jowell") or the pronoun of the attribution ("he said") tells it. */
  sex?: 'm' | 'f';
}

export interface Quotation {
  /** The quoted (or reported) words. */
  start: number;
  end: number;
  kind: QuotationKind;
  /** Its first words, for the people list (which must not need the source's text); only for quotations with a speaker. */
  preview?: string;
  speaker?: Speaker;
}

/**
 * What a text's attributions leave for later: its quotations with their speakers, and
 * the people and institutions it names (the mentions are dropped once used: a source
 * keeps this for as long as it is indexed, and an index snapshot stores it).
 */
export interface TextAttributions {
  quotations: Quotation[];
  /** By id (Speaker.entity); null where an entity was not kept (a place, an institution nobody quotes). */
  entities: Array<Entity | null>;
}

const OPEN_MARKS = /["\u201C\u201E\u00AB\u2018\u2039']/;
const ANY_MARK = /["\u201C\u201D\u201E\u00AB\u00BB\u2018\u2019\u2039\u203A]/;
const CITATION_AFTER = /^\[(?:\^[^\]\s]{1,50}|\d{1,3})\]/;
const FOOTNOTE = /\s*\[(?:[ivxlc]+|\d+)\]\s*$/i;

/** Finds the quotations of a text and their speakers. `quotes` defaults to findQuotes(prose). */
export function attributeQuotes(prose: string, sentences: readonly Span[], quotes: readonly QuoteSpan[] = findQuotes(prose)): TextAttributions {
  const marked = quotes.map((q) => cutUnclosed(prose, q)).filter((q): q is QuoteSpan => q !== undefined && !/^\s*\[[^\]]*\]\s*$/.test(prose.slice(q.start, q.end)));
  const inside = (q: QuoteSpan, b: { q: QuoteSpan }) => b.q.outerStart <= q.start && q.end <= b.q.outerEnd + 2;
  // A "> " block holding marked quotations is the writer's layout (a pull quote, a quoted passage with its
  // "Tokayev said"): its marks say whose words are whose.
  const blocks = [...findBlockQuotes(prose), ...findMarkdownBlockQuotes(prose).filter((b) => !marked.some((q) => inside(q, b)))];
  const all: Array<{ q: QuoteSpan; kind: QuotationKind }> = [
    ...marked.filter((q) => !blocks.some((b) => inside(q, b))).map((q) => ({ q, kind: 'quote' as QuotationKind })),
    ...blocks,
  ].sort((a, b) => a.q.start - b.q.start);
  const spans = all.map(({ q }) => ({ start: q.outerStart, end: q.outerEnd }));
  const insideQuote = insideAny(spans);
  const overlapsQuote = overlapsAny(spans);
  const people = findPeople(prose, sentences, { insideQuote });
  const startingAt = new Map<number, Mention>();
  const order = new Map<Mention, number>();
  people.mentions.forEach((m, k) => {
    order.set(m, k);
    if (!startingAt.has(m.phraseStart)) startingAt.set(m.phraseStart, m);
    if (!startingAt.has(m.start)) startingAt.set(m.start, m);
  });
  const ctx: Ctx = { prose, sentences, people, all, startingAt, order, overlapsQuote };

  const quotations: Quotation[] = [];
  const leads = new Map(blocks.map((b) => [b.q, b.lead]));
  all.forEach(({ q, kind }, i) => {
    const before = () => attributionBefore(ctx, q, all[i - 1]?.q);
    // Tokayev said “…” The minister said “…”: a quote that closes its sentence is the words of the
    // attribution before it, when it has one; the next sentence's subject introduces what follows.
    let speaker =
      kind === 'block'
        ? leadInSpeaker(ctx, leads.get(q)!)
        : closesSentence(prose, q)
          ? (before() ?? attributionAfter(ctx, q, true) ?? attributionAfter(ctx, q, false))
          : (attributionAfter(ctx, q, true) ?? before() ?? attributionAfter(ctx, q, false));
    if (!speaker) {
      // “…,” he said. “…”: a quote with no attribution of its own continues the one before it in the paragraph.
      const prev = quotations[quotations.length - 1];
      if (prev?.speaker && sameParagraph(prose, prev.end, q.start) && !namesBetween(ctx, prev.end, q.start)) {
        speaker = { ...prev.speaker, how: 'continuation' };
      }
    }
    // "the votes were as follows:" introduces no one's words; a "> " block quote is quoted words even without a speaker.
    if (kind === 'block' && !speaker && q.open !== '>') return;
    quotations.push({ start: q.start, end: q.end, kind, speaker, preview: speaker ? preview(prose, q.start, q.end) : undefined });
  });
  quotations.push(...reportedSpeech(ctx));
  quotations.sort((a, b) => a.start - b.start);
  // Kept for as long as the source is indexed: only the people the text shows to be people, and the speakers.
  const speaking = new Set(quotations.map((q) => q.speaker?.entity));
  const entities = people.entities.map((e) => ((e.kind === 'person' && e.strong && e.spellings.length > 0) || speaking.has(e.id) ? e : null));
  return { quotations, entities };
}

const PREVIEW = 80;

function preview(prose: string, start: number, end: number): string {
  const text = prose.slice(start, Math.min(end, start + PREVIEW * 2)).replace(/\s+/g, ' ');
  return end - start > PREVIEW || text.length > PREVIEW ? text.slice(0, PREVIEW - 1).trimEnd() + '…' : text;
}

/** An overlap test for spans against any of the spans (merged, binary search). */
function overlapsAny(spans: Span[]): (start: number, end: number) => boolean {
  const starts = spans.map((s) => s.start).sort((a, b) => a - b);
  const inside = insideAny(spans);
  return (start, end) => {
    if (inside(start)) return true;
    // A quotation starting inside [start, end)?
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && starts[lo] < end;
  };
}

/** A membership test for offsets in any of the spans, by binary search over their merged union. */
function insideAny(spans: Span[]): (offset: number) => boolean {
  const merged: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return (o) => {
    let lo = 0;
    let hi = merged.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (o < merged[mid].start) hi = mid - 1;
      else if (o >= merged[mid].end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

interface Ctx {
  prose: string;
  sentences: readonly Span[];
  people: ArticlePeople;
  all: Array<{ q: QuoteSpan; kind: QuotationKind }>;
  /** Mentions by the offset their phrase or their words start at. */
  startingAt: Map<number, Mention>;
  /** Each mention's place in people.mentions (sorted by start). */
  order: Map<Mention, number>;
  /** Whether a span overlaps any quotation. */
  overlapsQuote: (start: number, end: number) => boolean;
}

/** The first mention in [from, to) (by start) that satisfies pred. */
function findMention(ctx: Ctx, from: number, to: number, pred: (m: Mention) => boolean): Mention | undefined {
  const ms = ctx.people.mentions;
  for (let k = firstStartingAt(ms, from); k < ms.length && ms[k].start < to; k++) if (pred(ms[k])) return ms[k];
  return undefined;
}

function sameParagraph(prose: string, a: number, b: number): boolean {
  return !/\n[ \t]*\n/.test(prose.slice(a, b));
}

/** Someone else named between two quotes ("Tokayev said. The minister disagreed."): the second is not a continuation. */
function namesBetween(ctx: Ctx, a: number, b: number): boolean {
  return findMention(ctx, a, b, (m) => m.end <= b && (m.kind === 'name' || m.kind === 'nominal' || m.kind === 'institution')) !== undefined;
}

/** An unclosed quote ends at its attribution (", Tokayev said") or at the end of its line. */
function cutUnclosed(prose: string, q: QuoteSpan): QuoteSpan | undefined {
  if (q.close) return q;
  let end = q.end;
  const nl = prose.slice(q.start, end).search(/[\r\n]/);
  if (nl >= 0) end = q.start + nl;
  // The attribution is looked for in the first few hundred characters only: a regular expression over a whole line is quadratic.
  end = Math.min(end, q.start + 2000);
  const inner = prose.slice(q.start, end);
  const attribution = /,\s+(?:(?:[\p{Lu}][\p{L}'\u2019.-]*\s+){1,4}|(?:he|she|they|the\s+\p{L}+)\s+)(?:\p{Ll}+\s+)?(\p{Ll}+)\b[^\n]*$/u.exec(inner);
  if (attribution && SPEECH_VERBS.has(attribution[1])) end = q.start + attribution.index;
  const inner2 = prose.slice(q.start, end).replace(FOOTNOTE, '');
  end = q.start + inner2.replace(/[\s,.;:]+$/, '').length;
  if (end <= q.start) return undefined;
  return { ...q, end, outerEnd: end };
}

/** The mention whose phrase starts at `offset` (after white space and punctuation). */
function mentionStartingAt(ctx: Ctx, offset: number, limit: number): Mention | undefined {
  const rest = ctx.prose.slice(offset, limit);
  const skip = /^[\s,;:\u2014\u2013-]*/.exec(rest)![0].length;
  const at = offset + skip;
  return ctx.startingAt.get(at);
}

function sentenceOf(ctx: Ctx, offset: number): number {
  return spanAt(ctx.sentences, offset);
}

/** The quote ends with its sentence's full stop and the next sentence starts with a capital. */
function closesSentence(prose: string, q: QuoteSpan): boolean {
  return /[.!?]\s*$/.test(prose.slice(q.start, q.outerEnd).replace(/["\u201D\u2019\u00BB']+\s*$/, '')) && /^\s+\p{Lu}/u.test(prose.slice(q.outerEnd, q.outerEnd + 3));
}

/** “…,” he said / “…” said Tokayev / “…,” according to the ministry. */
function attributionAfter(ctx: Ctx, q: QuoteSpan, tight: boolean): Speaker | undefined {
  const { prose } = ctx;
  // A citation right after the closing mark (“…,”[^kazinform] Tokayev said) stands outside the sentence.
  const from = q.outerEnd + (CITATION_AFTER.exec(prose.slice(q.outerEnd, q.outerEnd + 60))?.[0].length ?? 0);
  // The sentence the attribution would be in: the quote's own, or the next when the quote ends one (“…?” Vitter asked.).
  const next = from + (/^\s*/.exec(prose.slice(from))![0].length);
  const si = sentenceOf(ctx, Math.max(q.start, next < prose.length ? next : from - 1));
  const sentenceEnd = ctx.sentences[si]?.end ?? prose.length;
  let limit = Math.min(prose.length, Math.max(sentenceEnd, from) + 1, from + 200);
  const nextMark = prose.slice(from, limit).search(OPEN_MARKS);
  // “… liar.” Carly Fiorina said Ted Cruz “…”: the next sentence's attribution introduces its own quote.
  if (nextMark >= 0 && closesSentence(prose, q)) return undefined;
  if (nextMark >= 0) limit = from + nextMark;
  // Never from the next paragraph: its first words are its own sentence's subject.
  const paragraphEnd = prose.slice(from, limit).search(/\n[ \t]*\r?\n/);
  if (paragraphEnd >= 0) limit = from + paragraphEnd;
  const window = prose.slice(from, limit);
  if (tight && !/^\s*[,\u2014\u2013\u2015-]|^[\s]*(?:[\p{Ll}]|$)/u.test(window) && !/[,!?\u2014\u2013-]\s*["\u201D\u2019\u00BB']?\s*$/u.test(prose.slice(q.start, q.outerEnd))) {
    // A closing mark followed by a capital with no comma: a new sentence, not an attribution.
    if (!/^\s+\p{Lu}/u.test(window) || /^\s*$/.test(window)) return undefined;
  }
  const words = tokenize(prose, from, limit);
  if (words.length === 0) return undefined;
  const first = words[0];
  // A signature after a dash, closing the paragraph: “…” ― Pamela Padilla
  const dash = /^\s*[\u2014\u2015\u2013-]\s*/.exec(window);
  if (dash) {
    const m = mentionStartingAt(ctx, from + dash[0].length, limit);
    if (m && m.kind === 'name' && /^[\s.,]*(?:\n|$)/.test(prose.slice(m.phraseEnd, m.phraseEnd + 3) + '\n')) return speakerFrom(ctx, m);
  }
  // "according to X"
  if (first.norm === 'according' && words[1]?.norm === 'to') {
    const m = mentionStartingAt(ctx, words[1].end, limit);
    return m ? speakerFrom(ctx, m, { start: first.start, end: words[1].end }) : undefined;
  }
  // said Tokayev / said the official
  if (SPEECH_VERBS.has(first.norm)) {
    const m = mentionStartingAt(ctx, first.end, limit);
    if (m && m.phraseStart - first.end < 4) return speakerFrom(ctx, m, first);
    return undefined;
  }
  // he said / Tokayev, the Kazakh leader, said / the ministry added
  const m = mentionStartingAt(ctx, from, limit) ?? (tight ? modifiedName(ctx, from, limit) ?? nounPhraseBefore(ctx, words, 0) : laterInSentence(ctx, from, limit));
  if (!m) return undefined;
  let after = m.phraseEnd;
  // "Mr. Morgan of the Sierra Club said": an organisation after the name.
  const of = /^\s+of\s+(?:the\s+)?\p{Lu}[\p{L}.\u2019'-]*(?:\s+\p{Lu}[\p{L}.\u2019'-]*)*/u.exec(prose.slice(after, Math.min(limit, after + 80)));
  if (of) after += of[0].length;
  let verb = tokenize(prose, after, limit);
  // An apposition the mention did not take in: ", a Rubio spokesman,".
  const app = /^,[^,.;\u201C\u201D"]{1,80},/.exec(prose.slice(after, limit));
  if (verb[0] && !SPEECH_VERBS.has(verb[0].norm) && app) {
    after += app[0].length;
    verb = tokenize(prose, after, limit);
  }
  let k = 0;
  while (k < verb.length && k < 3 && VERB_FILLERS.has(verb[k].norm) && !SPEECH_VERBS.has(verb[k].norm)) k++;
  if (!verb[k] || !SPEECH_VERBS.has(verb[k].norm)) return undefined;
  if (!tight && verb[k].start - m.end > 40) return undefined;
  return speakerFrom(ctx, m, verb[k]);
}

/**
 * “…,” White House press secretary Josh Earnest said: a name whose title has words the
 * mention does not take in ("press", "campaign", "lawyer"). The words before the name
 * become the role when they hold a role noun.
 */
function modifiedName(ctx: Ctx, from: number, limit: number): Mention | undefined {
  const m = findMention(ctx, from, Math.min(limit, from + 80), (x) => x.kind === 'name');
  if (!m) return undefined;
  const lead = /^[\s,\u2014\u2013-]*/.exec(ctx.prose.slice(from, m.phraseStart))![0].length;
  const prefix = ctx.prose.slice(from + lead, m.phraseStart);
  if (/[,.;:!?"\u201C\u201D()]/.test(prefix) || prefix.trim().split(/\s+/).length > 6 || !startsWithVerb(ctx, m.phraseEnd, limit)) return undefined;
  // "a spokesman for Mr Blair said": the spokesman speaks, not Blair.
  if (/\b(?:for|of|to|with|at|from|by)\s+(?:(?:mr|mrs|ms|dr|sir|lady|lord)\.?\s+)?$/i.test(ctx.prose.slice(from + lead, m.start))) return undefined;
  const role = ctx.prose.slice(from + lead, m.start).trim();
  if (!tokenize(role).some((w) => ROLE_NOUNS.has(w.norm))) return undefined;
  return { ...m, role, phraseStart: from + lead };
}

/** “…” to drive up the stock price, she said: a speaker and verb after a comma later in the quote's sentence. */
function laterInSentence(ctx: Ctx, from: number, limit: number): Mention | undefined {
  return findMention(ctx, from, limit, (m) => m.phraseStart > from && m.phraseEnd < limit && /,\s*$/.test(ctx.prose.slice(from, m.phraseStart)) && startsWithVerb(ctx, m.phraseEnd, limit));
}

function startsWithVerb(ctx: Ctx, from: number, limit: number): boolean {
  const words = tokenize(ctx.prose, from, Math.min(limit, from + 60));
  let k = 0;
  while (k < words.length && k < 3 && VERB_FILLERS.has(words[k].norm) && !SPEECH_VERBS.has(words[k].norm)) k++;
  return words[k] !== undefined && SPEECH_VERBS.has(words[k].norm);
}

const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'one', 'another']);

/**
 * A speaker the mentions do not know, written as a noun phrase right before a speech
 * verb: "the announcer said", "a narrator in the Clinton ad asks". It names no one the
 * checker can compare, but says the words are someone's.
 */
function nounPhraseBefore(ctx: Ctx, words: Token[], from: number): Mention | undefined {
  const d = words[from];
  if (!d || !(DETERMINERS.has(d.norm) || /['\u2019]s$/.test(ctx.prose.slice(d.start, d.end)))) return undefined;
  for (let v = from + 1; v < Math.min(words.length, from + 6); v++) {
    // Only nouns and modifiers between the determiner and the verb ("the CNN host"), and adverbs after them.
    if (STOPWORDS.has(words[v].norm) && !VERB_FILLERS.has(words[v].norm)) return undefined;
    if (!SPEECH_VERBS.has(words[v].norm)) continue;
    let h = v - 1;
    while (h > from && (/ly$/.test(words[h].norm) || VERB_FILLERS.has(words[h].norm))) h--;
    if (h === from && DETERMINERS.has(d.norm)) return undefined;
    const start = d.start;
    const end = words[h].end;
    const text = ctx.prose.slice(start, end).replace(/\s+/g, ' ');
    if (/[,.;:!?"\u201C\u201D()]/.test(text)) return undefined;
    return { start, end, text, kind: 'nominal', phraseStart: start, phraseEnd: end, sentence: sentenceOf(ctx, start), object: false, paragraph: 0 };
  }
  return undefined;
}

/** Smadiyarov said Monday that … “…” / Tokayev put it this way: “…” / According to X, “…”. */
function attributionBefore(ctx: Ctx, q: QuoteSpan, previous: QuoteSpan | undefined): Speaker | undefined {
  const { prose } = ctx;
  let si = sentenceOf(ctx, q.outerStart);
  let from = ctx.sentences[si]?.start ?? 0;
  // The quote opens its sentence: a lead-in sentence ending in a colon speaks for it.
  if (from >= q.outerStart - 1 && si > 0 && /:\s*$/.test(prose.slice(ctx.sentences[si - 1].start, ctx.sentences[si - 1].end))) {
    si--;
    from = ctx.sentences[si].start;
  }
  // Not across another quotation.
  if (previous && previous.outerEnd <= q.outerStart && previous.outerEnd > from) from = previous.outerEnd;
  const words = tokenize(prose, from, q.outerStart);
  for (let v = words.length - 1; v >= 0; v--) {
    const w = words[v];
    if (w.norm === 'according' && words[v + 1]?.norm === 'to') {
      const m = mentionStartingAt(ctx, words[v + 1].end, q.outerStart);
      if (m) return speakerFrom(ctx, m, { start: w.start, end: words[v + 1].end });
    }
    if (!SPEECH_VERBS.has(w.norm)) continue;
    // "called a “sham” by President Joe Biden": the speaker follows the quote.
    if (AFTER_ONLY.has(w.norm)) {
      const by = /^[\s,]*by\s+/.exec(prose.slice(q.outerEnd, q.outerEnd + 40));
      const m = by ? mentionStartingAt(ctx, q.outerEnd + by[0].length, q.outerEnd + 200) : undefined;
      return m ? speakerFrom(ctx, m, w) : undefined;
    }
    // The nearest speech verb decides: its subject, or no one.
    return subjectOf(ctx, words, v, from);
  }
  return undefined;
}

/** The speaker of a lead-in line: the subject of its last speech verb ("At the Assembly, he stated,"). */
function leadInSpeaker(ctx: Ctx, lead: Span): Speaker | undefined {
  const words = tokenize(ctx.prose, lead.start, lead.end);
  for (let v = words.length - 1; v >= 0; v--) {
    if (!SPEECH_VERBS.has(words[v].norm) || AFTER_ONLY.has(words[v].norm)) continue;
    return subjectOf(ctx, words, v, lead.start);
  }
  return undefined;
}

/** The speaker named just before the speech verb words[v]: fillers ("further", "has repeatedly") and an apposition allowed between. */
function subjectOf(ctx: Ctx, words: Token[], v: number, from: number): Speaker | undefined {
  const w = words[v];
  // "Trump said, adding later, “…”" / "… over Libya, saying “…”": a participle after a comma
  // belongs to the subject of its clause, not to the word before it.
  if (/ing$/.test(w.norm) && v > 0 && /,\s*$/.test(ctx.prose.slice(words[v - 1].end, w.start))) {
    for (let u = v - 1; u >= 0; u--) {
      if (SPEECH_VERBS.has(words[u].norm) && !AFTER_ONLY.has(words[u].norm)) return subjectOf(ctx, words, u, from);
    }
    const subject = findMention(ctx, from, w.start, (x) => x.end <= w.start && !x.object && (x.kind === 'pronoun' || x.kind === 'nominal' || (x.kind === 'name' && x.entity !== undefined)));
    return subject && ctx.people.entities[subject.entity ?? -1]?.kind !== 'institution' ? speakerFrom(ctx, subject, w) : undefined;
  }
  let k = v - 1;
  while (k >= 0 && VERB_FILLERS.has(words[k].norm) && v - k <= 3) k--;
  const before = k >= 0 ? words[k].end : from;
  // "Tokayev, who met Smadiyarov, said": the subject stands before the relative clause.
  const relative = /,\s+(?:who|whose|whom|which)\b[^,]*,\s*$/.exec(ctx.prose.slice(from, w.start));
  if (relative) {
    const end = from + relative.index;
    const subject = findMention(ctx, from, end, (x) => x.end === end || x.phraseEnd === end);
    return subject ? speakerFrom(ctx, subject, w) : undefined;
  }
  const m =
    findMention(ctx, from, w.start, (x) => (x.end === before || x.phraseEnd === before) && x.end <= w.start) ??
    findMention(ctx, from, w.start, (x) => x.phraseEnd <= w.start && /^[\s,]*$/.test(ctx.prose.slice(x.phraseEnd, w.start)));
  if (m) return speakerFrom(ctx, m, w);
  // "the announcer said, “…”": a noun phrase no mention covers.
  for (let d = Math.max(0, v - 6); d < v; d++) {
    const np = words[d].start >= from ? nounPhraseBefore(ctx, words, d) : undefined;
    if (np && np.end <= w.start && tokenize(ctx.prose, np.end, w.start).every((x) => VERB_FILLERS.has(x.norm))) return speakerFrom(ctx, np, w);
  }
  return undefined;
}

/**
 * Markdown block quotes ("> …" lines): quoted words whatever their marks, so that a draft
 * quoting them is never told they are narration. The lead-in line before, when it ends in a
 * comma or colon, gives the speaker.
 */
function findMarkdownBlockQuotes(prose: string): Array<{ q: QuoteSpan; kind: QuotationKind; lead: Span }> {
  const out: Array<{ q: QuoteSpan; kind: QuotationKind; lead: Span }> = [];
  const re = /(?:^|\n)((?:[ \t]{0,3}>[^\n]*(?:\n|$))+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(prose))) {
    const blockStart = m.index + (prose[m.index] === '\n' ? 1 : 0);
    const body = m[1];
    const first = body.search(/[\p{L}\p{N}]/u);
    if (first < 0) continue;
    const start = blockStart + first;
    const end = blockStart + body.replace(/[\s>"\u201D\u00BB,.;:]+$/, '').length;
    if (end <= start) continue;
    // The lead-in: the last non-blank line before the block.
    const before = prose.slice(0, blockStart).replace(/\s+$/, '');
    const leadStart = before.lastIndexOf('\n') + 1;
    const lead = /[,:]$/.test(before) ? { start: leadStart, end: before.length - 1 } : { start: blockStart, end: blockStart };
    out.push({ q: { start, end, outerStart: blockStart, outerEnd: blockStart + body.length, open: '>' }, kind: 'block', lead });
    re.lastIndex = blockStart + body.length;
  }
  return out;
}

/** Block quotes after a lead-in that ends with a speech verb and a comma or colon ("He stated,"), with no opening mark. */
function findBlockQuotes(prose: string): Array<{ q: QuoteSpan; kind: QuotationKind; lead: Span }> {
  const out: Array<{ q: QuoteSpan; kind: QuotationKind; lead: Span }> = [];
  // Lines with their offsets; a lead-in is a line ending in a comma or colon, then a blank line, then the body.
  const lines: Span[] = [];
  const re = /[^\r\n]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(prose))) {
    lines.push({ start: m.index, end: m.index + m[0].length });
    const end = m.index + m[0].length;
    re.lastIndex = end + (prose[end] === '\r' && prose[end + 1] === '\n' ? 2 : 1);
    if (re.lastIndex > prose.length) break;
  }
  for (let l = 0; l + 2 < lines.length; l++) {
    const leadText = prose.slice(lines[l].start, lines[l].end).trimEnd();
    if (!/[,:]$/.test(leadText) || prose.slice(lines[l + 1].start, lines[l + 1].end).trim() !== '') continue;
    let b = l + 1;
    while (b < lines.length && prose.slice(lines[b].start, lines[b].end).trim() === '') b++;
    if (b >= lines.length) continue;
    const lead = leadText.slice(0, -1);
    const body = prose.slice(lines[b].start, lines[b].end);
    const leadStart = lines[l].start;
    if (OPEN_MARKS.test(body.trimStart()[0] ?? '') || body.trimStart().startsWith('>')) continue;
    // The lead-in's speech verb has a subject just before it: a pronoun or a name ("he stated", "Tokayev further stated").
    const leadWords = tokenize(lead);
    const hasSpeaker = leadWords.some((w, v) => {
      if (!SPEECH_VERBS.has(w.norm) || AFTER_ONLY.has(w.norm)) return false;
      let k = v - 1;
      while (k >= 0 && VERB_FILLERS.has(leadWords[k].norm) && v - k <= 3) k--;
      return k >= 0 && (/^(he|she|they|we|i)$/.test(leadWords[k].norm) || leadWords[k].capital);
    });
    if (!hasSpeaker) continue;
    const bodyStart = lines[b].start + (body.length - body.trimStart().length);
    let text = body.trimStart().replace(FOOTNOTE, '');
    text = text.replace(/[\s]+$/, '');
    const closing = /["\u201D\u00BB]$/.test(text);
    if (closing) text = text.slice(0, -1);
    text = text.replace(/[\s,.;:]+$/, '');
    if (!/\p{L}/u.test(text) || text.split(/\s+/).length < 4) continue;
    out.push({
      q: { start: bodyStart, end: bodyStart + text.length, outerStart: bodyStart, outerEnd: lines[b].end, open: '', close: closing ? '"' : undefined },
      kind: 'block',
      lead: { start: leadStart, end: leadStart + lead.length },
    });
  }
  return out;
}

/** Reported speech without marks: "…, Tokayev said." closing a paragraph, and "Tokayev stated that …". */
function reportedSpeech(ctx: Ctx): Quotation[] {
  const { prose } = ctx;
  const out: Quotation[] = [];
  const covered = ctx.overlapsQuote;
  for (const m of ctx.people.mentions) {
    if (m.entity === undefined) continue;
    const si = m.sentence;
    const s = ctx.sentences[si];
    if (!s) continue;
    // The verb and a "that" come within a few words: no need to read the whole sentence.
    const words = tokenize(prose, m.phraseEnd, Math.min(s.end, m.phraseEnd + 100));
    let k = 0;
    while (k < words.length && k < 3 && VERB_FILLERS.has(words[k].norm) && !SPEECH_VERBS.has(words[k].norm)) k++;
    const verb = words[k];
    if (!verb || !SPEECH_VERBS.has(verb.norm) || AFTER_ONLY.has(verb.norm)) continue;
    const between = prose.slice(m.phraseEnd, verb.start);
    if (/[.;:!?]/.test(between)) continue;
    const lead = prose.slice(Math.max(s.start, m.phraseStart - 2), m.phraseStart);
    if (/,\s*$/.test(lead) && m.phraseStart > s.start && /[.!?]["\u201D\u00BB]?\s*$/.test(prose.slice(s.start, s.end))) {
      // "…, Tokayev said." — the words before, back to the paragraph start, are his.
      let start = prose.lastIndexOf('\n', m.phraseStart);
      start = start < 0 ? 0 : start + 1;
      const end = m.phraseStart - prose.slice(0, m.phraseStart).length + prose.slice(0, m.phraseStart).replace(/[\s,]+$/, '').length;
      // The attribution closes the sentence ("…, Tokayev said at the forum."), not opens a clause
      // ("Speaking in Novi, Trump says Clinton …"), and what it closes is more than an adverbial.
      const after = words[k + 1];
      const closes = !after || after.start >= s.end - 1 || PREPOSITIONS.has(after.norm) || /^(yesterday|today|tonight|earlier|later|last|this|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.test(after.norm);
      const long = tokenize(prose, start, Math.min(end, start + 400)).length >= 10;
      if (closes && long && end - start > 20 && !covered(start, end) && !ANY_MARK.test(prose.slice(start, end))) {
        out.push({ start, end, kind: 'unmarked', speaker: speakerFrom(ctx, m, verb), preview: preview(prose, start, end) });
      }
      continue;
    }
    if (m.phraseStart <= s.start + 2 || /^(according)$/.test(normaliseWord(prose.slice(s.start, s.start + 9)))) {
      // "Tokayev stated that …" — indirect speech to the end of the sentence.
      const that = words.slice(k + 1, k + 6).find((x) => x.norm === 'that');
      if (!that) continue;
      const start = that.end + 1;
      const end = s.end - (prose.slice(s.start, s.end).match(/[\s.!?]+$/)?.[0].length ?? 0);
      if (end - start > 15 && !covered(start, end)) out.push({ start, end, kind: 'indirect', speaker: speakerFrom(ctx, m, verb) });
    }
  }
  return out;
}

/** The speaker a mention stands for, with how it was found. */
export function speakerFrom(ctx: { people: ArticlePeople; prose: string; order?: Map<Mention, number> }, m: Mention, verb?: { start: number; end: number }): Speaker {
  const cue = { start: m.start, end: m.end, text: m.text };
  const phrase = { start: m.phraseStart, end: m.end };
  let attribution = m.text;
  if (verb) {
    const a = verb.start < m.start ? verb.start : m.start;
    const b = verb.start < m.start ? m.end : verb.end;
    attribution = ctx.prose.slice(a, b).replace(/\s+/g, ' ');
    if (attribution.length > 80) attribution = verb.start < m.start ? `${ctx.prose.slice(verb.start, verb.end)} ${m.text}` : `${m.text} ${ctx.prose.slice(verb.start, verb.end)}`;
  }
  const e: Entity | undefined = m.entity !== undefined ? ctx.people.entities[m.entity] : undefined;
  const how: AttributionHow = m.kind === 'name' ? 'name' : e ? (m.kind as AttributionHow) : 'unresolved';
  const pronounSex = m.kind === 'pronoun' ? m.gender : undefined;
  if (!e) return { name: m.text, kind: m.kind === 'institution' ? 'institution' : 'unknown', role: m.role, spellings: [m.text], cue, phrase, attribution, how, sentencesBack: 0, ...(pronounSex ? { sex: pronounSex } : {}) };
  let named: Mention | undefined;
  let contested = false;
  if (m.kind !== 'name') {
    // The name it points back to: the entity's latest naming mention before it (not far back: a text names people often).
    const idx = ctx.order?.get(m) ?? firstStartingAt(ctx.people.mentions, m.start);
    for (let k = idx - 1; k >= 0 && k >= idx - 500; k--) {
      const o = ctx.people.mentions[k];
      if (o.entity === e.id && o.kind === 'name') {
        named = o;
        break;
      }
      if (o.kind === 'name' && o.entity !== undefined && o.entity !== e.id && ctx.people.entities[o.entity]?.kind === 'person') contested = true;
    }
  }
  const role = m.role ?? e.roles[0];
  return {
    name: e.name,
    // A lone word the text never shows to be a person ("Kazakhstan has stated") may be a country.
    kind: e.kind === 'person' && !e.strong ? 'unknown' : e.kind,
    entity: e.id,
    role,
    // The entity's own array, shared by all its quotations (not copied per quotation).
    spellings: e.spellings.length > 0 ? e.spellings : [e.name],
    cue,
    phrase,
    attribution,
    named: named ? { start: named.start, end: named.end, text: named.text } : undefined,
    how,
    sentencesBack: named ? m.sentence - named.sentence : 0,
    ...(contested && named ? { contested: true as const } : {}),
    ...(e.sex ?? pronounSex ? { sex: e.sex ?? pronounSex } : {}),
  };
}
