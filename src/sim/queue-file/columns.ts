/**
 * Which column of a queue file holds which field: the two column sets recognised without questions
 * (gridstatus's per-ISO queue, Berkeley Lab's "Queued Up" file) and the user's own mapping for any
 * other file, remembered per header set (docs/queue-files.md).
 *
 * Header text is user text: it is only ever compared and used as a Map key, never as an object key.
 */

/** The fields a queue record is read from. `id`, `mw`, `requestDate` and `status` are required. */
export const QUEUE_FIELDS = [
  'id',
  'name',
  'status',
  'requestDate',
  'agreementDate',
  'withdrawnDate',
  'operationDate',
  'state',
  'county',
  'poi',
  'zone',
  'type',
  'mw',
] as const;
export type QueueField = (typeof QUEUE_FIELDS)[number];
export const REQUIRED_FIELDS: readonly QueueField[] = ['id', 'mw', 'requestDate', 'status'];

/** Display names of the fields (for the mapping step and messages). */
export const FIELD_LABELS: ReadonlyMap<QueueField, string> = new Map<QueueField, string>([
  ['id', 'Request id'],
  ['name', 'Project name'],
  ['status', 'Status'],
  ['requestDate', 'Request date'],
  ['agreementDate', 'Agreement date'],
  ['withdrawnDate', 'Withdrawal date'],
  ['operationDate', 'Operation date'],
  ['state', 'State'],
  ['county', 'County'],
  ['poi', 'Point of interconnection'],
  ['zone', 'Zone or transmission owner'],
  ['type', 'Type'],
  ['mw', 'Capacity (MW)'],
]);

/** Where a request stands: the four outcomes every status is mapped to. */
export type QueueStatus = 'active' | 'withdrawn' | 'operational' | 'suspended';
export const QUEUE_STATUSES: readonly QueueStatus[] = ['active', 'withdrawn', 'operational', 'suspended'];

/** Which header holds each field, and how the file's status words map to the four outcomes. */
export interface ColumnMapping {
  /** field → header text exactly as in the file (absent fields are not read) */
  columns: Map<QueueField, string>;
  /** status text, lower-cased and trimmed → outcome */
  statuses: Map<string, QueueStatus>;
}

export type QueueFormat = 'gridstatus' | 'lbnl' | 'custom';

/** Status words both recognised formats use (gridstatus normalises ISO words; LBNL's codebook `q_status`). */
const KNOWN_STATUSES: ReadonlyArray<[string, QueueStatus]> = [
  ['active', 'active'],
  ['withdrawn', 'withdrawn'],
  ['completed', 'operational'],
  ['operational', 'operational'],
  ['in service', 'operational'],
  ['suspended', 'suspended'],
];

/** gridstatus: the same columns for every ISO (`gridstatus.ISO.get_interconnection_queue`). */
const GRIDSTATUS: ReadonlyArray<[QueueField, string]> = [
  ['id', 'Queue ID'],
  ['name', 'Project Name'],
  ['county', 'County'],
  ['state', 'State'],
  ['poi', 'Interconnection Location'],
  ['zone', 'Transmission Owner'],
  ['type', 'Generation Type'],
  ['mw', 'Capacity (MW)'],
  ['requestDate', 'Queue Date'],
  ['status', 'Status'],
  ['withdrawnDate', 'Withdrawn Date'],
  ['operationDate', 'Actual Completion Date'],
];
/** gridstatus columns read for display only; their presence helps recognise the file. */
const GRIDSTATUS_OTHER = ['Interconnecting Entity', 'Summer Capacity (MW)', 'Winter Capacity (MW)', 'Proposed Completion Date', 'Withdrawal Comment'];

/** Berkeley Lab "Queued Up": one row per request, names as in the file's codebook. */
const LBNL: ReadonlyArray<[QueueField, string]> = [
  ['id', 'q_id'],
  ['name', 'project_name'],
  ['status', 'q_status'],
  ['requestDate', 'q_date'],
  ['agreementDate', 'ia_date'],
  ['withdrawnDate', 'wd_date'],
  ['operationDate', 'on_date'],
  ['state', 'state'],
  ['county', 'county'],
  ['poi', 'poi_name'],
  ['zone', 'region'],
  ['type', 'type_clean'],
  ['mw', 'mw1'],
];

const norm = (h: string) => h.trim().toLowerCase();

/** Looks up a header by name, ignoring case and surrounding spaces: the exact text as in the file, or undefined. */
function findHeader(header: readonly string[], name: string): string | undefined {
  const n = norm(name);
  return header.find((h) => norm(h) === n);
}

function mappingFrom(header: readonly string[], set: ReadonlyArray<[QueueField, string]>): ColumnMapping {
  const columns = new Map<QueueField, string>();
  for (const [field, name] of set) {
    const h = findHeader(header, name);
    if (h !== undefined) columns.set(field, h);
  }
  return { columns, statuses: new Map(KNOWN_STATUSES) };
}

/**
 * Recognises a header row: gridstatus when its id, MW, queue date and status columns are there (and at
 * least half of its other columns), LBNL when `q_id`, `q_status`, `q_date` and `mw1` are. Otherwise null:
 * the user maps the columns.
 */
export function recogniseHeader(header: readonly string[]): { format: Exclude<QueueFormat, 'custom'>; mapping: ColumnMapping } | null {
  const has = (name: string) => findHeader(header, name) !== undefined;
  if (['q_id', 'q_status', 'q_date', 'mw1'].every(has)) return { format: 'lbnl', mapping: mappingFrom(header, LBNL) };
  const core = ['Queue ID', 'Capacity (MW)', 'Queue Date', 'Status'];
  const others = [...GRIDSTATUS.map(([, n]) => n), ...GRIDSTATUS_OTHER].filter((n) => !core.includes(n));
  if (core.every(has) && others.filter(has).length * 2 >= others.length) return { format: 'gridstatus', mapping: mappingFrom(header, GRIDSTATUS) };
  return null;
}

/** A key for "this header set": the mapping the user chose for it is remembered under this key. */
export function headerKey(header: readonly string[]): string {
  return [...header].map(norm).sort().join('\u001f');
}

/** Required fields the mapping leaves without a column, by display name ([] when complete). */
export function missingFields(m: ColumnMapping, header: readonly string[]): string[] {
  const present = new Set(header);
  return REQUIRED_FIELDS.filter((f) => {
    const h = m.columns.get(f);
    return h === undefined || !present.has(h);
  }).map((f) => FIELD_LABELS.get(f) ?? f);
}

/** A guess for an unknown file's status words: the known ones, so the user only maps the rest. */
export function defaultStatuses(): Map<string, QueueStatus> {
  return new Map(KNOWN_STATUSES);
}

/** Plain-data form of a mapping (for storage, the worker boundary and JSON export). */
export interface ColumnMappingData {
  columns: Array<[QueueField, string]>;
  statuses: Array<[string, QueueStatus]>;
}
export const mappingToData = (m: ColumnMapping): ColumnMappingData => ({ columns: [...m.columns], statuses: [...m.statuses] });
export function mappingFromData(d: ColumnMappingData): ColumnMapping {
  const fields = new Set<string>(QUEUE_FIELDS);
  const outcomes = new Set<string>(QUEUE_STATUSES);
  return {
    columns: new Map(d.columns.filter(([f, h]) => fields.has(f) && typeof h === 'string')),
    statuses: new Map(d.statuses.filter(([s, o]) => typeof s === 'string' && outcomes.has(o)).map(([s, o]) => [norm(s), o])),
  };
}
