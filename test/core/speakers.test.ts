// The speaker finder on the patterns news copy uses, each a short text whose speaker a
// careful reader would name, and the people of the seed corpus as one list.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeQuotes } from '../../server/src/core/speakers/attribute';
import { sameName } from '../../server/src/core/speakers/names';
import { splitSentences } from '../../server/src/core/text/sentences';
import { seedSources } from '../support/seeds';

/** The speaker's name (or null) of each quotation of the text, by its first words. */
function speakers(text: string): Record<string, string | null> {
  const { quotations } = attributeQuotes(text, splitSentences(text));
  return Object.fromEntries(quotations.filter((q) => q.kind !== 'indirect').map((q) => [text.slice(q.start, q.end).split(/\s+/).slice(0, 3).join(' '), q.speaker?.name ?? null]));
}

test('names: transliterations and surnames are the same person; other given names are not', () => {
  assert.ok(sameName('Kassym-Jomart Tokayev', 'Qasym-Zhomart Toqaev'));
  assert.ok(sameName('Aibek Smadiyarov', 'Smadyarov'));
  assert.ok(sameName('Zelensky', 'Volodymyr Zelenskyy'));
  assert.ok(sameName('J. Smith', 'John Smith'));
  assert.ok(!sameName('Joe Biden', 'Hunter Biden'));
  assert.ok(!sameName('Tokayev', 'Smadiyarov'));
});

test('after the quote: pronoun, name, inverted verb, title with a dot, dash signature', () => {
  assert.deepEqual(
    speakers(
      [
        'Senator Jane Alder opened the hearing. “We will not wait any longer,” she said.',
        '',
        '“The budget is balanced,” said Rep. G.K. Butterfield (D-N.C.), head of the caucus.',
        '',
        '“Nobody asked us first,” Mr. Obama said.',
        '',
        '“Fear is not a policy for anyone.” ― Carla Sanchez',
      ].join('\n'),
    ),
    { 'We will not': 'Jane Alder', 'The budget is': 'G.K. Butterfield', 'Nobody asked us': 'Obama', 'Fear is not': 'Carla Sanchez' },
  );
});

test('before the quote and continuing quotes; a participle belongs to its clause', () => {
  assert.deepEqual(
    speakers(
      [
        'Foreign Ministry spokesperson Aibek Smadiyarov said Monday that the stance is consistent with “the principles of integrity.”',
        '',
        '“We cannot afford this,” Trump said, adding later, “NATO is costing us a fortune.” “It is unfair.”',
      ].join('\n'),
    ),
    { 'the principles of': 'Aibek Smadiyarov', 'We cannot afford': 'Trump', 'NATO is costing': 'Trump', 'It is unfair': 'Trump' },
  );
});

test('a pronoun skips a person named only as the object of a preposition, and goes no further than the paragraph before', () => {
  const text = [
    'According to President Kassym-Jomart Tokayev, the republics are not states. He made this statement while answering a question by Margarita Simonyan, the host of the event.',
    '',
    '«I am going to say it honestly,» he said.',
    '',
    'The weather was fine all week.',
    '',
    'Trade figures rose again.',
    '',
    '“Nothing will change,” he said.',
  ].join('\n');
  assert.deepEqual(speakers(text), { 'I am going': 'Kassym-Jomart Tokayev', 'Nothing will change': 'he' });
});

test('a block quote after a lead-in with no opening mark, and an unclosed quote cut at its attribution', () => {
  const text = [
    'President Qasym-Zhomart Toqaev spoke at the Assembly. At the recent session, he stated,',
    '',
    'We must rethink the linkages between three primordial principles of states. [iii]',
    '',
    'According to reports, the results were as follows:',
    '',
    '99.23% in favor in the Donetsk region.',
    '',
    '"Kazakhstan doesnt recognize quasi-state territories, Tokayev said.',
  ].join('\n');
  const { quotations } = attributeQuotes(text, splitSentences(text));
  const block = quotations.find((q) => q.kind === 'block')!;
  assert.equal(text.slice(block.start, block.end), 'We must rethink the linkages between three primordial principles of states');
  assert.equal(block.speaker?.name, 'Qasym-Zhomart Toqaev');
  assert.equal(block.speaker?.how, 'pronoun');
  assert.ok(!quotations.some((q) => text.slice(q.start, q.end).startsWith('99.23')), 'a list after "as follows:" is nobody\'s quote');
  const cut = quotations.find((q) => text.slice(q.start, q.end).startsWith('Kazakhstan doesnt'))!;
  assert.equal(text.slice(cut.start, cut.end), 'Kazakhstan doesnt recognize quasi-state territories');
  assert.ok(sameName(cut.speaker!.name, 'Tokayev'), cut.speaker?.name);
});

