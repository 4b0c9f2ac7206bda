// Speakers over real articles (../shared/corpus/bbc, read at test time, never copied):
// drafts built from the articles' own quotations, each given once to the speaker the
// article names and once to another person of the corpus. The right speaker must pass
// quietly (a false alarm costs as much as a miss); the wrong one must be flagged. The
// sources' speakers come from the finder itself (bench/speakers.ts measures those on
// PolNeAR); this checks the draft side and the comparison on real names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBbc } from '../../bench/corpora';
import { MemoryIndex } from '../../server/src/core/index/memoryIndex';
import { parseSource } from '../../server/src/core/source/source';
import { checkDraft } from '../../server/src/core/check/draft';
import { sameName } from '../../server/src/core/speakers/names';

const ARTICLES = 400;
const QUOTES = 60;

test('BBC: quotes given to their own speaker pass, quotes given to someone else are misattributed', async (t) => {
  const bbc = loadBbc();
  if (!bbc) return t.skip('../shared/corpus/bbc is absent');
  const index = new MemoryIndex();
  // Politics and business quote the most people.
  const articles = bbc.articles.filter((a) => /^(politics|business)\//.test(a.id)).slice(0, ARTICLES);
  for (const a of articles) index.add(parseSource(`bbc/${a.id}`, `corpus:bbc/${a.id}`, a.text, 'text'));
  const people = index.peopleSync().filter((p) => p.name.includes(' ') && p.quotes.length > 0);
  const cases: Array<{ quote: string; speaker: string; other: string }> = [];
  for (const doc of index.all()) {
    for (const q of doc.speakers.quotations) {
      const s = q.speaker;
      const words = doc.prose.slice(q.start, q.end);
      if (q.kind !== 'quote' || s?.kind !== 'person' || !s.name.includes(' ') || /["\u201C\u201D\n]/.test(words) || words.split(/\s+/).length < 8) continue;
      const other = people.find((p) => !p.spellings.some((x) => sameName(x, s.name)) && p.name.length % 7 === cases.length % 7) ?? people.find((p) => !p.spellings.some((x) => sameName(x, s.name)));
      if (other) cases.push({ quote: words, speaker: s.name, other: other.name });
      if (cases.length >= QUOTES) break;
    }
    if (cases.length >= QUOTES) break;
  }
  assert.ok(cases.length >= 20, `only ${cases.length} attributed quotations found`);
  let falseAlarms = 0;
  let caught = 0;
  const missed: string[] = [];
  for (const [i, c] of cases.entries()) {
    // Half the drafts name the speaker by surname alone, as copy does after the first mention.
    const name = i % 2 ? c.speaker.split(' ').pop()! : c.speaker;
    const right = await checkDraft({ text: `“${c.quote},” ${name} said.\n`, format: 'markdown' }, index);
    if (right.findings.some((f) => f.code === 'misattributed-quote')) falseAlarms++;
    const wrong = await checkDraft({ text: `“${c.quote},” ${c.other} said.\n`, format: 'markdown' }, index);
    if (wrong.findings.some((f) => f.code === 'misattributed-quote')) caught++;
    else missed.push(`${c.other} for ${c.speaker}: ${c.quote.slice(0, 60)}`);
  }
  t.diagnostic(`${cases.length} quotations: ${falseAlarms} false alarms on the right speaker, ${caught} of ${cases.length} wrong speakers flagged`);
  assert.equal(falseAlarms, 0);
  assert.ok(caught >= cases.length * 0.9, `only ${caught} of ${cases.length} wrong speakers flagged; missed: ${missed.slice(0, 5).join(' | ')}`);
});
