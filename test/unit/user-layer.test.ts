// Bring your own layer (issue 9 part 4): a malformed GeoJSON or CSV is refused with a message that
// names the file, the row and the field; a file over 50 MB is refused by its size alone; a valid
// one becomes features, substations for the access computation, or candidate sites.
import { describe, expect, it } from 'vitest';
import { nearestSubstations } from '../../src/geo/nearest-substation';
import {
  formatLayerProblem,
  MAX_LAYER_BYTES,
  parseCsvText,
  parseGeoJsonText,
  parseLayerText,
  sitesOf,
  sizeProblem,
  substationsOf,
  voltageOf,
} from '../../src/layers/user-layer';

const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const pt = (lon: unknown, lat: unknown, properties: unknown = {}) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });

function problems(r: ReturnType<typeof parseLayerText>): string[] {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems.map(formatLayerProblem);
}

describe('GeoJSON layers', () => {
  it('names the file, the feature row and the field of a bad coordinate', () => {
    const text = fc([pt(-97, 30.6), pt(-97, 30.7), pt(-97, 95)]);
    expect(problems(parseGeoJsonText('subs.geojson', text))).toEqual([
      'subs.geojson › row 3 › geometry.coordinates[1]: latitude must be a number from -90 to 90, got 95',
    ]);
  });

  it('names an unknown geometry type and a non-object properties', () => {
    const text = fc([{ type: 'Feature', geometry: { type: 'Circle', coordinates: [0, 0] }, properties: {} }, pt(1, 1, 'x')]);
    expect(problems(parseGeoJsonText('a.json', text))).toEqual([
      'a.json › row 1 › geometry.type: must be one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, got "Circle"',
      'a.json › row 2 › properties: must be an object or null, got "x"',
    ]);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const [p] = problems(parseGeoJsonText('broken.geojson', '{"type": "FeatureCollection",\n "features": [,]}'));
    expect(p).toMatch(/^broken\.geojson: is not valid JSON \(line 2, column \d+\)/);
  });

  it('refuses something that is not a FeatureCollection', () => {
    expect(problems(parseGeoJsonText('x.geojson', '[1,2,3]'))).toEqual([
      'x.geojson › type: must be a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [ … ]})',
    ]);
  });

  it('accepts points, lines and polygons and guesses the kind', () => {
    const lines = parseGeoJsonText('l.geojson', fc([{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: null }]));
    expect(lines.ok && lines.layer.kind).toBe('lines');
    const subs = parseGeoJsonText('s.geojson', fc([pt(-97, 30.6, { name: 'Sandow', voltage: '345000;138000' })]));
    expect(subs.ok && subs.layer.kind).toBe('substations');
  });

  it('keeps a "__proto__" property as inert data, never as the prototype', () => {
    const r = parseGeoJsonText('p.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"__proto__":{"polluted":1},"name":"<img src=x>"}}]}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const props = r.layer.data.features[0].properties as Record<string, unknown>;
    expect(props.name).toBe('<img src=x>');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('CSV layers', () => {
  it('names the file, the data row and the column of a bad value', () => {
    const text = 'name,lon,lat,voltage\nA,-97.0,30.6,345\nB,-97.1,abc,138\nC,-200,30,69\n';
    expect(problems(parseCsvText('subs.csv', text))).toEqual([
      'subs.csv › row 2 › lat: latitude must be a number from -90 to 90, got "abc"',
      'subs.csv › row 3 › lon: longitude must be a number from -180 to 180, got "-200"',
    ]);
  });

  it('refuses a CSV without longitude and latitude columns, listing what it found', () => {
    expect(problems(parseCsvText('sites.csv', 'name,x1,y1\nA,1,2\n'))).toEqual([
      'sites.csv › header: needs a longitude and a latitude column (e.g. "lon" and "lat"); found "name", "x1", "y1"',
    ]);
  });

  it('reports a row with the wrong number of fields by its row', () => {
    const ps = problems(parseCsvText('t.csv', 'name,lon,lat\nA,1,2\nB,3,4,5\n'));
    expect(ps[0]).toMatch(/^t\.csv › row 2: /);
  });

  it('reads lon/lat, longitude/latitude and quoted names', () => {
    const r = parseCsvText('ok.csv', 'Name,Longitude,Latitude,kV\n"Temple, switching",-97.34,31.1,345\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.layer.data.features[0].geometry).toEqual({ type: 'Point', coordinates: [-97.34, 31.1] });
    expect(r.layer.kind).toBe('substations');
    expect(substationsOf(r.layer)[0]).toMatchObject({ name: 'Temple, switching', kv: [345], source: 'ok.csv' });
  });
});

describe('size limit', () => {
  it('refuses a file over 50 MB by its size alone', () => {
    expect(sizeProblem('big.geojson', MAX_LAYER_BYTES + 1)?.message).toBe('is 50.0 MB; files over 50 MB are refused (nothing was read)');
    expect(sizeProblem('ok.geojson', MAX_LAYER_BYTES)).toBeNull();
  });
});

describe('using a layer', () => {
  it('serves as the grid layer for nearestSubstations, voltages read in kV or volts', () => {
    expect(voltageOf({ voltage: '345000;138000' })).toEqual([345, 138]);
    expect(voltageOf({ kV: '138 kV' })).toEqual([138]);
    const r = parseCsvText('grid.csv', 'name,lon,lat,voltage\nNear 138,-97.01,30.67,138\nFar 345,-96.5,31.0,345\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const subs = substationsOf(r.layer);
    expect(nearestSubstations([-97.0, 30.66], subs, 345, 1)[0].substation.name).toBe('Far 345');
    expect(nearestSubstations([-97.0, 30.66], subs, 100, 1)[0].substation.name).toBe('Near 138');
  });

  it('turns point features into candidate sites named by their name, else file and row', () => {
    const r = parseGeoJsonText('plots.geojson', fc([pt(10, 60, { name: 'Plot A', mw: 40 }), pt(11, 61, {})]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(sitesOf(r.layer)).toEqual([
      { name: 'Plot A', lon: 10, lat: 60, gridMW: 40 },
      { name: 'plots.geojson row 2', lon: 11, lat: 61, gridMW: null },
    ]);
  });
});
