// A source's facts packed into typed arrays: a Fact is a dozen small objects and arrays
// (about 600 bytes), and an index of 100,000 articles holds about two million of them.
// Packed, a fact is one row of 27 int32s and two float64s, its names and key words are
// ids into one table shared by every source (a corpus repeats the same few hundred
// thousand words), and its text is a slice of one string per source. unpackFact rebuilds
// a fact equal to the one packed (the same fields and values; an undefined field is left
// out, as a JSON round trip of the snapshot already does).
//
// Ids index the process's shared table. To leave the process (the index cache), a source's
// ints are copied with ids into a table of their own (exportFacts) and read back in place
// over that table (packedView), never unpacked into objects on either side.

import type { Fact } from './extract';
import type { Figure, FigureKind, Hedge } from './figures';
import type { DateValue } from './dates';
import type { FactContext } from './context';

/** Every name, key word, unit and currency of every packed fact, once. Never shrinks: ids stay valid. */
const ids = new Map<string, number>();
const strings: string[] = [];

function idOf(s: string | undefined): number {
  if (s === undefined) return -1;
  let id = ids.get(s);
  if (id === undefined) {
    id = strings.length;
    strings.push(s);
    ids.set(s, id);
  }
  return id;
}

function stringOf(p: PackedFacts, id: number): string | undefined {
  return id < 0 ? undefined : (p.table ?? strings)[id];
}

export interface PackedFacts {
  readonly count: number;
  /**
   * One typed array per source (each costs about 180 bytes of heap besides its data): the
   * rows, then each figure's value and step as float64 bits (two int32s each), then the
   * context lists (ids), which rows point into; a sentence's facts share their lists.
   */
  readonly ints: Int32Array;
  /** Facts' texts and dates' explanations, end to end (ints hold their offsets). */
  readonly texts: string;
  /** The strings the ids stand for: absent, the process's shared table; else another's (a snapshot's). */
  readonly table?: readonly string[];
}

/** Moves float64s in and out of int32 pairs. */
const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);

const STRIDE = 33;
const F_KIND = 0; // 0 figure, 1 date
const F_FLAGS = 1; // figure: spelled; date: relative
const F_START = 2;
const F_END = 3;
const F_NUM_START = 4;
const F_NUM_END = 5;
const F_SENT_START = 6;
const F_SENT_END = 7;
const F_TEXT_END = 8; // texts from the previous row's end (or how's end) to here
const F_HOW_END = 9; // -1: no `how`
const F_NEAREST = 10;
const F_ACTOR = 11;
const F_SLOT = 12;
const F_SLOTS = 13;
const F_SUBJECT = 14; // offset into lists; the length follows
const F_ENTITIES = 16;
const F_WORDS = 18;
const F_SENTENCE_WORDS = 20;
// Figure: kind, unit, currency, hedge. Date: year, month, day, weekday.
const F_A = 22;
const F_B = 23;
const F_C = 24;
const F_D = 25;
const F_PRESENT = 26; // date: which of year, month, day, weekday are set (bits 0-3)
const F_CARRIED = 27; // offset into lists; the length follows (0: none)
const F_CARRIED_WORDS = 29; // the same
const F_POLL_BEFORE = 31; // the same

const LIST_FIELDS = [F_SUBJECT, F_ENTITIES, F_WORDS, F_SENTENCE_WORDS, F_CARRIED, F_CARRIED_WORDS, F_POLL_BEFORE];
const NONE: readonly string[] = [];

const FIGURE_KINDS: FigureKind[] = ['percent', 'count', 'ordinal', 'money'];
const HEDGES: Hedge[] = ['about', 'over', 'atleast', 'under', 'atmost', 'nearly'];
const DATE_PARTS = ['year', 'month', 'day', 'weekday'] as const;

