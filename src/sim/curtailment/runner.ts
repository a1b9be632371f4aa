/**
 * The queue model with optional firm and curtailable MW: the same run contract as queue/runner.ts.
 * Without `curtailment` in the request it is exactly the queue runner (same partials, same summary);
 * with it, each chunk also reads every trial's user outcome into a curtailment partial, and the
 * summary gains a `curtailment` section. The queue's own numbers are untouched either way.
 */
import { validateCurtailmentRequest, type CurtailmentRequest } from './params';
import { addCurtailTrial, createCurtailPartial, mergeCurtailPartials, summarizeCurtailment, type CurtailPartial, type CurtailmentSummary } from './partial';
import { CurtailmentModel } from './trial';
import { formatErrors, type ModelRunner } from '../contract';
import { engineFor, queueRunner, runEngineChunk, type QueuePartial, type QueueRunRequest, type QueueSummary } from '../queue/runner';

/** A queue run (with the site's grid-access phase when it has one), optionally with curtailment. */
export interface CurtailableQueueRequest extends QueueRunRequest {
  curtailment?: CurtailmentRequest;
}
export type CurtailableQueuePartial = QueuePartial & { curtail?: CurtailPartial };
export type CurtailableQueueSummary = QueueSummary & { curtailment?: CurtailmentSummary };

function runChunk(req: CurtailableQueueRequest, start: number, end: number): CurtailableQueuePartial {
  if (!req.curtailment) return queueRunner.runChunk(req, start, end);
  const checked = validateCurtailmentRequest(req.curtailment, req.projectMW);
  if (!checked.ok) throw new Error(`Invalid curtailment request: ${formatErrors(checked.errors)}`);
  const engine = engineFor(req);
  const model = new CurtailmentModel(checked.value, req.projectMW, engine.cfg);
  const horizon = engine.cfg.horizon;
  const curtail = createCurtailPartial(horizon, start, end);
  const seed = req.seed;
  const part: CurtailableQueuePartial = runEngineChunk(engine, seed, start, end, (trial, o) => addCurtailTrial(curtail, trial, start, model.run(seed, trial, o), horizon), req.gridAccess ?? null);
  part.curtail = curtail;
  return part;
}

export const curtailableQueueRunner: ModelRunner<CurtailableQueueRequest, CurtailableQueuePartial, CurtailableQueueSummary> = {
  runChunk,
  merge(acc, next) {
    const c = acc.curtail;
    const merged: CurtailableQueuePartial = queueRunner.merge(acc, next);
    if (c && next.curtail) merged.curtail = mergeCurtailPartials(c, next.curtail);
    return merged;
  },
  summarize(req, merged) {
    const s: CurtailableQueueSummary = queueRunner.summarize(req, merged);
    if (req.curtailment && merged.curtail) s.curtailment = summarizeCurtailment(req.curtailment, req.projectMW, s.timeToPower, merged.curtail);
    return s;
  },
};
