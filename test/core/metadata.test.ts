// A source's provenance as the Sources view, citations and messages show it: what the text
// (and its file name) gives, and nothing it does not give.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractMetadata, parseLineDate } from '../../server/src/core/source/metadata';

const fields = (text: string, name = 'sources/a.txt') => {
  const { title, outlet, author, date, url } = extractMetadata(text, name);
  return { title, outlet, author, date, url };
};

test('a web page copied with its address, date line and "By Name:" byline', () => {
  const m = fields(
    'Russia ally refuses to recognise the republics\n20220618\nhttps://www.indiatoday.in/world/story/russia-ally-1964091-2022-06-18\nBy Geeta Mohan: Kazakhstan has refused to recognise the republics.\n',
  );
  assert.deepEqual(m, {
    title: 'Russia ally refuses to recognise the republics',
    outlet: 'India Today',
    author: 'Geeta Mohan',
    date: '2022-06-18',
    url: 'https://www.indiatoday.in/world/story/russia-ally-1964091-2022-06-18',
  });
});

test('bylines in their usual shapes, and "By" sentences that are not bylines', () => {
  const author = (line: string) => fields(`A headline about the vote\n\n${line}\n\nThe story begins here and goes on for a while.\n`).author;
  assert.equal(author('By Jane Doe'), 'Jane Doe');
  assert.equal(author('By Jane Doe, Reuters'), 'Jane Doe');
  assert.equal(author('By Jane Doe and John Roe | Reuters'), 'Jane Doe and John Roe');
  assert.equal(author('BY JANE DOE'), 'Jane Doe');
  assert.equal(author('By Mary-Ann van der Berg — Staff reporter'), 'Mary-Ann van der Berg');
  assert.equal(author('By Sept. 30, the committee had spent $28.3 million.'), undefined);
  assert.equal(author('By contrast, North Korea conducted 26 missile tests.'), undefined);
  assert.equal(author('By The Associated Press'), undefined);
  assert.equal(author('By late afternoon, there had been no word.'), undefined);
});

test('a name alone on its line is a byline only beside the date', () => {
  const page = 'Kazakhstan refuses to recognise the referendums\n\nKazakhstan refuses to recognise the referendums\nAldgra Fredly\nUpdated:\n\nKazakhstan has stated that it will not recognise the referendums.\n';
  assert.equal(fields(page).author, 'Aldgra Fredly');
  // Earnings tables and place names stand alone on their lines too.
  assert.equal(fields('RYKOFF-SEXTON INC 3RD QTR NET\n\nLOS ANGELES, March 4 - Shr 21 cts vs 28 cts\n\nNet 1,456,000 vs 1,925,000\n\nNine Mths\n\nShr 77 cts vs 1.10 dlrs\n').author, undefined);
  assert.equal(fields('Rovers hold on\n\nEwood Park\n\nBlackburn held on for a draw on Saturday.\n').author, undefined);
});

test('wire datelines name the agency; headline words and places never become outlets', () => {
  assert.equal(fields('Kazakhstan announces its position\n\nASTANA. KAZINFORM Official Spokesperson Aibek Smadyarov commented on the referendums.\n').outlet, 'Kazinform');
  assert.equal(fields('Kazakhstan rejects the votes\n\nMOSCOW, Sept 26 (Reuters) - Kazakhstan will not recognise the referendums.\n').outlet, 'Reuters');
  assert.equal(fields('The latest on the race\n\nWASHINGTON (AP) — The Latest on the presidential race.\n').outlet, 'AP');
  assert.equal(fields('ASSETS OF U.S. MONEY FUNDS ROSE IN WEEK\n\nWASHINGTON, Feb 26 - Assets of money market mutual funds increased 720.4 mln dlrs.\n').outlet, undefined);
  assert.equal(fields('WASTE MANAGEMENT VOTES SPLIT\n\nOAK BROOK, ILL., Mar 2 - Waste Management Corp said its board voted a split.\n').outlet, undefined);
  assert.equal(fields('REUTERS PROFIT UP\n\nLONDON, March 2 - Reuters Holdings Plc said its pre-tax profit rose.\n').outlet, undefined);
  assert.equal(fields('A column\n\nTHOMAS. LIES about the campaign were everywhere, he wrote.\n').outlet, undefined);
});

