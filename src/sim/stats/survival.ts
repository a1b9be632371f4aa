/**
 * Survival with right censoring: Kaplan–Meier for one outcome and the Aalen–Johansen estimator of
 * cumulative incidence for competing outcomes (Aalen & Johansen 1978; see e.g. Putter, Fiocco & Geskus,
 * "Tutorial in biostatistics: competing risks and multi-state models", Stat. Med. 2007, §3).
 *
 * At each distinct event time t_j with n_j still at risk and d_jk events of cause k:
 *   S(t_j)     = S(t_{j-1}) · (1 − Σ_k d_jk / n_j)          (all-cause Kaplan–Meier)
 *   F_k(t_j)   = F_k(t_{j-1}) + S(t_{j-1}) · d_jk / n_j      (cumulative incidence of cause k)
 * A record censored at t is still at risk at t (the usual convention). With one cause F_1 = 1 − S:
 * Kaplan–Meier is the special case. Treating a competing outcome as censoring instead (1 − KM of
 * one cause) overstates that cause; that is why the two-outcome fit uses Aalen–Johansen.
 */

/** Step functions of an Aalen–Johansen fit: values hold from each time until the next. */
export interface CumulativeIncidence {
  /** distinct event times, ascending */
  times: Float64Array;
  /** all-cause survival just after each time */
  survival: Float64Array;
  /** cif[k - 1][j]: cumulative incidence of cause k just after times[j] */
  cif: Float64Array[];
  /** records used */
  n: number;
  /** the last time anyone was observed (event or censoring): beyond it the curves say nothing */
  maxFollowUp: number;
}

/**
 * Fits cumulative incidence. `time[i]` ≥ 0 is the follow-up of record i; `cause[i]` is 0 when censored
 * at that time, else the outcome 1…causes. Non-finite or negative times are skipped.
 */
export function aalenJohansen(time: ArrayLike<number>, cause: ArrayLike<number>, causes: number): CumulativeIncidence {
  const idx: number[] = [];
  for (let i = 0; i < time.length; i++) if (Number.isFinite(time[i]) && time[i] >= 0 && cause[i] >= 0 && cause[i] <= causes) idx.push(i);
  idx.sort((a, b) => time[a] - time[b]);
  const times: number[] = [];
  const surv: number[] = [];
  const cif: number[][] = Array.from({ length: causes }, () => []);
  const running = new Float64Array(causes);
  const d = new Float64Array(causes);
  let atRisk = idx.length;
  let s = 1;
  let j = 0;
  let maxFollowUp = 0;
  while (j < idx.length) {
    const t = time[idx[j]];
    d.fill(0);
    let leaving = 0;
    let events = 0;
    while (j < idx.length && time[idx[j]] === t) {
      const k = cause[idx[j]];
      if (k > 0) {
        d[k - 1]++;
        events++;
      }
      leaving++;
      j++;
    }
    maxFollowUp = t;
    if (events > 0) {
      for (let k = 0; k < causes; k++) running[k] += (s * d[k]) / atRisk;
      s *= 1 - events / atRisk;
      times.push(t);
      surv.push(s);
      for (let k = 0; k < causes; k++) cif[k].push(running[k]);
    }
    atRisk -= leaving;
  }
  return { times: Float64Array.from(times), survival: Float64Array.from(surv), cif: cif.map((c) => Float64Array.from(c)), n: idx.length, maxFollowUp };
}

/** Index of the last step at or before t (−1 before the first). */
function stepIndex(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Cumulative incidence of cause k (1-based) at t; NaN beyond the last follow-up (unknown, not flat). */
export function cifAt(fit: CumulativeIncidence, k: number, t: number): number {
  if (t > fit.maxFollowUp) return NaN;
  const j = stepIndex(fit.times, t);
  return j < 0 ? 0 : fit.cif[k - 1][j];
}

/** All-cause survival at t; NaN beyond the last follow-up. */
export function survivalAt(fit: CumulativeIncidence, t: number): number {
  if (t > fit.maxFollowUp) return NaN;
  const j = stepIndex(fit.times, t);
  return j < 0 ? 1 : fit.survival[j];
}

/** Kaplan–Meier survival of one outcome (`event[i]` true = the outcome, false = censored). */
export function kaplanMeier(time: ArrayLike<number>, event: ArrayLike<boolean>): CumulativeIncidence {
  const cause = Uint8Array.from({ length: event.length }, (_, i) => (event[i] ? 1 : 0));
  return aalenJohansen(time, cause, 1);
}
