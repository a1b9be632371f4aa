/**
 * The basemap's shapes from a world-atlas topology: land polygons (antimeridian-safe) and internal
 * borders. Pure geometry, so the detailed 1:50m basemap can be decoded in a worker (the page's
 * thread spent ~0.3 s on it and on handing the result to maplibre).
 */
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
import { fixAntimeridian } from './antimeridian.ts'; // with its extension: vite.config.ts loads this file through Node

export interface BasemapGeometry {
  land: FeatureCollection<Geometry>;
  borders: FeatureCollection<MultiLineString>;
}

/** Decode the topology once: land polygons (antimeridian-safe) and internal borders. */
export function basemapGeometry(topo: Topology): BasemapGeometry {
  const obj = topo.objects.countries as GeometryCollection;
  const countries = feature(topo, obj) as FeatureCollection<Geometry>;
  // maplibre drops string feature ids, so the ISO numeric code travels as a property.
  for (const f of countries.features) f.properties = { ...(f.properties ?? {}), iso_n3: String(f.id ?? '') };
  const land = fixAntimeridian(countries);
  const borderLines = mesh(topo, obj, (a, b) => a !== b);
  const borders = fixAntimeridian({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: borderLines }],
  }) as FeatureCollection<MultiLineString>;
  return { land, borders };
}
