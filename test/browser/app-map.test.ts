/**
 * The foundation in a real browser (issue 2): the built app loads offline, the map draws the sites,
 * a click on a site opens that site's panel, the region filter changes what is drawn, and a user can
 * add their own site. Screenshots of the main views go to test-results/screenshots/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appSession, launch, openApp, pagePoint, renderedSiteIds, runTabAndWait, SCREENSHOT_DIR, waitForMapIdle, savedPath } from './harness';

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
    expect(await s.page.textContent('.add-site .where')).toContain('Samara (Russia)');
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

  it("a site outside the regions borrows the nearest region's preset (named, with its distance) and its queue runs stay exportable through Run all", async () => {
    const page = s.page;
    await page.getByRole('button', { name: /Add my own site/ }).click();
    // Oklahoma City: United States, outside Texas, so no preset of its own.
    await page.evaluate(() => (globalThis as unknown as { __sitingMap: { jumpTo(o: unknown): void } }).__sitingMap.jumpTo({ center: [-97.5, 35.5], zoom: 6 }));
    await waitForMapIdle(page);
    const p = await pagePoint(page, -97.52, 35.47);
    await page.mouse.click(p.x, p.y);
    await expect.poll(() => page.textContent('#add-site-title')).toBe('Add my own site');
    expect(await page.textContent('.add-site .where')).toContain('outside the four regions');
    // The borrow option names the preset by its display name, the region and a distance to a Texas site (Oklahoma City to the Red River is ~150 km).
    const borrow = (await page.locator('.preset-choice label').first().textContent()) ?? '';
    expect(borrow).toContain('ERCOT large loads');
    expect(borrow).toContain('Texas (ERCOT)');
    const km = Number(/([\d,]+) km away/.exec(borrow)?.[1].replace(/,/g, ''));
    expect(km).toBeGreaterThan(150);
    expect(km).toBeLessThan(900);
    await page.getByLabel('Site name').fill('Oklahoma test site');
    await page.getByRole('button', { name: 'Add site' }).click();
    await expect.poll(() => page.textContent('#site-title')).toBe('Oklahoma test site');
    expect(await page.textContent('.site-panel')).toMatch(/ERCOT large loads.*\(borrowed/);

    // Its queue runs (no dead end) and its results can be exported.
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    await page.fill('input[name=trials]', '200');
    await runTabAndWait(page, 'Run queue simulation');
    const p50 = (await page.textContent('#tabpanel [data-key=p50]')) ?? '';
    const menu = async () => {
      if (!(await page.locator('.scenario-menu details[open]').count())) await page.click('.scenario-menu summary');
    };
    await menu();
    expect(await page.getByRole('button', { name: 'Queue per-trial CSV' }).isEnabled()).toBe(true);

    // Run all (Singapore only, to stay short) leaves the custom site's results on screen and exportable,
    // and the all-sites CSV holds its run and every site Run all ran.
    for (const r of ['samara', 'texas', 'nordics']) await page.locator(`input[name=region][value=${r}]`).uncheck();
    await page.getByRole('button', { name: 'Run all sites' }).click();
    await menu();
    expect(await page.getByRole('button', { name: 'Queue per-trial CSV' }).isEnabled()).toBe(true);
    await page.waitForSelector('progress[aria-label="Run all sites progress"]', { state: 'detached', timeout: 120_000 });
    expect(await page.textContent('#tabpanel [data-key=p50]')).toBe(p50);
    await menu();
    expect(await page.getByRole('button', { name: 'Queue per-trial CSV' }).isEnabled()).toBe(true);
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'All sites CSV' }).click()]);
    const csv = readFileSync((await savedPath(d)), 'utf8');
    expect(csv).toMatch(/Oklahoma test site,queue · time to power \(\d+(\.\d+)? MW\) · 200 trials/);
    const singapore = sites.filter((f) => f.properties.region === 'singapore');
    for (const f of singapore) expect(csv).toContain(f.properties.name);
    for (const r of ['samara', 'texas', 'nordics']) await page.locator(`input[name=region][value=${r}]`).check();
    expect(s.pageErrors).toEqual([]);
  }, 180_000);

  it('keeps the map’s size while "Run all sites" runs and when it stops (a resize redraws the whole map)', async () => {
    const page = s.page;
    await page.selectOption('select[name=site-select]', 'riot-rockdale');
    const mapSize = () => page.evaluate(() => { const r = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect(); return `${r.width}×${r.height}`; });
    const before = await mapSize();
    await page.getByRole('button', { name: 'Run all sites' }).click();
    await page.waitForSelector('progress[aria-label="Run all sites progress"]');
    expect(await mapSize()).toBe(before);
    await page.locator('header').getByRole('button', { name: 'Cancel' }).click();
    await page.waitForSelector('progress[aria-label="Run all sites progress"]', { state: 'detached' });
    expect(await mapSize()).toBe(before);
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
