/**
 * What the queue-file worker does (workers/queue-file.worker.ts is only `expose(createQueueFileApi())`):
 * read a file, keep its records in the worker, and answer the panel with small, plain results —
 * summaries, the fit, a page of the table, a placement — so 100,000 rows never cross to the page.
 * Runs in Node too, which is how it is tested.
 */
import { mappingFromData, type ColumnMappingData } from '../sim/queue-file/columns';
import { backtestQueueFile, type FileBacktest } from '../sim/queue-file/backtest';
import { fitQueueFile, type QueueFileFit } from '../sim/queue-file/fit';
import { describeScope, placeInFile, presetFromFit, type QueueScope } from '../sim/queue-file/place';
import { dayToIso, type BadRow, type QueueRecord } from '../sim/queue-file/records';
import { summariseQueueFile, viewRecords, type QueueFileSummary, type RecordFilter, type SortKey } from '../sim/queue-file/summary';
import type { QueueParams } from '../sim/queue/params';
import type { FeatureCollection } from 'geojson';
import { countyShapes } from './county-shapes';
import { packBytes, unpackBytes } from './packed-bytes';
import { loadQueueFile } from './load-queue-file';

/** Bad rows sent to the page (all are counted). */
const BAD_ROWS_SHOWN = 200;

export type QueueFileLoad =
  | {
      ok: true;
      name: string;
      format: 'gridstatus' | 'lbnl' | 'custom';
      header: string[];
      asOf: string;
      records: number;
      badCount: number;
      bad: BadRow[];
      summary: QueueFileSummary;
      fit: QueueFileFit;
      /** content hash (SHA-256, hex) of the bytes: the scenario stores the file under it */
      hash: string;
      /** wall time in the worker: reading and validating the rows, then fitting, ms */
      readMs: number;
      fitMs: number;
      /** Census county shapes with the file's open MW (`mw`, `requests`), for the map; empty without counties */
      counties: FeatureCollection;
      /** counties named in the file that match no Census county */
      unmatchedCounties: number;
    }
  | { ok: false; name: string; needsMapping: boolean; header: string[] | null; message: string };

export interface TableRow {
  row: number;
  id: string;
  name: string;
  status: string;
  requestDate: string;
  state: string;
  county: string;
  poi: string;
  type: string;
  mw: number;
}

export interface QueueFileApi {
  /**
   * Reads a file. In the browser `file` is the picked File (a Blob: a handle that crosses to the worker
   * without copying, read here), so the page's thread never copies or clones 50 MB of bytes.
   */
  load(file: Uint8Array | Blob, name: string, mapping: ColumnMappingData | null, onProgress?: (share: number) => void): Promise<QueueFileLoad>;
  /** `limit` rows of the matching records from `offset` on, in the given order: one page of the table */
  view(filter: RecordFilter, sort: SortKey, descending: boolean, limit: number, offset?: number): { rows: TableRow[]; matched: number; offset: number };
  /** the fitted preset (on top of `base`) backtested against the file's own history; a few seconds at 100,000 rows */
  backtest(base: QueueParams, seed: number): { ok: true; value: FileBacktest } | { ok: false; message: string };
  /** the loaded file's bytes, deflated and base64-encoded, for a JSON export (null before a file) */
  pack(): string | null;
  /** bytes packed by `pack`, or why not (damaged, or larger than a queue file may be) */
  unpack(text: string): { ok: true; bytes: Uint8Array } | { ok: false; message: string };
  /** the fit as a preset on top of `base`, placed at `scope`; plain data for a queue run */
  place(scope: QueueScope, base: QueueParams): { ok: true; params: QueueParams; ahead: { requests: number; mw: number; heldMW: number | null }; scope: string } | { ok: false; message: string };
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const toRow = (r: QueueRecord): TableRow => ({ row: r.row, id: r.id, name: r.name, status: r.status, requestDate: dayToIso(r.requestDay), state: r.state, county: r.county, poi: r.poi, type: r.type, mw: r.mw });

export function createQueueFileApi(): QueueFileApi {
  // The file in use: replaced only when a new one loads, so a failed load loses nothing.
  let held: { records: QueueRecord[]; asOfDay: number; fit: QueueFileFit; bytes: Uint8Array } | null = null;
  // The last filter and order, kept so scrolling the table pages through it without sorting again.
  let ordered: { key: string; rows: QueueRecord[] } | null = null;
  return {
    async load(file, name, mapping, onProgress) {
      const t0 = performance.now();
      const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
      const loaded = await loadQueueFile(bytes, name, mapping ? mappingFromData(mapping) : undefined, onProgress ? (s) => void onProgress(s) : undefined);
      if (!loaded.ok) return loaded;
      const records = loaded.records.records;
      const t1 = performance.now();
      const fit = fitQueueFile(records, loaded.asOfDay);
      const t2 = performance.now();
      const summary = summariseQueueFile(records);
      const map = countyShapes(summary.openByCounty);
      held = { records, asOfDay: loaded.asOfDay, fit, bytes };
      ordered = null;
      return {
        ok: true,
        name,
        format: loaded.format,
        header: loaded.header,
        asOf: dayToIso(loaded.asOfDay),
        records: records.length,
        badCount: loaded.records.badCount,
        bad: loaded.records.bad.slice(0, BAD_ROWS_SHOWN),
        summary,
        fit,
        hash: await sha256Hex(bytes),
        readMs: t1 - t0,
        fitMs: t2 - t1,
        counties: map.shapes,
        unmatchedCounties: map.unmatched,
      };
    },
    view(filter, sort, descending, limit, offset = 0) {
      if (!held) return { rows: [], matched: 0, offset: 0 };
      const key = JSON.stringify([filter, sort, descending]);
      if (ordered?.key !== key) ordered = { key, rows: viewRecords(held.records, filter, sort, descending, Infinity).rows };
      const rows = ordered.rows;
      const from = Math.max(0, Math.min(Math.floor(offset), Math.max(0, rows.length - 1)));
      return { rows: rows.slice(from, from + limit).map(toRow), matched: rows.length, offset: from };
    },
    pack: () => (held ? packBytes(held.bytes) : null),
    unpack: (text) => unpackBytes(text),
    backtest(base, seed) {
      if (!held) return { ok: false, message: 'no queue file is loaded' };
      return backtestQueueFile(held.records, held.asOfDay, base, { seed });
    },
    place(scope, base) {
      if (!held) return { ok: false, message: 'no queue file is loaded' };
      const fitted = presetFromFit(held.fit, held.records, held.asOfDay, base);
      const p = placeInFile(held.records, held.asOfDay, scope, fitted);
      if (!p.ok) return p;
      return { ok: true, params: p.value.params, ahead: p.value.ahead, scope: describeScope(scope) };
    },
  };
}
