// Compares the speaker a draft gives a quote with the speaker of every source that
// carries it, and notes a quote whose words no source presents as a quotation.
//
// - misattributed-quote (Warning): the draft names a person, at least one source
//   names the person who said the words, and every source that names one names
//   someone else. A different spelling of the same person (Toqaev / Tokayev) is the
//   same person; an institution and its spokesperson ("the ministry said") are not
//   compared, because either may stand for the other.
// - quote-is-narration (Information): a quotation of four words or more that every
//   source carrying it writes as its own narration or as indirect speech.

import type { Finding, QuoteClaim, Related, SourceMatch } from '../check/findings';
import { CODES } from '../check/findings';
import { describeSource } from '../report/describe';
import type { Quotation, Speaker } from './attribute';
import { explainAttribution } from './explain';
import { sameName, sameNameWord, surname } from './names';
import { findPerson, Person } from './people';
import { isContentWord, isTitleCase, tokenize } from '../text/tokens';
import { DATE_WORDS, namesOf, stem } from '../facts/context';
import { QUOTATION_FRAMES, SPEECH_VERBS } from './lexicon';
import { COMMON_WORDS, TINY_QUOTE_WORDS } from '../check/quotes';

type Verdict = NonNullable<QuoteClaim['speakerVerdict']>;

const SPOKEN = new Set(['quote', 'block', 'unmarked', 'indirect']);

/**
 * The corpus's people, fetched only when a comparison needs them (a lone surname in the
 * draft, or two spellings to match through the corpus): after a source changes they are
 * recomputed, and a keystroke should not wait for that when it can be helped.
 */
export type PeopleLookup = () => Promise<readonly Person[]>;

/** Fills in the claim's speakers and returns the speaker findings. */
export async function checkSpeaker(claim: QuoteClaim, drafted: Quotation | undefined, people: PeopleLookup, draftText: string): Promise<Finding[]> {
  const carried = claim.narration && claim.best ? [claim.best] : claim.verdict === 'unsourced' ? [] : [claim.best!, ...claim.others];
  const spoken = carried.filter((m) => m.presentation?.speaker && SPOKEN.has(m.presentation.kind));
  claim.sourceSpeaker = undefined;
  claim.speakerVerdict = undefined;
  const first = spoken.find((m) => m.presentation!.kind !== 'indirect') ?? spoken[0];
  if (first) {
    const speaker = first.presentation!.speaker!;
    claim.sourceSpeaker = { speaker, match: first };
  }
  claim.draftSpeaker = drafted?.speaker;
  const findings: Finding[] = [];
  const d = drafted?.speaker;
  // A guess that reached a person the quotation names (the draft's words, or the source's whole quotation) is no evidence.
  const guessedNamed = (s: Speaker, words: string) => s.how !== 'name' && namedInQuote(s, words);
  const sureSource = (m: SourceMatch) => sure(m.presentation!.speaker!) && !guessedNamed(m.presentation!.speaker!, quotationAround(m));
  if (d && spoken.length > 0 && isSpeech(claim.text) && !namedAsTerm(draftText, claim.start) && sure(d) && !guessedNamed(d, claim.text) && spoken.every(sureSource)) {
    const verdicts: Verdict[] = [];
    for (const m of spoken) verdicts.push(await compare(d, m.presentation!.speaker!, people));
    const s = claim.sourceSpeaker!.speaker;
    if (s.kind === 'person' && verdicts.includes('different')) claim.sourceSpeaker!.person = findPerson(await people(), s.name)?.name;
    claim.speakerVerdict = verdicts.includes('same') ? 'same' : verdicts.includes('institution') ? 'institution' : verdicts.includes('different') ? 'different' : 'unknown';
    // The message names the people the sources give the words to, not unnamed ones ("the document said").
    if (claim.speakerVerdict === 'different') findings.push(misattributed(claim, d, spoken.filter((_, i) => verdicts[i] === 'different'), draftText));
  }
  const narration = narrationFinding(claim, carried);
  if (narration) findings.push(narration);
  return findings;
}

