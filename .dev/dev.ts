import { createHash } from 'node:crypto';
import { checkDraft } from '../server/src/core/check/draft';
import { MemoryIndex } from '../server/src/core/index/memoryIndex';
import { parseSource } from '../server/src/core/source/source';
import { loadBbc, loadPolnear, loadReuters, Article } from '../bench/corpora';

const corpus = process.argv[2] ?? 'polnear';
const n = Number(process.argv[3] ?? 30);
const half = process.argv[4] ?? 'dev';
const only = process.argv[5] ?? 'fact'; // fact | quote | all
let articles: Article[] = [];
if (corpus === 'polnear') for (const s of ['train', 'dev', 'test', 'annotator-training'] as const) articles.push(...(loadPolnear(s)?.articles ?? []));
else if (corpus === 'reuters') articles = loadReuters()!.articles;
else articles = loadBbc()!.articles;
const isHeld = (id: string) => parseInt(createHash('sha1').update(`${corpus}:${id}`).digest('hex')[0], 16) >= 8;
const t0 = Date.now();
const index = new MemoryIndex();
const docs = new Map<string, ReturnType<typeof parseSource>>();
for (const a of articles) { const d = parseSource(a.id, `corpus:${a.id}`, a.text); docs.set(a.id, d); index.add(d); }
console.error(`indexed ${articles.length} in ${Date.now() - t0} ms`);
const body = (t: string) => t.replace(/\s+/g, ' ').trim();
const byBody = new Map<string, string[]>();
for (const a of articles) { const k = body(a.text); byBody.set(k, [...(byBody.get(k) ?? []), a.id]); }
const picks = articles.filter((a) => (half === 'held') === isHeld(a.id) && a.text.length > 800);
const stride = Math.max(1, Math.floor(picks.length / n));
const chosen = picks.filter((_, i) => i % stride === 0).slice(0, n);
const counts: Record<string, number> = {};
(async () => {
for (const a of chosen) {
  const dups = byBody.get(body(a.text))!;
  for (const id of dups) index.remove(id);
  const r = await checkDraft({ text: a.text, format: 'plaintext' }, index);
  for (const id of dups) index.add(docs.get(id)!);
  for (const c of r.claims) {
    if (only === 'fact' && c.kind === 'quote') continue;
    if (only === 'quote' && c.kind !== 'quote') continue;
    const f = r.findings.find((x) => x.start === c.start && x.end === c.end);
    const code = f ? f.code : c.verdict;
    if (code.startsWith('unsourced') || code === 'sources-unsearched') { counts[code] = (counts[code] ?? 0) + 1; continue; }
    counts[code] = (counts[code] ?? 0) + 1;
    const sent = (s: number, e: number) => { const st = Math.max(a.text.lastIndexOf('\n', s) + 1, s - 200); return a.text.slice(st, Math.min(e + 160, a.text.indexOf('\n', e) < 0 ? a.text.length : a.text.indexOf('\n', e))).replace(/\s+/g, ' '); };
    console.log(`\n## ${code} ${a.id} ${c.start}-${c.end} «${a.text.slice(c.start, c.end)}»`);
    console.log(`  D: ${sent(c.start, c.end)}`);
    const b = (c as any).best;
    if (b) console.log(`  S: [${b.location.source.id}] ${String(b.sentence ?? b.text).replace(/\s+/g, ' ').slice(0, 400)}`);
    if (f) console.log(`  M: ${f.message.slice(0, 300)}`);
  }
}
console.log('\nCOUNTS', JSON.stringify(counts));
})();
