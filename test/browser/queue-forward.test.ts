/**
 * The queue as it stands, as a user sees it (issue 8 items 2, 4, 5): pick a typed forward path,
 * get the bad field named and nothing run, fix it, run and read what the path assumes; open the
 * backtest view for Texas and read each row's pass/fail and the chart's key numbers. axe-core must
 * find no serious or critical violation in the panel.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import { parseDate } from '../../src/sim/queue/schedule';
import { launch, openApp, SCREENSHOT_DIR, type AppSession } from './harness';

const SITE = 'riot-rockdale';
const doc = loadQueuePresets(JSON.parse(readFileSync('data/regions.json', 'utf8'))).presets['ercot-large-load'];
const asOf = doc.params.stock?.asOf ?? '';
const asOfYear = parseDate(asOf)?.[0] ?? NaN;
const backtestRows = (JSON.parse(readFileSync('data/backtests.json', 'utf8')) as { rows: Array<{ id: string; preset: string }> }).rows.filter((r) => r.preset === 'ercot-large-load');

/** Serious and critical axe-core violations inside `selector`, as "rule: target" lines. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy allows no inline script.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(readFileSync(axePath, 'utf8'));
  return page.evaluate(async (sel) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await axe.run({ include: [sel] }, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  }, selector);
}

describe('forward path and backtests in Chromium', () => {
  let s: AppSession;
  beforeAll(async () => {
    expect(asOf, 'the ERCOT preset states its stock as-of date').toMatch(/^\d{4}-\d{2}/);
    // Tall, so the side panel (62% of the height) shows the whole queue panel in a screenshot.
    s = await launch({ width: 1280, height: 2300 });
    await openApp(s.page, s.baseUrl);
    await s.page.selectOption('select[name=site-select]', SITE);
    await s.page.getByRole('tab', { name: 'Grid queue' }).click();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('names a bad year in the typed table, runs nothing, then runs the fixed path and says what it assumes', async () => {
    const page = s.page;
    expect(await page.textContent('.queue-panel [data-key="as-of"]')).toContain(asOf);
    // The forward path and curtailment are folded into one line saying what is chosen.
    await expect.poll(() => page.textContent('.queue-panel .more-inputs summary')).toContain('flat after the as-of date · every MW firm');
    await page.click('.queue-panel .more-inputs summary');
    await page.getByRole('radio', { name: 'Typed table per year' }).check();
    const year = page.getByLabel('Row 1, Year (from 1 January)');
    // A year on or before the stock's as-of date: the field is named and nothing runs.
    await year.fill(String(asOfYear));
    await page.getByLabel('Row 1, Requests per year').fill('400');
    const errors = page.locator('.forward .errors');
    await expect.poll(() => errors.textContent()).toContain(`Row 1, Year (from 1 January)`);
    expect(await errors.textContent()).not.toContain('forward.rows');
    expect(await errors.textContent()).toContain(`before the stock's as-of date ${asOf}`);
    expect(await year.getAttribute('aria-invalid')).toBe('true');
    await page.fill('input[name=trials]', '1000');
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    expect(await page.textContent('.queue-panel .run-error')).toContain('Forward path, row 1, Year (from 1 January): ');
    expect(await page.locator('.queue-panel .results').count()).toBe(0);
    expect(await year.inputValue()).toBe(String(asOfYear));
    await page.locator('.side').screenshot({ path: `${SCREENSHOT_DIR}/40-forward-bad-year.png` });

    // Fixed: the assumption line reads the typed path, and the run uses it.
    await year.fill(String(asOfYear + 1));
    await expect.poll(() => errors.count()).toBe(0);
    const assumes = `Typed path after ${asOf}: from ${asOfYear + 1}: Requests per year 400.`;
    expect(await page.textContent('.queue-panel [data-key="forward-assumes"]')).toBe(assumes);
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    await page.waitForFunction(() => document.querySelector('.queue-panel .status')?.textContent?.includes('Done'), undefined, { timeout: 120_000 });
    expect(await page.textContent('.queue-panel [data-key="forward-assumes"]')).toBe(assumes);
    // The fan starts at the stock when filed and its axis is dated from the as-of date.
    const panel = await page.textContent('.queue-panel .results');
    expect(panel).toContain(`MW ahead when filed, ${asOf} (as-of)`);
    expect(panel).toContain(`month 0 = ${asOf}, the as-of date`);
    await page.locator('.side').screenshot({ path: `${SCREENSHOT_DIR}/41-forward-run.png` });
    await page.locator('.queue-panel figure.chart').nth(1).screenshot({ path: `${SCREENSHOT_DIR}/41-queue-ahead-fan.png` });
    expect(await axeViolations(page, '.queue-panel')).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

  it('runs the Texas backtests and shows each row with pass/fail and the chart with its key numbers', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'How well does this reproduce the past?' }).click();
    await page.getByRole('button', { name: 'Run the backtests' }).click();
    await page.waitForFunction(() => document.querySelector('[data-key="backtest-status"]')?.textContent?.includes('Done'), undefined, { timeout: 180_000 });
    const rows = page.locator('.bt-table tbody tr');
    expect(await rows.count()).toBe(backtestRows.length);
    for (const r of backtestRows) {
      const row = page.locator(`.bt-table tr[data-row="${r.id}"]`);
      const pass = await row.getAttribute('data-pass');
      expect(await row.locator('td').nth(2).textContent()).toMatch(pass === 'true' ? /^Pass: inside/ : /^Fail: /);
    }
    // Key numbers beside the chart: each published point with the simulated band at its date.
    const key = await page.textContent('.bt-chart');
    expect(key).toContain('Published: 188.0 GW');
    expect(key).toContain('Published: 63.0 GW');
    expect(await page.locator('.bt-chart svg circle').count()).toBeGreaterThanOrEqual(2);
    await page.locator('.backtest .bt-table').screenshot({ path: `${SCREENSHOT_DIR}/42-backtest-texas.png` });
    await page.locator('.bt-chart').screenshot({ path: `${SCREENSHOT_DIR}/43-backtest-texas-chart.png` });
    expect(await axeViolations(page, '.queue-panel')).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
