// News outlets by the names a reporter uses for them: a web site's host, a file-name slug
// (PolNeAR's `nyt_2015-12-15_….txt`), a wire agency in a dateline. The table is a lexicon
// of well-known outlets, not a list of answers: an outlet it does not know is named by its
// host ("example.org"), and a slug or a dateline word it does not know gives no outlet.

interface Outlet {
  name: string;
  /** Hosts (without www.), matched with their subdomains. */
  hosts?: string[];
  /** File-name prefixes that stand for the outlet, lower case. */
  slugs?: string[];
  /** A wire agency: its name in a dateline ("ASTANA. KAZINFORM", "MOSCOW (Reuters) —") is the outlet. */
  agency?: string[];
}

const OUTLETS: Outlet[] = [
  { name: 'The New York Times', hosts: ['nytimes.com', 'nyti.ms'], slugs: ['nyt', 'nytimes', 'new-york-times'] },
  { name: 'The Washington Post', hosts: ['washingtonpost.com', 'wapo.st'], slugs: ['wash-post', 'wapo', 'washington-post', 'washpost'] },
  { name: 'Politico', hosts: ['politico.com', 'politico.eu', 'politi.co'], slugs: ['politico'] },
  { name: 'Breitbart', hosts: ['breitbart.com'], slugs: ['breitbart'] },
  { name: 'Huffington Post', hosts: ['huffingtonpost.com', 'huffpost.com', 'huffingtonpost.co.uk'], slugs: ['huff-post', 'huffpost', 'huffington-post'] },
  { name: 'USA Today', hosts: ['usatoday.com'], slugs: ['usa-today', 'usatoday'] },
  { name: 'Western Journalism', hosts: ['westernjournalism.com', 'westernjournal.com'], slugs: ['west-journal', 'western-journal', 'western-journalism'] },
  { name: 'Wall Street Journal', hosts: ['wsj.com'], slugs: ['wsj'] },
  { name: 'Los Angeles Times', hosts: ['latimes.com'], slugs: ['latimes', 'la-times'] },
  { name: 'The Guardian', hosts: ['theguardian.com', 'guardian.co.uk'], slugs: ['guardian'] },
  { name: 'The Telegraph', hosts: ['telegraph.co.uk'], slugs: ['telegraph'] },
  { name: 'The Independent', hosts: ['independent.co.uk'] },
  { name: 'Financial Times', hosts: ['ft.com'], slugs: ['ft'] },
  { name: 'The Economist', hosts: ['economist.com'] },
  { name: 'BBC', hosts: ['bbc.co.uk', 'bbc.com'], slugs: ['bbc'] },
  { name: 'CNN', hosts: ['cnn.com'], slugs: ['cnn'], agency: ['CNN'] },
  { name: 'Fox News', hosts: ['foxnews.com'], slugs: ['fox-news', 'foxnews'] },
  { name: 'NBC News', hosts: ['nbcnews.com'] },
  { name: 'CBS News', hosts: ['cbsnews.com'] },
  { name: 'ABC News', hosts: ['abcnews.go.com'] },
  { name: 'NPR', hosts: ['npr.org'], slugs: ['npr'] },
  { name: 'Axios', hosts: ['axios.com'] },
  { name: 'The Hill', hosts: ['thehill.com'] },
  { name: 'Newsweek', hosts: ['newsweek.com'] },
  { name: 'Time', hosts: ['time.com'] },
  { name: 'Al Jazeera', hosts: ['aljazeera.com', 'aljazeera.net'], slugs: ['aljazeera', 'al-jazeera'] },
  { name: 'DW', hosts: ['dw.com'] },
  { name: 'France 24', hosts: ['france24.com'] },
  { name: 'Euronews', hosts: ['euronews.com'] },
  { name: 'RFE/RL', hosts: ['rferl.org'] },
  { name: 'The Moscow Times', hosts: ['themoscowtimes.com'] },
  { name: 'The Kyiv Independent', hosts: ['kyivindependent.com'] },
  { name: 'The Epoch Times', hosts: ['theepochtimes.com'] },
  { name: 'India Today', hosts: ['indiatoday.in'] },
  { name: 'The Astana Times', hosts: ['astanatimes.com'] },
  { name: 'Eurasianet', hosts: ['eurasianet.org'] },
  { name: 'Reuters', hosts: ['reuters.com'], slugs: ['reuters'], agency: ['Reuters', 'REUTERS'] },
  { name: 'AP', hosts: ['apnews.com', 'ap.org'], slugs: ['ap'], agency: ['AP', 'Associated Press'] },
  { name: 'AFP', hosts: ['afp.com'], slugs: ['afp'], agency: ['AFP'] },
  { name: 'Bloomberg', hosts: ['bloomberg.com'], agency: ['Bloomberg'] },
  { name: 'UPI', hosts: ['upi.com'], agency: ['UPI'] },
  { name: 'TASS', hosts: ['tass.com', 'tass.ru'], agency: ['TASS', 'Tass', 'ITAR-TASS'] },
  { name: 'RIA Novosti', hosts: ['ria.ru'], agency: ['RIA Novosti'] },
  { name: 'Interfax', hosts: ['interfax.com', 'interfax.ru'], agency: ['Interfax', 'INTERFAX'] },
  { name: 'Xinhua', hosts: ['xinhuanet.com', 'news.cn'], agency: ['Xinhua', 'XINHUA'] },
  { name: 'Anadolu', hosts: ['aa.com.tr'], agency: ['Anadolu', 'Anadolu Agency'] },
  { name: 'Kyodo', hosts: ['kyodonews.net'], agency: ['Kyodo'] },
  { name: 'Yonhap', hosts: ['yna.co.kr'], agency: ['Yonhap'] },
  { name: 'dpa', hosts: ['dpa.com'], agency: ['dpa', 'DPA'] },
  { name: 'ANSA', hosts: ['ansa.it'], agency: ['ANSA'] },
  { name: 'EFE', hosts: ['efe.com'], agency: ['EFE'] },
  { name: 'PTI', hosts: ['ptinews.com'], agency: ['PTI'] },
  { name: 'IANS', hosts: ['ianslive.in'], agency: ['IANS'] },
  { name: 'Ukrinform', hosts: ['ukrinform.net', 'ukrinform.ua'], agency: ['Ukrinform', 'UKRINFORM'] },
  { name: 'Kazinform', hosts: ['inform.kz', 'kazinform.kz'], slugs: ['kazinform'], agency: ['Kazinform', 'KAZINFORM'] },
  { name: 'BelTA', hosts: ['belta.by'], agency: ['BelTA', 'BELTA'] },
];

