/**
 * One path of the lease-ahead absorption market (docs/method.md §2), month by month:
 *   1. buildings whose power arrives this month are delivered: pre-leased MW becomes occupied,
 *      the rest vacant;
 *   2. space vacated `marketingLag` months ago comes onto the market; a share of occupied MW churns;
 *   3. new buildings start (Poisson; size, build time, and with some probability late power);
 *      at the decision month the user's building starts too;
 *   4. tenant requirements arrive (Poisson; size, need date up to `leadMax` ahead);
 *   5. requirements are matched earliest need first: to vacant space on the market when the need is
 *      within the match window of now, then to buildings under construction whose expected
 *      delivery is within the window of the need; unmet requirements expire.
 * Metrics are read after matching. Buildings and requirements live in typed arrays kept sorted by
 * expected delivery / need date, allocated once per engine and reset per path.
 *
 * Streams: supply draws from `arrivals`, demand from `market`, the user's delivery from
 * `construction` (one uniform), so a change in one never shifts the others (docs/method.md §0).
 */
import { invNormal, lognormalFromP50P90, poissonInv, type LogNormal } from '../distributions';
import { sampleQuantileTable, type QuantileTable } from '../quantile-table';
import { Rng, Stream } from '../rng';
import type { AbsorptionParams } from './params';

/** What a path reports per reported month j (arrays of length horizonMonths). */
export interface PathMetrics {
  /** vacant ÷ delivered MW */
  vacancy: Float64Array;
  /** leased ÷ total MW of buildings under construction (NaN when none) */
  preleasedShareUC: Float64Array;
  /** MW of leases signed in the month (vacant + pre-leases) */
  leasedMW: Float64Array;
  /** change in occupied MW over the month */
  netAbsorptionMW: Float64Array;
}

/** The user's building in one path. NaN = did not happen within the path. */
export interface UserOutcome {
  /** months from the decision to power */
  deliveredAt: number;
  /** leased ÷ MW when powered */
  preleasedAtDelivery: number;
  /** months from power to ≥ 95% leased (0 if already) */
  monthsTo95: number;
}

function lnOf(d: { p50: number; p90: number }): LogNormal {
  return lognormalFromP50P90(d.p50, d.p90);
}

const EPS_MW = 1e-9;

export class MarketEngine {
  readonly metrics: PathMetrics;
  readonly user: UserOutcome = { deliveredAt: NaN, preleasedAtDelivery: NaN, monthsTo95: NaN };

  private readonly p: AbsorptionParams;
  private readonly sizeLN: LogNormal;
  private readonly buildLN: LogNormal;
  private readonly lateLN: LogNormal;
  private readonly reqLN: LogNormal;
  private readonly userLN: LogNormal;
  private readonly deliveryTable: QuantileTable | undefined;
  /** the delivery date the user's developer announces: the P50 of the delivery distribution */
  private readonly userExpected: number;
  private readonly churnMonthly: number;
  /** mean requirement size, MW (the lognormal's mean) */
  private readonly reqMeanMW: number;
  private readonly seed: number;

  // Buildings under construction, sorted by expected delivery.
  private ucMW = new Float64Array(256);
  private ucLeased = new Float64Array(256);
  private ucExpected = new Float64Array(256);
  private ucActual = new Float64Array(256);
  private ucUser = new Uint8Array(256);
  private ucN = 0;
  private ucTotalMW = 0;
  private ucTotalLeased = 0;

  // Requirements, sorted by need date.
  private rqMW = new Float64Array(256);
  private rqNeed = new Float64Array(256);
  private rqExpire = new Float64Array(256);
  private rqN = 0;

  // Delivered stock: the market's and the user's building's, with vacancy that is let after a lag.
  private marketMW = 0;
  private marketOccupied = 0;
  private marketAvail = 0;
  private readonly marketPending: Float64Array;
  private userDelivered = false;
  private userOccupied = 0;
  private userAvail = 0;
  private readonly userPending: Float64Array;

  private readonly supply = new Rng();
  private readonly demand = new Rng();
  private readonly userRng = new Rng();

  constructor(params: AbsorptionParams, seed: number, deliveryTable?: QuantileTable) {
    this.p = params;
    this.seed = seed >>> 0;
    this.sizeLN = lnOf(params.supply.sizeMW);
    this.buildLN = lnOf(params.supply.buildMonths);
    this.lateLN = lnOf(params.supply.powerLateMonths);
    this.reqLN = lnOf(params.demand.sizeMW);
    this.userLN = lnOf(params.userBuilding.delivery);
    this.deliveryTable = deliveryTable;
    this.userExpected = deliveryTable ? sampleQuantileTable(deliveryTable, 0.5) : params.userBuilding.delivery.p50;
    this.churnMonthly = 1 - Math.pow(1 - params.churnPerYear, 1 / 12);
    this.reqMeanMW = Math.exp(this.reqLN.mu + 0.5 * this.reqLN.sigma * this.reqLN.sigma);
    this.marketPending = new Float64Array(params.marketingLagMonths + 1);
    this.userPending = new Float64Array(params.marketingLagMonths + 1);
    const h = params.horizonMonths;
    this.metrics = {
      vacancy: new Float64Array(h),
      preleasedShareUC: new Float64Array(h),
      leasedMW: new Float64Array(h),
      netAbsorptionMW: new Float64Array(h),
    };
  }

