/**
 * The four regions the app filters and frames by, with their labels and map bounds
 * ([west, south, east, north], degrees).
 */
import type { UiRegion } from './schema';

export const UI_REGIONS: Array<{ id: UiRegion; label: string; bounds: [number, number, number, number] }> = [
  { id: 'samara', label: 'Samara (Russia)', bounds: [47.5, 51.5, 53.5, 55.0] },
  { id: 'texas', label: 'Texas (ERCOT)', bounds: [-106.6, 25.8, -93.5, 36.5] },
  { id: 'singapore', label: 'Singapore', bounds: [103.55, 1.15, 104.1, 1.48] },
  { id: 'nordics', label: 'Nordics', bounds: [-24.5, 55.0, 31.5, 71.2] },
];
