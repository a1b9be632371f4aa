/**
 * "Accept curtailment" in the app's state (issue 10 §3): the optional scenario field (absent while
 * unticked, so older scenarios and links stay byte-identical), bad input named by field with the
 * scenario in use unchanged, the summary rows the CSV carries, and the same numbers as the CLI for
 * the same choice (queue via `simulate --scenario`, buy vs build via `--curtailable --floor-mw`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load';
import { runInThread } from '../../src/sim/in-thread';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import { decodeLink, encodeLink, exportScenarioJson, importScenarioJson, parseScenario, summaryCsv } from '../../src/snapshot';
import { ScenarioState } from '../../src/state/scenario-state.svelte';
import { PoolHolder } from '../../src/state/sim-pool';
import { SiteState } from '../../src/state/site-state.svelte';
import type { SimPool } from '../../workers/pool';
import { runBuyVsBuildCli } from '../../scripts/lib/buy-vs-build-cli';
import { thisMonth } from '../../scripts/lib/curtail-cli';
import { runScenario } from '../../scripts/lib/scenario-run';
import { appState, memoryStore, texasGrid } from './state-test-utils';

const SITE = 'riot-rockdale';

/** The app's state with Riot Rockdale selected and curtailment accepted at a floor typed as `floor`. */
async function curtailingAt(floor: string) {
  const state = await appState();
  state.sites.selectedId = SITE;
  state.scn.curtailment.accept = true;
  state.scn.curtailment.setFloor(floor);
  return { ...state, ref: state.scn.siteRef(SITE)! };
}
const json = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as unknown;

/** The app's states with a pool that runs every model in this thread (real numbers, no workers). */
async function runningApp(withGrid: boolean) {
  const pool = {
    size: 1,
    run: async (model: string, request: unknown) => runInThread(model as 'queue', request as never),
    warm: async () => {},
    cancel: () => {},
    destroy: () => {},
  } as unknown as SimPool;
  const sites = new SiteState();
  const regions = json('data/regions.json');
  sites.sites = loadData({ sites: json('data/sites.geojson'), hubs: json('data/hubs.geojson'), regions }).sites;
  const store = memoryStore();
  const scn = new ScenarioState(sites, new PoolHolder(() => pool), { openStore: async () => ({ ok: true, value: store }), tabId: async () => 'tab-1', grid: withGrid ? texasGrid() : null });
  scn.queue.presets = loadQueuePresets(regions).presets;
  await scn.ready();
  sites.selectedId = SITE;
  return scn;
}

