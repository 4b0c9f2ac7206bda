// UI-level test through the workbench page of code-server: installs the packaged .vsix when the
// project has an `npm run package` script (else loads the repo with extensionDevelopmentPath),
// opens draft.md from the explorer, hovers a verified quote and the misquote, opens the Problems
// panel, and saves screenshots to test-results/ (and, when the misquote hover works and the copy is
// missing or --update-screenshots is given, to docs/screenshots/ for the README).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { installVsix, makeSandbox, now, openBrowser, saveLogs, secs, startCodeServer, workbenchUrl } from './code-server';
import { prepareWorkspace, repoRoot } from './workspace';
import { describeSteps, startupSteps } from './timeline';

/** A figure the run measured: printed and written to test-results/vscode-timings.json, never asserted. */
export interface Measurement {
  name: string;
  ms: number;
  detail?: string;
}

export interface UiOutcome {
  title: string;
  ok: boolean;
  ms?: number;
  error?: string;
}

const VERIFIED_SOURCE_TITLES = [
  'Kazakhstan Refuses to Recognize Russia’s Referendums in Occupied Ukrainian Territories',
  'Russia ally Kazakhstan refuses to recognise Donetsk Luhansk as independent republics',
];

/** Builds the .vsix with `npm run package` when that script exists; returns its path or undefined. */
function packageVsix(): { vsix?: string; note: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  if (!pkg.scripts?.package) return { note: 'no `npm run package` script: using extensionDevelopmentPath' };
  const before = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run package failed (${r.status}): ${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-5).join(' | ')}`);
  const candidates = fs
    .readdirSync(repoRoot)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => path.join(repoRoot, f))
    .filter((f) => fs.statSync(f).mtimeMs >= before - 1000)
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!candidates[0]) throw new Error('npm run package succeeded but wrote no new .vsix in the repository root');
  return { vsix: candidates[0], note: `installed ${path.basename(candidates[0])}` };
}

/** Centre of the first on-screen occurrence of `text` in the editor (measured with a DOM Range). */
async function textPoint(page: Page, text: string): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate((needle) => {
    const root = document.querySelector('.monaco-editor .view-lines');
    if (!root) return undefined;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const s = (n.textContent ?? '').replace(/\u00a0/g, ' ');
      const i = s.indexOf(needle);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + needle.length);
      const b = r.getBoundingClientRect();
      if (b.width > 0) return { x: b.left + Math.min(b.width / 2, 30), y: b.top + b.height / 2 };
    }
    return undefined;
  }, text);
}

/** Hovers `text` until a .monaco-hover containing one of `expect` shows up; returns the hover text. */
async function hoverUntil(page: Page, text: string, expect: string[], waitMs: number): Promise<{ ok: boolean; hover: string }> {
  const deadline = now() + waitMs;
  let hover = '';
  while (now() < deadline) {
    const p = await textPoint(page, text);
    if (p) {
      await page.mouse.move(p.x - 4, p.y);
      await page.mouse.move(p.x, p.y);
      try {
        await page.waitForFunction(
          (needles) => [...document.querySelectorAll('.monaco-hover')].some((e) => needles.some((n) => (e.textContent ?? '').includes(n))),
          expect,
          { timeout: 1500 },
        );
        hover = await visibleHoverText(page);
        // Let the hover's fade-in finish so screenshots show it opaque.
        await page
          .evaluate(() => {
            const anims = [...document.querySelectorAll('.monaco-hover')].flatMap((e) => e.getAnimations({ subtree: true }));
            const done = Promise.all(anims.map((a) => a.finished.catch(() => undefined)));
            return Promise.race([done, new Promise((r) => setTimeout(r, 1000))]);
          })
          .catch(() => undefined);
        return { ok: true, hover };
      } catch {
        hover = (await visibleHoverText(page)) || hover;
      }
    }
    await page.mouse.move(5, 5); // leave, so the next move re-triggers the hover
    await page.waitForTimeout(100);
  }
  return { ok: false, hover };
}

async function visibleHoverText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.monaco-hover')]
      .filter((e) => (e as HTMLElement).offsetParent !== null || (e as HTMLElement).getClientRects().length > 0)
      .map((e) => (e.textContent ?? '').trim())
      .filter(Boolean)
      .join(' | '),
  );
}

export async function runUi(
  tools: { chromium: string; codeServer: string },
  opts: { keep: boolean; waitMs: number; resultsDir: string; timings: string[]; measurements: Measurement[]; updateScreenshots?: boolean },
): Promise<UiOutcome[]> {
  const out: UiOutcome[] = [];
  const shots = opts.resultsDir;
  fs.mkdirSync(shots, { recursive: true });
  const step = async (title: string, fn: () => Promise<void>): Promise<boolean> => {
    const t0 = now();
    try {
      await fn();
      out.push({ title, ok: true, ms: now() - t0 });
      return true;
    } catch (e) {
      out.push({ title, ok: false, ms: now() - t0, error: String((e as Error)?.message ?? e) });
      return false;
    }
  };

  const sb = makeSandbox('ui');
  const ws = prepareWorkspace(sb.root);
  let how = '';
  if (
    !(await step('the extension is installed (packaged .vsix or development path)', async () => {
      const { vsix, note } = packageVsix();
      how = note;
      if (vsix) installVsix(tools.codeServer, sb, vsix);
    }))
  )
    return out;
  console.log(`# ui: ${how}`);
  const useDevPath = how.startsWith('no ');
  const server = await startCodeServer(tools.codeServer, sb, ws);
  opts.timings.push(`code-server startup (ui) ${secs(server.startupMs)}`);
  const url = workbenchUrl(server.host, ws, useDevPath ? { extensionDevelopmentPath: repoRoot } : {});
  const t0 = now();
  const browser = await openBrowser(tools.chromium, sb, url);
  const { page } = browser;
  let coldShown: number | undefined;
  let coldSquiggle: number | undefined;
  try {
    if (
      !(await step('the workbench loads', async () => {
        await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        opts.timings.push(`workbench (ui) ${secs(now() - t0)}`);
      }))
    )
      return out;

    const opened = await step('draft.md opens from the explorer', async () => {
      const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^draft\.md/ }).first();
      await item.waitFor({ timeout: 30_000 });
      await item.click();
      await page.locator('.monaco-editor .view-line', { hasText: 'Tokayev said' }).first().waitFor({ timeout: 30_000 });
      // Reported, not asserted (no timed assertions): from the draft showing to its first squiggle.
      // A writer opens it as soon as the window shows: the extension host may not have started yet.
      coldShown = now();
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: opts.waitMs }).then(
        () => (coldSquiggle = now()),
        () => opts.timings.push('first diagnostics after opening the draft (ui): none seen'),
      );
    });
    if (!opened) return out;

    let misquoteShot = '';
    await step('hovering the verified quote shows the source title', async () => {
      const r = await hoverUntil(page, 'self-determination', VERIFIED_SOURCE_TITLES, opts.waitMs);
      await page.screenshot({ path: path.join(shots, 'vscode-ui-hover-verified.png') });
      if (!r.ok) throw new Error(`no hover with a seeds/000 or seeds/003 title within ${opts.waitMs} ms; hover text: ${JSON.stringify(r.hover.slice(0, 300))}`);
    });
    await page.mouse.move(5, 5);

    await step('hovering the misquote shows its message once, the verdict as headline and the source sentence on screen', async () => {
      // VS Code renders a diagnostic's source and code in the hover as "source-check(misquote)".
      const r = await hoverUntil(page, 'disaster', ['source-check(misquote)'], opts.waitMs);
      misquoteShot = path.join(shots, 'vscode-ui-hover-misquote.png');
      await page.screenshot({ path: misquoteShot });
      if (!r.ok) throw new Error(`no hover with "source-check(misquote)" within ${opts.waitMs} ms; hover text: ${JSON.stringify(r.hover.slice(0, 300))}`);
      // As a writer reads it: VS Code's line with the message, once; the card's headline is the
      // verdict; the source's sentence with the quoted words is on screen without scrolling the card.
      const seen = await page.evaluate(() => {
        const hover = [...document.querySelectorAll('.monaco-hover')].find((e) => (e.textContent ?? '').includes('source-check(misquote)')) as HTMLElement | undefined;
        if (!hover) return { error: 'no hover' };
        const text = hover.textContent ?? '';
        const heading = [...hover.querySelectorAll('h1, h2, h3, h4')].map((h) => (h.textContent ?? '').trim());
        const box = hover.getBoundingClientRect();
        const walker = document.createTreeWalker(hover, NodeFilter.SHOW_TEXT);
        let sentence: { top: number; bottom: number } | undefined;
        for (let n = walker.nextNode(); n && !sentence; n = walker.nextNode()) {
          const i = (n.textContent ?? '').indexOf('Of course, that would be chaos');
          if (i < 0) continue;
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 'Of course, that would be chaos'.length);
          const b = r.getBoundingClientRect();
          sentence = { top: b.top, bottom: b.bottom };
        }
        return { messages: text.split('where the source has').length - 1, heading, sentence, box: { top: box.top, bottom: box.bottom } };
      });
      if ('error' in seen) throw new Error(String(seen.error));
      if (seen.messages !== 1) throw new Error(`the misquote's message shows ${seen.messages} times in the hover, not once`);
      if (seen.heading[0] !== '⚠ Misquote') throw new Error(`the card's headline is ${JSON.stringify(seen.heading[0])}, not "⚠ Misquote"`);
      if (!seen.sentence || seen.sentence.bottom > seen.box.bottom || seen.sentence.top < seen.box.top) {
        throw new Error(`the source sentence is not on screen in the hover: ${JSON.stringify(seen)}`);
      }
      // The README's copy is tracked in git: write it when missing or when asked to, so that an
      // ordinary test run leaves the working tree clean.
      const docsShot = path.join(repoRoot, 'docs/screenshots/vscode-hover-misquote.png');
      if (opts.updateScreenshots || !fs.existsSync(docsShot)) {
        fs.mkdirSync(path.dirname(docsShot), { recursive: true });
        fs.copyFileSync(misquoteShot, docsShot);
      }
    });
    await page.mouse.move(5, 5);

    await step('the Problems panel lists the misquote and the unsourced quote', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+M'); // View: Problems
      const panel = page.locator('.markers-panel');
      try {
        await panel.first().waitFor({ timeout: 5_000 });
      } catch {
        await page.keyboard.press('F1');
        await page.keyboard.type('View: Focus on Problems View');
        await page.keyboard.press('Enter');
        await panel.first().waitFor({ timeout: 10_000 });
      }
      // Each row shows message, source and code ("source-check" and "misquote" on separate lines in innerText).
      try {
        await page.waitForFunction(
          () => {
            const t = (document.querySelector('.markers-panel') as HTMLElement | null)?.innerText ?? '';
            return /source-check\W*misquote/.test(t) && /source-check\W*unsourced-quote/.test(t);
          },
          undefined,
          { timeout: opts.waitMs },
        );
      } finally {
        await page.screenshot({ path: path.join(shots, 'vscode-ui-problems.png') });
      }
    }).then(async (ok) => {
      if (!ok) {
        const t = await page.evaluate(() => (document.querySelector('.markers-panel') as HTMLElement | null)?.innerText ?? '(no Problems panel)');
        out[out.length - 1].error += `; Problems panel text: ${JSON.stringify(t.slice(0, 300))}`;
      }
    });

    // The claims report as a writer uses it: opened beside the draft, still there after
    // clicking back into the draft, and a click on a source link opens the source with the
    // quoted words selected.
    const docsCopy = (shot: string, name: string) => {
      const docsShot = path.join(repoRoot, 'docs/screenshots', name);
      if (opts.updateScreenshots || !fs.existsSync(docsShot)) {
        fs.mkdirSync(path.dirname(docsShot), { recursive: true });
        fs.copyFileSync(shot, docsShot);
      }
    };
    const report = () => page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    const reportOpen = await step('Show Claims Report opens a report beside the draft with links', async () => {
      await page.keyboard.press('Escape');
      await page.locator('.monaco-editor .view-line', { hasText: 'Tokayev said' }).first().click();
      await page.keyboard.press('F1');
      await page.keyboard.type('Source Check: Show Claims Report');
      await page.keyboard.press('Enter');
      await report().locator('a.open').first().waitFor({ timeout: opts.waitMs });
      const shot = path.join(shots, 'vscode-ui-claims-report.png');
      await page.screenshot({ path: shot });
      docsCopy(shot, 'vscode-claims-report.png');
    });
    if (reportOpen) {
      await step('the report stays open after clicking back into the draft', async () => {
        await page.locator('.monaco-editor .view-line', { hasText: 'Of course' }).first().click();
        await page.waitForTimeout(500);
        const tab = page.locator('.tabs-container .tab', { hasText: 'Claims in draft.md' });
        if ((await tab.count()) === 0) throw new Error('no "Claims in draft.md" tab after clicking into the draft');
        await report().locator('a.open').first().waitFor({ timeout: 5_000 });
      });
      await step('clicking a source link in the report opens the source with the quoted words selected', async () => {
        await report().locator('a.open', { hasText: 'seeds/000' }).first().click();
        await page.locator('.tabs-container .tab.active', { hasText: '000_03b0a985a00a2f0a' }).first().waitFor({ timeout: opts.waitMs });
        await page.waitForFunction(() => /\(\d+ selected\)/.test((document.querySelector('.statusbar') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 10_000 });
        await page.screenshot({ path: path.join(shots, 'vscode-ui-report-link.png') });
      });
    }

    await step('the Sources view shows title, then outlet and date, at the default sidebar width', async () => {
      await page.locator('.activitybar .action-item a[aria-label^="Source Check"]').first().click();
      const row = page.locator('.monaco-list-row', { hasText: 'Kazinform · 26 Sept 2022' }).first();
      await row.waitFor({ timeout: opts.waitMs });
      // Visible, not clipped: the outlet and date line fits inside the sidebar.
      const clipped = await row.evaluate((el) => {
        const label = el.querySelector('.label-name') as HTMLElement | null;
        const side = el.closest('.part.sidebar') as HTMLElement | null;
        if (!label || !side) return 'no label or sidebar';
        const r = label.getBoundingClientRect();
        const right = side.getBoundingClientRect().right;
        return r.width > 0 && r.right <= right + 1 && label.scrollWidth <= label.clientWidth + 1 ? '' : `outlet and date clipped (${Math.round(r.right)} > ${Math.round(right)})`;
      });
      const shot = path.join(shots, 'vscode-ui-sources-view.png');
      await page.screenshot({ path: shot });
      if (clipped) throw new Error(clipped);
      docsCopy(shot, 'vscode-sources-view.png');
    });

    // The same as the first draft, with Source Check running and its sources indexed: what a
    // writer who keeps the window open all day waits for on opening the next draft.
    await step('a second draft opened later shows its diagnostics', async () => {
      await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
      const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'second-draft.md' }).first();
      await item.waitFor({ timeout: 30_000 });
      await item.click();
      // Its own editor's squiggle: the first draft may still show in another editor group.
      const editor = page.locator('.monaco-editor', { has: page.locator('.view-line', { hasText: 'The spokesman said' }) }).first();
      await editor.waitFor({ timeout: 30_000 });
      const shown = now();
      await editor.locator('.squiggly-warning').first().waitFor({ timeout: opts.waitMs });
      opts.measurements.push({ name: 'ui: second draft shown → first squiggle (extension running, sources indexed)', ms: now() - shown });
    });
  } finally {
    await browser.close();
    await server.stop();
    saveLogs(sb, path.join(shots, 'vscode-ui-logs'), browser.consoleLines);
    if (coldShown !== undefined && coldSquiggle !== undefined) {
      const steps = startupSteps(path.join(shots, 'vscode-ui-logs', 'vscode-logs'), 'draft.md', coldShown);
      const host = steps.find((x) => x.what === 'extension host started');
      opts.measurements.push({
        name: 'ui: draft shown → first squiggle (cold window: opened as soon as the explorer shows)',
        ms: coldSquiggle - coldShown,
        detail: `${describeSteps(coldShown, [...steps, { what: 'squiggle drawn', at: coldSquiggle }])}`,
      });
      if (host && host.at > coldShown) {
        opts.measurements.push({ name: 'ui: of which code-server starting its extension host after the draft showed', ms: host.at - coldShown });
        opts.measurements.push({ name: 'ui: extension host started → first squiggle', ms: coldSquiggle - host.at });
      }
    }
    if (!opts.keep) fs.rmSync(sb.root, { recursive: true, force: true });
    else console.log(`# kept ${sb.root}`);
  }
  return out;
}
