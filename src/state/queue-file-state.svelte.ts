/**
 * "Your own queue file" in the Grid queue tab: load a CSV/XLSX in a worker (progress, Cancel), map
 * the columns of an unknown format (remembered per header set), see summaries, the table and the fit,
 * then place a request in the file and run the queue on the shared pool. A load that fails or is
 * cancelled leaves the file already in use as it was.
 */
import type { SimPool } from '../../workers/pool';
import { isAbortError } from '../../workers/pool';
import { progressCallback, spawnQueueFileWorker, type QueueFileWorker } from '../../workers/queue-file-client';
import type { QueueFileLoad, TableRow } from '../files/queue-file-api';
import type { FileBacktest } from '../sim/queue-file/backtest';
import { loadQueueFileBlob, saveQueueFileBlob } from '../layers/layer-store';
import type { QueueFileRecord } from '../snapshot/scenario-schema';
import { defaultStatuses, headerKey, type ColumnMappingData, type QueueField, type QueueStatus } from '../sim/queue-file/columns';
import type { QueueScope } from '../sim/queue-file/place';
import { MAX_QUEUE_FILE_BYTES } from '../sim/queue-file/records';
import type { RecordFilter, SortKey } from '../sim/queue-file/summary';
import type { QueueParams } from '../sim/queue/params';
import type { CurtailableQueueSummary as QueueSummary } from '../sim/curtailment/runner';

type Loaded = Extract<QueueFileLoad, { ok: true }>;
const MAPPING_KEY = 'queue-file-mapping:';
/** Rows asked of the worker per page of the table: what the scroll box shows, with some to spare. */
export const TABLE_PAGE_ROWS = 40;
/**
 * Rows of the table's first page (a new file, filter or order): the 12 rows its box shows, with room
 * for larger text. Each row is 17 layout objects, all laid out in the frame that shows the table;
 * scrolling asks for TABLE_PAGE_ROWS at a time.
 */
export const FIRST_PAGE_ROWS = 20;
/** ms after a file loads by which its counties are on the map even if no panel asked (showOnMap) */
const SHOW_ON_MAP_LATEST_MS = 1500;

/** Mappings the user chose, by header set (localStorage when the browser has it). */
function rememberedMapping(header: string[]): ColumnMappingData | null {
  try {
    const raw = globalThis.localStorage?.getItem(MAPPING_KEY + headerKey(header));
    return raw ? (JSON.parse(raw) as ColumnMappingData) : null;
  } catch {
    return null;
  }
}
function rememberMapping(header: string[], m: ColumnMappingData): void {
  try {
    globalThis.localStorage?.setItem(MAPPING_KEY + headerKey(header), JSON.stringify(m));
  } catch {
    // storage full or disabled: the mapping still applies to this load
  }
}

export class QueueFileState {
  status = $state<'idle' | 'loading' | 'mapping' | 'loaded'>('idle');
  /** share of the file read, 0–1 */
  progress = $state(0);
  error = $state<string | null>(null);
  file = $state.raw<Loaded | null>(null);
  /**
   * The file whose counties the map shows: set once the panel has drawn the file (showOnMap), so the
   * map's new layer and the panel's tables are not laid out and painted in the same frame.
   */
  onMap = $state.raw<Loaded | null>(null);
  /** an unknown format waiting for its mapping: header, draft columns and status words */
  mapping = $state<{ name: string; header: string[]; columns: Partial<Record<QueueField, string>>; statuses: Array<[string, QueueStatus | '']> } | null>(null);
  filter = $state<RecordFilter>({});
  sort = $state<SortKey>('mw');
  descending = $state(true);
  /** the page of the table on screen: rows from `offset` on, of `matched` */
  table = $state.raw<{ rows: TableRow[]; matched: number; offset: number }>({ rows: [], matched: 0, offset: 0 });
  /** which requests compete with the user's: the kind, and the name for all but the whole file */
  scopeKind = $state<QueueScope['kind']>('all');
  scopeName = $state('');
  mwText = $state('100');
  /**
   * A scenario (link, autosave, saved) refers to a queue file this browser does not have: which one,
   * so the panel can ask for it. Kept in the scenario until that file, or another, is loaded.
   */
  needed = $state.raw<QueueFileRecord | null>(null);
  /** set when the file could not be kept in this browser's storage (a link will then ask for it) */
  storeNote = $state<string | null>(null);
  runStatus = $state<'idle' | 'running' | 'done' | 'error'>('idle');
  runProgress = $state({ done: 0, total: 0 });
  placement = $state.raw<{ scope: string; ahead: { requests: number; mw: number; heldMW: number | null } } | null>(null);
  result = $state.raw<QueueSummary | null>(null);
  runError = $state<string | null>(null);
  /** the fitted preset's backtest against the file's own history (null while it runs or before a file) */
  backtest = $state.raw<{ ok: true; value: FileBacktest } | { ok: false; message: string } | null>(null);

