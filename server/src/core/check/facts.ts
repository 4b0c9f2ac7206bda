// Checks each figure and date a draft states (outside quotations, which the quote check
// covers) against the source facts about the same thing: a source that agrees verifies
// it; sources that only give another value make a mismatch; sources that contradict
// each other make a dispute; no source at all makes it unsourced.

import type { Span } from '../text/sentences';
import type { SourceFact, SourceStore } from '../match/store';
import { datelineOf, extractFacts, Fact, FigureFact, DateFact } from '../facts/extract';
import { AliasTable, nameKey, namesMatch, namesOf, sameName, stem, subjectsBefore, type FactContext } from '../facts/context';
import { compareFrames, describeFrame, differentWholes, frameOf, isWeakMeasure, otherEvents, placeForms, sourceFrame, type FactFrame, type Sameness } from '../facts/frame';
import { isContentWord, tokenize } from '../text/tokens';
import { commonPairs, queryKeys, valueKey } from '../facts/keys';
import { compareFigures, formatFigure, rangesOverlap } from '../facts/figures';
import { compareDates, weekdayOf } from '../facts/dates';
import { reporterDate, WEEKDAYS } from '../text/dateStyle';
import type { DateClaim, FactMatch, FactVerdict, FigureClaim } from './findings';
import type { FactCache } from './cache';
import { describeSource } from '../report/describe';
import { LEGAL_FORMS, ORG_NOUNS } from '../speakers/lexicon';
import { countryOf } from '../facts/places';
import { isRaceDistance, isSuccessiveOrdinal, tradingMoment } from '../facts/series';

export interface FactOptions {
  /** Report figures no source gives (`sourceCheck.unsourced.figures`). */
  unsourcedFigures: boolean;
  /** Report dates no source gives (`sourceCheck.unsourced.dates`). */
  unsourcedDates: boolean;
  /**
   * The draft's own date (ISO), when it gives one (front matter, or the caller): a figure without a
   * period of its own is about its article's time, and is contradicted only by one of the same days.
   */
  draftDate?: string;
}

export const DEFAULT_FACT_OPTIONS: FactOptions = { unsourcedFigures: true, unsourcedDates: true };

/** How strongly a source fact is about what the draft's fact is about; undefined when it is about something else. */
export interface Candidate {
  sf: SourceFact;
  about: number;
  /** Clearly about the same thing: enough to contradict the draft, not only to agree with it. */
  named: boolean;
  /** For a date: about the same event as clearly as `named` asks, though the source's weekday cannot be placed in time. */
  sameEvent?: boolean;
  /** For a date: each dates another word ("a transfer on Oct. 14", "announced Tuesday"): never a conflict. */
  otherEvent?: boolean;
  /**
   * The same fact, clearly enough to verify the draft's though not to contradict it: a source sentence giving
   * another of the draft sentence's figures too, or a figure of two significant digits or more ($916 million, 475
   * delegates: a round 30 percent or five million stands in countless facts of the same people) beside an owner in
   * common (where only words are shared, a fine of £2,500 may be the employers' or the smokers'); a date beside the
   * same person acting and a word of what they did ("Tokayev said in June that …"), or a day and month both write
   * beside the same owner and a word of the event.
   */
  verifies?: boolean;
  /**
   * For a date: both clauses name who acts (no guess from the sentence before), agree on it, and share
   * WEEKDAY_EVENT_WORDS words of the event: enough for a source's weekday to contradict the draft's date.
   */
  tiesWeekday?: boolean;
  /**
   * A restated sentence where each side names whose fact it is (in its clause or the sentence before it refers back
   * to) and the two are not tied by a name: a wire template filled in for someone else ("It reported earnings of 36
   * cts a share in 1986" after United Technologies; Regency Cruises' "earnings per share for the year 1986 were 36
   * cts"). It may agree, not verify.
   */
  ownerUnsure?: boolean;
}

export async function checkFacts(
  prose: string,
  sentences: readonly Span[],
  skip: ReadonlyArray<{ start: number; end: number }>,
  store: SourceStore,
  options: FactOptions = DEFAULT_FACT_OPTIONS,
  isCancelled: () => boolean = () => false,
  cache?: FactCache,
): Promise<Array<FigureClaim | DateClaim>> {
  // A store that keeps no facts gives no verdicts on them (rather than calling every figure unsourced).
  if (!store.facts || !store.aliases) return [];
  const generation = store.generation;
  const partial = (answer: object) => store.partial?.(answer) ?? false;
  // The draft's names, as extractFacts would gather them for the whole draft.
  const names = namesOf(prose, sentences);
  const corpus = await corpusNames(prose, sentences, store, cache);
  for (const n of corpus.names) names.add(n);
  // Names or aliases read from part of the sources bear on every claim: all are incomplete.
  let everyPartial = corpus.partial;
  let aliases: AliasTable | undefined;
  const lookup = lookupByKey(store, partial, cache, generation);
  const claims: Array<FigureClaim | DateClaim> = [];
  // Sentence by sentence (extractFacts reads each sentence on its own), so that a cached
  // sentence's claims can be reused: only the sentences an edit changed are read and checked again.
  read: for (let k = 0; k < sentences.length; k++) {
    const sentence = sentences[k];
    const { key: sentenceOnly, base } = sentenceKey(prose, sentence, names);
    // Verdicts depend on the draft's date too (sameOccasion).
    const key = options.draftDate ? `${sentenceOnly}\u0000${options.draftDate}` : sentenceOnly;
    let entry = cache?.sentence(generation, key);
    if (!entry) {
      // The sentence before, which a clause may refer back to ("It lost …"); read only on the same line, which the key holds.
      const facts = extractFacts(prose, [sentence], undefined, names, sentences[k - 1]);
      entry = { facts: facts.map((f) => shiftFact(f, -base)), claims: facts.map(() => undefined) };
      if (!corpus.partial) cache?.setSentence(generation, key, entry);
    }
    for (let i = 0; i < entry.facts.length; i++) {
      const rel = entry.facts[i];
      // A figure or date inside a quotation is checked as part of the quote.
      if (skip.some((q) => rel.start + base < q.end && q.start < rel.end + base)) continue;
      let claim = entry.claims[i];
      if (!claim) {
        if (isCancelled()) break read;
        const fact = shiftFact(rel, base);
        if (!aliases) {
          aliases = await store.aliases();
          everyPartial ||= partial(aliases);
        }
        // The sentence's other figures: a source sentence that gives two of them is the same statement.
        const siblings = entry.facts.filter((f, j): f is FigureFact => j !== i && f.kind === 'figure').map((f) => shiftFact(f, base) as FigureFact);
        // The frame's words are weighed by how many facts hold them (the lookup counts them, reads none of their facts).
        const frame = frameOf(fact, prose.slice(fact.sentence.start, fact.sentence.end));
        const weighed = [...frame.broad, ...(fact.kind === 'figure' && fact.figure.unit ? [stem(fact.figure.unit)] : []), ...[...frame.classWords.values()].flat(), ...frame.owners].map((w) => (frame.owners.includes(w) ? 'n:' + nameKey(w) : 'w:' + w));
        const found = await lookup([...queryKeys(fact, aliases), ...(fact.kind === 'figure' ? siblings.flatMap(valueKey) : [])], weighed);
        const fresh = fact.kind === 'figure' ? checkFigure(fact, found.facts, aliases, prose, found.common, siblings, options.draftDate) : checkDate(fact, found.facts, aliases, prose, found.common, options.draftDate);
        claim = shiftClaim(fresh, -base);
        // A verdict on part of the sources is checked again next time.
        if (found.partial || everyPartial) claim.incomplete = true;
        else entry.claims[i] = claim;
      }
      claims.push(shiftClaim(claim, base));
    }
  }
  if (everyPartial) for (const c of claims) c.incomplete = true;
  for (const c of claims) if (c.verdict === 'unsourced' && !c.quiet) c.quiet = c.kind === 'figure' ? !options.unsourcedFigures : !options.unsourcedDates;
  return claims;
}

/**
 * The store's facts under any of `keys`, asked key by key and kept for the check: a
 * draft's facts share a third of their keys (their names, a common value), and each
 * source fact the store returns is an object built for the answer. The union is taken
 * in key order, each key's facts in the store's order, dropping facts already given:
 * the answer MemoryIndex.facts(keys) gives; partial when any key's answer was. The keys too
 * common alone are also asked two by two (commonPairs), after the others.
 */
/**
 * A name held by facts of more than one source in seven (Trump, Clinton, Obama in a 2016
 * politics corpus, the UK in BBC business news), or a measure word held by facts of more
 * than one source in four ("candidates", "voters", "win"), is common: sharing it says
 * nothing about which fact is meant. Wales in BBC news (a tenth) and Luhansk in the seeds
 * are not. Set on the development drafts of PolNeAR and BBC (BENCHMARKS.md).
 */
const COMMON_MIN_FACTS = 30;
/** Whatever the corpus's size: a word in 500 facts is in too many to tell one from another (Reuters' "pct", "dlrs"). */
const COMMON_MAX_FACTS = 500;
const COMMON_NAME_FACTS_PER_SOURCE = 0.15;
const COMMON_WORD_FACTS_PER_SOURCE = 0.25;

/** Whether a key (`n:` a name's, `w:` a word's) held by this many facts of a store this size is common. */
function isCommonKey(key: string, count: number, size: number): boolean {
  return count > Math.min(COMMON_MAX_FACTS, Math.max(COMMON_MIN_FACTS, size * (key.startsWith('n:') ? COMMON_NAME_FACTS_PER_SOURCE : COMMON_WORD_FACTS_PER_SOURCE)));
}

/**
 * The names among `names` (normalised words) the corpus's facts hold too often to tell one matter from another
 * (Trump in 2016 politics). A store that cannot count says none is.
 */
export async function commonNames(store: SourceStore, names: readonly string[]): Promise<Set<string>> {
  const keys = names.map((n) => 'n:' + nameKey(n));
  const counts = (await store.factCounts?.(keys)) ?? [];
  return new Set(names.filter((_, i) => isCommonKey(keys[i], counts[i] ?? 0, store.size)));
}

function lookupByKey(
  store: SourceStore,
  partial: (answer: object) => boolean,
  cache: FactCache | undefined,
  generation: number,
): (keys: readonly string[], weighed?: readonly string[]) => Promise<{ facts: SourceFact[]; partial: boolean; common: (word: string) => boolean }> {
  const byKey = new Map<string, Promise<SourceFact[]>>();
  const ask = async (key: string): Promise<SourceFact[]> => {
    // Across checks of one document too (same store generation, same answer), unless partial.
    let answer = cache?.lookup(generation, key);
    if (!answer) {
      answer = await store.facts!([key]);
      if (!partial(answer)) cache?.setLookup(generation, key, answer);
    }
    return answer;
  };
  return async (keys, weighed = []) => {
    const seen = new Set<Fact>();
    const out: SourceFact[] = [];
    const distinct = [...new Set(keys)];
    const extra = [...new Set(weighed)].filter((k) => !distinct.includes(k));
    const allCounts = (await store.factCounts?.([...distinct, ...extra])) ?? [];
    const counts = allCounts.slice(0, distinct.length);
    let incomplete = partial(counts);
    // Every key asked at once (an archive answers them on several connections), read in key order.
    const lists = [...distinct, ...commonPairs(distinct, counts)].map((key) => {
      let list = byKey.get(key);
      if (!list) {
        byKey.set(key, (list = ask(key)));
        list.catch(() => undefined); // a failure is thrown where the list is read, not left unhandled
      }
      return list;
    });
    for (const list of lists) {
      const answer = await list;
      incomplete ||= partial(answer);
      for (const sf of answer) {
        if (seen.has(sf.fact)) continue;
        seen.add(sf.fact);
        out.push(sf);
      }
    }
    // A key word on many of the corpus's facts says little about which fact is meant.
    const frequent = new Set([...distinct, ...extra].filter((k, i) => isCommonKey(k, allCounts[i] ?? 0, store.size)));
    // Names are counted under their key (their spelling skeleton), words under themselves. Asked of the same few
    // words for each of a fact's candidates: answered once each.
    const known = new Map<string, boolean>();
    const common = (w: string) => {
      let is = known.get(w);
      if (is === undefined) known.set(w, (is = frequent.has('w:' + w) || frequent.has('n:' + nameKey(w))));
      return is;
    };
    return { facts: out, partial: incomplete, common };
  };
}

