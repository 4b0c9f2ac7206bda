// Who an article talks about: the mentions of people and institutions in its prose,
// and the entities they refer to. A capitalised run of words is a person when the
// text gives evidence for it (a title or role before it or in apposition, two or more
// name words with no institution noun, a surname that an earlier full name explains,
// or a speech verb after it); pronouns and nominals ("the Kazakh leader", "the
// official") are resolved to the most recent person that fits, skipping people named
// only as the object of a preposition ("a question by Margarita Simonyan"). Mentions
// inside quotations are left out: the words quoted are not the narrator's references.

import { isContentWord, normaliseWord, STOPWORDS, tokenize } from '../text/tokens';
import type { Span } from '../text/sentences';
import { sameName, sameNameWord, surname } from './names';
import {
  GENERIC_PERSON_HEADS,
  HONORIFICS,
  genderOfTitle,
  INSTITUTION_HEADS,
  ORG_NOUNS,
  PERSON_PRONOUNS,
  PREPOSITIONS,
  ROLE_CONNECTORS,
  ROLE_NOUNS,
  SPEECH_VERBS,
  DISCOURSE_WORDS,
} from './lexicon';

export type MentionKind = 'name' | 'pronoun' | 'nominal' | 'institution';

export interface Mention {
  /** The referring words: the name without its title, the pronoun, "the Kazakh leader". */
  start: number;
  end: number;
  text: string;
  kind: MentionKind;
  /** A role written with the mention: "Foreign Ministry spokesperson", "a Rubio spokesman". */
  role?: string;
  /** The whole phrase, title and apposition included. */
  phraseStart: number;
  phraseEnd: number;
  sentence: number;
  /** The object of a preposition ("by Margarita Simonyan"): seldom what a later pronoun means. */
  object: boolean;
  /** Written with a title or courtesy title ("Mr", "President"). */
  titled?: boolean;
  /** Followed by a speech verb ("Tokayev said"). */
  speaks?: boolean;
  /** The sex its title or role tells ("Ms Jowell", "a Rubio spokeswoman"), or that a pronoun has. */
  gender?: 'm' | 'f';
  /** The entity it refers to, once resolved. */
  entity?: number;
  /** Its paragraph, counting only paragraphs of prose (photo captions and credits are skipped). */
  paragraph: number;
}

export interface Entity {
  id: number;
  kind: 'person' | 'institution';
  /** The fullest name the article writes. */
  name: string;
  spellings: string[];
  roles: string[];
  /**
   * The text shows it is a person (a role or title, named more than once, or speaking),
   * not merely two capitalised words ("New York", a photo credit). Only such people are
   * what a later pronoun points at.
   */
  strong: boolean;
  /** The sex the titles the text gives them tell ("Ms Jowell"), where none disagrees. */
  sex?: 'm' | 'f';
}

export interface ArticlePeople {
  mentions: Mention[];
  entities: Entity[];
}

interface Word {
  start: number;
  end: number;
  raw: string;
  norm: string;
  capital: boolean;
}

/** Words with hyphenated names joined ("Kassym-Jomart"), from the shared tokenizer. */
function wordsOf(text: string, from: number, to: number): Word[] {
  const out: Word[] = [];
  for (const t of tokenize(text, from, to)) {
    const prev = out[out.length - 1];
    if (prev && t.start === prev.end + 1 && text[prev.end] === '-' && prev.capital && t.capital) {
      prev.end = t.end;
      prev.raw = text.slice(prev.start, prev.end);
      prev.norm = normaliseWord(prev.raw);
      continue;
    }
    out.push({ start: t.start, end: t.end, raw: text.slice(t.start, t.end), norm: t.norm, capital: t.capital });
  }
  return out;
}

