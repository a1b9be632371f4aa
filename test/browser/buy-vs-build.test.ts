/**
 * Buy vs build and leasing in a real browser (issue 4 item 3): for the default Texas power shell a
 * run shows P(buy earlier) and both arms' P50 equal to a Node in-thread run of the same requests
 * (queue model → buy vs build: browser workers = Node); an invalid rho names the field and runs
 * nothing; the Leasing tab shows the building's pre-leased share, again equal to Node; Samara
 * starts with export-control risk on; Cancel stops a run.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMonths, formatPct, formatWithSE, withMonthDate } from '../../src/charts/format';
import { parseSites } from '../../src/data/load';
import { validateAbsorptionRequest } from '../../src/sim/absorption/params';
import { loadAbsorptionPresets } from '../../src/sim/absorption/presets';
import type { AbsorptionSummary } from '../../src/sim/absorption/runner';
import { loadBuyVsBuildDefaults, paramsForRegion } from '../../src/sim/buy-vs-build/defaults';
import { itMW, type BuyVsBuildRequest } from '../../src/sim/buy-vs-build/params';
import { prepareBuyVsBuildRequest, QUEUE_TRIALS_FOR_BUY_VS_BUILD, queueRequestMW, queueSeedFor, siteFactsFor } from '../../src/sim/buy-vs-build/prepare';
import type { BuyVsBuildSummary } from '../../src/sim/buy-vs-build/runner';
import { runInThread } from '../../src/sim/in-thread';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import type { QueueSummary } from '../../src/sim/queue/summary';
import { tornadoChartBars } from '../../src/ui/bvb-derive';
import { quantileTableFromRows } from '../../src/sim/quantile-table';
import { draftsToOverrides, nestOverrides } from '../../src/sim/param-paths';
import { lognormalTable } from '../../src/sim/buy-vs-build/ln-table';
import { tornado } from '../../src/sim/buy-vs-build/tornado';
import { runBuyVsBuildPipeline, TORNADO_TRIALS, type PipelineResult } from '../../src/sim/buy-vs-build/pipeline';
import { siteBasisRequest } from '../../scripts/lib/buy-vs-build-cli';
import { tornadoRequest } from '../../src/sim/buy-vs-build/tornado-runner';
import { launch, openApp, SCREENSHOT_DIR, type AppSession } from './harness';

const SITE_ID = 'riot-rockdale';
const TRIALS = 10_000;
const SEED = 424_242;
const ABS_TRIALS = 300;

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const site = parseSites(json('data/sites.geojson')).sites.find((s) => s.id === SITE_ID)!;
const defaults = loadBuyVsBuildDefaults(json('data/buy-vs-build.json'));
const queuePresets = loadQueuePresets(json('data/regions.json')).presets;

/** What the app computes for the site with default inputs: the same pipeline (queue model, both arms, tornado) in this thread. */
async function nodeRun(): Promise<PipelineResult & { req: BuyVsBuildRequest }> {
  if (!defaults.ok) throw new Error('defaults');
  const { facts } = siteFactsFor(site, paramsForRegion(defaults.value, site.queuePreset).site);
  // As the app and the CLI: the greenfield arm's queue run carries the grid-access phase of a new build at the site.
  const q = siteBasisRequest('.', site, queuePresets[site.queuePreset], facts, SEED);
  if (q.ok && !q.value.gridAccess) throw new Error('the reference site should be covered by the grid layer');
  if (!q.ok) throw new Error(JSON.stringify(q.errors));
  const req = prepareBuyVsBuildRequest({ defaults: defaults.value, site, queueTable: [0, 1], trials: TRIALS, seed: SEED });
  if (!req.ok) throw new Error(JSON.stringify(req.errors));
  const r = await runBuyVsBuildPipeline(async (model, request) => runInThread(model, request), { preset: queuePresets[site.queuePreset], queueRequest: q.value, request: req.value, tornadoTrials: TORNADO_TRIALS });
  return { ...r, req: r.request };
}

