/**
 * How the sites of a portfolio depend on each other (docs/portfolio.md "Dependence").
 *
 * Sites that wait in the same queue see the same queue world in a trial: their queue runs share one
 * seed, hashed from (run seed, queue key), so the stock, arrivals and per-trial input uncertainty
 * are the same draws for each of them. A site's own grid-access works draw from a seed of its own,
 * hashed from (run seed, site id). Different queues get different seeds, hence independent draws.
 *
 * A cross-region correlation rho (Buy vs build's rho, 0 … 1) is induced afterwards by reordering
 * whole trials of each queue world (Iman & Conover 1982, "A distribution-free approach to inducing
 * rank correlation among input variables", Commun. Stat. B 11(3)): each world's trials are ranked by
 * the mean months of its sites and placed where a Gaussian score Z_g = √rho·Z + √(1−rho)·ε_g ranks
 * them. A permutation keeps every site's marginal distribution and each world's inner coupling
 * exactly; with rho = 0 nothing is reordered.
 */
import { invNormal } from '../distributions';
import { Rng, Stream } from '../rng';
import { cellSeed, fnv1a32 } from '../sweep/cell-seed';

/** The seed of a queue world: shared by every site waiting in queue `queueKey`. */
export function queueWorldSeed(seed: number, queueKey: string): number {
  return cellSeed(seed, `queue-world:${queueKey}`);
}

/** The seed of a site's own grid-access draws. */
export function siteOwnSeed(seed: number, siteId: string): number {
  return cellSeed(seed, `site:${siteId}`);
}

/**
 * Reorders the trials of each group of columns (one group per queue world) so that groups are
 * rank-correlated with rho. `groups` lists, per world, the candidate indices in it; `months[i]`
 * is candidate i's column (edited in place). `horizon` stands in for never when ranking.
 */
export function induceRankCorrelation(months: Float64Array[], groups: ReadonlyArray<{ key: string; sites: readonly number[] }>, rho: number, seed: number, horizon: number): void {
  if (!(rho > 0) || groups.length < 2) return;
  const trials = months[0].length;
  const common = new Float64Array(trials);
  const rng = new Rng();
  for (let t = 0; t < trials; t++) common[t] = invNormal(rng.reset(seed, t, Stream.portfolio).uniform());
  const a = Math.sqrt(rho);
  const b = Math.sqrt(1 - rho);
  const key = new Float64Array(trials);
  const score = new Float64Array(trials);
  for (const g of groups) {
    const stream = fnv1a32(`portfolio:${g.key}`);
    for (let t = 0; t < trials; t++) {
      let sum = 0;
      for (const i of g.sites) {
        const v = months[i][t];
        sum += v < horizon ? v : horizon;
      }
      key[t] = sum / g.sites.length;
      score[t] = a * common[t] + b * invNormal(rng.reset(seed, t, stream).uniform());
    }
    // Ties by trial index, so the order is a function of the values alone.
    const byKey = sortedIndex(key);
    const byScore = sortedIndex(score);
    for (const i of g.sites) {
      const col = months[i];
      const src = col.slice();
      for (let r = 0; r < trials; r++) col[byScore[r]] = src[byKey[r]];
    }
  }
}

function sortedIndex(v: Float64Array): Uint32Array {
  const idx = new Uint32Array(v.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((x, y) => v[x] - v[y] || x - y);
}