describe('accept curtailment: scenario field and input checks', () => {
  it('absent while unticked: the scenario, its link and the queue request are as before, even with a floor typed', async () => {
    const { scn, sites } = await appState();
    sites.selectedId = SITE;
    const ref = scn.siteRef(SITE)!;
    const before = JSON.stringify(scn.current());
    const reqBefore = JSON.stringify(scn.queue.request(ref));
    scn.curtailment.setFloor('10');
    scn.curtailment.setHours('p50', '300');
    expect(JSON.stringify(scn.current())).toBe(before);
    expect(JSON.stringify(scn.queue.request(ref))).toBe(reqBefore);
    expect('curtailment' in scn.current()).toBe(false);

    scn.curtailment.accept = true;
    // P90 still blank: hours are not a valid pair yet, so the scenario keeps the region's default.
    expect(scn.current().curtailment).toEqual({ floorMW: 10 });
    expect(scn.inputProblems().map((e) => e.field)).toContain('curtailment.hoursPerYear.p90');
    scn.curtailment.setHours('p90', '900');
    expect(scn.current().curtailment).toEqual({ floorMW: 10, hoursPerYear: { p50: 300, p90: 900 } });
    const req = scn.queue.request(ref);
    expect(req.ok && req.value.curtailment).toMatchObject({ ruleId: 'ercot-pclr', floorMW: 10, hoursPerYear: { p50: 300, p90: 900 } });
  });

  it('an older scenario (the v2 fixture, migrated) opens with every MW firm and writes no curtailment field', async () => {
    const { scn } = await appState();
    const old = parseScenario((json('test/fixtures/scenarios/v2-example.json') as { scenario: unknown }).scenario);
    expect(old.ok).toBe(true);
    if (!old.ok) return;
    scn.curtailment.accept = true;
    expect(scn.apply(old.value).ok).toBe(true);
    expect(scn.curtailment.accept).toBe(false);
    expect('curtailment' in scn.current()).toBe(false);
  });

  it('travels in a link and reads back into a fresh app', async () => {
    const a = await appState();
    a.sites.selectedId = SITE;
    a.scn.curtailment.accept = true;
    a.scn.curtailment.setFloor('75');
    const link = encodeLink(a.scn.current());
    const b = await appState({ tabId: 'tab-2' });
    const decoded = decodeLink(link.hash);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value.curtailment).toEqual({ floorMW: 75 });
    expect(b.scn.apply(decoded.value).ok).toBe(true);
    expect(b.scn.curtailment.accept).toBe(true);
    expect(b.scn.curtailment.floorText).toBe('75');
    expect(JSON.stringify(b.scn.current())).toBe(JSON.stringify(a.scn.current()));
  });

  it('"1,2", a negative hour and P90 < P50 are named by field, stop the run, and leave the scenario as it was', async () => {
    const { scn, runs, ref } = await curtailingAt('20');
    const good = JSON.stringify(scn.current());

    scn.curtailment.setFloor('1,2');
    expect(scn.queue.validate(ref)['curtailment.floorMW']).toMatch(/decimal point.*1\.2.*12/);
    scn.curtailment.setFloor('20');
    scn.curtailment.setHours('p50', '-5');
    scn.curtailment.setHours('p90', '100');
    expect(scn.queue.validate(ref)['curtailment.hoursPerYear.p50']).toMatch(/must not be negative/);
    scn.curtailment.setHours('p50', '300');
    expect(scn.queue.validate(ref)['curtailment.hoursPerYear.p90']).toMatch(/P90 \(100 hours\) must be ≥ P50 \(300 hours\)/);
    expect(JSON.stringify(scn.current())).toBe(good);
    expect(scn.inputProblems().map((e) => e.field)).toEqual(['curtailment.hoursPerYear.p90']);

    await scn.queue.start(ref);
    expect(runs).toHaveLength(0);
    expect(scn.queue.run.error).toMatch(/Curtailment · hours per year · P90: /);
  });

  it('a floor above the request is named on both tabs and nothing runs', async () => {
    const { scn, runs, ref } = await curtailingAt('1000000');
    expect(scn.queue.validate(ref)['curtailment.floorMW']).toMatch(/must not be above the request/);
    expect(scn.bvb.validate(ref)['curtailment.floorMW']).toMatch(/must not be above the request/);
    await scn.bvb.start(ref);
    expect(runs).toHaveLength(0);
    expect(scn.bvb.run.error).toMatch(/Curtailment · floor MW: /);
  });

  it('a link or file with P90 < P50 or negative hours is refused naming the field; the scenario in use is unchanged', async () => {
    const { scn } = await appState();
    const before = JSON.stringify(scn.current());
    for (const [hours, field] of [
      [{ p50: 300, p90: 100 }, 'curtailment.hoursPerYear.p90'],
      [{ p50: -1, p90: 100 }, 'curtailment.hoursPerYear.p50'],
    ] as const) {
      const bad = { ...JSON.parse(before), curtailment: { floorMW: 10, hoursPerYear: hours } };
      const parsed = parseScenario(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.errors.map((e) => e.field).join(' ')).toContain(field);
    }
    const floorNeg = parseScenario({ ...JSON.parse(before), curtailment: { floorMW: -3 } });
    expect(floorNeg.ok).toBe(false);
    expect(JSON.stringify(scn.current())).toBe(before);
  });
});

