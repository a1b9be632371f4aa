/**
 * Firm and curtailable MW in a real browser (issue 10 §3): tick "Accept curtailment" on the Grid
 * queue tab of a Texas site, run, read the key numbers (first curtailable power before full firm
 * MW, equal to the same request run in Node), see both curves; a floor above the request and "1,2"
 * are named and run nothing; the choice is shared with Buy vs build (first firm MW row, delay-cost
 * note); the link and the PNG footer carry it; axe-core finds no serious or critical violation.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatWithSE } from '../../src/charts/format';
import { loadData } from '../../src/data/load';
import { resolveCurtailment, loadCurtailmentRules, curtailmentAsOf } from '../../src/sim/curtailment/rules';
import { runInThread } from '../../src/sim/in-thread';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import { buildQueueRequest, projectMWForSite } from '../../src/sim/requests';
import { decodeLink } from '../../src/snapshot';
import { appSession, SCREENSHOT_DIR, savedPath } from './harness';

const SITE = 'riot-rockdale';
const TRIALS = 1000;
const SEED = 31;
const FLOOR = 10;
const json = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as unknown;

/** The queue run the app makes for the site with the floor, in this thread (the site is a power shell within its connection: no grid-access phase). */
function nodeRun() {
  const regions = json('data/regions.json');
  const site = loadData({ sites: json('data/sites.geojson'), hubs: json('data/hubs.geojson'), regions }).sites.find((s) => s.id === SITE)!;
  const doc = loadQueuePresets(regions).presets[site.queuePreset!];
  const req = buildQueueRequest({ doc, overrides: {}, projectMW: projectMWForSite(site, doc.defaultProjectMW), trials: TRIALS, seed: SEED });
  const rules = loadCurtailmentRules(json('data/curtailment.json'));
  if (!req.ok || !rules.ok) throw new Error('request');
  const c = resolveCurtailment(rules.value, doc.id, { floorMW: FLOOR, assumePath: false }, curtailmentAsOf(doc.params, '2026-01'), req.value.projectMW);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return runInThread('queue', { ...req.value, curtailment: c.value });
}

