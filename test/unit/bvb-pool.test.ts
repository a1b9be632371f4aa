/**
 * Worker-count invariance (docs/method.md §0) for the buy-vs-build and absorption runners through the real
 * worker_threads pool: the same summaries, to the bit, as one thread.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInThread } from '../../src/sim/in-thread';
import { loadAbsorptionPresets } from '../../src/sim/absorption/presets';
import type { BuyVsBuildRequest } from '../../src/sim/buy-vs-build/params';
import { runInNodePool } from '../../workers/node-pool';
import { ercotQueue, texasParams } from './bvb-test-utils';

describe('worker pool', () => {
  it('buy-vs-build: 2 workers give the one-thread summary bit for bit', async () => {
    const req: BuyVsBuildRequest = { model: 'buy-vs-build', siteId: 't', params: texasParams(), queueTable: ercotQueue, trials: 3_100, seed: 12 };
    const one = runInThread('buy-vs-build', req);
    const two = await runInNodePool('buy-vs-build', req, { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('absorption: 2 workers give the one-thread summary bit for bit', async () => {
    const presets = loadAbsorptionPresets(JSON.parse(readFileSync('data/absorption.json', 'utf8')));
    if (!presets.ok) throw new Error('presets');
    const req = { model: 'absorption' as const, presetId: 'nordics', params: presets.value.nordics.params, trials: 600, seed: 12 };
    const one = runInThread('absorption', req);
    const two = await runInNodePool('absorption', req, { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });
});
