/**
 * One trial of firm and curtailable MW (docs/method.md §7), read off the queue engine's trial for the
 * user's request (project 0):
 *
 *   firm  = the engine's time to power (headroom granted, then construction)
 *   first = min(firm, max(rule start, IA + postIaShare × construction))
 *
 * The curtailable MW skip the wait for grid headroom: they come when the studies are done (IA) and
 * the site is built, using the very construction time the engine drew for the user (no new draw, so
 * where nothing waits for headroom first = firm exactly). Only if the engine never started the
 * user's construction within the horizon is a construction time drawn here, from this model's own
 * stream. Curtailed hours per year are drawn from that stream too (two uniforms every trial, used or
 * not), so the firm-only numbers never shift.
 *
 * Energy lost while curtailable = hours / 8760 × curtailable share of the MW, where the curtailable
 * share is (MW − floor) / MW when the rule has a firm floor, else 1 (all MW non-firm until firm).
 */
import { invNormal, lognormalFromP50P90 } from '../distributions';
import { D_CONSTR, DIST_EXPONENTIAL, type EngineConfig } from '../queue/compile';
import type { TrialOutcome } from '../queue/partial';
import { Rng, Stream } from '../rng';
import { HOURS_PER_YEAR, type CurtailmentRequest } from './params';

/** One trial's result (reused across trials). Months from today; Infinity = not within the horizon. */
export interface CurtailTrial {
  first: number;
  firm: number;
  /** curtailed hours per year drawn for this trial */
  hours: number;
  /** share of the request's energy lost to curtailment while curtailable (0 when first = firm) */
  energyShare: number;
}

export class CurtailmentModel {
  private readonly rng = new Rng();
  private readonly active: boolean;
  private readonly start: number;
  private readonly postIa: number;
  private readonly curtailableShare: number;
  private readonly mu: number;
  private readonly sigma: number;
  private readonly noHours: boolean;
  private readonly horizon: number;
  private readonly constrExp: boolean;
  private readonly constrA: number;
  private readonly constrB: number;
  readonly out: CurtailTrial = { first: Infinity, firm: Infinity, hours: 0, energyShare: 0 };

  constructor(req: CurtailmentRequest, projectMW: number, cfg: EngineConfig) {
    this.active = req.ruleId !== null;
    this.start = req.startMonth;
    this.postIa = req.postIaShare;
    this.curtailableShare = req.firmFloor ? (projectMW - req.floorMW) / projectMW : 1;
    this.noHours = req.hoursPerYear.p50 === 0;
    const ln = this.noHours ? { mu: 0, sigma: 0 } : lognormalFromP50P90(req.hoursPerYear.p50, req.hoursPerYear.p90);
    this.mu = ln.mu;
    this.sigma = ln.sigma;
    this.horizon = cfg.horizon;
    this.constrExp = cfg.distKind[D_CONSTR] === DIST_EXPONENTIAL;
    this.constrA = cfg.distA[D_CONSTR];
    this.constrB = cfg.distB[D_CONSTR];
  }

  run(seed: number, trial: number, o: TrialOutcome): CurtailTrial {
    const r = this.rng.reset(seed, trial, Stream.curtailment);
    const uHours = r.uniform();
    const uConstr = r.uniform();
    const out = this.out;
    const firm = o.userMonths < this.horizon ? o.userMonths : Infinity;
    let first = firm;
    // A curtailable connection needs no firm capacity: it starts when the studies end, which is
    // the agreement unless firm capacity is reserved at the agreement (Nordic presets).
    if (this.active && o.userStudiesMonths < this.horizon) {
      let c = o.userConstrMonths;
      if (c !== c) c = this.constrExp ? -this.constrA * Math.log(uConstr) : Math.exp(this.constrA + this.constrB * invNormal(uConstr));
      let t = o.userStudiesMonths + this.postIa * c;
      if (t < this.start) t = this.start;
      if (t < first) first = t;
      if (!(first < this.horizon)) first = Infinity;
    }
    let hours = 0;
    if (!this.noHours) {
      hours = Math.exp(this.mu + this.sigma * invNormal(uHours));
      if (hours > HOURS_PER_YEAR) hours = HOURS_PER_YEAR;
    }
    out.first = first;
    out.firm = firm;
    out.hours = hours;
    out.energyShare = first < firm ? (hours / HOURS_PER_YEAR) * this.curtailableShare : 0;
    return out;
  }
}
