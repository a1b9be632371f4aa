/** Shared fixtures of the economics tests: the shipped defaults and a request on the Texas power shell. */
import { readFileSync } from 'node:fs';
import { loadEconomicsDefaults, type EconomicsDefaults } from '../../src/sim/economics/defaults';
import type { EconomicsParams, EconomicsRequest } from '../../src/sim/economics/params';
import { ercotQueue, texasParams } from './bvb-test-utils';

export const economicsJson = JSON.parse(readFileSync('data/economics.json', 'utf8'));
const loaded = loadEconomicsDefaults(economicsJson);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
export const economicsDefaults: EconomicsDefaults = loaded.value;

/** The default parameters with the Texas power shell's 700 MW mine. */
export function texasEconomics(): EconomicsParams {
  const p = structuredClone(economicsDefaults.params);
  p.mining.miningMW = 700;
  return p;
}

export function texasEconomicsRequest(trials: number, seed: number, tornadoTrials = 0): EconomicsRequest {
  return {
    model: 'economics',
    siteId: 'texas-test',
    params: texasEconomics(),
    timeToPower: { arm: 'buy', params: texasParams(), queueTable: ercotQueue },
    trials,
    seed,
    tornadoTrials,
  };
}
