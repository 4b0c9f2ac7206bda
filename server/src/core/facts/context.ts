// What a figure or a date is about: the names and key words of its clause. "99.23% in
// favor in the Donetsk region" is about Donetsk; "the referendums started on September
// 23" is about referendums starting. Names are compared through their spelling variants
// (Zaporizhzhia / Zaporizhzhya / Zaporozhye) and the abbreviations the corpus itself
// spells out (DPR for "Donetsk People's Republic"), never through a hand-made list.

import { editDistance, houseStyle, skeleton } from '../text/spelling';
import { sameNameWord } from '../speakers/names';
import { LEGAL_FORMS, ROLE_NOUNS } from '../speakers/lexicon';
import { isContentWord, tokenize, Token } from '../text/tokens';
import { firstStartingAt, splitSentences, type Span } from '../text/sentences';
import { countryOf, shortFormOf } from './places';

export interface FactContext {
  /** Names (normalised) in the fact's own clause, in order (the first is usually who acts). */
  subject: string[];
  /** The name nearest the fact in its clause, the likeliest thing it is about. */
  nearest?: string;
  /** Who speaks or acts in the sentence: the name just before a reporting or action verb ("Smadiyarov said"). */
  actor?: string;
  /** Names anywhere in the fact's sentence. */
  entities: string[];
  /** Key words (stemmed, lower-case content words) of the clause. */
  words: string[];
  /** Key words of the whole sentence, and the fact's place among the sentence's facts of its kind: a draft sentence that restates a source sentence restates its facts in the same places. */
  sentenceWords: string[];
  slot: number;
  slots: number;
  /**
   * Names of the sentence before, on the same line, where the fact's clause names no one and refers
   * back to someone ("It lost 464,000 subscribers" after "… its internet business, AOL, …"): whose
   * the fact likely is. Read as owners when the clause has none (frame.ts).
   */
  carried?: string[];
  /** The key words of that sentence, with `carried`: what the clause's pronoun may stand for ("They" for the referendums). */
  carriedWords?: string[];
  /**
   * A figure's: who conducted the poll the sentence before reports, where this sentence names no pollster ("… an
   * online University of Texas/Texas Tribune poll … Ben Carson trails them at 13 percent"): whose poll it likely is.
   */
  pollBefore?: string[];
}

/** Abbreviation (lower case) → the words of the names it stands for, as the sources spell them out. */
export type AliasTable = Map<string, string[]>;

/** Months and weekdays, written out or cut short: a date's words, no name's. */
export const DATE_WORDS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday'.split(
    ' ',
  ),
);

/** Retrieval key of a name: its consonant skeleton, shared by its transliterations. */
export function nameKey(norm: string): string {
  let k = keyCache.get(norm);
  if (k === undefined) {
    const s = skeleton(norm);
    const consonants = s[0] + s.slice(1).replace(/[aeiou]/g, '');
    k = consonants.length >= 3 ? consonants : s;
    if (keyCache.size > 200_000) keyCache.clear();
    keyCache.set(norm, k);
  }
  return k;
}

/** Names recur in every fact of a corpus: their keys are computed once. */
const keyCache = new Map<string, string>();

/**
 * Two names are the same when they are spellings of one name word (Tokayev / Toqaev:
 * speakers/names.ts), or share their consonant skeleton and differ by little in their
 * vowels (Zaporizhzhia / Zaporozhye), which still tells Hamas from Homs.
 */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  // Every rule keeps the first letter's sound: most pairs end here.
  if (a[0] !== b[0] && nameKey(a)[0] !== nameKey(b)[0]) return false;
  return sameNameWord(a, b) || closeSkeletons(a, b);
}

function closeSkeletons(a: string, b: string): boolean {
  if (nameKey(a) !== nameKey(b) || nameKey(a).length < 3) return false;
  const sa = skeleton(a);
  const sb = skeleton(b);
  return editDistance(sa, sb, 2) <= (Math.min(sa.length, sb.length) >= 7 ? 2 : 1);
}

/** Light stemming for key words: started / starts / start, referendums / referendum. Interned: a fact context keeps it. */
export function stem(norm: string): string {
  let k = stemCache.get(norm);
  if (k === undefined) {
    k = intern(stemUncached(norm));
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(norm, k);
  }
  return k;
}

