// How well the speaker finder attributes direct quotations, measured on PolNeAR
// (../shared/corpus/polnear; brat attribution relations of US political news).
//
//   node --import tsx bench/speakers.ts [test|dev|train]    (default: test)
//
// Gold: every attribution relation whose Content starts with a quotation mark (a direct
// quotation) and has a Source span. Ours: every quotation core/speakers finds (marked,
// block, or with stripped marks) that overlaps a gold direct quotation's content.
// A speaker is right at the mention level when our cue (the words that point at the
// speaker: "he", "Tokayev", "the official") overlaps the gold Source span. It is right at
// the speaker level when the gold Source names someone (not a pronoun) and our resolved
// speaker's surname is among its words (the same person through another mention: the
// lead-in, a pronoun resolved to the name), or, for a pronoun or nominal gold Source,
// when our cue is that mention (PolNeAR does not resolve pronouns, so that is all it can
// tell us).
//   precision = right / quotations we gave a speaker
//   recall    = right / gold direct quotations with a Source
// Unmatched predictions (a quotation of ours that no gold relation covers, e.g. a scare
// quote PolNeAR does not annotate) are counted separately and left out of precision.
import { parseSource } from '../server/src/core/source/source';
import { surname } from '../server/src/core/speakers/names';
import { normaliseWord } from '../server/src/core/text/tokens';
import { loadPolnear, type PolnearSplit, type Span } from './corpora';

const split = (process.argv[2] ?? 'test') as PolnearSplit;
const corpus = loadPolnear(split);
if (!corpus) process.exit(0);

const OPEN = /^[\s]*["\u201C\u2018'\u00AB]/;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => Math.min(a.end, b.end) > Math.max(a.start, b.start);
const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you']);

let gold = 0;
let goldWithSource = 0;
let predicted = 0;
let mentionRight = 0;
let speakerRight = 0;
let found = 0;
let unmatched = 0;
let namedGold = 0;
let namedRight = 0;
const byHow = new Map<string, { n: number; right: number }>();
const errors: string[] = [];
const started = Date.now();

for (const article of corpus.articles) {
  const doc = parseSource(article.id, `polnear:${article.id}`, article.text, 'text');
  const ours = doc.speakers.quotations.filter((q) => q.kind !== 'indirect');
  const golds = article.attributions.filter((a) => OPEN.test(a.content.text));
  gold += golds.length;
  const used = new Set<number>();
  for (const g of golds) {
    if (g.source) goldWithSource++;
    const i = ours.findIndex((q, k) => !used.has(k) && overlaps(q, g.content));
    if (i < 0) continue;
    used.add(i);
    found++;
    const q = ours[i];
    if (!q.speaker || !g.source) continue;
    predicted++;
    const s = q.speaker;
    const how = byHow.get(s.how) ?? { n: 0, right: 0 };
    byHow.set(s.how, how);
    how.n++;
    const src: Span = g.source;
    const cueRight = overlaps(s.cue, src) || (src.fragments ?? []).some((f) => overlaps(s.cue, f));
    const goldWords = src.text.split(/[^\p{L}'’-]+/u).map((w) => normaliseWord(w));
    const goldNamed = !goldWords.every((w) => !w || PRONOUNS.has(w)) && /\p{Lu}/u.test(src.text);
    const surnameRight = goldNamed && goldWords.includes(normaliseWord(surname(s.name)));
    if (cueRight) mentionRight++;
    if (goldNamed ? surnameRight : cueRight) {
      speakerRight++;
      how.right++;
    } else if (errors.length < 25) {
      errors.push(`${article.id}: “${q.speaker.attribution}” → ${s.name} (${s.how}); gold source “${src.text}”`);
    }
    if (goldNamed) {
      namedGold++;
      if (surnameRight) namedRight++;
    }
  }
  unmatched += ours.filter((q, k) => !used.has(k) && q.speaker).length;
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
console.log(`PolNeAR ${split}: ${corpus.articles.length} articles, ${gold} direct quotations (${goldWithSource} with a Source span), ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`quotations found (overlapping a gold direct quotation): ${found} (${pct(found, gold)} of gold)`);
console.log(`speakers given on those: ${predicted}`);
console.log(`mention level: precision ${pct(mentionRight, predicted)}, recall ${pct(mentionRight, goldWithSource)}`);
console.log(`speaker level: precision ${pct(speakerRight, predicted)}, recall ${pct(speakerRight, goldWithSource)}`);
console.log(`named gold sources whose surname our resolved speaker has: ${namedRight} of ${namedGold} (${pct(namedRight, namedGold)})`);
console.log(`by how the speaker was found: ${[...byHow].map(([k, v]) => `${k} ${v.right}/${v.n} (${pct(v.right, v.n)})`).join(', ')}`);
console.log(`quotations of ours with a speaker that no gold relation covers: ${unmatched}`);
if (process.env.SHOW_ERRORS) console.log(errors.join('\n'));
