import { loadReuters, loadPolnear } from '../bench/corpora';
import { parseSource } from '../server/src/core/source/source';
import { extractFacts } from '../server/src/core/facts/extract';
import { splitSentences } from '../server/src/core/text/sentences';
import { frameOf, compareFrames } from '../server/src/core/facts/frame';
import { hasName } from '../server/src/core/facts/context';
import { figureCandidate, dateCandidate } from '../server/src/core/check/facts';
const [draftId, srcId, needle] = process.argv.slice(2);
const arts = process.env.POL ? (['train','dev','test'] as const).flatMap((x) => loadPolnear(x)!.articles) : loadReuters()!.articles;
const d = arts.find((a) => a.id === draftId)!; const s = arts.find((a) => a.id === srcId)!;
const doc = parseSource(s.id, 'x:' + s.id, s.text);
const aliases = new Map();
for (const f of extractFacts(d.text, splitSentences(d.text))) {
  if (!f.text.includes(needle)) continue;
  const dsent = d.text.slice(f.sentence.start, f.sentence.end);
  const fr = frameOf(f, dsent);
  console.log('DRAFT', f.text, JSON.stringify({ ...fr, classWords: undefined }));
  for (const sf0 of doc.facts) {
    const sf = { source: doc as any, fact: sf0, sentence: s.text.slice(sf0.sentence.start, sf0.sentence.end) };
    const c = f.kind === 'figure' ? figureCandidate(f as any, sf, aliases, dsent) : dateCandidate(f as any, sf, aliases, dsent);
    if (!c) continue;
    console.log('  ', sf0.text, JSON.stringify(c && { about: c.about, named: c.named }), JSON.stringify(compareFrames(fr, frameOf(sf0, sf.sentence), (n, x) => hasName(n, x, aliases))), JSON.stringify({ ...frameOf(sf0, sf.sentence), classWords: undefined }));
  }
}