  private reset(): void {
    this.ucN = 0;
    this.ucTotalMW = 0;
    this.ucTotalLeased = 0;
    this.rqN = 0;
    this.marketMW = 0;
    this.marketOccupied = 0;
    this.marketAvail = 0;
    this.marketPending.fill(0);
    this.userDelivered = false;
    this.userOccupied = 0;
    this.userAvail = 0;
    this.userPending.fill(0);
    this.user.deliveredAt = NaN;
    this.user.preleasedAtDelivery = NaN;
    this.user.monthsTo95 = NaN;
  }

  /** Simulates path `trial`, filling `metrics` and `user`. */
  run(trial: number): void {
    this.reset();
    const p = this.p;
    this.supply.reset(this.seed, trial, Stream.arrivals);
    this.demand.reset(this.seed, trial, Stream.market);
    const uUser = this.userRng.reset(this.seed, trial, Stream.construction).uniform();
    const userDelay = this.deliveryTable ? sampleQuantileTable(this.deliveryTable, uUser) : Math.exp(this.userLN.mu + this.userLN.sigma * invNormal(uUser));
    const decision = p.burnInMonths;
    const end = p.burnInMonths + p.horizonMonths;
    const lag = p.marketingLagMonths;
    const ring = lag + 1;

    for (let m = 0; m < end; m++) {
      let netAbs = 0;
      let leased = 0;

      // 1. Deliveries (compacting the UC list in place, order kept).
      let w = 0;
      for (let i = 0; i < this.ucN; i++) {
        if (this.ucActual[i] <= m) {
          const mw = this.ucMW[i];
          const l = this.ucLeased[i];
          this.ucTotalMW -= mw;
          this.ucTotalLeased -= l;
          netAbs += l;
          if (this.ucUser[i]) {
            this.userDelivered = true;
            this.userOccupied = l;
            this.user.deliveredAt = m - decision;
            this.user.preleasedAtDelivery = l / mw;
            this.vacate(this.userPending, mw - l, m, lag, true);
          } else {
            this.marketMW += mw;
            this.marketOccupied += l;
            this.vacate(this.marketPending, mw - l, m, lag, false);
          }
          continue;
        }
        if (w !== i) this.moveUC(i, w);
        w++;
      }
      this.ucN = w;

      // 2. Space vacated `lag` months ago comes onto the market; churn.
      if (lag > 0) {
        this.marketAvail += this.marketPending[m % ring];
        this.marketPending[m % ring] = 0;
        this.userAvail += this.userPending[m % ring];
        this.userPending[m % ring] = 0;
      }
      let churn = this.marketOccupied * this.churnMonthly;
      this.marketOccupied -= churn;
      netAbs -= churn;
      this.vacate(this.marketPending, churn, m, lag, false);
      if (this.userDelivered) {
        const uc = this.userOccupied * this.churnMonthly;
        this.userOccupied -= uc;
        netAbs -= uc;
        churn += uc;
        this.vacate(this.userPending, uc, m, lag, true);
      }

      // 3. Starts.
      const sp = this.supply;
      const starts = poissonInv(p.supply.startsPerMonth, sp.uniform());
      for (let k = 0; k < starts; k++) {
        const mw = Math.exp(this.sizeLN.mu + this.sizeLN.sigma * invNormal(sp.uniform()));
        const expected = m + Math.exp(this.buildLN.mu + this.buildLN.sigma * invNormal(sp.uniform()));
        const late = sp.uniform() < p.supply.powerLateProbability;
        const uLate = sp.uniform();
        const actual = late ? expected + Math.exp(this.lateLN.mu + this.lateLN.sigma * invNormal(uLate)) : expected;
        this.insertUC(mw, expected, actual, 0);
      }
      if (m === decision) this.insertUC(p.userBuilding.mw, m + this.userExpected, m + userDelay, 1);

      // 4. Requirements.
      const dp = this.demand;
      // Tenants who leave a building look for space again: churned MW returns as requirements.
      const arrivals = poissonInv(p.demand.requirementsPerMonth + churn / this.reqMeanMW, dp.uniform());
      const leadSpan = p.demand.leadMaxMonths - p.demand.leadMinMonths;
      for (let k = 0; k < arrivals; k++) {
        const mw = Math.exp(this.reqLN.mu + this.reqLN.sigma * invNormal(dp.uniform()));
        const need = m + p.demand.leadMinMonths + leadSpan * dp.uniform();
        this.insertRequirement(mw, need, m + p.demand.expiryMonths);
      }

      // 5. Matching, earliest need first.
      const win = p.demand.matchWindowMonths;
      let r = 0;
      for (let i = 0; i < this.rqN; i++) {
        let rem = this.rqMW[i];
        const need = this.rqNeed[i];
        const avail = this.marketAvail + this.userAvail;
        if (avail > EPS_MW) {
          const x = rem < avail ? rem : avail;
          const fromUser = (x * this.userAvail) / avail;
          this.userAvail -= fromUser;
          this.userOccupied += fromUser;
          this.marketAvail -= x - fromUser;
          this.marketOccupied += x - fromUser;
          leased += x;
          netAbs += x;
          rem -= x;
        }
        if (rem > EPS_MW) {
          // UC buildings are sorted by expected delivery: scan the window [need − win, need + win].
          for (let b = this.firstUCFrom(need - win); b < this.ucN && this.ucExpected[b] <= need + win && rem > EPS_MW; b++) {
            const free = this.ucMW[b] - this.ucLeased[b];
            if (free <= EPS_MW) continue;
            const y = rem < free ? rem : free;
            this.ucLeased[b] += y;
            this.ucTotalLeased += y;
            leased += y;
            rem -= y;
          }
        }
        if (rem > EPS_MW && this.rqExpire[i] > m) {
          this.rqMW[r] = rem;
          this.rqNeed[r] = need;
          this.rqExpire[r] = this.rqExpire[i];
          r++;
        }
      }
      this.rqN = r;

      // 6. Metrics after the decision.
      if (m >= decision) {
        const j = m - decision;
        const inventory = this.marketMW + (this.userDelivered ? p.userBuilding.mw : 0);
        const occupied = this.marketOccupied + this.userOccupied;
        this.metrics.vacancy[j] = inventory > 0 ? (inventory - occupied) / inventory : NaN;
        this.metrics.preleasedShareUC[j] = this.ucTotalMW > EPS_MW ? this.ucTotalLeased / this.ucTotalMW : NaN;
        this.metrics.leasedMW[j] = leased;
        this.metrics.netAbsorptionMW[j] = netAbs;
        if (this.userDelivered && this.user.monthsTo95 !== this.user.monthsTo95 && this.userOccupied >= 0.95 * p.userBuilding.mw - EPS_MW) {
          this.user.monthsTo95 = j - this.user.deliveredAt;
        }
      }
    }
  }

