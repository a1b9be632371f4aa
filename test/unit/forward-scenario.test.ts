/**
 * The forward path travels with the scenario (issue 8 item 2): a typed table survives a share link
 * and a JSON file into a fresh app state; a table that does not fit the preset (a year on or before
 * the stock's as-of date) is refused with the field named and the scenario on screen stays as it
 * was; a file made before the field existed opens with each preset's default path.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load';
import { loadQueuePresets, type QueuePresetDoc } from '../../src/sim/queue/presets';
import { parseDate } from '../../src/sim/queue/schedule';
import { decodeLink, encodeLink } from '../../src/snapshot/link';
import { exportScenarioJson, importScenarioJson } from '../../src/snapshot/json-file';
import { summaryCsv } from '../../src/snapshot/csv';
import { queueSummaryRows } from '../../src/snapshot/summary-rows';
import type { QueueSummary } from '../../src/sim/queue/summary';
import { ScenarioState } from '../../src/state/scenario-state.svelte';
import { PoolHolder } from '../../src/state/sim-pool';
import type { QueueState } from '../../src/state/queue-state.svelte';
import { SiteState } from '../../src/state/site-state.svelte';

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as unknown;
const regions = read('data/regions.json');
const data = loadData({ sites: read('data/sites.geojson'), hubs: read('data/hubs.geojson'), regions });
const presets = loadQueuePresets(regions).presets;
const ERCOT = 'ercot-large-load';
const SITE = 'riot-rockdale';

/** A fresh app: sites, presets, a pool that must never be used (nothing here runs a model). */
function app() {
  const site = new SiteState();
  site.sites = data.sites;
  const pools = new PoolHolder(() => {
    throw new Error('no run expected in this test');
  });
  const scn = new ScenarioState(site, pools);
  const sim = scn.queue;
  sim.presets = presets;
  site.selectedId = SITE;
  return { site, sim, scn };
}

let doc: QueuePresetDoc;
let asOfYear: number;
beforeAll(() => {
  doc = presets[ERCOT];
  asOfYear = parseDate(doc.params.stock?.asOf ?? '')?.[0] ?? NaN;
  expect(Number.isInteger(asOfYear), 'the ERCOT preset states its stock as-of date').toBe(true);
  expect(data.sites.some((s) => s.id === SITE && s.queuePreset === ERCOT)).toBe(true);
});

/** Types a two-row path into the forward table of `sim`. */
function typeTable(sim: QueueState, firstYear: number) {
  sim.forward.setMode(doc, 'table');
  sim.forward.edit(doc, 0, 'year', String(firstYear));
  sim.forward.edit(doc, 0, 'arrivalsPerYear', '400');
  sim.forward.addRow(doc);
  sim.forward.edit(doc, 1, 'sizeFactor', '1.5');
  sim.forward.edit(doc, 1, 'headroomMWPerYear', '2,000');
}

