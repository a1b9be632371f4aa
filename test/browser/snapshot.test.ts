/**
 * Scenario snapshots in a real browser (issue 5): a share link reopens in a fresh page with the
 * same P50 text; a broken file or link names the field and leaves the scenario as it was; saved
 * and autosaved scenarios survive a reload; the CSV and PNG exports download and are what they say.
 */
import type { Download } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, newPage, openApp, SCREENSHOT_DIR, type AppSession, savedPath } from './harness';

const SITE = 'riot-rockdale';
const TRIALS = '2000';
const SEED = '777';

async function waitDone(page: Page, trials: string): Promise<void> {
  const done = `Done: ${Number(trials).toLocaleString('en-US')} trials`;
  await page.waitForFunction((d) => document.querySelector('.queue-panel .status')?.textContent?.includes(d), done, { timeout: 120_000 });
}

async function openMenu(page: Page): Promise<void> {
  if (!(await page.locator('.scenario-menu details').evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.locator('.scenario-menu summary').click();
  }
}

/** The trials of the newest autosave slot (each tab has its own), read straight from IndexedDB. */
function autosavedTrials(page: Page): Promise<number | null> {
  return page.evaluate(
    () =>
      new Promise<number | null>((resolve) => {
        const req = indexedDB.open('power-shell-scenarios');
        req.onsuccess = () => {
          const get = req.result.transaction('autosave').objectStore('autosave').getAll();
          type Slot = { savedAt: number; scenario?: { settings?: { trials?: number } } };
          get.onsuccess = () => {
            const newest = (get.result as Slot[]).sort((a, b) => b.savedAt - a.savedAt)[0];
            resolve(newest?.scenario?.settings?.trials ?? null);
          };
          get.onerror = () => resolve(null);
        };
        req.onerror = () => resolve(null);
      }),
  );
}

async function fileOf(download: Download): Promise<Buffer> {
  const path = await savedPath(download);
  if (!path) throw new Error('download has no file');
  return readFileSync(path);
}

describe('scenario snapshots in Chromium', () => {
  let s: AppSession;
  let p50 = '';
  beforeAll(async () => {
    s = await launch();
    await openApp(s.page, s.baseUrl);
    await s.page.selectOption('select[name=site-select]', SITE);
    await s.page.getByRole('tab', { name: 'Grid queue' }).click();
    await s.page.fill('input[name=trials]', TRIALS);
    await s.page.fill('input[name=seed]', SEED);
    // An edited request size must travel with the scenario too (schema v2).
    await s.page.fill('input[name=project-mw]', '150');
    await s.page.getByRole('button', { name: 'Run queue simulation' }).click();
    await waitDone(s.page, TRIALS);
    p50 = (await s.page.textContent('.key [data-key="p50"]')) ?? '';
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shares a link that reopens in a fresh page with the same P50 text', async () => {
    const page = s.page;
    expect(p50).toMatch(/\d/);
    await openMenu(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const url = await page.inputValue('input[name=share-link]');
    expect(url).toMatch(/#s=1\.[A-Za-z0-9_-]+$/);
    expect(page.url()).toBe(url);
    expect(url.length).toBeLessThan(2000);

    const fresh = await newPage(s);
    await openApp(fresh, url.slice(0, url.indexOf('#')), url.slice(url.indexOf('#')));
    await waitDone(fresh, TRIALS);
    expect(await fresh.textContent('.key [data-key="p50"]')).toBe(p50);
    expect(await fresh.inputValue('select[name=site-select]')).toBe(SITE);
    expect(await fresh.inputValue('input[name=seed]')).toBe(SEED);
    expect(await fresh.inputValue('input[name=project-mw]')).toBe('150');
    await fresh.screenshot({ path: `${SCREENSHOT_DIR}/40-snapshot-link-reopened.png`, fullPage: true });
    await fresh.close();
  });

  it('a damaged link says why and keeps the default scenario', async () => {
    const page = await newPage(s);
    await openApp(page, s.baseUrl, '#s=1.eJyrVkrOz0');
    const alert = page.locator('.scenario-menu [role=alert]');
    await expect.poll(() => alert.textContent()).toContain('This link could not be opened');
    expect(await alert.textContent()).toMatch(/unchanged\. ?the link is damaged/);
    expect(await page.inputValue('select[name=site-select]')).toBe('');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/41-snapshot-bad-link.png` });
    await page.close();
  });

  it('will not share a scenario while the trials field does not parse', async () => {
    const page = s.page;
    await page.fill('input[name=trials]', '12x');
    await openMenu(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const alert = page.locator('.scenario-menu [role=alert]');
    await expect.poll(() => alert.textContent()).toContain('Fix these fields before making a link');
    expect(await alert.textContent()).toContain('Trials: must be a whole number from 1 to 2,000,000, got "12x"');
    await alert.getByRole('button', { name: 'Dismiss message' }).click();
    // The run on screen was not made from these inputs, so it is not offered as this scenario's results.
    expect(await page.getByRole('button', { name: 'Summary CSV' }).isDisabled()).toBe(true);
    await page.fill('input[name=trials]', TRIALS);
    expect(await page.getByRole('button', { name: 'Summary CSV' }).isEnabled()).toBe(true);
  });

  it('importing a broken file names the file and the field and changes nothing', async () => {
    const page = s.page;
    await openMenu(page);
    const good = JSON.parse(
      await (async () => {
        const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).first().click()]);
        expect(d.suggestedFilename()).toMatch(/^scenario-.+\.json$/);
        return (await fileOf(d)).toString('utf8');
      })(),
    ) as { scenario: { settings: { trials: number; seed: number } }; results?: { summary: Array<{ p50: number }> } };
    expect(good.scenario.settings).toEqual({ trials: Number(TRIALS), seed: Number(SEED) });
    expect(good.results?.summary.length).toBeGreaterThan(0);

    const broken = structuredClone(good);
    broken.scenario.settings.trials = -5;
    await page.setInputFiles('input[name=scenario-file]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    const alert = page.locator('.scenario-menu [role=alert]');
    await expect.poll(() => alert.textContent()).toContain('Could not import broken.json; your scenario is unchanged.');
    // The field in words, as the form labels it; never the file's field path.
    expect(await alert.textContent()).toMatch(/Trials: must be (at least|greater)/);
    expect(await alert.textContent()).not.toContain('scenario.settings');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/42-snapshot-broken-import.png` });

    await page.setInputFiles('input[name=scenario-file]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('{"scenario": {') });
    await expect.poll(() => alert.textContent()).toContain('notes.txt is not JSON');
    await page.setInputFiles('input[name=scenario-file]', { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(11 * 1024 * 1024, 32) });
    await expect.poll(() => alert.textContent()).toContain('huge.json is 11.0 MB; a scenario file is at most 10.0 MB');

    expect(await page.inputValue('select[name=site-select]')).toBe(SITE);
    expect(await page.inputValue('input[name=trials]')).toBe(TRIALS);
    expect(await page.inputValue('input[name=seed]')).toBe(SEED);
    expect(await page.textContent('.key [data-key="p50"]')).toBe(p50);
  });

  it('exports the summary CSV with its header first', async () => {
    const page = s.page;
    await openMenu(page);
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Summary CSV' }).click()]);
    const lines = (await fileOf(d)).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('site,option,p10,p50,p90,se50,se90,neverShare,n,units,forward path');
    expect(lines[1]).toMatch(/^"Riot Platforms, Rockdale",queue · time to power/);
    expect(lines[1]).toContain(`,${TRIALS},months`);
    // Which forward path the queue run assumed (the preset's default here).
    expect(lines[1]).toMatch(/,months,"?(Flat|Trend|Typed path)/);
  });

  it('exports every queue trial as a per-trial CSV, whose median is the P50 shown', async () => {
    const page = s.page;
    await openMenu(page);
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Queue per-trial CSV' }).click()]);
    const lines = (await fileOf(d)).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^trial,months to power/);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(Number(TRIALS));
    expect(rows.map((r) => Number(r[0]))).toEqual(rows.map((_, i) => i));
    // The rows are the run's own trials: their median sits within the shown P50 ± 2 months (binning).
    const months = rows.map((r) => (r[1] === 'never' ? Infinity : Number(r[1]))).sort((a, b) => a - b);
    const shownP50 = Number(/([\d.]+)/.exec(p50)?.[1]);
    expect(Math.abs(months[Math.floor(months.length / 2)] - shownP50)).toBeLessThan(2);
  });

  it('exports a PNG of the map and charts', async () => {
    const page = s.page;
    await openMenu(page);
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'PNG image' }).click()]);
    const png = await fileOf(d);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(1600);
    expect(height).toBeGreaterThan(400);
    writeFileSync(`${SCREENSHOT_DIR}/43-snapshot-export.png`, png);
  });

  it('exports the buy-vs-build trials as a per-trial CSV, and their summary rows', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Buy vs build' }).click();
    await page.fill('input[name=bvb-trials]', TRIALS);
    await page.getByRole('button', { name: 'Run buy vs build' }).click();
    await page.waitForFunction(() => document.querySelector('.bvb-panel .status')?.textContent?.includes('Done'), undefined, { timeout: 120_000 });
    await openMenu(page);
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Per-trial CSV', exact: true }).click()]);
    const lines = (await fileOf(d)).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('trial,buy first MW (months),buy full MW (months),build first MW (months),build full MW (months)');
    expect(lines.length).toBe(Number(TRIALS) + 2); // header, one line per trial, and the final CRLF
    expect(lines[1]).toMatch(/^0,(\d+(\.\d+)?|never),/);
    const [sum] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Summary CSV' }).click()]);
    const summary = (await fileOf(sum)).toString('utf8');
    expect(summary).toContain('queue · time to power');
    expect(summary).toContain('buy · first MW');
    expect(summary).toContain('build · full MW');
    await page.getByRole('tab', { name: 'Grid queue' }).click();
  });

  it('a saved scenario and the autosaved work survive a reload', async () => {
    const page = s.page;
    await openMenu(page);
    await page.fill('input[name=save-name]', 'Board deck <b>A</b>');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('.saved .saved-name').allTextContents()).toContain('Board deck <b>A</b>');
    await page.fill('input[name=trials]', '1500');
    // Autosave waits for a pause in editing; then the link no longer matches and leaves the address bar.
    await page.waitForFunction(() => !location.hash.includes('s='), undefined, { timeout: 10_000 });
    await expect.poll(() => autosavedTrials(page), { timeout: 10_000 }).toBe(1500);

    await page.reload();
    await page.waitForSelector('.map[data-map-loaded="true"]', { timeout: 30_000 });
    await openMenu(page);
    await expect.poll(() => page.locator('.saved .saved-name').allTextContents()).toContain('Board deck <b>A</b>');
    await expect.poll(() => page.inputValue('select[name=site-select]')).toBe(SITE);
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    expect(await page.inputValue('input[name=trials]')).toBe('1500');

    // Opening the saved one brings back its trials and re-runs it to the same numbers.
    await openMenu(page);
    await page.locator('.saved li', { hasText: 'Board deck' }).getByRole('button', { name: 'Open' }).click();
    await waitDone(page, TRIALS);
    expect(await page.textContent('.key [data-key="p50"]')).toBe(p50);
    expect(await page.locator('b').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/44-snapshot-saved.png`, fullPage: true });
    expect(s.pageErrors).toEqual([]);
    expect(s.offsite).toEqual([]);
  });
});