  /** the worker holding the file in use; a load runs in a worker of its own until it succeeds */
  #current: QueueFileWorker | null = null;
  #loading: QueueFileWorker | null = null;
  /** the file being read, kept (a Blob handle, not its bytes) for a mapping step */
  #pending: { file: Blob; name: string } | null = null;
  /** the newest table request: an older answer that arrives later is dropped */
  #tableToken = 0;
  #pool: () => SimPool;
  /** the loaded file's bytes (a Blob), column mapping and its name, size and date as picked */
  #held: { blob: Blob; mapping: ColumnMappingData | null; bytes: number; modified: string } | null = null;
  /** the newest scenario restore: an older one that finishes later changes nothing */
  #restoreToken = 0;

  constructor(pool: () => SimPool) {
    this.#pool = pool;
  }

  /** Reads a picked or dropped file. */
  async loadFile(file: File): Promise<void> {
    if (file.size > MAX_QUEUE_FILE_BYTES) {
      this.error = `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; queue files of up to ${MAX_QUEUE_FILE_BYTES / 1048576} MB are read (nothing was read)`;
      return;
    }
    await this.load(file, file.name);
  }

  /** Reads `file` in a worker of its own; the File itself crosses (a handle), never a copy of its bytes. */
  async load(file: Blob, name: string, mapping: ColumnMappingData | null = null, modified?: string): Promise<void> {
    this.status = 'loading';
    this.progress = 0;
    this.error = null;
    this.#pending = { file, name };
    const previous = this.file;
    this.#loading?.terminate();
    const worker = spawnQueueFileWorker();
    this.#loading = worker;
    try {
      const r = await worker.api.load(file, name, mapping, progressCallback((s) => (this.progress = s)));
      if (this.#loading !== worker) return; // cancelled or superseded
      if (!r.ok) {
        this.#loading = null;
        worker.terminate();
        const remembered = r.needsMapping && r.header && !mapping ? rememberedMapping(r.header) : null;
        if (remembered) return this.load(file, name, remembered);
        if (r.needsMapping && r.header) {
          this.mapping = { name, header: r.header, columns: {}, statuses: [...defaultStatuses()].map(([k, v]) => [k, v] as [string, QueueStatus]) };
          this.status = 'mapping';
          this.error = r.message;
        } else {
          this.status = previous ? 'loaded' : 'idle';
          this.error = r.message;
        }
        return;
      }
      if (mapping) rememberMapping(r.header, mapping);
      // The table's first page comes with the file, so the panel draws its rows in the table's own
      // step. Traced: rows arriving one worker round trip later were laid out in whatever frame came
      // next, once the frame in which the map first drew the file's counties (a 52–92 ms task).
      const page = await this.#page(worker, 0, FIRST_PAGE_ROWS);
      if (this.#loading !== worker) return; // cancelled or superseded meanwhile
      this.#loading = null;
      // The new file replaces the one in use only now that it has loaded.
      this.#current?.terminate();
      this.#current = worker;
      this.#held = { blob: file, mapping, bytes: file.size, modified: modified ?? dayOf(file) };
      this.needed = null;
      this.#tableToken++;
      this.table = page;
      this.file = r;
      this.onMap = null;
      // The panel shows the counties once it has drawn the file; this covers a file loaded while the
      // panel is closed (a scenario restored on another tab).
      setTimeout(() => this.showOnMap(r), SHOW_ON_MAP_LATEST_MS);
      this.mapping = null;
      this.status = 'loaded';
      this.result = null;
      this.placement = null;
      this.backtest = null;
      void this.#keep(r.hash, file, name);
    } catch (e) {
      if (this.#loading !== worker) return; // cancelled: its worker was ended
      this.#loading = null;
      worker.terminate();
      this.status = previous ? 'loaded' : 'idle';
      this.error = `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Keeps the file's bytes in this browser's storage under its hash, so a link or a reload finds it. */
  async #keep(hash: string, blob: Blob, name: string): Promise<void> {
    try {
      await saveQueueFileBlob(hash, { name, blob });
      this.storeNote = null;
    } catch (e) {
      this.storeNote = `${name} could not be kept in this browser's storage (${e instanceof Error ? e.message : String(e)}): a link or a reload will ask for the file again.`;
    }
  }

  /** The scope as chosen (a named scope without a name is the whole file). */
  get scope(): QueueScope {
    const name = this.scopeName.trim();
    return this.scopeKind === 'all' || !name ? { kind: 'all' } : { kind: this.scopeKind, name };
  }

  /** The scenario's record of the file in use (or of the file it still needs); absent without one. */
  toScenario(): { queueFile?: QueueFileRecord } {
    const f = this.file;
    const h = this.#held;
    if (!f || !h) return this.needed ? { queueFile: { ...this.needed, scope: this.scope, mw: this.#mw(this.needed.mw) } } : {};
    const p = f.fit.parametric;
    return {
      queueFile: {
        name: f.name,
        bytes: h.bytes,
        modified: h.modified,
        hash: f.hash,
        mapping: h.mapping ? { columns: h.mapping.columns.map(([a, b]) => [a, b]), statuses: h.mapping.statuses.map(([a, b]) => [a, b]) } : null,
        fit: { asOf: f.asOf, records: f.records, withdrawalPerYear: p.withdrawalPerYear, operation: { p50: p.operation.p50, p90: p.operation.p90 } },
        scope: this.scope,
        mw: this.#mw(100),
      },
    };
  }

  #mw(fallback: number): number {
    const mw = Number(this.mwText);
    return Number.isFinite(mw) && mw > 0 ? mw : fallback;
  }

  /**
   * Shows a scenario's queue file: from this browser's storage by its hash, else from `packed` (the
   * bytes a JSON export carries, unpacked in a worker and kept here), else it says which file it needs.
   * A scenario without one unloads the file in use.
   */
  async fromScenario(rec: QueueFileRecord | undefined, packed?: string): Promise<void> {
    const token = ++this.#restoreToken;
    if (!rec) {
      this.needed = null;
      this.#unload();
      return;
    }
    this.scopeKind = rec.scope.kind;
    this.scopeName = rec.scope.kind === 'all' ? '' : rec.scope.name;
    this.mwText = String(rec.mw);
    if (this.file?.hash === rec.hash) return;
    let blob: Blob | null = null;
    try {
      blob = (await loadQueueFileBlob(rec.hash))?.blob ?? null;
    } catch {
      blob = null; // storage unavailable: the file is asked for, or taken from the export
    }
    if (!blob && packed) {
      const w = spawnQueueFileWorker();
      try {
        const u = await w.api.unpack(packed);
        if (!u.ok) {
          if (token === this.#restoreToken) this.error = `The scenario's copy of ${rec.name} could not be read: ${u.message}.`;
        } else blob = new Blob([u.bytes as Uint8Array<ArrayBuffer>]);
      } finally {
        w.terminate();
      }
    }
    if (token !== this.#restoreToken) return;
    if (!blob) {
      this.#unload();
      this.needed = rec;
      return;
    }
    const mapping = rec.mapping ? { columns: rec.mapping.columns, statuses: rec.mapping.statuses } as ColumnMappingData : null;
    await this.load(blob, rec.name, mapping, rec.modified);
    if (token !== this.#restoreToken) return;
    if (this.file && this.file.hash !== rec.hash) this.error = `The copy of ${rec.name} found does not match the scenario's (its content hash differs); it is shown, but its numbers may differ.`;
    this.scopeKind = rec.scope.kind;
    this.scopeName = rec.scope.kind === 'all' ? '' : rec.scope.name;
    this.mwText = String(rec.mw);
  }

  /** The file in use, deflated and base64-encoded in its worker, for a JSON export (null without one). */
  async pack(): Promise<string | null> {
    return this.#current && this.file ? this.#current.api.pack() : null;
  }

  #unload(): void {
    this.#current?.terminate();
    this.#current = null;
    this.#held = null;
    this.file = null;
    this.onMap = null;
    this.status = 'idle';
    this.result = null;
    this.placement = null;
    this.backtest = null;
    this.table = { rows: [], matched: 0, offset: 0 };
  }

  /** Puts the loaded file's counties on the map (a no-op for a file no longer loaded, or shown already). */
  showOnMap(f: Loaded): void {
    if (this.file === f && this.onMap !== f) this.onMap = f;
  }

  /** Backtests the fitted preset (on `base`) against the loaded file's history, in the file's worker. */
  async runBacktest(base: QueueParams, seed: number): Promise<void> {
    const worker = this.#current;
    const file = this.file;
    if (!worker || !file) return;
    const r = await worker.api.backtest(base, seed);
    // A file loaded meanwhile has its own backtest.
    if (this.file === file) this.backtest = r;
  }

  /** Stops a load by ending its worker; the file in use (in its own worker) stays. */
  cancel(): void {
    if (this.status !== 'loading' || !this.#loading) return;
    this.#loading.terminate();
    this.#loading = null;
    this.status = this.file ? 'loaded' : 'idle';
    this.error = 'Loading was cancelled; the file in use is unchanged.';
  }

  /** Applies the mapping form: required columns chosen, every status word mapped. */
  async applyMapping(): Promise<void> {
    // A plain copy: Svelte proxies cannot cross to the worker.
    const m = $state.snapshot(this.mapping);
    const p = this.#pending;
    if (!m || !p) return;
    const columns = Object.entries(m.columns).filter(([, h]) => h) as Array<[QueueField, string]>;
    const statuses = m.statuses.filter(([k, v]) => k.trim() !== '' && v !== '') as Array<[string, QueueStatus]>;
    await this.load(p.file, p.name, { columns, statuses });
  }

  /** Asks the worker for `rows` rows of the table from row `offset` (the latest request wins). */
  async refreshTable(offset = 0, rows = FIRST_PAGE_ROWS): Promise<void> {
    if (!this.file || !this.#current) return;
    const token = ++this.#tableToken;
    const page = await this.#page(this.#current, offset, rows);
    if (token === this.#tableToken) this.table = page;
  }

  /** `rows` rows of the table from row `offset`, under the current filter and order, from `worker`'s file. */
  #page(worker: QueueFileWorker, offset: number, rows: number) {
    return worker.api.view($state.snapshot(this.filter), this.sort, this.descending, rows, offset);
  }

  /** The table scrolled: a full page from row `offset`. */
  scrollTable(offset: number): Promise<void> {
    return this.refreshTable(offset, TABLE_PAGE_ROWS);
  }

  sortBy(key: SortKey): void {
    if (this.sort === key) this.descending = !this.descending;
    else {
      this.sort = key;
      this.descending = key === 'mw';
    }
    void this.refreshTable();
  }

  /** Places the request at the scope (the fit as a preset on `base`) and runs the queue on the pool. */
  async placeAndRun(base: QueueParams, trials: number, seed: number): Promise<void> {
    const mw = Number(this.mwText);
    if (!Number.isFinite(mw) || mw <= 0) {
      this.runError = `Request size must be a positive number of MW, got "${this.mwText}".`;
      this.runStatus = 'error';
      return;
    }
    this.runError = null;
    if (!this.#current) return;
    const placed = await this.#current.api.place(this.scope, base);
    if (!placed.ok) {
      this.runError = placed.message;
      this.runStatus = 'error';
      return;
    }
    this.placement = { scope: placed.scope, ahead: placed.ahead };
    this.runStatus = 'running';
    this.runProgress = { done: 0, total: trials };
    try {
      this.result = await this.#pool().run(
        'queue',
        { model: 'queue', presetId: `file:${this.file?.name ?? ''}`, params: placed.params, projectMW: mw, trials, seed },
        { onProgress: (pr) => (this.runProgress = { done: pr.done, total: pr.total }) },
      );
      this.runStatus = 'done';
    } catch (e) {
      if (isAbortError(e)) {
        this.runStatus = 'idle';
        return;
      }
      this.runStatus = 'error';
      this.runError = e instanceof Error ? e.message : String(e);
    }
  }
}

/** A file's last-modified date (YYYY-MM-DD, UTC); a Blob without one counts as today. */
function dayOf(file: Blob): string {
  const t = 'lastModified' in file && typeof file.lastModified === 'number' ? file.lastModified : Date.now();
  return new Date(t).toISOString().slice(0, 10);
}
