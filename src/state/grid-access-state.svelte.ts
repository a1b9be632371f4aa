/**
 * Grid access for the app's sites (docs/method.md §6): the rule table and phase defaults from
 * data/grid-access.json, the user's edits to the phase (raw text by dotted path, shown back when
 * invalid) and each site's nearest qualifying substation on the grid layer or the user's own. Like every tab's state
 * it writes its own part of a scenario (gridAccessOverrides: only values that differ from the
 * file) and reads it back; the queue and buy-vs-build requests ask it for a site's phase.
 */
import { GRID_ACCESS_TEXT } from '../data/bundled';
import { parseGridAccessConfig, type GridAccessConfig } from '../data/grid-access-config';
import { siteGridAccess, type SiteForGridAccess, type SiteGridAccess } from '../geo/site-grid-access';
import type { FieldError, Result } from '../sim/contract';
import type { GridAccessDraw, GridAccessPhaseParams } from '../sim/grid-access/params';
import { validatePhaseParams } from '../sim/grid-access/params';
import { applyOverrides, draftsToOverrides, own, valueAt, withOwn, type Overrides } from '../sim/param-paths';
import type { Scenario } from '../snapshot';
import type { GridState } from './grid-state.svelte';
import type { SiteState } from './site-state.svelte';
import { problemLines } from '../sim/param-words';

type GridAccessPart = Pick<Scenario, 'gridAccessOverrides'>;

export class GridAccessState {
  readonly config: GridAccessConfig | null;
  readonly configErrors: string[];
  /** raw text typed by the user, by dotted path of the phase (data/grid-access.json › phase) */
  drafts = $state<Record<string, string>>({});
  /** the grid layer the substations come from; null = none (no site has a phase) */
  readonly grid: GridState | null;
  #sites: SiteState;

  constructor(sites: SiteState, grid: GridState | null, text: string = GRID_ACCESS_TEXT) {
    this.#sites = sites;
    this.grid = grid;
    const parsed = parseGridAccessConfig(text);
    this.config = parsed.ok ? parsed.value : null;
    this.configErrors = parsed.ok ? [] : problemLines(parsed.errors);
  }

  defaultValue(path: string): number {
    const v = valueAt(this.config?.phase, path);
    return typeof v === 'number' ? v : NaN;
  }

  text(path: string): string {
    return own(this.drafts, path) ?? String(this.defaultValue(path));
  }

  edit(path: string, raw: string): void {
    this.drafts = withOwn(this.drafts, path, raw);
  }

  /** The user's edits that parse, as overrides of the file's phase, and a problem for each that does not. */
  #overrides(): { overrides: Overrides; errors: FieldError[] } {
    if (!this.config) return { overrides: {}, errors: [] };
    const r = draftsToOverrides(this.config.phase, this.drafts);
    return { overrides: r.overrides, errors: r.errors.map((e) => ({ field: `gridAccess.${e.field}`, message: e.message })) };
  }

  /** The phase with the user's edits, or every problem (field named "gridAccess.<path>"). */
  phase(): Result<GridAccessPhaseParams> {
    if (!this.config) return { ok: false, errors: [{ field: 'gridAccess', message: this.configErrors.join('; ') || 'no grid-access table' }] };
    const { overrides, errors } = this.#overrides();
    if (errors.length) return { ok: false, errors };
    const applied = applyOverrides(this.config.phase, overrides);
    return applied.ok ? validatePhaseParams(applied.value, 'gridAccess') : applied;
  }

  /** Problems with the user's edits: they stop a run like any other bad input (none without the data file). */
  errors(): FieldError[] {
    const p = this.phase();
    return p.ok || !this.config ? [] : p.errors;
  }

  /** Edits that do not parse (current() cannot record them, so sharing waits for a fix). */
  problems(): FieldError[] {
    return this.#overrides().errors;
  }

  /** The grid layer's loading, to await before a run builds its request; null without a layer (nothing to wait for). */
  ready(): Promise<void> | null {
    return this.grid ? this.grid.load() : null;
  }

  /**
   * A site's access, from the bundled layer's substations that cover it and the substations of the
   * user's own layers marked "use as grid layer" (which count everywhere, e.g. in Singapore where no
   * open extract exists). Null while neither is there, and while an edit is invalid (the panel shows why).
   */
  forSite(site: SiteForGridAccess, projectMW: number): SiteGridAccess | null {
    const bundled = this.grid?.status === 'ready' ? this.grid.substationsAt(site.lon, site.lat) : null;
    const own = this.#sites.layers.substations;
    if (!this.config || (bundled === null && own.length === 0)) return null;
    const phase = this.phase();
    if (!phase.ok) return null;
    const substations = bundled === null ? own : own.length ? [...bundled, ...own] : bundled;
    return siteGridAccess(site, projectMW, substations, this.config.voltageRules, phase.value);
  }

  /** What the access computation needs of a bundled or custom site (a custom site has no country). */
  siteById(id: string): SiteForGridAccess | null {
    const s = this.#sites.find(id);
    if (!s) return null;
    return { lon: s.lon, lat: s.lat, country: 'country' in s ? s.country : null, kind: s.kind, gridMW: s.gridMW };
  }

  /** The phase the queue runner draws for this site's own request of `projectMW`, or null. */
  drawFor(siteId: string, projectMW: number): GridAccessDraw | null {
    const site = this.siteById(siteId);
    return site ? (this.forSite(site, projectMW)?.draw ?? null) : null;
  }

  /** The same for a new build at the site's position (buy vs build's build arm): no connection to skip it. */
  greenfieldDrawFor(siteId: string, projectMW: number): GridAccessDraw | null {
    const site = this.siteById(siteId);
    return site ? (this.forSite({ ...site, kind: 'greenfield' }, projectMW)?.draw ?? null) : null;
  }

  toScenario(): GridAccessPart {
    const o = this.#overrides().overrides;
    // Present only when the user changed the phase, so other scenarios read as before.
    return Object.keys(o).length ? { gridAccessOverrides: o } : {};
  }

  /** Overrides that name no number of the phase are refused, naming the field (never dropped). */
  check(s: GridAccessPart, where: string): FieldError[] {
    const o = s.gridAccessOverrides;
    if (!o || !Object.keys(o).length) return [];
    if (!this.config) return [{ field: `${where}.gridAccessOverrides`, message: `cannot be applied: ${this.configErrors.join('; ')}` }];
    const applied = applyOverrides(this.config.phase, o, undefined, `${where}.gridAccessOverrides`);
    return applied.ok ? [] : applied.errors;
  }

  fromScenario(s: GridAccessPart): void {
    const drafts: Record<string, string> = {};
    for (const [path, v] of Object.entries(s.gridAccessOverrides ?? {})) Object.defineProperty(drafts, path, { value: String(v), enumerable: true });
    this.drafts = { ...drafts };
  }

  reset(): void {
    this.drafts = {};
  }
}
