import { MemoryIndex } from '../server/src/core/index/memoryIndex';
import { parseSource } from '../server/src/core/source/source';
import { loadBbc, loadPolnear } from '../bench/corpora';
import { nameKey, stem } from '../server/src/core/facts/context';
(async () => {
  for (const [name, arts] of [['bbc', loadBbc()!.articles], ['pol', (['train','dev','test'] as const).flatMap((x) => loadPolnear(x)!.articles)]] as const) {
    const index = new MemoryIndex();
    for (const a of arts) index.add(parseSource(a.id, 'c:' + a.id, a.text));
    const total = (await index.allFacts()).length;
    const names = ['wales', 'trump', 'clinton', 'hillary', 'sanders', 'luhansk', 'republicans', 'florida', 'obama', 'uk', 'us', 'london'];
    const words = ['house', 'price', 'candidate', 'vote', 'win', 'state', 'delegate', 'percent', 'poll', 'voter', 'quarter', 'profit', 'sale'];
    const c = await index.factCounts([...names.map((n) => 'n:' + nameKey(n)), ...words.map((w) => 'w:' + stem(w))]);
    console.log(name, 'sources', arts.length, 'facts', total, [...names, ...words].map((n, i) => `${n}:${c[i]}`).join(' '));
  }
})();
