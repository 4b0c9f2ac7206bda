import { seedSources } from '../test/support/seeds';
import { extractFacts } from '../server/src/core/facts/extract';
import { splitSentences } from '../server/src/core/text/sentences';
import { queryKeys } from '../server/src/core/facts/keys';
import { frameOf, compareFrames } from '../server/src/core/facts/frame';
import { hasName } from '../server/src/core/facts/context';
(async () => {
  const text = process.argv[2];
  const { index } = await seedSources();
  const aliases = await index.aliases();
  const sents = splitSentences(text);
  for (const f of extractFacts(text, sents)) {
    const fr = frameOf(f, text);
    console.log('DRAFT', f.text, JSON.stringify(fr), 'actor', f.context.actor, 'words', f.context.words);
    const found = await index.facts(queryKeys(f, aliases));
    for (const sf of found) {
      if (sf.fact.kind !== f.kind) continue;
      const sfr = frameOf(sf.fact, sf.sentence);
      const same = compareFrames(fr, sfr, (ns, n) => hasName(ns, n, aliases));
      if (same.measure === 0 && same.owner !== 'same') continue;
      console.log('  ', sf.source.id.slice(6, 9), sf.fact.text, JSON.stringify(same), JSON.stringify(sfr), 'actor', sf.fact.context.actor);
    }
  }
})();
