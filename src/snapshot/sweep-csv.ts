/** A sweep's rows as CSV (the app's "Compare sites" download; one line per cell, best first). */
import type { SweepRow } from '../sim/sweep/rows';
import { toCsv, type CsvColumn } from './csv';

export function sweepCsv(rows: readonly SweepRow[], byMonths: number): string {
  const columns: CsvColumn<SweepRow>[] = [
    { header: 'rank', value: (r) => r.rank },
    { header: 'site_id', value: (r) => r.site },
    { header: 'site', value: (r) => r.siteName },
    { header: 'queue_preset', value: (r) => r.preset },
    { header: 'forward_path', value: (r) => r.forwardPath },
    { header: 'parameters', value: (r) => Object.entries(r.parameters).map(([k, v]) => `${k}=${v}`).join('; ') },
    { header: 'request_MW', value: (r) => r.projectMW },
    { header: 'trials', value: (r) => r.trials },
    { header: 'cell_seed', value: (r) => r.seed },
    { header: 'p10_months_to_power', value: (r) => r.p10 },
    { header: 'p50_months_to_power', value: (r) => r.p50 },
    { header: 'p90_months_to_power', value: (r) => r.p90 },
    { header: `p_energized_within_${byMonths}_months`, value: (r) => r.probEnergizedBy },
    { header: 'never_within_horizon_share', value: (r) => r.neverShare },
  ];
  return toCsv(columns, [...rows].sort((a, b) => a.rank - b.rank));
}
