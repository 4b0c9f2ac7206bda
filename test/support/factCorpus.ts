// Figures and dates over a real corpus (the BBC articles in ../shared/corpus, read at
// test or benchmark time, never copied into the repository): each article's sentences
// that state a figure or a date are written back as a draft, once verbatim and once with
// each figure or date altered, and checked against the indexed sample. Verbatim facts
// should be verified; altered ones should be mismatches.

import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { parseSource } from '../../server/src/core/source/source';
import { checkDraft } from '../../server/src/core/check/draft';
import type { DateClaim, FigureClaim } from '../../server/src/core/check/findings';
import type { Fact } from '../../server/src/core/facts/extract';
import { REPO } from './seeds';
import { decodeBytes } from '../../server/src/node/decode';

export const BBC = path.resolve(REPO, '..', 'shared', 'corpus', 'bbc');

export function corpusAvailable(): boolean {
  return existsSync(BBC);
}

/** A deterministic sample: the first `perTopic` articles of each topic folder (or the `skip` after them). */
export function bbcSample(perTopic: number, skip = 0): MemoryIndex {
  const index = new MemoryIndex();
  for (const topic of readdirSync(BBC).filter((d) => !d.includes('.')).sort()) {
    for (const f of readdirSync(path.join(BBC, topic)).sort().slice(skip, skip + perTopic)) {
      const id = `bbc/${topic}/${f}`;
      const read = decodeBytes(readFileSync(path.join(BBC, topic, f)));
      if ('text' in read) index.add(parseSource(id, `file:///corpus/${id}`, read.text));
    }
  }
  return index;
}

/** The figure or date altered the way typos and slips alter them: a digit changed. */
export function alter(fact: Fact, text: string): string | undefined {
  if (fact.kind === 'figure') {
    if (fact.figure.spelled) return undefined;
    const num = text;
    // The last non-zero digit, plus two (wrapping), keeps the figure's shape: 99.23 → 99.25, 600 → 800.
    for (let i = num.length - 1; i >= 0; i--) {
      if (num[i] >= '1' && num[i] <= '9') {
        const d = (+num[i] + 2) % 10 || 3;
        return num.slice(0, i) + d + num.slice(i + 1);
      }
    }
    return undefined;
  }
  if (fact.relative || fact.date.day === undefined) return undefined;
  const day = fact.date.day;
  const m = new RegExp(`(?<!\\d)${day}(?!\\d)`).exec(text);
  if (!m) return undefined;
  const to = day > 26 ? day - 2 : day + 2;
  return text.slice(0, m.index) + to + text.slice(m.index + String(day).length);
}

export interface FactScore {
  kind: 'figure' | 'date';
  /** Verbatim facts: how many were checked and found verified (or rounded), flagged (mismatch), disputed or unsourced. */
  verbatim: { total: number; verified: number; mismatch: number; disputed: number; unsourced: number };
  /** Altered facts: how many were altered and flagged as a mismatch (or a dispute), and how many still passed as verified. */
  altered: { total: number; flagged: number; verified: number };
}

function emptyScore(kind: 'figure' | 'date'): FactScore {
  return { kind, verbatim: { total: 0, verified: 0, mismatch: 0, disputed: 0, unsourced: 0 }, altered: { total: 0, flagged: 0, verified: 0 } };
}

function claimAt(claims: Array<{ kind: string; start: number; end: number }>, start: number): FigureClaim | DateClaim | undefined {
  return claims.find((c) => c.kind !== 'quote' && c.start <= start && start < c.end) as FigureClaim | DateClaim | undefined;
}