async function axeSeriousOrCritical(page: Page): Promise<string[]> {
  // The app's CSP forbids inline scripts; evaluating through the DevTools protocol is not a page script.
  await page.evaluate(`${readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')};0`);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const r = await axe.run({ include: [['aside.side']] }, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length}): ${(v.nodes as Array<{ target: string[] }>).map((n) => n.target.join(" ")).join(" | ")}`);
  });
}

/** The side panel scrolls; for a screenshot let it grow to its full height. */
async function shoot(page: Page, name: string): Promise<void> {
  const style = await page.addStyleTag({ content: '.layout{height:auto!important}.side{overflow:visible!important}' });
  await page.locator('aside.side').screenshot({ path: `${SCREENSHOT_DIR}/${name}` });
  await style.evaluate((el) => (el as Element).remove());
}

/** The tEXt chunks of a PNG, by keyword. */
function pngText(png: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (let at = 8; at + 8 <= png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + len);
      const zero = data.indexOf(0);
      out[data.toString('latin1', 0, zero)] = data.toString('latin1', zero + 1);
    }
    at += 12 + len;
  }
  return out;
}

describe('accept curtailment in Chromium', () => {
  const s = appSession({ site: SITE, tab: 'Grid queue' });

  it('ticks the box, runs, and shows first (curtailable) power before full firm MW, as Node computes it', async () => {
    const page = s.page;
    await page.fill('input[name=trials]', String(TRIALS));
    await page.fill('input[name=seed]', String(SEED));
    await page.click('.queue-panel .more-inputs summary');
    await page.getByLabel('Accept curtailment').first().check();
    await page.fill('input[name=floor-mw]', String(FLOOR));
    await expect.poll(() => page.textContent('.queue-panel [data-key="curtail-rule"]')).toMatch(/Path: .+/);
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    await page.waitForFunction(() => document.querySelector('.queue-panel .status')?.textContent?.includes('Done'), undefined, { timeout: 180_000 });
    const node = nodeRun().curtailment!;
    const h = nodeRun().horizonMonths;
    expect(await page.textContent('.queue-panel [data-key=curtail-first-p50]')).toBe(formatWithSE(node.curtailable.p50, node.curtailable.se50, 'months', h));
    expect(await page.textContent('.queue-panel [data-key=curtail-firm-p50]')).toBe(formatWithSE(node.firm.p50, node.firm.se50, 'months', h));
    expect(node.curtailable.p50).toBeLessThan(node.firm.p50);
    expect(await page.textContent('.queue-panel [data-key=curtail-energy]')).toMatch(/%/);
    expect(await page.textContent('.queue-panel [data-key=curtail-gain]')).toMatch(/\d/);
    // Both curves are drawn, each named in the chart's legend.
    const chart = await page.textContent('.queue-panel figure.chart');
    expect(chart).toContain('First MW, curtailable');
    expect(chart).toContain('Full firm MW');
    await shoot(page, '50-curtailment-queue.png');
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  }, 240_000);

  it('a floor above the request and "1,2" name the field and start nothing', async () => {
    const page = s.page;
    const before = await page.textContent('.queue-panel [data-key=curtail-first-p50]');
    const mw = Number(await page.inputValue('input[name=project-mw]'));
    await page.fill('input[name=floor-mw]', String(mw + 100));
    await expect.poll(() => page.textContent('.queue-panel fieldset[data-curtailment]')).toContain('Firm floor: must not be above the request');
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    expect(await page.textContent('.queue-panel .run-error')).toMatch(/^Not run: Curtailment · floor MW: /);
    await page.fill('input[name=floor-mw]', '1,2');
    await expect.poll(() => page.textContent('.queue-panel fieldset[data-curtailment]')).toMatch(/ambiguous \(write 1\.2 for a decimal, or 12/);
    expect(await page.textContent('.queue-panel [data-key=curtail-first-p50]')).toBe(before);
    await page.fill('input[name=floor-mw]', String(FLOOR));
    await expect.poll(() => page.locator('.queue-panel fieldset[data-curtailment] .error').count()).toBe(0);
  });

  it('the link carries the choice; the PNG footer names the floor and the rule', async () => {
    const page = s.page;
    if (!(await page.locator('.scenario-menu details').evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator('.scenario-menu summary').click();
    await page.getByRole('button', { name: 'Copy link' }).click();
    const url = await page.inputValue('input[name=share-link]');
    const decoded = decodeLink(url.slice(url.indexOf('#')));
    expect(decoded.ok && decoded.value.curtailment).toEqual({ floorMW: FLOOR });
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'PNG image' }).click()]);
    const png = readFileSync((await savedPath(d)));
    writeFileSync(`${SCREENSHOT_DIR}/51-curtailment-export.png`, png);
    expect(pngText(png).Description).toMatch(new RegExp(`Curtailment accepted: floor ${FLOOR} MW firm · rule: .+`));
    await page.locator('.scenario-menu summary').click();
  }, 120_000);

  it('the choice is shared with Buy vs build: first MW curtailable, first firm MW, and the delay cost says how it counts them', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Buy vs build' }).click();
    expect(await page.getByLabel('Accept curtailment').first().isChecked()).toBe(true);
    expect(await page.inputValue('input[name=bvb-floor-mw]')).toBe(String(FLOOR));
    await page.fill('input[name=bvb-trials]', '2000');
    await page.getByRole('button', { name: 'Run buy vs build' }).click();
    await page.waitForFunction(() => document.querySelector('.bvb-panel .status')?.textContent?.includes('Done'), undefined, { timeout: 180_000 });
    const firm = await page.textContent('.bvb-panel [data-key=build-firm-p50]');
    const first = await page.textContent('.bvb-panel [data-key=build-p50]');
    // "38.2 ± 1.1 mo": the P50 is the first number (the one before "mo" is its standard error).
    const months = (t: string | null) => Number(/([\d.]+)/.exec(t ?? '')?.[1] ?? NaN);
    expect(months(first)).toBeLessThanOrEqual(months(firm));
    expect(await page.textContent('.bvb-panel [data-key=curtail-first-p50]')).toMatch(/mo/);
    expect(await page.textContent('.bvb-panel [data-key=delay-curtail]')).toMatch(/less the [\d.]+% of their energy curtailed/);
    expect(await page.textContent('.bvb-panel figure.chart')).toContain('Build greenfield, first firm MW');
    await shoot(page, '52-curtailment-buy-vs-build.png');
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  }, 240_000);
});
