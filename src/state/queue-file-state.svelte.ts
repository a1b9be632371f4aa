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
  /** an unknown format waiting for its mapping: header, draft columns and status words */
  mapping = $state<{ name: string; header: string[]; columns: Partial<Record<QueueField, string>>; statuses: Array<[string, QueueStatus | '']> } | null>(null);
  filter = $state<RecordFilter>({});
  sort = $state<SortKey>('mw');
  descending = $state(true);
  /** the page of the table on screen: rows from `offset` on, of `matched` */
  table = $state.raw<{ rows: TableRow[]; matched: number; offset: number }>({ rows: [], matched: 0, offset: 0 });
  scope = $state<QueueScope>({ kind: 'all' });
  mwText = $state('100');
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
  async load(file: Blob, name: string, mapping: ColumnMappingData | null = null): Promise<void> {
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
      this.#loading = null;
      if (!r.ok) {
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
      // The new file replaces the one in use only now that it has loaded.
      this.#current?.terminate();
      this.#current = worker;
      this.file = r;
      this.mapping = null;
      this.status = 'loaded';
      this.result = null;
      this.placement = null;
      this.backtest = null;
      await this.refreshTable();
    } catch (e) {
      if (this.#loading !== worker) return; // cancelled: its worker was ended
      this.#loading = null;
      worker.terminate();
      this.status = previous ? 'loaded' : 'idle';
      this.error = `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
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

  /** Asks the worker for the page of the table from row `offset` (the latest request wins). */
  async refreshTable(offset = 0): Promise<void> {
    if (!this.file || !this.#current) return;
    const token = ++this.#tableToken;
    const page = await this.#current.api.view($state.snapshot(this.filter), this.sort, this.descending, TABLE_PAGE_ROWS, offset);
    if (token === this.#tableToken) this.table = page;
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
    const placed = await this.#current.api.place($state.snapshot(this.scope) as QueueScope, base);
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
