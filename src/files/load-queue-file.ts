/**
 * One call from a queue file's bytes to its validated records: read the table (CSV or XLSX), find the
 * header, apply the recognised or the given column mapping. Used by the CLI and the file worker, so
 * both report the same bad rows the same way.
 */
import type { ColumnMapping } from '../sim/queue-file/columns';
import { noUsableRowReason, tableToRecords, type QueueRecords } from '../sim/queue-file/records';
import { readTable, type OnProgress } from './read-table';

export type LoadedQueueFile =
  | { ok: true; name: string; format: 'gridstatus' | 'lbnl' | 'custom'; header: string[]; records: QueueRecords; asOfDay: number }
  | { ok: false; name: string; needsMapping: boolean; header: string[] | null; message: string };

export async function loadQueueFile(bytes: Uint8Array, name: string, mapping?: ColumnMapping, onProgress?: OnProgress): Promise<LoadedQueueFile> {
  const t = await readTable(bytes, name, onProgress);
  if (!t.ok) return { ok: false, name, needsMapping: false, header: null, message: t.message };
  const r = tableToRecords(t.table, mapping);
  if (!r.ok) return { ok: false, name, needsMapping: r.needsMapping, header: r.needsMapping ? r.header : null, message: `${name}: ${r.reason}` };
  const why = noUsableRowReason(r.result);
  if (why !== null || r.result.asOfDay === null) return { ok: false, name, needsMapping: false, header: r.header, message: `${name} has no usable row: ${why}` };
  return { ok: true, name, format: r.format, header: r.header, records: r.result, asOfDay: r.result.asOfDay };
}