export function packFacts(facts: readonly Fact[]): PackedFacts {
  if (facts.length === 0) return NO_FACTS;
  const ints = new Int32Array(facts.length * STRIDE);
  const floats = new Float64Array(facts.length * 2);
  const lists: number[] = [];
  const listAt = new Map<readonly string[], number>();
  const texts: string[] = [];
  let textLength = 0;
  const putList = (row: number, field: number, list: readonly string[]) => {
    let at = listAt.get(list);
    if (at === undefined) {
      at = lists.length;
      for (const s of list) lists.push(idOf(s));
      listAt.set(list, at);
    }
    ints[row + field] = at;
    ints[row + field + 1] = list.length;
  };
  facts.forEach((f, i) => {
    const row = i * STRIDE;
    const c: FactContext = f.context;
    ints[row + F_START] = f.start;
    ints[row + F_END] = f.end;
    ints[row + F_SENT_START] = f.sentence.start;
    ints[row + F_SENT_END] = f.sentence.end;
    texts.push(f.text);
    textLength += f.text.length;
    ints[row + F_TEXT_END] = textLength;
    ints[row + F_HOW_END] = -1;
    ints[row + F_NEAREST] = idOf(c.nearest);
    ints[row + F_ACTOR] = idOf(c.actor);
    ints[row + F_SLOT] = c.slot;
    ints[row + F_SLOTS] = c.slots;
    putList(row, F_SUBJECT, c.subject);
    putList(row, F_ENTITIES, c.entities);
    putList(row, F_WORDS, c.words);
    putList(row, F_SENTENCE_WORDS, c.sentenceWords);
    putList(row, F_CARRIED, c.carried ?? NONE);
    putList(row, F_CARRIED_WORDS, c.carriedWords ?? NONE);
    putList(row, F_POLL_BEFORE, c.pollBefore ?? NONE);
    if (f.kind === 'figure') {
      const g = f.figure;
      ints[row + F_KIND] = 0;
      ints[row + F_FLAGS] = g.spelled ? 1 : 0;
      ints[row + F_NUM_START] = f.numStart;
      ints[row + F_NUM_END] = f.numEnd;
      ints[row + F_A] = FIGURE_KINDS.indexOf(g.kind);
      ints[row + F_B] = idOf(g.unit);
      ints[row + F_C] = idOf(g.currency);
      ints[row + F_D] = g.hedge === undefined ? -1 : HEDGES.indexOf(g.hedge);
      floats[2 * i] = g.value;
      floats[2 * i + 1] = g.step;
    } else {
      ints[row + F_KIND] = 1;
      ints[row + F_FLAGS] = f.relative ? 1 : 0;
      let present = 0;
      DATE_PARTS.forEach((part, k) => {
        const v = f.date[part];
        if (v !== undefined) {
          present |= 1 << k;
          ints[row + F_A + k] = v;
        }
      });
      ints[row + F_PRESENT] = present;
      if (f.how !== undefined) {
        texts.push(f.how);
        textLength += f.how.length;
        ints[row + F_HOW_END] = textLength;
      }
    }
  });
  // One array: rows, floats (as int32 pairs), lists; list offsets become absolute.
  const floatsAt = ints.length;
  const listsAt = floatsAt + 2 * floats.length;
  const all = new Int32Array(listsAt + lists.length);
  all.set(ints);
  all.set(new Int32Array(floats.buffer), floatsAt);
  all.set(lists, listsAt);
  for (let row = 0; row < ints.length; row += STRIDE) for (const field of LIST_FIELDS) all[row + field] += listsAt;
  return { count: facts.length, ints: all, texts: texts.join('') };
}

function floatAt(p: PackedFacts, k: number): number {
  const at = p.count * STRIDE + 2 * k;
  i32[0] = p.ints[at];
  i32[1] = p.ints[at + 1];
  return f64[0];
}

function listOf(p: PackedFacts, row: number, field: number): string[] {
  const at = p.ints[row + field];
  const n = p.ints[row + field + 1];
  const table = p.table ?? strings;
  const out: string[] = new Array(n);
  for (let k = 0; k < n; k++) out[k] = table[p.ints[at + k]];
  return out;
}

