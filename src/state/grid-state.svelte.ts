/**
 * The grid layer: loaded lazily from public/grid/ after the first paint, which layers are shown,
 * the voltage filter and the feature the user picked. The substations it holds feed the access
 * computation; until they arrive (or if they fail) sites simply have no grid-access phase.
 */
import { attributionLines, checkGridLayerFile, GRID_LAYER_FILES, substationsOf, covers, type GridLayerFile } from '../geo/grid-layer';
import type { Substation } from '../geo/nearest-substation';

export type GridLayerKey = 'substations' | 'lines' | 'plants';

export class GridState {
  files = $state.raw<GridLayerFile[]>([]);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  error = $state<string | null>(null);
  show = $state<Record<GridLayerKey, boolean>>({ substations: true, lines: true, plants: false });
  /** lowest voltage shown, kV (0 = all) */
  minKV = $state(0);
  /** lines describing the feature the user clicked, or null */
  picked = $state<string[] | null>(null);

  #loading: Promise<void> | null = null;

  /** Fetches every layer file once (relative to the page, so it works under any base path); later calls share the first. */
  load(baseUrl: string = './grid/'): Promise<void> {
    this.#loading ??= this.#fetchAll(baseUrl);
    return this.#loading;
  }

  async #fetchAll(baseUrl: string): Promise<void> {
    this.status = 'loading';
    const loaded: GridLayerFile[] = [];
    const errors: string[] = [];
    await Promise.all(
      GRID_LAYER_FILES.map(async (name) => {
        try {
          const r = await fetch(baseUrl + name);
          if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
          loaded.push(checkGridLayerFile(await r.json(), name));
        } catch (e) {
          errors.push(e instanceof Error ? e.message : String(e));
        }
      }),
    );
    // Keep the file order fixed whatever order the responses came in.
    this.files = GRID_LAYER_FILES.flatMap((n) => loaded.filter((f) => `${f.region}.json` === n));
    this.error = errors.length ? `Grid layer: ${errors.join('; ')}` : null;
    this.status = loaded.length ? 'ready' : 'error';
  }

  get attribution(): string[] {
    return attributionLines(this.files);
  }

  /** Substations per file, converted once. */
  private subsCache = new WeakMap<GridLayerFile, Substation[]>();

  /** Substations of the layer that covers a point ([] where no extract covers it, e.g. Singapore). */
  substationsAt(lon: number, lat: number): Substation[] {
    return this.files
      .filter((f) => covers(f, lon, lat))
      .flatMap((f) => {
        let s = this.subsCache.get(f);
        if (!s) this.subsCache.set(f, (s = substationsOf(f)));
        return s;
      });
  }
}