/**
 * Which source, if any, a short quoted phrase (a term, a scare quote, a nickname, a fragment) is the
 * same statement as. A phrase of a few words is anyone's: "fair", "a mistake" and "new low" are in
 * hundreds of quotations. It is not where the draft and the source name different speakers. Past that:
 * - the source's speaker is the draft's and the two sentences share a word of weight besides the phrase and the
 *   speaker's name: one speaker says the same words of many things (Trump called NAFTA a "disaster" before he
 *   called Clinton's emails one; Sanders says "absolutely" to many questions).
 * - Four or five words the source quotes stand when three of them are of weight ("Serbia cannot accept these
 *   results") or when two sources at most quote them ("with a couple of decisions"): everyday words in many
 *   people's mouths ("boots on the ground", "in the home stretch") are treated as a shorter phrase.
 * - Otherwise the source must quote the words (up to three, alone) and the two sentences share two words of weight
 *   besides the phrase ("votes" and "Biden" for "sham"; a name the corpus holds everywhere does not count). Never
 *   where the draft names people and not the source's speaker ("Sanders called Trump a “pathological liar”", Cruz's
 *   words), nor where each names its speaker and the names differ.
 */
export async function shortPhraseSource(
  claim: QuoteClaim,
  drafted: Quotation | undefined,
  people: PeopleLookup,
  draftSentence: string,
  commonNames: (names: readonly string[]) => Promise<ReadonlySet<string>>,
): Promise<SourceMatch | undefined> {
  const d = drafted?.speaker && resolved(drafted.speaker) ? drafted.speaker : undefined;
  const words = tokenize(claim.text).length;
  const alone = claim.verdict === 'verified' || claim.verdict === 'variant' ? [claim.best!, ...claim.others] : [];
  // Names outside the quoted words: "Serbia" in “Serbia cannot accept these results” names no speaker.
  const at = draftSentence.indexOf(claim.text);
  const outside = at < 0 ? [{ start: 0, end: draftSentence.length }] : [{ start: 0, end: at }, { start: at + claim.text.length, end: draftSentence.length }];
  const nameWords = namesOf(draftSentence, outside);
  const names = nameWords.size > 0;
  const quoting = [...alone, ...(claim.withinQuotes ?? [])];
  const carriers = new Set(quoting.map((m) => m.location.source.id)).size;
  // The draft's names the corpus holds everywhere, asked once: they tell no matter from another.
  let common: ReadonlySet<string> | undefined;
  for (const m of quoting) {
    const s = m.presentation?.speaker && m.presentation.kind !== 'indirect' && resolved(m.presentation.speaker) ? m.presentation.speaker : undefined;
    const same = d && s ? await compare(d, s, people) : undefined;
    if (same === 'different' || (same === 'unknown' && namedOthers(d!, s!))) continue;
    common ??= await everywhere([...nameWords], commonNames);
    // The same speaker's words about the same matter: a word of weight in common besides the phrase, the speaker's own
    // name (both sentences attribute the words) and names the corpus holds everywhere aside (Trump's "very sad" of
    // Obama's absence from a funeral is not his "very sad situation" of another day). One word takes a word that is no
    // name at all; longer phrases without one are tested as anyone's.
    let notMatter = common;
    // A speaker reached past another person (Speaker.contested) is a guess: it keeps speakers apart, never ties them.
    if (same === 'same' && !d!.contested && !s!.contested) {
      notMatter = new Set([...common, ...nameWordsOf(d!), ...nameWordsOf(s!)]);
      if (sharedContext(claim.text, draftSentence, m.sentence, words === 1 ? nameWords : notMatter) >= 1) return m;
      if (words === 1) continue;
    }
    // Four or five words make a statement, quoted alone or inside a longer quotation, when three of them are of weight
    // ("Serbia cannot accept these results"), or when few sources quote them, none writes them as its own prose, and
    // the source's sentence says nothing of another matter: it shares a word of the draft's, or it is the quotation
    // alone (''It's a home run.''), a story told twice. A phrase in many people's mouths ("boots on the ground") is
    // anyone's, and so is one of the language ("has nothing to do", "by the back door" of a euthanasia bill and of a
    // vote letting the Tories in), however few quote it.
    if (words > TINY_QUOTE_WORDS && (weighty(claim.text) || (carriers <= FEW_CARRIERS && !claim.inProse && sameMatterOrNone(claim.text, draftSentence, m.sentence, notMatter)))) return m;
    if (!same && s?.kind === 'person' && names && !namesIn(s, draftSentence)) continue;
    // Otherwise the source quotes it (up to three words, alone) in a sentence about the same matter: two words of
    // weight in common ("votes" and "Biden" for "sham").
    if (!(words > TINY_QUOTE_WORDS || alone.includes(m))) continue;
    if (sharedContext(claim.text, draftSentence, m.sentence, notMatter) >= SAME_MATTER_WORDS) return m;
  }
  return undefined;
}

