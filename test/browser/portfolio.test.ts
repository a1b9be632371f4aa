/**
 * The Portfolio panel in the built app: pick three sites, run, read the numbers (as text), and export
 * them with the scenario: a link that reopens the same picks, the JSON file and the summary CSV
 * holding the same P(target), and a PNG.
 */
import type { Download } from 'playwright-core';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatPct } from '../../src/charts/format';
import { appSession, axeSeriousOrCritical, newPage, openApp, SCREENSHOT_DIR, savedPath } from './harness';

const SITES = ['intelion-samara', 'megafon-samara', 'bitdeer-tydal'];

async function openMenu(page: Page): Promise<void> {
  if (!(await page.locator('.scenario-menu details').evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator('.scenario-menu summary').click();
}

async function fileText(download: Download): Promise<string> {
  const path = await savedPath(download);
  if (!path) throw new Error('download has no file');
  return readFileSync(path, 'utf8');
}

describe('Portfolio in Chromium', () => {
  const s = appSession();
  let pText = '';

  it('refuses a target of 0 MW, naming the field, and runs nothing', async () => {
    const page = s.page;
    await page.check(`input[name=portfolio-site][value="${SITES[0]}"]`);
    await page.fill('input[name=portfolio-target]', '0');
    await page.getByRole('button', { name: 'Run portfolio' }).click();
    expect(await page.textContent('.portfolio [role=alert]')).toContain('Target: must be a positive number of IT MW');
    expect(await page.locator('.portfolio [data-key=p-target]').count()).toBe(0);
  });

  it('runs three sites and shows P(target), the dates, the fan and each contribution', async () => {
    const page = s.page;
    for (const id of SITES) await page.check(`input[name=portfolio-site][value="${id}"]`);
    await page.fill('input[name=portfolio-target]', '60');
    await page.fill('input[name=portfolio-by]', '2030-06');
    await page.fill('input[name=portfolio-trials]', '300');
    await page.fill('input[name=portfolio-best]', '2');
    await page.getByRole('button', { name: 'Run portfolio' }).click();
    await page.waitForFunction(() => /Done/.test(document.querySelector('.portfolio [role=status]')?.textContent ?? ''), undefined, { timeout: 240_000 });
    pText = (await page.textContent('.portfolio [data-key=p-target]')) ?? '';
    expect(pText).toMatch(/\d%$/);
    expect(await page.textContent('.portfolio [data-key=reached]')).toMatch(/\d{4}-\d{2}|beyond the horizon/);
    expect(await page.locator('.portfolio table[aria-label="Each site\'s contribution"] tbody tr').count()).toBe(3);
    expect(await page.locator('.portfolio table[aria-label="Best sets"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.portfolio table[aria-label="Best sets"] tbody tr:first-child td').allTextContents()).toEqual([expect.stringMatching(/^1$/), expect.any(String), expect.stringMatching(/%$/), expect.stringMatching(/\d|–/), expect.stringMatching(/\$/)]);
    expect(await page.textContent('.portfolio')).toContain('Exact: all 6 sets scored');
    expect(await page.locator('.portfolio svg').count()).toBeGreaterThan(0);
    // 60 MW is within the three sites' IT MW: no "cannot be reached" note, and some trials reach it.
    expect(await page.locator('.portfolio [role=note]').count()).toBe(0);
    expect(pText).not.toBe('0.0%');
    // Users see names, never ids.
    expect(await page.textContent('.portfolio table[aria-label="Best sets"]')).not.toContain('intelion-samara');
    expect(await axeSeriousOrCritical(page, '.portfolio')).toEqual([]);
    // Readable on a phone: at 390 px the panel stays within the screen (its tables scroll inside it).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.querySelector('.portfolio')!.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
    await page.locator('.portfolio').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/51-portfolio-390.png` });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.locator('.portfolio').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/50-portfolio.png`, fullPage: true });
    expect(s.pageErrors).toEqual([]);
  }, 300_000);

  it('exports the numbers with the scenario: JSON, summary CSV, PNG and a link that reopens the picks', async () => {
    const page = s.page;
    await openMenu(page);
    const [j] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).first().click()]);
    const json = JSON.parse(await fileText(j)) as { scenario: { portfolio?: { siteIds: string[]; targetMW: number; by: string } }; results?: { summary: Array<{ option: string; p50: number }> } };
    expect(json.scenario.portfolio).toMatchObject({ siteIds: SITES, targetMW: 60, by: '2030-06' });
    const pRow = json.results?.summary.find((r) => r.option.startsWith('portfolio · P('));
    expect(pRow).toBeDefined();
    expect(formatPct(pRow!.p50, 1)).toBe(pText);

    const [c] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Summary CSV' }).click()]);
    const csv = await fileText(c);
    expect(csv).toMatch(/portfolio · P\(≥ 60 IT MW by 2030-06\)/);

    const [png] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'PNG image' }).click()]);
    const bytes = readFileSync((await savedPath(png)));
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    await page.getByRole('button', { name: 'Copy link' }).click();
    const url = await page.inputValue('input[name=share-link]');
    const fresh = await newPage(s);
    await openApp(fresh, url.slice(0, url.indexOf('#')), url.slice(url.indexOf('#')));
    await expect.poll(() => fresh.locator('input[name=portfolio-site]:checked').count(), { timeout: 30_000 }).toBe(3);
    expect(await fresh.inputValue('input[name=portfolio-target]')).toBe('60');
    await fresh.close();
  }, 300_000);
});
