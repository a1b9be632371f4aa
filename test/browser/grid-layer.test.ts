/**
 * The grid layer in a real browser (issue 9 part 1): it loads after the first paint from the app's
 * own static files, draws substations and lines, toggles and filters by voltage, shows a clicked
 * substation's name, voltage and source, and carries its attribution on the map and in the PNG.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, openApp, pagePoint, SCREENSHOT_DIR, waitForMapIdle, type AppSession, savedPath } from './harness';
import { readPngText } from '../../src/ui/png-text';

type RenderedProps = Record<string, unknown>;

function rendered(page: Page, layer: string): Promise<RenderedProps[]> {
  return page.evaluate((id) => {
    const m = (globalThis as unknown as { __sitingMap: { queryRenderedFeatures(o: unknown): Array<{ properties: RenderedProps }> } }).__sitingMap;
    return m.queryRenderedFeatures({ layers: [id] }).map((f) => f.properties);
  }, layer);
}

async function flyTo(page: Page, lon: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(
    ([lo, la, z]) => (globalThis as unknown as { __sitingMap: { jumpTo(o: unknown): void } }).__sitingMap.jumpTo({ center: [lo, la], zoom: z }),
    [lon, lat, zoom] as [number, number, number],
  );
  await waitForMapIdle(page);
}

describe('grid layer in Chromium', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await launch();
    await openApp(s.page, s.baseUrl);
    await s.page.waitForSelector('.map[data-grid-added="true"]', { timeout: 30_000 });
    await waitForMapIdle(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('loads from the app itself after the first paint and shows its attribution on the map', async () => {
    expect(s.offsite).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    // In maplibre's compact attribution, one line beside its ⓘ button.
    await s.page.waitForSelector('.maplibregl-ctrl-attrib-inner:has-text("Grid data")');
    const attribution = await s.page.locator('.maplibregl-ctrl-attrib-inner').textContent();
    expect(attribution).toContain('© OpenStreetMap contributors (ODbL 1.0, data 2017-01-18)');
    expect(attribution).toContain('WRI Global Power Plant Database (CC BY 4.0');
    expect(attribution).toContain('U.S. EIA (EIA-860) (public domain, data 2019)');
    // The control starts closed (the map stays visible) with its colour key showing.
    expect(await s.page.getByText('Singapore: no open grid extract exists').isVisible()).toBe(false);
    expect(await s.page.getByText('345–380 kV').isVisible()).toBe(true);
    await s.page.getByText('Grid layer: show and filter').click();
    await expect.poll(() => s.page.getByText('Singapore: no open grid extract exists').isVisible()).toBe(true);
  });

  it('draws Texas substations and lines; the voltage filter and toggles change what is drawn', async () => {
    const page = s.page;
    await flyTo(page, -97.2, 30.9, 8);
    const subs = await rendered(page, 'grid-substations');
    expect(subs.map((p) => p.name)).toContain('Sandow Station');
    expect((await rendered(page, 'grid-lines')).length).toBeGreaterThan(0);
    expect(subs.some((p) => Number(p.kv) < 345)).toBe(true);

    await page.selectOption('select[name=grid-min-kv]', '345');
    await waitForMapIdle(page);
    const high = await rendered(page, 'grid-substations');
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((p) => Number(p.kv) >= 345)).toBe(true);

    await page.getByLabel('Power plants').check();
    await waitForMapIdle(page);
    expect((await rendered(page, 'grid-plants')).length).toBeGreaterThan(0);
    await page.getByLabel('Lines ≥ 110 kV').uncheck();
    await waitForMapIdle(page);
    expect(await rendered(page, 'grid-lines')).toEqual([]);
    await page.getByLabel('Lines ≥ 110 kV').check();
    await waitForMapIdle(page);
  });

  it('a click on a substation shows its name, voltage, operator and source in the panel', async () => {
    const page = s.page;
    const pt = await pagePoint(page, -97.0767, 30.5775);
    await page.mouse.move(pt.x, pt.y);
    await expect.poll(() => page.locator('.maplibregl-popup-content').textContent()).toContain('Sandow Station');
    await page.mouse.click(pt.x, pt.y);
    const panel = page.getByRole('status', { name: 'Selected grid feature' });
    await expect.poll(() => panel.textContent()).toContain('Substation: Sandow Station');
    const text = await panel.textContent();
    expect(text).toContain('345/138 kV');
    expect(text).toContain('Oncor Electric Delivery');
    expect(text).toContain('Source: OSM 2017');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/60-grid-layer.png` });
  });

  it('the PNG export names the grid sources in its footer and in its Copyright text', async () => {
    const page = s.page;
    if (!(await page.locator('.scenario-menu details').evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator('.scenario-menu summary').click();
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'PNG image' }).click()]);
    const path = await savedPath(d);
    const png = new Uint8Array(readFileSync(path!));
    writeFileSync(`${SCREENSHOT_DIR}/61-grid-export.png`, png);
    const text = readPngText(png);
    expect(text.Copyright).toContain('© OpenStreetMap contributors (ODbL 1.0, data 2017-01-18)');
    expect(text.Copyright).toContain('CC BY 4.0');
    expect(text.Copyright).toContain('EIA-860');
  });
});
