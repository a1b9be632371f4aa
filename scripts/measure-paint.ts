/**
 * `npm run bench:paint [-- N] [--json]`: how long the built app takes to paint its map in headless
 * Chromium, as a ratio to maplibre-gl alone. Run `npm run build` first.
 *
 * On this machine WebGL runs in software (SwiftShader): shader compiling and context set-up dominate
 * a first paint, so an absolute figure says more about the machine than about the app. Each round
 * loads, in fresh browser contexts and alternately (so both see the same load): the built app, and a
 * bare page with only maplibre-gl (its own dist files) showing the app's first style (the same
 * basemap, sites and their layers, read from the app's map at its first `load`), at the app's camera
 * and map size. Printed: both medians of navigation → first map idle, their ratio (target ≤ 1.25),
 * and how long after the app's first idle its site layers first had features on screen (target
 * ≤ 150 ms; negative = before). Also printed: the main-thread tasks over 50 ms from navigation to
 * one second after the first idle, on both pages, so a long task at start can be told apart from
 * maplibre's own set-up under SwiftShader (which the bare page has too). The load average is
 * printed beside each figure.
 * A figure to report, not a test: timings depend on the machine's load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../test/browser/harness-args';

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const runs = Number(argv.find((a) => /^\d+$/.test(a)) ?? 7);
if (!existsSync('dist/index.html')) {
  process.stderr.write('dist/index.html is missing: run `npm run build` first\n');
  process.exit(2);
}
const MAPLIBRE_DIST = dirname(createRequire(import.meta.url).resolve('maplibre-gl/dist/maplibre-gl.mjs'));
const VIEWPORT = { width: 1280, height: 800 };

/** What the app's map looked like at its first `load`: the bare page shows the same. */
interface Probe {
  style: unknown;
  center: [number, number];
  zoom: number;
  width: number;
  height: number;
}

/**
 * Before any app script: wait for the map handle (MapView sets globalThis.__sitingMap right after
 * creating the map), keep its style and camera at `load`, and note the first frame in which the site
 * layer has features on screen. Plain script text, so no build tool rewrites it.
 */
const PROBE = `(() => {
  const look = () => {
    const m = globalThis.__sitingMap;
    if (!m) return requestAnimationFrame(look);
    m.once('load', () => {
      const c = m.getContainer();
      globalThis.__paintProbe = { style: m.getStyle(), center: m.getCenter().toArray(), zoom: m.getZoom(), width: c.clientWidth, height: c.clientHeight };
    });
    const onRender = () => {
      if (m.getLayer('sites-circle') && m.queryRenderedFeatures({ layers: ['sites-circle'] }).length > 0) {
        document.documentElement.dataset.sitesShownMs = String(Math.round(performance.now()));
        m.off('render', onRender);
      }
    };
    m.on('render', onRender);
  };
  look();
})();`;

/** Both pages: every main-thread task over 50 ms, from the first script on (Long Tasks API). */
const LONG_TASKS = `(() => {
  globalThis.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__longTasks.push(Math.round(e.duration)); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/** Long tasks on one page: how many, the longest and their sum (ms). */
interface LongTasks {
  count: number;
  longest: number;
  total: number;
}

function barePage(p: Probe): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>maplibre-gl alone</title>
<link rel="stylesheet" href="./bare/maplibre-gl.css"><style>html,body{margin:0}#map{width:${p.width}px;height:${p.height}px}</style></head>
<body><div id="map"></div><script type="module">
import * as maplibregl from './bare/maplibre-gl.mjs';
maplibregl.setWorkerUrl(new URL('./bare/maplibre-gl-worker.mjs', location.href).href);
const probe = await (await fetch('./bare/probe.json')).json();
const m = new maplibregl.Map({ container: 'map', style: probe.style, center: probe.center, zoom: probe.zoom, attributionControl: false, maplibreLogo: false, canvasContextAttributes: { preserveDrawingBuffer: true } });
m.once('idle', () => { document.documentElement.dataset.mapIdleMs = String(Math.round(performance.now())); });
</script></body></html>`;
}

