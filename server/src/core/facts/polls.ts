// Opinion polls: whether a sentence reports one, and who conducted it. A poll's figures are
// that poll's, and another poll's figures for the same people are other figures.

import { isContentWord } from '../text/tokens';

// An election's polling station, polling day or "the polls" (voters went to them, they closed) is no opinion poll.
const POLL = /\b(?:polls?(?!\s+(?:open|close))|polling(?!\s+(?:station|place|booth|day|district|unit|official|agent|staff))|survey|surveys|surveyed|respondents|margin of error)\b(?<!\bto\s+the\s+polls)/i;
/** Capitalised words just before "poll" or "survey" ("the latest Reuters/Ipsos poll"), or after "survey carried out by". */
const POLLSTER_BEFORE = /((?:[A-Z][\w.&'’/-]*\s+){1,4})(?:\w+\s+)?(?:poll|polls|survey)\b/g;
const POLLSTER_AFTER = /\b(?:poll|polls|survey)\s+(?:[a-z]+\s+){0,2}by\s+(?:the\s+)?((?:[A-Z][\w.&'’/-]*(?:\s+and\s+|\s+)?){1,6})/g;
/**
 * Content words that open a poll's name without naming anyone ("a new poll", "the latest poll"). Words that are no
 * content word ("In a poll", "this poll", "their survey") are dropped before.
 */
const NOT_A_POLLSTER = new Set(['new', 'latest']);

export function reportsPoll(sentence: string): boolean {
  return POLL.test(sentence);
}

/** Who conducted the poll, as the sentence names it ("Quinnipiac", "Post-ABC", "Reuters/Ipsos": reuters, ipsos), lower case. */
export function pollstersOf(sentence: string): string[] {
  const out = new Set<string>();
  for (const re of [POLLSTER_BEFORE, POLLSTER_AFTER])
    for (const m of sentence.matchAll(re))
      for (const w of m[1].trim().split(/[\s/]+/)) {
        const word = w.toLowerCase().replace(/[.,;:]+$/, '').replace(/['’]s$/, '');
        if (word && isContentWord(word) && !NOT_A_POLLSTER.has(word)) out.add(word);
      }
  return [...out];
}

/**
 * Two figures of different polls: each sentence, or the sentence before it, names who conducted its poll, and
 * no pollster is the other's.
 */
export function otherPollsters(a: readonly string[], b: readonly string[]): boolean {
  return a.length > 0 && b.length > 0 && !a.some((p) => b.includes(p));
}
