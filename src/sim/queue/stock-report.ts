/**
 * The stock-shape report (docs/queue-as-it-stands.md "Does the stock keep its shape?"): a preset's
 * queue run forward on a constant-rate path, its shape read at fixed months. A model whose own
 * dynamics disagree with the stock it starts from shows it here: the mean age of active requests,
 * the share of their MW past the agreement and the MW by phase drift within a year and settle
 * elsewhere. Where the published history says the queue was stable these should stay near month 0;
 * where it grew or shrank, move the same way.
 *
 * Plain per-trial means in trial order, so any chunking gives the same numbers.
 */
import { compileQueueParams } from './compile';
import { QueueEngine } from './engine';
import type { QueueParams } from './params';

/** Months after the as-of date at which the shape is read. */
export const STOCK_REPORT_MONTHS = [0, 12, 24, 60] as const;

export interface StockShapeRow {
  month: number;
  /** mean months since filing of the requests still active (user's request left out) */
  meanAgeMonths: number;
  /** MW of active requests past the agreement ÷ all active MW */
  sharePastAgreement: number;
  /** active MW by phase (cluster template: window and engagement count as feasibility) */
  mwByPhase: { feas: number; sis: number; fs: number; postIa: number };
  /** of mwByPhase.fs: MW studied and waiting for capacity before an agreement (0 unless capacity is reserved at the agreement) */
  waitingForCapacityMW: number;
  activeMW: number;
}

export interface StockShapeReport {
  trials: number;
  seed: number;
  rows: StockShapeRow[];
  /** each figure at months 12, 24, 60 as a ratio to month 0 */
  drift: Array<{ month: number; meanAge: number; sharePastAgreement: number; activeMW: number }>;
}

/** Runs `trials` trials of the parameters to month 60 (inputs as the parameters give them) and averages the shape. */
export function stockShapeReport(params: QueueParams, seed: number, trials: number): StockShapeReport {
  const K = STOCK_REPORT_MONTHS.length;
  const p: QueueParams = { ...params, horizonMonths: Math.max(params.horizonMonths, STOCK_REPORT_MONTHS[K - 1] + 1) };
  const cfg = compileQueueParams(p, 1, true);
  cfg.sampleTimes = Float64Array.from(STOCK_REPORT_MONTHS);
  cfg.stockShape = true;
  cfg.horizon = STOCK_REPORT_MONTHS[K - 1] + 1;
  const engine = new QueueEngine(cfg);
  const age = new Float64Array(K);
  const phase = new Float64Array(4 * K);
  const waiting = new Float64Array(K);
  for (let t = 0; t < trials; t++) {
    const o = engine.runTrial(seed, t);
    for (let k = 0; k < K; k++) {
      age[k] += o.sampleMeanAge[k];
      waiting[k] += o.sampleWaitingMW[k];
      for (let b = 0; b < 4; b++) phase[4 * k + b] += o.sampleMWByPhase[4 * k + b];
    }
  }
  const rows: StockShapeRow[] = STOCK_REPORT_MONTHS.map((month, k) => {
    const [feas, sis, fs, postIa] = [0, 1, 2, 3].map((b) => phase[4 * k + b] / trials);
    const activeMW = feas + sis + fs + postIa;
    return { month, meanAgeMonths: age[k] / trials, sharePastAgreement: activeMW > 0 ? postIa / activeMW : NaN, mwByPhase: { feas, sis, fs, postIa }, waitingForCapacityMW: waiting[k] / trials, activeMW };
  });
  const r0 = rows[0];
  const drift = rows.slice(1).map((r) => ({
    month: r.month,
    meanAge: r.meanAgeMonths / r0.meanAgeMonths,
    sharePastAgreement: r.sharePastAgreement / r0.sharePastAgreement,
    activeMW: r.activeMW / r0.activeMW,
  }));
  return { trials, seed, rows, drift };
}