/** The i-th fact, rebuilt (a new object on each call: callers that repeat lookups cache it). */
export function unpackFact(p: PackedFacts, i: number): Fact {
  const ints = p.ints;
  const row = i * STRIDE;
  const textStart = i === 0 ? 0 : Math.max(ints[row - STRIDE + F_TEXT_END], ints[row - STRIDE + F_HOW_END]);
  const textEnd = ints[row + F_TEXT_END];
  const context: FactContext = {
    subject: listOf(p, row, F_SUBJECT),
    entities: listOf(p, row, F_ENTITIES),
    words: listOf(p, row, F_WORDS),
    sentenceWords: listOf(p, row, F_SENTENCE_WORDS),
    slot: ints[row + F_SLOT],
    slots: ints[row + F_SLOTS],
  };
  if (ints[row + F_CARRIED + 1] > 0) context.carried = listOf(p, row, F_CARRIED);
  if (ints[row + F_CARRIED_WORDS + 1] > 0) context.carriedWords = listOf(p, row, F_CARRIED_WORDS);
  if (ints[row + F_POLL_BEFORE + 1] > 0) context.pollBefore = listOf(p, row, F_POLL_BEFORE);
  const nearest = stringOf(p, ints[row + F_NEAREST]);
  if (nearest !== undefined) context.nearest = nearest;
  const actor = stringOf(p, ints[row + F_ACTOR]);
  if (actor !== undefined) context.actor = actor;
  const base = {
    start: ints[row + F_START],
    end: ints[row + F_END],
    text: p.texts.slice(textStart, textEnd),
    sentence: { start: ints[row + F_SENT_START], end: ints[row + F_SENT_END] },
    context,
  };
  if (ints[row + F_KIND] === 0) {
    const figure: Figure = { kind: FIGURE_KINDS[ints[row + F_A]], value: floatAt(p, 2 * i), step: floatAt(p, 2 * i + 1), spelled: ints[row + F_FLAGS] === 1 };
    const unit = stringOf(p, ints[row + F_B]);
    if (unit !== undefined) figure.unit = unit;
    const currency = stringOf(p, ints[row + F_C]);
    if (currency !== undefined) figure.currency = currency;
    if (ints[row + F_D] >= 0) figure.hedge = HEDGES[ints[row + F_D]];
    return { kind: 'figure', ...base, numStart: ints[row + F_NUM_START], numEnd: ints[row + F_NUM_END], figure };
  }
  const date: DateValue = {};
  const present = ints[row + F_PRESENT];
  DATE_PARTS.forEach((part, k) => {
    if (present & (1 << k)) date[part] = ints[row + F_A + k];
  });
  const fact: Fact = { kind: 'date', ...base, date, relative: ints[row + F_FLAGS] === 1 };
  if (ints[row + F_HOW_END] >= 0) fact.how = p.texts.slice(textEnd, ints[row + F_HOW_END]);
  return fact;
}

export function unpackFacts(p: PackedFacts): Fact[] {
  const out: Fact[] = new Array(p.count);
  for (let i = 0; i < p.count; i++) out[i] = unpackFact(p, i);
  return out;
}

export const NO_FACTS: PackedFacts = { count: 0, ints: new Int32Array(0), texts: '' };

/** Where the rows end and the lists (every element an id) begin. */
const listsStart = (count: number) => count * (STRIDE + 4);

/** Strings numbered in the order they are first met: a snapshot's table of fact strings. */
export class StringTable {
  readonly strings: string[] = [];
  private ids = new Map<string, number>();

  idOf(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }
}

/** A copy of a source's packed ints whose string ids are ids into `table` (the strings added as met). */
export function exportFacts(p: PackedFacts, table: StringTable): Int32Array {
  const from = p.table ?? strings;
  return remapIds(p.ints, p.count, (id) => table.idOf(from[id]));
}

/** Facts packed over another table (exportFacts' ints and that table's strings), with their ids made the process's own. */
export function importFacts(count: number, ints: Int32Array, texts: string, table: readonly string[]): PackedFacts {
  if (count === 0) return NO_FACTS;
  const own = new Int32Array(table.length).fill(-1);
  return { count, texts, ints: remapIds(ints, count, (id) => (own[id] >= 0 ? own[id] : (own[id] = idOf(table[id])))) };
}