test('date lines: a weekday or a "Published" label may lead, any other word makes it a sentence', () => {
  assert.equal(parseLineDate('26 September 2022, 13:35'), '2022-09-26');
  assert.equal(parseLineDate('Monday, 26 September 2022'), '2022-09-26');
  assert.equal(parseLineDate('Published: Sept. 26, 2022 10:00 a.m. ET'), '2022-09-26');
  assert.equal(parseLineDate('Record March 31, 1987'), undefined);
  assert.equal(parseLineDate('Pay Aug 14, 1987'), undefined);
  assert.equal(fields('BELL ATLANTIC INCREASES PAYOUT\n\nPHILADELPHIA, March 18 - Qtrly div 96 cts vs 90 cts\n\nPay May One, 1987\n\nRecord March 31, 1987\n').date, undefined);
});

test('a PolNeAR-style file name gives the publisher and the day; an unknown prefix gives only the day', () => {
  const text = 'White House schmoozing season.\n\nThe parties are back.\n';
  assert.deepEqual(fields(text, 'data/train/text/nyt_2015-12-15_white-house-schmoozing-season-ho.txt'), {
    title: 'White House schmoozing season.',
    outlet: 'The New York Times',
    author: undefined,
    date: '2015-12-15',
    url: undefined,
  });
  assert.equal(fields(text, 'train/wash-post_2016-05-29_verizon.txt').outlet, 'The Washington Post');
  const unknown = fields(text, 'notes/draft_2016-05-29_verizon.txt');
  assert.equal(unknown.outlet, undefined);
  assert.equal(unknown.date, '2016-05-29');
  // A hash in the name is not a date.
  assert.equal(fields(text, 'seeds/000_03b0a985a00a2f0a.txt').date, undefined);
});

test('links inside the story are not the source\'s address, and a shortener is no outlet', () => {
  const m = fields('A headline\n\nThe senator tweeted https://t.co/abc123 on Monday, and linked to http://politi.co/1oGcEFv in a post.\n\nhttps://t.co/daC7Qr7ZhZ\n');
  assert.equal(m.url, undefined);
  assert.equal(m.outlet, undefined);
  assert.equal(fields('A headline\nSource: https://example.org/2021/03/04/story\n\nText.\n').outlet, 'example.org');
  assert.equal(fields('A headline\nSource: https://example.org/2021/03/04/story\n\nText.\n').date, '2021-03-04');
});

test('a first line that is a paragraph is no title; a page title names its outlet', () => {
  assert.equal(fields(' date 2022-09-28 An ally of Russia, Kazakhstan, has revealed that it will not recognize the results. The referendums relate to territories.\n').title, undefined);
  const m = fields('Kazakhstan rejects the votes | Reuters\n\nKazakhstan will not recognise them.\n');
  assert.equal(m.title, 'Kazakhstan rejects the votes');
  assert.equal(m.outlet, 'Reuters');
  assert.equal(fields('MINN. BANK, OKLA. THRIFT ACTIONS TAKEN\n\nWASHINGTON, March 13 - A bank failed.\n').title, 'MINN. BANK, OKLA. THRIFT ACTIONS TAKEN');
});

test('front matter outranks the heuristics', () => {
  const m = fields('---\ntitle: Given title\noutlet: Kazinform\nauthor: A. Writer\ndate: 2022-09-26\n---\nOther headline\n\nBy Jane Doe\n\nText.\n');
  assert.deepEqual(m, { title: 'Given title', outlet: 'Kazinform', author: 'A. Writer', date: '2022-09-26', url: undefined });
});

test('a wire credit at the end names the reporter; a contributor line does not', () => {
  const story = (end: string) => fields(`Clinton receives first briefing\n\nAug 27 (Reuters) - Democrat Hillary Clinton on Saturday received her first briefing.\n\nShe attended the meeting alone.\n\n${end}\n`).author;
  assert.equal(story('(Reporting by Amanda Becker in Washington; Writing by Luciana Lopez; Editing by Matthew Lewis.)'), 'Amanda Becker');
  assert.equal(story('Alex Isenstadt contributed to this story.'), undefined);
  assert.equal(story('Contributing: Todd Spangler.'), undefined);
});
