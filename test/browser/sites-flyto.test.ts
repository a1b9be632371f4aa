/**
 * Issue 9 part 3 in a real browser: selecting a site from the list, the table or the map brings the
 * map to it (animated, or a jump under prefers-reduced-motion); the table shows each site's as-of
 * date and flags facts older than 12 months; the site panel gives the AI figure as IT MW.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOlderThan, isoDay } from '../../src/data/staleness';
import { appSession, type AppSession, launch, openApp, pagePoint, SCREENSHOT_DIR, waitForMapIdle } from './harness';

interface SiteFeature {
  properties: { id: string; name: string; asOf: string; aiItMW: number | null };
  geometry: { coordinates: [number, number] };
}
const sites = (JSON.parse(readFileSync('data/sites.geojson', 'utf8')) as { features: SiteFeature[] }).features;
const byId = (id: string) => sites.find((f) => f.properties.id === id)!;

type MapHandle = { getCenter(): { lng: number; lat: number }; getZoom(): number; isMoving(): boolean };
const centre = (s: AppSession) =>
  s.page.evaluate(() => {
    const m = (globalThis as unknown as { __sitingMap: MapHandle }).__sitingMap;
    const c = m.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: m.getZoom() };
  });
async function waitNear(s: AppSession, id: string, timeout = 10_000) {
  const [lon, lat] = byId(id).geometry.coordinates;
  await s.page.waitForFunction(
    ([lo, la]) => {
      const m = (globalThis as unknown as { __sitingMap: MapHandle }).__sitingMap;
      const c = m.getCenter();
      return Math.abs(c.lng - lo) < 0.05 && Math.abs(c.lat - la) < 0.05 && !m.isMoving();
    },
    [lon, lat] as [number, number],
    { timeout, polling: 50 },
  );
}

describe('selecting a site flies the map to it', () => {
  const s = appSession();

  it('from the site list', async () => {
    const before = await centre(s);
    const [lon, lat] = byId('bitdeer-tydal').geometry.coordinates;
    expect(Math.hypot(before.lon - lon, before.lat - lat)).toBeGreaterThan(1);
    await s.page.selectOption('select[name=site-select]', 'bitdeer-tydal');
    await waitNear(s, 'bitdeer-tydal');
    expect((await centre(s)).zoom).toBeGreaterThanOrEqual(5);
  });

  it('from the comparison table', async () => {
    await s.page.locator('tr[data-site-id="galaxy-helios"] th button').click();
    await waitNear(s, 'galaxy-helios');
    await expect.poll(() => s.page.locator('select[name=site-select]').inputValue()).toBe('galaxy-helios');
  });

  it('from the map', async () => {
    // Look at Iceland from between its two sites, then click Verne's circle: the map centres on it.
    // (The table click scrolled the page; scroll back so the map is where a person would click.)
    await s.page.evaluate(() => window.scrollTo(0, 0));
    await s.page.evaluate(() => (globalThis as unknown as { __sitingMap: { jumpTo(o: unknown): void } }).__sitingMap.jumpTo({ center: [-20.3, 64.8], zoom: 5.5 }));
    await waitForMapIdle(s.page);
    const [lon, lat] = byId('verne-iceland-keflavik').geometry.coordinates;
    const p = await pagePoint(s.page, lon, lat);
    await s.page.mouse.click(p.x, p.y);
    await waitNear(s, 'verne-iceland-keflavik');
    await expect.poll(() => s.page.locator('select[name=site-select]').inputValue()).toBe('verne-iceland-keflavik');
    await s.page.screenshot({ path: `${SCREENSHOT_DIR}/09-flyto-verne.png` });
  });

  it('shows the as-of date in the table and flags facts older than 12 months', async () => {
    const today = isoDay(new Date());
    for (const id of ['cipher-odessa', 'iren-sweetwater']) {
      const cell = s.page.locator(`tr[data-site-id="${id}"] td`).last();
      const text = await cell.textContent();
      expect(text, id).toContain(byId(id).properties.asOf);
      expect(text?.includes('older than 12 months'), id).toBe(isOlderThan(byId(id).properties.asOf, today));
    }
    expect(await s.page.locator('tr[data-site-id="cipher-odessa"] td').last().textContent()).toContain('older than 12 months');
  });

  it('gives Riot Rockdale the same 25 MW IT in its facts as in buy vs build', async () => {
    await s.page.selectOption('select[name=site-select]', 'riot-rockdale');
    await expect.poll(() => s.page.locator('[data-key="ai-it"]').textContent()).toContain('25 MW IT');
    await s.page.getByRole('tab', { name: 'Buy vs build' }).click();
    const facts = await s.page.locator('[data-key="site-facts"]').textContent();
    expect(facts).toContain('= 25 MW IT');
    expect(facts).toContain('700 MW grid');
  });
});

describe('with prefers-reduced-motion', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await launch();
    await s.page.emulateMedia({ reducedMotion: 'reduce' });
    await openApp(s.page, s.baseUrl);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('jumps to the site in one step instead of an animated flight', async () => {
    // Count the map's move events: a jump is one, a 1.2 s flight is dozens of frames.
    await s.page.evaluate(() => {
      const g = globalThis as unknown as { __sitingMap: { on(t: string, f: () => void): void }; __moves: number };
      g.__moves = 0;
      g.__sitingMap.on('move', () => g.__moves++);
    });
    await s.page.selectOption('select[name=site-select]', 'nxera-dc-tuas');
    await waitNear(s, 'nxera-dc-tuas', 5000);
    const moves = await s.page.evaluate(() => (globalThis as unknown as { __moves: number }).__moves);
    expect(moves).toBeGreaterThan(0);
    expect(moves).toBeLessThanOrEqual(2);
  });
});
