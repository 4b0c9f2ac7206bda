// Reads a code-server run's logs (the extension host's, and the Source Check Output channel,
// whose lines carry wall-clock times) into the start-up steps between a draft being shown and
// its first diagnostics: which part is code-server's own start and which is Source Check's.
// Reported, never asserted.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Step {
  what: string;
  at: number;
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** VS Code's log stamp ("2026-12-05 17:38:32.333", local time) → epoch ms. */
function vscodeStamp(line: string): number | undefined {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
  return m ? new Date(`${m[1]}T${m[2]}`).getTime() : undefined;
}

/** Source Check's own "at HH:MM:SS.mmm" (UTC) → epoch ms, on the day of `near`. */
function ourClock(hms: string, near: number): number {
  const day = new Date(near).toISOString().slice(0, 10);
  return new Date(`${day}T${hms}Z`).getTime();
}

/**
 * The steps found in `logsDir` (VS Code's logs folder, as saveLogs copies it) for the draft
 * named `draft`, in time order. Missing steps are left out.
 */
export function startupSteps(logsDir: string, draft: string, near: number): Step[] {
  const files = walk(logsDir);
  const steps: Step[] = [];
  const host = files.find((f) => f.endsWith('remoteexthost.log') || f.endsWith('exthost.log'));
  if (host) {
    for (const line of fs.readFileSync(host, 'utf8').split('\n')) {
      const at = vscodeStamp(line);
      if (at === undefined) continue;
      if (/Extension host with pid \d+ started/.test(line) && !steps.some((s) => s.what === 'extension host started')) steps.push({ what: 'extension host started', at });
      const act = /_doActivateExtension source-check\.source-check, startup: \w+, activationEvent: '([^']+)'/.exec(line);
      if (act && !steps.some((s) => s.what.startsWith('activation event'))) steps.push({ what: `activation event (${act[1]})`, at });
    }
  }
  const ours = files.find((f) => path.basename(f) === 'Source Check.log');
  if (ours) {
    const text = fs.readFileSync(ours, 'utf8');
    const find = (what: string, re: RegExp) => {
      const m = re.exec(text);
      if (m) steps.push({ what, at: ourClock(m[1], near) });
    };
    find('server process started', /language server process started with it at (\d\d:\d\d:\d\d\.\d{3})/);
    find('activate() called', /Source Check: activated at (\d\d:\d\d:\d\d\.\d{3})/);
    find('server initialized', /server initialized at (\d\d:\d\d:\d\d\.\d{3})/);
    find('sources indexed', /sources? (?:indexed in .* at|restored from the index cache at) (\d\d:\d\d:\d\d\.\d{3})/);
    find('server warmed up', /warmed up at (\d\d:\d\d:\d\d\.\d{3})/);
    find(`${draft} diagnostics sent`, new RegExp(`${draft.replace(/[.]/g, '\\.')}: first diagnostics at (\\d\\d:\\d\\d:\\d\\d\\.\\d{3})`));
  }
  return steps.sort((a, b) => a.at - b.at);
}

/** "draft shown → … +0.6 s extension host started, +1.1 s activation event …" from a start time. */
export function describeSteps(from: number, steps: Step[]): string {
  let last = from;
  return steps
    .map((s) => {
      const d = s.at - last;
      last = Math.max(last, s.at);
      return `${d >= 0 ? '+' : ''}${(d / 1000).toFixed(2)} s ${s.what}`;
    })
    .join(', ');
}