/** Hosts whose links point at a post or a redirect, not at the article's publisher. */
const NOT_AN_OUTLET = /(^|\.)(t\.co|bit\.ly|goo\.gl|ow\.ly|tinyurl\.com|buff\.ly|twitter\.com|x\.com|facebook\.com|fb\.me|instagram\.com|youtube\.com|youtu\.be|tiktok\.com|linkedin\.com|reddit\.com|archive\.org|archive\.ph|web\.archive\.org)$/i;

/** The outlet of a web address: a known outlet's name, else its host without "www."; undefined for a social network or a link shortener. */
export function outletOfHost(host: string): string | undefined {
  const h = host.toLowerCase().replace(/^www\d?\./, '').replace(/\.$/, '');
  if (!h || NOT_AN_OUTLET.test(h) || !/\.[a-z]{2,}$/.test(h)) return undefined;
  for (const o of OUTLETS) if (o.hosts?.some((k) => h === k || h.endsWith('.' + k))) return o.name;
  return h;
}

/** A known outlet's name for a file-name slug ("wash-post" → The Washington Post). */
export function outletOfSlug(slug: string): string | undefined {
  const s = slug.toLowerCase();
  return OUTLETS.find((o) => o.slugs?.includes(s))?.name;
}

const AGENCIES = new Map<string, string>(OUTLETS.flatMap((o) => (o.agency ?? []).map((a) => [a, o.name] as [string, string])));

/** A wire agency's name as datelines print it ("KAZINFORM", "Reuters") → the outlet. */
export function outletOfAgency(word: string): string | undefined {
  return AGENCIES.get(word.trim());
}

/** An alternation of every agency spelling, longest first, for a dateline pattern. */
export const AGENCY_PATTERN = [...AGENCIES.keys()]
  .sort((a, b) => b.length - a.length)
  .map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
  .join('|');

/** The name of a known outlet written out in a page's title or copyright line ("… | Reuters", "© 2022 The Guardian"). */
export function knownOutletName(s: string): string | undefined {
  const t = s.trim().replace(/^the\s+/i, '').toLowerCase();
  for (const o of OUTLETS) {
    if (o.name.replace(/^the\s+/i, '').toLowerCase() === t) return o.name;
    if (o.agency?.some((a) => a.toLowerCase() === t)) return o.name;
  }
  return undefined;
}
