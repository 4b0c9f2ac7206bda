import { readFileSync } from 'node:fs';
import { checkDraft } from '../server/src/core/check/draft';
import { MemoryIndex } from '../server/src/core/index/memoryIndex';
import { parseSource } from '../server/src/core/source/source';
import { loadBbc } from '../bench/corpora';
(async () => {
  const index = new MemoryIndex();
  for (const a of loadBbc()!.articles) index.add(parseSource(a.id, 'corpus:' + a.id, a.text));
  const text = readFileSync(process.argv[2], 'utf8');
  const r = await checkDraft({ text, format: 'markdown' }, index);
  for (const c of r.claims) {
    if (c.kind === 'quote') continue;
    const f = r.findings.find((x) => x.start === c.start && x.end === c.end);
    const line = text.slice(0, c.start).split('\n').length;
    console.log(line, c.text, '=>', f ? f.code : c.verdict, (c as any).best ? `[${(c as any).best.location.source.id}] ${(c as any).best.text}` : '', f ? f.message.slice(0, 160) : '');
  }
})();
