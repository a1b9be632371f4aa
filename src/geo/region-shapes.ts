/**
 * Hand-made outlines for the parts of countries that have a queue preset. world-atlas has
 * countries only (no US states, no Russian oblasts), so these are drawn by hand from general
 * geographic knowledge and are APPROXIMATE (tens of km near the borders).
 */
import type { Position } from 'geojson';

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

/**
 * Texas, traced along its borders (NM line at 32°N, panhandle at 103°W and 36.5°N, 100°W,
 * the Red River, the Sabine, a line just off the Gulf coast, the Rio Grande). This is the state,
 * not ERCOT's footprint: El Paso, most of the Panhandle and parts of East Texas are outside ERCOT.
 */
export const TEXAS_OUTLINE: Position[] = [
  [-106.63, 32.0],
  [-103.06, 32.0],
  [-103.04, 36.5],
  [-100.0, 36.5],
  [-100.0, 34.56],
  [-99.2, 34.35],
  [-98.1, 34.13],
  [-97.15, 33.75],
  [-96.4, 33.8],
  [-95.3, 33.88],
  [-94.48, 33.64],
  [-94.04, 33.55],
  [-94.04, 31.99],
  [-93.55, 31.0],
  [-93.72, 30.05],
  [-93.84, 29.69],
  [-94.75, 29.3],
  [-95.6, 28.7],
  [-96.6, 28.05],
  [-97.2, 27.45],
  [-97.15, 25.95],
  [-97.5, 25.88],
  [-98.6, 26.25],
  [-99.45, 27.5],
  [-100.3, 28.3],
  [-101.0, 29.5],
  [-102.3, 29.85],
  [-103.1, 28.97],
  [-104.0, 29.3],
  [-104.6, 29.8],
  [-105.0, 30.7],
  [-106.0, 31.4],
  [-106.53, 31.78],
  [-106.63, 32.0],
];

/** Samara oblast's extent (about 47.9–52.6°E, 51.8–54.7°N); the box also takes in slivers of neighbours. */
export const SAMARA_OBLAST_BBOX: BBox = [47.9, 51.75, 52.6, 54.7];

/**
 * Singapore's main island and its southern islands. Used because the 110m world-atlas file has
 * no Singapore at all, and coarse Malaysia polygons can cover it; it also takes in the Johor Bahru waterfront.
 */
export const SINGAPORE_BBOX: BBox = [103.59, 1.15, 104.1, 1.475];

export function inBBox(lon: number, lat: number, b: BBox): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}
