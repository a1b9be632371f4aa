/**
 * Bring your own layer in a real browser (issue 9 part 4): a valid CSV of substations draws on the
 * map, serves as the grid layer for the selected site, and survives a reload (autosave); a malformed
 * file is refused naming the row and changes nothing; a file over 50 MB is refused before it is read;
 * its points become candidate sites in one action; the file's text is shown as text, never HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openApp, SCREENSHOT_DIR, waitForMapIdle, type AppSession } from './harness';

const CSV = [
  'name,lon,lat,voltage',
  '"<img src=x onerror=alert(1)> Sandow",-97.05,30.57,345',
  'Temple switching,-97.34,31.10,345',
  'Small 69,-97.01,30.67,69',
].join('\n');

/** The map's view holds every point of the CSV, zoomed in past the world view. */
const framesLayer = (s: AppSession) =>
  s.page.evaluate(() => {
    const m = (globalThis as unknown as { __sitingMap: { getBounds(): { contains(p: [number, number]): boolean }; getZoom(): number; isMoving(): boolean } }).__sitingMap;
    const pts: Array<[number, number]> = [[-97.05, 30.57], [-97.34, 31.1], [-97.01, 30.67]];
    return !m.isMoving() && m.getZoom() > 5 && pts.every((p) => m.getBounds().contains(p));
  });

/** Colours the map draws the user's features in. */
const drawnColours = (s: AppSession) =>
  s.page.evaluate(() => {
    const m = (globalThis as unknown as { __sitingMap: { querySourceFeatures(id: string): Array<{ properties: { _color?: string } }> } }).__sitingMap;
    return [...new Set(m.querySourceFeatures('user-layers').map((f) => f.properties._color))];
  });

const drawnUserPoints = (s: AppSession) =>
  s.page.evaluate(() => {
    const m = (globalThis as unknown as { __sitingMap: { querySourceFeatures(id: string): unknown[] } }).__sitingMap;
    return m.querySourceFeatures('user-layers').length;
  });

describe('your own layer', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await launch();
    await openApp(s.page, s.baseUrl);
    await s.page.locator('details.user-layers summary').click();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('refuses a malformed CSV naming the file, row and field, and changes nothing', async () => {
    await s.page.setInputFiles('input[name=layer-file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('name,lon,lat\nA,-97,30\nB,-97,north\n') });
    await expect.poll(() => s.page.locator('[data-key=layer-problems]').textContent()).toContain('bad.csv › row 2 › lat: latitude must be a number from -90 to 90, got "north"');
    expect(await s.page.locator('.layer-list li').count()).toBe(0);
  });

  it('refuses a file over 50 MB before reading it', async () => {
    await s.page.evaluate(() => {
      const big = new File([new Uint8Array(50 * 1024 * 1024 + 1)], 'huge.geojson', { type: 'application/geo+json' });
      const dt = new DataTransfer();
      dt.items.add(big);
      document.querySelector('[data-key=layer-drop]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => s.page.locator('[data-key=layer-problems]').textContent()).toContain('huge.geojson: is 50.0 MB; files over 50 MB are refused (nothing was read)');
    expect(await s.page.locator('.layer-list li').count()).toBe(0);
  });

  it('draws a valid layer, uses it as the grid layer, and keeps it across a reload', async () => {
    await s.page.setInputFiles('input[name=layer-file]', { name: 'my-substations.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await expect.poll(() => s.page.locator('.layer-list li').count()).toBe(1);
    expect(await s.page.locator('[data-key=layer-problems]').count()).toBe(0);
    await expect.poll(() => drawnUserPoints(s)).toBeGreaterThanOrEqual(3);
    // The map frames a new layer, so the user sees where it landed.
    await expect.poll(() => framesLayer(s), { timeout: 15_000 }).toBe(true);
    // The untrusted name is text: no <img> element was created from it.
    await s.page.selectOption('select[name=site-select]', 'riot-rockdale');
    const nearest = s.page.locator('[data-key=user-nearest]');
    await expect.poll(() => nearest.textContent()).toContain('Small 69, 69 kV');
    expect(await s.page.locator('.user-layers img').count()).toBe(0);
    await waitForMapIdle(s.page);
    await s.page.screenshot({ path: `${SCREENSHOT_DIR}/09-user-layer.png` });

    // Autosave runs shortly after a change; then a reload brings the layer back.
    await s.page.waitForTimeout(2500);
    await s.page.reload();
    await waitForMapIdle(s.page);
    await expect.poll(() => s.page.locator('.layer-list li .name').textContent(), { timeout: 15_000 }).toBe('my-substations.csv');
    await expect.poll(() => drawnUserPoints(s), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  });

  it('has a legend row in its colour, a colour the user picks, and a button that frames the map on it', async () => {
    const page = s.page;
    const row = page.locator('.legend .layer-row');
    await expect.poll(() => row.textContent()).toBe('my-substations.csv');
    const picker = page.locator('input[name=layer-color]');
    const first = await picker.inputValue();
    expect(await drawnColours(s)).toEqual([first]);
    // The legend's swatch is the layer's colour.
    const swatch = await row.locator('.layer-swatch').evaluate((e) => getComputedStyle(e).backgroundColor);
    const hex = (c: string) => '#' + (c.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');
    expect(hex(swatch)).toBe(first);
    await picker.fill('#e41a1c');
    await picker.dispatchEvent('change');
    await expect.poll(() => drawnColours(s)).toEqual(['#e41a1c']);
    expect(hex(await row.locator('.layer-swatch').evaluate((e) => getComputedStyle(e).backgroundColor))).toBe('#e41a1c');

    // Away from the layer, then "Zoom to layer" frames it again.
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => framesLayer(s)).toBe(false);
    await page.getByRole('button', { name: 'Zoom to layer my-substations.csv' }).click();
    await expect.poll(() => framesLayer(s), { timeout: 15_000 }).toBe(true);
  });

  it('turns the layer’s points into candidate sites in one action', async () => {
    const before = await s.page.locator('tr[data-site-id^="custom-"]').count();
    await s.page.getByRole('button', { name: 'Add its points as candidate sites' }).click();
    await expect.poll(() => s.page.locator('tr[data-site-id^="custom-"]').count()).toBe(before + 3);
    expect(await s.page.locator('.sites-table').textContent()).toContain('Temple switching');
    expect(s.pageErrors).toEqual([]);
    expect(s.offsite).toEqual([]);
  });
});
