// How an attribution was found, in words a writer reads in a hover or a message:
// “he said” → Aibek Smadiyarov, named two sentences earlier.

import type { Speaker } from './attribute';

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function sentencesAgo(n: number): string {
  if (n <= 0) return 'in the same sentence';
  if (n === 1) return 'one sentence earlier';
  return `${n < NUMBERS.length ? NUMBERS[n] : n} sentences earlier`;
}

/** “Tokayev said” / “he said” → Aibek Smadiyarov, named two sentences earlier / … */
export function explainAttribution(s: Speaker): string {
  const words = `“${s.attribution}”`;
  switch (s.how) {
    case 'name':
      return words;
    case 'continuation':
      return `continues the quotation before it (${explainAttribution({ ...s, how: s.named ? 'pronoun' : 'name' })})`;
    case 'unresolved':
      return `${words}; the text does not say who that is`;
    case 'institution':
      return s.name.toLowerCase() === s.cue.text.toLowerCase().replace(/^(the|its|their)\s+/, '') ? words : `${words} → ${s.name}`;
    default:
      return s.named ? `${words} → ${s.name}, named ${sentencesAgo(s.sentencesBack)}` : `${words} → ${s.name}`;
  }
}
