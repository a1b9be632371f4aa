/**
 * "Download brief": a one-page PDF made in the browser, offline, read back in Node. It holds as text
 * the site's name (Cyrillic and markup-looking, kept as typed), the P50 with the calendar month the
 * Grid queue panel shows, the scenario link the menu gives and the hash of that scenario; the map is
 * an embedded image; tabs not run say "not run"; the longest main-thread task while it is made is printed (speed is printed, not asserted).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appSession, SCREENSHOT_DIR, savedPath } from './harness';
import { readPdf } from '../pdf-read';

const NAME = 'Жигулёвская <img src=x onerror="globalThis.__pwned=1"> ГРЭС';

async function openMenu(page: Page): Promise<void> {
  if (!(await page.locator('.scenario-menu details').evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.locator('.scenario-menu summary').click();
  }
}

describe('the one-page brief in Chromium', () => {
  const s = appSession();

  it('downloads a one-page PDF whose text holds the site, the P50 date, the link and the hash, with the map as an image', async () => {
    const page = s.page;
    // A scenario with one own site (a hostile Cyrillic name) in ERCOT, imported as a file.
    await openMenu(page);
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).first().click()]);
    const file = JSON.parse(readFileSync((await savedPath(d)), 'utf8')) as { scenario: Record<string, unknown> };
    file.scenario.name = 'Board brief';
    file.scenario.customSites = [{ id: 'custom-1', name: NAME, lon: -97.2, lat: 31.1, uiRegion: 'texas', queuePreset: 'ercot-large-load', kind: 'greenfield', gridMW: 300, aiUsableMW: 200, pue: null }];
    file.scenario.selectedSiteIds = ['custom-1'];
    await page.setInputFiles('input[name=scenario-file]', { name: 'brief.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect.poll(() => page.inputValue('select[name=site-select]')).toBe('custom-1');
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    await page.fill('input[name=trials]', '1000');
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    await page.waitForFunction(() => document.querySelector('.queue-panel .status')?.textContent?.includes('Done: 1,000 trials'), undefined, { timeout: 120_000 });
    const p50 = (await page.textContent('.queue-panel [data-key="p50"]'))!.replace(/ ± [^ ]+ mo$/, ' mo');
    const p50Date = (await page.textContent('.queue-panel [data-key="p50-date"]'))!.trim();
    expect(p50Date).toMatch(/^\([A-Z][a-z]{2} \d{4}\)$/);

    await openMenu(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.inputValue('input[name=share-link]');
    const [j] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).first().click()]);
    const scenario = (JSON.parse(readFileSync((await savedPath(j)), 'utf8')) as { scenario: unknown }).scenario;
    const hash = createHash('sha256').update(JSON.stringify(scenario)).digest('hex');

    // Long tasks on the main thread while the brief is made (the PDF is laid out in a worker).
    await page.evaluate(() => {
      const g = globalThis as unknown as { __long: number[] };
      g.__long = [];
      new PerformanceObserver((l) => g.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    const [pdfDownload] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Download brief' }).click()]);
    expect(pdfDownload.suggestedFilename()).toBe('brief-Board-brief.pdf');
    const pdf = await readPdf(new Uint8Array(readFileSync((await savedPath(pdfDownload)))));
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain(`Sites: ${NAME}`);
    expect(pdf.text).toContain(`P50 ${p50} ${p50Date}`);
    expect(pdf.text).toContain(link);
    expect(pdf.text).toContain(hash);
    expect(pdf.text).toContain('Economics');
    expect(pdf.items).toContain('not run');
    expect(pdf.images).toHaveLength(1);
    const longTasks = await page.evaluate(() => (globalThis as unknown as { __long: number[] }).__long);
    console.log(`brief: longest main-thread task ${Math.max(0, ...longTasks).toFixed(0)} ms (${longTasks.length} long tasks)`);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/60-brief-menu.png` });
    expect(s.pageErrors).toEqual([]);
    expect(s.offsite).toEqual([]);
  });
});
