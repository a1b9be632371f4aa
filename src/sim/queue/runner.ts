/**
 * The queue model behind the run contract (contract.ts): chunks of trials in, mergeable partials
 * out, one summary at the end. An engine is built once per distinct request and reused for every
 * chunk a worker gets (its arrays are reset per trial, never reallocated).
 */
import { formatErrors, type ModelRunner } from '../contract';
import type { GridAccessDraw } from '../grid-access/params';
import { compileGridAccess, gridAccessMonths, gridAccessPercentiles } from '../grid-access/phase';
import { Rng } from '../rng';
import { compileQueueParams, type EngineConfig } from './compile';
import { QueueEngine } from './engine';
import { validateQueueParams, type QueueRequest } from './params';
import { addTrial, createQueuePartial, mergeQueuePartials, type QueuePartial, type TrialOutcome } from './partial';
import { summarizeQueue, type QueueSummary } from './summary';

export type { QueueRequest } from './params';

/**
 * A queue run for a site with its own grid access (docs/method.md §6): the phase runs beside the study
 * phases from today and must finish before energization, so the user's months to power are
 * max(engine, grid access) per trial. Absent or null: the engine's numbers, bit for bit.
 */
export type QueueRunRequest = QueueRequest & { gridAccess?: GridAccessDraw | null };
export type { QueuePartial } from './partial';
export type { QueueSummary } from './summary';

/**
 * Trials [start, end) of an engine into a fresh partial (tests use it with hand-built configs).
 * `onTrial` sees each trial's outcome (curtailment/ reads the user's times off it); `gridAccess`
 * is the site's own phase, combined before either sees the outcome.
 */
export function runEngineChunk(
  engine: QueueEngine,
  seed: number,
  start: number,
  end: number,
  onTrial?: (trial: number, o: TrialOutcome) => void,
  gridAccess: GridAccessDraw | null = null,
): QueuePartial {
  const cfg: EngineConfig = engine.cfg;
  const part = createQueuePartial(cfg.horizon, start, end, cfg.runToHorizon);
  engine.energizeSink = part.requestToEnergize;
  engine.iaSink = part.requestToIA;
  const access = gridAccess ? compileGridAccess(gridAccess) : null;
  const rng = access ? new Rng() : null;
  try {
    for (let trial = start; trial < end; trial++) {
      const o = engine.runTrial(seed, trial);
      // Its own stream: the queue's draws are the same with or without the phase.
      if (access && rng) o.userMonths = Math.max(o.userMonths, gridAccessMonths(access, seed, trial, rng));
      addTrial(part, trial, o, start);
      if (onTrial) onTrial(trial, o);
    }
  } finally {
    engine.energizeSink = null;
    engine.iaSink = null;
  }
  return part;
}

let cachedKey = '';
let cachedEngine: QueueEngine | null = null;

/** The engine for a request, built once and reused while the request's inputs stay the same. */
export function engineFor(req: QueueRequest): QueueEngine {
  const key = JSON.stringify([req.params, req.projectMW, req.runToHorizon === true]);
  if (key !== cachedKey || cachedEngine === null) {
    const v = validateQueueParams(req.params, 'params');
    if (!v.ok) throw new Error(`Invalid queue parameters: ${formatErrors(v.errors)}`);
    if (!(req.projectMW > 0)) throw new Error(`projectMW: must be a positive number of MW, got ${req.projectMW}`);
    cachedEngine = new QueueEngine(compileQueueParams(v.value, req.projectMW, req.runToHorizon === true));
    cachedKey = key;
  }
  return cachedEngine;
}

export const queueRunner: ModelRunner<QueueRunRequest, QueuePartial, QueueSummary> = {
  runChunk(req, start, end) {
    return runEngineChunk(engineFor(req), req.seed, start, end, undefined, req.gridAccess ?? null);
  },
  merge: mergeQueuePartials,
  summarize(req, merged) {
    const s = summarizeQueue(req, merged);
    if (!req.gridAccess) return s;
    // The same per-trial draws the chunks combined, summarised on their own.
    return { ...s, gridAccess: { distanceKm: req.gridAccess.distanceKm, months: gridAccessPercentiles(req.gridAccess, req.seed, merged.trials, merged.horizonMonths) } };
  },
};
