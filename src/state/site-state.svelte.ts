/**
 * What the user is exploring: the bundled data, their own sites, the selection, the region filter
 * and the map's display mode. A rune class (svelte.dev Workspace style): state in fields, derived
 * values in getters; components only display it and call its methods.
 */
import type { Hub, RegionInfo, Site, UiRegion } from '../data/schema';
import type { MapSite } from '../map/site-layers';
import { LayerState } from './layer-state.svelte';

export const UI_REGIONS: Array<{ id: UiRegion; label: string; bounds: [number, number, number, number] }> = [
  { id: 'samara', label: 'Samara (Russia)', bounds: [47.5, 51.5, 53.5, 55.0] },
  { id: 'texas', label: 'Texas (ERCOT)', bounds: [-106.6, 25.8, -93.5, 36.5] },
  { id: 'singapore', label: 'Singapore', bounds: [103.55, 1.15, 104.1, 1.48] },
  { id: 'nordics', label: 'Nordics', bounds: [-24.5, 55.0, 31.5, 71.2] },
];

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
    const bundled: MapSite[] = this.sites.map((s) => ({
      id: s.id,
      name: s.name,
      region: s.region,
      kind: s.kind,
      mw: s.aiItMW ?? s.gridMW,
      custom: false,
      lon: s.lon,
      lat: s.lat,
    }));
    const mine: MapSite[] = this.customSites.map((c) => ({
      id: c.id,
      name: c.name,
      region: c.uiRegion,
      kind: c.kind,
      mw: c.aiUsableMW ?? c.gridMW,
      custom: true,
      lon: c.lon,
      lat: c.lat,
    }));
    return [...bundled, ...mine];
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

  removeCustomSite(id: string): void {
    this.customSites = this.customSites.filter((c) => c.id !== id);
    if (this.selectedId === id) this.selectedId = null;
  }
}
