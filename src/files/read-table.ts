/**
 * Bytes of a queue file → a table of cells, for the CLI and the file worker alike (no DOM, no Node APIs).
 * CSV goes through papaparse; XLSX through read-excel-file, chosen over the registry's `xlsx` 0.18.5,
 * which carries prototype-pollution and ReDoS advisories fixed only in releases not on the registry.
 *
 * Errors are values: a message naming the file and what is wrong, never a throw.
 */
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';
import { findHeader, MAX_QUEUE_FILE_BYTES, type Cell } from '../sim/queue-file/records';

export type TableResult = { ok: true; table: Cell[][]; sheet: string | null } | { ok: false; message: string };

/** Reports the share of the file read so far (0–1); return false to cancel. */
export type OnProgress = (share: number) => boolean | void;

const isXlsx = (name: string, bytes: Uint8Array) => /\.xlsx$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);

/** Reads a CSV or XLSX file's cells. `name` is only used to tell the format and in messages. */
export async function readTable(bytes: Uint8Array, name: string, onProgress?: OnProgress): Promise<TableResult> {
  if (bytes.byteLength > MAX_QUEUE_FILE_BYTES) {
    return { ok: false, message: `${name} is ${(bytes.byteLength / 1048576).toFixed(1)} MB; queue files of up to ${MAX_QUEUE_FILE_BYTES / 1048576} MB are read` };
  }
  if (bytes.byteLength === 0) return { ok: false, message: `${name} is empty` };
  try {
    return isXlsx(name, bytes) ? await readXlsx(bytes, name, onProgress) : readCsv(bytes, onProgress);
  } catch (e) {
    return { ok: false, message: `${name} could not be read as ${isXlsx(name, bytes) ? 'an Excel workbook' : 'CSV'}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function readCsv(bytes: Uint8Array, onProgress?: OnProgress): TableResult {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const table: Cell[][] = [];
  let cancelled = false;
  // Row by row, so the reader can report progress and stop; blank lines are kept so row numbers match the file's lines.
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (res, parser) => {
      table.push(res.data);
      if (onProgress && table.length % 5000 === 0 && onProgress(Math.min(1, res.meta.cursor / text.length)) === false) {
        cancelled = true;
        parser.abort();
      }
    },
  });
  if (cancelled) return { ok: false, message: 'cancelled' };
  return { ok: true, table, sheet: null };
}

async function readXlsx(bytes: Uint8Array, name: string, onProgress?: OnProgress): Promise<TableResult> {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const sheets = await readXlsxFile(buf);
  if (onProgress && onProgress(1) === false) return { ok: false, message: 'cancelled' };
  if (!sheets.length) return { ok: false, message: `${name} has no sheet` };
  // A workbook may hold notes or a codebook first: take the first sheet whose header is a known queue format.
  const known = sheets.find((s) => {
    const f = findHeader(s.data as Cell[][])?.format;
    return f === 'gridstatus' || f === 'lbnl';
  });
  const pick = known ?? sheets[0];
  return { ok: true, table: pick.data as Cell[][], sheet: pick.sheet };
}
