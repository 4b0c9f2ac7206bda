// Demonyms and the places they name: "Welsh house prices" are Wales's, "Kazakh officials"
// Kazakhstan's. Countries and their demonyms come from world-countries (the mledoze/countries
// data set: every sovereign state with its English demonyms, kept current by its maintainers)
// rather than a hand list; the data set stops at states, so the nations and regions news
// names by an adjective are added below.

import countries from 'world-countries/dist/countries-unescaped.json';
import { normaliseWord } from '../text/tokens';

/** Places below or beside the state level, demonyms the data set spells otherwise, and a state's other names. */
const EXTRA: Array<[string, string]> = [
  ['welsh', 'wales'],
  ['scottish', 'scotland'],
  ['scots', 'scotland'],
  ['english', 'england'],
  ['kazakh', 'kazakhstan'],
  ['uzbek', 'uzbekistan'],
  ['kyrgyz', 'kyrgyzstan'],
  ['tajik', 'tajikistan'],
  ['turkmen', 'turkmenistan'],
  ['catalan', 'catalonia'],
  ['bavarian', 'bavaria'],
  ['texan', 'texas'],
  ['californian', 'california'],
  ['floridian', 'florida'],
  ['crimean', 'crimea'],
  ['european', 'europe'],
  ['african', 'africa'],
  ['asian', 'asia'],
  // Other names of a state that news prints as often as its short form ("America" is left out: South America).
  ['britain', 'uk'],
  ['usa', 'us'],
];

interface Country {
  name: { common: string };
  altSpellings: string[];
  demonyms?: { eng?: { m?: string; f?: string } };
}

const placeOf = new Map<string, string>();
const demonymsByPlace = new Map<string, string[]>();
/** A state news prints by its short form, and the words of its name: us → united, states. */
const shortForms = new Map<string, string[]>();

function add(demonym: string, place: string): void {
  if (!demonym || !place || demonym === place) return;
  placeOf.set(demonym, place);
  demonymsByPlace.set(place, [...new Set([...(demonymsByPlace.get(place) ?? []), demonym])]);
}

for (const c of countries as Country[]) {
  const words = c.name.common.split(/\s+/);
  // A state written in one word is that word; one of several words by the short form news
  // prints ("US", "UK") when the data set lists it.
  const place = words.length === 1 ? normaliseWord(words[0]) : c.altSpellings.find((a) => /^[A-Z]{2}$/.test(a) && words.map((w) => w[0]).join('') === a)?.toLowerCase();
  if (!place) continue;
  if (words.length > 1) shortForms.set(place, words.map(normaliseWord));
  for (const d of [c.demonyms?.eng?.m, c.demonyms?.eng?.f]) if (d && !/\s/.test(d)) add(normaliseWord(d), place);
}
for (const [d, p] of EXTRA) add(d, p);

/** The place a demonym names (welsh → wales); undefined for any other word. */
export function countryOf(norm: string): string | undefined {
  return placeOf.get(norm);
}

/** The demonyms of a place (wales → welsh). */
export function demonymsOf(norm: string): string[] {
  return demonymsByPlace.get(norm) ?? [];
}

/** The words of the name a state's short form stands for (us → united, states); undefined for any other word. */
export function shortFormOf(norm: string): readonly string[] | undefined {
  return shortForms.get(norm);
}
