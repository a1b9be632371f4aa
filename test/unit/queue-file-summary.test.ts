/** The panel's summaries of a loaded queue file and its sortable, filterable table. */
import { describe, expect, it } from 'vitest';
import { summariseQueueFile, viewRecords } from '../../src/sim/queue-file/summary';
import { defaultSyntheticSpec, syntheticRecords } from '../../src/sim/queue-file/synthetic';

const records = syntheticRecords(defaultSyntheticSpec(2000, 3));

describe('queue file summary', () => {
  const s = summariseQueueFile(records);
  it('adds up to the file by status, type and year', () => {
    for (const groups of [s.byStatus, s.byType, s.byYear]) {
      expect(groups.reduce((a, [, v]) => a + v.requests, 0)).toBe(records.length);
      expect(groups.reduce((a, [, v]) => a + v.mw, 0)).toBeCloseTo(records.reduce((a, r) => a + r.mw, 0), 6);
    }
    const withdrawn = s.byStatus.find(([k]) => k === 'withdrawn')?.[1].requests;
    expect(withdrawn).toBe(records.filter((r) => r.status === 'withdrawn').length);
    expect(s.byYear.map(([y]) => y)).toEqual([...s.byYear.map(([y]) => y)].sort((a, b) => a - b));
  });
  it('splits open MW by phase and by county', () => {
    const open = records.filter((r) => r.status === 'active' || r.status === 'suspended');
    const ph = s.openByPhase;
    expect(ph && ph.beforeAgreement.requests + ph.pastAgreement.requests).toBe(open.length);
    expect(ph?.pastAgreement.requests).toBe(open.filter((r) => r.agreementDay !== null).length);
    expect(s.openByCounty.reduce((a, [, v]) => a + v.requests, 0)).toBe(open.length);
    expect(s.openByCounty.map(([k]) => k)).toContain('Pecos, TX');
  });
  it('filters and sorts the table', () => {
    const v = viewRecords(records, { county: 'pec', minMW: 100 }, 'mw', true, 50);
    expect(v.matched).toBe(records.filter((r) => r.county === 'Pecos' && r.mw >= 100).length);
    expect(v.rows.length).toBe(Math.min(50, v.matched));
    for (let i = 1; i < v.rows.length; i++) expect(v.rows[i - 1].mw).toBeGreaterThanOrEqual(v.rows[i].mw);
    expect(v.rows.every((r) => r.county === 'Pecos' && r.mw >= 100)).toBe(true);
    const byDate = viewRecords(records, {}, 'requestDay', false).rows;
    for (let i = 1; i < byDate.length; i++) expect(byDate[i - 1].requestDay).toBeLessThanOrEqual(byDate[i].requestDay);
  });
});