/**
 * Words of weight that a draft sentence and a source sentence must share for a phrase nobody ties to a speaker to be
 * about the same matter. One is coincidence in a corpus on one subject: "chants", "appeal", "threat" put Trump's
 * "law and order" beside Nixon's and one rally's "Build the wall" beside another's. A name counts unless the corpus
 * holds it everywhere ("Trump", "Clinton" in 2016 politics). Two ("emails", "server" for "top secret"; "votes",
 * "Biden" for "sham") hold a matter.
 */
const SAME_MATTER_WORDS = 2;
/** The names the corpus holds everywhere, a possessive ("Clinton’s", read "clintons") asked as the name too. */
async function everywhere(names: string[], commonNames: (names: readonly string[]) => Promise<ReadonlySet<string>>): Promise<ReadonlySet<string>> {
  const bare = names.map(withoutFinalS);
  const common = await commonNames([...names, ...bare]);
  return new Set(names.filter((n, i) => common.has(n) || common.has(bare[i])));
}

/** The words of every spelling of a speaker's name, a possessive too ("Clinton’s" reads "clintons"). */
function nameWordsOf(speaker: Speaker): string[] {
  return [speaker.name, ...speaker.spellings].flatMap((n) => tokenize(n).flatMap((t) => [t.norm, t.norm + 's']));
}

/** Three content words outside everyday speech or more: a statement, not a stock phrase ("I don't care"). */
const WEIGHTY_WORDS = 3;
/** Sources quoting a phrase of four or five everyday words, at most, for it to be one statement (a story told twice). */
const FEW_CARRIERS = 2;
function weighty(phrase: string): boolean {
  return new Set(tokenize(phrase).filter((t) => isContentWord(t.norm) && !COMMON_WORDS.has(t.norm)).map((t) => t.norm)).size >= WEIGHTY_WORDS;
}

/**
 * Words of the quote a misquote's passage must hold when no speaker ties the two: fewer make a shared
 * phrase, not one statement ("a deep and sincere" bond is not the DNC's "deep and sincere apology").
 * With the same speaker on both sides, the quote checker's own evidence is enough ("Of course, that
 * would be a disaster", Tokayev's "chaos").
 */
export const MISQUOTE_MIN_MATCHED_UNTIED = 6;

/**
 * Whether a misquote stands as the same statement worded otherwise: a source gives it to the draft's
 * own speaker; or no source gives it to someone else (both resolved) and the passage holds a sentence's
 * worth of the quote's words, one of weight among them (not everyday speech). Sanders's "Let me take this
 * opportunity" is not Blackwell's "Let's take this opportunity" misquoted.
 */
export async function misquoteStands(claim: QuoteClaim, drafted: Quotation | undefined, people: PeopleLookup): Promise<boolean> {
  const d = drafted?.speaker && resolved(drafted.speaker) ? drafted.speaker : undefined;
  let others = 0;
  const carried = [claim.best!, ...claim.others];
  for (const m of carried) {
    const s = m.presentation?.speaker;
    if (!s || !resolved(s)) continue;
    const v = d ? await compare(d, s, people) : 'unknown';
    if (v === 'same') return true;
    // "he said" and Ms Jowell's words: another speaker's, however unsure the draft's "he" is of a name.
    if (v === 'different' || otherSex(drafted?.speaker, s)) others++;
  }
  // Untied, a word of weight must be among them: a run of everyday words ("and will continue to do so") is anyone's.
  const weighs = (claim.best!.rareMatched ?? 1) >= 1;
  return others < carried.length && claim.best!.matched >= MISQUOTE_MIN_MATCHED_UNTIED && weighs;
}

