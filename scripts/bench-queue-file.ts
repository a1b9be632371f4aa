/**
 * `npm run bench:queue-file -- [--rows N] [--runs R] [--baseline] [--tasks]` (run `npm run build` first): loads a
 * synthetic gridstatus queue file of N rows (default 100,000) into the built app in headless Chromium,
 * as a person would (Riot Rockdale, Grid queue tab, pick the file), and prints per run:
 *   - readMs / fitMs: the worker's own time reading and validating the rows, then fitting them
 *   - wallMs: file picked → its summary on screen (includes handing the bytes to the worker)
 *   - longestTaskMs: the longest main-thread task (PerformanceObserver "longtask", > 50 ms; 0 = none)
 * A figure to report, not a test: timings depend on the machine's load (printed with it).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import Papa from 'papaparse';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { defaultSyntheticSpec, GRIDSTATUS_HEADER, gridstatusRow, syntheticRecords } from '../src/sim/queue-file/synthetic';
import { CHROMIUM_ARGS } from '../test/browser/harness-args';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const rows = flag('--rows', 100_000);
const runs = flag('--runs', 3);
if (!existsSync('dist/index.html')) {
  process.stderr.write('dist/index.html is missing: run `npm run build` first\n');
  process.exit(2);
}
const csv = Buffer.from(Papa.unparse([GRIDSTATUS_HEADER, ...syntheticRecords(defaultSyntheticSpec(rows)).map(gridstatusRow)], { newline: '\n' }));
// Picked by path, as a person picks a file: a buffer would be copied into the page by the test driver itself.
const file = join(mkdtempSync(join(tmpdir(), 'queue-bench-')), 'bench.csv');
writeFileSync(file, csv);
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
console.log(`queue file of ${rows.toLocaleString('en-US')} rows (${(csv.length / 1048576).toFixed(1)} MB), load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
try {
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.selectOption('select[name=site-select]', 'riot-rockdale');
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    // Start once the page has settled (the map's own first paint is not this file's doing).
    await page.waitForFunction(() => (globalThis as unknown as { __sitingMap?: { loaded(): boolean } }).__sitingMap?.loaded() === true, undefined, { timeout: 120_000 });
    await page.waitForTimeout(2000);
    await page.evaluate(() => {
      const g = globalThis as unknown as { __longest: number; __tasks: string[] };
      g.__longest = 0;
      g.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          g.__longest = Math.max(g.__longest, e.duration);
          g.__tasks.push(`${Math.round(e.startTime)}+${Math.round(e.duration)}`);
        }
      }).observe({ type: 'longtask', buffered: false });
    });
    if (argv.includes('--baseline')) {
      // The same page left alone for 10 s: long tasks that are not the file's.
      await page.waitForTimeout(10_000);
      console.log(`baseline ${i + 1}: longestTaskMs ${Math.round(await page.evaluate(() => (globalThis as unknown as { __longest: number }).__longest))}`, await page.evaluate(() => (globalThis as unknown as { __tasks: string[] }).__tasks));
      await page.close();
      continue;
    }
    const t0 = Date.now();
    await page.setInputFiles('input[name=queue-file]', file);
    // Watched with querySelector only: a locator's visibility check forces a style and layout pass
    // in the page (traced: two forced layouts of ~20 ms each, in a task of its own), which is the
    // test driver's work, not the app's, and would be counted as the app's longest task.
    await page.waitForFunction(() => document.querySelector('.queue-file .loaded') !== null, undefined, { timeout: 300_000, polling: 50 });
    const wallMs = Date.now() - t0;
    const done = page.locator('.queue-file .loaded');
    const [readMs, fitMs] = [Number(await done.getAttribute('data-read-ms')), Number(await done.getAttribute('data-fit-ms'))];
    // Let the table and summaries paint before reading the longest task.
    await page.waitForTimeout(500);
    const longestTaskMs = Math.round(await page.evaluate(() => (globalThis as unknown as { __longest: number }).__longest));
    if (argv.includes('--tasks')) console.log(await page.evaluate(() => [performance.now(), (globalThis as unknown as { __tasks: string[] }).__tasks]));
    console.log(`run ${i + 1}: readMs ${readMs}, fitMs ${fitMs}, wallMs ${wallMs}, longestTaskMs ${longestTaskMs}`);
    await page.close();
  }
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
