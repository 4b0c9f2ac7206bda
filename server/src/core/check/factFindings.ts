// Figure and date claims → findings. A message says what is wrong first, in words a
// reporter reads ("Luhansk, vote in favour: the sources give “98.42%”, the draft
// “99.23%”), and stays short enough for the Problems panel; the full list of sources and
// versions lives in relatedInformation, the hover and the report. Rounded and verified
// facts need no finding (the hover explains them); an unsourced fact is a quiet note.

import { describeSource, truncate } from '../report/describe';
import { CODES, DateClaim, FactMatch, FigureClaim, Finding, valueSaysMore } from './findings';

const q = (s: string) => `“${s}”`;

/** Longest message: the Problems panel shows about this much on one line. */
export const MAX_FACT_MESSAGE = 150;
/** Versions a dispute's message names (the hover and relatedInformation list every source). */
const MAX_VERSIONS = 3;

/** "Luhansk, vote in favour: " or "" when the engine cannot say it in words. */
function lead(claim: FigureClaim | DateClaim): string {
  return claim.subject ? `${truncate(claim.subject[0].toUpperCase() + claim.subject.slice(1), 60)}: ` : '';
}

/** The message, with the source named when it still fits. */
function bounded(message: string, m?: FactMatch): string {
  const named = m ? `${message} (${describeSource(m.location.source)})` : message;
  return named.length <= MAX_FACT_MESSAGE ? named : truncate(message, MAX_FACT_MESSAGE);
}

/** The sources' versions of a disputed fact, most given first: “Sep. 6” (2 sources) · “Monday” (1 source). */
function versionsOf(matches: FactMatch[]): string {
  const byValue = new Map<string, { text: string; n: number }>();
  for (const m of matches) {
    const v = byValue.get(m.value) ?? { text: m.text, n: 0 };
    v.n++;
    byValue.set(m.value, v);
  }
  return [...byValue.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, MAX_VERSIONS)
    .map((v) => `${q(v.text)} (${v.n} ${v.n === 1 ? 'source' : 'sources'})`)
    .join(' · ');
}

export function factFindings(claim: FigureClaim | DateClaim): Finding[] {
  const what = claim.kind === 'figure' ? 'figure' : 'date';
  const base = { start: claim.start, end: claim.end };
  switch (claim.verdict) {
    case 'verified':
    case 'rounded':
      return [];
    case 'mismatch': {
      const m = claim.best!;
      const code = claim.kind === 'figure' ? 'figure-mismatch' : 'date-mismatch';
      // A figure's message gives its words only; a date's adds its value where that says more.
      const value = claim.kind === 'date' && valueSaysMore(m) ? `${q(m.text)} (${m.value})` : q(m.text);
      return [
        {
          ...base,
          code,
          severity: CODES[code],
          message: bounded(`${lead(claim)}the sources give ${value}, the draft ${q(claim.text)}.`, m),
          related: [
            { location: m.location, message: `Source ${what}: ${m.text} — ${describeSource(m.location.source)}` },
            ...claim.conflicting.map((c) => ({ location: c.location, message: `Also ${c.text}: ${describeSource(c.location.source)}` })),
          ],
          // The fix puts in the source's number; its title shows the source's figure as written (98.42%, not 98.42).
          fixes: m.fix ? [{ title: `Use the source's ${what}: ${m.text}`, start: m.fix.start, end: m.fix.end, newText: m.fix.newText }] : [],
        },
      ];
    }
    case 'disputed': {
      const versions = [claim.best!, ...claim.others, ...claim.conflicting];
      return [
        {
          ...base,
          code: 'sources-disagree',
          severity: CODES['sources-disagree'],
          message: truncate(`The sources disagree on ${claim.subject ? truncate(claim.subject, 60) : `this ${what}`}: ${versionsOf(versions)}.`, MAX_FACT_MESSAGE),
          related: versions.map((m) => ({ location: m.location, message: `${m.text}: ${describeSource(m.location.source)}` })),
          fixes: [],
        },
      ];
    }
    case 'unsourced': {
      if (claim.quiet) return [];
      const code = claim.kind === 'figure' ? 'unsourced-figure' : 'unsourced-date';
      // A source giving the same value about what may be something else is shown, never claimed as the source; so is
      // another value from a source the draft draws on nowhere else (drawnOn.ts): worth a look, not a contradiction.
      const u = claim.unsure;
      const m = claim.best;
      const shown = u
        ? { match: u, message: `Not verified: a source the draft cites nowhere else gives ${q(u.text)}, perhaps for something else.`, what: u.text }
        : m
          ? { match: m, message: `Not verified: a source gives this ${what}, perhaps for something else.`, what: `The same ${what}` }
          : undefined;
      return [
        {
          ...base,
          code,
          severity: CODES[code],
          message: shown ? bounded(shown.message, shown.match) : `No source gives this ${what} for what the sentence is about.`,
          related: shown ? [{ location: shown.match.location, message: `${shown.what}, perhaps another fact: ${describeSource(shown.match.location.source)}` }] : [],
          fixes: [],
        },
      ];
    }
  }
}