async function load(browser: Browser, url: string, probe: Probe | null): Promise<{ idle: number; sites: number | null; probe: Probe | null; long: LongTasks }> {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await ctx.newPage();
    await page.addInitScript(LONG_TASKS);
    const longTasks = async (): Promise<LongTasks> => {
      await page.waitForTimeout(1000);
      const ms = await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks);
      return { count: ms.length, longest: Math.max(0, ...ms), total: ms.reduce((a, b) => a + b, 0) };
    };
    if (probe) {
      // The bare page and maplibre's own files, from disk; the app's fonts from the preview server.
      const files: Record<string, { body: string | Buffer; type: string }> = {
        'bare.html': { body: barePage(probe), type: 'text/html' },
        'bare/probe.json': { body: JSON.stringify(probe), type: 'application/json' },
        'bare/maplibre-gl.css': { body: readFileSync(join(MAPLIBRE_DIST, 'maplibre-gl.css')), type: 'text/css' },
        'bare/maplibre-gl.mjs': { body: readFileSync(join(MAPLIBRE_DIST, 'maplibre-gl.mjs')), type: 'text/javascript' },
        'bare/maplibre-gl-worker.mjs': { body: readFileSync(join(MAPLIBRE_DIST, 'maplibre-gl-worker.mjs')), type: 'text/javascript' },
      };
      await page.route(/\/(bare\.html|bare\/[^/?]+)$/, (route) => {
        const path = new URL(route.request().url()).pathname.replace(/^\//, '');
        const f = Object.hasOwn(files, path) ? files[path] : undefined;
        return f ? route.fulfill({ body: f.body, contentType: f.type }) : route.fulfill({ status: 404 });
      });
      await page.goto(`${url}bare.html`);
    } else {
      await page.addInitScript(PROBE);
      await page.goto(url);
    }
    await page.waitForFunction(() => document.documentElement.dataset.mapIdleMs, undefined, { timeout: 60_000 });
    if (probe) return { idle: Number(await page.evaluate(() => document.documentElement.dataset.mapIdleMs)), sites: null, probe: null, long: await longTasks() };
    await page.waitForFunction(() => document.documentElement.dataset.sitesShownMs, undefined, { timeout: 30_000 });
    const r = await page.evaluate(() => ({
      idle: Number(document.documentElement.dataset.mapIdleMs),
      sites: Number(document.documentElement.dataset.sitesShownMs),
      probe: (globalThis as unknown as { __paintProbe?: Probe }).__paintProbe ?? null,
    }));
    return { ...r, long: await longTasks() };
  } finally {
    await ctx.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load1 = () => +loadavg()[0].toFixed(2);

const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const app: number[] = [];
const bare: number[] = [];
const sitesAfterIdle: number[] = [];
const loads: number[] = [];
const appLong: LongTasks[] = [];
const bareLong: LongTasks[] = [];
try {
  let probe: Probe | null = null;
  for (let i = 0; i < runs; i++) {
    const a = await load(browser, url, null);
    probe ??= a.probe;
    if (!probe) throw new Error('the app did not expose its map (globalThis.__sitingMap) before its first load');
    const b = await load(browser, url, probe);
    app.push(a.idle);
    bare.push(b.idle);
    sitesAfterIdle.push((a.sites ?? NaN) - a.idle);
    appLong.push(a.long);
    bareLong.push(b.long);
    loads.push(load1());
    if (!json) {
      const lt = (l: LongTasks) => `${l.count} long tasks (longest ${l.longest} ms, total ${l.total} ms)`;
      process.stderr.write(`round ${i + 1}: app ${a.idle} ms, bare maplibre ${b.idle} ms, sites ${sitesAfterIdle[i]} ms after the app's first idle; app ${lt(a.long)}, bare ${lt(b.long)} (load ${loads[i]})\n`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const out = {
  runs,
  appFirstIdleMs: { median: median(app), all: app },
  bareFirstIdleMs: { median: median(bare), all: bare },
  ratio: +(median(app) / median(bare)).toFixed(3),
  sitesAfterFirstIdleMs: { median: median(sitesAfterIdle), max: Math.max(...sitesAfterIdle), all: sitesAfterIdle },
  /** main-thread tasks over 50 ms from navigation to 1 s after the first idle, per round */
  longTasks: {
    app: { medianLongestMs: median(appLong.map((l) => l.longest)), medianTotalMs: median(appLong.map((l) => l.total)), all: appLong },
    bare: { medianLongestMs: median(bareLong.map((l) => l.longest)), medianTotalMs: median(bareLong.map((l) => l.total)), all: bareLong },
  },
  targets: { ratio: 1.25, sitesAfterFirstIdleMs: 150 },
  /** 1-minute load average after each round; on a shared machine figures only compare at similar load */
  loadAverage1m: loads,
};
process.stdout.write(
  json
    ? `${JSON.stringify(out)}\n`
    : `map first idle over ${runs} alternate rounds: app median ${out.appFirstIdleMs.median} ms, maplibre-gl alone median ${out.bareFirstIdleMs.median} ms, ratio ${out.ratio} (target ≤ 1.25); site layers on screen ${out.sitesAfterFirstIdleMs.median} ms after the app's first idle (max ${out.sitesAfterFirstIdleMs.max}; target ≤ 150); longest task at start: app median ${out.longTasks.app.medianLongestMs} ms (tasks over 50 ms total ${out.longTasks.app.medianTotalMs} ms), maplibre-gl alone ${out.longTasks.bare.medianLongestMs} ms (total ${out.longTasks.bare.medianTotalMs} ms) (load average ${loads.join(', ')})\n`,
);
