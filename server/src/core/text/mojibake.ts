// Double-encoded UTF-8 in source text: a page saved as UTF-8, read as Windows-1252 and saved
// as UTF-8 again shows "GÃ¼len" for "Gülen" and "donâ€™t" for "don’t". Its words then match
// no draft. This repairs the prose Source Check reads, never the text offsets point into.
//
// Same length, on purpose: every offset of a source (sentences, quotes, facts, go-to-source,
// the index cache, the archive's rows) is an offset into the file as an editor shows it, and
// the prose shares those offsets (text/markup.ts masks without moving any). A repair that
// shortened the text would need a position map through all of them; instead the repaired
// character takes the first or last place of its broken sequence and the places left over
// are filled:
// - after a letter, with U+034F COMBINING GRAPHEME JOINER: a combining mark, so the word goes on
//   ("Gu͏̈len" tokenises as one word) and normalisation drops it ("gulen");
// - around punctuation, with spaces on the side that already has white space (a quote mark's
//   neighbours decide whether it opens or closes: "“Hello" stays an opening mark), else with
//   joiners before it (don͏͏’t: a mark before an apostrophe belongs to the letter before it).
//
// Only sequences that are nothing but mojibake are repaired: a lead character (Â–ß, â) followed
// by characters whose Windows-1252 bytes are UTF-8 continuation bytes, decoding to a letter or
// symbol of the Latin, Greek or Cyrillic blocks, or to general punctuation (’ “ ” – — … •), € or ™.
// Clean text never has such a run ("Fuß“" decodes to an NKo letter and is left alone), so clean
// text comes back unchanged, the same string. Also the form some corpora give after compatibility
// normalisation: "Ã ̈" (the ¨ of è decomposed to a space and a combining diaeresis), "Ãa" for ê.
//
// No npm library is used: the maintained ones (fix-utf8 and the like) return a shorter string
// with no map back to the original offsets, which is what this module must keep.

/** Fills the places a repair frees inside a word: a combining mark, dropped by normalisation. */
export const MOJIBAKE_PAD = '\u034F';

/** Windows-1252's characters for the bytes 0x80–0x9F (the five it leaves undefined are the C1 controls themselves). */
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** The byte a character stands for when UTF-8 was read as Windows-1252, if it is a continuation byte (0x80–0xBF). */
const CONTINUATION = new Map<string, number>();
for (let b = 0x80; b <= 0x9f; b++) CONTINUATION.set(CP1252_HIGH[b - 0x80], b);
for (let b = 0x80; b <= 0x9f; b++) if (!CONTINUATION.has(String.fromCharCode(b))) CONTINUATION.set(String.fromCharCode(b), b);
for (let b = 0xa0; b <= 0xbf; b++) CONTINUATION.set(String.fromCharCode(b), b);

/** A continuation byte after compatibility decomposition: ¨ ¯ ´ ¸ become a space and a combining mark. */
const DECOMPOSED: Readonly<Record<string, number>> = { '\u0308': 0xa8, '\u0304': 0xaf, '\u0301': 0xb4, '\u0327': 0xb8 };
/** ª and º decomposed to plain letters: only after Ã (ê, ú), where clean text does not put them. */
const DECOMPOSED_LETTER: Readonly<Record<string, number>> = { a: 0xaa, o: 0xba };

/** Any character that can begin a repair, followed by a continuation character (a cheap first test). */
const TELLTALE = /[\u00C2-\u00DF\u00E2][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201A\u201C-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]|\u00C3 [\u0300-\u036F]|\u00C3[ao]\p{Ll}/u;

function plausible(code: number): boolean {
  return (
    (code >= 0xa0 && code <= 0x17f) || // Latin-1 Supplement and Latin Extended-A (not -B: "Ç”" in capitals is clean)
    (code >= 0x386 && code <= 0x3ce) || // Greek
    (code >= 0x400 && code <= 0x45f) || // Cyrillic
    (code >= 0x2010 && code <= 0x205e) || // general punctuation: dashes, quote marks, …, •, ‰
    (code >= 0x20a0 && code <= 0x20c0) || // currency signs
    code === 0x2122 // ™
  );
}

/** The character a broken sequence at `i` stands for, and how many characters the sequence has. */
function brokenAt(text: string, i: number): { ch: string; length: number } | undefined {
  const lead = text.charCodeAt(i);
  if (lead >= 0xc2 && lead <= 0xdf) {
    const b1 = CONTINUATION.get(text[i + 1]);
    if (b1 !== undefined) {
      const code = ((lead & 0x1f) << 6) | (b1 & 0x3f);
      return plausible(code) ? { ch: String.fromCharCode(code), length: 2 } : undefined;
    }
    if (lead !== 0xc3) return undefined;
    // Compatibility-decomposed continuation: "Ã ̈" (è), "Ãa" (ê).
    const mark = text[i + 1] === ' ' ? DECOMPOSED[text[i + 2]] : undefined;
    if (mark !== undefined) return { ch: String.fromCharCode(0xc0 | (mark & 0x3f)), length: 3 };
    const letter = DECOMPOSED_LETTER[text[i + 1]];
    if (letter !== undefined && /\p{Ll}/u.test(text[i + 2] ?? '') && !/\p{Lu}/u.test(text[i - 1] ?? '')) return { ch: String.fromCharCode(0xc0 | (letter & 0x3f)), length: 2 };
    return undefined;
  }
  if (lead === 0xe2) {
    const b1 = CONTINUATION.get(text[i + 1]);
    const b2 = b1 === undefined ? undefined : CONTINUATION.get(text[i + 2]);
    if (b1 === undefined || b2 === undefined) return undefined;
    const code = ((lead & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
    return plausible(code) ? { ch: String.fromCharCode(code), length: 3 } : undefined;
  }
  return undefined;
}

/** The text with double-encoded UTF-8 repaired, the same length; clean text is returned as it is. */
export function repairMojibake(text: string): string {
  if (!TELLTALE.test(text)) return text;
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0xe2 && (c < 0xc2 || c > 0xdf)) continue;
    const broken = brokenAt(text, i);
    if (!broken) continue;
    out += text.slice(copied, i) + filled(text, i, broken.ch, broken.length);
    i += broken.length - 1;
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The repaired character in a run of `length` places, placed so that its neighbours read as before. */
function filled(text: string, i: number, ch: string, length: number): string {
  const pads = length - 1;
  if (/[\p{L}\p{N}]/u.test(ch)) return ch + MOJIBAKE_PAD.repeat(pads);
  const before = text[i - 1];
  const after = text[i + length];
  if (before === undefined || /\s/.test(before)) return ' '.repeat(pads) + ch;
  if (after === undefined || /\s/.test(after)) return ch + ' '.repeat(pads);
  return MOJIBAKE_PAD.repeat(pads) + ch;
}

/** A metadata string (title, author) repaired: no offsets to keep, so the fillers go. */
export function repairMojibakeString(s: string): string {
  const r = repairMojibake(s);
  return r === s && !s.includes(MOJIBAKE_PAD) ? s : r.replace(/\u034F/g, '').replace(/ {2,}/g, ' ').trim();
}
