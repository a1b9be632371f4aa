/**
 * Census county shapes (the `us-atlas` package's counties-10m, offline) for the counties a queue file
 * names, carrying the file's open requests and MW, for the map. A county is matched by its state
 * (postal code) and its name without "County" / "Parish" / "Borough", ignoring case.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import counties from 'us-atlas/counties-10m.json';
import type { CountMW } from '../sim/queue-file/summary';

/** Postal code → state FIPS code (Census). */
const STATE_FIPS = new Map<string, string>(
  Object.entries({
    AL: '01', AK: '02', AZ: '04', AR: '05', CA: '06', CO: '08', CT: '09', DE: '10', DC: '11', FL: '12', GA: '13', HI: '15', ID: '16', IL: '17', IN: '18',
    IA: '19', KS: '20', KY: '21', LA: '22', ME: '23', MD: '24', MA: '25', MI: '26', MN: '27', MS: '28', MO: '29', MT: '30', NE: '31', NV: '32', NH: '33',
    NJ: '34', NM: '35', NY: '36', NC: '37', ND: '38', OH: '39', OK: '40', OR: '41', PA: '42', RI: '44', SC: '45', SD: '46', TN: '47', TX: '48', UT: '49',
    VT: '50', VA: '51', WA: '53', WV: '54', WI: '55', WY: '56', PR: '72',
  }),
);

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+(county|parish|borough|census area|municipality)$/, '');

let index: Map<string, Feature<Geometry>> | null = null;
/** "FIPS-state|county name" → shape, built once per worker. */
function countyIndex(): Map<string, Feature<Geometry>> {
  if (index) return index;
  const topo = counties as unknown as Topology<{ counties: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.counties) as FeatureCollection<Geometry, { name: string }>;
  index = new Map();
  for (const f of fc.features) index.set(`${String(f.id).slice(0, 2)}|${norm(f.properties.name)}`, f);
  return index;
}

/** Shapes of the counties ("County, ST") the file has open requests in; unmatched names are counted. */
export function countyShapes(openByCounty: ReadonlyArray<[string, CountMW]>): { shapes: FeatureCollection; unmatched: number } {
  const idx = countyIndex();
  const features: Feature[] = [];
  let unmatched = 0;
  for (const [key, v] of openByCounty) {
    const m = /^(.*),\s*([A-Za-z]{2})$/.exec(key);
    const fips = m ? STATE_FIPS.get(m[2].toUpperCase()) : undefined;
    const shape = m && fips ? idx.get(`${fips}|${norm(m[1])}`) : undefined;
    if (!shape) {
      unmatched++;
      continue;
    }
    features.push({ type: 'Feature', id: shape.id, geometry: shape.geometry, properties: { name: key, mw: Math.round(v.mw), requests: v.requests } });
  }
  return { shapes: { type: 'FeatureCollection', features }, unmatched };
}
