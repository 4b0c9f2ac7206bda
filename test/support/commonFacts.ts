// A corpus where every name, word and value of a figure is on more than MAX_FACTS_PER_KEY
// facts, and only the pair of a name and a word finds its source: 2,100 harvests in Wexshire
// (of wheat), 2,100 harvests of barley (elsewhere), and one of barley in Wexshire.

/** Base-26 letters for a number, for distinct place names. */
function letters(i: number): string {
  let s = '';
  do {
    s += String.fromCharCode(97 + (i % 26));
    i = Math.floor(i / 26);
  } while (i > 0);
  return s;
}

/** [file name, text] of every article. */
export function harvestCorpus(): Array<[string, string]> {
  const files: Array<[string, string]> = [['t.txt', 'Harvest\n\nFarmers in Wexshire sold 1,200 tonnes of barley.\n']];
  for (let i = 0; i < 2100; i++) {
    files.push([`a${i}.txt`, `Harvest ${i}\n\nFarmers in Wexshire sold 1,200 tonnes of wheat.\n`]);
    files.push([`b${i}.txt`, `Harvest ${i}\n\nFarmers in Vel${letters(i)}ton sold ${3000 + i} tonnes of barley.\n`]);
  }
  return files;
}

/** Drafts over it, with the verdict each figure should get from t.txt. */
export const HARVEST_DRAFTS: Array<{ text: string; verdict: string }> = [
  { text: 'Farmers in Wexshire sold 1,200 tonnes of barley.', verdict: 'verified' },
  { text: 'Farmers in Wexshire sold 1,500 tonnes of barley.', verdict: 'mismatch' },
];
