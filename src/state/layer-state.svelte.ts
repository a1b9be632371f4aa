/**
 * The user's own layers (issue 9 part 4): files read on this device, validated, drawn, kept with
 * the scenario (small ones inline, large ones in IndexedDB by reference), usable as the grid layer
 * for nearest-substation distances, and as candidate sites. A bad file changes nothing: its
 * problems are listed and the layers stay as they were.
 */
import type { FeatureCollection } from 'geojson';
import type { Substation } from '../geo/nearest-substation';
import { deleteLayerText, loadLayerText, saveLayerText } from '../layers/layer-store';
import { formatLayerProblem, parseGeoJsonText, parseLayerText, sizeProblem, substationsOf, type LayerKind } from '../layers/user-layer';
import type { UserLayerRecord } from '../snapshot/scenario-schema';

/** Layers up to this size travel inside the scenario (links, files, autosave); larger ones by reference. */
export const INLINE_LAYER_BYTES = 200_000;
export const MAX_USER_LAYERS = 20;

export interface UserLayer {
  id: string;
  /** the file name: untrusted text, rendered as text */
  name: string;
  kind: LayerKind;
  useAsGrid: boolean;
  storage: 'scenario' | 'indexeddb';
  /** the layer's colour on the map and in the legend, '#rrggbb' */
  color: string;
  /** the normalized GeoJSON text (what is stored) */
  text: string;
  data: FeatureCollection;
}

/**
 * Layer colours in upload order: apart from the sites' blue, vermilion and pink and the grid's
 * voltage colours, and from each other (Paul Tol's "muted" scheme, colour-blind safe).
 */
export const LAYER_PALETTE = ['#882255', '#117733', '#332288', '#999933', '#44aa99', '#aa4499', '#661100', '#6699cc'];

export class LayerState {
  layers = $state.raw<UserLayer[]>([]);
  /** problems of the last file, each naming file, row and field */
  problems = $state.raw<string[]>([]);
  busy = $state(false);

  /** Reads, validates and adds a file; refuses one over 50 MB before reading it. */
  async addFile(file: File): Promise<boolean> {
    const tooBig = sizeProblem(file.name, file.size);
    if (tooBig) {
      this.problems = [formatLayerProblem(tooBig)];
      return false;
    }
    if (this.layers.length >= MAX_USER_LAYERS) {
      this.problems = [`${file.name}: at most ${MAX_USER_LAYERS} layers; remove one first`];
      return false;
    }
    this.busy = true;
    try {
      const r = parseLayerText(file.name, await file.text());
      if (!r.ok) {
        this.problems = [...r.problems.map(formatLayerProblem), ...(r.more ? [`… and ${r.more} more problems`] : [])];
        return false;
      }
      const text = JSON.stringify(r.layer.data);
      const id = `layer-${Date.now().toString(36)}-${this.layers.length}`;
      const storage = text.length <= INLINE_LAYER_BYTES ? 'scenario' : 'indexeddb';
      if (storage === 'indexeddb') await saveLayerText(id, text);
      const color = LAYER_PALETTE.find((c) => !this.layers.some((l) => l.color === c)) ?? LAYER_PALETTE[this.layers.length % LAYER_PALETTE.length];
      this.layers = [...this.layers, { id, name: file.name, kind: r.layer.kind, useAsGrid: r.layer.kind === 'substations', storage, color, text, data: r.layer.data }];
      this.problems = [];
      return true;
    } catch (e) {
      // Reading the file or storing it failed (a file removed meanwhile, a full disk): say so, keep the layers.
      this.problems = [`${file.name}: could not be added (${e instanceof Error ? e.message : String(e)}); your layers are unchanged`];
      return false;
    } finally {
      this.busy = false;
    }
  }

  remove(id: string): void {
    const l = this.layers.find((x) => x.id === id);
    this.layers = this.layers.filter((x) => x.id !== id);
    if (l?.storage === 'indexeddb') void deleteLayerText(id);
  }

  update(id: string, patch: Partial<Pick<UserLayer, 'kind' | 'useAsGrid' | 'color'>>): void {
    this.layers = this.layers.map((l) => (l.id === id ? { ...l, ...patch } : l));
  }

  /** Substations of every layer the user marked as a grid layer. */
  get substations(): Substation[] {
    return this.layers.filter((l) => l.useAsGrid).flatMap((l) => this.#substationsOf(l));
  }

  /** Converted once per layer: every site's access reads them, and a layer may hold 200,000 points. */
  #subsCache = new WeakMap<UserLayer, Substation[]>();
  #substationsOf(l: UserLayer): Substation[] {
    let s = this.#subsCache.get(l);
    if (!s) this.#subsCache.set(l, (s = substationsOf(l)));
    return s;
  }

  /** What the scenario records: inline text for small layers, a reference for large ones. */
  records(): UserLayerRecord[] {
    return this.layers.map((l) => ({
      id: l.id,
      name: l.name,
      kind: l.kind,
      useAsGrid: l.useAsGrid,
      storage: l.storage,
      color: l.color,
      ...(l.storage === 'scenario' ? { geojson: l.text } : {}),
    }));
  }

  /** Shows the scenario's layers (re-validated; a layer kept by reference is read from this device). */
  async restore(records: readonly UserLayerRecord[]): Promise<void> {
    const out: UserLayer[] = [];
    const problems: string[] = [];
    for (const rec of records) {
      const text = rec.storage === 'scenario' ? (rec.geojson ?? null) : await loadLayerText(rec.id);
      if (text === null) {
        problems.push(`${rec.name}: kept in this browser's storage by reference, and not found here; open the file again`);
        continue;
      }
      const r = parseGeoJsonText(rec.name, text);
      if (!r.ok) {
        problems.push(...r.problems.map(formatLayerProblem));
        continue;
      }
      out.push({ id: rec.id, name: rec.name, kind: rec.kind, useAsGrid: rec.useAsGrid, storage: rec.storage, color: rec.color ?? LAYER_PALETTE[out.length % LAYER_PALETTE.length], text, data: r.layer.data });
    }
    this.layers = out;
    this.problems = problems;
  }
}