const isInitials = (w: Word) => /^(\p{Lu}\.)+$/u.test(w.raw) || /^\p{Lu}$/u.test(w.raw);
const isAcronym = (w: Word) => !isInitials(w) && w.raw.replace(/\./g, '').length >= 2 && w.raw === w.raw.toUpperCase() && /\p{Lu}/u.test(w.raw);
/** Titles that are also common surnames. */
const SURNAME_TITLES = new Set(['king', 'judge', 'major', 'bishop', 'dean', 'marshal', 'sheriff', 'chancellor', 'chief', 'justice', 'lord', 'prince', 'host']);
/** Titles written with a dot: "Rep. Gwen Moore", "Sen. Elizabeth Warren". */
const DOTTED_TITLES = new Set(['rep', 'sen', 'gov', 'gen', 'dr', 'mr', 'mrs', 'ms', 'lt', 'col', 'capt', 'sgt', 'prof', 'rev', 'adm', 'maj', 'cmdr', 'supt', 'det', 'insp', 'pres', 'amb', 'atty', 'hon', 'jr', 'sr', 'st']);
const possessiveBase = (norm: string) => norm.replace(/s$/, '');
const isRole = (w: Word) => ROLE_NOUNS.has(w.norm) || HONORIFICS.has(w.norm);
const isOrg = (w: Word) => ORG_NOUNS.has(w.norm) || isAcronym(w);

export interface MentionOptions {
  /** Offsets inside quotations: mentions there are not the narrator's. */
  insideQuote?: (offset: number) => boolean;
}

/** The one sex that words of a title or role tell, if they tell one. */
function genderOfWords(words: readonly string[]): 'm' | 'f' | undefined {
  const told = new Set(words.map(genderOfTitle).filter((g) => g !== undefined));
  return told.size === 1 ? [...told][0] : undefined;
}

