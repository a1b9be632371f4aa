/**
 * The one-page brief's content model: P10/P50/P90 as months and calendar dates counted from the
 * queue's as-of date (not today), "not run" for a tab without results, money in $, the tornado's
 * widest inputs first, display names (a hostile or Cyrillic site name stays the text it is), and the
 * link and hash passed through unchanged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataFromText } from '../../src/data/load';
import { defaultScenario, type SummaryRow } from '../../src/snapshot';
import { runInThread } from '../../src/sim/in-thread';
import { validateQueueRequest } from '../../src/sim/queue/params';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import { Input } from '../../src/sim/buy-vs-build/kernel';
import type { TornadoResult } from '../../src/sim/buy-vs-build/tornado';
import { buildBrief, type BriefInput } from '../../src/ui/brief-content';

const text = (f: string) => readFileSync(`data/${f}`, 'utf8');
const data = loadDataFromText({ sites: text('sites.geojson'), hubs: text('hubs.geojson'), regions: text('regions.json') });
const presets = loadQueuePresets(JSON.parse(text('regions.json'))).presets;
const NAME = 'Жигулёвская <b>ГЭС</b> & "site"';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function queueSummary() {
  const q = validateQueueRequest({ model: 'queue', presetId: 'ercot-large-load', params: presets['ercot-large-load'].params, projectMW: 200, trials: 400, seed: 7 });
  if (!q.ok) throw new Error(JSON.stringify(q.errors));
  return runInThread('queue', q.value);
}

function input(over: Partial<BriefInput> = {}): BriefInput {
  const scenario = defaultScenario('test', 'abc');
  scenario.customSites = [{ id: 'custom-1', name: NAME, lon: 50.1, lat: 53.2, uiRegion: 'samara', queuePreset: null, kind: 'greenfield', gridMW: 300, aiUsableMW: 200, pue: null }];
  scenario.selectedSiteIds = ['custom-1'];
  return {
    scenario,
    sites: data.sites,
    preset: (id) => (id && Object.hasOwn(presets, id) ? presets[id] : undefined),
    regions: data.regions,
    title: 'Board brief',
    madeOn: '2026-12-04',
    todayMonth: '2026-12',
    link: 'http://localhost:4173/#s=1.abc',
    hash: 'f'.repeat(64),
    ...over,
  };
}

function row(option: string, units: string, p10: number, p50: number, p90: number): SummaryRow {
  return { site: NAME, option, units, p10, p50, p90, se50: NaN, se90: NaN, neverShare: 0, n: 1000 };
}

const lines = (b: ReturnType<typeof buildBrief>, heading: string) => b.sections.find((s) => s.heading.startsWith(heading))?.lines ?? [];

describe('the brief', () => {
  it('says "not run" for every tab without results, and names the site, the day, the link and the hash', () => {
    const b = buildBrief(input());
    expect(b.title).toBe('Board brief');
    expect(b.subtitle).toBe(`Sites: ${NAME} · made 4 Dec 2026`);
    expect(b.curve).toBeNull();
    for (const h of ['Time to power', 'Buy a mine', 'Economics', 'Assumptions that moved P50']) expect(lines(b, h)).toEqual(['not run']);
    expect(b.link).toBe('http://localhost:4173/#s=1.abc');
    expect(b.hash).toBe('f'.repeat(64));
    expect(b.sources.some((s) => s.includes(NAME) && s.includes('entered by you'))).toBe(true);
  });

  it("gives P10/P50/P90 with the calendar month they reach, counted from the queue's as-of date", () => {
    const s = queueSummary();
    const b = buildBrief(input({ queue: { summary: s, siteName: NAME } }));
    const asOf = s.asOf ?? '';
    expect(asOf).toMatch(/^\d{4}-\d{2}/);
    const at = (m: number) => {
      const idx = Number(asOf.slice(0, 4)) * 12 + Number(asOf.slice(5, 7)) - 1 + Math.floor(m);
      return `${MONTHS[idx % 12]} ${Math.floor(idx / 12)}`;
    };
    const q = lines(b, 'Time to power');
    expect(q[0]).toBe(`${NAME}, 200 MW request`);
    expect(q[2]).toBe(`P50 ${s.timeToPower.p50.toFixed(1)} mo (${at(s.timeToPower.p50)})`);
    expect(q[1]).toContain(`(${at(s.timeToPower.p10)})`);
    expect(b.curveNote).toContain(asOf);
    // The chart's time axis reads as calendar years, and its title states month 0.
    expect(b.curve?.xAxis.ticks.length).toBeGreaterThan(2);
    for (const t of b.curve?.xAxis.ticks ?? []) expect(t.label).toMatch(/^(\d{4}|[A-Z][a-z]{2} \d{4})$/);
    expect(b.curve?.xAxis.title).toContain(`month 0 = ${asOf}`);
    expect(b.curve?.series[0].path).toMatch(/^M/);
  });

  it('prints buy-vs-build months with dates from today and economics in dollars', () => {
    const results = { summary: [row('buy · first MW', 'months', 6, 11.5, 20), row('economics · lease NPV (120 months)', 'USD', -2.5e6, 4.87e8, 9e8)] };
    const b = buildBrief(input({ results }));
    expect(lines(b, 'Buy a mine')).toEqual(['first MW: P10 6.0 mo (Jun 2027) · P50 11.5 mo (Nov 2027) · P90 20.0 mo (Aug 2028)']);
    expect(lines(b, 'Economics')).toEqual(['lease NPV (120 months): P10 −$2.5M · P50 $487.0M · P90 $900.0M']);
  });

  it('lists the inputs that moved P50 most, widest first, with their pinned values', () => {
    const arm = (buy: number, build: number) => ({ buy, build });
    const tornado: TornadoResult = {
      output: 'firstMW',
      trials: 500,
      base: arm(10, 40),
      bars: [
        { input: Input.buyClose, key: 'buy.close', label: '', unit: 'months', lowValue: 2, highValue: 6, atLow: arm(8, 40), atHigh: arm(12, 40), swing: 4 },
        { input: Input.buildSiteControl, key: 'build.siteControl', label: '', unit: 'months', lowValue: 3, highValue: 18, atLow: arm(10, 33), atHigh: arm(10, 52), swing: 19 },
      ],
    };
    const b = buildBrief(input({ tornado: { result: tornado, arm: 'build' } }));
    const t = lines(b, 'Assumptions that moved P50');
    expect(t[0]).toBe('P50 of build greenfield: 40.0 mo with every input drawn as usual');
    expect(t[1]).toBe('Build: site control: P50 33.0 mo to 52.0 mo (input 3.0 mo to 18.0 mo)');
    // The buy input does not move the build arm's P50, so it is not listed.
    expect(t).toHaveLength(2);
  });
});