/** Both speakers' sexes are known, and differ. */
function otherSex(d: Speaker | undefined, s: Speaker): boolean {
  return !!d?.sex && !!s.sex && d.sex !== s.sex;
}

/**
 * Two speakers each named by a name, and not one name: another person's words, even where the corpus cannot tell
 * either is a person ("Rubio said" / "said Elmendorf"). Enough to withhold a verification, never to accuse.
 */
function namedOthers(d: Speaker, s: Speaker): boolean {
  return d.how === 'name' && s.how === 'name' && d.kind !== 'institution' && s.kind !== 'institution' && !oneName(d, s);
}

/** Some spelling of each is one name. A possessive is no part of it ("Barack Obama’s budget … He told": "Obama"). */
function oneName(d: Speaker, s: Speaker): boolean {
  const bare = (name: string) => name.replace(/['\u2019]s$/, '');
  return d.spellings.some((a) => s.spellings.some((b) => sameName(bare(a), bare(b))));
}

/** A word without its final s: how a name meets its possessive, which a token reads without the apostrophe ("clintons"). */
function withoutFinalS(norm: string): string {
  return norm.replace(/s$/, '');
}

/** Whether a sentence names the speaker: any spelling's last word (the surname) as a word of it. */
function namesIn(speaker: Speaker, sentence: string): boolean {
  // Possessives too ("Biden's word for them"): both sides lose a final s.
  const words = new Set(tokenize(sentence).map((t) => withoutFinalS(t.norm)));
  return [speaker.name, ...speaker.spellings].some((n) => {
    const last = tokenize(n).pop();
    return !!last && words.has(withoutFinalS(last.norm));
  });
}

/**
 * Content words of weight (four letters or more) two sentences share, the quoted phrase's own, the words that
 * frame any quotation ("said", "called", "the words", "chanted") and the days and months (a date is no matter) left out.
 */
function sharedContext(phrase: string, a: string, b: string, skip?: ReadonlySet<string>): number {
  const wa = contextWords(phrase, a, skip);
  return [...contextWords(phrase, b, skip)].filter((w) => wa.has(w)).length;
}

/** The source's sentence shares a word of weight with the draft's, or has none besides the phrase. */
function sameMatterOrNone(phrase: string, draftSentence: string, sourceSentence: string, skip?: ReadonlySet<string>): boolean {
  const theirs = contextWords(phrase, sourceSentence, skip);
  if (theirs.size === 0) return true;
  const mine = contextWords(phrase, draftSentence, skip);
  return [...theirs].some((w) => mine.has(w));
}

/** A sentence's content words of weight besides the phrase (sharedContext's), stemmed. */
function contextWords(phrase: string, text: string, skip?: ReadonlySet<string>): Set<string> {
  const own = new Set(tokenize(phrase).map((t) => t.norm));
  const weighs = (norm: string) => norm.length > 3 && isContentWord(norm) && !own.has(norm) && !SPEECH_VERBS.has(norm) && !QUOTATION_FRAMES.has(norm) && !DATE_WORDS.has(norm) && !skip?.has(norm);
  return new Set(tokenize(text).filter((t) => weighs(t.norm)).map((t) => stem(t.norm)));
}

/**
 * Words worth a speaker check: a statement of at least SPEECH_MIN_CONTENT content words, not a
 * title ("Meet the Press", "This Week with George Stephanopoulos"): a phrase, a term or a
 * title may be anyone's, so giving it to another person is no evidence of a misattribution.
 */
export const SPEECH_MIN_CONTENT = 4;
function isSpeech(text: string): boolean {
  const words = tokenize(text);
  return words.filter((w) => isContentWord(w.norm)).length >= SPEECH_MIN_CONTENT && !isTitleCase(text);
}

/**
 * Words the draft introduces as a slogan, a title or a chant ("Labour's slogan would be “Britain is
 * working …”", "a memo titled “…”", "chants of “…”"): a party's or a crowd's, voiced by many, so a
 * source giving them to someone else is no misattribution.
 */
const TERM_LEAD = /\b(?:slogan|motto|mantra|catchphrase|hashtag|headline|banner|sign|signs|placard|chant|chants|chanting|chanted|titled|entitled|dubbed|nicknamed)\b[^.!?\n]{0,40}$/i;
function namedAsTerm(draftText: string, quoteStart: number): boolean {
  return TERM_LEAD.test(draftText.slice(Math.max(0, quoteStart - 60), quoteStart));
}

/** A speaker named in the attribution or reached through it, not guessed from the nearest name. */
function resolved(s: Speaker): boolean {
  return s.how !== 'unresolved';
}

/**
 * Resolved surely enough to call a quote misattributed: not a pronoun or title that reached its name past
 * another person named in between ("Clinton criticized officer Betty Shelby for shooting Terence Crutcher.
 * “…,” she said": the officer is the nearest woman, Clinton the speaker), nor a description ("the woman
 * said", "the president said") given to the latest person whose role may fit: a guess, which may verify
 * but never accuse.
 */
function sure(s: Speaker): boolean {
  return resolved(s) && !s.contested && s.how !== 'nominal';
}

/** The source's quotation holding the matched words: from the mark before them to the mark after, in their sentence. */
function quotationAround(m: SourceMatch): string {
  const first = m.marks[0]?.start ?? 0;
  const last = m.marks[m.marks.length - 1]?.end ?? m.sentence.length;
  const open = Math.max(...['"', '“', '«'].map((q) => m.sentence.lastIndexOf(q, first)));
  const ends = ['"', '”', '»'].map((q) => m.sentence.indexOf(q, last)).filter((i) => i >= 0);
  return m.sentence.slice(Math.max(0, open), ends.length > 0 ? Math.min(...ends) : m.sentence.length);
}

/**
 * The person a pronoun or a continued quotation reached is named inside the quotation itself: people do not speak
 * of themselves by name, so the guess went to the person the words are about ("“… he was more interested in the
 * Robert Kilroy-Silk Party …,” he said", after "Knapman … is glad to see the back of Mr Kilroy-Silk"). It may
 * verify, never accuse.
 */
function namedInQuote(s: Speaker, words: string): boolean {
  if (s.kind !== 'person') return false;
  const parts = surname(s.name).split('-'); // "Kilroy-Silk": two tokens
  const tokens = tokenize(words);
  return tokens.some((_, i) => parts.every((p, j) => tokens[i + j]?.capital && sameNameWord(tokens[i + j].norm, p)));
}

/** A person as the draft or a source names them; a lone surname counts when the corpus knows a person by it. */
async function isPerson(s: Speaker, people: PeopleLookup): Promise<boolean> {
  if (s.kind === 'person') return true;
  return s.kind === 'unknown' && s.how === 'name' && !s.name.includes(' ') && findPerson(await people(), s.name) !== undefined;
}

async function compare(d: Speaker, s: Speaker, people: PeopleLookup): Promise<Verdict> {
  if (d.kind === 'institution' || s.kind === 'institution') return 'institution';
  if (oneName(d, s)) return (await isPerson(d, people)) || s.kind === 'person' ? 'same' : 'unknown';
  if (!(await isPerson(d, people)) || !(await isPerson(s, people))) return 'unknown';
  // Through the corpus: one person spelt one way in the draft and another in this source.
  const all = await people();
  const pd = findPerson(all, d.name);
  if (pd && pd === findPerson(all, s.name)) return 'same';
  return 'different';
}

function sourceAttribution(m: SourceMatch, what: string): Related[] {
  const p = m.presentation!;
  const related: Related[] = [];
  if (p.cue) related.push({ location: p.cue, message: `${what}: ${explainAttribution(p.speaker!)} in ${describeSource(m.location.source)}` });
  if (p.named && p.speaker!.how !== 'name') related.push({ location: p.named, message: `Speaker named: ${p.speaker!.name} in ${describeSource(m.location.source)}` });
  related.push({ location: m.location, message: `Source passage: ${describeSource(m.location.source)}` });
  return related;
}

function misattributed(claim: QuoteClaim, d: Speaker, spoken: SourceMatch[], draftText: string): Finding {
  const bySpeaker = new Map<string, SourceMatch[]>();
  for (const m of spoken) {
    const s = m.presentation!.speaker!;
    const key = [...bySpeaker.keys()].find((k) => sameName(k, s.name)) ?? s.name;
    bySpeaker.set(key, [...(bySpeaker.get(key) ?? []), m]);
  }
  const gives = [...bySpeaker.values()].map((ms) => {
    const s = ms[0].presentation!.speaker!;
    const where = ms.map((m) => describeSource(m.location.source)).join(' and ');
    return `${where} ${ms.length > 1 ? 'give' : 'gives'} them to ${s.name}${s.role ? `, ${s.role}` : ''} — ${explainAttribution(s)}`;
  });
  const target = spoken[0].presentation!.speaker!;
  const draftName = draftText.slice(d.cue.start, d.cue.end);
  // Replace what the draft wrote: a surname with the surname, a full name (and its title) with the source's.
  const fixes = [];
  if (d.how === 'name') {
    const single = !draftName.trim().includes(' ');
    const titled = d.phrase.start < d.cue.start;
    const newText = single ? target.name.split(' ').pop()! : titled && target.role ? `${target.role} ${target.name}` : target.name;
    const start = titled && !single ? d.phrase.start : d.cue.start;
    if (newText !== draftText.slice(start, d.cue.end)) fixes.push({ title: `Attribute the quote to ${target.name}`, start, end: d.cue.end, newText });
  } else if (d.how === 'pronoun') {
    fixes.push({ title: `Attribute the quote to ${target.name}`, start: d.cue.start, end: d.cue.end, newText: target.name });
  }
  const said = d.how === 'name' ? draftName : `${d.name} (${explainAttribution(d)})`;
  return {
    start: claim.start,
    end: claim.end,
    code: 'misattributed-quote',
    severity: CODES['misattributed-quote'],
    message: `Misattributed quote: the draft gives these words to ${said}, but ${gives.join('; ')}.`,
    related: spoken.flatMap((m) => sourceAttribution(m, 'Source attribution')),
    fixes,
  };
}

function narrationFinding(claim: QuoteClaim, carried: SourceMatch[]): Finding | undefined {
  if (claim.short || carried.length === 0) return undefined;
  // Only when every source says how it presents the words, and none presents them as a quotation.
  if (!carried.every((m) => m.presentation && (m.presentation.kind === 'narration' || m.presentation.kind === 'indirect'))) return undefined;
  // Indirect speech names a speaker: the more useful of the two to show.
  const m = carried.find((c) => c.presentation!.kind === 'indirect' && c.presentation!.speaker) ?? carried[0];
  const p = m.presentation!;
  // What is wrong first, in one short line; how the source attributes them is in relatedInformation.
  const how = p.kind === 'indirect' && p.speaker ? `gives them as ${p.speaker.name}’s indirect speech` : 'writes them as its own narration';
  const passage = (c: SourceMatch) =>
    c.presentation?.kind === 'indirect' && c.presentation.speaker
      ? `Indirect speech (${explainAttribution(c.presentation.speaker)} that …): ${describeSource(c.location.source)}`
      : `Source passage: ${describeSource(c.location.source)}`;
  return {
    start: claim.start,
    end: claim.end,
    code: 'quote-is-narration',
    severity: CODES['quote-is-narration'],
    message: `Not a quotation in the source: ${describeSource(m.location.source)} ${how}.`,
    related: carried.map((c) => ({ location: c.location, message: passage(c) })),
    fixes: [],
  };
}