/**
 * Irregular past forms of the verbs news prose restates events with, folded to their base (a suffix stemmer leaves
 * "broke" and "break", "met" and "meet" apart): "broke away from Ukraine in 2014" restates "breaking away … in 2014".
 * Not the light verbs (saw, made, took, gave, came, went): "will see 4.6% growth" and "had seen sales growth of 8%"
 * share no measure. The verbs of change, votes, starts and ends, wins and purchases are folded by frame.ts's classes.
 */
const IRREGULAR = new Map<string, string>(
  (
    'broke:break broken:break spoke:speak spoken:speak met:meet held:hold sold:sell ran:run led:lead built:build ' +
    'sent:send spent:spend struck:strike wrote:write written:write chose:choose chosen:choose drove:drive driven:drive ' +
    'fought:fight sought:seek caught:catch taught:teach flew:fly flown:fly threw:throw thrown:throw fled:flee ' +
    'shot:shoot swore:swear sworn:swear withdrew:withdraw withdrawn:withdraw'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** A corpus stems the same few tens of thousands of words over and over. */
const stemCache = new Map<string, string>();

function stemUncached(norm: string): string {
  let w = houseStyle(IRREGULAR.get(norm) ?? norm).replace(/is(e|es|ed|ing|ation)$/, 'iz$1');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ied')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && /(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  // A silent final e goes, as the endings above take it: raise / raised, close / closing, increase / increased.
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return skeleton(w);
}

function isAcronym(text: string, t: Token): boolean {
  // Most words start with a lower-case letter or a digit, which no acronym does.
  const c = text.charCodeAt(t.start);
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return false;
  const raw = text.slice(t.start, t.end).replace(/\./g, '');
  return raw.length >= 2 && raw.length <= 6 && /^\p{Lu}+$/u.test(raw);
}

/** A sentence with no lower-case letter: a headline in capitals, whose capitals say nothing of which words are names. */
function isShouting(text: string, sentence: Span): boolean {
  return !/\p{Ll}/u.test(text.slice(sentence.start, sentence.end));
}

/** A capitalised content word that is no number, day or month: a name, or a sentence's first word. */
function isCapitalisedWord(t: Token): boolean {
  return t.capital && isContentWord(t.norm) && !/\d/.test(t.norm) && !DATE_WORDS.has(t.norm);
}

/** The capitalised words a text uses in mid-sentence: its names (for telling a name at a sentence's start). */
export function namesOf(text: string, sentences: readonly Span[], tokensOf: (k: number) => Token[] = (k) => tokenize(text, sentences[k].start, sentences[k].end)): Set<string> {
  const names = new Set<string>();
  for (let k = 0; k < sentences.length; k++) {
    // A headline in capitals says nothing of which words are names.
    if (isShouting(text, sentences[k])) continue;
    const tokens = tokensOf(k);
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i];
      // A possessive names its name too ("India's market" makes "India" at a sentence's start a name).
      if (t.capital && isContentWord(t.norm) && !/\d/.test(t.norm) && !/[.!?:]\s*$/.test(text.slice(tokens[i - 1].end, t.start))) names.add(t.norm).add(nameForm(text, t));
    }
  }
  return names;
}

/**
 * Abbreviations a text spells out: each run of two or more capitalised words (joined by
 * "of", "and", "the" at most) gives its initials: "Donetsk People's Republic" → dpr,
 * "Luhansk People’s Republics" → lpr, "United Nations" → un.
 */
export function abbreviationsOf(text: string, sentences: readonly Span[], tokensOf: (k: number) => Token[] = (k) => tokenize(text, sentences[k].start, sentences[k].end)): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  const isNameWord = (t: Token) => isCapitalisedWord(t) && !isAcronym(text, t);
  for (let k = 0; k < sentences.length; k++) {
    const tokens = tokensOf(k);
    let run: Token[] = [];
    const flush = () => {
      // Called after every word that is no name: most find the run empty, and keep it.
      if (run.length === 0) return;
      if (run.length >= 2 && run.length <= 6) out.push([run.map((t) => t.norm[0]).join(''), run.map((t) => t.norm)]);
      run = [];
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      // The gap before the word matters only inside a run (never at a sentence's first word).
      if (run.length > 0 && !/^[ \u00A0-]+$/.test(text.slice(tokens[i - 1].end, t.start))) flush();
      if (isNameWord(t)) run.push(t);
      else if (run.length > 0 && t.norm === 'of' && tokens[i + 1] && isNameWord(tokens[i + 1])) continue;
      else flush();
    }
    flush();
  }
  return out;
}

