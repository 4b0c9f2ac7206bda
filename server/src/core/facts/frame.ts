// What a figure or a date is a fact *about*, read from its clause: the measure (what is
// counted or what happened: "backed", "in favor" and "voted for" are one measure), the
// owner (whose figure: Luhansk, Unilever; "Welsh" is Wales), the period (2004, the fourth
// quarter, December) and the direction (rose, fell). Two facts are the same fact only when
// these agree; a contradiction needs all of them stated on both sides, so that a figure
// about something else that happens to share a word or a unit never raises a warning.
//
// The frame is computed at verdict time from a fact's context (context.ts), for the draft's
// facts and the few source facts retrieval returns, so the index and the archive keep the
// facts as they are stored and give the same verdicts.

import { countryOf, demonymsOf } from './places';
import { once } from './once';
import { otherPollsters, pollstersOf, reportsPoll } from './polls';
import { isContentWord, normaliseWord, tokenize, type Token } from '../text/tokens';
import { afterNew, COMMON_ABBREVIATIONS, stateAfterUnited, stem, type AliasTable } from './context';
import { HONORIFICS, ORG_NOUNS, ROLE_NOUNS, SPEECH_VERBS } from '../speakers/lexicon';
import type { Fact } from './extract';

export interface FactFrame {
  /** Names in the fact's own clause, demonyms read as their place (welsh → wales). */
  owners: string[];
  /** Owners written only inside the figure ("12 Oscar nominations", "148 WTO members"): perhaps what is counted, not whose. */
  inFigure: string[];
  /** How many names the owners spell outside the figure (a person's first and last names are one). */
  names: number;
  /** The owners are the sentence before's (the clause refers back): a guess, that may bring two facts together but never keeps them apart. */
  ownersCarried: boolean;
  /** The owner nearest the fact (its likeliest owner), as a place where it is a demonym. */
  nearest?: string;
  /** The nearest owner was written as a demonym ("American soldiers"): it may only describe what is counted. */
  nearestIsDemonym: boolean;
  /** What is measured or what happened: the clause's key words, synonyms folded into one class ("~rise"). */
  measure: string[];
  /** The measure with the key words of the fact's whole stretch of sentence (context.ts): enough to agree, not to contradict. */
  broad: string[];
  /** The clause's own words behind each class ("~rise" → "climb", "rose"), to weigh the class by how common they are. */
  classWords: Map<string, string[]>;
  /** Years, months and quarters the sentence names ("y2004", "m12", "q4"). */
  periods: string[];
  direction?: 'up' | 'down';
  /** The figure's or date's part in a change or a span: "from 71% to 55%", "from 2005 levels by 2050". */
  role?: 'from' | 'to' | 'by';
  /** Which of a series a count is: "the first two games", "their final two games" ("last"), "the next three years". */
  sequence?: 'first' | 'last' | 'next';
  /** A figure that is a difference ("rose 20%", "the extra £13 billion", "£300 less than the Tories offered"), not a level. */
  difference: boolean;
  /** A figure that is a rank ("world number seven", "No. 3", "number 13 in the singles chart"): this week's, not for ever. */
  rank: boolean;
  /** The clause reports trading (shares, crude, an index's close): its figures are a day's, whatever day it was. */
  trading: boolean;
  /** The sentence reports a poll or survey: its figures are that poll's. */
  poll: boolean;
  /** Who conducted the poll, as the sentence names it ("Quinnipiac", "Post-ABC", "AP-GfK"), or else the sentence before. */
  pollsters: string[];
  /** What a figure is a share or a count of: the words of "of …" after it ("25 percent of the world's inmates"), stemmed. */
  of: string[];
  /** The noun a sum is written with ("a $900m loan", "£35bn efficiency savings"), stemmed. */
  noun?: string;
  /**
   * For a date, the word it is the date of: the verb or noun just before it ("a transfer on Oct. 14", "the party
   * announced Tuesday"), its class folded ("~begin", "~say"). None when the date opens its sentence or clause.
   */
  event?: string;
  /** Words of the clause that narrow or widen where the figure holds ("outside the US", "worldwide"), lower-case. */
  scope: string[];
  /** Every word of the sentence, names too, stemmed: what the other side's "of …" is looked for in (read when first asked). */
  sentenceStems: () => ReadonlySet<string>;
}

/**
 * Classes of words that say the same thing about a figure or an event. Closed classes, as
 * the speech verbs of speakers/lexicon.ts are: the handful of verbs newsrooms use for a
 * change, a vote or an event's start and end, with their irregular forms (a stemmer does
 * not reach "rose", "fell", "began", "won").
 */
const CLASSES: Record<string, string> = {
  '~rise':
    'rise rises rising rose risen climb climbs climbed climbing jump jumps jumped jumping increase increases increased increasing gain gains gained gaining grow grows grew grown growing surge surged surging soar soared soaring leap leapt leaped advance advanced up higher hike hiked boost boosted',
  '~fall':
    'fall falls fell fallen falling drop drops dropped dropping slide slides slid sliding tumble tumbled tumbling sink sinks sank sunk sinking decline declines declined declining decrease decreased decreasing plunge plunged plunging slump slumped dip dipped shrink shrank shrunk lower down cut cuts slip slips slipped slipping ease eases eased easing',
  '~support': 'back backs backed backing support supports supported supporting favor favour favored favoured approve approved approving endorse endorsed yes',
  '~oppose': 'oppose opposes opposed opposing against reject rejects rejected rejecting no',
  '~begin': 'begin begins began begun beginning start starts started starting open opens opened opening launch launched launching kick kicked commence commenced',
  '~end': 'end ends ended ending close closes closed closing finish finishes finished finishing conclude concluded concluding wrap wraps wrapped wrapping',
  '~win': 'win wins won winning victory',
  '~lose': 'lose loses lost losing defeat defeated shed sheds shedding',
  '~kill': 'kill kills killed killing death deaths die died',
  '~injure': 'injure injured injuring wound wounded hurt',
  '~buy': 'buy buys bought buying paid purchase purchases purchased purchasing acquire acquires acquired acquiring',
  // A speech to a body: "addressed the General Assembly", "spoke to the General Assembly".
  '~address': 'address addresses addressed addressing speak speaks spoke spoken speaking',
  // What a company is worth on the stock market, as sources write it and reporters (PHRASE_WORDS: "market value").
  '~marketvalue': 'capitalisation capitalization capitalisations capitalizations',
};

const DIRECTION: Record<string, 'up' | 'down'> = { '~rise': 'up', '~fall': 'down' };

/** Wire style's direction written as a particle before the figure: "the Dow Jones average up almost 115 points". */
const UP_OR_DOWN_BEFORE = /\b(up|down)\s+(?:by\s+)?$/i;

/** stem → class, built from every listed form (stem() folds spelling and regular inflections). */
const classOf = new Map<string, string>();
for (const [cls, words] of Object.entries(CLASSES)) for (const w of words.split(' ')) classOf.set(stem(w), cls);

/** Whether a stemmed word stands beside almost any figure ("percent", "times", "billion"). */
export function isWeakMeasure(stemmed: string): boolean {
  return WEAK_MEASURE.has(stemmed);
}

/** The class of a key word (already stemmed), or the word itself. */
export function measureWord(stemmed: string): string {
  return classOf.get(stemmed) ?? stemmed;
}

