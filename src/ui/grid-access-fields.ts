/** The grid-access phase numbers a user can edit on the site panel, by dotted path (months, km, USD per MVA). */
export const PHASE_FIELDS: Array<{ path: string; label: string; unit: string }> = [
  { path: 'line.base.p50', label: 'New line at 0 km, P50', unit: 'months' },
  { path: 'line.base.p90', label: 'New line at 0 km, P90', unit: 'months' },
  { path: 'line.perKm.p50', label: 'Added per km, P50', unit: 'months/km' },
  { path: 'line.perKm.p90', label: 'Added per km, P90', unit: 'months/km' },
  { path: 'substation.p50', label: 'Substation works, P50', unit: 'months' },
  { path: 'substation.p90', label: 'Substation works, P90', unit: 'months' },
  { path: 'noLineWithinKm', label: 'No new line within', unit: 'km' },
  { path: 'substationUSDPerMVA', label: 'Substation cost', unit: 'USD/MVA' },
];