/**
 * What a sentence's facts and their verdicts are read from: the whole lines that hold it
 * (a figure's list numbering and a heading's # are read up to the line's ends), where the
 * sentence stands in them, whether they open the draft, and which of its words are names
 * of the draft (namesOf and corpusNames decide a sentence-initial name). `base` is where
 * the lines start: cached offsets are relative to it.
 */
function sentenceKey(prose: string, sentence: Span, names: ReadonlySet<string>): { key: string; base: number } {
  const base = prose.lastIndexOf('\n', sentence.start - 1) + 1;
  const lineEnd = prose.indexOf('\n', sentence.end);
  const end = lineEnd < 0 ? prose.length : lineEnd;
  let named = '';
  // From the line's start: the sentences before on the line give the names a clause may refer back to.
  for (const t of tokenize(prose, base, sentence.end)) if (names.has(t.norm)) named += t.norm + ' ';
  return { key: `${base === 0 ? 1 : 0}|${sentence.start - base}|${sentence.end - base}|${named}|${prose.slice(base, end)}`, base };
}

/** A fact moved by `delta` characters (facts hold no other draft offsets than these). */
function shiftFact(f: Fact, delta: number): Fact {
  if (delta === 0) return f;
  const sentence = { start: f.sentence.start + delta, end: f.sentence.end + delta };
  return f.kind === 'figure'
    ? { ...f, start: f.start + delta, end: f.end + delta, numStart: f.numStart + delta, numEnd: f.numEnd + delta, sentence }
    : { ...f, start: f.start + delta, end: f.end + delta, sentence };
}

/** A claim moved by `delta` characters: its range and its fixes' ranges (source locations stay). A copy even when unmoved: callers mark claims. */
function shiftClaim<C extends FigureClaim | DateClaim>(c: C, delta: number): C {
  const move = (m: FactMatch): FactMatch => (m.fix && delta !== 0 ? { ...m, fix: { ...m.fix, start: m.fix.start + delta, end: m.fix.end + delta } } : m);
  const moved: C = { ...c, start: c.start + delta, end: c.end + delta, others: c.others.map(move), conflicting: c.conflicting.map(move) };
  if (c.best) moved.best = move(c.best);
  return moved;
}

/**
 * Capitalised words opening a draft's sentences that the sources use as names
 * ("Smadiyarov said …"): a draft is too short to tell them from ordinary words itself.
 */
async function corpusNames(prose: string, sentences: readonly Span[], store: SourceStore, cache?: FactCache): Promise<{ names: Set<string>; partial: boolean }> {
  const names = new Set<string>();
  let partial = false;
  for (const s of sentences) {
    const first = tokenize(prose, s.start, Math.min(s.end, s.start + 40))[0];
    if (!first || !first.capital || !isContentWord(first.norm) || /\d/.test(first.norm)) continue;
    // "Brazil's trade surplus": the name without its possessive.
    const norm = /['’]s$/.test(prose.slice(first.start, first.end)) ? first.norm.slice(0, -1) : first.norm;
    let isName = cache?.corpusName(store.generation, norm);
    if (isName === undefined) {
      const found = (await store.facts?.(['n:' + nameKey(norm)])) ?? [];
      isName = found.some((f) => f.fact.context.entities.some((e) => sameName(e, norm)));
      if (store.partial?.(found)) partial = true;
      else cache?.setCorpusName(store.generation, norm, isName);
    }
    if (isName) names.add(norm);
  }
  return { names, partial };
}

// ---- Aboutness -------------------------------------------------------------------

function sharedNames(a: readonly string[], b: readonly string[], aliases: AliasTable): number {
  let n = 0;
  for (const name of a) if (hasNameIn(b, name, aliases)) n++;
  return n;
}

/**
 * hasName, remembered per alias table by (name, other name): a draft fact meets the same
 * few hundred source names across its thousand candidates, and each comparison runs the
 * spelling rules (sameName) over each name and the other's long forms (namesMatch). Alias
 * tables are rebuilt, never changed, when the sources change: the WeakMap forgets old ones.
 */
const nameMatches = new WeakMap<AliasTable, { size: number; byName: Map<string, Map<string, boolean>> }>();
const MAX_NAME_MATCHES = 500_000;

function hasNameIn(names: readonly string[], name: string, aliases: AliasTable): boolean {
  let memo = nameMatches.get(aliases);
  if (!memo || memo.size > MAX_NAME_MATCHES) nameMatches.set(aliases, (memo = { size: 0, byName: new Map() }));
  let known = memo.byName.get(name);
  if (!known) memo.byName.set(name, (known = new Map()));
  for (const n of names) {
    let match = known.get(n);
    if (match === undefined) {
      match = namesMatch(n, name, aliases);
      known.set(n, match);
      memo.size++;
    }
    if (match) return true;
  }
  return false;
}

/**
 * The nouns between a count and its counted noun that make it a kind of that noun ("league" in "nine league goals"):
 * lower-case words but a scale ("mln", "m") and what reads as an adjective, which describes the same things ("four
 * occupied regions", "four eastern Ukrainian regions" are the draft's "five regions" miscounted).
 */
function qualifiers(f: FigureFact): string[] {
  const words = f.text.slice(f.numEnd - f.start).match(/\p{L}+/gu) ?? [];
  return words.slice(0, -1).filter((w) => w === w.toLowerCase() && !SCALE_WORDS.has(w) && !ADJECTIVE.test(w) && !PLAIN_ADJECTIVES.has(w));
}
const SCALE_WORDS = new Set('m bn k mn mln bln million billion thousand hundred trillion dozen'.split(' '));
const ADJECTIVE = /(?:ed|ing|ern|an|ese|ish|al|ic|ous|ive|ful|less|able|ible|ary|est|er)$/;
const PLAIN_ADJECTIVES = new Set('new old more other further extra additional big small large major key top first last next single full front'.split(' '));

/** Two counts of one noun, one a kind of it the other is not ("nine league goals" / "11 goals"). */
function qualifiedOtherwise(d: FigureFact, s: FigureFact): boolean {
  const a = qualifiers(d);
  const b = qualifiers(s);
  return a.length !== b.length || a.some((w) => !b.includes(w));
}

/** Whether two counted nouns are one ("regions" / "region"), remembered: a draft's few units meet thousands of source figures. */
const units = new Map<string, boolean>();
function sameUnit(du: string, su: string): boolean {
  const key = du + '\u0000' + su;
  let same = units.get(key);
  if (same === undefined) {
    if (units.size > 100_000) units.clear();
    units.set(key, (same = stemOf(du) === stemOf(su) || sameName(du, su)));
  }
  return same;
}

/** stem() of a unit or key word: the same few thousand words recur in every comparison. */
const stems = new Map<string, string>();
function stemOf(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size > 100_000) stems.clear();
    stems.set(word, (s = stem(word)));
  }
  return s;
}

/**
 * Whether two facts' names say they are about different things: each has names in its
 * clause, they share none, or the name nearest each is absent from the other's sentence
 * (99.23% "in Luhansk" vs "in the Donetsk region").
 */
function namesConflict(d: Fact, s: Fact, aliases: AliasTable): boolean {
  const ds = d.context.subject;
  const ss = s.context.subject;
  // A date is about who acts: "Smadiyarov said on …" is not "Tokayev said in …".
  if (d.kind === 'date' && d.context.actor && s.context.actor && !hasNameIn([s.context.actor], d.context.actor, aliases)) return true;
  if (ds.length === 0 || ss.length === 0) return false;
  if (sharedNames(ds, s.context.entities, aliases) === 0 && sharedNames(ss, d.context.entities, aliases) === 0) return true;
  // A figure is about the name nearest it ("99.23% in Luhansk" is not "99.23% in the Donetsk region").
  if (d.kind !== 'figure') return false;
  const dn = d.context.nearest;
  const sn = s.context.nearest;
  return !!dn && !!sn && !hasNameIn(s.context.entities, dn, aliases) && !hasNameIn(d.context.entities, sn, aliases);
}

/**
 * A draft sentence that restates a source sentence (three quarters of the shorter's key
 * words and half of the longer's, the same number of figures) restates its facts in the
 * same places: the third figure of one is about what the third of the other is, whatever
 * the clause around it says.
 */
/** Key words a restated sentence shares at least: "imports 1.08 billion" restates nothing. */
const MIN_RESTATED = 3;

/** Key words and names (the owner's among them) two sentences share besides the counted noun, for an owner and noun alone to contradict. */
const UNIT_ONLY_SHARED = 3;

/** What joins the items of a list: ", ", " and ", ", and ". */
const LIST_JOINT = /^(?:\s*,\s*|\s+and\s+|\s*,\s+and\s+)$/;

/**
 * The sum of the counts listed one after the other with `fact` in its sentence ("three gold medals and two bronzes"),
 * or undefined when it stands in no list: not a range ("2 to 3"), nor counts a sentence merely has together ("two
 * Telegraph titles … employ 521 journalists").
 */
function listedSum(facts: readonly Fact[], fact: Fact, sentence: string): number | undefined {
  const byStart = new Map<number, FigureFact>();
  for (const f of facts) if (f.kind === 'figure' && f.figure.kind === 'count' && f.sentence.start === fact.sentence.start) byStart.set(f.start, f);
  const parts = [...byStart.values()].sort((a, b) => a.start - b.start);
  const at = parts.findIndex((f) => f.start === fact.start);
  if (at < 0) return undefined;
  const listed = (a: Fact, b: Fact) => LIST_JOINT.test(sentence.slice(a.end - a.sentence.start, b.start - b.sentence.start));
  let [from, to] = [at, at];
  while (from > 0 && listed(parts[from - 1], parts[from])) from--;
  while (to + 1 < parts.length && listed(parts[to], parts[to + 1])) to++;
  return to > from ? parts.slice(from, to + 1).reduce((sum, f) => sum + f.figure.value, 0) : undefined;
}

/** The source's figure is a rate per the draft's counted noun ("29 cents a share" for "29 shares"): no count of it. */
function ratePer(sf: SourceFact, unit: string): boolean {
  const after = sf.sentence.slice(sf.fact.end - sf.fact.sentence.start, sf.fact.end - sf.fact.sentence.start + 24);
  const noun = /^\s+(?:a|an|per|each)\s+([A-Za-z]+)/.exec(after)?.[1];
  return !!noun && stemOf(noun.toLowerCase()) === stemOf(unit);
}

function restates(d: Fact, s: Fact): boolean {
  const dw = d.context.sentenceWords;
  // The cheap tests first: most candidates stand in another place of another sentence.
  if (dw.length < MIN_RESTATED || d.context.slots !== s.context.slots || d.context.slot !== s.context.slot) return false;
  const sw = new Set(s.context.sentenceWords);
  if (sw.size < MIN_RESTATED) return false;
  const shared = dw.filter((w) => sw.has(w));
  if (shared.length < MIN_RESTATED || shared.length / Math.min(dw.length, sw.size) < 0.75 || shared.length / Math.max(dw.length, sw.size) < 0.5) return false;
  // Two of the words in common must say something: words beside any figure ("mln", "dlrs", "pct") restate nothing
  // ("Up to 100 mln dlrs was sometimes involved" is not "the acquisition involves about 84 mln dlrs"), unless the
  // sentence is copied ("passenger numbers rose 8.1% in January").
  return shared.filter((w) => !isWeakMeasure(w)).length >= 2 || nearVerbatim(d, s);
}


