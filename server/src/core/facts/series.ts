// Figures that name one member of a series (a round, a race, a moment of a day's trading): two
// different values may both be true, so they never contradict each other (they may still agree).

import type { FigureFact } from './extract';

/**
 * Nouns of what one owner goes through in turn: the sixth round, his 65th cap, the strike's fourth day, a third
 * term. Another ordinal of one is nearly always another member (the fifth round; another player's 50th cap), not a
 * slip. An edition of a named event ("the 25th St Petersburg forum") or a rank ("fourth place") is not among them.
 */
const SUCCESSIVE = new Set(
  'round leg stage heat cap appearance game match title win victory defeat loss goal try attempt record minute lap set innings hole time season term day week month year quarter half anniversary birthday'.split(
    ' ',
  ),
);

export function isSuccessiveOrdinal(f: FigureFact): boolean {
  return f.figure.kind === 'ordinal' && !!f.figure.unit && SUCCESSIVE.has(f.figure.unit.toLowerCase());
}

const LENGTHS = new Set('m km metre metres meter meters mile miles yard yards'.split(' '));
const RACE_AFTER = /^\s*(?:victory|win|title|race|final|heat|semi-final|hurdles|freestyle|butterfly|backstroke|breaststroke|medley|relay|steeplechase|walk|gold|silver|bronze|crown)\b/i;
const RACE_BEFORE = /\b(?:the|women's|men's|women’s|men’s|indoor|outdoor)\s+$/i;
const PLACE_AFTER = /^\s*(?:line|mark|area|zone|wall|pole|tower|deep|high|long|wide|tall)\b/i;

/**
 * A distance that names a race ("won the 1,000m", "her 1500m victory", "the 60m hurdles"): another distance is another
 * race of the same athlete or meeting, not a slip. `sentence` is the fact's own.
 */
export function isRaceDistance(f: FigureFact, sentence: string): boolean {
  if (f.figure.kind !== 'count' || !f.figure.unit || !LENGTHS.has(f.figure.unit.toLowerCase())) return false;
  const at = f.start - f.sentence.start;
  const after = sentence.slice(at + f.text.length, at + f.text.length + 20);
  return !PLACE_AFTER.test(after) && (RACE_AFTER.test(after) || RACE_BEFORE.test(sentence.slice(Math.max(0, at - 12), at)));
}

/** When in a day's trading a price was taken: a rise "by noon" and the rise at the close are two figures of one day. */
export type TradingMoment = 'open' | 'during' | 'close';

const MOMENTS: Array<[TradingMoment, RegExp]> = [
  ['open', /\b(?:opened|at the open(?:ing)?|in (?:the )?opening (?:trade|trading|deals|minutes))\b/i],
  [
    'during',
    /\b(?:(?:by|at|around|before) (?:noon|midday|lunchtime|lunch|mid-?morning|mid-?afternoon|mid-?session)|in (?:early|late|morning|afternoon|midday|lunchtime|mid-?session) (?:trade|trading|deals|dealings)|at one (?:point|stage)|intraday|earlier in the (?:day|session))\b/i,
  ],
  ['close', /\b(?:closed|closing|at the close|ended (?:the day|the session|trading)|finished (?:the day|the session|trading))\b/i],
];

/** The one moment a sentence about trading gives its prices at; none where it gives several ("opened at …, closed at …"). */
export function tradingMoment(sentence: string): TradingMoment | undefined {
  const found = MOMENTS.filter(([, re]) => re.test(sentence));
  return found.length === 1 ? found[0][0] : undefined;
}
