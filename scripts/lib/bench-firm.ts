/**
 * `firm` section of `npm run bench`: queue throughput with firm and curtailable MW on (the ERCOT
 * bench scenario, accept curtailment with a 50 MW floor), against the same run with it off.
 * Runs alternate off/on so a machine shared with other work slows both alike; per core = trials ÷
 * CPU seconds of this thread. The budget: curtailment costs at most 15% of throughput.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHUNK_TRIALS } from '../../src/sim/contract';
import { loadCurtailmentRules, resolveCurtailment } from '../../src/sim/curtailment/rules';
import { curtailableQueueRunner, type CurtailableQueuePartial, type CurtailableQueueRequest } from '../../src/sim/curtailment/runner';
import { benchQueueRequest } from './bench-queue';

const FLOOR_MW = 50;
const AS_OF = '2027-06';

function cpuSecondsFor(req: CurtailableQueueRequest): number {
  const c0 = process.cpuUsage();
  let acc: CurtailableQueuePartial | null = null;
  for (let s = 0; s < req.trials; s += CHUNK_TRIALS) {
    const part = curtailableQueueRunner.runChunk(req, s, Math.min(req.trials, s + CHUNK_TRIALS));
    acc = acc ? curtailableQueueRunner.merge(acc, part) : part;
  }
  if (acc) curtailableQueueRunner.summarize(req, acc);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

export function benchFirm(opts: { root?: string; trials?: number } = {}) {
  const root = opts.root ?? process.cwd();
  const trials = opts.trials ?? 4000;
  const doc = loadCurtailmentRules(JSON.parse(readFileSync(resolve(root, 'data/curtailment.json'), 'utf8')));
  if (!doc.ok) throw new Error(`data/curtailment.json: ${doc.errors[0].field}: ${doc.errors[0].message}`);
  const off: CurtailableQueueRequest = benchQueueRequest(root, trials);
  const c = resolveCurtailment(doc.value, off.presetId, { floorMW: FLOOR_MW, assumePath: false }, AS_OF, off.projectMW);
  if (!c.ok) throw new Error(c.errors[0].message);
  const on: CurtailableQueueRequest = { ...off, curtailment: c.value };
  // Warm-up, then alternate: off, on, off, on.
  cpuSecondsFor({ ...on, trials: 1000 });
  cpuSecondsFor({ ...off, trials: 1000 });
  let offCpu = 0;
  let onCpu = 0;
  for (let k = 0; k < 2; k++) {
    offCpu += cpuSecondsFor(off);
    onCpu += cpuSecondsFor(on);
  }
  const offRate = (2 * trials) / offCpu;
  const onRate = (2 * trials) / onCpu;
  return {
    scenario: `queue bench scenario with curtailment accepted: rule ${c.value.ruleName}, floor ${FLOOR_MW} MW, as of ${AS_OF}`,
    trials: 2 * trials,
    trialsPerSecPerCore: Math.round(onRate),
    offTrialsPerSecPerCore: Math.round(offRate),
    /** throughput lost to curtailment: 1 − on/off (budget ≤ 0.15) */
    cost: +(1 - onRate / offRate).toFixed(4),
  };
}
