import { MemoryIndex } from '../server/src/core/index/memoryIndex';
import { parseSource } from '../server/src/core/source/source';
import { harvestCorpus } from '../test/support/commonFacts';
import { checkDraft } from '../server/src/core/check/draft';
import { frameOf, compareFrames } from '../server/src/core/facts/frame';
(async () => {
  const index = new MemoryIndex();
  for (const [name, text] of harvestCorpus()) index.add(parseSource(name, `file:///${name}`, text));
  const r = await checkDraft({ text: 'Farmers in Wexshire sold 1,500 tonnes of barley.', format: 'text' }, index);
  console.log(JSON.stringify(r.claims.map((c: any) => [c.text, c.verdict, c.best?.location.source.id])));
  const t = index.get('t.txt')!;
  for (const f of t.facts) console.log(f.text, JSON.stringify({ ...frameOf(f, t.text.slice(f.sentence.start, f.sentence.end)), classWords: 0 }), f.context.sentenceWords);
})();
