/**
 * What buy vs build reads from a curtailed queue run: the wait to first curtailable MW as a quantile
 * table (read with the same uniform as the firm wait, so the two stay coupled) and the mean share of
 * energy curtailed while the MW are curtailable (ESTIMATE: one share for every trial).
 */
import type { CurtailmentSummary } from './partial';

export function curtailForBuyVsBuild(c: CurtailmentSummary): { firstTable: number[]; energyShare: number } {
  const share = c.curtailedEnergyShare.mean;
  return { firstTable: c.firstQuantileTable, energyShare: Number.isFinite(share) ? share : 0 };
}
