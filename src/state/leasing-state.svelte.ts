/**
 * The Leasing tab (lease-ahead absorption): the market preset and delivery rule per site, the
 * number of simulated markets, X of "P(≥ X% pre-leased)", and its run. Reads the site's IT MW and
 * buy-vs-build result through BvbState's methods (never its fields). Writes `leasing` of a scenario.
 */
import { unknownMarketPresets } from '../snapshot/scenario-refs';
import absorptionJson from '../../data/absorption.json';
import { leasingRequest, type DeliveredBy } from '../sim/absorption/leasing-request';
import { ABSORPTION_PRESET_BY_REGION, loadAbsorptionPresets, type AbsorptionPreset } from '../sim/absorption/presets';
import type { AbsorptionSummary } from '../sim/absorption/runner';
import { MAX_TRIALS, type FieldError, type Result } from '../sim/contract';
import { parseWhole, wholeIn } from '../sim/number-text';
import { own, withOwn } from '../sim/param-paths';
import { DEFAULT_AT_LEAST_PCT, DEFAULT_LEASING_TRIALS } from '../sim/run-defaults';
import type { AbsorptionRequest } from '../sim/absorption/params';
import type { Scenario } from '../snapshot';
import type { BvbState } from './bvb-state.svelte';
import { RunLifecycle } from './run.svelte';
import type { SettingsState } from './settings-state.svelte';
import type { PoolHolder } from './sim-pool';
import { defaultsOrErrors } from './bundled-defaults';
import type { SiteRef } from './site-state.svelte';
import { formatProblems } from '../sim/param-words';

export type { DeliveredBy };

export interface AbsorptionResult {
  siteId: string;
  key: string;
  presetId: string;
  /** 'buy' / 'build': delivered at that arm's first-MW time to power; 'preset': the preset's own date */
  deliveredBy: DeliveredBy;
  summary: AbsorptionSummary;
}

const FALLBACK_PRESET = 'north-america-2024';
const errorMap = (errors: FieldError[]) => Object.fromEntries(errors.map((e) => [e.field, e.message]));

export class LeasingState {
  readonly presets: Record<string, AbsorptionPreset>;
  readonly dataErrors: string[] = [];

  /** absorption preset chosen by site id (absent: by the site's region) */
  presetBySite = $state<Record<string, string>>({});
  deliveredBySite = $state<Record<string, DeliveredBy>>({});
  trialsText = $state(String(DEFAULT_LEASING_TRIALS));
  /** X of P(≥ X% pre-leased when powered) */
  atLeastText = $state(String(DEFAULT_AT_LEAST_PCT));

  readonly run = new RunLifecycle<AbsorptionSummary, AbsorptionResult>();

  #settings: SettingsState;
  #bvb: BvbState;
  #pools: PoolHolder;

  constructor(settings: SettingsState, bvb: BvbState, pools: PoolHolder) {
    this.#settings = settings;
    this.#bvb = bvb;
    this.#pools = pools;
    this.presets = defaultsOrErrors(loadAbsorptionPresets(absorptionJson as unknown), 'data/absorption.json', this.dataErrors) ?? {};
  }

