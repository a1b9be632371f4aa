/**
 * Geometry of a small static map for slides and the printed brief: land outlines, the scenario's
 * sites coloured by their P50 months to power, framed on those sites (not on the whole world).
 * Pure data (d3-geo paths and pixel positions), so the slide, the PDF and the tests read the same thing.
 */
import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { px, textWidth, type Box } from './frame';

export interface MapSiteInput {
  name: string;
  lon: number;
  lat: number;
  /** fill colour (by P50 class, or grey when not simulated) */
  color: string;
  /** a site of the scenario: drawn larger and labelled (in the order given); the others are context */
  emphasis: boolean;
}

export interface MapDot {
  name: string;
  x: number;
  y: number;
  r: number;
  color: string;
  emphasis: boolean;
}

export interface MapLabel {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'end';
  /** the label's box, for the overlap check */
  box: Box;
}

export interface SiteMapGeometry {
  width: number;
  height: number;
  land: string;
  dots: MapDot[];
  labels: MapLabel[];
  /** names whose label would have covered another label: listed beside the map instead */
  unlabelled: string[];
}

/** Smallest frame around the scenario's sites, degrees: one site alone still shows its surroundings. */
const MIN_SPAN_LON = 6;
const MIN_SPAN_LAT = 4;
const LABEL_SIZE = 13;

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * The map framed on the emphasised sites (all sites when none is emphasised). Land outside the
 * frame is clipped away by the projection, so the path stays small.
 */
export function siteMapGeometry(land: FeatureCollection<Geometry> | null, sites: readonly MapSiteInput[], width = 640, height = 400): SiteMapGeometry {
  const valid = sites.filter((s) => Number.isFinite(s.lon) && Number.isFinite(s.lat));
  const focus = valid.some((s) => s.emphasis) ? valid.filter((s) => s.emphasis) : valid;
  let [lo0, lo1, la0, la1] = focus.length
    ? [Math.min(...focus.map((s) => s.lon)), Math.max(...focus.map((s) => s.lon)), Math.min(...focus.map((s) => s.lat)), Math.max(...focus.map((s) => s.lat))]
    : [-180, 180, -60, 75];
  if (lo1 - lo0 < MIN_SPAN_LON) [lo0, lo1] = [(lo0 + lo1) / 2 - MIN_SPAN_LON / 2, (lo0 + lo1) / 2 + MIN_SPAN_LON / 2];
  if (la1 - la0 < MIN_SPAN_LAT) [la0, la1] = [(la0 + la1) / 2 - MIN_SPAN_LAT / 2, (la0 + la1) / 2 + MIN_SPAN_LAT / 2];
  const frame = { type: 'MultiPoint' as const, coordinates: [[lo0, la0], [lo1, la1], [lo0, la1], [lo1, la0]] };
  const pad = 40;
  const projection = geoMercator().fitExtent([[pad, pad], [width - pad, height - pad]], frame).clipExtent([[0, 0], [width, height]]);
  const land_ = land ? geoPath(projection)(land) ?? '' : '';
  const inView = (x: number, y: number) => x >= 0 && x <= width && y >= 0 && y <= height;
  const dots: MapDot[] = [];
  for (const s of valid) {
    const p = projection([s.lon, s.lat]);
    if (!p || !inView(p[0], p[1])) continue;
    dots.push({ name: s.name, x: px(p[0]), y: px(p[1]), r: s.emphasis ? 8 : 4, color: s.color, emphasis: s.emphasis });
  }
  // Drawn context first, the scenario's sites on top.
  dots.sort((a, b) => Number(a.emphasis) - Number(b.emphasis));
  const labels: MapLabel[] = [];
  const unlabelled: string[] = [];
  const marked = dots.filter((d) => d.emphasis);
  const placedBoxes: Box[] = [];
  for (const d of marked) {
    const w = textWidth(d.name, LABEL_SIZE);
    const half = LABEL_SIZE * 0.6;
    const tries: Array<{ x: number; y: number; anchor: 'start' | 'end' }> = [
      { x: d.x + d.r + 4, y: d.y, anchor: 'start' },
      { x: d.x - d.r - 4, y: d.y, anchor: 'end' },
      { x: d.x + d.r + 4, y: d.y - 14, anchor: 'start' },
      { x: d.x - d.r - 4, y: d.y + 14, anchor: 'end' },
    ];
    // A label may not cover another label nor leave the frame (it has a white halo, so a dot under it stays readable).
    const others = placedBoxes;
    const placed = tries
      .map((t) => ({ ...t, box: { left: t.anchor === 'start' ? t.x : t.x - w, right: t.anchor === 'start' ? t.x + w : t.x, top: t.y - half, bottom: t.y + half } }))
      .find((t) => t.box.left >= 0 && t.box.right <= width && t.box.top >= 0 && t.box.bottom <= height && !others.some((b) => overlaps(b, t.box)));
    if (!placed) {
      unlabelled.push(d.name);
      continue;
    }
    placedBoxes.push(placed.box);
    labels.push({ text: d.name, x: px(placed.x), y: px(placed.y), anchor: placed.anchor, box: placed.box });
  }
  return { width, height, land: land_, dots, labels, unlabelled };
}

/** The map label font size, user units (the component draws with it). */
export const MAP_LABEL_SIZE = LABEL_SIZE;
