/** Region presets (docs/method.md §1): every parameter tied to a sourced row (docs/data-sources.md) or marked ESTIMATE. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leafPaths, loadQueuePresets, provenanceFor, REQUIRED_QUEUE_PRESETS } from '../../src/sim/queue/presets';
import { presetDocs, regionsJson } from './queue-test-utils';

describe('queuePresets in data/regions.json', () => {
  it('holds exactly the nine required presets, all valid', () => {
    const { presets, errors } = loadQueuePresets(regionsJson);
    expect(errors).toEqual([]);
    expect(Object.keys(presets).sort()).toEqual([...REQUIRED_QUEUE_PRESETS].sort());
  });

  it('ties every parameter to a source, and says which are estimates', () => {
    for (const doc of Object.values(presetDocs())) {
      for (const path of leafPaths(doc.params)) {
        const prov = provenanceFor(doc, path);
        expect(prov, `${doc.id}: ${path}`).toBeDefined();
        // A named source (a report, a filing, a dataset), not a bare label.
        expect(prov!.source.length, `${doc.id}: ${path}`).toBeGreaterThan(10);
        // An estimate must say what the judgement was.
        if (prov!.estimate) expect(prov!.note.length, `${doc.id}: ${path}`).toBeGreaterThan(3);
      }
    }
    // Samara has no published queue data: every value is an estimate (docs/method.md §1).
    const samara = presetDocs().samara;
    expect(leafPaths(samara.params).every((p) => provenanceFor(samara, p)!.estimate)).toBe(true);
  });

  it('uses the templates docs/method.md §1 names', () => {
    const t = Object.fromEntries(Object.values(presetDocs()).map((d) => [d.id, d.template]));
    expect(t).toMatchObject({ 'us-lbnl': 'serial', 'ercot-large-load': 'cluster', pjm: 'cluster', singapore: 'allocation', samara: 'serial' });
  });

  it('names a preset without a source for a parameter, and keeps the valid ones', () => {
    const broken = structuredClone((regionsJson as { queuePresets: Record<string, any> }).queuePresets);
    delete broken.norway.provenance['arrivals.ratePerYear'];
    broken.sweden.params.phases.sis.p90 = 1;
    broken.finland.provenance['nonsense.field'] = { source: 'Method §1', estimate: true, note: 'x' };
    delete broken.iceland;
    const { presets, errors } = loadQueuePresets(broken);
    expect(errors).toContainEqual({ field: 'queuePresets.norway.provenance', message: 'has no source or ESTIMATE note for "arrivals.ratePerYear"' });
    expect(errors).toContainEqual({ field: 'queuePresets.sweden.params.phases.sis.p90', message: 'P90 (1 months) must be ≥ P50 (4 months)' });
    expect(errors).toContainEqual({ field: 'queuePresets.finland.provenance.nonsense.field', message: 'names no parameter of this preset' });
    expect(errors).toContainEqual({ field: 'queuePresets.iceland', message: 'is missing' });
    expect(Object.keys(presets).sort()).toEqual(['ercot-large-load', 'pjm', 'samara', 'singapore', 'us-lbnl']);
  });

  it('covers every queuePreset a site in data/sites.geojson names', () => {
    const path = new URL('../../data/sites.geojson', import.meta.url);
    if (!existsSync(path)) return;
    const sites = JSON.parse(readFileSync(path, 'utf8')) as { features: Array<{ properties: { queuePreset?: string | null } }> };
    const ids = new Set(Object.keys(presetDocs()));
    for (const f of sites.features) if (f.properties.queuePreset) expect(ids.has(f.properties.queuePreset), f.properties.queuePreset).toBe(true);
  });
});
