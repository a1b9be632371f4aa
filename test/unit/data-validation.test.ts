// Each validation rule rejects a mutated copy of the shipped files with an error that names the
// file, the feature and the field, while every other feature is kept.
import { describe, expect, it } from 'vitest';
import { formatDataError } from '../../src/data/errors';
import { loadDataFromText, parseHubs, parseRegions, parseSites } from '../../src/data/load';
import { expectError, readRepoJson } from './data-test-utils';

const SITES = 'data/sites.geojson';
const freshSites = () => readRepoJson('data/sites.geojson');
const total = freshSites().features.length;
const rockdale = (fc: any) => fc.features.find((f: any) => f.properties.id === 'riot-rockdale');

/** Applies `mutate` to Rockdale and returns the parse result. */
function withRockdale(mutate: (f: any) => void) {
  const fc = freshSites();
  mutate(rockdale(fc));
  return parseSites(fc);
}

describe('site rules', () => {
  const cases: Array<[string, (f: any) => void, string]> = [
    ['MW as text', (f) => (f.properties.gridMW = 'abc'), 'properties.gridMW'],
    ['negative MW', (f) => (f.properties.gridMW = -5), 'properties.gridMW'],
    ['PUE below 1', (f) => (f.properties.pue = 0.9), 'properties.pue'],
    ['PUE above 3', (f) => (f.properties.pue = 3.5), 'properties.pue'],
    ['latitude out of range', (f) => (f.geometry.coordinates[1] = 95), 'geometry.coordinates[1]'],
    ['longitude out of range', (f) => (f.geometry.coordinates[0] = -200), 'geometry.coordinates[0]'],
    ['usable MW above the grid connection', (f) => (f.properties.aiItMW = 800), 'properties.aiItMW'],
    ['number without a source', (f) => f.properties.sources.forEach((s: any) => (s.supports = s.supports.filter((k: string) => k !== 'gridMW'))), 'properties.gridMW'],
    ['preset of another region', (f) => (f.properties.queuePreset = 'norway'), 'properties.queuePreset'],
    ['unknown region', (f) => (f.properties.region = 'mars'), 'properties.region'],
    ['missing status', (f) => delete f.properties.status, 'properties.status'],
    ['source date not ISO', (f) => (f.properties.sources[0].date = 'Jan 2026'), 'properties.sources[0].date'],
    ['javascript: link', (f) => (f.properties.sources[0].url = 'javascript:alert(1)'), 'properties.sources[0].url'],
    ['unknown supported field', (f) => (f.properties.sources[0].supports = ['gridmw']), 'properties.sources[0].supports[0]'],
    ['country not alpha-2', (f) => (f.properties.country = 'USA'), 'properties.country'],
    ['id not kebab-case', (f) => (f.properties.id = 'Riot Rockdale'), 'properties.id'],
    ['missing as-of date', (f) => delete f.properties.asOf, 'properties.asOf'],
    ['as-of date not ISO', (f) => (f.properties.asOf = 'Jan 2026'), 'properties.asOf'],
    ['as-of date older than the status source', (f) => (f.properties.asOf = '2020-01'), 'properties.asOf'],
    ['real site with no source for its status', (f) => f.properties.sources.forEach((s: any) => (s.supports = s.supports.filter((k: string) => k !== 'status'))), 'properties.sources'],
    ['illustrative site not labelled', (f) => Object.assign(f.properties, { illustrative: true }), 'properties.name'],
  ];

  for (const [name, mutate, field] of cases) {
    it(`rejects ${name} at ${field}, keeping the other ${total - 1} sites`, () => {
      const fc = freshSites();
      const f = rockdale(fc);
      mutate(f);
      const id = typeof f.properties.id === 'string' && f.properties.id.length ? f.properties.id : fc.features.indexOf(f);
      const { sites, errors } = parseSites(fc);
      expectError(errors, SITES, id, field);
      expect(sites).toHaveLength(total - 1);
      expect(sites.some((s) => s.id === 'riot-rockdale')).toBe(false);
    });
  }

  it('rejects a repeated id on the later feature and keeps the first', () => {
    const fc = freshSites();
    fc.features[5].properties.id = fc.features[0].properties.id;
    const { sites, errors } = parseSites(fc);
    const e = expectError(errors, SITES, fc.features[0].properties.id, 'properties.id');
    expect(e.message).toContain('index 0');
    expect(sites).toHaveLength(total - 1);
    expect(sites[0].id).toBe(fc.features[0].properties.id);
  });

  it('names a feature without a usable id by its index', () => {
    const fc = freshSites();
    fc.features.splice(2, 0, 42, { type: 'Feature', geometry: null, properties: {} });
    const { sites, errors } = parseSites(fc);
    expectError(errors, SITES, 2, '(top level)');
    expectError(errors, SITES, 3, 'geometry');
    expectError(errors, SITES, 3, 'properties.id');
    expect(sites).toHaveLength(total);
  });

  it('formats an error as one readable line naming file, feature and field', () => {
    const { errors } = withRockdale((f) => (f.properties.gridMW = 'abc'));
    expect(errors.map(formatDataError)).toEqual([
      'data/sites.geojson › feature "riot-rockdale" › properties.gridMW: must be a number, not the text "abc"',
    ]);
  });

  it('says which number lacks a source, in words', () => {
    const { errors } = withRockdale((f) => f.properties.sources.forEach((s: any) => (s.supports = s.supports.filter((k: string) => k !== 'gridMW'))));
    expect(errors[0].message).toMatch(/no source lists "gridMW"/);
  });

  it('keeps HTML and script in a name verbatim: not stripped, not executed (rendering is the UI’s job)', () => {
    const name = '<img src=x onerror="alert(1)"><script>alert("x")</script> & Co';
    const { sites, errors } = withRockdale((f) => (f.properties.name = name));
    expect(errors).toEqual([]);
    expect(sites.find((s) => s.id === 'riot-rockdale')!.name).toBe(name);
  });

  it('flattens a valid feature to properties plus lon/lat', () => {
    const { sites } = parseSites(freshSites());
    const s = sites.find((x) => x.id === 'riot-rockdale')!;
    expect([s.lon, s.lat]).toEqual([-97, 30.66]);
    expect(s).not.toHaveProperty('properties');
  });
});