/** A copy of packed ints with every string id replaced by map(id). */
function remapIds(ints: Int32Array, count: number, to: (id: number) => number): Int32Array {
  const out = ints.slice();
  const map = (at: number) => {
    if (out[at] >= 0) out[at] = to(out[at]);
  };
  for (let row = 0; row < count * STRIDE; row += STRIDE) {
    map(row + F_NEAREST);
    map(row + F_ACTOR);
    if (out[row + F_KIND] === 0) {
      map(row + F_B);
      map(row + F_C);
    }
  }
  for (let at = listsStart(count); at < out.length; at++) map(at);
  return out;
}

/**
 * `count` facts packed in `ints` (exportFacts' output, read in place) over `table`, their texts
 * read when first needed. Throws if a field that unpacking follows (a kind, an id, a list's
 * place) is out of range: the ints may come from a damaged file.
 */
export function packedView(count: number, ints: Int32Array, texts: () => string, table: readonly string[]): PackedFacts {
  const lists = listsStart(count);
  const bad = () => new Error('a packed fact out of range');
  if (count < 0 || ints.length < lists) throw bad();
  const isId = (v: number) => v >= -1 && v < table.length;
  for (let row = 0; row < count * STRIDE; row += STRIDE) {
    const kind = ints[row + F_KIND];
    if (kind !== 0 && kind !== 1) throw bad();
    if (!isId(ints[row + F_NEAREST]) || !isId(ints[row + F_ACTOR])) throw bad();
    if (kind === 0 && !(isId(ints[row + F_B]) && isId(ints[row + F_C]) && ints[row + F_A] >= 0 && ints[row + F_A] < FIGURE_KINDS.length && ints[row + F_D] >= -1 && ints[row + F_D] < HEDGES.length)) throw bad();
    for (const field of LIST_FIELDS) {
      const at = ints[row + field];
      const n = ints[row + field + 1];
      if (!(n >= 0 && at >= lists && at + n <= ints.length)) throw bad();
    }
  }
  for (let at = lists; at < ints.length; at++) if (!(ints[at] >= 0 && ints[at] < table.length)) throw bad();
  let memo: string | undefined;
  return {
    count,
    ints,
    table,
    get texts() {
      return (memo ??= texts());
    },
  };
}

/**
 * A source's abbreviations (context.ts abbreviationsOf: "dpr" → donetsk people's republic)
 * as ids in one Int32Array: for each, its word count, the abbreviation, then its words.
 * As arrays they cost about 2.5 KB an article (250 MB at 100,000 articles).
 */
const NO_ABBREVIATIONS = new Int32Array(0);

export function packAbbreviations(forms: ReadonlyArray<readonly [string, readonly string[]]>, id: (s: string) => number = idOf): Int32Array {
  if (forms.length === 0) return NO_ABBREVIATIONS;
  const out: number[] = [];
  for (const [abbr, words] of forms) {
    out.push(words.length, id(abbr));
    for (const w of words) out.push(id(w));
  }
  return Int32Array.from(out);
}

/** Abbreviations packed with ids into `table` (a parse worker's), as packAbbreviations packs them. */
export function importAbbreviations(packed: Int32Array, table: readonly string[]): Int32Array {
  if (packed.length === 0) return NO_ABBREVIATIONS;
  const out = new Int32Array(packed.length);
  for (let i = 0; i < packed.length; ) {
    const n = packed[i];
    out[i] = n;
    for (let k = 1; k <= n + 1; k++) out[i + k] = idOf(table[packed[i + k]]);
    i += 2 + n;
  }
  return out;
}

export function unpackAbbreviations(packed: Int32Array): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (let i = 0; i < packed.length; ) {
    const n = packed[i];
    const abbr = strings[packed[i + 1]];
    const words: string[] = new Array(n);
    for (let k = 0; k < n; k++) words[k] = strings[packed[i + 2 + k]];
    out.push([abbr, words]);
    i += 2 + n;
  }
  return out;
}