  presetId(ref: SiteRef): string {
    const chosen = own(this.presetBySite, ref.id);
    if (chosen && own(this.presets, chosen)) return chosen;
    const byRegion = ABSORPTION_PRESET_BY_REGION.get(this.#bvb.siteFor(ref).uiRegion ?? '');
    return byRegion && own(this.presets, byRegion) ? byRegion : FALLBACK_PRESET;
  }

  choosePreset(siteId: string, presetId: string): void {
    this.presetBySite = withOwn(this.presetBySite, siteId, presetId);
  }

  /** Delivery of the user's building: a power shell at the buy arm's time to power, greenfield at the build arm's. */
  deliveredBy(ref: SiteRef): DeliveredBy {
    return own(this.deliveredBySite, ref.id) ?? (this.#bvb.siteFor(ref).kind === 'power-shell' ? 'buy' : 'build');
  }

  chooseDelivery(siteId: string, by: DeliveredBy): void {
    this.deliveredBySite = withOwn(this.deliveredBySite, siteId, by);
  }

  /** Whether the site has a buy-vs-build result to deliver the building by. */
  hasBvb(siteId: string): boolean {
    return this.#bvb.resultFor(siteId) !== null;
  }

  /** P(≥ X% pre-leased): X as typed, or NaN while invalid. */
  atLeastPct(): number {
    const x = parseWhole(this.atLeastText);
    return x !== null && x <= 100 ? x : NaN;
  }

  request(ref: SiteRef): Result<AbsorptionRequest> & { deliveredBy?: DeliveredBy } {
    const preset = own(this.presets, this.presetId(ref));
    if (!preset) return { ok: false, errors: [{ field: 'preset', message: 'the absorption presets failed to load' }] };
    const summary = this.#bvb.resultFor(ref.id)?.summary ?? null;
    const r = leasingRequest({ preset, userMW: this.#bvb.itMWFor(ref), deliveredBy: this.deliveredBy(ref), summary, trialsText: this.trialsText, seedText: this.#settings.seedText });
    if (Number.isNaN(this.atLeastPct())) {
      const e = { field: 'atLeastPct', message: `must be a whole percent from 0 to 100, got "${this.atLeastText}"` };
      return { ok: false, errors: [...(r.ok ? [] : r.errors), e] };
    }
    return r;
  }

  validate(ref: SiteRef): Record<string, string> {
    const r = this.request(ref);
    return r.ok ? {} : errorMap(r.errors);
  }

  async start(ref: SiteRef): Promise<void> {
    const r = this.request(ref);
    if (!r.ok) {
      this.run.refuse(`Not run: ${formatProblems(r.errors)}`);
      return;
    }
    const token = this.run.start(ref.id, r.value.trials);
    try {
      const summary = await this.#pools.pool.run('absorption', r.value, {
        onProgress: token.progress,
        onPreview: token.preview,
        previewTrials: Math.min(250, r.value.trials),
        signal: token.signal,
      });
      token.finish({ siteId: ref.id, key: JSON.stringify(r.value), presetId: r.value.presetId, deliveredBy: r.deliveredBy ?? 'preset', summary });
    } catch (e) {
      token.fail(e);
    }
  }

  cancel(): void {
    this.run.cancel();
  }

  toScenario(): Pick<Scenario, 'leasing'> {
    return {
      leasing: {
        trials: wholeIn(this.trialsText, 1, MAX_TRIALS) ?? DEFAULT_LEASING_TRIALS,
        atLeastPct: wholeIn(this.atLeastText, 0, 100) ?? DEFAULT_AT_LEAST_PCT,
        presetBySite: $state.snapshot(this.presetBySite),
        deliveredBySite: $state.snapshot(this.deliveredBySite),
      },
    };
  }

  problems(): FieldError[] {
    const out: FieldError[] = [];
    if (wholeIn(this.trialsText, 1, MAX_TRIALS) === null) out.push({ field: 'leasing.trials', message: `must be a whole number from 1 to ${MAX_TRIALS.toLocaleString('en-US')}, got "${this.trialsText}"` });
    if (wholeIn(this.atLeastText, 0, 100) === null) out.push({ field: 'leasing.atLeastPct', message: `must be a whole percent from 0 to 100, got "${this.atLeastText}"` });
    return out;
  }

  check(s: Pick<Scenario, 'leasing'>, where: string): FieldError[] {
    return unknownMarketPresets(s, (id) => own(this.presets, id) !== undefined, where);
  }

  fromScenario(s: Pick<Scenario, 'leasing'>): void {
    this.run.reset();
    this.trialsText = String(s.leasing.trials);
    this.atLeastText = String(s.leasing.atLeastPct);
    this.presetBySite = { ...s.leasing.presetBySite };
    this.deliveredBySite = { ...s.leasing.deliveredBySite };
  }

  reset(): void {
    this.fromScenario({ leasing: { trials: DEFAULT_LEASING_TRIALS, atLeastPct: DEFAULT_AT_LEAST_PCT, presetBySite: {}, deliveredBySite: {} } });
  }
}