describe('accept curtailment: the app and the CLI give the same numbers', () => {
  it('queue: the app’s run and `simulate --scenario` on the same scenario, with curtailment rows in the summary CSV', async () => {
    // `simulate --scenario` runs the queue model without grid layers: so does the app here.
    const scn = await runningApp(false);
    scn.settings.trialsText = '1000';
    scn.curtailment.accept = true;
    scn.curtailment.setFloor('10');
    const ref = scn.siteRef(SITE)!;
    await scn.queue.start(ref);
    const app = scn.queue.run.result!;
    expect(app.curtailment).toBeDefined();
    expect(app.curtailment!.curtailable.p50).toBeLessThanOrEqual(app.curtailment!.firm.p50);

    const cli = await runScenario(scn.current(), process.cwd());
    const appRows = scn.results()!.summary;
    expect(cli.summary).toEqual(appRows);
    expect(cli.sites[0].curtailable).toEqual({ p10: app.curtailment!.curtailable.p10, p50: app.curtailment!.curtailable.p50, p90: app.curtailment!.curtailable.p90 });
    expect(cli.sites[0].curtailedEnergyShare?.p50).toBe(app.curtailment!.curtailedEnergyShare.p50);

    // The JSON file carries the choice and the curtailment rows, and reads back to the same scenario.
    const text = exportScenarioJson(scn.current(), scn.results());
    const back = importScenarioJson(text, 'scenario.json', text.length);
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.value.scenario.curtailment).toEqual({ floorMW: 10 });
      expect(back.value.results!.summary.map((r) => r.option)).toEqual(appRows.map((r) => r.option));
    }
    const csv = summaryCsv(appRows);
    expect(csv).toMatch(/queue · first MW, curtailable \(floor 10 MW firm; [^)]*\)/);
    expect(csv).toContain('queue · full firm MW (curtailment accepted)');
    expect(csv).toMatch(/queue · share of energy curtailed until firm[^\r\n]*share of energy/);
  }, 60_000);

  it('buy vs build: the app’s pipeline and `--model buy-vs-build --curtailable --floor-mw 10` agree to the last digit', async () => {
    // The CLI reads the shipped grid layers: the app gets the Texas one.
    const scn = await runningApp(true);
    scn.settings.trialsText = '2000';
    scn.settings.seedText = '7';
    scn.curtailment.accept = true;
    scn.curtailment.setFloor('10');
    const ref = scn.siteRef(SITE)!;
    await scn.bvb.start(ref);
    const r = scn.bvb.run.result!;
    expect(r.queue.curtailment).toBeDefined();
    const cli = await runBuyVsBuildCli({ site: SITE, trials: 2000, seed: 7, curtail: { floorMW: 10, asOf: thisMonth(), assumePath: false } });
    expect(cli.ok).toBe(true);
    if (!cli.ok) return;
    const out = cli.value as Record<string, { p10: number; p50: number; p90: number }>;
    const s = r.summary;
    expect(out.build.p50).toBe(s.build.firstMW.p50);
    expect(out.buildFirm.p50).toBe(s.curtailment!.buildFirmFirstMW.p50);
    expect(out.buildFirm.p90).toBe(s.curtailment!.buildFirmFirstMW.p90);
    expect(out.curtailable).toEqual({ p10: r.queue.curtailment!.curtailable.p10, p50: r.queue.curtailment!.curtailable.p50, p90: r.queue.curtailment!.curtailable.p90 });
    expect(out.curtailedEnergyShare.p50).toBe(r.queue.curtailment!.curtailedEnergyShare.p50);
    expect((cli.value as { delayCostUSD: unknown }).delayCostUSD).toEqual(JSON.parse(JSON.stringify(s.delayCostUSD)));
    // First curtailable MW never after the firm MW; the summary CSV names both.
    expect(s.build.firstMW.p50).toBeLessThanOrEqual(s.curtailment!.buildFirmFirstMW.p50);
    const csv = summaryCsv(scn.results()!.summary);
    expect(csv).toContain('build · first MW (curtailable)');
    expect(csv).toContain('build · first firm MW');
    expect(csv).toContain('build · queue · share of energy curtailed until firm');
  }, 120_000);
});