/** The side panel scrolls; for a screenshot let it grow to its full height. */
async function shoot(s: AppSession, name: string): Promise<void> {
  const style = await s.page.addStyleTag({ content: '.layout{height:auto!important}.side{overflow:visible!important}' });
  await s.page.locator('aside.side').screenshot({ path: `${SCREENSHOT_DIR}/${name}` });
  await style.evaluate((el) => (el as Element).remove());
}

describe('buy vs build and leasing in Chromium', () => {
  let s: AppSession;
  let node: BuyVsBuildSummary;
  beforeAll(async () => {
    s = await launch();
    await openApp(s.page, s.baseUrl);
    await s.page.selectOption('select[name=site-select]', SITE_ID);
    await s.page.getByRole('tab', { name: 'Buy vs build' }).click();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('runs queue → buy vs build → tornado and shows the same numbers as Node for the same request', async () => {
    const page = s.page;
    // Export-control risk is off in Texas; the site's facts feed the model.
    expect(await page.inputValue('#bvb-gpu-exportControlProbability')).toBe('0');
    expect(await page.inputValue('#bvb-site-gridMW')).toBe('700');
    await page.fill('input[name=bvb-trials]', String(TRIALS));
    await page.fill('input[name=bvb-seed]', String(SEED));
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Run buy vs build' }).click();
    await page.waitForSelector('.bvb-panel [data-key="p-buy-earlier"]', { timeout: 60_000 });
    const firstNumbersMs = Date.now() - t0;
    await page.waitForFunction(() => document.querySelector('.bvb-panel .status')?.textContent?.includes('Done'), undefined, { timeout: 120_000 });
    const doneMs = Date.now() - t0;
    console.log(`buy vs build in the browser: first numbers after ${firstNumbersMs} ms, done (queue + trials + tornado) after ${doneMs} ms;`, await page.textContent('.bvb-panel .status'));

    const ran = await nodeRun();
    node = ran.summary;
    const text = (key: string) => page.textContent(`.bvb-panel [data-key="${key}"]`);
    expect(await text('p-buy-earlier')).toBe(formatPct(node.pBuyEarlier, 1));
    expect(await text('buy-p50')).toBe(formatWithSE(node.buy.firstMW.p50, node.buy.firstMW.se50, 'months', node.horizonMonths));
    expect(await text('build-p50')).toBe(formatWithSE(node.build.firstMW.p50, node.build.firstMW.se50, 'months', node.horizonMonths));
    expect(await text('buy-full-p50')).toBe(formatWithSE(node.buy.fullMW.p50, node.buy.fullMW.se50, 'months', node.horizonMonths));
    // The build arm's queue run carried the site's grid-access phase, in the app as in Node (and the CLI).
    const g = ran.queue.gridAccess!;
    expect(await text('bvb-grid-access')).toContain(`(${g.distanceKm.toFixed(1)} km to the substation): P10 ${g.months.p10.toFixed(1)} · P50 ${g.months.p50.toFixed(1)} · P90 ${g.months.p90.toFixed(1)} months`);
    // The greenfield arm's queue wait reads on the panel's clock: months from today and their month.
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    const qp50 = ran.queue.timeToPower.p50;
    expect(await text('queue-p50')).toBe(formatMonths(qp50, ran.queue.horizonMonths) + withMonthDate('', qp50, today, ran.queue.horizonMonths));
    expect(await text('queue-p50')).toMatch(/\((Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20\d\d\)$/);
    // P(buy earlier by ≥ N) is read off the same summary when N changes, without a new run.
    await page.fill('input[name=lead-months]', '12');
    expect(await text('p-buy-earlier-by')).toBe(formatPct(node.pBuyEarlierBy[12], 1));
    expect(await page.textContent('.bvb-panel .status')).toContain('Done');
    // Every chart is drawn with its reading; the tornado has bars. Charts draw one per task after the key numbers.
    await expect.poll(() => page.locator('.bvb-panel figure.chart').count()).toBe(3);
    // The widest tornado bar (a pool model in the browser) equals the same pipeline run in Node.
    const top = tornadoChartBars(ran.tornado ?? tornado(ran.req), 'build')[0];
    expect(await page.textContent('.bvb-panel .tornado figcaption')).toContain(`${top.label} moves the build P50 the most: from ${formatMonths(top.low)} to ${formatMonths(top.high)}`);
    await shoot(s, '20-buy-vs-build.png');
    expect(s.pageErrors).toEqual([]);
  });

  it('refuses an invalid rho with a message naming the field and runs nothing', async () => {
    const page = s.page;
    const before = await page.textContent('.bvb-panel [data-key="build-p50"]');
    await page.fill('input[name=rho]', '1.7');
    expect(await page.textContent('.bvb-panel [data-field="rho"]')).toMatch(/rho.*between 0 and 1, got 1\.7/);
    await page.getByRole('button', { name: 'Run buy vs build' }).click();
    expect(await page.textContent('.bvb-panel .run-error')).toMatch(/^Not run: Correlation of buy and build \(ρ\): /);
    expect(await page.textContent('.bvb-panel .status')).toContain('Done');
    expect(await page.textContent('.bvb-panel [data-key="build-p50"]')).toBe(before);
    expect(await page.inputValue('input[name=rho]')).toBe('1.7');
    await shoot(s, '21-buy-vs-build-bad-rho.png');
    await page.fill('input[name=rho]', '0.4');
    expect(await page.locator('.bvb-panel [data-field="rho"]').count()).toBe(0);
  });

  it('Leasing shows the building’s pre-leased share at the buy arm’s time to power, equal to Node', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Leasing' }).click();
    expect(await page.inputValue('select[name=absorption-preset]')).toBe('north-america-2024');
    expect(await page.inputValue('select[name=delivered-by]')).toBe('buy');
    await page.fill('input[name=abs-trials]', String(ABS_TRIALS));
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Run leasing simulation' }).click();
    await page.waitForFunction(() => document.querySelector('.leasing-panel .status')?.textContent?.includes('Done'), undefined, { timeout: 120_000 });
    console.log(`leasing (${ABS_TRIALS} markets) in the browser: ${Date.now() - t0} ms`);

    const presets = loadAbsorptionPresets(json('data/absorption.json'));
    if (!presets.ok || !defaults.ok) throw new Error('presets');
    const p = presets.value['north-america-2024'].params;
    const facts = siteFactsFor(site, paramsForRegion(defaults.value, site.queuePreset).site).facts;
    const req = validateAbsorptionRequest({
      model: 'absorption',
      presetId: 'north-america-2024',
      params: { ...p, userBuilding: { ...p.userBuilding, mw: itMW(facts) } },
      deliveryTable: quantileTableFromRows(node.perTrial.buyFirst, node.perTrial.count),
      trials: ABS_TRIALS,
      seed: SEED,
    });
    if (!req.ok) throw new Error(JSON.stringify(req.errors));
    const abs = runInThread('absorption', req.value);
    const u = abs.userBuilding;
    expect(await page.textContent('.leasing-panel [data-key="preleased-p50"]')).toBe(formatPct(u.preleasedAtDelivery.p50));
    expect(await page.textContent('.leasing-panel [data-key="preleased-p10"]')).toBe(formatPct(u.preleasedAtDelivery.p10));
    expect(await page.textContent('.leasing-panel [data-key="p-at-least"]')).toBe(formatPct(u.pAtLeastPreleased[80], 0));
    await page.fill('input[name=at-least]', '50');
    expect(await page.textContent('.leasing-panel [data-key="p-at-least"]')).toBe(formatPct(u.pAtLeastPreleased[50], 0));
    // Both fan charts, the pre-leasing one with the reported 74–84% band in its legend/notes.
    await expect.poll(() => page.locator('.leasing-panel figure.chart').count()).toBe(2);
    expect(await page.textContent('.leasing-panel')).toContain('74–84%');
    await shoot(s, '22-leasing.png');
    expect(s.pageErrors).toEqual([]);
  });

  it('Samara starts with export-control risk on and the Russia market; Cancel stops a run and the next one works', async () => {
    const page = s.page;
    await page.selectOption('select[name=site-select]', 'intelion-samara');
    expect(await page.inputValue('select[name=absorption-preset]')).toBe('russia');
    await page.getByRole('tab', { name: 'Buy vs build' }).click();
    expect(await page.inputValue('#bvb-gpu-exportControlProbability')).toBe('1');
    await page.fill('input[name=bvb-trials]', '2000000');
    await page.getByRole('button', { name: 'Run buy vs build' }).click();
    await page.waitForFunction(() => /Step/.test(document.querySelector('.bvb-panel .status')?.textContent ?? ''));
    await page.locator('.bvb-panel').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.textContent('.bvb-panel .status')).toContain('Cancelled');
    await page.fill('input[name=bvb-trials]', '2000');
    await page.getByRole('button', { name: 'Run buy vs build' }).click();
    await page.waitForFunction(() => document.querySelector('.bvb-panel .status')?.textContent?.includes('Done: 2,000 trials'), undefined, { timeout: 60_000 });
    expect(await page.textContent('.bvb-panel [data-key="build-p50"]')).toMatch(/mo$/);
    expect(s.pageErrors).toEqual([]);
  });
});

// The pure steps between the engines and the tabs, checked in this test's Node process.
describe('buy vs build tab helpers (Node)', () => {
  it('the tornado as a pool model (chunks of trials, merged in order) equals the engine\'s tornado for the same request', () => {
    if (!defaults.ok) throw new Error('defaults');
    const req = prepareBuyVsBuildRequest({ defaults: defaults.value, site, queueTable: lognormalTable(36, 72), trials: 1000, seed: 7 });
    if (!req.ok) throw new Error(JSON.stringify(req.errors));
    // 800 trials = 4 chunks of 250, 250, 250 and 50: the merge must put them back in trial order.
    expect(runInThread('tornado', tornadoRequest(req.value, 800))).toEqual(tornado(req.value, { trials: 800 }));
  });

  it('a delivery table from per-trial months keeps "never" as Infinity and never decreases', () => {
    const col = Float64Array.from([...Array.from({ length: 90 }, (_, i) => 10 + i), ...Array(10).fill(Infinity)]);
    const t = quantileTableFromRows(col, col.length, 20);
    expect(t[0]).toBeCloseTo(10 + 0.005 * 99, 9); // level 0 is pulled in by half a trial
    expect(t[10]).toBeCloseTo(10 + 49.5, 9); // the median of 10 … 99 and 10 × never
    expect(t.slice(19)).toEqual([Infinity, Infinity]);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
  });

  it('drafts become nested overrides; text that is not a number names its field', () => {
    if (!defaults.ok) throw new Error('defaults');
    const base = paramsForRegion(defaults.value, 'ercot-large-load');
    const r = draftsToOverrides(base, { rho: '0.7', 'buy.close.p90': '12,000', 'buy.close.p50': '1,2', 'site.pue': String(base.site.pue), 'gpu.leadTime.p50': 'soon', nope: '1', valueOf: '1', 'constructor.name': '1' });
    expect(nestOverrides(r.overrides)).toEqual({ rho: 0.7, buy: { close: { p90: 12000 } } });
    // "1,2" is refused, not read as 12 (the one number parser: decimal point only; groups of three may use commas).
    expect(r.errors).toEqual([
      { field: 'buy.close.p50', message: 'must be a number with a decimal point: "1,2" is ambiguous (write 1.2 for a decimal, or 12 for a whole number)' },
      { field: 'gpu.leadTime.p50', message: 'must be a number, got "soon"' },
      { field: 'nope', message: 'is not a parameter of this model' },
      { field: 'valueOf', message: 'is not a parameter of this model' },
      { field: 'constructor.name', message: 'is not a parameter of this model' },
    ]);
  });
});