/** Words that stand beside almost any figure: sharing them says nothing about the measure. */
const WEAK_MEASURE = new Set(
  (
    'percent per cent pct percentage proportion point points number total totalled totaled figure figures rate level share amount more than least only some other most many all both ' +
    'two three thousand million billion trillion mln bln dlr dlrs dollar dollars stg pound pounds sterling yen franc francs mark marks euro euros currency ' +
    'compare compared comparison against estimate estimated expect expected forecast said says report reported about around year years month months week weeks ' +
    'day days time times new last next previous current latest ' +
    // Units of length and weight: "5.05m" (a height cleared) and "our 10m line" share a unit, not a measure. And "go":
    // "went on to attempt" says nothing of what was attempted.
    'm km cm mm metre metres meter meters kilometre kilometres mile miles yard yards ft feet foot inch inches kg kilogram kilograms tonne tonnes ' +
    'go goes went gone going'
  )
    .split(' ')
    .map(stem),
);

/**
 * Currencies a figure may be counted in: the unit, not what is measured. Thailand's trade deficit and its money supply
 * are both in baht; a clause's currency is a measure word only as the figure's own counted noun ("500 mln peso").
 */
const CURRENCIES = new Set(
  (
    'baht rupee rupees rupiah peso pesos lira lire ringgit yuan renminbi rouble roubles ruble rubles krona kronor krone kroner crowns guilder guilders ' +
    'schilling schillings shilling shillings pfennig pfennigs cent cents centime centimes pence penny dinar dinars dirham dirhams riyal riyals rial rials ' +
    'shekel shekels zloty zlotys forint forints escudo escudos peseta pesetas drachma drachmas naira tenge ecu ecus'
  )
    .split(' ')
    .map(stem),
);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const PERIOD = /\b(1[89]\d\d|20\d\d)\b|\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?|\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|qtr)\b|\bq([1-4])\b/gi;
const QUARTERS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

