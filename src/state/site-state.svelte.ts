/**
 * The Site facts tab and the map: the bundled data, the user's own sites, the selection, the region
 * filter and the map's display mode. Writes selectedSiteIds, regionFilter and customSites of a scenario. A rune class (svelte.dev Workspace style): state in fields, derived
 * values in getters; components only display it and call its methods.
 */
import type { Hub, RegionInfo, Site, UiRegion } from '../data/schema';
import { UI_REGIONS } from '../data/ui-regions';
import type { Scenario } from '../snapshot';
import { LayerState } from './layer-state.svelte';
import { siteRefOf, type SiteRef } from './site-ref';

export { UI_REGIONS };

/** A site as the map draws it (bundled or the user's own). */
export interface MapSite {
  id: string;
  name: string;
  region: string | null;
  kind: 'power-shell' | 'greenfield';
  /** MW shown by the circle's size, or null when not published */
  mw: number | null;
  custom: boolean;
  lon: number;
  lat: number;
}

export type { SiteRef };

/** A site the user placed on the map. Its name is untrusted text: always rendered as text. */
export interface CustomSite {
  id: string;
  name: string;
  lon: number;
  lat: number;
  uiRegion: UiRegion | null;
  queuePreset: string | null;
  kind: 'power-shell' | 'greenfield';
  gridMW: number | null;
  /** Usable for AI, MW IT (the stored key predates the IT naming; scenario files keep it). */
  aiUsableMW: number | null;
  pue: number | null;
}

export class SiteState {
  sites = $state.raw<Site[]>([]);
  hubs = $state.raw<Hub[]>([]);
  regionInfo = $state.raw<RegionInfo[]>([]);
  dataErrors = $state.raw<string[]>([]);
  customSites = $state<CustomSite[]>([]);
  selectedId = $state<string | null>(null);
  regionFilter = $state<UiRegion[]>(UI_REGIONS.map((r) => r.id));
  colorBy = $state<'kind' | 'p50'>('kind');
  addMode = $state(false);
  /** A point the user clicked in add mode, waiting for a name. */
  pendingPoint = $state<{ lon: number; lat: number } | null>(null);
  frame = $state<[number, number, number, number] | null>(null);
  /** Where the map should fly: set on every selection (`n` counts, so re-selecting flies again). */
  focus = $state.raw<{ lon: number; lat: number; n: number } | null>(null);
  /** the user's own layers (files read on this device) */
  readonly layers = new LayerState();

  get mapSites(): MapSite[] {
    const point = (s: Site | CustomSite, region: string | null, aiMW: number | null, custom: boolean): MapSite => ({
      id: s.id,
      name: s.name,
      region,
      kind: s.kind,
      mw: aiMW ?? s.gridMW,
      custom,
      lon: s.lon,
      lat: s.lat,
    });
    return [...this.sites.map((s) => point(s, s.region, s.aiItMW, false)), ...this.customSites.map((c) => point(c, c.uiRegion, c.aiUsableMW, true))];
  }

  /** Sites shown under the current region filter (custom sites always shown). */
  get visibleSites(): MapSite[] {
    return this.mapSites.filter((s) => s.custom || (s.region !== null && this.regionFilter.includes(s.region as UiRegion)));
  }

  get selectedSite(): Site | undefined {
    return this.sites.find((s) => s.id === this.selectedId);
  }

  get selectedCustom(): CustomSite | undefined {
    return this.customSites.find((s) => s.id === this.selectedId);
  }

  /** Selects a site (from the list, the table or the map) and brings the map to it. */
  select(id: string | null): void {
    this.selectedId = id;
    const s = id === null ? undefined : this.mapSites.find((m) => m.id === id);
    if (s) this.focus = { lon: s.lon, lat: s.lat, n: (this.focus?.n ?? 0) + 1 };
  }

  toggleRegion(id: UiRegion, on: boolean): void {
    this.regionFilter = on ? [...new Set([...this.regionFilter, id])] : this.regionFilter.filter((r) => r !== id);
    if (this.selectedId) {
      const s = this.mapSites.find((m) => m.id === this.selectedId);
      if (s && !s.custom && !this.regionFilter.includes(s.region as UiRegion)) this.selectedId = null;
    }
  }

  /** Frame one region on the map (or all when null). */
  zoomTo(region: UiRegion | null): void {
    const r = UI_REGIONS.find((x) => x.id === region);
    this.frame = r ? [...r.bounds] : [-110, -5, 110, 70];
  }

  addCustomSite(site: Omit<CustomSite, 'id'>): string {
    let n = this.customSites.length + 1;
    while (this.customSites.some((c) => c.id === `custom-${n}`)) n++;
    const id = `custom-${n}`;
    this.customSites.push({ ...site, id });
    this.pendingPoint = null;
    this.addMode = false;
    this.selectedId = id;
    return id;
  }

  /** A site outside the regions takes a queue preset (borrowed from the nearest region, or chosen to edit by hand). */
  setCustomPreset(id: string, queuePreset: string): void {
    this.customSites = this.customSites.map((c) => (c.id === id ? { ...c, queuePreset } : c));
  }

  removeCustomSite(id: string): void {
    this.customSites = this.customSites.filter((c) => c.id !== id);
    if (this.selectedId === id) this.selectedId = null;
  }

  /** A bundled or custom site by id (ids are looked up in a Map, never on a plain object). */
  find(id: string | null): Site | CustomSite | undefined {
    if (id === null) return undefined;
    return this.#index.get(id);
  }

  #index = $derived(new Map<string, Site | CustomSite>([...this.sites.map((s) => [s.id, s] as const), ...this.customSites.map((c) => [c.id, c] as const)]));

  /** The request-facing view of a site. */
  ref(id: string | null): SiteRef | null {
    const s = this.find(id);
    return s ? siteRefOf(s) : null;
  }

  toScenario(): Pick<Scenario, 'selectedSiteIds' | 'regionFilter' | 'customSites' | 'userLayers'> {
    return {
      selectedSiteIds: this.selectedId ? [this.selectedId] : [],
      regionFilter: [...this.regionFilter],
      customSites: $state.snapshot(this.customSites),
      ...(this.layers.layers.length ? { userLayers: this.layers.records() } : {}),
    };
  }

  fromScenario(s: Pick<Scenario, 'selectedSiteIds' | 'regionFilter' | 'customSites' | 'userLayers'>): void {
    this.customSites = structuredClone(s.customSites);
    void this.layers.restore(s.userLayers ?? []);
    this.regionFilter = [...s.regionFilter];
    this.selectedId = s.selectedSiteIds[0] ?? null;
    this.pendingPoint = null;
    this.addMode = false;
  }

  /** Unknown selected ids, named by field. */
  check(s: Pick<Scenario, 'selectedSiteIds' | 'customSites'>, where: string): Array<{ field: string; message: string }> {
    const known = new Set([...this.sites.map((x) => x.id), ...s.customSites.map((c) => c.id)]);
    return s.selectedSiteIds.flatMap((id, i) => (known.has(id) ? [] : [{ field: `${where}.selectedSiteIds[${i}]`, message: `no site has id "${id}" in this app's data` }]));
  }

  reset(): void {
    this.customSites = [];
    this.regionFilter = UI_REGIONS.map((r) => r.id);
    this.selectedId = null;
    this.pendingPoint = null;
    this.addMode = false;
  }
}
