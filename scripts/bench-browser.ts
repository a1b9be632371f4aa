/**
 * `npm run bench:browser [-- --runs N] [--json] [--dist DIR]`: the browser figures of issue 12 from the built app
 * (run `npm run build` first) in headless Chromium, as a person would get them: open the app, pick
 * Riot Rockdale, Grid queue tab, 10,000 trials, click Run. Printed per run and as medians:
 *   - runMs: click → "Done" on screen (the pool uses navigator.hardwareConcurrency workers: 2 here)
 *   - previewMs: click → the preview (the panel's first numbers, from PREVIEW_TRIALS trials) on screen
 *   - longestTaskMs: the longest main-thread task (PerformanceObserver "longtask", > 50 ms) from the
 *     click until the charts of the final result have been drawn
 * Then once, in a fresh page: "Run all sites" at its default trial count (RUN_ALL_TRIALS per site, the
 * sites in the list) click → every site done, and the Buy vs build, Leasing and Economics tabs for the
 * same site at their default trials, each click → Done with its charts drawn, with the longest
 * main-thread task of each (`--no-extras` skips them). The load average is printed beside each figure.
 * A figure to report, not a test: timings depend on the machine's load.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../test/browser/harness-args';

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 3;
// Another build to measure (e.g. `npx vite build --outDir /tmp/dist-before` of an older commit), so builds can be alternated at the same load.
const distAt = argv.indexOf('--dist');
const dist = distAt >= 0 ? argv[distAt + 1] : 'dist';
const extras = !argv.includes('--no-extras');
const TRIALS = 10_000;
const SITE = 'riot-rockdale';
if (!existsSync(`${dist}/index.html`)) {
  process.stderr.write(`${dist}/index.html is missing: run \`npm run build\` first\n`);
  process.exit(2);
}

interface Timeline {
  runMs: number;
  previewMs: number | null;
  longestTaskMs: number;
  longTasks: number;
  workers: number;
}

/**
 * In the page: click `button` inside `root`, and time it until done (`status`: the root's status
 * says Done; `run-all`: the run-all progress bar is gone) and the root's charts have stopped
 * changing, with the long tasks seen meanwhile. Self-contained: it is serialised into the page.
 */
async function measureClick(a: { root: string; button: string; done: 'status' | 'run-all' }) {
  const root = document.querySelector(a.root) as HTMLElement;
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === a.button) as HTMLButtonElement;
  const tasks: number[] = [];
  const t0 = performance.now();
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.startTime >= t0) tasks.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  // No named inner functions: tsx's keepNames would wrap them in a helper the page does not have.
  button.click();
  let doneAt = 0;
  let sites = NaN;
  while (!doneAt) {
    await new Promise((r) => setTimeout(r, 20));
    const progress = /(\d+) \/ (\d+) sites/.exec(document.body.textContent ?? '');
    if (progress) sites = Number(progress[2]);
    const done =
      a.done === 'status'
        ? !!root.querySelector('.status')?.textContent?.includes('Done')
        : !document.querySelector('progress[aria-label="Run all sites progress"]') && !button.disabled;
    if (done) doneAt = performance.now();
  }
  // The charts draw one per task after the numbers: wait until their count holds for 300 ms.
  let charts = -1;
  for (let stable = 0; stable < 3; ) {
    await new Promise((r) => setTimeout(r, 100));
    const n = root.querySelectorAll('figure.chart').length;
    stable = n === charts ? stable + 1 : 0;
    charts = n;
  }
  observer.disconnect();
  return {
    runMs: Math.round(doneAt - t0),
    longestTaskMs: Math.round(Math.max(0, ...tasks)),
    longTasks: tasks.length,
    charts,
    sites,
  };
}
const extraFigures: Record<string, unknown> = {};

