/**
 * Drives the built app in Debian's Chromium with playwright-core. Every request is checked: anything
 * that is not localhost, data: or blob: is recorded and aborted, so a test can assert the app
 * never reaches the network. Page errors and console errors are collected.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

import { CHROMIUM_ARGS } from './harness-args';

export { CHROMIUM_ARGS };

export const SCREENSHOT_DIR = 'test-results/screenshots';

let downloads = 0;
/**
 * A download's file on this machine. The browser is shared (connected over its WebSocket), so the
 * download's own path is not ours to read: save a copy next to the screenshots and return its path.
 */
export async function savedPath(download: Download): Promise<string> {
  const dir = 'test-results/downloads';
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${process.pid}-${++downloads}-${download.suggestedFilename().replace(/[^\w.-]/g, '_')}`;
  await download.saveAs(path);
  return path;
}

export interface AppSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  offsite: string[];
  pageErrors: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

export function isLocal(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

export async function launch(viewport = { width: 1280, height: 800 }): Promise<AppSession> {
  // The one Chromium of the run (started by global-setup); this connection and its context are ours.
  const browser = await chromium.connect(inject('browserWsEndpoint'));
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const session: AppSession = {
    browser,
    context,
    page: undefined as unknown as Page,
    baseUrl: inject('baseUrl'),
    offsite: [],
    pageErrors: [],
    consoleErrors: [],
    // Closing a connected browser closes this connection's contexts and leaves the shared one running.
    close: async () => {
      await context.close().catch(() => {});
      await browser.close();
    },
  };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    session.offsite.push(url);
    return route.abort('blockedbyclient');
  });
  session.page = await newPage(session);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return session;
}

/**
 * The browser session of a describe block: launched, the app opened (on a site's tab when asked)
 * before its tests, closed after them. The object is filled in by beforeAll, so tests read s.page.
 */
export function appSession(opts: { site?: string; tab?: string } = {}): AppSession {
  const s = {} as AppSession;
  beforeAll(async () => {
    Object.assign(s, await launch());
    await openApp(s.page, s.baseUrl);
    if (opts.site) await s.page.selectOption('select[name=site-select]', opts.site);
    if (opts.tab) await s.page.getByRole('tab', { name: opts.tab }).click();
  });
  afterAll(async () => {
    await s.close?.();
  });
  return s;
}

/** A new tab in the same context, with the same error and request bookkeeping. */
export async function newPage(session: AppSession): Promise<Page> {
  const page = await session.context.newPage();
  page.on('pageerror', (e) => session.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') session.consoleErrors.push(m.text());
  });
  return page;
}

/** Open the app and wait until the map has loaded its style and rendered a frame with nothing pending. */
export async function openApp(page: Page, baseUrl: string, hash = ''): Promise<void> {
  await page.goto(baseUrl + hash);
  await waitForMapIdle(page);
}

export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForSelector('.map[data-map-loaded="true"]', { timeout: 30_000 });
  await page.waitForFunction(
    () => {
      const m = (globalThis as unknown as { __sitingMap?: { loaded(): boolean; areTilesLoaded(): boolean; isMoving(): boolean } }).__sitingMap;
      return !!m && m.loaded() && m.areTilesLoaded() && !m.isMoving();
    },
    undefined,
    { timeout: 30_000, polling: 100 },
  );
}

/** Ids of the site circles the map has actually drawn. */
export async function renderedSiteIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const m = (globalThis as unknown as { __sitingMap: { queryRenderedFeatures(o: unknown): Array<{ properties: { id: string } }> } }).__sitingMap;
    return [...new Set(m.queryRenderedFeatures({ layers: ['sites-circle'] }).map((f) => f.properties.id))].sort();
  });
}

/** Pixel position of a lon/lat on the page (map canvas offset included). */
export async function pagePoint(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([lo, la]) => {
      const m = (globalThis as unknown as { __sitingMap: { project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement } }).__sitingMap;
      const p = m.project([lo, la]);
      const r = m.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    },
    [lon, lat] as [number, number],
  );
}

/** axe-core's serious and critical violations inside `selector`, as "id (impact)" lines. */
export async function axeSeriousOrCritical(page: Page, selector: string): Promise<string[]> {
  // The app's CSP forbids inline scripts; evaluating through the DevTools protocol is not a page script.
  const require = createRequire(import.meta.url);
  await page.evaluate(`${readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')};0`);
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe;
    const r = await axe.run({ include: [[sel]] }, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact})`);
  }, selector);
}

/** The model tabs and the button that runs each. */
export const MODEL_TABS: ReadonlyArray<[tab: string, run: string]> = [
  ['Grid queue', 'Run queue simulation'],
  ['Buy vs build', 'Run buy vs build'],
  ['Leasing', 'Run leasing simulation'],
  ['Economics', 'Run economics'],
];

/** Presses a tab's Run button and waits until its status line says Done. */
export async function runTabAndWait(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('#tabpanel .status')].some((s) => s.textContent?.startsWith('Done:')), undefined, { timeout: 180_000 });
}

/**
 * Visits each tab with `trials` trials set, runs it (when it has a Run button) and calls `check` with
 * its results on screen; returns what the checks found, each line prefixed by its tab.
 */
export async function checkEachTab(page: Page, tabs: ReadonlyArray<readonly [string, string | null]>, trials: number, check: (tab: string) => Promise<string[]>): Promise<string[]> {
  await page.getByRole('tab', { name: 'Grid queue' }).click();
  await page.fill('input[name=trials]', String(trials));
  const found: string[] = [];
  for (const [tab, run] of tabs) {
    await page.getByRole('tab', { name: tab }).click();
    if (run) await runTabAndWait(page, run);
    found.push(...(await check(tab)).map((p) => `${tab}: ${p}`));
  }
  return found;
}