/**
 * The context of each fact among `spans` (facts of one kind in one sentence, sorted).
 * A fact's clause runs from the previous fact's clause break to the next's: "99.23% in
 * Donetsk and 98.42% in Luhansk" gives Donetsk to the first and Luhansk to the second.
 */
export function contextsIn(text: string, sentence: Span, spans: ReadonlyArray<{ start: number; end: number }>, names: ReadonlySet<string>, masked: ReadonlyArray<{ start: number; end: number }>): FactContext[] {
  return sentenceContexts(text, sentence, tokenize(text, sentence.start, sentence.end), names, masked)(spans);
}

/**
 * contextsIn in two steps: what the sentence gives every fact (its names, actor and key
 * words, read once from its tokens, which are left unchanged), then each fact's clause.
 * A sentence's figures and dates share the first step. `before` (the sentence before as an
 * antecedent) is asked for only by a clause that refers back to it, which few do.
 */
export function sentenceContexts(
  text: string,
  sentence: Span,
  tokens: readonly Token[],
  names: ReadonlySet<string>,
  masked: ReadonlyArray<{ start: number; end: number }>,
  before: () => Antecedent = () => NO_ANTECEDENT,
): (spans: ReadonlyArray<{ start: number; end: number }>, figures?: boolean) => FactContext[] {
  const inMasked = (t: Token) => masked.some((m) => t.start < m.end && m.start < t.end);
  const isMasked = tokens.map(inMasked);
  // A headline in capitals ("HARNISCHFEGER <HPH> OFFERING 3.5 MLN SHARES") capitalises every word: there a word is a
  // name only where the text or the corpus writes it as one, or it is a place.
  const shouting = isShouting(text, sentence);
  const isName = (t: Token, i: number) =>
    shouting ? isContentWord(t.norm) && !/\d/.test(t.norm) && (names.has(t.norm) || countryOf(t.norm) !== undefined) : isNameToken(text, t, i, names, tokens[i - 1]);
  // A name's form: a possessive is the name itself (Kazakhstan’s → kazakhstan).
  const normOf = new Map<Token, string>();
  const entityTokens: Token[] = [];
  tokens.forEach((t, i) => {
    if (!isName(t, i) || isMasked[i] || stateAfterUnited(text, t, tokens[i + 1])) return;
    entityTokens.push(t);
    normOf.set(t, intern(stateAfterUnited(text, tokens[i - 1], t) ?? (afterNew(text, tokens[i - 1], t) ? 'new' : '') + nameForm(text, t)));
  });
  const norm = (t: Token) => normOf.get(t) ?? t.norm;
  const entities = [...new Set(entityTokens.map(norm))];
  const found = actorOf(tokens, entityTokens, inMasked, norm);
  const actor = found ? intern(found) : undefined;
  // A sentence's first word is capitalised whatever it is: a key word unless it is a name ("Profits at Warner Bros' …").
  const isKeyWord = (t: Token) => (!t.capital || (shouting && !normOf.has(t)) || (t === tokens[0] && !normOf.has(t) && !isAcronym(text, t)) || COMMON_ABBREVIATIONS.has(t.norm)) && isKeyWordForm(t);
  // Each token's key word (stemmed), or undefined when it is none or a figure's or date's: read once for every clause.
  const keyWords = tokens.map((t, i) => (!isMasked[i] && isKeyWord(t) ? stem(t.norm) : undefined));
  const sentenceWords = [...new Set(keyWords.filter((w) => w !== undefined))];
  const firstAnaphor = tokens.find((t) => ANAPHORS.has(t.norm))?.start ?? Infinity;
  return (spans, figures = false) => {
    // The previous fact's names and nearest.
    let previous: { subject: Token[]; nearest?: Token } = { subject: [] };
    return spans.map((span, k) => {
      const prevEnd = k > 0 ? spans[k - 1].end : sentence.start;
      const nextStart = k + 1 < spans.length ? spans[k + 1].start : sentence.end;
      const breakBefore = k > 0 ? lastBreak(text, prevEnd, span.start) : undefined;
      const from = breakBefore ?? prevEnd;
      const to = k + 1 < spans.length ? firstBreak(text, span.end, nextStart) ?? nextStart : sentence.end;
      const own = entityTokens.filter((t) => t.start >= from && t.end <= to);
      // A figure right after another, with no name and no break between, shares the names before that one
      // ("Phytopharm closed down 19.84% at 151.5 pence"), and so does the end of a range ("between 3.75 dlrs and 4.25
      // dlrs"). Not a date: "in 1986/87 ending September 30" and "in 1986/87, ending September 30" must read alike.
      const range = figures && k > 0 && /^\s+and\s+$/.test(text.slice(prevEnd, span.start)) && /\bbetween\s+$/i.test(text.slice(Math.max(0, spans[k - 1].start - 12), spans[k - 1].start));
      const shares = figures && k > 0 && (breakBefore === undefined || range) && !own.some((t) => t.end <= span.start);
      // A conversion ("4bn euros ($5.2bn; £2.8bn) it held in a Bank of America account") is the figure before it in
      // another currency: its names are that one's.
      const conversion = figures && k > 0 && /^\s*[(;]\s*$/.test(text.slice(prevEnd, span.start));
      const subjectTokens = conversion ? previous.subject : shares ? [...previous.subject.filter((t) => t.end <= spans[k - 1].start), ...own] : own;
      let nearest: Token | undefined = conversion ? previous.nearest : undefined;
      let best = Infinity;
      if (!conversion)
        for (const t of subjectTokens) {
          // Distance in characters; a name after the figure wins a tie ("99.23% in Donetsk").
          const d = t.start >= span.end ? t.start - span.end : span.start - t.end + 0.5;
          if (d < best) {
            best = d;
            nearest = t;
          }
        }
      previous = { subject: subjectTokens, nearest };
      // The clause's tokens: they run on from the first starting at `from` (tokens are in order and never overlap).
      const words = new Set<string>();
      for (let i = firstStartingAt(tokens, from); i < tokens.length && tokens[i].end <= to; i++) {
        const w = keyWords[i];
        if (w !== undefined) words.add(w);
      }
      // A clause that names no one and refers back ("It lost …", "But its film division …") is about the sentence before's names.
      const refersBack = subjectTokens.length === 0 && firstAnaphor < span.start && before().names.length > 0;
      const subject = [...new Set(subjectTokens.map(norm))];
      const nearestName = nearest ? norm(nearest) : undefined;
      // Two literals, not a spread of the carried fields into one: the same fields in the same order, built faster.
      if (refersBack) {
        const antecedent = before();
        return { carried: antecedent.names as string[], carriedWords: antecedent.words as string[], subject, nearest: nearestName, actor, entities, words: [...words], sentenceWords, slot: k, slots: spans.length };
      }
      return { subject, nearest: nearestName, actor, entities, words: [...words], sentenceWords, slot: k, slots: spans.length };
    });
  };
}

/**
 * One copy of each name and key word, however many facts hold it: a corpus repeats the
 * same few thousand words in tens of thousands of fact contexts.
 */
const interned = new Map<string, string>();
function intern(s: string): string {
  let v = interned.get(s);
  if (v === undefined) {
    if (interned.size > 500_000) interned.clear();
    interned.set(s, (v = s));
  }
  return v;
}

/**
 * Abbreviations that are common nouns: what is measured ("GDP grew 4.4%") or what is sold ("DVD sales"), nobody's
 * name. They are key words, not names.
 */
export const COMMON_ABBREVIATIONS = new Set('gdp gnp gni cpi ppi rpi pce pmi vat ebitda eps dvd dvds cd cds tv pc pcs sms mp3 vhs lcd atm atms gps'.split(' '));

/** "New Mexico" is not Mexico, nor "New York" York: the word after a capitalised "New" is one name with it. */
export function afterNew(text: string, previous: Token | undefined, t: Token): boolean {
  return previous?.norm === 'new' && previous.capital && text.slice(previous.end, t.start) === ' ';
}

/**
 * "States" after "United" is the United States, one name written as news prints it most ("us", as "US" and "U.S."
 * are and "American" reads); "Kingdom" after "United" the UK. "United" itself is then no name of its own (Manchester
 * United's is).
 */
export function stateAfterUnited(text: string, previous: Token | undefined, t: Token | undefined): string | undefined {
  if (!t || previous?.norm !== 'united' || !previous.capital || !t.capital || text.slice(previous.end, t.start) !== ' ') return undefined;
  return t.norm === 'states' ? 'us' : t.norm === 'kingdom' ? 'uk' : undefined;
}

/** Common nouns a sentence may open on in the possessive. */
const COMMON_POSSESSIVES = new Set(
  'today yesterday tomorrow tonight year week month day children women men people world nation country company government party city state council team club industry market sector firm group bank'.split(' '),
);

function isNameToken(text: string, t: Token, i: number, names: ReadonlySet<string>, previous?: Token): boolean {
  // A common abbreviation is a word unless it ends a name ("HD DVD", "Sky TV").
  if (COMMON_ABBREVIATIONS.has(t.norm) && !(previous?.capital && /^\s+$/.test(text.slice(previous.end, t.start)) && isContentWord(previous.norm))) return false;
  // "US" and "U.S." are the United States, not the pronoun their letters spell.
  if (t.norm === 'us') return isAcronym(text, t);
  if (!isContentWord(t.norm) || /\d/.test(t.norm) || DATE_WORDS.has(t.norm) || HONORIFICS.has(t.norm)) return false;
  if (isAcronym(text, t)) return true;
  if (!t.capital) return false;
  // A sentence's first word is a name when the text (or the corpus) uses it as one, a place or its people's adjective
  // as anywhere else in a sentence ("Kazakh President Kassym-Jomart Tokayev addresses …"), or a possessive that is
  // no common noun's ("Castro's government", "TimeWarner's profit"; not "Today's", "Children's").
  if (i > 0 || names.has(t.norm) || countryOf(t.norm) !== undefined) return true;
  return /['’]s$/.test(text.slice(t.start, t.end)) && (names.has(t.norm.slice(0, -1)) || !COMMON_POSSESSIVES.has(t.norm.slice(0, -1)));
}

/** A word that can say what a fact is about: content, no digits, no date or filler word, three letters or more. */
function isKeyWordForm(t: Token): boolean {
  return isContentWord(t.norm) && !/\d/.test(t.norm) && !DATE_WORDS.has(t.norm) && !GENERIC.has(t.norm) && t.norm.length > 2;
}

function nameForm(text: string, t: Token): string {
  return /['’]s$/.test(text.slice(t.start, t.end)) ? t.norm.slice(0, -1) : t.norm;
}

/** Sentences back that subjectsBefore reads for a name. */
const SUBJECT_SENTENCES = 3;

/** How far back paragraphBefore looks. */
const PARAGRAPH_CHARS = 2000;

/** A text's paragraph before `at`, from its last blank line (a hard-wrapped paragraph runs over several lines). */
export function paragraphBefore(text: string, at: number): string {
  return text.slice(Math.max(0, at - PARAGRAPH_CHARS), at).split(/\n[ \t]*\n/).pop()!;
}

/**
 * Who a sentence that names no one is about, from the text before it in its paragraph: the names of the nearest
 * sentence that names anyone, up to SUBJECT_SENTENCES back; none when they name no one. Wire copy fills "The company
 * currently has … shares outstanding" in for every company: the sentence before says which.
 */
export function subjectsBefore(before: string): string[] {
  const sentences = splitSentences(before);
  for (let k = sentences.length - 1; k >= Math.max(0, sentences.length - SUBJECT_SENTENCES); k--) {
    const tokens = tokenize(before, sentences[k].start, sentences[k].end);
    // A sentence's first word too ("Marlowe said …"): where it is no name, the two sides tie on it or stay unsure.
    const names = tokens.filter(isCapitalisedWord).map((t) => t.norm);
    if (names.length > 0) return names;
  }
  return [];
}

/** What a sentence gives the sentence after it to refer back to: its names and its key words. */
export interface Antecedent {
  names: readonly string[];
  words: readonly string[];
}

export const NO_ANTECEDENT: Antecedent = { names: [], words: [] };

/**
 * A sentence as an antecedent: none when it names more than MAX_CARRIED name words (which of them a
 * pronoun means is a guess).
 */
export function antecedentOf(text: string, tokens: readonly Token[], names: ReadonlySet<string>): Antecedent {
  const found = new Set<string>();
  tokens.forEach((t, i) => {
    if (isNameToken(text, t, i, names, tokens[i - 1]) && !ROLE_NOUNS.has(t.norm)) found.add(intern(nameForm(text, t)));
  });
  if (found.size === 0 || found.size > MAX_CARRIED) return NO_ANTECEDENT;
  const words = new Set<string>();
  for (const t of tokens) if (!t.capital && isKeyWordForm(t)) words.add(stem(t.norm));
  return { names: [...found], words: [...words] };
}

/** "Time Warner" and "Warner Bros" are two names each: four words is two owners at most. */
const MAX_CARRIED = 4;

/**
 * Pronouns that refer back to a sentence before. Not "this" or "these": mostly determiners of time
 * ("this year", "these days") in news copy.
 */
const ANAPHORS = new Set('it its they their them he his she her'.split(' '));

/** Titles before a name say nothing about whose name it is. */
const HONORIFICS = new Set('mr mrs ms miss dr sir dame lord lady prof'.split(' '));

/** Words that stand in almost any news sentence: they say nothing about what a figure or date is about. */
const GENERIC = new Set(
  (
    'said says say told according also would could year years month months week weeks day days time times last next new first ' +
    'since ago earlier later today yesterday tomorrow per cent percent around about nearly almost just well still even'
  ).split(' '),
);

const ACTION_VERBS = new Set(
  (
    'said says say told tells stated states added announced announces cited cites addressed addresses spoke speaks commented comments noted notes ' +
    'declared declares wrote writes asked asks urged urges warned warns claimed claims insisted explained reported reports advised advises ' +
    'reiterated reiterates confirmed confirms denied denies signed signs met meets visited visits called calls ' +
    // Statements of a position are acts of saying too ("Selakovic rejected the results on Sep. 24").
    'rejected rejects dismissed dismisses condemned condemns welcomed welcomes accused accuses argued argues pledged pledges vowed vows'
  ).split(' '),
);

/** The name just before the sentence's first reporting or action verb, skipping a date between ("said Monday"). */
function actorOf(tokens: readonly Token[], names: Token[], inMasked: (t: Token) => boolean, norm: (t: Token) => string): string | undefined {
  const isName = new Set(names);
  for (let i = 1; i < tokens.length; i++) {
    if (!ACTION_VERBS.has(norm(tokens[i]))) continue;
    let j = i - 1;
    while (j >= 0 && inMasked(tokens[j])) j--;
    if (j >= 0 && isName.has(tokens[j])) return norm(tokens[j]);
    // A sentence's first word is no name to namesOf ("Tokayev said in June"): a capitalised word of
    // content right before the verb is, unless it names a role or a group ("Officials said").
    if (j === 0 && tokens[0].capital && isContentWord(tokens[0].norm) && !GENERIC.has(tokens[0].norm) && !ROLE_NOUNS.has(tokens[0].norm) && !/s$/.test(tokens[0].norm)) return norm(tokens[0]);
  }
  return undefined;
}

const BREAK = /[;:]|,\s+(?:and|but|while|whereas)\s|\s(?:and|but|while|whereas|against|compared with|instead of|rather than|versus|vs\.?)\s|,\s/g;

function firstBreak(text: string, from: number, to: number): number | undefined {
  BREAK.lastIndex = 0;
  const m = BREAK.exec(text.slice(from, to));
  return m ? from + m.index : undefined;
}

function lastBreak(text: string, from: number, to: number): number | undefined {
  let last: number | undefined;
  // matchAll starts where the shared regex's lastIndex stands (firstBreak's exec moves it): from 0.
  BREAK.lastIndex = 0;
  for (const m of text.slice(from, to).matchAll(BREAK)) last = from + m.index! + m[0].length;
  return last;
}

/**
 * The alias table from the abbreviations every source spells out. Only the distinctive
 * words of a long form are kept: "people" and "republic" stand in both DPR and LPR, so
 * DPR means Donetsk and LPR Luhansk, and the two never match each other.
 */
export function buildAliases(forms: Iterable<AbbreviationForm>): AliasTable {
  // Words of each abbreviation's long forms, by letter position. In a fixed order, so that the
  // table does not depend on the order sources were read in (an archive reads its forms as a set).
  const byAbbr = new Map<string, Array<Set<string>>>();
  const table: AliasTable = new Map();
  const firsts = new Map<string, string[]>();
  for (const [abbr, words] of namesMeant(inFixedOrder(forms), firsts)) {
    // A company's legal form abbreviates no name of the corpus ("Co" spelled out "completes offering" by wire headlines).
    if (LEGAL_FORMS.has(abbr)) continue;
    // A state's short form stands for the state: other names with its initials ("Uncle Sam", "Union Solidarity",
    // "United Steelworkers" for US) are not it, and its words are no other abbreviation's generic ones.
    const state = shortFormOf(abbr);
    if (state) {
      table.set(abbr, [...state]);
      continue;
    }
    let pos = byAbbr.get(abbr);
    if (!pos) byAbbr.set(abbr, (pos = words.map(() => new Set<string>())));
    words.forEach((w, i) => pos![i]?.add(w));
  }
  // A word is generic when another abbreviation has it at the same letter while differing elsewhere.
  // Grouped by (length, position, letter) and by stem, so this is linear in the abbreviations
  // (comparing every pair took seconds on 2,225 articles and grows with the square).
  const generic = new Set<string>();
  const holders = new Map<string, Set<string>>(); // "length|position|letter|stem" -> abbreviations
  for (const [abbr, pos] of byAbbr) {
    pos.forEach((set, i) => {
      for (const w of set) {
        const key = `${abbr.length}|${i}|${abbr[i]}|${stem(w)}`;
        let h = holders.get(key);
        if (!h) holders.set(key, (h = new Set()));
        h.add(abbr);
      }
    });
  }
  for (const [key, abbrs] of holders) {
    if (abbrs.size < 2) continue;
    const i = key.split('|')[1];
    for (const a of abbrs) generic.add(a + i);
  }
  for (const [abbr, pos] of byAbbr) {
    const distinctive = pos.flatMap((set, i) => (generic.has(abbr + i) ? [] : [...set]));
    table.set(abbr, distinctive.length > 0 ? distinctive : pos.flatMap((set) => [...set]));
  }
  // A state's short form stands for the state alone (above).
  for (const [abbr, words] of firsts) if (!shortFormOf(abbr)) table.set(abbr, [...new Set([...(table.get(abbr) ?? []), ...words])]);
  return table;
}

/** An abbreviation, the words of a long form it is spelled out as, and how many articles spell it so (1 when not said). */
export type AbbreviationForm = readonly [string, readonly string[], number?];

/**
 * An abbreviation spelled out as several names stands for those spelled out in this many articles at least, and for
 * the first word only of each spelled out once: a name spelled out once beside others may be a coincidence of initials,
 * and a word further in is no name by itself (Reuters spells UAL out once each as United Air Lines, Unidare Aluminium
 * Ltd and Unilever Australia Ltd: "Toth Aluminum Corp" is not UAL, while BBC's SEC, spelled out once as the Securities
 * and Exchange Commission and once as Strategic Export Controls, still names the Commission). Where one name is
 * DOMINANT_NAME times as common as all the others together (TPP: the Trans-Pacific Partnership 16 times, the Tea Party
 * Patriots once), it stands for that one alone.
 */
const SPELLED_OUT = 2;
const DOMINANT_NAME = 4;

type CountedForm = readonly [string, readonly string[], number];

/**
 * The forms of each abbreviation (forms sorted by it) that say what it stands for: its only name's, a dominant name's,
 * or those spelled out often enough, the first words of the others into `firsts`.
 */
function namesMeant(forms: readonly CountedForm[], firsts: Map<string, string[]>): CountedForm[] {
  const out: CountedForm[] = [];
  for (let i = 0; i < forms.length; ) {
    let j = i;
    while (j < forms.length && forms[j][0] === forms[i][0]) j++;
    // Names told apart by their first word ("European Union" and "Europe Union" are one).
    const names: Array<{ first: string; n: number; forms: CountedForm[] }> = [];
    const place = (w: string) => countryOf(w) ?? w;
    for (const f of forms.slice(i, j)) {
      const first = f[1][0] ?? '';
      let name = names.find((x) => stem(x.first) === stem(first) || sameName(x.first, first) || place(x.first) === place(first));
      if (!name) names.push((name = { first, n: 0, forms: [] }));
      name.n += f[2];
      name.forms.push(f);
    }
    const [top, ...rest] = names.sort((a, b) => b.n - a.n);
    if (top.n >= DOMINANT_NAME * rest.reduce((n, x) => n + x.n, 0)) out.push(...top.forms);
    else
      for (const name of names) {
        if (name.n >= SPELLED_OUT) out.push(...name.forms);
        else if (name.first) firsts.set(forms[i][0], [...(firsts.get(forms[i][0]) ?? []), name.first]);
      }
    i = j;
  }
  return out;
}

/** Distinct forms with how many articles spell each, sorted (a form repeated by many articles adds nothing to the sets above). */
function inFixedOrder(forms: Iterable<AbbreviationForm>): CountedForm[] {
  const byKey = new Map<string, [string, readonly string[], number]>();
  for (const f of forms) {
    const key = f[0] + '\u0000' + f[1].join('\u0000');
    const known = byKey.get(key);
    if (known) known[2] += f[2] ?? 1;
    else byKey.set(key, [f[0], f[1], f[2] ?? 1]);
  }
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}

const reverseCache = new WeakMap<AliasTable, Map<string, Array<[string, string]>>>();

/** Long-form word's name key → (abbreviation, word) pairs. */
function reverseAliases(aliases: AliasTable): Map<string, Array<[string, string]>> {
  let r = reverseCache.get(aliases);
  if (!r) {
    r = new Map();
    for (const [abbr, long] of aliases) {
      for (const w of long) {
        const k = nameKey(w);
        let list = r.get(k);
        if (!list) r.set(k, (list = []));
        list.push([abbr, w]);
      }
    }
    reverseCache.set(aliases, r);
  }
  return r;
}

/**
 * Whether a name appears among others (through variants and abbreviations): the same name, or a word an
 * abbreviation of the other stands for. Two abbreviations whose long forms share a word are not one name (in
 * Reuters, "SEC" and "Mac", an Apple computer, each stand for a score of words, some of them the same).
 */
export function hasName(names: readonly string[], name: string, aliases: AliasTable): boolean {
  return names.some((n) => namesMatch(n, name, aliases));
}

/** Two names are one: spelled alike, or one an abbreviation the other is a word of (never a lone letter: "T" of T-Mobile is no word of BT). */
export function namesMatch(a: string, b: string, aliases: AliasTable): boolean {
  return sameName(a, b) || standsFor(a, b, aliases) || standsFor(b, a, aliases);
}

function standsFor(abbr: string, word: string, aliases: AliasTable): boolean {
  return word.length > 1 && !!aliases.get(abbr)?.some((y) => sameName(word, y));
}

/**
 * An abbreviation standing for more words than this ("MM": 173 in the BBC corpus, initials of
 * many people), or a word in more abbreviations than this ("Inc": 601 at 100,000 articles),
 * does not say which name is meant: retrieval leaves such an expansion out, as it leaves out a
 * key held by too many facts (MAX_FACTS_PER_KEY). Unbounded, one draft fact was looked up by
 * 793 keys at 100,000 articles and compared with 88,000 source facts.
 */
export const MAX_ALIAS_EXPANSION = 16;

/** Retrieval keys for a context: its names' keys (and their abbreviations' long forms). */
export function contextKeys(c: FactContext, aliases: AliasTable): string[] {
  const keys = new Set<string>();
  for (const e of c.entities) {
    keys.add('n:' + nameKey(e));
    const long = aliases.get(e) ?? [];
    if (long.length <= MAX_ALIAS_EXPANSION) for (const x of long) keys.add('n:' + nameKey(x));
  }
  for (const e of c.carried ?? []) keys.add('n:' + nameKey(e));
  for (const w of c.words) keys.add('w:' + w);
  for (const w of c.carriedWords ?? []) keys.add('w:' + w);
  // The abbreviations of these names, so that "Donetsk" finds a source that wrote "DPR".
  const reverse = reverseAliases(aliases);
  for (const e of c.entities) {
    const abbrs = reverse.get(nameKey(e)) ?? [];
    if (abbrs.length <= MAX_ALIAS_EXPANSION) for (const [abbr, long] of abbrs) if (sameName(e, long)) keys.add('n:' + nameKey(abbr));
  }
  return [...keys];
}