export function findPeople(prose: string, sentences: readonly Span[], options: MentionOptions = {}): ArticlePeople {
  const inside = options.insideQuote ?? (() => false);
  const perSentence = sentences.map((s) => wordsOf(prose, s.start, s.end));
  // Words seen capitalised inside a sentence, and words seen in lower case: a capitalised
  // first word is a name only when the text also capitalises it elsewhere.
  const midCaps = new Set<string>();
  const lower = new Set<string>();
  const afterPlacePreposition = new Set<string>();
  for (const ws of perSentence) {
    ws.forEach((w, i) => {
      if (i > 0 && w.capital) midCaps.add(w.norm);
      if (!w.capital) lower.add(w.norm);
      if (i > 0 && w.capital && /^(in|from|into|across|throughout|near|of)$/.test(ws[i - 1].norm)) afterPlacePreposition.add(w.norm);
    });
  }

  const mentions: Mention[] = [];
  perSentence.forEach((ws, si) => {
    // A headline in title case capitalises every word: no evidence of names there.
    const content = ws.filter((w) => isContentWord(w.norm));
    const ownLine = /(^|\n)[ \t]*$/.test(prose.slice(Math.max(0, sentences[si].start - 200), sentences[si].start)) && /^[ \t]*(\r?\n|$)/.test(prose.slice(sentences[si].end, sentences[si].end + 3));
    if (ownLine && content.length >= 4 && content.filter((w) => w.capital).length / content.length >= 0.7 && !ws.some((w) => SPEECH_VERBS.has(w.norm))) return;
    const gap = (i: number) => prose.slice(ws[i - 1].end, ws[i].start);
    const tight = (i: number) => i > 0 && /^[ \t]+$/.test(gap(i));
    // "by Margarita Simonyan" is an object; "according to Aibek Smadiyarov" is the speaker.
    const objectBefore = (i: number) => i > 0 && tight(i) && PREPOSITIONS.has(ws[i - 1].norm) && !(ws[i - 1].norm === 'to' && ws[i - 2]?.norm === 'according');
    const taken = new Set<number>();

    // Capitalised runs: names, with titles inside the run ("Kazakh President Kassym-Jomart Tokayev").
    for (let i = 0; i < ws.length; i++) {
      if (!ws[i].capital || inside(ws[i].start)) continue;
      let j = i;
      while (
        j + 1 < ws.length &&
        ws[j + 1].capital &&
        (tight(j + 1) || ((ws[j].raw.length === 1 || DOTTED_TITLES.has(ws[j].norm) || isInitials(ws[j])) && /^\.?\s+$/.test(gap(j + 1))))
      )
        j++;
      let a = i;
      // Sentence-initial words that are ordinary words capitalised by position.
      const speaksNext = j + 1 < ws.length && SPEECH_VERBS.has(ws[j + 1].norm);
      while (a <= j && a === 0 && (STOPWORDS.has(ws[a].norm) || lower.has(ws[a].norm) || (a === j && !midCaps.has(ws[a].norm) && !speaksNext))) a++;
      while (a <= j && (STOPWORDS.has(ws[a].norm) || DISCOURSE_WORDS.has(ws[a].norm))) a++;
      const runEnd = j;
      i = j;
      if (a > runEnd) continue;
      let k = -1;
      for (let x = a; x <= runEnd; x++) {
        // "Charlie King", "Greg Judge": a title never ends a run that a first name starts.
        const surnameLike = x === runEnd && x > a && SURNAME_TITLES.has(ws[x].norm);
        if ((isRole(ws[x]) || isOrg(ws[x]) || lower.has(ws[x].norm)) && !surnameLike) k = x;
      }
      const nameFrom = k + 1 > a ? k + 1 : a;
      if (nameFrom > runEnd) {
        // Only titles and institution words: an institution ("the Foreign Ministry") or a bare title.
        if (isOrg(ws[runEnd]) && !isRole(ws[runEnd])) {
          const start = ws[a].start;
          mentions.push({ start, end: ws[runEnd].end, text: prose.slice(start, ws[runEnd].end), kind: 'institution', phraseStart: start, phraseEnd: ws[runEnd].end, sentence: si, object: objectBefore(a), paragraph: 0 });
          for (let x = a; x <= runEnd; x++) taken.add(x);
        }
        continue;
      }
      const nameWordsHere = ws.slice(nameFrom, runEnd + 1);
      if (nameWordsHere.some((w) => isAcronym(w)) || isInitials(nameWordsHere[nameWordsHere.length - 1])) continue;
      // The role: title words in the run, extended back over lower-case role nouns, capitals and connectors.
      // Not when a preposition stands right before the name: in "a spokesman for Mr Blair" the title is someone else's.
      let h0 = nameFrom - 1;
      while (h0 >= 0 && HONORIFICS.has(ws[h0].norm)) h0--;
      const objectOfTitle = h0 >= 0 && h0 < nameFrom - 0 && PREPOSITIONS.has(ws[h0].norm) && (h0 === nameFrom - 1 || HONORIFICS.has(ws[h0 + 1].norm));
      let roleStart = nameFrom;
      let b = objectOfTitle ? -1 : nameFrom - 1;
      if (objectOfTitle) roleStart = h0 + 1;
      const shouting = (w: Word) => w.raw.length >= 5 && w.raw === w.raw.toUpperCase(); // a dateline: "ASTANA. KAZINFORM"
      while (b >= 0 && (tight(b + 1) || (DOTTED_TITLES.has(ws[b].norm) && /^\.\s+$/.test(gap(b + 1)))) && !shouting(ws[b]) && !inside(ws[b].start) && (ws[b].capital || isRole(ws[b]) || (ROLE_CONNECTORS.has(ws[b].norm) && b > 0) || isOrg(ws[b]))) b--;
      if (!objectOfTitle) roleStart = b + 1;
      // Not part of a role: connectors at its start, and ordinary words capitalised by position ("According to President X").
      // A title does not run across another person's name ("Defence Secretary Geoff Hoon and Prime Minister Tony Blair"),
      // nor keep another person's title ("an advisor to Chancellor Gordon Brown", "the prime minister and Mr Brown").
      for (let x = nameFrom - 1; x > roleStart; x--) {
        if (ws[x].norm === 'and' && ws[x - 1].capital && !isRole(ws[x - 1]) && !isOrg(ws[x - 1])) {
          roleStart = x + 1;
          break;
        }
        if ((PREPOSITIONS.has(ws[x].norm) || ws[x].norm === 'and') && ws.slice(x + 1, nameFrom).every((w) => isRole(w) && !isOrg(w))) {
          roleStart = x + 1;
          break;
        }
      }
      while (roleStart < nameFrom && (ws[roleStart].norm === 'according' || DISCOURSE_WORDS.has(ws[roleStart].norm) || ROLE_CONNECTORS.has(ws[roleStart].norm) || STOPWORDS.has(ws[roleStart].norm) || (!isRole(ws[roleStart]) && !isOrg(ws[roleStart]) && lower.has(ws[roleStart].norm)) || PREPOSITIONS.has(ws[roleStart].norm))) roleStart++;
      const roleWords = ws.slice(roleStart, nameFrom);
      const hasRole = roleWords.some((w) => ROLE_NOUNS.has(w.norm));
      const honorific = roleWords.some((w) => HONORIFICS.has(w.norm));
      // As written, but a title a careless page doubles ("President President") once.
      let roleEnd = nameFrom - 1;
      while (roleEnd > roleStart && HONORIFICS.has(ws[roleEnd].norm)) roleEnd--; // "Lord Chancellor Lord Falconer": the second "Lord" is his
      let role = hasRole ? prose.slice(ws[roleStart].start, ws[roleEnd].end).replace(/\b(\p{L}+)(\s+\1\b)+/gu, '$1') : undefined;
      const nameStart = ws[nameFrom].start;
      const nameEnd = ws[runEnd].end;
      let phraseEnd = nameEnd;
      // A party and state in parentheses: "Rep. Gwen Moore (D-Wis.)".
      const paren = /^\s*\([^()\n]{1,30}\)/.exec(prose.slice(nameEnd, nameEnd + 40));
      if (paren) phraseEnd = nameEnd + paren[0].length;
      // Apposition: "Michael Ahrens, a Rubio spokesman," / "Margarita Simonyan, the host of the event".
      const app = /^,\s+((?:an?|the)\s+)?([^,.;:!?\u201C\u201D"\u00AB\u00BB\n]{2,90}?)(?=\s*[,.;:!?\n]|$)/u.exec(prose.slice(phraseEnd, phraseEnd + 120));
      let described: string[] = [];
      if (app) {
        const appWords = app[2].split(/\s+/).map((w) => normaliseWord(w));
        // An apposition names a role ("a Rubio spokesman"), it is not a clause ("who married …", "speaking at …", "became …").
        const clause = /^(?:who|whom|whose|which|that|became|becomes|was|is|had|has|married)$|(?:ing|ed)$/.test(appWords[0] ?? '') && !/^who\s+(?:is|was|has been)\b/i.test(app[2]);
        if (!clause && appWords.length <= 12 && appWords.some((w) => ROLE_NOUNS.has(w)) && !appWords.some((w) => SPEECH_VERBS.has(w) && !ROLE_NOUNS.has(w))) {
          role ??= app[2].trim().replace(/^(?:who|which)\s+(?:is|was|has been)\s+(?:an?\s+|the\s+)?/i, '');
          // "Roberta Lange, the state party chairwoman": her sex too, where an article shows it is a description.
          if (app[1]) described = appWords;
          phraseEnd += app[0].length;
        }
      }
      const single = nameWordsHere.length === 1;
      const orgInName = nameWordsHere.some((w) => isOrg(w));
      if (orgInName) continue;
      const evidence = role !== undefined || honorific || !single;
      let after = runEnd + 1;
      while (after < ws.length && ws[after].start < phraseEnd) after++;
      const nextWord = ws[after];
      const speaks = nextWord !== undefined && (SPEECH_VERBS.has(nextWord.norm) || /^(has|had|also|further|then|later)$/.test(nextWord.norm));
      if (!evidence && !speaks && !single) continue;
      // Words of this name's title that an earlier run took for a name of its own ("Clinton" of "Clinton campaign spokesman Brian Fallon").
      const titleStart = ws[roleStart].start;
      while (mentions.length > 0 && mentions[mentions.length - 1].sentence === si && mentions[mentions.length - 1].start >= titleStart && roleStart < nameFrom) mentions.pop();
      mentions.push({
        start: nameStart,
        end: nameEnd,
        text: prose.slice(nameStart, nameEnd).replace(/\s+/g, ' '),
        kind: 'name',
        role,
        titled: hasRole || honorific || role !== undefined,
        speaks,
        gender: genderOfWords([...roleWords.map((w) => w.norm), ...described]),
        phraseStart: (role || honorific) && roleStart < nameFrom ? ws[roleStart].start : nameStart,
        phraseEnd,
        sentence: si,
        object: objectBefore(role && roleStart < nameFrom ? roleStart : nameFrom),
        paragraph: 0,
      });
      for (let x = roleStart; x <= runEnd; x++) taken.add(x);
      // An apposition's words ("the host of the event") are the role, not another mention.
      for (let x = runEnd + 1; x < ws.length && ws[x].start < phraseEnd; x++) taken.add(x);
    }

    // Pronouns, nominals ("the official", "the Kazakh leader") and institutions ("the ministry", "its foreign ministry").
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i];
      if (taken.has(i) || inside(w.start)) continue;
      if (PERSON_PRONOUNS.has(w.norm)) {
        mentions.push({ start: w.start, end: w.end, text: w.raw, kind: 'pronoun', phraseStart: w.start, phraseEnd: w.end, sentence: si, object: objectBefore(i), paragraph: 0, gender: w.norm === 'she' ? 'f' : 'm' });
        continue;
      }
      if (!/^(the|its|their|his|her)$/.test(w.norm) && !(w.raw.endsWith('\u2019s') || w.raw.endsWith("'s"))) continue;
      // Up to three modifiers, then a head noun.
      for (let h = i + 1; h <= Math.min(ws.length - 1, i + 4); h++) {
        if (!tight(h)) break;
        const head = ws[h];
        const next = ws[h + 1];
        // "the Foreign Minister Nikola Selakovic", "the recent United Nations General Assembly": part of a name.
        const followedByName = next && next.capital && tight(h + 1) && !SPEECH_VERBS.has(next.norm);
        // A person only after "the": "his spokesman" or "Russia's president" is someone other than the person named before.
        const isPersonHead = w.norm === 'the' && (ROLE_NOUNS.has(head.norm) || GENERIC_PERSON_HEADS.has(head.norm)) && !HONORIFICS.has(head.norm);
        const isInstitution = INSTITUTION_HEADS.has(head.norm) && !(next && tight(h + 1) && (next.norm === 'of' || ORG_NOUNS.has(next.norm) || INSTITUTION_HEADS.has(next.norm)));
        if ((isPersonHead || isInstitution) && !followedByName) {
          if (next && tight(h + 1) && (ROLE_NOUNS.has(next.norm) || next.norm === 'house')) continue; // "the foreign minister", "the White House"
          const start = w.start;
          mentions.push({
            start,
            end: head.end,
            text: prose.slice(start, head.end).replace(/\s+/g, ' '),
            kind: isPersonHead ? 'nominal' : 'institution',
            phraseStart: start,
            phraseEnd: head.end,
            sentence: si,
            object: objectBefore(i),
            paragraph: 0,
            gender: isPersonHead ? genderOfTitle(head.norm) : undefined,
          });
          i = h;
          break;
        }
        if (!(head.capital || isContentWord(head.norm)) || SPEECH_VERBS.has(head.norm)) break;
      }
    }
  });
  mentions.sort((x, y) => x.start - y.start);
  const paragraphOf = paragraphs(prose);
  for (const m of mentions) m.paragraph = paragraphOf(m.start);
  return { mentions, entities: resolve(mentions, perSentence, afterPlacePreposition) };
}