describe('file-level problems', () => {
  for (const [what, json] of [
    ['a single Feature', { type: 'Feature', geometry: null, properties: {} }],
    ['a list', []],
    ['null', null],
    ['a FeatureCollection without features', { type: 'FeatureCollection' }],
  ] as const) {
    it(`gives one file-level error for ${what}`, () => {
      const { sites, errors } = parseSites(json);
      expect(sites).toEqual([]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file: SITES, feature: null });
      expect(formatDataError(errors[0])).toMatch(/^data\/sites\.geojson: is not a GeoJSON FeatureCollection/);
    });
  }

  it('reports a syntax error once and still loads the other files', () => {
    const data = loadDataFromText({
      sites: '{"type": "FeatureCollection", "features": [',
      hubs: JSON.stringify(readRepoJson('data/hubs.geojson')),
      regions: JSON.stringify(readRepoJson('data/regions.json')),
    });
    expect(data.errors).toHaveLength(1);
    expect(formatDataError(data.errors[0])).toMatch(/^data\/sites\.geojson: is not valid JSON/);
    expect(data.sites).toEqual([]);
    expect(data.hubs.length).toBe(17);
    expect(data.regions.length).toBe(7);
  });
});

describe('hubs and regions', () => {
  it('drops a hub with a bad coordinate and keeps the rest', () => {
    const fc = readRepoJson('data/hubs.geojson');
    fc.features[1].geometry.coordinates = [-95.37, 'north'];
    const { hubs, errors } = parseHubs(fc);
    expectError(errors, 'data/hubs.geojson', fc.features[1].properties.id, 'geometry.coordinates[1]');
    expect(hubs).toHaveLength(fc.features.length - 1);
  });

  it('rejects a region fact pointing at a source that does not exist', () => {
    const json = readRepoJson('data/regions.json');
    const norway = json.regions.find((r: any) => r.id === 'norway');
    norway.facts[0].sources = [99];
    const { regions, errors } = parseRegions(json);
    const e = expectError(errors, 'data/regions.json', 'norway', 'facts[0].sources[0]');
    expect(formatDataError(e)).toMatch(/^data\/regions\.json › region "norway" › facts\[0\]\.sources\[0\]: refers to source 99/);
    expect(regions.map((r) => r.id)).not.toContain('norway');
    expect(regions).toHaveLength(json.regions.length - 1);
  });

  it('rejects a region whose UI region contradicts its preset, and repeated region ids', () => {
    const json = readRepoJson('data/regions.json');
    json.regions[0].uiRegion = 'nordics';
    json.regions.push({ ...json.regions[1] });
    const { errors } = parseRegions(json);
    expectError(errors, 'data/regions.json', json.regions[0].id, 'uiRegion');
    expectError(errors, 'data/regions.json', json.regions[1].id, 'id');
  });

  it('gives one file-level error when regions is missing, without reading queuePresets', () => {
    const { regions, errors } = parseRegions({ queuePresets: { anything: 'goes' } });
    expect(regions).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ file: 'data/regions.json', feature: null, field: 'regions' })]);
  });
});
