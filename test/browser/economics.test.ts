/**
 * The Economics tab in a real browser (issue 13 item 4): for a Texas power shell a run through the
 * worker pool shows P10/P50/P90 NPV for the three options, equal to a Node in-thread run of the same
 * request; a utilisation above 1 names the field and runs nothing; axe-core finds no serious or
 * critical violation in the tab.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUSD } from '../../src/charts/format';
import { parseSites } from '../../src/data/load';
import { loadBuyVsBuildDefaults, paramsForRegion } from '../../src/sim/buy-vs-build/defaults';
import { siteFactsFor } from '../../src/sim/buy-vs-build/prepare';
import { siteBasisRequest } from '../../scripts/lib/buy-vs-build-cli';
import { loadEconomicsDefaults } from '../../src/sim/economics/defaults';
import { prepareEconomicsRequest } from '../../src/sim/economics/prepare';
import type { EconomicsSummary } from '../../src/sim/economics/runner';
import { runInThread } from '../../src/sim/in-thread';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import type { QueueSummary } from '../../src/sim/queue/summary';
import '../../src/sim/models';
import { launch, openApp, SCREENSHOT_DIR, type AppSession } from './harness';

const SITE_ID = 'iren-childress';
const TRIALS = 3_000;
const SEED = 777;

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const site = parseSites(json('data/sites.geojson')).sites.find((s) => s.id === SITE_ID)!;

/** What the app computes for the site with default inputs: queue model first, then the economics trials. */
function nodeRun(): EconomicsSummary {
  const bvb = loadBuyVsBuildDefaults(json('data/buy-vs-build.json'));
  const econ = loadEconomicsDefaults(json('data/economics.json'));
  if (!bvb.ok || !econ.ok) throw new Error('defaults');
  const presets = loadQueuePresets(json('data/regions.json')).presets;
  const { facts } = siteFactsFor(site, paramsForRegion(bvb.value, site.queuePreset).site);
  // As the app and the CLI build it: the greenfield option's queue run carries the grid-access phase of a new build at the site.
  const q = siteBasisRequest('.', site, presets[site.queuePreset], facts, SEED);
  if (q.ok && !q.value.gridAccess) throw new Error('the reference site should be covered by the grid layer');
  if (!q.ok) throw new Error(JSON.stringify(q.errors));
  const queue = runInThread('queue', q.value);
  const req = prepareEconomicsRequest({ defaults: econ.value, bvbDefaults: bvb.value, site, queueTable: queue.quantileTable, trials: TRIALS, seed: SEED });
  if (!req.ok) throw new Error(JSON.stringify(req.errors));
  return runInThread('economics', req.value);
}

async function axeSeriousOrCritical(s: AppSession): Promise<string[]> {
  // The app's CSP forbids inline scripts; evaluating through the DevTools protocol is not a page script.
  const require = createRequire(import.meta.url);
  await s.page.evaluate(`${readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')};0`);
  return s.page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const r = await axe.run({ include: [['aside.side']] }, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${(v.nodes as Array<{ target: string[]; any: Array<{ message: string }> }>).slice(0, 40).map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`).join(' | ')}`);
  });
}

describe('the Economics tab in Chromium', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await launch();
    await openApp(s.page, s.baseUrl);
    await s.page.selectOption('select[name=site-select]', SITE_ID);
    await s.page.getByRole('tab', { name: 'Grid queue' }).click();
    await s.page.fill('input[name=trials]', String(TRIALS));
    await s.page.fill('input[name=seed]', String(SEED));
    await s.page.getByRole('tab', { name: 'Economics' }).click();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('refuses a utilisation above 1, naming the field, and runs nothing', async () => {
    const page = s.page;
    // The trials and seed come from the Grid queue tab: the panel says which, with their values.
    expect(await page.locator('.econ-panel').textContent()).toContain(`It runs ${TRIALS.toLocaleString('en-US')} trials with seed ${SEED}: the Grid queue tab's run settings`);
    await page.fill('#econ-gpu-utilisation', '1.3');
    const err = page.locator('[data-key=econ-errors]');
    await expect.poll(() => err.textContent()).toContain('GPU · utilisation: ');
    expect(await err.textContent()).not.toMatch(/gpu\.utilisation/);
    await page.getByRole('button', { name: 'Run economics' }).click();
    await expect.poll(() => page.locator('.econ-panel .error[role=alert]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Not run')]));
    expect(await page.locator('[data-key=econ-results]').count()).toBe(0);
    await page.fill('#econ-gpu-utilisation', '0.8');
    await expect.poll(() => err.count()).toBe(0);
  });

  it('runs in workers and shows P10/P50/P90 NPV equal to Node for the same request; no serious axe violations', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Run economics' }).click();
    const table = page.locator('[data-key=econ-npv]');
    await table.waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('.econ-panel .status').textContent(), { timeout: 120_000 }).toContain('Done');
    const node = nodeRun();
    const text = (await table.textContent()) ?? '';
    for (const option of [node.mine, node.lease, node.gpu]) {
      for (const q of ['p10', 'p50', 'p90'] as const) expect(text).toContain(formatUSD(option.npvUSD[q]));
    }
    expect(await page.locator('[data-key=econ-revenue]').textContent()).toContain(`$${node.revenuePerKWh.gpu.toFixed(3)}/kWh`);
    // Every default shows a source or says ESTIMATE.
    const sources = await page.locator('.econ-panel .params .source').allTextContents();
    expect(sources.length).toBeGreaterThan(20);
    for (const src of sources) expect(src.trim().length).toBeGreaterThan(3);
    expect(sources.some((x) => x.startsWith('ESTIMATE'))).toBe(true);
    expect(sources.some((x) => x.startsWith('site file'))).toBe(true);

    const style = await page.addStyleTag({ content: '.layout{height:auto!important}.side{overflow:visible!important}' });
    await page.locator('aside.side').screenshot({ path: `${SCREENSHOT_DIR}/economics-tab.png` });
    await style.evaluate((el) => (el as Element).remove());
    expect(await axeSeriousOrCritical(s)).toEqual([]);
  }, 240_000);
});