const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, build: { outDir: dist }, logLevel: 'silent' });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const results: Timeline[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.mapIdleMs, undefined, { timeout: 60_000 });
    await page.selectOption('select[name=site-select]', SITE);
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    await page.fill('input[name=trials]', String(TRIALS));
    // The app warms its workers shortly after the map's first idle; a person takes longer than this to click.
    await page.waitForTimeout(2500);
    const t = await page.evaluate(async () => {
      const panel = document.querySelector('.queue-panel') as HTMLElement;
      const button = [...panel.querySelectorAll('button')].find((b) => b.textContent?.includes('Run queue simulation')) as HTMLButtonElement;
      const tasks: number[] = [];
      let previewAt: number | null = null;
      let doneAt: number | null = null;
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.startTime >= t0) tasks.push(e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const done = new Promise<void>((resolve) => {
        new MutationObserver((_m, mo) => {
          const now = performance.now();
          if (previewAt === null && panel.querySelector('.results[data-preview="true"]')) previewAt = now;
          if (doneAt === null && panel.querySelector('.status')?.textContent?.includes('Done')) {
            doneAt = now;
            mo.disconnect();
            resolve();
          }
        }).observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const t0 = performance.now();
      button.click();
      await done;
      // Let the final charts draw, then let the observer deliver the last entries.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await new Promise((r) => setTimeout(r, 300));
      observer.disconnect();
      return {
        runMs: Math.round((doneAt as unknown as number) - t0),
        previewMs: previewAt === null ? null : Math.round((previewAt as number) - t0),
        longestTaskMs: Math.round(Math.max(0, ...tasks)),
        longTasks: tasks.length,
        workers: navigator.hardwareConcurrency,
      };
    });
    results.push(t);
    if (!json) process.stderr.write(`run ${i + 1}: done ${t.runMs} ms, preview ${t.previewMs ?? '–'} ms, longest main-thread task ${t.longestTaskMs} ms (${t.longTasks} over 50 ms), ${t.workers} workers\n`);
    await ctx.close();
  }
  if (extras) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.mapIdleMs, undefined, { timeout: 60_000 });
    await page.selectOption('select[name=site-select]', SITE);
    await page.waitForTimeout(2500);
    const load = () => loadavg()[0].toFixed(2);
    const all = await page.evaluate(measureClick, { root: 'body', button: 'Run all sites', done: 'run-all' } as const);
    extraFigures.runAllSites = { ...all, loadAverage1m: +load() };
    if (!json) process.stderr.write(`run all sites: ${all.sites} sites done in ${all.runMs} ms, longest main-thread task ${all.longestTaskMs} ms (load ${load()})\n`);
    for (const [tab, root, button] of [
      ['Buy vs build', '.bvb-panel', 'Run buy vs build'],
      ['Leasing', '.leasing-panel', 'Run leasing simulation'],
      ['Economics', '.econ-panel', 'Run economics'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForSelector(root);
      const t = await page.evaluate(measureClick, { root, button, done: 'status' } as const);
      extraFigures[tab] = { ...t, loadAverage1m: +load() };
      if (!json) process.stderr.write(`${tab}: done with ${t.charts} charts in ${t.runMs} ms, longest main-thread task ${t.longestTaskMs} ms (${t.longTasks} over 50 ms; load ${load()})\n`);
    }
    await ctx.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const out = {
  site: SITE,
  trials: TRIALS,
  workers: results[0]?.workers,
  runs,
  runMs: { median: median(results.map((r) => r.runMs)), all: results.map((r) => r.runMs) },
  previewMs: { median: median(results.map((r) => r.previewMs ?? NaN)), all: results.map((r) => r.previewMs) },
  longestTaskMs: { max: Math.max(...results.map((r) => r.longestTaskMs)), all: results.map((r) => r.longestTaskMs) },
  targets: { runMs: 1500, previewMs: 200, longestTaskMs: 50 },
  /** once, after the runs above: "Run all sites" and the other tabs' runs (each with the 1-minute load average when it ended) */
  extras: extraFigures,
  /** 1/5/15-minute load average at the end: on a shared machine the timings only compare at similar load */
  loadAverage: loadavg().map((x) => +x.toFixed(2)),
};
process.stdout.write(
  json
    ? `${JSON.stringify(out)}\n`
    : `${TRIALS.toLocaleString('en-US')} trials, ${SITE}, ${out.workers} workers: done in median ${out.runMs.median} ms (target ≤ 1500), preview median ${out.previewMs.median} ms (target ≤ 200), longest main-thread task ${out.longestTaskMs.max} ms (target ≤ 50) over ${runs} runs (load average ${out.loadAverage.join(' ')})\n`,
);
