/**
 * Site-level grid access in a real browser (issue 9 part 2): the site panel names the nearest
 * substation at the voltage the site's MW needs, the map draws a line to it, the table lists each
 * site's distance, and a queue run shows the grid-access phase it combined.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, openApp, SCREENSHOT_DIR, waitForMapIdle, type AppSession } from './harness';

function renderedCount(page: Page, layer: string): Promise<number> {
  return page.evaluate((id) => (globalThis as unknown as { __sitingMap: { queryRenderedFeatures(o: unknown): unknown[] } }).__sitingMap.queryRenderedFeatures({ layers: [id] }).length, layer);
}

describe('grid access in Chromium', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await launch();
    await openApp(s.page, s.baseUrl);
    await s.page.waitForSelector('.map[data-grid-added="true"]', { timeout: 30_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('names the nearest qualifying substation in the site panel and draws a line to it', async () => {
    const page = s.page;
    await page.selectOption('select[name=site-select]', 'illustrative-abilene-greenfield');
    // The site has no published MW: the panel uses its queue request's MW, ERCOT's typical 200 MW, which needs ≥ 345 kV.
    const nearest = page.getByTestId('grid-access-nearest');
    await expect.poll(() => nearest.textContent(), { timeout: 30_000 }).toMatch(/^\s*nearest 345 kV: Mulberry Creek Substation, 12\.0 km \(OSM 2017\)\s*$/);
    await page.evaluate(() => (globalThis as unknown as { __sitingMap: { jumpTo(o: unknown): void } }).__sitingMap.jumpTo({ center: [-99.8, 32.45], zoom: 9 }));
    await waitForMapIdle(page);
    expect(await renderedCount(page, 'grid-access-line')).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/62-grid-access-panel.png` });
  });

  it('the table gives each site its own distance to a substation', async () => {
    const page = s.page;
    // The column by its header, so other columns may come and go.
    const km = (id: string) =>
      page.evaluate((siteId) => {
        const heads = [...document.querySelectorAll('.sites-table thead th')].map((h) => h.textContent ?? '');
        const col = heads.findIndex((h) => h.includes('To substation (km)'));
        const row = document.querySelector(`.sites-table tr[data-site-id="${siteId}"]`);
        return row && col >= 0 ? (row.children[col]?.textContent ?? '').trim() : null;
      }, id);
    await expect.poll(() => km('illustrative-abilene-greenfield')).toBe('12.0');
    const other = Number(await km('terawulf-abernathy'));
    expect(other).toBeGreaterThan(0);
    expect(other).not.toBe(12);
  });

  it('where the extract misses the needed voltage (110 kV in Sweden) the distance is shown as an upper bound', async () => {
    const page = s.page;
    await page.selectOption('select[name=site-select]', 'ecodatacenter-falun');
    await expect.poll(() => page.getByTestId('grid-access-nearest').textContent(), { timeout: 30_000 }).toMatch(/nearest 110 kV: .+, at most \d+\.\d km/);
    expect(await page.getByTestId('grid-access-upper-bound').textContent()).toContain('Use as grid layer');
    const cell = await page.evaluate(() => {
      const heads = [...document.querySelectorAll('.sites-table thead th')].map((h) => h.textContent ?? '');
      const col = heads.findIndex((h) => h.includes('To substation (km)'));
      return (document.querySelector('.sites-table tr[data-site-id="ecodatacenter-falun"]')?.children[col]?.textContent ?? '').trim();
    });
    expect(cell).toMatch(/^≤ \d+\.\d$/);
  });

  it('a site without open grid data says so (Singapore) and gets no phase', async () => {
    const page = s.page;
    await page.selectOption('select[name=site-select]', 'jurong-island-dc-park');
    await expect.poll(() => page.getByTestId('grid-access-none').textContent()).toContain('No open grid data covers this site');
  });

  it('a queue run shows the grid-access phase it combined with the queue', async () => {
    const page = s.page;
    await page.selectOption('select[name=site-select]', 'illustrative-abilene-greenfield');
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    await page.fill('input[name=trials]', '1000');
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    await page.waitForFunction(() => document.querySelector('.queue-panel .status')?.textContent?.includes('Done'), undefined, { timeout: 120_000 });
    const g = await page.locator('dd[data-key="grid-access"]').textContent();
    expect(g).toMatch(/P10 [\d.]+ · P50 [\d.]+ · P90 [\d.]+ months/);
    const label = await page.locator('dt', { hasText: 'Grid-access phase' }).textContent();
    expect(label).toContain('12.0 km');
  });
});
