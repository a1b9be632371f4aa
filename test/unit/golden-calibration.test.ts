/**
 * Golden file of the calibration figures the README reports (test/golden/calibration.json), so a
 * change to a preset or an engine that moves them shows up in review even while the calibration
 * tests' tolerance bands still pass. Same runs (presets, trials, seeds) as the calibration tests;
 * numbers rounded before comparing (observablehq/plot's snapshot habit), so platform noise in the
 * last bits never fails it.
 *
 * On a difference the test writes test/golden/calibration-changed.json beside the golden file.
 * After a deliberate change: UPDATE_GOLDEN=1 npx vitest run --project unit test/unit/golden-calibration.test.ts
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAbsorptionPresets } from '../../src/sim/absorption/presets';
import { absorptionRunner } from '../../src/sim/absorption/runner';
import type { BuyVsBuildRequest } from '../../src/sim/buy-vs-build/params';
import { buyVsBuildRunner } from '../../src/sim/buy-vs-build/runner';
import { ercotQueue, texasParams } from './bvb-test-utils';
import { presetParams, queueRequest, runQueue } from './queue-test-utils';

const GOLDEN = 'test/golden/calibration.json';
const CHANGED = 'test/golden/calibration-changed.json';

/** Rounded so only a real change moves them: shares to 0.1 point, months to 0.1. */
const share = (x: number) => Math.round(x * 1000) / 1000;
const months = (x: number) => Math.round(x * 10) / 10;

function figures(): Record<string, number> {
  const us = runQueue(queueRequest(presetParams('us-lbnl'), { trials: 250, seed: 1, runToHorizon: true, presetId: 'us-lbnl' })).validation;
  const ercotIA = runQueue(queueRequest(presetParams('ercot-large-load'), { trials: 100, seed: 2, runToHorizon: true })).validation.requestToIA.p50;

  const bvbReq: BuyVsBuildRequest = { model: 'buy-vs-build', siteId: 'texas-test', params: texasParams(), queueTable: ercotQueue, trials: 20_000, seed: 20240601 };
  const bvb = buyVsBuildRunner.summarize(bvbReq, buyVsBuildRunner.runChunk(bvbReq, 0, bvbReq.trials));

  const loaded = loadAbsorptionPresets(JSON.parse(readFileSync('data/absorption.json', 'utf8')));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const abs = (id: string) => {
    const req = { model: 'absorption' as const, presetId: id, params: loaded.value[id].params, trials: 400, seed: 2024 };
    return absorptionRunner.summarize(req, absorptionRunner.runChunk(req, 0, req.trials));
  };
  const na = abs('north-america-2024');

  return {
    'us-lbnl.energizedShare': share(us.energizedShare),
    'us-lbnl.energizedMWShare': share(us.energizedMWShare),
    'us-lbnl.withdrawnAt.feas': share(us.withdrawnPhaseShares.feas),
    'us-lbnl.withdrawnAt.sis': share(us.withdrawnPhaseShares.sis),
    'us-lbnl.withdrawnAt.fs': share(us.withdrawnPhaseShares.fs),
    'us-lbnl.withdrawnAt.postIa': share(us.withdrawnPhaseShares.postIa),
    'us-lbnl.requestToEnergize.p10': months(us.requestToEnergize.p10),
    'us-lbnl.requestToEnergize.p50': months(us.requestToEnergize.p50),
    'us-lbnl.requestToEnergize.p90': months(us.requestToEnergize.p90),
    'ercot-large-load.requestToIA.p50': months(ercotIA),
    'texas-power-shell.buy.firstMW.p50': months(bvb.buy.firstMW.p50),
    'texas-power-shell.build.firstMW.p50': months(bvb.build.firstMW.p50),
    'texas-power-shell.build.firstMW.p90': months(bvb.build.firstMW.p90),
    'north-america-2024.preleasedUnderConstruction.p50': share(na.preleasedShareUnderConstruction.p50),
    'north-america-2024.vacancy.p50': share(na.vacancy.p50),
    'balanced.preleasedUnderConstruction.p50': share(abs('balanced').preleasedShareUnderConstruction.p50),
  };
}

describe('golden calibration figures (the README\'s table)', () => {
  it('match test/golden/calibration.json (UPDATE_GOLDEN=1 rewrites it; a difference writes calibration-changed.json)', () => {
    const now = figures();
    const text = `${JSON.stringify(now, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
      writeFileSync(GOLDEN, text);
      rmSync(CHANGED, { force: true });
      return;
    }
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, number>;
    if (JSON.stringify(golden) !== JSON.stringify(now)) writeFileSync(CHANGED, text);
    else rmSync(CHANGED, { force: true });
    expect(now).toEqual(golden);
  });
});