/** Days of the calendar a figure may be about ("took $18m on New Year's Day"): "h" periods. */
const HOLIDAYS: Array<[RegExp, string]> = [
  [/\bNew Year['’]s Eve\b/, 'hnye'],
  [/\bNew Year['’]s Day\b/, 'hnyd'],
  [/\bChristmas Eve\b/, 'hxe'],
  [/\bChristmas Day\b/, 'hxd'],
  [/\bBoxing Day\b/, 'hbd'],
  // "Over New Year": the holiday as a whole, a period apart from either of its days.
  [/\bNew Year\b(?!['’]s\s+(?:Eve|Day))/, 'hny'],
  [/\bThanksgiving\b/, 'htg'],
];

/** Years named from the article's own ("last year", "next year"): "r" periods, which an undated draft cannot place. */
const RELATIVE_YEAR = /\b(last|this|next|previous|coming|current)\s+(?:fiscal\s+)?year\b/gi;
const RELATIVE: Record<string, string> = { last: 'r-1', previous: 'r-1', this: 'r0', current: 'r0', next: 'r+1', coming: 'r+1' };

/** British "on" too: "up 20% on last year". Not "over the last year": that is the period. */
const RELATIVE_BASELINE = /\b(?:on|over|than|from|compared\s+(?:with|to)|against|versus|vs\.?)\s+$/i;
const BASELINE = /\b(?:over|than|from|since|compared\s+(?:with|to)|against|versus|vs\.?)\s+(?:the\s+)?(?:(?:end|start)\s+of\s+)?$/i;

/** Years, months, quarters and holidays a sentence names. "May" is a month only when capitalised. */
export function periodsOf(sentence: string): string[] {
  const out = new Set<string>();
  // A year a change is measured against ("an increase of 20% on last year's figures", "up from last year") is its
  // baseline, not its period.
  for (const m of sentence.matchAll(RELATIVE_YEAR)) if (!RELATIVE_BASELINE.test(sentence.slice(Math.max(0, m.index! - 20), m.index!))) out.add(RELATIVE[m[1].toLowerCase()]);
  for (const [re, p] of HOLIDAYS) if (re.test(sentence)) out.add(p);
  for (const m of sentence.matchAll(PERIOD)) {
    // A year a change is measured against ("an increase of about 50 pct over 1985", "up from 2003") is its baseline, not its period.
    if (m[1] && BASELINE.test(sentence.slice(Math.max(0, m.index! - 20), m.index!))) continue;
    if (m[1]) out.add('y' + m[1]);
    else if (m[2]) {
      if (m[2] === 'may' || m[2] === 'mar' || m[2] === 'march' || m[2] === 'dec' || m[2] === 'jan') continue; // lower-case: a verb or a word
      if (m[2][0] !== m[2][0].toUpperCase()) continue;
      out.add('m' + (MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1));
    } else if (m[3]) out.add('q' + QUARTERS[m[3].toLowerCase()]);
    else if (m[4]) out.add('q' + m[4]);
  }
  return [...out];
}

/** A clause that opens on its verb ("fall to 3.3%", "would fall", "then rose"): its subject is the clause before's. */
function sharesSubject(clauseStart: string): boolean {
  const [first, second] = tokenize(clauseStart).map((t) => t.norm);
  const verb = (w: string | undefined) => !!w && (MODALS.has(w) || !!DIRECTION[classOf.get(stem(w)) ?? '']);
  return verb(first) || (first === 'then' && verb(second));
}

const MODALS = new Set('would will could should might may'.split(' '));

/** The clause before `at`'s subject and verb: the sentence up to its first number. */
function subjectBefore(sentence: string, at: number): string {
  const before = sentence.slice(0, at);
  const digit = before.search(/\d/);
  return digit >= 0 ? before.slice(0, digit) : before;
}

/** A title ("President", "Senator") names no owner by itself: the name after it does. */
function isOwner(norm: string): boolean {
  // Nor a change's verb that wire copy capitalises after an abbreviation ("surplus with the U.S. Rose to …").
  return !ROLE_NOUNS.has(norm) && !HONORIFICS.has(norm) && !CALENDAR_NAMES.has(norm) && !DIRECTION[classOf.get(stem(norm)) ?? ''];
}

/** Capitalised words of the calendar ("New Year's Day", "Christmas Day"): when, not whose. */
const CALENDAR_NAMES = new Set(
  'day eve christmas easter new year years newyear weekend holiday thanksgiving monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '),
);

/** A series' end before a count, as one word: "opening" is "first", "final" or "past" "last", "coming" "next". */
const SEQUENCE_BEFORE = /\b(first|opening|last|final|past|previous|next|coming)\s+$/i;
const SEQUENCE: Record<string, FactFrame['sequence']> = { first: 'first', opening: 'first', last: 'last', final: 'last', past: 'last', previous: 'last', next: 'next', coming: 'next' };

const ROLE_BEFORE: Array<[RegExp, FactFrame['role']]> = [
  [/\b(?:from|since)\s+(?:about\s+|around\s+|nearly\s+|just\s+)?(?:the\s+)?$/i, 'from'],
  [/\b(?:to|into)\s+(?:about\s+|around\s+|nearly\s+|just\s+)?$/i, 'to'],
  [/\b(?:by|until|till|through)\s+(?:the\s+end\s+of\s+)?$/i, 'by'],
];
/** A difference's words: "the extra", "a further", "another" before the figure; "more than", "less than" after it. */
const DIFFERENCE_BEFORE = /\b(?:extra|additional|further|another)\s+$/i;
const DIFFERENCE_AFTER = /^\s*(?:more|less|fewer|higher|lower|cheaper|dearer|bigger|smaller|larger)\s+than\b/i;
/** Words between a change's verb and its size: "rose by nearly 20%", "up almost 20%". */
const CHANGE_LEAD = /(?:\s+(?:by|of|about|around|nearly|almost|some|just|over|more|than|less|a|an))*\s*$/i;
const RANK_BEFORE = /(?:\b[Nn]umber|\bN[Oo]\.|#) ?$/;

/** A word without its final "s", as names are matched: a plural, or a possessive whose apostrophe the tokens drop ("Mackintosh's"). */
function withoutS(norm: string): string {
  return norm.endsWith('s') ? norm.slice(0, -1) : norm;
}

/** Owners the clause writes only inside the figure [start, end) ("12 Oscar nominations"): what is counted, perhaps not whose. */
function ownersInFigure(owners: readonly string[], clauseTokens: readonly Token[], start: number, end: number): string[] {
  const formOf = (t: Token) => countryOf(t.norm) ?? withoutS(t.norm);
  const inside = new Set(clauseTokens.filter((t) => t.start >= start && t.end <= end).map(formOf));
  const outside = new Set(clauseTokens.filter((t) => t.end <= start || t.start >= end).map(formOf));
  return owners.filter((n) => inside.has(withoutS(n)) && !outside.has(withoutS(n)));
}

/** A change's size: a verb or noun of a rise or a fall just before the figure or just after it ("fell 5%", "a 5% cut"). */
function isChange(before: string, after: string): boolean {
  const verb = /([A-Za-z]+)$/.exec(before.replace(CHANGE_LEAD, ''))?.[1];
  const noun = /^\s*([A-Za-z]+)/.exec(after)?.[1];
  // Losing a share is a change too: "BT has lost around 10% of market share".
  const changes = (w: string) => {
    const cls = measureWord(stem(normaliseWord(w)));
    return !!DIRECTION[cls] || cls === '~lose';
  };
  return UP_OR_DOWN_BEFORE.test(before) || [verb, noun].some((w) => !!w && changes(w));
}

/** A clause about trading: a market's noun (shares, futures, an index) with a rise, a fall or a close (below). */
const TRADING = /\b(?:shares|stock|share price|stock market|stock exchange|bourse|futures|index|traded|trading|(?:a|per) barrel|barrel of)\b/i;
/** How a day's trading is told besides a rise or a fall: "closed at", "ended the day", "quoted at". */
const PRICE_MOVE = /\b(?:closed|closing|ended|finished|opened|quoted|traded|trading|up|down)\b/i;
const MARKETS = new Set('london newyork paris tokyo frankfurt amsterdam zurich chicago singapore sydney toronto milan madrid brussels stockholm johannesburg mumbai bombay seoul taipei shanghai hong kong wall street nasdaq stock exchange bourse'.split(' '));

/** The market a security is listed on: "listed in Luxembourg", "listing will be in London", "listed on the Tokyo Stock Exchange". */
const LISTED_IN = /\blist(?:ed|ing)\s+(?:will\s+be\s+)?(?:in|on)\s+(?:the\s+)?((?:[A-Z][\w&.'’-]*\s*){1,4})/g;

const CURRENCY_ADJECTIVE = /\b([A-Z][a-z]+)\s+(?:dlrs?|dollars?|francs?|marks?|guilders?|crowns?|kron[aeo]r?|lire|pesos?|rupees?|yen|pounds?|cents?)\b/g;

/**
 * Where a fact's clause runs in its sentence: from the last break before it to the first
 * after it ("… at 4.90 mln tonnes | against 10.40 mln in 1985/86"; "stronger sales in March
 * |, while retailers …"; "in denominations of 5,000 dlrs | and will be listed in Luxembourg": another predicate).
 * A plain comma is no break: "In Luhansk, 99.23% …" is one clause.
 */
const CLAUSE_BREAK = /[;:]|,\s+(?:and|but|whereas|which|who|compared)\s|\sand\s(?=(?:will|would|is|are|was|were|has|have|had)\s)|\s(?:but|whereas|against|compared with|versus|vs\.?)\s|\s(?:while)\s(?!\w+ing\b)|\s[-—–]\s/g;

/** Words in -ing that are prepositions, not verbs taking an object: "including Russia", "during Ramadan". */
const PREPOSITIONS_IN_ING = new Set('including excluding during following according regarding concerning involving notwithstanding pending barring'.split(' '));

/** A phrase in apposition to the capitalised word before it: "Allied Domecq, the British drinks and food firm,". */
const APPOSITIVE = /(?<=[A-Z][\w'’.&-]*),\s+(?:the|a|an)\s+([^,;()]{1,60}),/g;

/** The opening of a relative clause, its comma right after a word: ", which", ", who", ", whose". */
const RELATIVE_AFTER_NAME = /(?<=\w),\s+(?:which|who|whose)\s+$/;

/**
 * A relative clause between commas, the sentence's verb after it: ", which has cost £9m to bring to the stage, was
 * given". A comma before anything else ("the deaths of four Americans, including Ambassador Stevens") closes nothing.
 */
const RELATIVE_CLAUSE =
  /(?<=\w),\s+(?:which|who|whose)\s+[^,;:()]{1,80}(?=,\s+(?:(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|shall|does|did|also|now|then)\b|\w+ed\b|(?:made|said|says|took|won|rose|fell|became|gave|left|began|came|went|saw|told|held|kept|paid|sold|bought|got|led|lost|met|ran|set|sent|spent|stood|wrote)\b))/g;

/** Where the relative clauses between commas stand in a sentence. */
function relativesIn(sentence: string): Array<[number, number]> {
  return [...sentence.matchAll(RELATIVE_CLAUSE)].map((m) => [m.index!, m.index! + m[0].length]);
}

function clauseOf(sentence: string, start: number, end: number, relatives: ReadonlyArray<[number, number]>): { start: number; end: number } {
  // A phrase in apposition is parenthetical: a break inside it ("the Tory who stood against Margaret Thatcher") ends
  // no clause of the sentence around it. So is a relative clause between commas for a figure after it ("Martin
  // Mubanga, who plans to sue, was held … for 33 months"); a figure inside one has that clause, to its closing comma.
  const apposed = [...sentence.matchAll(APPOSITIVE)].map((m) => [m.index!, m.index! + m[0].length]).filter(([a, b]) => end <= a || start >= b);
  const around = relatives.find(([a, b]) => start > a && end <= b);
  const parenthetical = (i: number) => apposed.some(([a, b]) => i > a && i < b - 1) || relatives.some(([a, b]) => b <= start && i >= a && i < b);
  let from = 0;
  for (const m of sentence.slice(0, start).matchAll(CLAUSE_BREAK)) if (!parenthetical(m.index!)) from = m.index! + m[0].length;
  let to = around ? around[1] : sentence.length;
  for (const m of sentence.slice(end, to).matchAll(CLAUSE_BREAK))
    if (!parenthetical(end + m.index!)) {
      to = end + m.index!;
      break;
    }
  return { start: from, end: to };
}

/**
 * Phrases that say what one word of a class says: a company's worth in a reporter's words ("stock market value",
 * "market cap") is its capitalisation; paying, offering or bidding a price for a company or a share ("agreed to pay
 * $25.4bn for Guidant", "offering $76 for every Guidant share") buys it. A bill paid is no purchase: "for" and a
 * capitalised name or a share must follow.
 */
const PHRASE_WORDS: Array<[RegExp, string]> = [
  [/\bmarket\s+(?:value|valuation|cap)\b/i, stem('capitalization')],
  // A product's launch in a reporter's words ("goes on sale", "hit the shops").
  [/\b(?:go(?:es)?|went|gone|going|put)\s+on\s+sale\b|\bhit(?:s|ting)?\s+(?:the\s+)?(?:shops|stores|shelves)\b/i, stem('launch')],
  [/\b(?:pa(?:y|ys|ying)|offer(?:s|ed|ing)?|bid(?:s|ding)?)\b[^;]{0,40}?\bfor\s+(?:(?:each|every|a|one)\s+(?:\w+\s+)?share\b|[A-Z])/, stem('buy')],
];

/** A clause's key words, stemmed: lower-case content words, no numbers; `first` as well, the sentence's first word when it is no name. */
function keyWords(clause: string, first?: string): string[] {
  const out = new Set<string>();
  const tokens = tokenize(clause);
  tokens.forEach((t, i) => {
    // "back" as written is mostly a particle ("pay back a loan", "scaling back"), not "backed" a vote.
    if (t.norm === 'back') return;
    // Nor is "call" an event where it asks for something or names it ("calls for a sell-off", "a company called Akamai").
    if (/^call(?:s|ed|ing)?$/.test(t.norm) && (tokens[i + 1]?.norm === 'for' || tokens[i + 1]?.capital)) return;
    if ((!t.capital || (i === 0 && t.norm === first) || COMMON_ABBREVIATIONS.has(t.norm)) && isContentWord(t.norm) && t.norm.length > 2 && !/\d/.test(t.norm)) out.add(stem(t.norm));
  });
  for (const [re, word] of PHRASE_WORDS) if (re.test(clause)) out.add(word);
  return [...out];
}

const frames = new WeakMap<Fact, FactFrame>();

/**
 * A source fact's frame: the store's kept one, else computed once per fact object (its sentence, sliced from the
 * source's text on each read, is read only the first time).
 */
export function sourceFrame(sf: { readonly fact: Fact; readonly sentence: string; readonly frame?: FactFrame }): FactFrame {
  return sf.frame ?? frames.get(sf.fact) ?? frameOf(sf.fact, sf.sentence);
}

/** The frame of a fact whose sentence reads `sentence` (computed once per fact object). */
export function frameOf(fact: Fact, sentence: string): FactFrame {
  let f = frames.get(fact);
  if (!f) {
    const at = fact.start - fact.sentence.start;
    const before = sentence.slice(Math.max(0, at - 40), at);
    const c = fact.context;
    const relatives = relativesIn(sentence);
    const whole = clauseOf(sentence, at, fact.end - fact.sentence.start, relatives);
    // What follows the next number in the clause is that number's ("a 10 percent VAT to go with a 17 percent
    // corporate tax rate"); what precedes both (the subject and its verb) is both numbers'. Periods are read
    // from the whole clause: "1.9% from 2.4% in 2005".
    const next = /\d/.exec(sentence.slice(fact.end - fact.sentence.start, whole.end));
    const clause = next ? { start: whole.start, end: fact.end - fact.sentence.start + next.index } : whole;
    // A figure in a list ("99% in Donetsk, 98% in Luhansk, and 87% in Kherson voted in favour")
    // has no verb of its own in its clause: it measures what the sentence says of the list.
    const firstWord = clause.start === 0 ? tokenize(sentence, 0, Math.min(sentence.length, 40))[0] : undefined;
    const own = keyWords(sentence.slice(clause.start, clause.end), firstWord && !c.entities.includes(firstWord.norm) && !c.entities.includes(withoutS(firstWord.norm)) && !/^\p{Lu}{2,}/u.test(sentence.slice(firstWord.start, firstWord.end)) ? firstWord.norm : undefined);
    // A clause with no subject of its own ("Brazilian growth would reach 4.4% in 2004, but fall to 3.3% next year")
    // shares the clause before's: its words (growth) and, below, its names (Brazil).
    const elided = clause.start > 0 && sharesSubject(sentence.slice(clause.start, clause.start + 24)) ? subjectBefore(sentence, clause.start) : undefined;
    if (elided) own.push(...keyWords(elided).filter((w) => !own.includes(w)));
    const words = (own.length > 0 ? own : [...c.sentenceWords]).filter((w) => !CURRENCIES.has(w));
    if (fact.kind === 'figure' && fact.figure.unit) words.push(stem(fact.figure.unit));
    const classWords = new Map<string, string[]>();
    const addClassWord = (w: string) => {
      const cls = classOf.get(w);
      if (cls && !classWords.get(cls)?.includes(w)) classWords.set(cls, [...(classWords.get(cls) ?? []), w]);
    };
    words.forEach(addClassWord);
    // A clause that refers back is about what the sentence before names: its nouns join the measure (not its verbs'
    // classes: "They are expected to finish" is not the sentence before's start).
    if (c.carried && c.carriedWords) words.push(...c.carriedWords.filter((w) => !classOf.has(w)));
    const measure = words.map(measureWord);
    c.words.forEach(addClassWord);
    const broad = [...new Set([...measure, ...c.words.filter((w) => !CURRENCIES.has(w)).map(measureWord)])];
    const cls = measure.find((w) => DIRECTION[w]);
    // "Canadian dlrs" names a currency, not whose figure it is.
    const currencies = new Set([...sentence.matchAll(CURRENCY_ADJECTIVE)].map((m) => normaliseWord(m[1])));
    const unit = fact.kind === 'figure' ? fact.figure.unit : undefined;
    // Nor is the counted noun when it is capitalised ("300 Australs").
    // Only names within the fact's own clause: a dateline's city ("AMSTERDAM, March 5 - …") is where the story was filed.
    const clauseTokens = tokenize(sentence, clause.start, clause.end);
    // Names as context.ts reads them: "New Mexico" is one ("newmexico"), "United States" is "us".
    const inClause = new Set<string>();
    clauseTokens.forEach((t, i) => {
      const state = stateAfterUnited(sentence, clauseTokens[i - 1], t);
      if (state) inClause.add(state);
      else if (afterNew(sentence, clauseTokens[i - 1], t)) inClause.add('new' + t.norm).add('new' + withoutS(t.norm));
      else inClause.add(withoutS(t.norm));
    });
    const couldOwn = (n: string) => isOwner(n) && !currencies.has(n) && n !== unit && stem(n) !== unit;
    const isOwnerHere = (n: string) => couldOwn(n) && (inClause.has(n) || inClause.has(withoutS(n)));
    // A market's city in a clause about trading is where a price was made, not whose it is ("Phytopharm closed at
    // 151.5 pence in London", "US crude jumped to $53.09 in New York").
    const clauseText = sentence.slice(clause.start, clause.end);
    const trading = TRADING.test(clauseText) && (!!cls || PRICE_MOVE.test(clauseText));
    const market = (n: string) => trading && MARKETS.has(n);
    // Nor is where a bond or a share is listed ("will be listed in Luxembourg").
    const listed = new Set([...clauseText.matchAll(LISTED_IN)].flatMap((m) => tokenize(m[1]).map((t) => t.norm)));
    // Nor are the names of a phrase describing a name in apposition ("Allied Domecq, the British drinks firm, has …",
    // "Sir Anthony Meyer, the Tory who stood against Margaret Thatcher, was born …"): the name described owns. A figure
    // inside the phrase is the phrase's own ("Group Menatep, the holding company which controls 51% of Yukos,").
    const outside = (m: RegExpMatchArray) => clause.start + m.index! > at || clause.start + m.index! + m[0].length <= at;
    // Nor the names of a relative clause before it ("Allied Domecq, which Pernod wants, has …").
    const described = new Set([
      ...[...clauseText.matchAll(APPOSITIVE)].filter(outside).flatMap((m) => tokenize(m[1]).map((t) => t.norm)),
      ...relatives
        .filter(([a, b]) => a >= clause.start && b <= at)
        .flatMap(([a, b]) => tokenize(sentence, a, b).map((t) => t.norm)),
    ]);
    const owns = (n: string) => isOwnerHere(n) && !market(n) && !listed.has(n);
    const undescribed = c.subject.filter((n) => owns(n) && !described.has(n));
    const describedOwns = (n: string) => owns(n) && (undescribed.length === 0 || !described.has(n));
    let owners = [...new Set(c.subject.filter(describedOwns).map((n) => countryOf(n) ?? n))];
    // The name a phrase describes is nearer the figure than the phrase's own names: "Virginia Electric and Power Co, a
    // unit of Dominion Resources Inc, is raising 100 mln dlrs" is the company's.
    // Nor is the object of a verb in -ing ("Donetsk voters backed joining Russia by 98.42%": what was voted on, not
    // whose vote): the name before that verb is.
    const subjectBeforeObject = (name: string): string | undefined => {
      const k = clauseTokens.findIndex((t) => t.norm === name || withoutS(t.norm) === name);
      const verb = clauseTokens[k - 1];
      if (k < 1 || verb.capital || !/ing$/.test(verb.norm) || PREPOSITIONS_IN_ING.has(verb.norm)) return undefined;
      return clauseTokens
        .slice(0, k - 1)
        .map((t) => [t.norm, withoutS(t.norm)].find((n) => c.subject.includes(n) && describedOwns(n)))
        .filter((n) => n !== undefined)
        .pop();
    };
    const nearestName = c.nearest && described.has(c.nearest) && undescribed.length > 0 ? undescribed[undescribed.length - 1] : c.nearest && (subjectBeforeObject(c.nearest) ?? c.nearest);
    let nearest = nearestName && describedOwns(nearestName) ? (countryOf(nearestName) ?? nearestName) : undefined;
    if (owners.length === 0 && elided) {
      // Its names, and a demonym opening the sentence ("Brazilian growth"), which the sentence's names leave out.
      const subject = tokenize(elided).map((t) => t.norm).filter((n) => c.entities.includes(n) || countryOf(n) !== undefined);
      owners = [...new Set(subject.filter((n) => couldOwn(n) && !market(n)).map((n) => countryOf(n) ?? n))];
      if (owners.length === 1) nearest = owners[0];
    }
    // A relative clause that names no one ("Allied Domecq, which has a capitalisation of £5.7bn") is about the name it
    // follows: the names just before its comma, none other.
    if (owners.length === 0) {
      const antecedent = RELATIVE_AFTER_NAME.exec(sentence.slice(0, clause.start));
      if (antecedent) {
        const before = tokenize(sentence, 0, antecedent.index);
        const named: string[] = [];
        // A name as the clause's names spell it: "Mackintosh" for "Mackintosh's".
        const nameOf = (t: Token) => (!t.capital ? undefined : [t.norm, withoutS(t.norm)].find((n) => c.entities.includes(n)));
        let i = before.length - 1;
        for (; i >= 0 && nameOf(before[i]); i--) named.unshift(nameOf(before[i])!);
        // Or a noun phrase ending on a common noun or its complement: its names ("Sir Cameron Mackintosh's lavish
        // production", "Mackintosh's stage version of Mary Poppins"), up to a word that is no noun's; none is nearest.
        // (A title's article belongs to it: "of The Glass Orchard".)
        const complement = i >= 0 && (before[i].norm === 'of' || (/^(?:the|a|an)$/.test(before[i].norm) && before[i - 1]?.norm === 'of'));
        const phrase = named.length === 0 || complement;
        if (complement && before[i].norm !== 'of') i--;
        if (phrase) {
          let words = 0;
          for (; i >= 0 && words <= 4 && /^[\s'’]*$/.test(sentence.slice(before[i].end, i + 1 < before.length ? before[i + 1].start : antecedent.index)); i--) {
            const t = before[i];
            const name = nameOf(t);
            if (name) named.unshift(name);
            else if (t.capital || !(t.norm === 'of' || isContentWord(t.norm))) break;
            else words++;
          }
        }
        // A name in a list ("Charlie Hodgson and Olly Barkley, who missed six penalties between them") is one of
        // several the clause is about: it owns nothing alone.
        const coordinated = i >= 0 && /^(?:and|or)$/.test(before[i].norm);
        if (!coordinated) owners = [...new Set(named.filter((n) => couldOwn(n) && !market(n)).map((n) => countryOf(n) ?? n))];
        if (owners.length > 0) nearest = phrase ? undefined : owners[owners.length - 1];
      }
    }
    // A clause that names no one and refers back ("It lost 464,000 subscribers") is about the sentence before's
    // names; the nearest of them only when there is one.
    const ownersCarried = owners.length === 0 && !!c.carried;
    if (ownersCarried) {
      owners = [...new Set(c.carried!.filter(couldOwn).map((n) => countryOf(n) ?? n))];
      nearest = owners.length === 1 ? owners[0] : undefined;
    }
    // How many names the owners make: "S. Donald Sussman" is one, "Tokayev … Putin" two. A name inside the figure is
    // what is counted ("62 Labour rebels"), not a second party to the occasion.
    let names = owners.length;
    if (owners.length >= 2 && !ownersCarried) {
      names = 0;
      let last = -2;
      clauseTokens.forEach((t, i) => {
        if (t.start >= at && t.end <= at + fact.text.length) return;
        if (!owners.includes(countryOf(t.norm) ?? t.norm) && !owners.includes(withoutS(t.norm))) return;
        if (i !== last + 1) names++;
        last = i;
      });
    }
    const direction = cls ? DIRECTION[cls] : fact.kind === 'figure' ? (UP_OR_DOWN_BEFORE.exec(before)?.[1].toLowerCase() as FactFrame['direction']) : undefined;
    // "by" is a deadline before a date ("by 2050") and a change's size before a figure ("up by 23%", the same as "up 23%").
    const role = ROLE_BEFORE.find(([re, r]) => re.test(before) && !(r === 'by' && fact.kind === 'figure'))?.[1];
    const after = sentence.slice(at + fact.text.length, at + fact.text.length + 24);
    // Where the figure holds reads on past its conversion in parentheses ("$30.1m (£15.6m) … outside North
    // America"), which ends the clause for the next figure's words.
    const conversion = /^\s*\([^()]{0,40}\)/.exec(sentence.slice(at + fact.text.length, whole.end))?.[0].length ?? 0;
    const nextAfter = conversion ? /\d/.exec(sentence.slice(at + fact.text.length + conversion, whole.end)) : null;
    const scopeEnd = conversion ? (nextAfter ? at + fact.text.length + conversion + nextAfter.index : whole.end) : clause.end;
    const inFigure = fact.kind === 'figure' && !ownersCarried && owners.length > 0 ? ownersInFigure(owners, clauseTokens, at, at + fact.text.length) : [];
    const pollsters = pollstersOf(sentence);
    f = {
      owners,
      inFigure,
      ownersCarried,
      names,
      nearest,
      nearestIsDemonym: !!c.nearest && countryOf(c.nearest) !== undefined,
      measure: [...new Set(measure)],
      broad,
      classWords,
      // A date's own year and month are its value, not its period.
      periods: fact.kind === 'figure' ? figurePeriods(sentence, at, fact.end - fact.sentence.start, whole) : [],
      direction,
      role,
      sequence: fact.kind === 'figure' && fact.figure.kind === 'count' ? SEQUENCE[SEQUENCE_BEFORE.exec(before)?.[1].toLowerCase() ?? ''] : undefined,
      // A percentage's change ("rose 20%", "a 20% rise", not "rose to 3.3%") is a difference too, never a share.
      difference: fact.kind === 'figure' && ((fact.figure.kind === 'percent' && isChange(before, after)) || DIFFERENCE_BEFORE.test(before) || DIFFERENCE_AFTER.test(after)),
      rank: fact.kind === 'figure' && RANK_BEFORE.test(before),
      trading,
      poll: reportsPoll(sentence),
      // A sentence that names no pollster reports the poll the sentence before names ("… a Texas Tribune poll. Ben
      // Carson trails them at 13 percent"): its figures are that poll's, not another's of the same people.
      pollsters: pollsters.length > 0 ? pollsters : (c.pollBefore ?? []),
      of: fact.kind === 'figure' ? ofWords(sentence, fact.end - fact.sentence.start, fact.figure.kind === 'percent' ? sentence.slice(clause.start, at) : '') : [],
      noun: fact.kind === 'figure' && fact.figure.kind === 'money' ? sumNoun(sentence, fact.end - fact.sentence.start) : undefined,
      event: fact.kind === 'date' ? eventOf(sentence.slice(clause.start, at)) : undefined,
      scope: [...new Set([...sentence.slice(clause.start, scopeEnd).matchAll(SCOPE)].map((m) => m[0].toLowerCase()))],
      sentenceStems: stemsOf(sentence),
    };
    frames.set(fact, f);
  }
  return f;
}

/**
 * A sentence's stems, read when first asked. Made outside frameOf, whose closures share one scope: a closure made
 * there would keep the clause's tokens and sets alive as long as the frame (4 KB a frame kept between checks).
 * A stored frame's sentence is read (from its source) only then too.
 */
function stemsOf(sentence: string | (() => string)): () => ReadonlySet<string> {
  return once(() => new Set(tokenize(typeof sentence === 'string' ? sentence : sentence()).filter((t) => isContentWord(t.norm) && !/\d/.test(t.norm)).map((t) => stem(t.norm))));
}

/**
 * A frame as plain JSON data, for the index cache: a source fact's frame depends only on the fact and its
 * sentence, which the cache keeps together with it, so a warm start need not frame the facts a check compares
 * again (2,800 of them for a 2,000-word draft at BBC, a quarter of a warm command-line run). The stems, a
 * function of the sentence, are not stored.
 */
export type StoredFrame = [
  owners: string[],
  inFigure: string[],
  names: number,
  flags: number,
  nearest: string | null,
  measure: string[],
  broad: string[],
  classWords: Array<[string, string[]]>,
  periods: string[],
  direction: string | null,
  role: string | null,
  sequence: string | null,
  pollsters: string[],
  of: string[],
  noun: string | null,
  event: string | null,
  scope: string[],
];

const FLAGS = ['ownersCarried', 'nearestIsDemonym', 'difference', 'rank', 'trading', 'poll'] as const;

export function storeFrame(f: FactFrame): StoredFrame {
  let flags = 0;
  FLAGS.forEach((k, i) => (flags |= f[k] ? 1 << i : 0));
  const opt = (v: string | undefined) => v ?? null;
  return [f.owners, f.inFigure, f.names, flags, opt(f.nearest), f.measure, f.broad, [...f.classWords], f.periods, opt(f.direction), opt(f.role), opt(f.sequence), f.pollsters, f.of, opt(f.noun), opt(f.event), f.scope];
}

const isWords = (v: unknown): v is string[] => Array.isArray(v) && v.every((w) => typeof w === 'string');
const isWord = (v: unknown): v is string | null => v === null || typeof v === 'string';
const oneOf = <T extends string>(v: string | null, values: readonly T[]): T | undefined => {
  if (v === null) return undefined;
  if (!values.includes(v as T)) throw new Error(`not a frame: "${v}"`);
  return v as T;
};

/**
 * The frame storeFrame kept, its stems read from `sentence` when first asked; undefined if `v` is not one (a
 * damaged cache: the frame is then computed afresh). Every field is set, in frameOf's order (one object shape).
 */
export function restoreFrame(v: unknown, sentence: () => string): FactFrame | undefined {
  if (!Array.isArray(v) || v.length !== 17) return undefined;
  const [owners, inFigure, names, flags, nearest, measure, broad, classWords, periods, direction, role, sequence, pollsters, of, noun, event, scope] = v as unknown[];
  const lists = [owners, inFigure, measure, broad, periods, pollsters, of, scope];
  if (!lists.every(isWords) || ![nearest, direction, role, sequence, noun, event].every(isWord) || typeof names !== 'number' || typeof flags !== 'number') return undefined;
  if (!Array.isArray(classWords) || !classWords.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && isWords(e[1]))) return undefined;
  const flag = (k: (typeof FLAGS)[number]) => (flags & (1 << FLAGS.indexOf(k))) !== 0;
  try {
    return {
      owners: owners as string[],
      inFigure: inFigure as string[],
      ownersCarried: flag('ownersCarried'),
      names,
      nearest: (nearest as string | null) ?? undefined,
      nearestIsDemonym: flag('nearestIsDemonym'),
      measure: measure as string[],
      broad: broad as string[],
      classWords: new Map(classWords as Array<[string, string[]]>),
      periods: periods as string[],
      direction: oneOf(direction as string | null, ['up', 'down']),
      role: oneOf(role as string | null, ['from', 'to', 'by']),
      sequence: oneOf(sequence as string | null, ['first', 'last', 'next']),
      difference: flag('difference'),
      rank: flag('rank'),
      trading: flag('trading'),
      poll: flag('poll'),
      pollsters: pollsters as string[],
      of: of as string[],
      noun: (noun as string | null) ?? undefined,
      event: (event as string | null) ?? undefined,
      scope: scope as string[],
      sentenceStems: stemsOf(sentence),
    };
  } catch {
    return undefined;
  }
}

const SAY_STEMS = new Set([...SPEECH_VERBS].map(stem));

/** Whether a frame's sentence speaks of an event (a word of frame.event's class, or the word itself). */
function mentions(f: FactFrame, event: string): boolean {
  for (const w of f.sentenceStems()) if ((event === '~say' ? SAY_STEMS.has(w) : measureWord(w) === event)) return true;
  return false;
}

/**
 * Two dates of two events: each beside the word it dates, two different words, and neither sentence speaking of
 * the other's ("a transfer on Oct. 14" and "the party announced Tuesday"). A date after a noun may date the verb
 * before it ("carried the statement on the referendums on 26 September"): the other sentence's "referendum" keeps
 * the two together. A verb of saying dates what it says of, whatever else either sentence reports.
 */
export function otherEvents(a: FactFrame, b: FactFrame): boolean {
  const spoken = (f: FactFrame, event: string) => event !== '~say' && mentions(f, event);
  return !!a.event && !!b.event && a.event !== b.event && !spoken(b, a.event) && !spoken(a, b.event);
}

/** Words between a date and the word it dates: "began on", "closed at the end of", "announced the". */
const DATE_LEAD = /(?:\s+|\b(?:on|in|at|by|of|the|as|from|since|until|till|through|during|early|late|end|start|beginning|middle|mid))+$/i;

/** The word a date dates (frame.event), from its clause's text before it. */
function eventOf(before: string): string | undefined {
  const lead = before.replace(DATE_LEAD, '');
  const m = /([A-Za-z][a-z'’]*)$/.exec(lead);
  // Nothing before, or punctuation or a name between: the date is a sentence's or a list's, not one word's.
  if (!m || /^[A-Z]/.test(m[1])) return undefined;
  const w = normaliseWord(m[1]);
  if (!isContentWord(w)) return undefined;
  return SPEECH_VERBS.has(w) ? '~say' : measureWord(stem(w));
}

/**
 * Words that say where a figure holds: the same takings "outside the US" and worldwide, a company's sales at home
 * and abroad are other quantities. Only lower-case words: "International" in a name says nothing.
 */
const SCOPE = /\b(?:outside|excluding|except|abroad|overseas|worldwide|globally|domestically|internationally|nationwide|elsewhere)\b/g;

/** Where "of …" after a figure stops: punctuation, a preposition that starts another phrase, a relative pronoun or a verb of being or saying. */
const OF_END = /[,;:.()"“”?!]|\s(?:in|on|at|by|for|from|with|who|whom|that|which|and|or|to|than|since|after|before|during|as|was|were|is|are|be|been|have|has|had|will|would|said|says|say)(?=\s)/i;

const SHARE_OF = /\b(?:percentage|proportion|share)\s+of\s+(?:the\s+)?/gi;

/**
 * The noun a sum is written with, right after it (past its conversion in parentheses): the last of the lower-case
 * words that follow it, "a $900m (£479m) loan", "a £1.4bn cash bid", "£35bn efficiency savings". Not a verb's form
 * ("$55.67 set in late October", "4bn euros thought to be held", "$2bn raised"), a rate ("£100,000 per annum",
 * "1.20 dlrs per share"), nor a word beside any figure.
 */
const SUM_WORDS = /^\s*\)?\s*(?:\([^()]{0,40}\)\s*)?((?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]+)\b/;
const NOT_A_NOUN =
  /(?:ed|ing|ly)$|^(?:per|annum|set|put|let|won|paid|held|made|thought|told|said|sold|bought|brought|spent|lost|left|kept|given|taken|seen|known|found|apiece|annually|overall|less|even|already|still|now|back|away|last|next)$/;
function sumNoun(sentence: string, end: number): string | undefined {
  const m = SUM_WORDS.exec(sentence.slice(end, end + 60));
  if (!m) return undefined;
  let head: string | undefined;
  for (const w of m[1].split(/\s+/)) {
    if (NOT_A_NOUN.test(w) || !isContentWord(w) || CURRENCIES.has(w)) break;
    head = w;
  }
  if (!head || head.length < 3) return undefined;
  const w = stem(head);
  return WEAK_MEASURE.has(w) ? undefined : w;
}

/** The words of the "of …" (or "among …") phrase right after a figure: whose share or count it is ("of white voters without a college degree"). */
function ofWords(sentence: string, end: number, before = ''): string[] {
  const after = sentence.slice(end, end + 120);
  const m = /^\s+(?:of|among)\s+/i.exec(after);
  // Or a percentage's whole named before it: "the percentage of people using BT lines … has shrunk to 55.4%".
  const share = m ? undefined : [...before.matchAll(SHARE_OF)].pop();
  if (!m && !share) return [];
  const rest = m ? after.slice(m[0].length) : before.slice(share!.index! + share![0].length);
  const stop = OF_END.exec(rest);
  const phrase = stop ? rest.slice(0, stop.index) : rest;
  return [...new Set(tokenize(phrase).filter((t) => isContentWord(t.norm) && t.norm.length > 2 && !/\d/.test(t.norm)).map((t) => stem(t.norm)))].filter((w) => !WEAK_MEASURE.has(w));
}

/**
 * Two figures are of different wholes when each says what it is a share or a count of and one of
 * them names a word the other's sentence never uses ("of the world's inmates" / "of America's job
 * growth"; "of that vote" / "of white voters without a college degree").
 */
export function differentWholes(a: FactFrame, b: FactFrame, money = false): boolean {
  // A sum written with its noun is another sum than one written with none in a sentence that never names the noun ("a
  // $900m loan" / "buy 15% of the unit for $2bn"). Two nouns may name one sum ("a $27.5bn tax claim", "a $27bn tax bill").
  const bare = (f: FactFrame) => !f.noun && f.of.length === 0;
  if (money && a.noun && bare(b)) return !b.sentenceStems().has(a.noun);
  if (money && b.noun && bare(a)) return !a.sentenceStems().has(b.noun);
  // A sum "of" something the other sentence never names is another sum ("about 700 mln dlrs of debt" / "will pay 630
  // mln dlrs for the business"), though the other says nothing of what its sum is of.
  if (money && (a.of.length === 0) !== (b.of.length === 0)) {
    const [of, other] = a.of.length > 0 ? [a, b] : [b, a];
    return !of.of.some((w) => other.sentenceStems().has(w));
  }
  if (a.of.length === 0 || b.of.length === 0) return false;
  return a.of.some((w) => !b.sentenceStems().has(w)) || b.of.some((w) => !a.sentenceStems().has(w));
}

/**
 * A figure's periods: those named between it and the clause's next number (a "from" figure is its own
 * pair: "1.8% from 2.0% this year and 1.9% from 2.4% in 2005"), else the whole clause's ("In 2004,
 * sales rose 5%").
 */
function figurePeriods(sentence: string, start: number, end: number, clause: { start: number; end: number }): string[] {
  let cut = clause.end;
  for (const m of sentence.slice(end, clause.end).matchAll(/\d/g)) {
    const pos = end + m.index!;
    // The same number's next digit, the figure a change starts from, or a year (a period, not a figure).
    if (/[\d.,]$|\bfrom\s+(?:about\s+)?[$£€]?$/.test(sentence.slice(Math.max(0, pos - 14), pos)) || /^(?:1[89]|20)\d\d\b/.test(sentence.slice(pos, pos + 5))) continue;
    cut = pos;
    break;
  }
  const own = periodsOf(sentence.slice(start, cut));
  const isYear = (p: string) => p[0] === 'y' || p[0] === 'r';
  if (own.some(isYear)) return own;
  const whole = periodsOf(sentence.slice(clause.start, clause.end));
  // A month or quarter of its own still takes the clause's year ("the 74th session … on Sept. 24, 2018").
  return own.length === 0 ? whole : [...own, ...whole.filter((p) => isYear(p) && !own.includes(p))];
}

/** Names to look a name up by besides itself: the place of a demonym, a place's demonyms. */
export function placeForms(norm: string): string[] {
  const place = countryOf(norm);
  return place ? [place] : demonymsOf(norm);
}

export interface Sameness {
  /** Owners agree: the nearest owner of each stands in the other's clause. */
  owner: 'same' | 'shared' | 'conflict' | 'unknown';
  /** The owner nearest one fact is a rare name among the other's owners (one way at least). */
  nearestShared: boolean;
  /** Distinctive measure words (or classes) both clauses hold. */
  measure: number;
  /** The same over both facts' broad measures. */
  broad: number;
  /** Of `measure`, the classes of verbs (rose, began, backed …). */
  classes: number;
  /** Of those, the classes of a change's direction (rose, fell): they say which way a figure went, not what it measures. */
  directions: number;
  /** Of `measure`, verbs of saying ("told", "said"): how a speaker is named, not what a date dates unless it dates them. */
  sayings: number;
  /** Periods both name and that do not overlap (2004 vs 2005): another fact. */
  periodConflict: boolean;
  /** Another direction ("rose" / "fell"), part of a span ("from" / "to"), or end of a series ("first" / "last"). */
  directionConflict: boolean;
  /** One of the two names a year, month or quarter and the other none: they may be about different times. */
  periodOneSided: boolean;
  /**
   * One names a year from its article's date ("next year", "last year") and the other another or none: which
   * years they are is not known here ("this year" in a 2004 article and "in 2005" may be two).
   */
  periodUnplaced: boolean;
  /** A poll's figure and a figure of no poll or of another poll (none of its pollster's names in common). */
  pollConflict: boolean;
  /** Both report a poll and neither names who conducted it: the same poll or not, the words do not say. */
  pollsUnnamed: boolean;
  /**
   * Two owners or more of one clause, all among the other's ("Tokayev … Putin" in "Kazakhstan President Tokayev …
   * Putin"): one name in common ties a person to each of their figures, two to one occasion.
   */
  nested: boolean;
  /** The only rare owner in common is written inside a figure on one side ("12 Oscar nominations"): enough to agree, not to contradict. */
  inFigureOnly: boolean;
  /** The clauses narrow where the figure holds differently ("outside the US" on one side only). */
  scopeConflict: boolean;
  /** One figure is a difference ("rose 20%", "the extra £13 billion"), the other a level ("80% owned"). */
  differenceConflict: boolean;
}

/** A frame's measure words as sets, made on first use: a draft's frame is compared with hundreds of source frames. */
const wordSetsOf = new WeakMap<FactFrame, { measure: ReadonlySet<string>; broad: ReadonlySet<string> }>();
function wordSets(f: FactFrame): { measure: ReadonlySet<string>; broad: ReadonlySet<string> } {
  let sets = wordSetsOf.get(f);
  if (!sets) wordSetsOf.set(f, (sets = { measure: new Set(f.measure), broad: new Set(f.broad) }));
  return sets;
}

/**
 * How two frames relate. `common` tells a name or a measure word that stands in too many
 * of the corpus's facts to say which fact is meant ("Trump", "candidates", "voters" in a
 * politics corpus).
 */
export function compareFrames(a: FactFrame, b: FactFrame, hasName: (names: readonly string[], name: string) => boolean, common: (word: string) => boolean = () => false): Sameness {
  let owner: Sameness['owner'] = 'unknown';
  let nested = false;
  let inFigureOnly = false;
  if (a.owners.length > 0 && b.owners.length > 0) {
    const shared = a.owners.some((n) => hasName(b.owners, n));
    // A name in a good part of the corpus's facts (Trump in a politics corpus), or an institution's common noun
    // ("Bank", "Corp"), owns too many figures to tell one from another: it may keep two facts apart, never bring
    // them together.
    const rareShared = (n: string) => !common(n) && !ORG_NOUNS.has(n) && hasName(b.owners, n);
    const rare = a.owners.some(rareShared);
    // A name written only inside a figure ties the two less: "148 WTO members" are the WTO's, "12 Oscar nominations" a film's.
    inFigureOnly = rare && !a.owners.some((n) => rareShared(n) && !a.inFigure.includes(n) && !hasName(b.inFigure, n));
    const [small, large] = a.owners.length <= b.owners.length ? [a.owners, b.owners] : [b.owners, a.owners];
    nested = (small === a.owners ? a.names : b.names) >= 2 && small.every((n) => hasName(large, n));
    // Owners carried from the sentence before are a guess: they never make a conflict.
    const guessed = a.ownersCarried || b.ownersCarried;
    if (!shared) owner = guessed ? 'unknown' : 'conflict';
    else if (a.nearest && b.nearest && !hasName(b.owners, a.nearest) && !hasName(a.owners, b.nearest)) owner = guessed ? 'unknown' : 'conflict';
    else if (!rare) owner = 'unknown';
    // Every owner of one clause in the other, where a clause's nearest owner is not known (a name inside the figure).
    else if ((!a.nearest || !b.nearest) && small.every((n) => hasName(large, n))) owner = 'same';
    else if (a.nearest && b.nearest && !common(a.nearest) && !ORG_NOUNS.has(a.nearest) && hasName(b.owners, a.nearest) && hasName(a.owners, b.nearest)) owner = 'same';
    else owner = 'shared';
  }
  // A class is as common as the commonest of the words the clause writes it with ("victories" and "win").
  const distinctive = (w: string) => !WEAK_MEASURE.has(w) && !(a.classWords.get(w) ?? [w]).some(common);
  // (Both lists hold each word once: counted from b's side through a's sets, the shares are the same.)
  const words = wordSets(a);
  const sharedMeasure = b.measure.filter((w) => words.measure.has(w) && distinctive(w));
  const measure = sharedMeasure.length;
  const broad = b.broad.filter((w) => words.broad.has(w) && distinctive(w)).length;
  const nearestIn = (x: FactFrame, y: FactFrame) => !!x.nearest && !x.nearestIsDemonym && !common(x.nearest) && !ORG_NOUNS.has(x.nearest) && hasName(y.owners, x.nearest);
  return {
    owner,
    nested,
    nearestShared: owner !== 'conflict' && (nearestIn(a, b) || nearestIn(b, a)),
    measure,
    broad,
    classes: sharedMeasure.filter((w) => w[0] === '~').length,
    directions: sharedMeasure.filter((w) => DIRECTION[w]).length,
    sayings: sharedMeasure.filter((w) => SAY_STEMS.has(w)).length,
    periodConflict: disjoint(a.periods, b.periods, 'y') || disjoint(a.periods, b.periods, 'q') || disjoint(a.periods, b.periods, 'h') || (!disjoint(a.periods, b.periods, 'y') && disjoint(a.periods, b.periods, 'm')),
    directionConflict:
      (!!a.direction && !!b.direction && a.direction !== b.direction) ||
      (!!a.role && !!b.role && a.role !== b.role) ||
      (!!a.sequence && !!b.sequence && a.sequence !== b.sequence),
    // A holiday is a day or two ("over New Year"): a figure of it is not one of a year or a month the other names.
    periodOneSided: (a.periods.length === 0) !== (b.periods.length === 0) || a.periods.some(isHoliday) !== b.periods.some(isHoliday),
    periodUnplaced: relativeDiffer(a.periods, b.periods),
    scopeConflict: a.scope.length !== b.scope.length || a.scope.some((w) => !b.scope.includes(w)),
    differenceConflict: a.difference !== b.difference,
    inFigureOnly,
    // One side's sentence may leave the poll unsaid ("call centres saw …" in an article on a survey) where the owners are
    // the same: a name merely shared ("Mexico" of tariffs and of a poll's "New Mexico") leaves them apart.
    // Two pollsters named, one on each side (in the sentence or the one before), and none in common: two polls.
    pollConflict:
      otherPollsters(a.pollsters, b.pollsters) || ((a.poll || b.poll) && !a.pollsters.some((p) => b.pollsters.includes(p)) && !(a.poll !== b.poll && owner === 'same')),
    pollsUnnamed: a.poll && b.poll && a.pollsters.length === 0 && b.pollsters.length === 0,
  };
}

/** A holiday's period ("h"), as HOLIDAYS writes it. */
function isHoliday(period: string): boolean {
  return period[0] === 'h';
}

/** One names a year from its article's date ("last year") and the other does not name the same one. */
function relativeDiffer(a: readonly string[], b: readonly string[]): boolean {
  const ra = a.filter((p) => p[0] === 'r');
  const rb = b.filter((p) => p[0] === 'r');
  return (ra.length > 0 || rb.length > 0) && !(ra.length === rb.length && ra.every((p) => rb.includes(p)));
}

/** Both name periods of this kind and none in common. */
function disjoint(a: readonly string[], b: readonly string[], kind: string): boolean {
  const pa = a.filter((p) => p[0] === kind);
  const pb = b.filter((p) => p[0] === kind);
  return pa.length > 0 && pb.length > 0 && !pa.some((p) => pb.includes(p));
}

export type { AliasTable };

/** The classes in words, for messages ("Luhansk, vote in favour"). */
const CLASS_PHRASES: Record<string, string> = {
  '~rise': 'rise',
  '~fall': 'fall',
  '~support': 'vote in favour',
  '~oppose': 'vote against',
  '~begin': 'start',
  '~end': 'end',
  '~win': 'win',
  '~lose': 'loss',
  '~kill': 'deaths',
  '~injure': 'injured',
  '~buy': 'purchase',
  '~address': 'speech',
  '~marketvalue': 'market value',
};

/**
 * What a fact is about, in a few words for a message: its owner as the sentence spells it (a
 * demonym's place: "Wales" for "Welsh") and its measure (a class in words, or the counted noun):
 * "Luhansk, vote in favour", "Wales, rise", "regions".
 */
export function describeFrame(fact: Fact, sentence: string): string {
  const f = frameOf(fact, sentence);
  const owner = f.nearest ?? f.owners[0];
  const ownerText = owner ? spelled(sentence, owner) : '';
  const cls = f.measure.find((w) => CLASS_PHRASES[w]);
  const measure = cls ? CLASS_PHRASES[cls] : fact.kind === 'figure' ? (fact.figure.unit ?? '') : '';
  return [ownerText, measure].filter(Boolean).join(', ');
}

/** A normalised name as the sentence writes it (Donetsk, not donetsk); a place read from a demonym, capitalised. */
function spelled(sentence: string, norm: string): string {
  for (const m of sentence.matchAll(/[\p{L}\p{M}'’.-]+/gu)) {
    const w = m[0].replace(/['’]s$/, '').replace(/[.'’-]+$/, '');
    if (normaliseWord(w).replace(/\./g, '') === norm) return w;
  }
  return norm.length <= 3 ? norm.toUpperCase() : norm[0].toUpperCase() + norm.slice(1);
}
