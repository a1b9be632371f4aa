/**
 * Presenter slides: every number is printed in its field's unit (money as $, durations in months,
 * shares as %), sites and models by their display names (never ids or parameter paths), and the map
 * is framed on the scenario's sites and coloured by their P50.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataFromText } from '../../src/data/load';
import { defaultScenario, type SummaryRow } from '../../src/snapshot';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import { rangeGeometry } from '../../src/charts/range-geometry';
import { siteMapGeometry } from '../../src/charts/site-map-geometry';
import { P50_CLASSES } from '../../src/map/site-layers';
import { buildSlides, type ChartSlide } from '../../src/ui/presenter-slides';

const text = (f: string) => readFileSync(`data/${f}`, 'utf8');
const data = loadDataFromText({ sites: text('sites.geojson'), hubs: text('hubs.geojson'), regions: text('regions.json') });
const presets = loadQueuePresets(JSON.parse(text('regions.json'))).presets;
const HOSTILE = '<img src=x onerror=alert(1)>';

function row(site: string, option: string, units: string, p10: number, p50: number, p90: number): SummaryRow {
  return { site, option, units, p10, p50, p90, se50: NaN, se90: NaN, neverShare: 0, n: 1000 };
}

function scenarioWithCustomSite() {
  const s = defaultScenario('test', 'abc');
  s.customSites = [{ id: 'custom-1', name: HOSTILE, lon: -97.1, lat: 31.2, uiRegion: 'texas', queuePreset: 'ercot-large-load', kind: 'greenfield', gridMW: 300, aiUsableMW: 200, pue: null }];
  s.selectedSiteIds = ['custom-1'];
  s.queueOverrides = { 'ercot-large-load': { 'phases.constr.p50': 40 } };
  return s;
}

const results = {
  summary: [
    row(HOSTILE, 'queue · time to power (200 MW)', 'months', 20.04, 33.14, 61.2),
    row(HOSTILE, 'queue · time to IA', 'months', 10, 14, 20),
    row(HOSTILE, 'economics · lease NPV (120 months)', 'USD', -603353351.1, 486520853, 900000000),
    row(HOSTILE, 'economics · lease payback', 'months', 30, 42, 70),
    row(HOSTILE, 'build · queue · share of energy curtailed until firm (ERCOT)', 'share of energy', 0.05, 0.12, 0.3),
  ],
};

function slides() {
  return buildSlides({ scenario: scenarioWithCustomSite(), results, sites: data.sites, preset: (id) => (id && Object.hasOwn(presets, id) ? presets[id] : undefined), regions: data.regions });
}

/** Every text a slide puts on screen, including the charts' and tables' cells. */
function visibleTexts(): string[] {
  const out: string[] = [];
  for (const s of slides()) {
    out.push(s.heading);
    if (s.kind === 'map') out.push(...s.table.rows.flatMap((r) => [r.label, ...r.cells]), ...s.sites.map((x) => x.name));
    if (s.kind === 'chart') for (const c of s.charts) {
      const g = rangeGeometry(c.rows, { unit: c.unit, valueKind: c.valueKind });
      out.push(c.caption, g.xAxis.title, ...g.xAxis.ticks.map((t) => t.label), ...g.bars.map((b) => b.text), ...g.table.rows.flatMap((r) => [r.label, ...r.cells]));
    }
    if (s.kind === 'assumptions') out.push(...s.rows.flatMap((r) => [r.label, r.value, r.source]));
  }
  return out;
}

describe('presenter slides', () => {
  it('has a map slide first, a chart slide per tab with results, and the assumptions last', () => {
    const s = slides();
    expect(s.map((x) => x.kind)).toEqual(['map', 'chart', 'chart', 'chart', 'assumptions']);
    expect((s.filter((x) => x.kind === 'chart') as ChartSlide[]).map((x) => x.heading.split(':')[0])).toEqual(['Grid queue', 'Economics', 'Buy vs build']);
  });

  it('prints money as $, durations as months and shares as %: never money as months', () => {
    const charts = slides().filter((x) => x.kind === 'chart') as ChartSlide[];
    for (const c of charts.flatMap((x) => x.charts)) {
      const g = rangeGeometry(c.rows, { unit: c.unit, valueKind: c.valueKind });
      const cells = g.table.rows.flatMap((r) => r.cells);
      const units = results.summary.find((r) => c.rows.some((x) => r.option.endsWith(x.label)))!.units;
      const pattern = units === 'USD' ? /^−?\$[\d.]+[kMB]?$/ : units === 'months' ? /^[\d.]+ mo$/ : /^[\d.]+%$/;
      for (const cell of [...cells, ...g.xAxis.ticks.map((t) => t.label)]) expect(cell, `${units}: ${cell}`).toMatch(pattern);
    }
    const econ = charts.find((x) => x.heading.startsWith('Economics'))!;
    const npv = econ.charts.find((c) => c.valueKind === 'usd')!;
    expect(rangeGeometry(npv.rows, { unit: npv.unit, valueKind: 'usd' }).table.rows[0].cells).toEqual(['−$603.4M', '$486.5M', '$900.0M']);
  });

  it('names sites, models and parameters by display name: no id or parameter path on any slide', () => {
    const all = visibleTexts().join('\n');
    for (const id of ['custom-1', 'ercot-large-load', 'phases.constr.p50', ...data.sites.map((s) => s.id)]) expect(all).not.toContain(id);
    const a = slides().at(-1)!;
    expect(a.kind === 'assumptions' && a.rows.map((r) => r.value)).toEqual(expect.arrayContaining([HOSTILE, presets['ercot-large-load'].name, '40 months']));
    expect(a.kind === 'assumptions' && a.rows.find((r) => r.value === '40 months')!.label).toBe('Changed: Study and construction phases: IA → energized · P50');
  });

  it('frames the map on the scenario’s sites and colours each by its P50 class', () => {
    const map = slides()[0];
    if (map.kind !== 'map') throw new Error('first slide is not the map');
    const own = map.sites.find((s) => s.name === HOSTILE)!;
    expect(own.emphasis).toBe(true);
    expect(own.color).toBe(P50_CLASSES.find((c) => 33.14 <= c.upTo)!.color);
    expect(map.table.rows).toEqual([{ label: HOSTILE, color: own.color, cells: ['33.1 mo'] }]);
    const g = siteMapGeometry(null, map.sites);
    const dot = g.dots.find((d) => d.name === HOSTILE)!;
    // Framed on the one site: it sits inside the middle of the frame, and Singapore's sites are off the map.
    expect(Math.abs(dot.x - g.width / 2)).toBeLessThan(g.width / 4);
    expect(g.dots.some((d) => d.name === data.sites.find((s) => s.region === 'singapore')!.name)).toBe(false);
    expect(g.labels.map((l) => l.text)).toContain(HOSTILE);
  });

  it('never lets two map labels overlap, however crowded the sites', () => {
    const crowd = Array.from({ length: 12 }, (_, i) => ({ name: `Site number ${i}`, lon: -97 + (i % 4) * 0.3, lat: 31 + Math.floor(i / 4) * 0.2, color: '#000', emphasis: true }));
    const g = siteMapGeometry(null, crowd);
    expect(g.labels.length + g.unlabelled.length).toBe(12);
    expect(g.labels.length).toBeGreaterThan(3);
    for (const [i, a] of g.labels.entries())
      for (const b of g.labels.slice(i + 1)) expect(a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom).toBe(false);
  });
});
