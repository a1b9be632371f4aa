/**
 * A cap on total work, so a valid but enormous scenario (a 50,000-request backlog, a 1,200-month
 * horizon, 1,500 arrivals a year and 2 million trials would run for weeks) is refused with a
 * message instead of freezing the machine, and a shared link that would run for minutes asks first.
 *
 * Work = requests simulated per trial × trials × horizon months (the queue engine's events grow
 * with each factor). The default ERCOT run (500 queued + 225 a year for 20 years, 10,000 trials,
 * 240 months) is 1.2 × 10¹⁰ and takes about 2 s on two cores (README, "Measured figures").
 */
import type { FieldError } from './contract';

/** The most work one run may do: about the largest bundled preset (PJM) at the most trials, ~15 minutes on two cores. */
export const MAX_WORK = 5e12;
/** Above this a link does not run on its own: the user confirms first (~10× the default run, about half a minute). */
export const HEAVY_WORK = 1.2e11;

export interface WorkInput {
  /** requests simulated per trial: the backlog plus expected arrivals over the horizon, plus the user's own */
  requests: number;
  trials: number;
  horizonMonths: number;
}

export function workOf(w: WorkInput): number {
  return Math.max(1, w.requests) * Math.max(1, w.trials) * Math.max(1, w.horizonMonths);
}

/** The queue model's work for these parameters (backlog.count, arrivals.ratePerYear, horizonMonths). */
export function queueWork(params: { horizonMonths: number; backlog: { count: number }; arrivals: { ratePerYear: number } }, trials: number): WorkInput {
  const requests = 1 + params.backlog.count + (params.arrivals.ratePerYear * params.horizonMonths) / 12;
  return { requests, trials, horizonMonths: params.horizonMonths };
}

const fmt = (n: number) => (n >= 1e6 ? n.toExponential(1).replace('e+', ' × 10^') : Math.round(n).toLocaleString('en-US'));

/** An error naming the trials field when the run is over MAX_WORK, else null. */
export function checkWork(w: WorkInput, field = 'trials'): FieldError | null {
  const work = workOf(w);
  if (work <= MAX_WORK) return null;
  const maxTrials = Math.floor(MAX_WORK / (Math.max(1, w.requests) * Math.max(1, w.horizonMonths)));
  return {
    field,
    message:
      `this run is too large: ${fmt(w.requests)} requests × ${fmt(w.trials)} trials × ${w.horizonMonths} months = ${fmt(work)}, ` +
      `over the limit of ${fmt(MAX_WORK)} (it would run for hours or days). ` +
      (maxTrials >= 1 ? `Use at most ${maxTrials.toLocaleString('en-US')} trials, or a shorter horizon or smaller queue.` : 'Use a shorter horizon or a smaller queue.'),
  };
}

/** Whether a run this large should wait for the user's go-ahead before it starts on its own. */
export function isHeavy(w: WorkInput): boolean {
  return workOf(w) > HEAVY_WORK;
}
