/**
 * Grid access for the app's sites (MODEL.md §6): the rule table and phase defaults from
 * data/grid-access.json, the user's edits to the phase (raw text, shown back when invalid; they
 * travel with the scenario), and each site's nearest qualifying substation on the grid layer.
 */
import { GRID_ACCESS_TEXT } from '../data/bundled';
import { parseGridAccessConfig, type GridAccessConfig } from '../data/grid-access-config';
import { siteGridAccess, type SiteForGridAccess, type SiteGridAccess } from '../geo/site-grid-access';
import type { FieldError } from '../sim/contract';
import { validatePhaseParams, type GridAccessPhaseParams } from '../sim/grid-access/params';
import type { GridState } from './grid-state.svelte';

/** The phase numbers a user can edit, by dotted path (months, km, USD per MVA). */
export const PHASE_FIELDS: Array<{ path: string; label: string; unit: string }> = [
  { path: 'line.base.p50', label: 'New line at 0 km, P50', unit: 'months' },
  { path: 'line.base.p90', label: 'New line at 0 km, P90', unit: 'months' },
  { path: 'line.perKm.p50', label: 'Added per km, P50', unit: 'months/km' },
  { path: 'line.perKm.p90', label: 'Added per km, P90', unit: 'months/km' },
  { path: 'substation.p50', label: 'Substation works, P50', unit: 'months' },
  { path: 'substation.p90', label: 'Substation works, P90', unit: 'months' },
  { path: 'noLineWithinKm', label: 'No new line within', unit: 'km' },
  { path: 'substationUSDPerMVA', label: 'Substation cost', unit: 'USD/MVA' },
];

function getPath(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((n, k) => (n && typeof n === 'object' && Object.hasOwn(n, k) ? (n as Record<string, unknown>)[k] : undefined), o);
}

function setPath(o: Record<string, unknown>, path: string, v: number): void {
  const keys = path.split('.');
  let n = o;
  for (const k of keys.slice(0, -1)) n = n[k] as Record<string, unknown>;
  n[keys[keys.length - 1]] = v;
}

export class GridAccessState {
  readonly config: GridAccessConfig | null;
  readonly configErrors: string[];
  /** raw text typed by the user, by PHASE_FIELDS path */
  drafts = $state<Record<string, string>>({});
  #grid: GridState;

  constructor(grid: GridState, text: string = GRID_ACCESS_TEXT) {
    this.#grid = grid;
    const parsed = parseGridAccessConfig(text);
    this.config = parsed.ok ? parsed.value : null;
    this.configErrors = parsed.ok ? [] : parsed.errors.map((e) => `${e.field}: ${e.message}`);
  }

  defaultValue(path: string): number {
    return Number(getPath(this.config?.phase, path));
  }

  text(path: string): string {
    return this.drafts[path] ?? String(this.defaultValue(path));
  }

  /** The phase with the user's edits, or every problem (field named "gridAccess.<path>"). */
  phase(): { ok: true; value: GridAccessPhaseParams } | { ok: false; errors: FieldError[] } {
    if (!this.config) return { ok: false, errors: [{ field: 'gridAccess', message: this.configErrors.join('; ') || 'no grid-access table' }] };
    const p = structuredClone(this.config.phase) as unknown as Record<string, unknown>;
    const errors: FieldError[] = [];
    for (const [path, raw] of Object.entries(this.drafts)) {
      const v = raw.trim() === '' ? NaN : Number(raw.trim().replace(/,/g, ''));
      if (!Number.isFinite(v)) errors.push({ field: `gridAccess.${path}`, message: `must be a number, got "${raw}"` });
      else setPath(p, path, v);
    }
    if (errors.length) return { ok: false, errors };
    const checked = validatePhaseParams(p, 'gridAccess');
    return checked.ok ? checked : { ok: false, errors: checked.errors };
  }

  /** Only the values that differ from the file's defaults (what a scenario records). */
  overrides(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [path, raw] of Object.entries(this.drafts)) {
      const v = Number(raw.trim().replace(/,/g, ''));
      if (Number.isFinite(v) && v !== this.defaultValue(path)) out[path] = v;
    }
    return out;
  }

  setOverrides(o: Record<string, number> | undefined): void {
    this.drafts = Object.fromEntries(Object.entries(o ?? {}).filter(([path]) => PHASE_FIELDS.some((f) => f.path === path)).map(([k, v]) => [k, String(v)]));
  }

  /**
   * A site's access: null until the grid layer has loaded. With an invalid edit the phase falls back
   * to nothing (the queue panel shows the error and refuses to run).
   */
  forSite(site: SiteForGridAccess, projectMW: number): SiteGridAccess | null {
    if (!this.config || this.#grid.status !== 'ready') return null;
    const phase = this.phase();
    if (!phase.ok) return null;
    return siteGridAccess(site, projectMW, this.#grid.substationsAt(site.lon, site.lat), this.config.voltageRules, phase.value);
  }
}
