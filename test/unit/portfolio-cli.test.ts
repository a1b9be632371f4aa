/**
 * `npm run portfolio`: the JSON a real process prints, and bad flags refused by name before any
 * trial runs (unknown site, target ≤ 0, a date before the as-of date, a budget above the candidates).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { portfolioRequestFromArgs, type PortfolioCliArgs } from '../../scripts/lib/portfolio-cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/portfolio.ts', ...args], { cwd: root, encoding: 'utf8' });

const args = (over: Partial<PortfolioCliArgs> = {}): PortfolioCliArgs => ({
  sites: ['riot-rockdale', 'iren-childress'],
  candidates: null,
  targetMW: 200,
  by: '2029-06',
  basis: 'firm',
  rho: 0,
  delayCost: 0,
  best: null,
  minSites: 1,
  maxRequestMW: null,
  top: 10,
  trials: 250,
  seed: 1,
  workers: 1,
  root,
  ...over,
});

describe('portfolio command', () => {
  it('prints one JSON object with P(target), the date percentiles, the fan and each contribution', () => {
    const r = run('--sites', 'riot-rockdale,iren-childress', '--target-mw', '200', '--by', '2029-06', '--trials', '250', '--seed', '5', '--json');
    expect(r.status, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.model).toBe('portfolio');
    expect(o.portfolio.pTarget).toBeGreaterThanOrEqual(0);
    expect(o.portfolio.pTarget).toBeLessThanOrEqual(1);
    expect(o.portfolio.contributions.map((c: { id: string }) => c.id)).toEqual(['riot-rockdale', 'iren-childress']);
    // Both sites wait in ERCOT's queue: one queue world, one seed.
    expect(o.sites[0].queueSeed).toBe(o.sites[1].queueSeed);
    expect(o.portfolio.fan.p50.length).toBe(o.portfolio.fan.months.length);
  }, 120_000);

  it.each([
    ['an unknown site', { sites: ['riot-rockdale', 'nowhere'] }, '--sites', /nowhere/],
    ['a target of 0 MW', { targetMW: 0 }, '--target-mw', /positive/],
    ['a date before the as-of date', { by: '2025-01' }, '--by', /not after the as-of date 2026-06-24/],
    ['a budget above the candidates', { best: 3 }, '--best', /more than the 2 candidates/],
  ] as const)('refuses %s, naming the flag', (_what, over, flag, message) => {
    let r: ReturnType<typeof portfolioRequestFromArgs> | undefined;
    let thrown: unknown;
    try {
      r = portfolioRequestFromArgs(args(over as Partial<PortfolioCliArgs>));
    } catch (e) {
      thrown = e;
    }
    const text = thrown instanceof Error ? thrown.message : r && !r.ok ? r.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : 'accepted';
    expect(text).toContain(flag);
    expect(text).toMatch(message);
  });

  it('exits 2 on a bad flag, with the flag on stderr and nothing on stdout', () => {
    const r = run('--sites', 'riot-rockdale', '--target-mw', '-5', '--by', '2029-06', '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--target-mw/);
    expect(r.stdout).toBe('');
  }, 60_000);
});
