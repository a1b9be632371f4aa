/**
 * For a site outside the four regions: the queue preset of the nearest bundled site that has one,
 * with the great-circle distance to it, so the user can borrow that region's preset knowing how far
 * away its queue is (a borrowed queue is an assumption, and the distance says how strong a one).
 */
import { greatCircleKm, type LonLat } from './latency';

export interface PresetSite extends LonLat {
  name: string;
  /** the UI region the site is in */
  region: string;
  queuePreset: string | null;
}

export interface NearestPreset {
  queuePreset: string;
  region: string;
  /** the bundled site the distance is measured to */
  siteName: string;
  /** great-circle km from the point to that site */
  km: number;
}

/** The nearest site with a queue preset, or null when none has one. */
export function nearestPreset(point: LonLat, sites: readonly PresetSite[]): NearestPreset | null {
  let best: NearestPreset | null = null;
  for (const s of sites) {
    if (!s.queuePreset) continue;
    const km = greatCircleKm(point, s);
    if (!best || km < best.km) best = { queuePreset: s.queuePreset, region: s.region, siteName: s.name, km };
  }
  return best;
}
