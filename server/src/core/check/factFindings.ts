// Figure and date claims → findings: a mismatch names the sources' value and what it is
// about and offers it as a fix; a dispute lists each source's version; an unsourced fact
// is a quiet note. Rounded and verified facts need no finding (the hover explains them).

import { describeSource } from '../report/describe';
import { CODES, DateClaim, FactMatch, FigureClaim, Finding } from './findings';

const q = (s: string) => `“${s}”`;

function versionOf(m: FactMatch): string {
  return `${describeSource(m.location.source)} gives ${q(m.text)}${m.value !== m.text ? ` (${m.value})` : ''}${m.about ? ` for ${m.about}` : ''}`;
}

export function factFindings(claim: FigureClaim | DateClaim): Finding[] {
  const what = claim.kind === 'figure' ? 'figure' : 'date';
  const base = { start: claim.start, end: claim.end };
  const note = claim.note ? ` Note: ${claim.note}.` : '';
  switch (claim.verdict) {
    case 'verified':
    case 'rounded':
      return [];
    case 'mismatch': {
      const m = claim.best!;
      const code = claim.kind === 'figure' ? 'figure-mismatch' : 'date-mismatch';
      const also = claim.conflicting.length > 0 ? ` Also: ${claim.conflicting.map(versionOf).join('; ')}.` : '';
      return [
        {
          ...base,
          code,
          severity: CODES[code],
          message: `The sources give a different ${what}: ${versionOf(m)}, not ${q(claim.text)}.${also}${note}`,
          related: [{ location: m.location, message: `Source ${what}: ${describeSource(m.location.source)}` }, ...claim.conflicting.map((c) => ({ location: c.location, message: `Also: ${describeSource(c.location.source)}` }))],
          fixes: m.fix ? [{ title: `Use the source's ${what}: ${m.fix.newText}`, start: m.fix.start, end: m.fix.end, newText: m.fix.newText }] : [],
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
          message: `The sources disagree on this ${what}: ${versions.map(versionOf).join('; ')}.${note}`,
          related: versions.map((m) => ({ location: m.location, message: `${m.text}: ${describeSource(m.location.source)}` })),
          fixes: [],
        },
      ];
    }
    case 'unsourced': {
      if (claim.quiet) return [];
      const code = claim.kind === 'figure' ? 'unsourced-figure' : 'unsourced-date';
      return [{ ...base, code, severity: CODES[code], message: `No source gives this ${what} for what the sentence is about.${note}`, related: [], fixes: [] }];
    }
  }
}
