/**
 * `portfolio` section of `npm run bench`: every bundled candidate with a queue, simulated jointly
 * (the trial matrix), then the exact ranking of all 2- and 3-site sets against a target of
 * `targetMW` IT MW by `by`. The two costs are printed apart: the matrix grows with trials × sites,
 * the ranking with sets × trials. CPU seconds of this thread, with the load average beside them.
 */
import { CHUNK_TRIALS } from '../../src/sim/contract';
import type { PortfolioRequest } from '../../src/sim/portfolio/params';
import { portfolioRunner, type PortfolioPartial } from '../../src/sim/portfolio/runner';
import { allSiteIds, portfolioSiteFromDisk } from './portfolio-cli';

const cpu = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

export function benchPortfolio(opts: { root?: string; trials?: number } = {}) {
  const root = opts.root ?? process.cwd();
  const trials = opts.trials ?? CHUNK_TRIALS;
  const sites = allSiteIds(root).map((id) => portfolioSiteFromDisk(root, id, 'firm'));
  const req: PortfolioRequest = {
    model: 'portfolio',
    trials,
    seed: 1,
    sites,
    portfolio: [],
    targetMW: 500,
    by: '2029-12',
    basis: 'firm',
    rho: 0,
    delayCostUSDPerMonth: 0,
    search: { minSites: 2, maxSites: 3, maxRequestMW: null, top: 10 },
  };
  const c0 = process.cpuUsage();
  let acc: PortfolioPartial | null = null;
  for (let s = 0; s < trials; s += CHUNK_TRIALS) {
    const part = portfolioRunner.runChunk(req, s, Math.min(trials, s + CHUNK_TRIALS));
    acc = acc ? portfolioRunner.merge(acc, part) : part;
  }
  const matrixSeconds = cpu(c0);
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const out = portfolioRunner.summarize(req, acc as PortfolioPartial);
  const rankMs = performance.now() - t1;
  const rankSeconds = cpu(c1);
  const best = out.search?.ranked[0];
  return {
    candidates: sites.length,
    trials,
    setsRanked: out.search?.evaluated ?? 0,
    method: out.search?.method ?? 'none',
    matrixCpuSeconds: +matrixSeconds.toFixed(2),
    rankAllTwoAndThreeSiteSetsMs: Math.round(rankMs),
    rankCpuSeconds: +rankSeconds.toFixed(3),
    bestSet: best ? `${best.names.join(' + ')} (P ${(best.pTarget * 100).toFixed(1)}%)` : 'none',
  };
}