test('"the Kazakh leader" and "the official" point back to the person whose role fits', () => {
  const text = [
    'Kazakh President Kassym-Jomart Tokayev met Foreign Minister Nikola Selakovic of Serbia in Astana.',
    '“We stand by the charter,” the Kazakh leader said.',
    'Aibek Smadiyarov, official spokesperson of the ministry, spoke next.',
    '“Stability matters most of all,” the official added.',
  ].join(' ');
  assert.deepEqual(speakers(text), { 'We stand by': 'Kassym-Jomart Tokayev', 'Stability matters most': 'Aibek Smadiyarov' });
});

test('the seed corpus has one Tokayev and one Smadiyarov, with every spelling and role', async () => {
  const { index } = await seedSources();
  const people = index.peopleSync();
  const tokayev = people.filter((p) => p.spellings.some((s) => sameName(s, 'Tokayev')));
  assert.equal(tokayev.length, 1);
  for (const s of ['Kassym-Jomart Tokayev', 'Qasym-Zhomart Toqaev']) assert.ok(tokayev[0].spellings.includes(s), s);
  assert.ok(tokayev[0].roles.includes('Kazakh President'));
  assert.ok(tokayev[0].quotes.some((q) => q.kind === 'block'), 'the block quote of seed 001 is his');
  const smadiyarov = people.filter((p) => p.spellings.some((s) => sameName(s, 'Smadiyarov')));
  assert.equal(smadiyarov.length, 1);
  assert.ok(smadiyarov[0].spellings.includes('Aibek Smadyarov'));
  assert.ok(!people.some((p) => p.name === 'Kazakhstan' || p.name === 'New York'), people.map((p) => p.name).join(', '));
});

test('text that is not prose (marks, capitals and commas in bulk) is read without failing', () => {
  const chars = 'abcXYZ ,.;:"“”«»‘’\'\n-—()[]';
  let garbage = '';
  let seed = 7;
  for (let i = 0; i < 20_000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    garbage += chars[seed % chars.length];
  }
  for (const text of [garbage, '“' + 'Tokayev, Smith, '.repeat(2_000) + ' he said', 'He stated,\n\nWe must rethink it all now.\n\n'.repeat(500), '“a” '.repeat(2_000)]) {
    const { quotations } = attributeQuotes(text, splitSentences(text));
    for (const q of quotations) assert.ok(q.start >= 0 && q.end <= text.length && q.start < q.end);
  }
});

test('a markdown block quote is quoted words, with the speaker of its lead-in', () => {
  const text = 'Tokayev spoke at the forum. He said:\n\n> If the right to self-determination is put into practice, there will be chaos.\n\nThen he left.\n\n> Words with no lead-in at all.\n';
  const blocks = attributeQuotes(text, splitSentences(text)).quotations.filter((q) => q.kind === 'block');
  assert.deepEqual(
    blocks.map((q) => [text.slice(q.start, q.end), q.speaker?.name ?? null]),
    [
      ['If the right to self-determination is put into practice, there will be chaos', 'Tokayev'],
      ['Words with no lead-in at all', null],
    ],
  );
});

test('a title that belongs to someone else gives no speaker: a spokesman for Mr Blair is not Blair', () => {
  const text = [
    'Prime Minister Tony Blair was in Brussels. “We will win the vote,” a spokesman for Mr Blair said.',
    '',
    'Conservative leader Michael Howard spoke first. Australian Prime Minister John Howard spoke next. “We stand together,” John Howard said.',
  ].join('\n');
  const s = speakers(text);
  assert.notEqual(s['We will win'], 'Tony Blair');
  assert.equal(s['We stand together'], 'John Howard');
});

test('"he" is not a woman the text calls Ms or Mrs, nor "she" a man it calls Mr', () => {
  const text = [
    'Culture Secretary Tessa Jowell defended the plans.',
    '',
    'Industry chief John Kelly said Ms Jowell had misread the market. “The UK industry is one of the most respected,” he said. “We are being frozen in time.”',
    '',
    'Ms Jowell called Mr Blair on Monday. “It is a fair deal,” she said.',
  ].join('\n');
  assert.deepEqual(speakers(text), { 'The UK industry': 'John Kelly', 'We are being': 'John Kelly', 'It is a': 'Tessa Jowell' });
});
