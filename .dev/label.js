// node .dev/label.js items.txt judge.txt >> bench/labels/real.tsv
const fs=require('fs');
const items=fs.readFileSync(process.argv[2],'utf8').split('\n').filter(l=>/^#\d+ /.test(l));
const byNum=new Map(items.map(l=>[l.match(/^#(\d+) /)[1], l.replace(/^#\d+ /,'')]));
for (const line of fs.readFileSync(process.argv[3],'utf8').split('\n')) {
  const m=/^(\d+) (right|wrong) (.*)$/.exec(line.trim()); if(!m) continue;
  const key=byNum.get(m[1]); if(!key) { console.error('no item', m[1]); continue; }
  console.log([key, m[2], m[3]].join('\t'));
}
