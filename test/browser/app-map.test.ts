/**
 * The foundation in a real browser (issue 2): the built app loads offline, the map draws the sites,
 * a click on a site opens that site's panel, the region filter changes what is drawn, and a user can
 * add their own site. Screenshots of the main views go to test-results/screenshots/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appSession, launch, openApp, pagePoint, renderedSiteIds, SCREENSHOT_DIR, waitForMapIdle } from './harness';

interface SiteFeature {
  properties: { id: string; name: string; region: string };
  geometry: { coordinates: [number, number] };
}
const sites = (JSON.parse(readFileSync('data/sites.geojson', 'utf8')) as { features: SiteFeature[] }).features;

/** The site farthest from any other, so a click on it cannot land on a neighbour's circle. */
function loneliestSite(): SiteFeature {
  let best = sites[0];
  let bestD = -1;
  for (const a of sites) {
    let nearest = Infinity;
    for (const b of sites) {
      if (a === b) continue;
      const [x1, y1] = a.geometry.coordinates;
      const [x2, y2] = b.geometry.coordinates;
      nearest = Math.min(nearest, Math.hypot(x1 - x2, y1 - y2));
    }
    if (nearest > bestD) {
      bestD = nearest;
      best = a;
    }
  }
  return best;
}

describe('the app in Chromium', () => {
  const s = appSession();

  it('loads with no page error and no request to any host but localhost', async () => {
    expect(s.pageErrors).toEqual([]);
    expect(s.offsite).toEqual([]);
    const timing = await s.page.evaluate(() => ({
      mapLoadMs: Number(document.documentElement.dataset.mapLoadMs),
      mapIdleMs: Number(document.documentElement.dataset.mapIdleMs),
    }));
    writeFileSync('test-results/map-paint.json', JSON.stringify(timing, null, 2));
    await s.page.screenshot({ path: `${SCREENSHOT_DIR}/01-world.png` });
  });

  it('draws every bundled site on the map', async () => {
    const drawn = await renderedSiteIds(s.page);
    expect(drawn).toEqual(sites.map((f) => f.properties.id).sort());
    // The basemap drew land: the canvas is not a single colour.
    const colours = await s.page.evaluate(() => {
      const c = document.querySelector('.map canvas') as HTMLCanvasElement;
      const gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGLRenderingContext;
      const px = new Uint8Array(4 * 64);
      const seen = new Set<string>();
      for (let i = 0; i < 16; i++) {
        gl.readPixels(Math.floor((c.width * (i + 0.5)) / 16), Math.floor(c.height / 2), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
        seen.add(`${px[0]},${px[1]},${px[2]}`);
      }
      return seen.size;
    });
    expect(colours).toBeGreaterThan(1);
  });

  it('opens the panel of the site that was clicked', async () => {
    const target = loneliestSite();
    const [lon, lat] = target.geometry.coordinates;
    await s.page.evaluate(
      ([lo, la]) => (globalThis as unknown as { __sitingMap: { jumpTo(o: unknown): void } }).__sitingMap.jumpTo({ center: [lo, la], zoom: 5 }),
      [lon, lat],
    );
    await waitForMapIdle(s.page);
    const p = await pagePoint(s.page, lon, lat);
    await s.page.mouse.click(p.x, p.y);
    await expect.poll(() => s.page.textContent('#site-title')).toBe(target.properties.name);
    // The panel shows sourced numbers: at least one source link.
    expect(await s.page.locator('.site-panel .sources li').count()).toBeGreaterThan(0);
    await s.page.screenshot({ path: `${SCREENSHOT_DIR}/02-site-panel.png` });
  });

  it('shows only the regions that are ticked', async () => {
    await s.page.getByRole('button', { name: 'Show all' }).click();
    await waitForMapIdle(s.page);
    await expect.poll(async () => (await renderedSiteIds(s.page)).length).toBe(sites.length);
    const texas = sites.filter((f) => f.properties.region === 'texas').map((f) => f.properties.id);
    expect(texas.length).toBeGreaterThanOrEqual(3);
    await s.page.getByRole('checkbox', { name: /Texas \(ERCOT\)/ }).uncheck();
    // The filter reaches the map on the next frame: poll rather than sleep.
    await expect
      .poll(() => renderedSiteIds(s.page))
      .toEqual(sites.filter((f) => f.properties.region !== 'texas').map((f) => f.properties.id).sort());
    // The table follows the filter too.
    for (const id of texas) expect(await s.page.locator(`tr[data-site-id="${id}"]`).count()).toBe(0);
    await s.page.getByRole('checkbox', { name: /Texas \(ERCOT\)/ }).check();
    await expect.poll(async () => (await renderedSiteIds(s.page)).length).toBe(sites.length);
  });

  it('adds my own site by clicking the map, with the region inferred and the name shown as text', async () => {
    await s.page.getByRole('button', { name: /Add my own site/ }).click();
    await s.page.evaluate(() => (globalThis as unknown as { __sitingMap: { jumpTo(o: unknown): void } }).__sitingMap.jumpTo({ center: [50.5, 53.3], zoom: 6 }));
    await waitForMapIdle(s.page);
    const p = await pagePoint(s.page, 50.6, 53.0); // inside Samara oblast, away from bundled sites
    await s.page.mouse.click(p.x, p.y);
    await expect.poll(() => s.page.textContent('#add-site-title')).toBe('Add my own site');
    expect(await s.page.textContent('.add-site .where')).toContain('samara');
    const hostile = '<img src=x onerror="window.__pwned=1">Volga test';
    await s.page.getByLabel('Site name').fill(hostile);
    await s.page.getByLabel(/Grid connection/).fill('120');
    await s.page.getByRole('button', { name: 'Add site' }).click();
    await expect.poll(() => s.page.textContent('#site-title')).toBe(hostile);
    expect(await s.page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await s.page.locator('.site-panel img').count()).toBe(0);
    await expect.poll(() => renderedSiteIds(s.page)).toContain('custom-1');
    await s.page.screenshot({ path: `${SCREENSHOT_DIR}/03-custom-site.png` });
    expect(s.pageErrors).toEqual([]);
    expect(s.offsite).toEqual([]);
  });
});

describe('a narrow window', () => {
  it('stacks the map above the panel and still draws the sites', async () => {
    const n = await launch({ width: 420, height: 900 });
    try {
      await openApp(n.page, n.baseUrl);
      const map = await n.page.locator('.map-wrap').boundingBox();
      const side = await n.page.locator('.side').boundingBox();
      expect(map && side && side.y >= map.y + map.height - 1).toBe(true);
      expect((await renderedSiteIds(n.page)).length).toBe(sites.length);
      await n.page.screenshot({ path: `${SCREENSHOT_DIR}/04-narrow.png`, fullPage: true });
      expect(n.pageErrors).toEqual([]);
    } finally {
      await n.close();
    }
  });
});
