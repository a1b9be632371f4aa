/**
 * `npm run bench:paint`: how long the built app takes to paint its map in headless Chromium.
 * Loads dist/ (run `npm run build` first) N times in fresh browser contexts and prints the time
 * from navigation to the map's first idle (style loaded, every source tiled, frame drawn).
 * A figure to report, not a test: timings depend on the machine's load.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../test/browser/harness-args';

const runs = Number(process.argv[2] ?? 7);
if (!existsSync('dist/index.html')) {
  process.stderr.write('dist/index.html is missing: run `npm run build` first\n');
  process.exit(2);
}
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const idle: number[] = [];
const fcp: number[] = [];
for (let i = 0; i < runs; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.mapIdleMs, undefined, { timeout: 30_000 });
  const r = await page.evaluate(() => ({
    idle: Number(document.documentElement.dataset.mapIdleMs),
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  }));
  idle.push(r.idle);
  fcp.push(Math.round(r.fcp));
  await ctx.close();
}
await browser.close();
await server.close();
const sorted = [...idle].sort((a, b) => a - b);
const out = { runs, mapFirstIdleMs: { median: sorted[Math.floor(runs / 2)], max: sorted[runs - 1], all: idle }, firstContentfulPaintMs: fcp, targetMs: 2000 };
process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(out) : `map first idle: median ${out.mapFirstIdleMs.median} ms, max ${out.mapFirstIdleMs.max} ms over ${runs} loads (target ≤ 2000 ms)`}\n`);
