/** Shared fixtures of the buy-vs-build tests: the shipped defaults and the default Texas power shell. */
import { readFileSync } from 'node:fs';
import { loadBuyVsBuildDefaults, paramsForRegion, type BuyVsBuildDefaults } from '../../src/sim/buy-vs-build/defaults';
import { lognormalTable } from '../../src/sim/buy-vs-build/ln-table';
import type { BuyVsBuildParams } from '../../src/sim/buy-vs-build/params';

/** data/buy-vs-build.json as parsed JSON (tests mutate copies of it). */
export const defaultsJson = JSON.parse(readFileSync('data/buy-vs-build.json', 'utf8'));

const loaded = loadBuyVsBuildDefaults(defaultsJson);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
export const defaults: BuyVsBuildDefaults = loaded.value;

/** ERCOT large-load request → energize, 2026+ (Batch Zero): LN(36, 72), docs/data-sources.md §7.2 and docs/method.md §1. */
export const ercotQueue = lognormalTable(36, 72);

/** A 700 MW grid connection (Riot Rockdale's, docs/data-sources.md §5), 30% usable for AI, PUE 1.3, 50 MW blocks. */
export const TEXAS_SITE = { gridMW: 700, aiUsableShare: 0.3, pue: 1.3, blockMW: 50 };

/** The default Texas power shell: ERCOT region defaults on TEXAS_SITE. */
export function texasParams(region = 'ercot-large-load'): BuyVsBuildParams {
  const p = paramsForRegion(defaults, region);
  p.site = { ...TEXAS_SITE };
  return p;
}
