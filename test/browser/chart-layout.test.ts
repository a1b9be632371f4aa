/**
 * Results readable at a desk and on a phone (1400×900 and 390×844): every chart's text is at least
 * 11 px on screen (its font size times the SVG's scale), no two chart labels' boxes intersect,
 * nothing in the results sticks out of its pane unless inside a box that scrolls sideways and shows
 * it (scroll-hint.ts), the tab row never runs past the screen, the map's legends and attribution
 * leave most of the map free, and axe finds nothing serious or critical on any tab or dialog.
 * One browser per size: every check runs inside the same session and tab loop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, openApp, SCREENSHOT_DIR, type AppSession, MODEL_TABS, checkEachTab, axeSeriousOrCritical } from './harness';


/** Small text, overlapping labels and unscrollable overflow inside `#tabpanel`, as readable lines. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const panel = document.querySelector<HTMLElement>('#tabpanel');
    if (!panel) return ['no tab panel'];
    for (const svg of panel.querySelectorAll<SVGSVGElement>('figure.chart svg')) {
      if (!svg.checkVisibility()) continue;
      const scale = svg.getScreenCTM()?.a ?? 1;
      const texts = [...svg.querySelectorAll<SVGTextElement>('text')].filter((t) => t.textContent?.trim() && t.checkVisibility());
      const boxes = texts.map((t) => ({ t: t.textContent!.trim(), r: t.getBoundingClientRect() }));
      const chart = svg.getAttribute('aria-label')?.slice(0, 40) ?? 'chart';
      for (const t of texts) {
        const size = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (size < 10.95) out.push(`${chart}: "${t.textContent?.trim()}" is ${size.toFixed(1)} px`);
      }
      const shrink = 0.5;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r;
          const b = boxes[j].r;
          if (a.left + shrink < b.right - shrink && b.left + shrink < a.right - shrink && a.top + shrink < b.bottom - shrink && b.top + shrink < a.bottom - shrink)
            out.push(`${chart}: "${boxes[i].t}" overlaps "${boxes[j].t}"`);
        }
    }
    const right = panel.getBoundingClientRect().right;
    // A box that scrolls sideways counts only while it shows that it does (scroll-hint.ts: shaded edge and a line saying so).
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== panel; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX;
        if ((o === 'auto' || o === 'scroll') && e.getBoundingClientRect().right <= right + 1) return (e as HTMLElement).dataset.overflow === 'true';
      }
      return false;
    };
    for (const el of panel.querySelectorAll<HTMLElement>('*')) {
      if (!el.checkVisibility()) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > right + 1 && !scrolls(el.parentElement)) out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').trim().slice(0, 50)}" ends at ${Math.round(r.right)} px, past the pane (${Math.round(right)} px)`);
    }
    // A key number runs out of its cell into the next one (a phone's cards of narrow cells).
    for (const td of panel.querySelectorAll<HTMLElement>('.key-numbers td')) {
      if (td.checkVisibility() && td.scrollWidth > td.clientWidth + 1) out.push(`key number "${(td.textContent ?? '').trim().slice(0, 50)}" runs out of its cell`);
    }
    return [...new Set(out)].slice(0, 40);
  });
}


/** The tab row fits the screen, and the legends, grid control and attribution cover under a third of the map. */
async function chromeProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const tabs = document.querySelector<HTMLElement>('.tabs');
    if (tabs) {
      const r = tabs.getBoundingClientRect();
      if (tabs.scrollWidth > tabs.clientWidth + 1 || r.right > document.documentElement.clientWidth + 1) out.push(`the tab row runs past the screen (${Math.round(r.right)} px)`);
      for (const b of tabs.querySelectorAll('button')) if (b.getBoundingClientRect().right > document.documentElement.clientWidth + 1) out.push(`tab "${b.textContent}" is off screen`);
    }
    const map = document.querySelector('.map-wrap')!.getBoundingClientRect();
    let covered = 0;
    for (const sel of ['.legend', '.grid-control', '.maplibregl-ctrl-attrib']) {
      const el = document.querySelector(sel);
      if (!el) continue;
      const r = el.getBoundingClientRect();
      covered += Math.max(0, Math.min(r.right, map.right) - Math.max(r.left, map.left)) * Math.max(0, Math.min(r.bottom, map.bottom) - Math.max(r.top, map.top));
    }
    const share = covered / (map.width * map.height);
    if (share > 0.33) out.push(`legends and attribution cover ${Math.round(share * 100)}% of the map`);
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    return out;
  });
}

