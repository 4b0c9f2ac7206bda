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
import type { Span } from '../text/sentences';
import { normaliseWord, tokenize, Token } from '../text/tokens';
import { AFTER_ONLY, SPEECH_VERBS, VERB_FILLERS } from './lexicon';
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
  /** The entity of the text's people (TextAttributions.people.entities) it resolved to. */
  entity?: number;
  /** Sentences between the cue and where the name is written (0: the same sentence). */
  sentencesBack: number;
}

export interface Quotation {
  /** The quoted (or reported) words. */
  start: number;
  end: number;
  kind: QuotationKind;
  speaker?: Speaker;
}

export interface TextAttributions {
  quotations: Quotation[];
  people: ArticlePeople;
}

const OPEN_MARKS = /["\u201C\u201E\u00AB\u2018\u2039']/;
const ANY_MARK = /["\u201C\u201D\u201E\u00AB\u00BB\u2018\u2019\u2039\u203A]/;
const FOOTNOTE = /\s*\[(?:[ivxlc]+|\d+)\]\s*$/i;

/** Finds the quotations of a text and their speakers. `quotes` defaults to findQuotes(prose). */
export function attributeQuotes(prose: string, sentences: readonly Span[], quotes: readonly QuoteSpan[] = findQuotes(prose)): TextAttributions {
  const marked = quotes.map((q) => cutUnclosed(prose, q)).filter((q): q is QuoteSpan => q !== undefined && !/^\s*\[[^\]]*\]\s*$/.test(prose.slice(q.start, q.end)));
  const blocks = findBlockQuotes(prose);
  const all: Array<{ q: QuoteSpan; kind: QuotationKind }> = [
    ...marked.filter((q) => !blocks.some((b) => b.q.outerStart <= q.start && q.end <= b.q.outerEnd + 2)).map((q) => ({ q, kind: 'quote' as QuotationKind })),
    ...blocks,
  ].sort((a, b) => a.q.start - b.q.start);
  const insideQuote = (o: number) => all.some(({ q }) => q.outerStart <= o && o < q.outerEnd);
  const people = findPeople(prose, sentences, { insideQuote });
  const ctx: Ctx = { prose, sentences, people, all };

  const quotations: Quotation[] = [];
  all.forEach(({ q, kind }, i) => {
    let speaker = kind === 'block' ? leadInSpeaker(ctx, blocks.find((b) => b.q === q)!.lead) : attributionAfter(ctx, q, true) ?? attributionBefore(ctx, q) ?? attributionAfter(ctx, q, false);
    if (!speaker) {
      // “…,” he said. “…”: a quote with no attribution of its own continues the one before it in the paragraph.
      const prev = quotations[i - 1];
      if (prev?.speaker && sameParagraph(prose, prev.end, q.start) && !namesBetween(ctx, prev.end, q.start)) {
        speaker = { ...prev.speaker, how: 'continuation' };
      }
    }
    if (kind === 'block' && !speaker) return; // "the votes were as follows:" introduces no one's words
    quotations.push({ start: q.start, end: q.end, kind, speaker });
  });
  quotations.push(...reportedSpeech(ctx));
  quotations.sort((a, b) => a.start - b.start);
  return { quotations, people };
}

interface Ctx {
  prose: string;
  sentences: readonly Span[];
  people: ArticlePeople;
  all: Array<{ q: QuoteSpan; kind: QuotationKind }>;
}

function sameParagraph(prose: string, a: number, b: number): boolean {
  return !/\n[ \t]*\n/.test(prose.slice(a, b));
}

function namesBetween(ctx: Ctx, a: number, b: number): boolean {
  return ctx.people.mentions.some((m) => m.start >= a && m.end <= b && m.kind === 'name');
}

/** An unclosed quote ends at its attribution (", Tokayev said") or at the end of its line. */
function cutUnclosed(prose: string, q: QuoteSpan): QuoteSpan | undefined {
  if (q.close) return q;
  let end = q.end;
  const nl = prose.slice(q.start, end).search(/[\r\n]/);
  if (nl >= 0) end = q.start + nl;
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
  return ctx.people.mentions.find((m) => m.phraseStart === at || m.start === at);
}

function sentenceOf(ctx: Ctx, offset: number): number {
  const s = ctx.sentences;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** “…,” he said / “…” said Tokayev / “…,” according to the ministry. */
function attributionAfter(ctx: Ctx, q: QuoteSpan, tight: boolean): Speaker | undefined {
  const { prose } = ctx;
  const si = sentenceOf(ctx, Math.max(q.start, q.outerEnd - 1));
  const sentenceEnd = ctx.sentences[si]?.end ?? prose.length;
  let limit = Math.min(prose.length, Math.max(sentenceEnd, q.outerEnd) + 1, q.outerEnd + 200);
  const nextMark = prose.slice(q.outerEnd, limit).search(OPEN_MARKS);
  if (nextMark >= 0) limit = q.outerEnd + nextMark;
  const window = prose.slice(q.outerEnd, limit);
  if (tight && !/^\s*[,\u2014\u2013-]|^[\s]*(?:[\p{Ll}]|$)/u.test(window) && !/[,!?\u2014]\s*$/.test(prose.slice(q.start, q.outerEnd))) {
    // A closing mark followed by a capital with no comma: a new sentence, not an attribution.
    if (!/^\s+\p{Lu}/u.test(window) || /^\s*$/.test(window)) return undefined;
  }
  const words = tokenize(prose, q.outerEnd, limit);
  if (words.length === 0) return undefined;
  const first = words[0];
  // "according to X"
  if (first.norm === 'according' && words[1]?.norm === 'to') {
    const m = mentionStartingAt(ctx, words[1].end, limit);
    return m ? speakerFrom(ctx, m, { start: first.start, end: words[1].end }) : undefined;
  }
  // said Tokayev / said the official
  if (SPEECH_VERBS.has(first.norm)) {
    const m = mentionStartingAt(ctx, first.end, limit);
    if (m && m.start - first.end < 4) return speakerFrom(ctx, m, first);
    return undefined;
  }
  // he said / Tokayev, the Kazakh leader, said / the ministry added
  const m = mentionStartingAt(ctx, q.outerEnd, limit);
  if (!m) return undefined;
  let after = m.phraseEnd;
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

/** Smadiyarov said Monday that … “…” / Tokayev put it this way: “…” / According to X, “…”. */
function attributionBefore(ctx: Ctx, q: QuoteSpan): Speaker | undefined {
  const { prose } = ctx;
  let si = sentenceOf(ctx, q.outerStart);
  let from = ctx.sentences[si]?.start ?? 0;
  // The quote opens its sentence: a lead-in sentence ending in a colon speaks for it.
  if (from >= q.outerStart - 1 && si > 0 && /:\s*$/.test(prose.slice(ctx.sentences[si - 1].start, ctx.sentences[si - 1].end))) {
    si--;
    from = ctx.sentences[si].start;
  }
  // Not across another quotation.
  for (const { q: o } of ctx.all) if (o !== q && o.outerEnd <= q.outerStart && o.outerEnd > from) from = o.outerEnd;
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
  let k = v - 1;
  while (k >= 0 && VERB_FILLERS.has(words[k].norm) && v - k <= 3) k--;
  const before = k >= 0 ? words[k].end : from;
  const m =
    ctx.people.mentions.find((x) => x.start >= from && (x.end === before || x.phraseEnd === before) && x.end <= w.start) ??
    ctx.people.mentions.find((x) => x.start >= from && x.phraseEnd <= w.start && /^[\s,]*$/.test(ctx.prose.slice(x.phraseEnd, w.start)));
  return m ? speakerFrom(ctx, m, w) : undefined;
}

/** Block quotes after a lead-in that ends with a speech verb and a comma or colon ("He stated,"), with no opening mark. */
function findBlockQuotes(prose: string): Array<{ q: QuoteSpan; kind: QuotationKind; lead: Span }> {
  const out: Array<{ q: QuoteSpan; kind: QuotationKind; lead: Span }> = [];
  const re = /([^\n]*\b(\p{L}+)\b[^\n]*?)[,:][ \t]*\r?\n[ \t]*\r?\n[ \t]*([^\n]+)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(prose))) {
    const lead = m[1];
    const body = m[3];
    re.lastIndex = m.index + m[1].length + 1;
    if (OPEN_MARKS.test(body.trimStart()[0] ?? '')) continue;
    // The lead-in's speech verb has a subject just before it: a pronoun or a name ("he stated", "Tokayev further stated").
    const leadWords = tokenize(lead);
    const hasSpeaker = leadWords.some((w, v) => {
      if (!SPEECH_VERBS.has(w.norm) || AFTER_ONLY.has(w.norm)) return false;
      let k = v - 1;
      while (k >= 0 && VERB_FILLERS.has(leadWords[k].norm) && v - k <= 3) k--;
      return k >= 0 && (/^(he|she|they|we|i)$/.test(leadWords[k].norm) || leadWords[k].capital);
    });
    if (!hasSpeaker) continue;
    const bodyStart = m.index + m[0].length - body.length;
    let text = body.replace(FOOTNOTE, '');
    text = text.replace(/[\s]+$/, '');
    const closing = /["\u201D\u00BB]$/.test(text);
    if (closing) text = text.slice(0, -1);
    text = text.replace(/[\s,.;:]+$/, '');
    if (!/\p{L}/u.test(text) || text.split(/\s+/).length < 4) continue;
    out.push({
      q: { start: bodyStart, end: bodyStart + text.length, outerStart: bodyStart, outerEnd: bodyStart + body.length, open: '', close: closing ? '"' : undefined },
      kind: 'block',
      lead: { start: m.index, end: m.index + m[1].length },
    });
  }
  return out;
}

/** Reported speech without marks: "…, Tokayev said." closing a paragraph, and "Tokayev stated that …". */
function reportedSpeech(ctx: Ctx): Quotation[] {
  const { prose } = ctx;
  const out: Quotation[] = [];
  const covered = (a: number, b: number) => ctx.all.some(({ q }) => q.outerStart < b && a < q.outerEnd);
  for (const m of ctx.people.mentions) {
    if (m.entity === undefined) continue;
    const si = m.sentence;
    const s = ctx.sentences[si];
    if (!s) continue;
    const words = tokenize(prose, m.phraseEnd, s.end);
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
      if (end - start > 20 && !covered(start, end) && !ANY_MARK.test(prose.slice(start, end))) {
        out.push({ start, end, kind: 'unmarked', speaker: speakerFrom(ctx, m, verb) });
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
export function speakerFrom(ctx: { people: ArticlePeople; prose: string }, m: Mention, verb?: { start: number; end: number }): Speaker {
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
  if (!e) return { name: m.text, kind: m.kind === 'institution' ? 'institution' : 'unknown', role: m.role, spellings: [m.text], cue, phrase, attribution, how, sentencesBack: 0 };
  let named: Mention | undefined;
  if (m.kind !== 'name') {
    const idx = ctx.people.mentions.indexOf(m);
    for (let k = idx - 1; k >= 0; k--) {
      const o = ctx.people.mentions[k];
      if (o.entity === e.id && o.kind === 'name') {
        named = o;
        break;
      }
    }
  }
  const role = m.role ?? e.roles[0];
  return {
    name: e.name,
    // A lone word the text never shows to be a person ("Kazakhstan has stated") may be a country.
    kind: e.kind === 'person' && !e.strong ? 'unknown' : e.kind,
    entity: e.id,
    role,
    spellings: e.spellings.length > 0 ? [...e.spellings] : [e.name],
    cue,
    phrase,
    attribution,
    named: named ? { start: named.start, end: named.end, text: named.text } : undefined,
    how,
    sentencesBack: named ? m.sentence - named.sentence : 0,
  };
}