  /** Newly vacant MW: on the market after `lag` months (straight away when lag is 0). */
  private vacate(pending: Float64Array, mw: number, m: number, lag: number, user: boolean): void {
    if (mw <= 0) return;
    if (lag === 0) {
      if (user) this.userAvail += mw;
      else this.marketAvail += mw;
    } else pending[(m + lag) % (lag + 1)] += mw;
  }

  /** Index of the first UC building with expected delivery ≥ t (binary search). */
  private firstUCFrom(t: number): number {
    let lo = 0;
    let hi = this.ucN;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ucExpected[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private moveUC(from: number, to: number): void {
    this.ucMW[to] = this.ucMW[from];
    this.ucLeased[to] = this.ucLeased[from];
    this.ucExpected[to] = this.ucExpected[from];
    this.ucActual[to] = this.ucActual[from];
    this.ucUser[to] = this.ucUser[from];
  }

  private insertUC(mw: number, expected: number, actual: number, user: number): void {
    if (this.ucN === this.ucMW.length) this.growUC();
    let i = this.ucN;
    while (i > 0 && this.ucExpected[i - 1] > expected) {
      this.moveUC(i - 1, i);
      i--;
    }
    this.ucMW[i] = mw;
    this.ucLeased[i] = 0;
    this.ucExpected[i] = expected;
    this.ucActual[i] = actual;
    this.ucUser[i] = user;
    this.ucN++;
    this.ucTotalMW += mw;
  }

  private insertRequirement(mw: number, need: number, expire: number): void {
    if (this.rqN === this.rqMW.length) this.growRequirements();
    let i = this.rqN;
    while (i > 0 && this.rqNeed[i - 1] > need) {
      this.rqMW[i] = this.rqMW[i - 1];
      this.rqNeed[i] = this.rqNeed[i - 1];
      this.rqExpire[i] = this.rqExpire[i - 1];
      i--;
    }
    this.rqMW[i] = mw;
    this.rqNeed[i] = need;
    this.rqExpire[i] = expire;
    this.rqN++;
  }

  // Growth is rare (the arrays start at 256 and keep their size across paths), so the hot loop
  // allocates nothing in steady state.
  private growUC(): void {
    const n = this.ucMW.length * 2;
    const grow = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.ucMW = grow(this.ucMW, (k) => new Float64Array(k));
    this.ucLeased = grow(this.ucLeased, (k) => new Float64Array(k));
    this.ucExpected = grow(this.ucExpected, (k) => new Float64Array(k));
    this.ucActual = grow(this.ucActual, (k) => new Float64Array(k));
    this.ucUser = grow(this.ucUser, (k) => new Uint8Array(k));
  }

  private growRequirements(): void {
    const n = this.rqMW.length * 2;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.rqMW = grow(this.rqMW);
    this.rqNeed = grow(this.rqNeed);
    this.rqExpire = grow(this.rqExpire);
  }
}