const TABS: ReadonlyArray<readonly [string, string | null]> = [...MODEL_TABS, ['Site facts', null]];

for (const [w, h] of [
  [1400, 900],
  [390, 844],
] as const) {
  describe(`results layout at ${w}×${h}`, () => {
    let s: AppSession;
    beforeAll(async () => {
      s = await launch({ width: w, height: h });
      await openApp(s.page, s.baseUrl);
      await s.page.selectOption('select[name=site-select]', 'riot-rockdale');
    });
    afterAll(async () => s?.close());

    it('chart text ≥ 11 px, no overlapping labels, nothing cut off without a scroll box', async () => {
      const page = s.page;
      const found = await checkEachTab(page, TABS, 500, async (tab) => {
        if (tab !== 'Site facts') await page.waitForFunction(() => document.querySelectorAll('#tabpanel figure.chart svg').length > 0, undefined, { timeout: 30_000 });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/85-layout-${w}-${tab.replace(/\W+/g, '-').toLowerCase()}.png`, fullPage: true });
        return [...(await layoutProblems(page)), ...(await chromeProblems(page)), ...(await axeSeriousOrCritical(page, 'body')).map((v) => `axe: ${v}`)];
      });
      // The dialogs, with the results above behind them: the scenario menu, the Method view, presenter mode.
      await page.click('.scenario-menu summary');
      found.push(...(await axeSeriousOrCritical(page, '.scenario-menu')).map((v) => `scenario menu: axe: ${v}`));
      await page.getByRole('button', { name: 'Presenter mode' }).click();
      await page.getByRole('dialog', { name: 'Presenter mode' }).waitFor();
      found.push(...(await axeSeriousOrCritical(page, '.presenter')).map((v) => `presenter: axe: ${v}`));
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Method', exact: true }).click();
      await page.locator('.method[role=dialog]').waitFor();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/85-layout-${w}-method.png` });
      found.push(...(await axeSeriousOrCritical(page, '.method[role=dialog]')).map((v) => `method view: axe: ${v}`));
      expect(found).toEqual([]);
    }, 600_000);

    if (w >= 900)
      it('the results pane widens from the keyboard, and the map keeps its minimum width', async () => {
        const page = s.page;
        await page.keyboard.press('Escape');
        const handle = page.getByRole('separator', { name: /Results pane width/ });
        const before = (await page.locator('aside.side').boundingBox())!.width;
        await handle.focus();
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('ArrowLeft');
        await expect.poll(async () => (await page.locator('aside.side').boundingBox())!.width).toBeGreaterThan(before + 60);
        await page.keyboard.press('Home');
        await expect.poll(async () => (await page.locator('.map-wrap').boundingBox())!.width).toBeGreaterThanOrEqual(359);
        // The map follows its container's new size (maplibre resizes its canvas).
        await expect.poll(() => page.evaluate(() => Math.abs(document.querySelector('.map canvas')!.getBoundingClientRect().width - document.querySelector('.map-wrap')!.getBoundingClientRect().width))).toBeLessThan(2);
        // At its narrowest the Buy vs build key numbers no longer fit: their box scrolls and says so.
        await page.getByRole('tab', { name: 'Buy vs build' }).click();
        await handle.focus();
        await page.keyboard.press('End');
        const boxes = () =>
          page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('#tabpanel *')]
              .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
              .map((e) => ({ says: e.dataset.overflow, hint: getComputedStyle(e, '::after').content, cls: e.className })),
          );
        await expect.poll(async () => (await boxes()).length).toBeGreaterThan(0);
        // Each box marks itself when its ResizeObserver next runs: poll rather than read once.
        await expect.poll(async () => (await boxes()).filter((b) => b.says !== 'true' || b.hint !== '"Scroll sideways for more →"').map((b) => b.cls)).toEqual([]);
        expect(s.pageErrors).toEqual([]);
      });
  });
}