/**
 * Whether a source figure is about what the draft's figure is about (facts/frame.ts): the
 * same kind, unit and currency, no other owner, period or direction; agreeing takes an owner
 * in common and a measure word, or (with no owner on either side) two measure words besides
 * the counted noun; contradicting (`named`) takes the same owner on both sides, nearest to each
 * figure, and a measure in common. A figure that merely shares its number or a word with a
 * source fact is about something else: it is neither verified nor contradicted by it.
 */
export function figureCandidate(d: FigureFact, sf: SourceFact, aliases: AliasTable, draftSentence = '', common?: (word: string) => boolean, paired = false, draftBefore?: string): Candidate | undefined {
  const s = sf.fact;
  if (s.kind !== 'figure' || s.figure.kind !== d.figure.kind) return undefined;
  // Money in different currencies is not comparable ($143m is not £75m).
  if (d.figure.kind === 'money' && d.figure.currency !== s.figure.currency) return undefined;
  // Nor is a margin in percentage points with a share in per cent ("by nearly 20 percentage points" / "more than 85%").
  if (d.figure.kind === 'percent' && POINTS.test(d.text) !== POINTS.test(s.text)) return undefined;
  const du = d.figure.unit;
  const su = s.figure.unit;
  let unitScore = 0;
  if (du && su) {
    // Different counted nouns are different things ("four regions" is not "two self-proclaimed republics"),
    // unless the source's clause names the draft's noun ("193 UN members" for "193 states that are members"):
    // that may agree, never contradict.
    if (sameUnit(du, su)) unitScore = 2;
    else if (s.context.words.includes(stemOf(du)) && !ratePer(sf, du)) unitScore = 1;
    else return undefined;
  } else if (d.figure.kind === 'count' || d.figure.kind === 'ordinal') {
    if (du || su) return undefined;
  }
  const same = sameness(d, draftSentence, sf, aliases, common);
  if (!same) return undefined;
  // A bare small number of the draft's own ("blacks 45 and older": an age, a rank) is paired by its sentence's other
  // figures only where an owner ties the two sentences.
  if (paired && !telling(d.figure) && !du && same.owner !== 'same' && same.owner !== 'shared') paired = false;
  // A share or count of another whole is another figure, whatever else the clauses share.
  if (differentWholes(frameOf(d, draftSentence), sourceFrame(sf), d.figure.kind === 'money')) return undefined;
  if (restates(d, s) && !same.periodOneSided && !otherPoll(same) && !same.scopeConflict) {
    const elsewhere = otherSubjects(d, draftBefore, sf, aliases);
    const owned = !elsewhere && ownedAlike(same, d, draftSentence, sf, aliases, common);
    // A wire template filled in for another company ("In 1986 it reported revenue of …") restates nothing of it.
    if (!owned && bothNamed(d, sf)) return undefined;
    // Another counted noun the source's clause names ("42.7 trillion calculations per second (teraflops)") may agree, never contradict.
    const named = unitScore !== 1 && !(unitScore === 2 && qualifiedOtherwise(d, s)) && owned && someoneNamed(d, draftSentence, sf) && !eachNamesAnother(d, draftSentence, sf, aliases, common);
    return { sf, about: RESTATED + d.context.sentenceWords.length, named, ownerUnsure: elsewhere || (!owned && bothOwned(d, draftSentence, sf)) };
  }
  // Measure words besides the counted noun, which both already share.
  const measure = same.measure - (unitScore === 2 ? 1 : 0);
  const broad = same.broad - (unitScore === 2 ? 1 : 0);
  const owned = same.owner === 'same' || same.owner === 'shared';
  // Agreeing takes nearly what contradicting does, from the clauses' wider words: the same owner and a measure
  // (the counted noun is one), a shared owner and two measure words, or, where only one clause names anyone, three.
  // A figure merely equal to a source's is not verified by it: most such pairs are about different things.
  if (same.pollConflict) return undefined;
  const oneNamed = same.owner === 'unknown' && (frameOf(d, draftSentence).owners.length === 0) !== (sourceFrame(sf).owners.length === 0);
  // Or the source sentence gives another of the draft sentence's figures too: one statement, restated.
  // On real prose the sentence's wider words tie a figure to any fact of the same people: agreeing takes words of
  // the figure's own clause (measure), as contradicting does.
  const agrees = paired || (same.owner === 'same' ? measure >= 1 || unitScore === 2 : same.owner === 'shared' ? measure >= 2 : oneNamed && measure >= 3);
  const distinctiveUnit = distinctiveUnitOf(d, sf, draftSentence, common);
  // A contradiction also needs a figure that says what it counts (a bare "57" may be an age, a score or a count).
  const countsSomething = (d.figure.kind === 'percent' || d.figure.kind === 'money' || !!du) && unitScore !== 1;
  // A figure one clause places ("outside the US") and the other does not is another quantity.
  // Nor is a difference ("the extra £13 billion") a level, and a rank ("world number seven") is one week's.
  const careful =
    countsSomething &&
    !same.periodOneSided &&
    !same.pollConflict &&
    !same.scopeConflict &&
    !same.differenceConflict &&
    !frameOf(d, draftSentence).rank &&
    !sourceFrame(sf).rank &&
    !eachNamesAnother(d, draftSentence, sf, aliases, common);
  // An owner only shared (each clause's nearest name another) and three measure words in common: enough to verify
  // ("the referendums held in four occupied regions"), not to contradict unless one clause's names are all in the
  // other's. A name the clauses merely have in common ("hedge fund manager S. Donald Sussman ($20.6 million)" among
  // her donors, his $19 million to a PAC) is not the same quantity.
  const sharedOwner = same.owner === 'shared' && measure >= 3 && measure - same.directions >= 2;
  // A day's trading ("closed at 11,740.60 points", "shares rose 4%") is another day's in any sentence that does not
  // restate it: the corpus's prices and moves of one share or index are many days'.
  const oneDay = !frameOf(d, draftSentence).trading && !sourceFrame(sf).trading;
  // The same owner and counted noun, rare enough to tell and nearest the figure on both sides: one quantity for
  // agreeing (Tymoshenko's 3,000 firms, the four Britons of Guantanamo Bay). On real prose an owner's counts of one
  // noun are many (the BBC's nominations in two awards, England's appearances, UKIP's MEPs before and after a vote):
  // contradicting takes a word of the measure besides the noun ("carried … passengers") or more of the two sentences
  // in common (the 25th forum of the same two leaders).
  const ownedUnit = careful && oneDay && same.owner === 'same' && unitScore === 2 && distinctiveUnit;
  const tied =
    careful &&
    oneDay &&
    // The measure is what changed (sales, profit), not which way: "rose" alone ties a figure to any of the owner's rises.
    // A source sentence that gives another of the draft sentence's figures, with the same counted noun, is the
    // statement the draft restates ("over 600 countries instead of the 193 states"): its figure can contradict.
    // One word of the measure in common ties a figure to any other of the owner's ("debt" of a bail-out and of a
    // bad-debt total): it takes a second, a class of synonyms ("paid", "bought"), or the sentence copied.
    ((same.owner === 'same' &&
      (measure - same.directions >= 2 ||
        (measure - same.directions >= 1 && (same.classes > same.directions || nearVerbatim(d, s))) ||
        (ownedUnit && (measure >= 1 || sharedKeyWords(d, s, common) >= UNIT_ONLY_SHARED)))) ||
      (sharedOwner && same.nested) ||
      (paired && unitScore === 2 && overlap(d, s) >= 0.6));
  // An owner written only inside one figure ("12 Oscar nominations") may be the award, not whose they are: it
  // verifies ("six Scottish regiments" / "Scotland's six … regiments"), never contradicts. Nor does a count of the
  // same noun qualified otherwise ("nine league goals" / "11 goals": a part of the whole).
  const strong = tied && !same.inFigureOnly && !(unitScore === 2 && qualifiedOtherwise(d, s));
  if (!agrees && !tied) return undefined;
  // An owner only shared verifies where neither clause names someone the other sentence never does.
  const ownedAsSaid = same.owner === 'same' || (same.owner === 'shared' && !eachNamesAnother(d, draftSentence, sf, aliases, common));
  return { sf, about: (same.owner === 'same' ? 6 : owned ? 3 : 0) + broad + unitScore, named: strong, verifies: paired || (ownedAsSaid && significantDigits(d.figure.value) >= 2) || (careful && sharedOwner) || ownedUnit || tied };
}

/**
 * Each clause has an owner, rare enough to tell, that the other sentence never names ("The Incredibles took $300m
 * outside the US" / "Shrek 2 and The Incredibles took $436m"; "Delta, Continental and American Airlines" / "Singapore
 * Airlines"): two owners' figures, or one owner's in two settings, may agree by chance but never contradict.
 */
function eachNamesAnother(d: Fact, draftSentence: string, sf: SourceFact, aliases: AliasTable, common?: (word: string) => boolean): boolean {
  const own = (frame: FactFrame, other: Fact) =>
    // Owners carried from the sentence before are a guess: they keep nothing apart.
    !frame.ownersCarried && rareNameMissing(frame.owners, otherNames(other), aliases, common);
  return own(frameOf(d, draftSentence), sf.fact) && own(sourceFrame(sf), d);
}

/** Whether one of `names`, rare enough to tell and no institution's common noun, is not among `others`. */
function rareNameMissing(names: readonly string[], others: readonly string[], aliases: AliasTable, common?: (word: string) => boolean): boolean {
  return names.some((n) => !common?.(n) && !ORG_NOUNS.has(n) && !hasNameIn(others, n, aliases));
}

/** A fact's sentence's names, with the places its demonyms name (the frame's owners read "Welsh" as Wales). */
function otherNames(f: Fact): string[] {
  return [...f.context.entities, ...f.context.entities.flatMap(placeForms)];
}

/** A counted noun that says what is counted ("ferries", not "times" or "points"), in few of the corpus's facts. */
function distinctiveUnitOf(d: FigureFact, sf: SourceFact, draftSentence: string, common?: (word: string) => boolean): boolean {
  const du = d.figure.unit;
  return !!du && !isWeakMeasure(stemOf(du)) && !common?.(stemOf(du)) && !frameOf(d, draftSentence).nearestIsDemonym && !sourceFrame(sf).nearestIsDemonym;
}

/** How a draft fact's frame and a source fact's compare (facts/frame.ts), names matched through the alias table. */
function compareFacts(d: Fact, draftSentence: string, sf: SourceFact, aliases: AliasTable, common?: (word: string) => boolean): Sameness {
  return compareFrames(frameOf(d, draftSentence), sourceFrame(sf), (names, n) => hasNameIn(names, n, aliases), common);
}

/**
 * The frames of a draft fact and a source fact compared; undefined when they are about
 * different things (another owner, period or direction).
 */
function sameness(d: Fact, draftSentence: string, sf: SourceFact, aliases: AliasTable, common?: (word: string) => boolean): Sameness | undefined {
  const same = compareFacts(d, draftSentence, sf, aliases, common);
  return same.owner === 'conflict' || same.periodConflict || same.periodUnplaced || same.directionConflict ? undefined : same;
}

/**
 * A restated sentence is about another poll only where a pollster says so: two sentences copied from one report of an
 * unnamed survey ("In the survey, …") are one.
 */
function otherPoll(same: Sameness): boolean {
  return same.pollConflict && !same.pollsUnnamed;
}

/** Both clauses name the owner: the same one, or one clause's names all in the other's. */
function ownedInClause(d: Fact, draftSentence: string, sf: SourceFact, aliases: AliasTable, common?: (word: string) => boolean): boolean {
  const same = sameness(d, draftSentence, sf, aliases, common);
  return !!same && (same.owner === 'same' || (same.owner === 'shared' && same.nested));
}