/**
 * Numbers the paragraphs of prose (split at blank lines), giving a caption or credit
 * line (no closing punctuation: "Flag of Serbia and Kazakhstan Fused Charnell
 * Gilchrist") the number of the paragraph before it, so that it never separates a
 * pronoun from the person it points back to.
 */
function paragraphs(prose: string): (offset: number) => number {
  const starts: number[] = [];
  const numbers: number[] = [];
  const re = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  let n = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(prose))) {
    const text = m[0].trim();
    if (!text) continue;
    const caption = !/[.!?:;,\u201D"\u00BB\u2019')\]]$/.test(text);
    if (!caption || n < 0) n++;
    starts.push(m.index);
    numbers.push(n);
  }
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return numbers[lo];
  };
}

/** Links every mention to an entity of the article, in text order. */
function resolve(mentions: Mention[], perSentence: Word[][], places: Set<string>): Entity[] {
  const entities: Entity[] = [];
  const add = (kind: Entity['kind'], name: string, role?: string): number => {
    entities.push({ id: entities.length, kind, name, spellings: [name], roles: role ? [role] : [], strong: kind === 'institution' });
    return entities.length - 1;
  };
  const remember = (e: Entity, name: string | undefined, role: string | undefined) => {
    if (name && !e.spellings.includes(name)) e.spellings.push(name);
    if (name && name.split(' ').length > e.name.split(' ').length) e.name = name;
    if (role && !e.roles.some((r) => r.toLowerCase() === role.toLowerCase())) e.roles.push(role);
  };
  // How far back a reference is looked for: an article's reach, not a pathological text's.
  const REACH = 400;
  const latest = (pred: (m: Mention) => boolean, before: number): Mention | undefined => {
    for (let k = before - 1; k >= 0 && k >= before - REACH; k--) if (mentions[k].entity !== undefined && pred(mentions[k])) return mentions[k];
    return undefined;
  };
  const namings = new Map<number, number>();
  // Each person's sex as their titles and roles so far tell it (null: they disagree); kept for this pass only.
  const sexOf = new Map<number, 'm' | 'f' | null>();
  mentions.forEach((m, idx) => {
    switch (m.kind) {
      case 'name': {
        const multi = m.text.split(' ').length > 1;
        // The person most recently mentioned among those this name can be.
        // A full name joins an entity none of whose full names disagrees with it (John Howard is not Michael Howard, though both are "Howard").
        // Nor is "Mrs. Clinton" the Mr. Clinton of a paragraph before.
        const fits = (e: Entity) =>
          e.kind === 'person' &&
          e.spellings.some((s) => sameName(s, m.text)) &&
          (!multi || !e.spellings.some((s) => s.includes(' ') && !sameName(s, m.text))) &&
          !(m.gender && sexOf.get(e.id) && sexOf.get(e.id) !== m.gender);
        const candidates = new Set(entities.filter(fits).map((e) => e.id));
        const same = candidates.size === 0 ? undefined : latest((o) => candidates.has(o.entity!), idx);
        if (same) {
          m.entity = same.entity;
        } else if (multi || m.role) {
          m.entity = add('person', m.text, m.role);
        } else {
          // A lone capitalised word is a person only as a speaker or with a role, and never a place ("in Kazakhstan").
          const ws = perSentence[m.sentence];
          let lo = 0;
          let hi = ws.length - 1;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (ws[mid].start < m.start) lo = mid + 1;
            else hi = mid;
          }
          const at = lo;
          const next = ws[at + 1];
          const speaks = next && (SPEECH_VERBS.has(next.norm) || /^(has|had|also|further|then|later)$/.test(next.norm));
          const norm = normaliseWord(m.text);
          if (!speaks || places.has(norm) || places.has(possessiveBase(norm))) return;
          m.entity = add('person', m.text, m.role);
        }
        remember(entities[m.entity!], m.text, m.role);
        const e = entities[m.entity!];
        // A lone word that speaks may be a country ("Kazakhstan has stated"): speaking is evidence only for full names.
        const named = namings.get(e.id) ?? 0;
        namings.set(e.id, named + 1);
        e.strong ||= !!m.titled || (multi && (!!m.speaks || named > 0));
        if (m.gender) sexOf.set(e.id, sexOf.has(e.id) && sexOf.get(e.id) !== m.gender ? null : m.gender);
        break;
      }
      case 'pronoun': {
        // The most recent person-like subject in this paragraph or the one before: a named
        // person the text shows to be one (or who speaks), a nominal ("the spokesman"), or
        // another pronoun. When that is someone the text never names, so is this.
        for (let k = idx - 1; k >= 0 && k >= idx - REACH; k--) {
          const o = mentions[k];
          if (o.paragraph < m.paragraph - 1) break;
          // Someone named after a preposition is passed over when their sentence names a person before
          // them ("He answered a question by Margarita Simonyan"; "put to Tokayev by the host"), not when
          // they are the sentence's first person ("The question was put to Tokayev").
          if (o.object && mentions.slice(Math.max(0, k - 20), k).some((x) => x.sentence === o.sentence && (x.kind === 'pronoun' || x.kind === 'nominal' || (x.kind === 'name' && x.entity !== undefined && entities[x.entity].kind === 'person')))) continue;
          const e = o.entity !== undefined ? entities[o.entity] : undefined;
          const fits = o.kind === 'pronoun' || o.kind === 'nominal' || (o.kind === 'name' && e?.kind === 'person' && (e.strong || !!o.speaks));
          if (!fits) continue;
          // "she" is not Mr Blair, nor "he" Ms Jowell, nor the "he" of an earlier sentence.
          const sex = (o.kind === 'name' ? undefined : o.gender) ?? (e ? sexOf.get(e.id) : undefined);
          if (sex && sex !== m.gender) continue;
          m.entity = o.entity;
          break;
        }
        break;
      }
      case 'nominal': {
        const words = m.text.split(/\s+/).slice(1).map((w) => normaliseWord(w));
        const head = words[words.length - 1];
        const mods = words.slice(0, -1).filter((w) => isContentWord(w));
        const fits = (e: Entity) =>
          e.kind === 'person' &&
          e.roles.length > 0 &&
          e.roles.some((r) => {
            const rw = r.split(/\s+/).map((w) => normaliseWord(w));
            const headOk = GENERIC_PERSON_HEADS.has(head) || rw.some((x) => x === head || x === head + 's' || x + 's' === head);
            return headOk && mods.every((mod) => rw.some((x) => x.startsWith(mod) || mod.startsWith(x)));
          });
        const ante = latest((o) => fits(entities[o.entity!]), idx);
        if (ante) {
          m.entity = ante.entity;
          m.role ??= m.text.replace(/^\S+\s+/, '');
        }
        break;
      }
      case 'institution': {
        const head = normaliseWord(m.text.split(/\s+/).pop()!);
        const ante = latest((o) => entities[o.entity!].kind === 'institution' && entities[o.entity!].spellings.some((s) => normaliseWord(s.split(/\s+/).pop()!) === head || s.toLowerCase().includes(head)), idx);
        const written = m.text.replace(/^(the|its|their)\s+/i, '');
        if (ante) {
          m.entity = ante.entity;
          if (!/^(the|its|their)\s/i.test(m.text)) remember(entities[ante.entity!], written, undefined);
        } else {
          m.entity = add('institution', written);
        }
        break;
      }
    }
  });
  for (const e of entities) {
    const sex = sexOf.get(e.id);
    if (sex) e.sex = sex;
  }
  // Surname-only entities that a later full name explains are one person.
  for (const e of entities) {
    if (e.kind !== 'person' || e.name.includes(' ')) continue;
    const full = entities.find((f) => f !== e && f.kind === 'person' && f.name.includes(' ') && sameNameWord(surname(f.name), surname(e.name)));
    if (!full) continue;
    for (const m of mentions) if (m.entity === e.id) m.entity = full.id;
    for (const s of e.spellings) remember(full, s, undefined);
    for (const r of e.roles) remember(full, undefined, r);
    full.strong ||= e.strong;
    if (e.sex) full.sex = !full.sex || full.sex === e.sex ? e.sex : undefined;
    e.spellings = [];
  }
  return entities;
}
