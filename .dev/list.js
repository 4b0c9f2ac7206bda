const fs=require('fs');
const corpus=process.argv[2]; const re=new RegExp(process.argv[3]||'mismatch|disagree|verified-figure|verified-date');
const items=fs.readFileSync(`bench/.out/real-${corpus}.jsonl`,'utf8').trim().split('\n').map(JSON.parse);
let n=0;
for(const i of items){ if(!re.test(i.code)) continue; n++;
 console.log(`\n#${n} ${[i.half,i.corpus,i.draft,i.start,i.end,i.code,i.source,i.sourceStart].join('\t')}`);
 console.log(' D:',i.draftText.slice(0,280)); console.log(' S:',String(i.sourceText).replace(/\s+/g,' ').slice(0,240)); if(i.message) console.log(' M:',i.message.slice(0,160));}