/** Both facts' frames have an owner, in the clause or carried from the sentence before. */
function bothOwned(d: Fact, draftSentence: string, sf: SourceFact): boolean {
  return frameOf(d, draftSentence).owners.length > 0 && sourceFrame(sf).owners.length > 0;
}

/**
 * One sentence at least names someone, or the draft copies the source's sentence but for the fact: a line reworded
 * that names no one on either side ("1985 fl-yr net includes gain of 10.1 mln dlrs" / "1985 net includes
 * extraordinary gain of 2.5 mln dlrs") is any company's table note, and may agree but never contradict.
 */
function someoneNamed(d: Fact, draftSentence: string, sf: SourceFact): boolean {
  if (d.context.entities.length > 0 || sf.fact.context.entities.length > 0) return true;
  return copiedWords(d, draftSentence) === copiedWords(sf.fact, sf.sentence);
}

/** A fact's sentence without the fact, as words: what a copy of it keeps. */
function copiedWords(f: Fact, sentence: string): string {
  return withoutFact(f, sentence).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The draft's line before a fact's sentence (the sentence cache's key holds it): whom a sentence naming no one is about. */
function lineBefore(prose: string, d: Fact): string {
  return prose.slice(prose.lastIndexOf('\n', d.sentence.start - 1) + 1, d.sentence.start);
}

/**
 * A sentence that names no one, copied word for word after a sentence that names someone, where the source's names
 * other people: a template filled in for two owners ("The company currently has 14 mln shares outstanding" after
 * River Oaks, "… about 3.9 mln shares" after Possis). A sentence reworded is a reporter's restatement, whatever the
 * sentences before it name ("voter turnout, which fell to 59% in the last general election in 2001"). Not known
 * where the store keeps no text before its fact, or the draft's line names no one before the sentence.
 */
function otherSubjects(d: Fact, draftBefore: string | undefined, sf: SourceFact, aliases: AliasTable): boolean {
  if (draftBefore === undefined || d.context.entities.length > 0 || sf.fact.context.entities.length > 0 || !nearVerbatim(d, sf.fact)) return false;
  const before = sf.before;
  if (before === undefined) return false;
  const mine = subjectsBefore(draftBefore);
  const theirs = mine.length === 0 ? [] : subjectsBefore(before);
  return theirs.length > 0 && !mine.some((n) => hasNameIn(theirs, n, aliases));
}

/** Both sentences name someone (so a restatement about neither's owner is about two owners). */
function bothNamed(d: Fact, sf: SourceFact): boolean {
  return d.context.entities.length > 0 && sf.fact.context.entities.length > 0;
}

/**
 * A restated sentence is the same fact only about the same owner: wire copy repeats one
 * sentence for many companies and countries ("In 1986 exports totalled …"). The clauses'
 * owners agree, or the two sentences share a name rare enough to tell (common() is false).
 */
function ownedAlike(same: Sameness, d: Fact, draftSentence: string, sf: SourceFact, aliases: AliasTable, common?: (word: string) => boolean): boolean {
  const s = sf.fact;
  // Demonyms read as their places ("Welsh" names Wales).
  const names = (f: Fact) => f.context.entities.map((n) => countryOf(n) ?? n);
  // A template filled in for another owner: each sentence names someone rare the other does not (Hokkaido Bank / Gunma
  // Bank). Where the clauses share an owner (their lead manager, Nomura), another of the sentences' numbers must differ
  // too (a 30 and a 50 mln dlr issue): "Bongard … were charged with 82 counts" and "Warner and two other officials were
  // charged with 82 counts" are one indictment.
  const eachNamesOther = rareNameMissing(names(d), otherNames(s), aliases, common) && rareNameMissing(names(s), otherNames(d), aliases, common);
  if (same.owner === 'same' || same.owner === 'shared') return !(eachNamesOther && otherNumbersDiffer(d, draftSentence, s, sf.sentence));
  if (eachNamesOther) return false;
  if (nearVerbatim(d, s)) return true;
  return d.context.entities.some((n) => !common?.(n) && hasNameIn(s.context.entities, n, aliases));
}

/** The numbers of each fact's sentence but its own. */
function otherNumbers(f: Fact, sentence: string): string[] {
  return numbersIn(withoutFact(f, sentence));
}

/** A fact's sentence with the fact left out. */
function withoutFact(f: Fact, sentence: string): string {
  const at = f.start - f.sentence.start;
  return sentence.slice(0, at) + ' ' + sentence.slice(at + f.text.length);
}

/** Both sentences give other numbers, and not the same ones. */
function otherNumbersDiffer(d: Fact, draftSentence: string, s: Fact, sourceSentence: string): boolean {
  const a = otherNumbers(d, draftSentence);
  const b = otherNumbers(s, sourceSentence);
  return a.length > 0 && b.length > 0 && (a.some((n) => !b.includes(n)) || b.some((n) => !a.includes(n)));
}

/**
 * A sentence copied with little changed but a number ("The airline made a pre-tax profit of £77m"
 * for £75m): nine in ten of the words of each, three at least. A template that wire copy fills
 * in for many companies shares its few words too, but rarely nine in ten of a longer sentence.
 */
function nearVerbatim(d: Fact, s: Fact): boolean {
  const dw = wordsAndNames(d);
  const sw = wordsAndNames(s);
  const shared = dw.filter((w) => sw.includes(w)).length;
  return shared >= 3 && shared / Math.min(dw.length, sw.length) >= 0.9 && shared / Math.max(dw.length, sw.length) >= 0.8;
}

/**
 * A sentence's key words and names, stemmed alike: the draft and a source may tell a word opening a
 * sentence ("World indoor 60m hurdles champion") from a name differently, and a sentence copied is the same either way.
 */
const spelledAlike = new WeakMap<FactContext, string[]>();
function wordsAndNames(f: Fact): string[] {
  let all = spelledAlike.get(f.context);
  if (!all) spelledAlike.set(f.context, (all = [...new Set([...f.context.sentenceWords, ...f.context.entities.map(stemOf)])]));
  return all;
}

/**
 * Key words and names both sentences hold, but the figures' units, words that stand beside any figure ("mln", "dlrs")
 * and names the corpus holds everywhere (the US in BBC news: "four Britons freed from US custody" and "two Britons"
 * of a US court ruling share it and Guantanamo Bay, and are two counts).
 */
function sharedKeyWords(a: Fact, b: Fact, common?: (word: string) => boolean): number {
  const units = new Set([a, b].flatMap((f) => (f.kind === 'figure' && f.figure.unit ? [stemOf(f.figure.unit)] : [])));
  const everywhere = new Set(common ? a.context.entities.filter(common).map(stemOf) : []);
  const other = wordsAndNames(b);
  return wordsAndNames(a).filter((w) => !isWeakMeasure(w) && !units.has(w) && !everywhere.has(w) && other.includes(w)).length;
}

/** The share of the draft sentence's key words that the source sentence holds. */
function overlap(d: Fact, s: Fact): number {
  const dw = d.context.sentenceWords;
  return dw.length === 0 ? 0 : dw.filter((w) => s.context.sentenceWords.includes(w)).length / dw.length;
}

/** The aboutness of a restated sentence: above anything names and words alone can score. */
const RESTATED = 100;

/**
 * Whether a source date is about the event the draft's date is about: no other actor or
 * owner; agreeing takes an owner or actor in common and a word of the event, or two event
 * words; contradicting (`named`) takes the same owner or actor and a word of the event
 * ("began" and "started" are one), or, where neither clause names anyone, two.
 */
export function dateCandidate(d: DateFact, sf: SourceFact, aliases: AliasTable, draftSentence = '', common?: (word: string) => boolean, draftBefore?: string): Candidate | undefined {
  const s = sf.fact;
  if (s.kind !== 'date') return undefined;
  // A draft's bare weekday and a source's unplaced one ("Tuesday" in an undated article) say nothing of each other.
  if (d.date.month === undefined && d.date.day === undefined && s.relative && s.date.day === undefined) return undefined;
  // A date is about who acts: "Smadiyarov said on …" is not "Tokayev said in …".
  // The same actor is evidence only when the actor is not in a good part of the corpus's facts (Trump in 2016 politics).
  // Nor when it names no one in particular (an institution's noun, a company's legal form, a ticker's letter).
  const actorSame = !!d.context.actor && !!s.context.actor && hasNameIn([s.context.actor], d.context.actor, aliases) && !common?.(d.context.actor) && namesSomeone(d.context.actor);
  if (d.context.actor && s.context.actor && !actorSame) return undefined;
  // A year or a month alone ("in 2012", "in January") stands in a thousand events of the same people: agreeing
  // takes the person who acts in one (the name before its reporting verb: "Tokayev said in June") named in the
  // other, or the same owner and two words of the event's own clause.
  // A year or a month alone contradicts only in a restated sentence (below).
  const partial = (d.date.day === undefined && d.date.weekday === undefined) || (s.date.day === undefined && s.date.weekday === undefined);
  // A source's year or month it did not write ("in December" in a 2015 article, "the quarter ending June 30" in a
  // 1987 one) is no evidence for a draft's "2015" or "June 30, 1986".
  const inferred =
    ((s.relative || !!s.how) && d.date.day === undefined && d.date.weekday === undefined) || (d.date.year !== undefined && !s.relative && !writesYear(s.text) && !!s.how);
  // A weekday in an undated source says nothing of a month or a year.
  const unplaced = s.relative && s.date.day === undefined && d.date.day === undefined && d.date.weekday === undefined;
  // What the dates alone rule out is ruled out before the clauses are read (a large archive gives a draft's date
  // thousands of candidates): only a restated sentence may still agree.
  const restated = restates(d, s);
  if (!restated && (unplaced || (inferred && partial))) return undefined;
  const same = sameness(d, draftSentence, sf, aliases, common);
  if (!same) return undefined;
  if (restated && !otherPoll(same)) {
    const elsewhere = otherSubjects(d, draftBefore, sf, aliases);
    const owned = !elsewhere && ownedAlike(same, d, draftSentence, sf, aliases, common);
    if (!owned && bothNamed(d, sf)) return undefined;
    return { sf, about: RESTATED + d.context.sentenceWords.length, named: owned && someoneNamed(d, draftSentence, sf) && !(s.relative && s.date.day === undefined), sameEvent: owned, ownerUnsure: elsewhere || (!owned && bothOwned(d, draftSentence, sf)) };
  }
  const owned = actorSame || same.owner === 'same' || same.owner === 'shared';
  if (same.pollConflict) return undefined;
  // Agreeing, as for figures: who and what, from the clauses' wider words; a year or a month alone takes a word more.
  const wide = (d.date.day === undefined && d.date.weekday === undefined) || (s.date.day === undefined && s.date.weekday === undefined) ? 1 : 0;
  // The same value beside the same rare name, nearest the date on one side at least ("Tokayev said in June",
  // "At the St Petersburg forum in June, Tokayev …"), agrees without more.
  // The actor of one (the name before its reporting verb) among the other's names counts as much.
  const actorIn = (actor: string | undefined, frame: FactFrame) => !!actor && namesSomeone(actor) && !common?.(actor) && hasNameIn(frame.owners, actor, aliases);
  // A draft's bare weekday ("said on Tuesday") meets one day in seven of any dated source: only the same
  // actor or owner and a word of the event tie it to one.
  const bareWeekday = isBareWeekday(d.date);
  const agrees = inferred
    ? false
    : partial
    ? // Who acted, and a word of what they did: a year beside the same people, or a month beside the same institution
      // ("the OECD said … in 1986"), stands in every one of their statements; a person's month ("Tokayev said in June")
      // in few.
      ((actorSame || actorIn(s.context.actor, frameOf(d, draftSentence)) || actorIn(d.context.actor, sourceFrame(sf))) &&
        (same.measure >= 1 || (d.date.month !== undefined && !(isInstitution(d.context.actor, draftSentence) || isInstitution(s.context.actor, sf.sentence))))) ||
      ((same.owner === 'same' || same.nearestShared) && same.measure >= 2)
    : bareWeekday
    ? (actorSame || same.owner === 'same') && same.broad >= 1
    : actorIn(s.context.actor, frameOf(d, draftSentence)) ||
    actorIn(d.context.actor, sourceFrame(sf)) ||
    (same.nearestShared && same.measure >= 1 + wide) ||
    (actorSame || same.owner === 'same'
      ? same.broad >= 1 + wide
      : same.owner === 'shared'
        ? same.broad >= 2 + wide
        : (frameOf(d, draftSentence).owners.length === 0) !== (sourceFrame(sf).owners.length === 0) && same.broad >= 3 + wide);
  // A source's weekday in an undated article cannot be placed in time: it may agree, never contradict.
  const placed = !(s.relative && s.date.day === undefined);
  // Two words of the event besides an owner: on real prose one ("visit", "deal") ties a date to another event of the
  // same people. The same speaker saying something (the actor of a reporting verb) takes one.
  const need = actorSame ? 1 : 2;
  // A date's part in a span must be the same: "from 2005 levels" is a baseline, "in 2025" a target.
  // Who is part of the event: the same actor or owner, or an owner only shared and three words of the event in
  // common (two where one clause's names are all in the other's: "Kazakhstan … UN General Assembly"). A draft clause
  // that names no one ("The referendums began on …") meets a source's that does on the event's verb and a word more;
  // two clauses that name no one are any company's "payment date".
  const df = frameOf(d, draftSentence);
  const sfr = sourceFrame(sf);
  // "Watanabe told Reuters" in both sentences names the speaker, not the event: a verb of saying is a word of the event
  // only where both dates date the saying ("said on 26 September"), not a deregulation's date and a term's end.
  const eventWords = same.measure - (df.event === '~say' && sfr.event === '~say' ? 0 : same.sayings);
  // Only the draft may leave out who ("The referendums began on …"): a source that names no one may be about anyone.
  // And only where the draft's sentence names no one else: "Castro's government will charge 10% … starting on
  // 9 November" is not about whoever a source's "year beginning 1 October" belongs to.
  // (By a word that says which: the draft's "Frankfurt Stock Exchange" is no source's "LSE" for "stock" and "exchange".)
  const oneNamed =
    df.owners.length === 0 && sfr.owners.length > 0 && same.owner === 'unknown' && (d.context.entities.length === 0 || sfr.owners.some((n) => hasNameIn(d.context.entities.filter(namesWhich), n, aliases)));
  // A draft's weekday (which a draft cannot place) is about the same event only with the same owner or actor: it
  // stands in too many events to be tied to one by its words. A year or a month alone never is (restated above).
  const loose = d.relative && d.date.day === undefined;
  // Each date beside the word it dates, and two words: two events of the same people ("a transfer on Oct. 14", "the
  // party announced Tuesday"), however many words their clauses share. They may agree (the same day), not conflict.
  const otherEvent = otherEvents(df, sfr);
  const sameEvent =
    df.role === sfr.role &&
    !partial &&
    (actorSame || same.owner === 'same'
      ? eventWords >= need
      : !loose && (same.owner === 'shared' ? same.measure >= (same.nested ? 2 : 3) : oneNamed && same.measure >= 2 && sharesEventClass(df, sfr)));
  if (!agrees && !sameEvent) return undefined;
  const daysWritten = d.date.day !== undefined && s.date.day !== undefined && !s.relative;
  return {
    sf,
    about: (actorSame || same.owner === 'same' ? 4 : owned ? 2 : 0) + same.broad,
    // Names the clauses merely have in common tie two events for agreeing, not for saying the date is wrong (a joint
    // fundraising committee's transfer on Oct. 14 and its vice chairs announced on Tuesday): one clause's names must
    // all be in the other ("Tokayev … Putin at the plenary session").
    named: placed && sameEvent && !otherEvent && (actorSame || same.owner !== 'shared' || same.nested),
    otherEvent,
    sameEvent,
    verifies: (actorSame || (same.owner === 'same' && daysWritten)) && same.measure >= 1,
    tiesWeekday: (actorSame || ((same.owner === 'same' || same.owner === 'shared') && !df.ownersCarried && !sfr.ownersCarried)) && same.measure >= WEEKDAY_EVENT_WORDS,
  };
}

/**
 * The verb one date dates, in a class of synonyms both clauses use ("began" / "started"): with nobody named, the
 * event itself must be the same, not a word beside it ("won … on 6 January" / "Oscar-winning … presented … on 15 February").
 */
function sharesEventClass(a: FactFrame, b: FactFrame): boolean {
  return [a.event, b.event].some((e) => !!e && e.startsWith('~') && a.classWords.has(e) && b.classWords.has(e));
}

/** Two sources' dates about one event, and dating the same word: what a dispute between them needs. */
function isSameEvent(c: Candidate | undefined): boolean {
  return !!c?.sameEvent && !c.otherEvent;
}

/** Words of the event a source's weekday must share with the draft's clause to contradict its date. */
const WEEKDAY_EVENT_WORDS = 3;

/**
 * Trade nouns that ORG_NOUNS and LEGAL_FORMS leave out: the last word of a name before a reporting verb, never who
 * the company is ("Pan American World Airways said", "Trans World Airways said").
 */
const TRADE_NOUNS = new Set(
  'airways airlines airline industries systems technologies communications enterprises partners resources products laboratories services stores mines securities investments financial bancorp'.split(' '),
);

/**
 * Whether the name before a reporting verb says who acts: not an institution's noun or a company's legal form
 * ("Ricoh Co Ltd said", "Matsushita … Co Ltd said"), nor one letter (the "T" of a wire ticker, "<RICT.T> said").
 */
function namesSomeone(actor: string): boolean {
  return actor.length > 1 && !ORG_NOUNS.has(actor) && !LEGAL_FORMS.has(actor) && !TRADE_NOUNS.has(actor);
}

/** Words of a name that say what kind of body it is, not which one ("Stock Exchange", "Market"). */
const KIND_WORDS = new Set(['stock', 'exchange', 'market']);

/** Whether a word of a name says which body or person it is. */
function namesWhich(word: string): boolean {
  return namesSomeone(word) && !KIND_WORDS.has(word);
}

/** Whether an actor is written as an institution: in capitals ("OECD", "VW") or as an organisation's noun ("Bank", "Corp"). */
function isInstitution(actor: string | undefined, sentence: string): boolean {
  if (!actor) return false;
  if (ORG_NOUNS.has(actor)) return true;
  const escaped = actor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const written = new RegExp(`\\b${escaped}\\b`, 'i').exec(sentence)?.[0];
  return !!written && written.length >= 2 && written === written.toUpperCase();
}

// ---- Matches for messages and hovers -------------------------------------------------

/** What a source fact is about, in its own words: the names it shares with the draft's fact, else the nearest. */
function aboutText(f: Fact, sentence: string, draftFact?: Fact, aliases?: AliasTable): string {
  const shared = draftFact && aliases ? f.context.subject.filter((n) => hasNameIn(draftFact.context.entities, n, aliases)) : [];
  const names = shared.length > 0 ? shared.slice(0, 2) : f.kind === 'figure' && f.context.nearest ? [f.context.nearest] : [];
  return names.map((n) => originalSpelling(sentence, n)).join(', ');
}

/** A normalised name as the sentence writes it (Donetsk, not donetsk). */
function originalSpelling(sentence: string, norm: string): string {
  for (const m of sentence.matchAll(/[\p{L}\p{M}'’.-]+/gu)) {
    const w = m[0].replace(/['’]s$/, '').replace(/[.'’-]+$/, '');
    if (w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’.]/g, '') === norm) return w;
  }
  return norm;
}

export function toMatch(sf: SourceFact, draftFact: Fact, aliases: AliasTable, prose?: string): FactMatch {
  const f = sf.fact;
  const s = sf.source;
  const match: FactMatch = {
    location: { source: s, start: f.start, end: f.end, range: { start: s.positionAt(f.start), end: s.positionAt(f.end) } },
    text: f.text,
    value: f.kind === 'figure' ? formattedFigure(f.figure) : describeDate(f),
    about: aboutText(f, sf.sentence, draftFact, aliases),
    sentence: sf.sentence,
    marks: [{ start: f.start - f.sentence.start, end: f.end - f.sentence.start }],
    how: f.kind === 'date' ? f.how : undefined,
  };
  if (f.kind === 'date') match.date = f.date;
  if (prose !== undefined) match.fix = fixFor(draftFact, sf, prose);
  return match;
}

/** formatFigure of a source's figure (toLocaleString is slow, and a common figure is matched by many draft facts). */
const formatted = new WeakMap<FigureFact['figure'], string>();
function formattedFigure(f: FigureFact['figure']): string {
  let s = formatted.get(f);
  if (s === undefined) formatted.set(f, (s = formatFigure(f)));
  return s;
}

function describeDate(f: DateFact): string {
  const v = reporterDate(f.date);
  return f.relative && f.date.day === undefined ? `a ${v}, not resolved: the article has no date` : v;
}

/** The draft's number (or date part) replaced by the source's. */
function fixFor(d: Fact, sf: SourceFact, prose: string): FactMatch['fix'] {
  const s = sf.fact;
  if (d.kind === 'figure' && s.kind === 'figure') {
    const srcNumber = sf.sentence.slice(s.numStart - s.sentence.start, s.numEnd - s.sentence.start);
    const draftNumber = prose.slice(d.numStart, d.numEnd);
    // Keep the draft's style for plain numbers; a word number becomes digits only when the source has them.
    const newText = /^\d/.test(draftNumber) || !/^\d/.test(srcNumber) ? srcNumber.replace(/(st|nd|rd|th)$/i, '') + (draftNumber.match(/(st|nd|rd|th)$/i)?.[0] ?? '') : srcNumber;
    return newText !== draftNumber ? { start: d.numStart, end: d.numEnd, newText } : undefined;
  }
  if (d.kind === 'date' && s.kind === 'date') {
    const dv = d.date;
    const sv = s.date;
    const text = d.text;
    const only = (k: 'year' | 'day' | 'month') => (['year', 'month', 'day'] as const).every((x) => x === k || dv[x] === undefined || sv[x] === undefined || dv[x] === sv[x]);
    for (const k of ['year', 'day'] as const) {
      if (dv[k] !== undefined && sv[k] !== undefined && dv[k] !== sv[k] && only(k)) {
        const re = new RegExp(`(?<!\\d)${dv[k]}(?!\\d)`);
        const m = re.exec(text);
        if (m) return { start: d.start + m.index, end: d.start + m.index + String(dv[k]).length, newText: String(sv[k]) };
      }
    }
    if (s.relative) return undefined;
    return { start: d.start, end: d.end, newText: s.text };
  }
  return undefined;
}

/** Versions a dispute lists besides the agreeing source's: the clearest few (the hover and report list them). */
const MAX_DISPUTED = 3;

/** One match per source: the best-scored fact of each. */
function perSource(cands: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return cands.filter((c) => (seen.has(c.sf.source.id) ? false : (seen.add(c.sf.source.id), true)));
}

/** Digits that carry a figure's value: 2 for $15 and $280bn, 1 for 30 percent, five million and 0.01. */
function significantDigits(value: number): number {
  return String(Number(Math.abs(value).toPrecision(12))).replace(/\D/g, '').replace(/^0+/, '').replace(/0+$/, '').length;
}

/** Numbers as a sentence writes them ("103.20", "5-3/4", "1997", "four"; "one" is as often a pronoun). */
function numbersIn(sentence: string): string[] {
  return sentence.match(/\d(?:[\d,./-]*\d)?|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g) ?? [];
}

/**
 * A restated sentence whose numbers differ in two places or more is another edition of a report ("fell 10
 * pfennigs to 103.20, 103.45" at noon, "fell 40 pfennigs to 102.90, 103.15" at the close) or a template filled
 * in for another bond or company: a slip changes one number. It contradicts nothing.
 */
function otherEdition(c: Candidate, draftSentence: string): boolean {
  if (c.about < RESTATED) return false;
  const source = numbersIn(c.sf.sentence);
  const draft = numbersIn(draftSentence);
  // Numbers only the draft gives ("4bn euros ($5.2bn; £2.8bn)" for "4bn euros") are added, not changed.
  return draft.filter((n) => !source.includes(n)).length >= 2 && source.some((n) => !draft.includes(n));
}

/**
 * Two sentences that each give two numbers or more besides the fact, and none in common, describe two instances
 * of one kind of thing (two bonds of one issuer: "8.90 pct … 97.04 pct with payment date March 9" and "12 billion
 * yen … due March 31, 1994 … 5-1/8 pct … 102 pct"): their facts may agree by chance, never contradict.
 */
function otherInstance(d: Fact, draftSentence: string, c: Candidate): boolean {
  return noneInCommon(otherNumbers(d, draftSentence), otherNumbers(c.sf.fact, c.sf.sentence), 2);
}

/** Both lists hold `atLeast` numbers, and none of one is in the other. */
function noneInCommon(a: readonly string[], b: readonly string[], atLeast: number): boolean {
  return a.length >= atLeast && b.length >= atLeast && !a.some((n) => b.includes(n));
}

/**
 * A restated sentence whose other numbers (years and a dateline's aside) are all different is the template of
 * another instance: another day's close ("up 1-3/8 to 49-5/8" / "up 1-3/8 to 48-1/2"), another bank's provision
 * ("20 mln dlrs, down from 70 mln" / "to 35 mln dlrs from 70 mln"). It shares the draft's number by chance.
 */
function restatedOtherwise(d: Fact, draftSentence: string, c: Candidate): boolean {
  return noneInCommon(instanceNumbers(d, draftSentence), instanceNumbers(c.sf.fact, c.sf.sentence), 1);
}

/**
 * Another edition, another instance or a template restated with its other numbers all different ("Previously it
 * said spending fell 1.3 pct in March" / "… fell 0.5 pct in December"): whatever its value, it contradicts nothing.
 */
function anotherInstance(c: Candidate, d: Fact, draftSentence: string): boolean {
  return otherTemplate(c, d, draftSentence) || otherInstance(d, draftSentence, c);
}

/**
 * Two members of one series, which may both be true: prices at two moments of a day's trading ("closed up 4.75%" /
 * "up over 5% by noon"); unless the draft restates the source's sentence, ordinals of what an owner goes through in
 * turn ("the sixth round" / "the fifth round"), two races ("1500m victory" / "won the 1,000m") and two looks back
 * over a run ("won their last six meetings" / "failed to beat them in their last seven").
 */
function anotherMember(c: Candidate, d: FigureFact, draftSentence: string): boolean {
  const df = frameOf(d, draftSentence);
  const sf = sourceFrame(c.sf);
  if (df.trading && sf.trading) {
    const a = tradingMoment(draftSentence);
    const b = tradingMoment(c.sf.sentence);
    if (a && b && a !== b) return true;
  }
  if (c.about >= RESTATED) return false;
  const s = c.sf.fact as FigureFact;
  return isSuccessiveOrdinal(d) || isSuccessiveOrdinal(s) || isRaceDistance(d, draftSentence) || isRaceDistance(s, c.sf.sentence) || (df.sequence === 'last' && sf.sequence === 'last');
}

/** Another edition of a report, or its template restated with the other numbers all different: it verifies nothing. */
function otherTemplate(c: Candidate, d: Fact, draftSentence: string): boolean {
  return otherEdition(c, draftSentence) || (c.about >= RESTATED && restatedOtherwise(d, draftSentence, c));
}

/** A fact's sentence's other numbers, but years and its dateline's day. */
function instanceNumbers(f: Fact, sentence: string): string[] {
  const dateline = datelineOf(sentence);
  const filed = dateline ? numbersIn(sentence.slice(dateline.start, dateline.end)) : [];
  return otherNumbers(f, sentence).filter((n) => !filed.includes(n) && !/^(1[89]|20)\d\d$/.test(n));
}

/**
 * Whether an agreeing source states the draft's fact: the evidence a contradiction would need (the same owner
 * nearest each figure and a measure in common; the same event), `verifies`, or the sentence restated or copied
 * (not another edition or another company's template: "group net profit in 1985 was 41 mln marks" for VW's 596).
 * On real prose an agreement short of that is mostly another fact sharing the number and a name (another poll's
 * 13 percent, another company's 1986): the claim is not verified, and the passage is shown as one that may be
 * about something else. Another edition or template verifies nothing, however it was found ("Group net profit 30
 * mln marks vs 35 mln" is not the company's whose table reads "45.2 mln vs 35.2 mln").
 */
function sameFact(c: Candidate, d: Fact, draftSentence: string): boolean {
  if (otherTemplate(c, d, draftSentence)) return false;
  return c.named || !!c.sameEvent || !!c.verifies || ((c.about >= RESTATED && !c.ownerUnsure) || nearVerbatim(d, c.sf.fact));
}

/**
 * The source's clause names no one whose fact it is ("The bonds are in denominations of 5,000 dlrs", a digest's
 * "Tuesday"), nor does its paragraph before (or, where that names no one, its title) name anyone the draft's
 * sentence or line names: a wire template or boilerplate, the same words for many owners. (A store that keeps no
 * text before a fact has only the title.)
 */
function namesNoOwner(c: Candidate, d: Fact, draftSentence: string, draftBefore: string, aliases: AliasTable): boolean {
  if (sourceFrame(c.sf).owners.length > 0) return false;
  const before = c.sf.before === undefined ? [] : subjectsBefore(c.sf.before);
  const theirs = before.length > 0 ? before : subjectsBefore(c.sf.source.meta.title ?? '');
  const mine = [...frameOf(d, draftSentence).owners, ...d.context.entities, ...subjectsBefore(draftBefore)];
  return !mine.some((n) => hasNameIn(theirs, n, aliases));
}

/** An agreeing passage that names no owner, and nothing named ties it closely to the draft's (Candidate.named). */
function unowned(c: Candidate, d: Fact, draftSentence: string, draftBefore: string, aliases: AliasTable): boolean {
  return !c.named && namesNoOwner(c, d, draftSentence, draftBefore, aliases);
}

function verdictOf(agree: Candidate[], disagree: Candidate[], disputes: Candidate[]): FactVerdict {
  if (agree.length > 0) return disputes.length > 0 ? 'disputed' : 'verified';
  return disagree.length > 0 ? 'mismatch' : 'unsourced';
}

// ---- Figures -------------------------------------------------------------------------

/** Days apart two articles may be and still report one occasion's figure (a story and its next-day follow-ups). */
const OCCASION_DAYS = 2;

/** How many days apart two ISO dates are. */
function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

/** A weekday and nothing else ("on Friday"): no month, no day of the month. */
function isBareWeekday(date: DateFact['date']): boolean {
  return date.weekday !== undefined && date.day === undefined && date.month === undefined;
}

/**
 * Whether two figures can be of one occasion. A figure whose clause names its period (the fourth
 * quarter, 2015) is about that period (compareFrames has ruled out another); one that names none
 * is about its article's days: a bond's price, a poll's lead or a campaign's money on another day
 * is another figure. An undated draft (a story being written) is taken to be about its sources'
 * time; a dated draft meets an undated source's figure on its period alone.
 */
function sameOccasion(a: () => FactFrame, aDate: string | undefined, b: () => FactFrame, bDate: string | undefined): boolean {
  // A month alone ("for April/Dec" delivery, "in December") recurs every year: it names no one occasion.
  const ap = a().periods.filter((p) => p[0] !== 'm');
  if (ap.length > 0 && b().periods.some((p) => ap.includes(p))) return true;
  if (!aDate) return true;
  if (!bDate) return false;
  return daysApart(aDate, bDate) <= OCCASION_DAYS;
}

/**
 * Candidates of list sentences that are another owner's: where a source sentence gives one value per owner
 * ("U2 will play Hampden on 21 June while Oasis … on 29 June"), the value whose clause names more of the
 * draft's owners is the one about them.
 */
function ownersOwn(cands: Candidate[], d: Fact, draftSentence: string, found: readonly SourceFact[], aliases: AliasTable): Candidate[] {
  const owners = frameOf(d, draftSentence).owners;
  if (owners.length === 0 || cands.length === 0) return cands;
  const named = (sf: SourceFact) => {
    const theirs = sourceFrame(sf).owners;
    return owners.filter((n) => hasNameIn(theirs, n, aliases)).length;
  };
  // The found facts of the candidates' sources, by sentence.
  const sources = new Set(cands.map((c) => c.sf.source.id));
  const bySentence = bySourceSentence(found.filter((o) => o.fact.kind === d.kind && sources.has(o.source.id)));
  return cands.filter((c) => {
    const mine = named(c.sf);
    return !bySentence.get(placeOf(c.sf))!.some((o) => o.fact.start !== c.sf.fact.start && named(o) > mine);
  });
}

/** The source sentence a source fact stands in, as a key (a store may answer one fact as several objects). */
function placeOf(sf: SourceFact): string {
  return sf.source.id + ':' + sf.fact.sentence.start;
}

/**
 * Source facts by the sentence they stand in (placeOf), each sentence's in their order: one pass over facts that run to
 * thousands in a large archive.
 */
function bySourceSentence(facts: readonly SourceFact[]): Map<string, SourceFact[]> {
  const out = new Map<string, SourceFact[]>();
  for (const o of facts) {
    const place = placeOf(o);
    const list = out.get(place);
    if (list) list.push(o);
    else out.set(place, [o]);
  }
  return out;
}

const POINTS = /\bpoints?\b/i;

/**
 * How far apart two versions of one figure can be: a slip changes a digit, transposes two
 * (13.3% / 31.3%), takes the neighbouring row or rounds; values more than this many times apart
 * measure different things (a total and an hourly rate, a jump and a race's length).
 */
const MAX_SLIP_RATIO = 5;

/** Whether two values could be one figure with a slip: within MAX_SLIP_RATIO, or the same digits in another order. */
function slipApart(a: FigureFact['figure'], b: FigureFact['figure']): boolean {
  const [lo, hi] = [Math.abs(a.value), Math.abs(b.value)].sort((x, y) => x - y);
  if (lo > 0 && hi / lo <= MAX_SLIP_RATIO) return true;
  const digits = (v: number) => [...String(v).replace(/\D/g, '')].sort().join('');
  return digits(a.value) === digits(b.value);
}

/** How far apart (relative) the values sources give for one fact may be and still say what the draft's should be. */
const SETTLED_SPREAD = 0.05;

/** Whether two figures' values are within `spread` of each other (relative to the larger). */
function within(a: FigureFact['figure'], b: FigureFact['figure'], spread: number): boolean {
  return Math.abs(a.value - b.value) <= spread * Math.max(Math.abs(a.value), Math.abs(b.value));
}

/** A small whole number ("two", "39") stands in too many sentences to pair them; a counted noun must be the same or named. */
function telling(x: FigureFact['figure']): boolean {
  return x.kind === 'percent' || !Number.isInteger(x.value) || Math.abs(x.value) >= 100;
}

function checkFigure(d: FigureFact, found: SourceFact[], aliases: AliasTable, prose: string, common?: (word: string) => boolean, siblings: readonly FigureFact[] = [], draftDate?: string): FigureClaim {
  // Source sentences holding another of the draft sentence's figures ("over 600 countries instead of 193 states"):
  // their facts that give one, which of the draft's other figures they give, and whether words tie them to the draft's.
  const paired = new Map<string, { facts: Set<Fact>; siblings: Set<FigureFact>; tied: boolean }>();
  for (const o of found) {
    const f = o.fact;
    if (f.kind !== 'figure') continue;
    const given = siblings.filter(
      (sib) =>
        // A sibling of the draft figure's own value ("owned 50 pct by … and 50 pct by …") pairs any sentence that gives it.
        compareFigures(sib.figure, d.figure) !== 'same' &&
        sib.figure.kind === f.figure.kind &&
        telling(sib.figure) &&
        compareFigures(sib.figure, f.figure) === 'same' &&
        (!sib.figure.unit || !f.figure.unit || sameUnit(sib.figure.unit, f.figure.unit) || f.context.sentenceWords.includes(stemOf(sib.figure.unit))) &&
        // Two percentages in common are chance in a politics corpus ("38% … 33%"): the sentences must share half their words too.
        overlap(sib, f) >= 0.5,
    );
    if (given.length === 0) continue;
    const key = placeOf(o);
    let m = paired.get(key);
    if (!m) paired.set(key, (m = { facts: new Set(), siblings: new Set(), tied: false }));
    m.facts.add(f);
    for (const sib of given) {
      m.siblings.add(sib);
      // A name in common, or two words besides units: "30,000 tonnes for China, 31,000 for the Soviet Union" is no
      // cocoa forecast's "31,000", nor "deposit withdrawals … 2.2 billion dlrs from 1.9 billion" total lending's.
      m.tied ||= sharedKeyWords(sib, f, common) >= 2 || sib.context.entities.some((n) => !common?.(n) && f.context.entities.includes(n));
    }
  }
  // Another fact of the source's sentence gives a sibling's value (the candidate itself may not stand for one), and the
  // sentence is tied to the draft's by its words or by two of its other figures.
  // (Compared by place: a store may answer one fact as several objects, one per key it was found under.)
  const isPaired = (sf: SourceFact) => {
    if (paired.size === 0) return false;
    const m = paired.get(placeOf(sf));
    return !!m && (m.tied || m.siblings.size >= 2) && [...m.facts].some((f) => f.start !== sf.fact.start);
  };
  const draftSentence = prose.slice(d.sentence.start, d.sentence.end);
  const draftBefore = lineBefore(prose, d);
  const built: Candidate[] = [];
  for (const sf of found) {
    // Dates share a figure's name and word keys: most of what the store returns is of the other kind.
    if (sf.fact.kind !== 'figure') continue;
    const c = figureCandidate(d, sf, aliases, draftSentence, common, isPaired(sf), draftBefore);
    if (c) built.push(c);
  }
  const cands = ownersOwn(built, d, draftSentence, found, aliases).sort((a, b) => b.about - a.about);
  const consistency = (c: Candidate) => compareFigures(d.figure, (c.sf.fact as FigureFact).figure);
  // A bound ("more than 50 percent", "up to $47,476") holds for any value it reaches: one far inside it
  // (65%, $30,000) is consistent with it, not the fact it states, unless the two are clearly one fact.
  // Nor is a value the bound does not round: "more than 6.1 billion" is not a reporter's rounding of 6.4 billion.
  const farInside = (c: Candidate) => {
    const v = (c.sf.fact as FigureFact).figure.value;
    if (!d.figure.hedge || d.figure.hedge === 'about' || v === d.figure.value) return false;
    return (Math.abs(v - d.figure.value) > 0.2 * Math.abs(d.figure.value) && !c.named) || significantDigits(d.figure.value) >= significantDigits(v);
  };
  const agree = perSource(cands.filter((c) => consistency(c) !== 'different' && !farInside(c)));
  // Figures one value could make both true ("more than $260,000" and "more than $60 million"; "nearly two-thirds" and
  // "more than 6 in 10"), a draft's bound that the source's makes true ("more than 250" for "more than 300") and
  // values an order apart ($14m and $5.15 an hour; 7.95m and a 1,000m race: no slip of one figure unless its digits
  // are the draft's) rule each other out only in the statement the draft restates (its sentence, or one giving
  // another of its figures): there a bound is written near what it bounds, and another number is a slip ("up to
  // 8,000 supporters" for "up to 6,000", "more than 700 countries" for "over 600").
  // So does a source's bound against a draft's exact figure ("a stranglehold on more than 80% of these lines" / "the
  // percentage of people using BT lines … has shrunk to 55.4%"): a bound says too little to call a figure wrong elsewhere.
  const notRuledOut = (c: Candidate) => {
    const s = (c.sf.fact as FigureFact).figure;
    const boundAgainstExact = !!s.hedge && s.hedge !== 'about' && !d.figure.hedge;
    return (rangesOverlap(d.figure, s) || !slipApart(d.figure, s) || boundAgainstExact) && c.about < RESTATED && !isPaired(c.sf);
  };
  // A contradiction needs a named subject in common ("in Donetsk"), or no agreeing source at all.
  const disagree = perSource(
    cands.filter(
      (c) =>
        consistency(c) === 'different' &&
        c.named &&
        !notRuledOut(c) &&
        !anotherInstance(c, d, draftSentence) &&
        !anotherMember(c, d, draftSentence) &&
        sameOccasion(() => frameOf(d, draftSentence), draftDate, () => sourceFrame(c.sf), c.sf.source.meta.date),
    ),
  );
  // A source sentence the draft restates outweighs looser agreement elsewhere ("over 7%" agreeing with another article's 42%).
  if (disagree[0] && disagree[0].about >= RESTATED && !(agree[0]?.about >= RESTATED)) agree.length = 0;
  const sure = agree.find((c) => sameFact(c, d, draftSentence));
  const best = sure ?? agree[0];
  // Sources dispute when one about the same named thing gives a value the agreeing source's value rules out.
  const disputes = best
    ? disagree
        .filter(
          (c) =>
            c.named &&
            best.named &&
            c.sf.source.id !== best.sf.source.id &&
            compareFigures((best.sf.fact as FigureFact).figure, (c.sf.fact as FigureFact).figure) === 'different' &&
            !rangesOverlap((best.sf.fact as FigureFact).figure, (c.sf.fact as FigureFact).figure) &&
            slipApart((best.sf.fact as FigureFact).figure, (c.sf.fact as FigureFact).figure) &&
            c.about >= best.about &&
            // Two dated sources days apart report two occasions (an undated one is taken as the other's).
            (!c.sf.source.meta.date || sameOccasion(() => sourceFrame(best.sf), best.sf.source.meta.date, () => sourceFrame(c.sf), c.sf.source.meta.date)) &&
            // The two sources' figures are one fact by the same test a draft's figure meets, and both clauses say whose
            // it is: wire copy fills one sentence in for every bond ("The bond is available in denominations of 5,000
            // dlrs"), and two sources restating it disagree about nothing.
            !!figureCandidate(best.sf.fact as FigureFact, c.sf, aliases, best.sf.sentence, common, false, best.sf.before)?.named &&
            ownedInClause(best.sf.fact, best.sf.sentence, c.sf, aliases, common),
        )
        .slice(0, MAX_DISPUTED)
    : [];
  // A source sentence that also gives the draft's own number ("800 redundancies by 1990, starting with 350 this
  // year") may be where the draft's figure comes from: no contradiction from it.
  // The found facts of the candidate's source sentence (grouped on first use), and whether one passes `test`.
  let bySentence: Map<string, SourceFact[]> | undefined;
  const ofItsSentence = (c: Candidate): readonly SourceFact[] => (bySentence ??= bySourceSentence(found)).get(placeOf(c.sf)) ?? [];
  const inItsSentence = (c: Candidate, test: (f: Fact, o: SourceFact) => boolean) => ofItsSentence(c).some((o) => test(o.fact, o));
  // (In the draft's currency: Pernod's "7.5bn euros" is not where a draft's £7.5bn for Allied Domecq comes from. Nor
  // for another owner: "96.1% in Velmar and 91.2% in Dornet" gives Dornet's share, not the draft's 96.1% for Dornet.)
  const givesDraftsNumber = (c: Candidate) =>
    inItsSentence(
      c,
      (f, o) =>
        f.kind === 'figure' &&
        f.figure.value === d.figure.value &&
        (f.figure.kind !== 'money' || d.figure.kind !== 'money' || f.figure.currency === d.figure.currency) &&
        compareFacts(d, draftSentence, o, aliases, common).owner !== 'conflict',
    );
  // Nor from a source figure the draft's sentence gives too ("save £4bn …, of which £1.3bn"): the draft has it, for another part.
  // (Unless the source's sentence gives that value twice: "profits fell 2% as sales fell 2%" has a 2% for each.)
  const draftGivesIt = (c: Candidate) => {
    const value = (c.sf.fact as FigureFact).figure;
    const twice = inItsSentence(c, (f) => f.start !== c.sf.fact.start && f.kind === 'figure' && compareFigures(f.figure, value) === 'same');
    return !twice && siblings.some((sib) => sib.figure.kind === d.figure.kind && compareFigures(sib.figure, value) === 'same');
  };
  // Nor where one sentence lists counts that add up to the other's figure ("three gold medals and two bronzes" and
  // "five medals"): a total and its parts, either way round, not a slip.
  const sumsToDraft = (c: Candidate) => {
    if (d.figure.kind !== 'count') return false;
    const inSentence = ofItsSentence(c).map((o) => o.fact);
    return listedSum(inSentence, c.sf.fact, c.sf.sentence) === d.figure.value;
  };
  const draftSumsToIt = (c: Candidate) => d.figure.kind === 'count' && listedSum([d, ...siblings], d, draftSentence) === (c.sf.fact as FigureFact).figure.value;
  for (let i = disagree.length - 1; i >= 0; i--)
    if (givesDraftsNumber(disagree[i]) || draftGivesIt(disagree[i]) || sumsToDraft(disagree[i]) || draftSumsToIt(disagree[i])) disagree.splice(i, 1);
  // A mismatch says what the figure should be: only when the sources about it give one value (several
  // values for one frame are a measure that moves, or sources that do not agree, and say nothing certain).
  // A source sentence the draft restates is the statement itself: looser contradictions elsewhere do not unsettle it.
  if (disagree[0]?.about >= RESTATED) for (let i = disagree.length - 1; i > 0; i--) if (disagree[i].about < RESTATED) disagree.splice(i, 1);
  // Values within SETTLED_SPREAD of each other are one figure rounded or updated ($9.3bn, $9.4bn): settled, when the
  // draft's is outside them all (1012 between 1007 and 1027 is a count that moves, not a slip).
  const values = disagree.map((c) => (c.sf.fact as FigureFact).figure);
  const settled =
    values.every((v) => compareFigures(values[0], v) !== 'different') ||
    (values.every((v) => within(values[0], v, SETTLED_SPREAD)) && (d.figure.value < Math.min(...values.map((v) => v.value)) || d.figure.value > Math.max(...values.map((v) => v.value))));
  let verdict = verdictOf(agree, settled || agree.length > 0 ? disagree : [], disputes);
  // What the verdict is without the disputes (drawnOn.ts sets disputes from sources the draft does not draw on aside).
  let undisputed: FactVerdict = verdict === 'disputed' ? 'verified' : verdict;
  if (undisputed === 'verified' && agree.every((c) => consistency(c) === 'rounded')) undisputed = 'rounded';
  // A looser agreement still keeps any contradiction quiet: the engine is not sure what the figure is about.
  if ((undisputed === 'verified' || undisputed === 'rounded') && !sure) undisputed = 'unsourced';
  if (verdict !== 'disputed') verdict = undisputed;
  const claim: FigureClaim = { kind: 'figure', start: d.start, end: d.end, text: d.text, figure: d.figure, verdict, others: [], conflicting: [], subject: describeFrame(d, draftSentence) };
  if (verdict === 'unsourced' && best) claim.best = toMatch(best.sf, d, aliases);
  else if (verdict === 'mismatch') {
    claim.best = toMatch(disagree[0].sf, d, aliases, prose);
    claim.conflicting = disagree.slice(1).map((c) => toMatch(c.sf, d, aliases, prose));
    // A contradiction is always a close tie (Candidate.named): what matters is whether the passage says whose fact it is.
    claim.unowned = namesNoOwner(disagree[0], d, draftSentence, draftBefore, aliases);
  } else if (best) {
    claim.best = toMatch(best.sf, d, aliases);
    claim.others = agree.slice(1).map((c) => toMatch(c.sf, d, aliases));
    claim.conflicting = disputes.map((c) => toMatch(c.sf, d, aliases));
    const roundedNote = `the source gives ${formatFigure((best.sf.fact as FigureFact).figure)}${(best.sf.fact as FigureFact).figure.hedge ? ` (“${best.sf.fact.text}”)` : ''}`;
    if (verdict === 'rounded') claim.note = roundedNote;
    if (verdict === 'disputed') claim.undisputed = { verdict: undisputed, note: undisputed === 'rounded' ? roundedNote : undefined };
    claim.unowned = !!sure && unowned(sure, d, draftSentence, draftBefore, aliases);
  }
  // The right number for the wrong thing: say what the sources give this number for.
  if (verdict === 'mismatch' || (verdict === 'unsourced' && !claim.best)) {
    const elsewhere = found.find(
      (sf) => sf.fact.kind === 'figure' && sf.fact.figure.kind === d.figure.kind && compareFigures(d.figure, sf.fact.figure) === 'same' && namesConflict(d, sf.fact, aliases),
    );
    if (elsewhere) claim.note = `${formatFigure(d.figure)} is the figure ${describeSource(elsewhere.source)} gives for ${aboutText(elsewhere.fact, elsewhere.sentence) || 'something else'}`;
  }
  if (verdict === 'unsourced') claim.quiet = quietFigure(d, prose);
  return claim;
}

/**
 * Noise rules: an unsourced figure is reported only where the sentence states a fact
 * with a number that is data (digits, a percentage, money, or a spelled number of ten
 * or more), not in a heading, a question or a list's numbering.
 */
function quietFigure(d: FigureFact, prose: string): boolean {
  if (d.figure.spelled && d.figure.value < 10 && d.figure.kind !== 'percent') return true;
  if (d.figure.kind === 'count' && !d.figure.unit && !d.figure.hedge) return true;
  return quietSentence(d, prose);
}

function quietSentence(f: Fact, prose: string): boolean {
  const sentence = prose.slice(f.sentence.start, f.sentence.end).trim();
  if (sentence.endsWith('?')) return true;
  // A markdown heading, or a title-like line without a verb's full stop.
  const lineStart = prose.lastIndexOf('\n', f.start) + 1;
  if (/^\s{0,3}#/.test(prose.slice(lineStart, f.start))) return true;
  return false;
}

// ---- Dates ---------------------------------------------------------------------------

function checkDate(d: DateFact, found: SourceFact[], aliases: AliasTable, prose: string, common?: (word: string) => boolean, draftDate?: string): DateClaim {
  const draftSentence = prose.slice(d.sentence.start, d.sentence.end);
  const draftBefore = lineBefore(prose, d);
  const built: Candidate[] = [];
  for (const sf of found) {
    if (sf.fact.kind !== 'date') continue;
    const c = dateCandidate(d, sf, aliases, draftSentence, common, draftBefore);
    if (c) built.push(c);
  }
  const cands = ownersOwn(built, d, draftSentence, found, aliases).sort((a, b) => b.about - a.about);
  // A year-less draft date ("September 26") takes the sources' year to meet a weekday-only source ("Monday", undated article).
  const years = cands.map((c) => (c.sf.fact as DateFact).date.year).filter((y): y is number => y !== undefined);
  const withYear = d.date.year === undefined && d.date.day !== undefined && years.length > 0 ? { ...d.date, year: mostCommon(years) } : d.date;
  const rel = (c: Candidate) => {
    const sf = c.sf.fact as DateFact;
    const draft = sf.date.year === undefined && sf.date.month === undefined && sf.date.weekday !== undefined ? withYear : d.date;
    const r = compareDates(draft, sf.date);
    return r === 'different' && compareDates(draft, writtenDate(sf)) === 'same' ? 'same' : r;
  };
  // A dated draft's weekday ("on Monday") is a day of its own week: a source of another week is about another day.
  const weekOf = (c: Candidate) => !(d.relative && d.date.day === undefined && draftDate) || (!!c.sf.source.meta.date && daysApart(draftDate, c.sf.source.meta.date) <= 7);
  // A source's weekday ("said on Tuesday") is a day of its article's week: on real prose nearly always another
  // occasion of the same people. Only the statement restated, or both clauses naming who acts and three words of the
  // event in common, tie it to the draft's.
  const disagree = perSource(
    cands.filter((c) => rel(c) === 'different' && !anotherInstance(c, d, draftSentence) && (!(c.sf.fact as DateFact).relative || c.about >= RESTATED || !!c.tiesWeekday)),
  );
  // A weekday-only source ("Monday" in an undated article) agrees by chance one time in seven: it counts only when it is about the event at least as clearly as any source that contradicts.
  const weekdayOnly = (c: Candidate) => (c.sf.fact as DateFact).date.year === undefined && (c.sf.fact as DateFact).date.month === undefined;
  const strongest = Math.max(0, ...disagree.filter((c) => c.named).map((c) => c.about));
  const agree = perSource(
    cands.filter((c) => (rel(c) === 'same' || rel(c) === 'covers') && (!weekdayOnly(c) || (!!c.sameEvent && c.about >= strongest * 0.75)) && weekOf(c) && !anotherYear(d, c.sf.fact as DateFact, draftDate)),
  );
  if (disagree[0]?.named && disagree[0].about >= RESTATED && !(agree[0]?.about >= RESTATED)) agree.length = 0;
  const sure = agree.find((c) => sameFact(c, d, draftSentence));
  const best = sure ?? agree[0];
  // The agreeing source's date, fuller than the draft's, against the others ("Sep. 6", a Tuesday, vs "Monday").
  const bestDate = best ? (best.sf.fact as DateFact).date : undefined;
  const full = (x: DateFact['date']) => x.year !== undefined && x.month !== undefined && x.day !== undefined;
  // A draft's bare weekday ("sent on Friday") meets every dated report of the same people: the sources' other days
  // (election day, the Tuesday before) are other events, as they are no contradiction of it (below).
  const disputes = bestDate && !isBareWeekday(d.date)
    ? perSource(
        cands.filter(
          (c) =>
            c.sameEvent &&
            best.sameEvent &&
            c.sf.source.id !== best.sf.source.id &&
            c.about >= best.about * 0.6 &&
            // Two dates only contradict where one of them is a full date (a weekday is checked against it).
            (full(bestDate) || full((c.sf.fact as DateFact).date)) &&
            compareDates(bestDate, (c.sf.fact as DateFact).date) === 'different' &&
            compareDates(writtenDate(best.sf.fact as DateFact), writtenDate(c.sf.fact as DateFact)) !== 'same' &&
            // The two sources' facts are about one event by the same test a draft's fact meets.
            isSameEvent(dateCandidate(best.sf.fact as DateFact, c.sf, aliases, best.sf.sentence, common, best.sf.before)),
        ),
      )
        .filter((c) => !agree.some((a) => a.sf.source.id === c.sf.source.id))
        .slice(0, MAX_DISPUTED)
    : [];
  // A contradiction must be about the event at least as clearly as any agreement.
  // A draft's bare weekday ("on Friday") contradicts nothing: on real prose the other day is nearly always
  // another event of the same people (the attacks on Friday, the debate they reframed on Saturday).
  const named = best || isBareWeekday(d.date) ? [] : disagree.filter((c) => c.named);
  // As for figures: only sources that date the event alike say what the date should be (a weekly
  // report "through February 25", "through April 6" … is one template, not one event).
  const settled = named.every((c) => compareDates((named[0].sf.fact as DateFact).date, (c.sf.fact as DateFact).date) !== 'different');
  const strongDisagree = settled ? named : [];
  let verdict = verdictOf(agree, strongDisagree, disputes);
  if (verdict === 'verified' && !sure) verdict = 'unsourced';
  const claim: DateClaim = {
    kind: 'date',
    start: d.start,
    end: d.end,
    text: d.text,
    date: d.date,
    relative: d.relative,
    verdict,
    others: [],
    conflicting: [],
    subject: describeFrame(d, draftSentence),
  };
  if (verdict === 'unsourced' && best) claim.best = toMatch(best.sf, d, aliases);
  else if (verdict === 'mismatch') {
    claim.best = toMatch(strongDisagree[0].sf, d, aliases, prose);
    // Other contradicting sources, when they are about the event nearly as clearly.
    claim.conflicting = strongDisagree.slice(1).filter((c) => c.about * 2 >= strongDisagree[0].about).map((c) => toMatch(c.sf, d, aliases, prose));
    claim.unowned = namesNoOwner(strongDisagree[0], d, draftSentence, draftBefore, aliases);
  } else if (best) {
    claim.best = toMatch(best.sf, d, aliases);
    claim.others = agree.slice(1).map((c) => toMatch(c.sf, d, aliases));
    claim.conflicting = disputes.map((c) => toMatch(c.sf, d, aliases));
    claim.unowned = !!sure && unowned(sure, d, draftSentence, draftBefore, aliases);
    if (verdict === 'disputed') {
      claim.undisputed = { verdict: sure ? 'verified' : 'unsourced' };
      const wd = weekdayOf((best.sf.fact as DateFact).date);
      if (wd !== undefined && disputes.some((c) => (c.sf.fact as DateFact).date.day === undefined)) claim.note = `${reporterDate((best.sf.fact as DateFact).date)} was a ${WEEKDAYS[wd]}`;
    }
  }
  // A draft's own relative dates ("on Monday") cannot be resolved: drafts have no date.
  if (verdict === 'unsourced') claim.quiet = d.relative || quietSentence(d, prose);
  return claim;
}

/**
 * A source date as its sentence wrote it: a year its article's date supplied ("after the Sept. 11 terrorist
 * attacks" in a 2016 article) is no evidence against a draft's "Sept. 11, 2001".
 */
function writtenDate(f: DateFact): DateFact['date'] {
  return !f.relative && f.date.year !== undefined && !writesYear(f.text) ? { ...f.date, year: undefined } : f.date;
}

/**
 * A dated draft's day without its year is the one nearest the draft's date ("the current year ending March 31" in a
 * March 1987 story is 31 March 1987): a source that writes the one a year before or after ("the fiscal year ending
 * March 31 1988") is about another day. Not one years away: "the Sept. 11 attacks" are 2001's in any year.
 */
function anotherYear(d: DateFact, s: DateFact, draftDate: string | undefined): boolean {
  if (!draftDate || d.date.year !== undefined || d.date.month === undefined || d.date.day === undefined || s.date.year === undefined || !writesYear(s.text)) return false;
  const written = Date.parse(draftDate);
  const year = new Date(written).getUTCFullYear();
  const nearest = [year - 1, year, year + 1].sort((a, b) => Math.abs(Date.UTC(a, d.date.month! - 1, d.date.day) - written) - Math.abs(Date.UTC(b, d.date.month! - 1, d.date.day) - written))[0];
  return Math.abs(s.date.year - nearest) === 1;
}

function writesYear(text: string): boolean {
  return /\b(?:1[89]|20)\d\d\b/.test(text);
}

function mostCommon(xs: number[]): number {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}
