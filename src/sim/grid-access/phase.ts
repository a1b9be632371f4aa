/**
 * The grid-access phase of one trial (docs/method.md §6): a new line whose months grow with distance and
 * a new or expanded substation, built side by side, so the phase lasts as long as the longer one.
 * Its draws come from their own stream (Stream.gridAccess): adding or removing the phase never
 * shifts a single queue draw.
 */
import { lognormalFromP50P90, lognormalInv, type LogNormal } from '../distributions';
import { createHistogram, percentiles, record, type Percentiles } from '../histogram';
import { Rng, Stream } from '../rng';
import type { GridAccessDraw, GridAccessPhaseParams } from './params';

/** The two lognormals of a phase at a given distance (null line: no new line needed). */
export interface CompiledGridAccess {
  line: LogNormal | null;
  substation: LogNormal;
}

/** Line LN(P50, P90) at `km`: P50 = base.p50 + perKm.p50 × km, P90 likewise; none within noLineWithinKm. */
export function lineP50P90(p: GridAccessPhaseParams, km: number): { p50: number; p90: number } | null {
  if (km <= p.noLineWithinKm) return null;
  return { p50: p.line.base.p50 + p.line.perKm.p50 * km, p90: p.line.base.p90 + p.line.perKm.p90 * km };
}

export function compileGridAccess(d: GridAccessDraw): CompiledGridAccess {
  const l = lineP50P90(d.phase, d.distanceKm);
  return {
    line: l ? lognormalFromP50P90(l.p50, Math.max(l.p50, l.p90)) : null,
    substation: lognormalFromP50P90(d.phase.substation.p50, d.phase.substation.p90),
  };
}

/** Months of the phase in one trial. `rng` is reset here; callers reuse one instance. */
export function gridAccessMonths(c: CompiledGridAccess, seed: number, trial: number, rng: Rng): number {
  rng.reset(seed, trial, Stream.gridAccess);
  // Both uniforms are drawn in a fixed order whether or not a line is needed, so a trial's
  // substation draw does not depend on the distance.
  const uSub = rng.uniform();
  const uLine = rng.uniform();
  const sub = lognormalInv(c.substation, uSub);
  return c.line ? Math.max(sub, lognormalInv(c.line, uLine)) : sub;
}

/** P10/P50/P90 of the phase over trials [0, trials) (the same draws the queue runner combines). */
export function gridAccessPercentiles(d: GridAccessDraw, seed: number, trials: number, horizonMonths: number): Percentiles {
  const c = compileGridAccess(d);
  const rng = new Rng();
  const h = createHistogram(horizonMonths);
  for (let t = 0; t < trials; t++) record(h, gridAccessMonths(c, seed, t, rng));
  return percentiles(h);
}

/** Cost at the medians, USD: line km × USD/km of its voltage class + substation MVA × USD/MVA. */
export function gridAccessCostUSD(p: GridAccessPhaseParams, km: number, kv: number, mw: number): { lineUSD: number; substationUSD: number } {
  let perKm = 0;
  for (const row of [...p.lineUSDPerKmByKV].sort((a, b) => a.minKV - b.minKV)) if (kv >= row.minKV) perKm = row.usdPerKm;
  const lineUSD = km <= p.noLineWithinKm ? 0 : km * perKm;
  return { lineUSD, substationUSD: (mw / p.powerFactor) * p.substationUSDPerMVA };
}
