/**
 * One plain-language line under the buy-vs-build charts (issue 4: "In 78% of simulated worlds buying
 * is at least 24 months faster").
 */

/** What the sentence reads: P(buy earlier) and P(build − buy ≥ N) for whole N, first MW. */
export interface LeadOdds {
  pBuyEarlier: number;
  /** index N = months, 0 … 120 */
  pBuyEarlierBy: number[];
  /** share of worlds where neither option is powered within the horizon (optional) */
  bothNeverShare?: number;
  horizonMonths?: number;
}

/** The lead the default sentence quotes: the largest multiple of 6 months that 3 worlds in 4 reach. */
export function defaultLeadMonths(s: LeadOdds): number {
  let best = 0;
  for (let n = 6; n < s.pBuyEarlierBy.length; n += 6) if (s.pBuyEarlierBy[n] >= 0.75) best = n;
  return best;
}

function share(p: number): string {
  if (p >= 1) return 'every simulated world';
  if (p <= 0) return 'no simulated world';
  const pct = Math.round(p * 100);
  const words = pct === 100 ? 'more than 99%' : pct === 0 ? 'less than 1%' : `${pct}%`;
  return `${words} of simulated worlds`;
}

/**
 * "In 78% of simulated worlds buying is at least 24 months faster to first power." With
 * `leadMonths` = 0 (or when no 6-month lead is likely), it says how often buying is faster at all.
 */
export function readingLine(s: LeadOdds, leadMonths = defaultLeadMonths(s)): string {
  const n = Math.max(0, Math.min(s.pBuyEarlierBy.length - 1, Math.round(leadMonths)));
  if (!(s.pBuyEarlier === s.pBuyEarlier)) return 'No trials were run.';
  if (s.bothNeverShare !== undefined && s.bothNeverShare >= 0.5) {
    return `In ${share(s.bothNeverShare)} neither option gets power within ${s.horizonMonths ?? 'the'} months: the region's queue decides, not the choice of site.`;
  }
  if (n === 0) {
    const lead = `In ${share(s.pBuyEarlier)} buying the power shell gets first power sooner than building greenfield`;
    return s.pBuyEarlier < 0.5 ? `${lead}: building is usually as fast or faster.` : `${lead}.`;
  }
  return `In ${share(s.pBuyEarlierBy[n])} buying is at least ${n} months faster to first power than building.`;
}
