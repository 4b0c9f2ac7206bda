// Fixture drafts carry their expected findings next to the text, in HTML comments
// (which the engine ignores, as it ignores every comment):
//
//   Tokayev said “Of course, that would be a disaster.”
//   <!-- expect misquote {{Of course, that would be a disaster}} msg{{“a disaster”}} source{{seeds/000}} -->
//
// expect VERDICT {{the exact quoted words}} then any of:
//   msg{{…}}     a substring of the message of a finding on the quote
//   source{{…}}  a prefix of the id of the source the verdict rests on
//   also{{…}}    a prefix of the id of another source listed as carrying the quote
//   fix{{…}}     the replacement text of a finding's quick fix; fix{{}} for none offered
//   ignored      the claim is covered by an ignore directive: found, but no finding
//   speaker{{…}} the speaker the sources give the quote: a spelling of that person's name
//   by{{…}}      the speaker the draft gives the quote (a spelling of the name); by{{}} for none
//   flag{{…}}    a code the quote gets besides its verdict's (misattributed-quote,
//                quote-is-narration); a speaker finding not flagged is a failure
//   hover{{…}}   a substring of the hover card (Markdown escapes removed)
//   known{{…}}   a known engine failure on this claim, and why: reported as a todo, not a
//                failure, and a failure once the engine gets the claim right (remove the mark)
// VERDICT for quotes: verified | variant | misquote | unsourced.
// For figures and dates (test/fixtures/facts): verified | rounded | mismatch | disputed |
// unsourced (reported) | quiet (unsourced, not reported: the noise rules); `also` then
// names a source among the agreeing or the conflicting ones.

export interface Expectation {
  verdict: string;
  text: string;
  msg: string[];
  source?: string;
  also: string[];
  fix?: string;
  hover: string[];
  ignored: boolean;
  speaker?: string;
  by?: string;
  flags: string[];
  /** A known engine failure on this claim, and why. */
  known?: string;
  line: number;
}

/** A hover card as a reader sees it: Markdown escapes and entities removed (hover{{…}} compares with this). */
export const unescapeMarkdown = (md: string) => md.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function parseExpectations(draft: string): Expectation[] {
  const out: Expectation[] = [];
  const re = /<!--\s*expect\s+([\w-]+)\s+\{\{([\s\S]*?)\}\}([\s\S]*?)-->/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(draft))) {
    const e: Expectation = {
      verdict: m[1],
      text: m[2],
      msg: [],
      also: [],
      hover: [],
      ignored: /(^|\s)ignored(\s|$)/.test(m[3].replace(/\w+\{\{[\s\S]*?\}\}/g, ' ')),
      flags: [],
      line: draft.slice(0, m.index).split('\n').length,
    };
    const attr = /(\w+)\{\{([\s\S]*?)\}\}/g;
    let a: RegExpExecArray | null;
    while ((a = attr.exec(m[3]))) {
      if (a[1] === 'msg') e.msg.push(a[2]);
      else if (a[1] === 'source') e.source = a[2];
      else if (a[1] === 'also') e.also.push(a[2]);
      else if (a[1] === 'fix') e.fix = a[2];
      else if (a[1] === 'hover') e.hover.push(a[2]);
      else if (a[1] === 'speaker') e.speaker = a[2];
      else if (a[1] === 'by') e.by = a[2];
      else if (a[1] === 'flag') e.flags.push(a[2]);
      else if (a[1] === 'known') e.known = a[2];
      else throw new Error(`line ${e.line}: unknown expectation attribute ${a[1]}`);
    }
    out.push(e);
  }
  return out;
}