/** Checks every fact of the sample's articles, verbatim and altered. */
export async function scoreCorpus(
  index: MemoryIndex,
  maxDocs = Infinity,
  log: (what: string, sentence: string, claim: FigureClaim | DateClaim) => void = () => {},
): Promise<{ figures: FactScore; dates: FactScore }> {
  const figures = emptyScore('figure');
  const dates = emptyScore('date');
  for (const doc of index.all().slice(0, maxDocs)) {
    for (const fact of doc.facts) {
      if (fact.kind === 'date' && fact.relative) continue;
      const score = fact.kind === 'figure' ? figures : dates;
      const sentence = doc.prose.slice(fact.sentence.start, fact.sentence.end).replace(/\s+/g, ' ');
      // A sentence with quotation marks checks its facts as part of the quote: not this benchmark.
      if (/["“”«»]/.test(sentence)) continue;
      const rel = doc.prose.slice(fact.sentence.start, fact.start).replace(/\s+/g, ' ').length;
      const verbatim = await checkDraft({ text: sentence, format: 'text' }, index);
      const c = claimAt(verbatim.claims, rel);
      if (!c) continue;
      score.verbatim.total++;
      if (c.verdict === 'verified' || c.verdict === 'rounded') score.verbatim.verified++;
      else if (c.verdict === 'mismatch') score.verbatim.mismatch++;
      else if (c.verdict === 'disputed') score.verbatim.disputed++;
      else score.verbatim.unsourced++;
      if (c.verdict !== 'verified' && c.verdict !== 'rounded') log(`verbatim ${c.verdict}`, sentence, c);

      const target = fact.kind === 'figure' ? doc.prose.slice(fact.numStart, fact.numEnd) : fact.text;
      const changed = alter(fact, target);
      if (!changed) continue;
      const at = fact.kind === 'figure' ? rel + (fact.numStart - fact.start) : rel;
      const altered = sentence.slice(0, at) + changed + sentence.slice(at + target.length);
      const ac = claimAt((await checkDraft({ text: altered, format: 'text' }, index)).claims, rel);
      if (!ac) continue;
      score.altered.total++;
      if (ac.verdict === 'mismatch' || ac.verdict === 'disputed') score.altered.flagged++;
      if (ac.verdict === 'verified' || ac.verdict === 'rounded') score.altered.verified++;
      if (ac.verdict !== 'mismatch' && ac.verdict !== 'disputed') log(`altered ${ac.verdict}`, altered, ac);
    }
  }
  return { figures, dates };
}

/**
 * Articles the index does not hold, checked whole as drafts: their figures and dates are
 * about other stories, so every mismatch is a false alarm (BBC repeats a few stories, so
 * a handful may be true), and disputes and unsourced notes show the noise a writer sees.
 */
export async function scoreHeldOut(index: MemoryIndex, drafts: MemoryIndex): Promise<Record<string, number>> {
  const counts: Record<string, number> = { claims: 0, verified: 0, rounded: 0, mismatch: 0, disputed: 0, unsourced: 0, reported: 0 };
  for (const doc of drafts.all()) {
    const r = await checkDraft({ text: doc.text, format: 'text' }, index);
    for (const c of r.claims) {
      if (c.kind === 'quote') continue;
      counts.claims++;
      counts[c.verdict]++;
    }
    counts.reported += r.findings.filter((f) => f.code === 'unsourced-figure' || f.code === 'unsourced-date').length;
  }
  return counts;
}

/** A made-up place name of its own for each number ("Lomira" for 123). */
export const placeName = (n: number) => {
  const name = [...String(n)].map((d) => ['ka', 'lo', 'mi', 'ra', 'su', 'te', 'vo', 'ne', 'di', 'pa'][+d]).join('');
  return name[0].toUpperCase() + name.slice(1);
};
/** Twenty sentences of ferry counts, each at a port of its own: 101 of them share a key over MAX_FACTS_PER_KEY. */
export function crowdedArticle(i: number): string {
  const lines = [`Harbour report ${i}`, ''];
  for (let j = 0; j < 20; j++) lines.push(`The harbour master of Port ${placeName(20 * i + j)} said ${1000 + 20 * i + j} ferries docked there.`, '');
  return lines.join('\n');
}
