/**
 * How the grid-limited presets' upgrade size was tuned (data/regions.json queuePresets: norway,
 * sweden, finland, samara): bisection on `headroom.upgradeMW` until a request of MW megawatts has
 * the target median months to power. One-off; prints the value to copy into the preset.
 *
 *   npx tsx scripts/lib/tune-queue-headroom.ts <presetId> <targetP50Months> <MW>
 */
import { readFileSync } from 'node:fs';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import { queueRunner } from '../../src/sim/queue/runner';

const [id, target, mw] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4] ?? 100)];
const { presets } = loadQueuePresets(JSON.parse(readFileSync(new URL('../../data/regions.json', import.meta.url), 'utf8')));
const base = presets[id];
if (!base || !(target > 0) || !(mw > 0)) {
  console.error('usage: tune-queue-headroom.ts <presetId> <targetP50Months> <MW>');
  process.exit(2);
}

function p50For(upgradeMW: number) {
  const params = structuredClone(base.params);
  params.headroom.upgradeMW = upgradeMW;
  const req = { model: 'queue' as const, presetId: id, params, projectMW: mw, trials: 250, seed: 3 };
  return queueRunner.summarize(req, queueRunner.runChunk(req, 0, 250)).timeToPower;
}

// More MW per upgrade → shorter waits; search on a log scale between 10 MW and 20 GW.
let lo = 10;
let hi = 20_000;
for (let k = 0; k < 14; k++) {
  const mid = Math.sqrt(lo * hi);
  if (p50For(mid).p50 > target) lo = mid;
  else hi = mid;
}
const best = Math.round(Math.sqrt(lo * hi));
const t = p50For(best);
console.log(`${id}: upgradeMW ${best} → P10/P50/P90 ${t.p10.toFixed(1)} / ${t.p50.toFixed(1)} / ${t.p90.toFixed(1)} months`);
