/**
 * Results readable at a desk and on a phone (1400×900 and 390×844): every chart's text is at least
 * 11 px on screen (its font size times the SVG's scale), no two chart labels' boxes intersect, and
 * nothing in the results sticks out of its pane unless inside a box that scrolls sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, openApp, SCREENSHOT_DIR, type AppSession, MODEL_TABS, checkEachTab } from './harness';


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
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== panel; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX;
        if ((o === 'auto' || o === 'scroll') && e.getBoundingClientRect().right <= right + 1) return true;
      }
      return false;
    };
    for (const el of panel.querySelectorAll<HTMLElement>('*')) {
      if (!el.checkVisibility()) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > right + 1 && !scrolls(el.parentElement)) out.push(`${el.tagName.toLowerCase()}.${el.className || ''} ends at ${Math.round(r.right)} px, past the pane (${Math.round(right)} px)`);
    }
    return [...new Set(out)].slice(0, 40);
  });
}


const TABS = MODEL_TABS;

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
        await page.waitForFunction(() => document.querySelectorAll('#tabpanel figure.chart svg').length > 0, undefined, { timeout: 30_000 });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/85-layout-${w}-${tab.replace(/\W+/g, '-').toLowerCase()}.png`, fullPage: true });
        return layoutProblems(page);
      });
      expect(found).toEqual([]);
    }, 600_000);
  });
}