describe('forward path in scenarios', () => {
  it('round-trips a typed table through a share link and a JSON file into a fresh app', () => {
    const a = app();
    typeTable(a.sim, asOfYear + 1);
    const expected = { rows: [{ year: asOfYear + 1, arrivalsPerYear: 400 }, { year: asOfYear + 2, sizeFactor: 1.5, headroomMWPerYear: 2000 }] };
    const scenario = a.scn.current();
    expect(scenario.queueForward).toEqual({ [ERCOT]: expected });

    const link = decodeLink(encodeLink(scenario).hash);
    expect(link.ok).toBe(true);
    const b = app();
    expect(link.ok && b.scn.apply(link.value, 'link').ok).toBe(true);
    expect(b.sim.forward.modeFor(doc)).toBe('table');
    expect(b.scn.current().queueForward).toEqual({ [ERCOT]: expected });
    expect(b.sim.forward.describe(doc)).toBe(a.sim.forward.describe(doc));

    const text = exportScenarioJson(scenario);
    const file = importScenarioJson(text, 'scenario.json', text.length);
    expect(file.ok).toBe(true);
    const c = app();
    expect(file.ok && c.scn.apply(file.value.scenario, 'file').ok).toBe(true);
    expect(c.scn.current()).toEqual(scenario);
  });

  it('round-trips "flat" when the preset default is another path, and "trend" where the preset states one', () => {
    const a = app();
    const other = doc.forward.default === 'flat' ? (doc.forward.trend ? 'trend' : null) : 'flat';
    if (other === null) return expect(doc.forward.trend, 'ERCOT states a trend').not.toBeNull();
    a.sim.forward.setMode(doc, other);
    const s = a.scn.current();
    expect(s.queueForward).toEqual({ [ERCOT]: other });
    const b = app();
    const link = decodeLink(encodeLink(s).hash);
    expect(link.ok && b.scn.apply(link.value).ok).toBe(true);
    expect(b.sim.forward.modeFor(doc)).toBe(other);
  });

  it('refuses a table whose year is on or before the as-of date, naming the field, and keeps the scenario on screen', () => {
    const a = app();
    typeTable(a.sim, asOfYear + 1);
    a.scn.settings.trialsText = '1234';
    const before = a.scn.current();
    const bad = structuredClone(before);
    bad.queueForward = { [ERCOT]: { rows: [{ year: asOfYear, arrivalsPerYear: 10 }] } };
    bad.settings.trials = 99;
    // The link itself is well formed; the year only fails against the preset's as-of date.
    const link = decodeLink(encodeLink(bad).hash);
    expect(link.ok).toBe(true);
    const r = link.ok ? a.scn.apply(link.value, 'link') : link;
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual([`link.queueForward.${ERCOT}.rows.0.year`]);
    expect(r.errors[0].message).toContain(`as-of date ${doc.params.stock?.asOf}`);
    expect(a.scn.current()).toEqual(before);
    expect(a.scn.settings.trialsText).toBe('1234');
  });

  it('names a bad cell typed in the app, holds it back from links until fixed, and runs nothing', () => {
    const a = app();
    typeTable(a.sim, asOfYear + 1);
    a.sim.forward.edit(doc, 1, 'withdrawalFactor', 'lots');
    const site = a.scn.siteRef(SITE)!;
    expect(a.sim.validate(site)['forward.rows.1.withdrawalFactor']).toBe('must be a number, got "lots"');
    expect(a.scn.inputProblems().map((e) => e.field)).toEqual([`queueForward.${ERCOT}.rows.1.withdrawalFactor`]);
    // The pool throws if touched: a refused run never reaches it.
    void a.sim.start(site);
    expect(a.sim.run.status).toBe('idle');
    expect(a.sim.run.error).toContain('Forward path, row 2, Withdrawal factor (×): ');
  });

  it('opens a scenario made before forward paths existed with each preset default', () => {
    const a = app();
    typeTable(a.sim, asOfYear + 1);
    const old = structuredClone(a.scn.current());
    delete old.queueForward;
    expect(a.scn.apply(old).ok).toBe(true);
    expect(a.sim.forward.modeFor(doc)).toBe(doc.forward.default);
    expect(a.scn.current().queueForward).toBeUndefined();
  });

  it('says in the summary CSV which forward path a queue run used', () => {
    const a = app();
    typeTable(a.sim, asOfYear + 1);
    const said = a.sim.forward.describe(doc);
    const t = { p10: 1, p50: 2, p90: 3, se10: 0, se50: 0, se90: 0, neverShare: 0, n: 10 };
    const csv = summaryCsv(queueSummaryRows('Riot', { projectMW: 25, timeToPower: t, timeToIA: t } as unknown as QueueSummary, said));
    const [header, first] = csv.split('\r\n');
    expect(header.split(',').at(-1)).toBe('forward path');
    expect(first).toContain(`Typed path after ${doc.params.stock?.asOf}: from ${asOfYear + 1}: Requests per year 400`);
  });
});

