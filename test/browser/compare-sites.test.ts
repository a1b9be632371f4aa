/**
 * "Compare sites" in the built app (issue 12): the same sweep as `npm run sweep` for the sites a
 * person ticks, rows equal to Node's, a sortable table with key numbers as text, a CSV, progress
 * and Cancel; an empty choice is refused naming the field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMonths } from '../../src/charts/format';
import { loadData } from '../../src/data/load';
import { runInThread } from '../../src/sim/in-thread';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import type { QueueSummary } from '../../src/sim/queue/summary';
import { runSweep } from '../../src/sim/sweep/run';
import { planSweep } from '../../src/sim/sweep/spec';
import '../../src/sim/models';
import { appSession, SCREENSHOT_DIR, savedPath } from './harness';

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as unknown;
const regions = read('data/regions.json');
const data = loadData({ sites: read('data/sites.geojson'), hubs: read('data/hubs.geojson'), regions });
const presets = loadQueuePresets(regions).presets;
const SITES = ['intelion-samara', 'bitdeer-tydal'];

describe('Compare sites in Chromium', () => {
  const s = appSession();

  it('refuses an empty choice of sites, naming the field', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    expect(await page.textContent('.compare .errors')).toContain('Sites: must list at least one site');
  });

  it('shows the same rows as a Node sweep, sorts, and downloads them as CSV', async () => {
    const page = s.page;
    for (const id of SITES) await page.check(`input[name=compare-site][value="${id}"]`);
    await page.fill('input[name=compare-trials]', '500');
    await page.fill('input[name=compare-by-months]', '30');
    const seed = Number(await page.evaluate(() => (document.querySelector('input[name=seed]') as HTMLInputElement | null)?.value ?? '20240601'));
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForFunction(() => /rows in/.test(document.querySelector('.compare [role=status]')?.textContent ?? ''), undefined, { timeout: 120_000 });

    const plan = planSweep({ sites: SITES, trials: 500, seed, byMonths: 30 }, data.sites, presets);
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    const node = await runSweep(plan.value, async (req) => runInThread('queue', req));
    expect(await page.locator('.compare-table tbody tr').count()).toBe(2);
    for (const r of node.rows) {
      const cells = await page.locator(`.compare-table tr[data-cell-key="${r.key}"] td`).allTextContents();
      expect(cells[0]).toBe(String(r.rank));
      expect(cells.slice(3, 6)).toEqual([formatMonths(r.p10), formatMonths(r.p50), formatMonths(r.p90)]);
    }
    const best = node.rows.find((r) => r.rank === 1)!;
    expect(await page.textContent('[data-testid=compare-key-numbers]')).toContain(`Fastest to power: ${best.siteName} (${presets[best.preset].name}), P50 ${formatMonths(best.p50)}`);

    await page.getByRole('button', { name: /^P90 \(months\)/ }).click();
    await page.getByRole('button', { name: /^P90 \(months\)/ }).click();
    expect(await page.getAttribute('.compare-table th[aria-sort=descending]', 'scope')).toBe('col');
    const p90s = (await page.locator('.compare-table tbody tr td:nth-of-type(6)').allTextContents()).map((t) => parseFloat(t));
    expect(p90s[0]).toBeGreaterThanOrEqual(p90s[1]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await savedPath(download)), 'utf8').trim().split('\r\n');
    expect(csv[0]).toContain('p50_months_to_power');
    expect(csv[0]).toContain('p_energized_within_30_months');
    expect(csv).toHaveLength(3);
    // first data line is the best row: its P10, P50 and P90 in full precision, side by side
    expect(csv[1]).toContain(`,${best.p10},${best.p50},${best.p90},${best.probEnergizedBy},`);
    expect(csv[1]).toContain(best.site);
    await page.locator('.compare').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/40-compare-sites.png`, fullPage: true });
    expect(s.pageErrors).toEqual([]);
  });

  it('shows progress and cancels a long comparison', async () => {
    const page = s.page;
    await page.fill('input[name=compare-trials]', '400000');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForSelector('.compare progress');
    await page.locator('.compare').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.textContent('.compare [role=status]')).toContain('Cancelled');
    expect(await page.isEnabled('input[name=compare-trials]')).toBe(true);
  });
});
