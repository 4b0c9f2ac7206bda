// The one way Source Check writes a date for a reader: hovers, messages, the claims report,
// the CLI's text output, the Sources view. "26 Sept 2022", as newsrooms write it: day, month
// (abbreviated beside a day: Jan, Feb, Aug, Sept, Oct, Nov, Dec), year. A month without a day
// is written out ("September 2022"), a weekday alone is its name. ISO (2022-09-26) stays in
// machine outputs only (CLI --format json, the protocol's date fields, footnote labels).
// No dependencies: the VS Code client uses it too.

const MONTHS_SHORT = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A date as far as it is known (month 1–12, weekday 0 = Sunday). */
export interface DateParts {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "26 Sept 2022" (an ISO date string, or a date's parts), "26 Sept" (no year), "September
 * 2022", "Monday", "2022"; a string that is not an ISO date is returned as it is.
 */
export function reporterDate(v: DateParts | string): string {
  if (typeof v === 'string') {
    const m = ISO.exec(v);
    if (!m || +m[2] < 1 || +m[2] > 12 || +m[3] < 1 || +m[3] > 31) return v;
    return reporterDate({ year: +m[1], month: +m[2], day: +m[3] });
  }
  const month = v.month !== undefined && v.month >= 1 && v.month <= 12 ? v.month : undefined;
  const parts: string[] = [];
  // A weekday is named when it is all the day there is ("Monday", "Monday in March").
  if (v.weekday !== undefined && v.day === undefined && WEEKDAYS[v.weekday]) parts.push(WEEKDAYS[v.weekday]);
  if (month !== undefined) parts.push(v.day !== undefined ? `${v.day} ${MONTHS_SHORT[month - 1]}` : MONTHS_LONG[month - 1]);
  else if (v.day !== undefined) parts.push(`the ${v.day}${ordinalSuffix(v.day)}`);
  if (v.year !== undefined) parts.push(String(v.year));
  return parts.join(' ') || 'an unknown date';
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/** Every ISO date (2022-09-26) in a text written for a reader, as reporterDate writes it. */
export function reporterDates(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (iso) => reporterDate(iso));
}

/**
 * Whether a date as reporterDate writes it says more than the words a text gives it ("Sep. 6"
 * → "6 Sept 2022": the year; "Monday" → "9 May 2016"), or only repeats them ("September 23" →
 * "23 Sept"): messages add the value in brackets only in the first case.
 */
export function saysMore(written: string, value: string): boolean {
  const have = written.toLowerCase();
  const numbers = new Set((have.match(/\d+/g) ?? []).map((n) => String(+n)));
  for (const token of value.toLowerCase().match(/[a-z]+|\d+/g) ?? []) {
    if (/^\d+$/.test(token) ? !numbers.has(String(+token)) : !new RegExp(`\\b${token.slice(0, 3)}`).test(have)) return true;
  }
  return false;
}
