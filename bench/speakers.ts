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

export interface SpeakerScores {
  split: PolnearSplit;
  articles: number;
  gold: number;
  goldWithSource: number;
  found: number;
  predicted: number;
  mentionRight: number;
  speakerRight: number;
  namedGold: number;
  namedRight: number;
  unmatched: number;
  byHow: Map<string, { n: number; right: number }>;
  errors: string[];
  seconds: number;
}

const OPEN = /^[\s]*["\u201C\u2018'\u00AB]/;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => Math.min(a.end, b.end) > Math.max(a.start, b.start);
const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you']);

/** Scores the speaker finder on one PolNeAR split; null when the corpus is absent. */
export function measureSpeakers(split: PolnearSplit): SpeakerScores | null {
  const corpus = loadPolnear(split);
  if (!corpus) return null;
  const r: SpeakerScores = { split, articles: corpus.articles.length, gold: 0, goldWithSource: 0, found: 0, predicted: 0, mentionRight: 0, speakerRight: 0, namedGold: 0, namedRight: 0, unmatched: 0, byHow: new Map(), errors: [], seconds: 0 };
  const started = Date.now();
  for (const article of corpus.articles) {
    const doc = parseSource(article.id, `polnear:${article.id}`, article.text, 'text');
    const ours = doc.speakers.quotations.filter((q) => q.kind !== 'indirect');
    const golds = article.attributions.filter((a) => OPEN.test(a.content.text));
    r.gold += golds.length;
    const used = new Set<number>();
    for (const g of golds) {
      if (g.source) r.goldWithSource++;
      const i = ours.findIndex((q, k) => !used.has(k) && overlaps(q, g.content));
      if (i < 0) continue;
      used.add(i);
      r.found++;
      const q = ours[i];
      if (!q.speaker || !g.source) continue;
      r.predicted++;
      const s = q.speaker;
      const how = r.byHow.get(s.how) ?? { n: 0, right: 0 };
      r.byHow.set(s.how, how);
      how.n++;
      const src: Span = g.source;
      const cueRight = overlaps(s.cue, src) || (src.fragments ?? []).some((f) => overlaps(s.cue, f));
      const goldWords = src.text.split(/[^\p{L}'’-]+/u).map((w) => normaliseWord(w));
      const goldNamed = !goldWords.every((w) => !w || PRONOUNS.has(w)) && /\p{Lu}/u.test(src.text);
      const surnameRight = goldNamed && goldWords.includes(normaliseWord(surname(s.name)));
      if (cueRight) r.mentionRight++;
      if (goldNamed ? surnameRight : cueRight) {
        r.speakerRight++;
        how.right++;
      } else if (r.errors.length < 25) {
        r.errors.push(`${article.id}: “${s.attribution}” → ${s.name} (${s.how}); gold source “${src.text}”`);
      }
      if (goldNamed) {
        r.namedGold++;
        if (surnameRight) r.namedRight++;
      }
    }
    r.unmatched += ours.filter((q, k) => !used.has(k) && q.speaker).length;
  }
  r.seconds = (Date.now() - started) / 1000;
  return r;
}

function report(r: SpeakerScores): void {
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
  console.log(`PolNeAR ${r.split}: ${r.articles} articles, ${r.gold} direct quotations (${r.goldWithSource} with a Source span), ${r.seconds.toFixed(1)} s`);
  console.log(`quotations found (overlapping a gold direct quotation): ${r.found} (${pct(r.found, r.gold)} of gold)`);
  console.log(`speakers given on those: ${r.predicted}`);
  console.log(`mention level: precision ${pct(r.mentionRight, r.predicted)}, recall ${pct(r.mentionRight, r.goldWithSource)}`);
  console.log(`speaker level: precision ${pct(r.speakerRight, r.predicted)}, recall ${pct(r.speakerRight, r.goldWithSource)}`);
  console.log(`named gold sources whose surname our resolved speaker has: ${r.namedRight} of ${r.namedGold} (${pct(r.namedRight, r.namedGold)})`);
  console.log(`by how the speaker was found: ${[...r.byHow].map(([k, v]) => `${k} ${v.right}/${v.n} (${pct(v.right, v.n)})`).join(', ')}`);
  console.log(`quotations of ours with a speaker that no gold relation covers: ${r.unmatched}`);
  if (process.env.SHOW_ERRORS) console.log(r.errors.join('\n'));
}

if (process.argv[1] && /speakers\.ts$/.test(process.argv[1])) {
  const scores = measureSpeakers((process.argv[2] ?? 'test') as PolnearSplit);
  if (scores) report(scores);
}
