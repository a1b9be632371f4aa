/**
 * The queue-file worker's API, run in Node (the worker is only `expose` of it): a load keeps the
 * records on the worker's side and answers with summaries, the fit and a content hash; a failed load
 * keeps the file in use; the table and the placement read the held file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createQueueFileApi } from '../../src/files/queue-file-api';
import { presetParams } from './queue-test-utils';

const bytes = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../fixtures/queue-files/bad-rows.csv')));

describe('queue file API', () => {
  it('loads, answers table pages and placements, and keeps the file in use when a later load fails', async () => {
    const api = createQueueFileApi();
    expect(api.place({ kind: 'all' }, presetParams('sweden'))).toEqual({ ok: false, message: 'no queue file is loaded' });
    const progress: number[] = [];
    const r = await api.load(bytes, 'bad-rows.csv', null, (s) => progress.push(s));
    if (!r.ok) throw new Error(r.message);
    expect([r.format, r.records, r.badCount, r.bad.length]).toEqual(['gridstatus', 4, 10, 10]);
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.summary.byStatus.map(([k]) => k).sort()).toEqual(['active', 'operational', 'withdrawn']);
    // Plain data: it crosses the worker boundary as is.
    expect(structuredClone(r)).toEqual(r);
    const v = api.view({}, 'mw', true, 2);
    expect(v.matched).toBe(4);
    expect(v.rows.map((x) => x.id)).toEqual(['Q-1', 'Q-10']);
    expect(v.rows[0]).toMatchObject({ requestDate: '2021-03-15', county: 'Pecos', mw: 300 });
    // Pages of the same order: the table scrolls through every matching row, a page at a time.
    const all = api.view({}, 'mw', true, 10).rows.map((x) => x.id);
    const page2 = api.view({}, 'mw', true, 2, 2);
    expect([page2.offset, page2.matched]).toEqual([2, 4]);
    expect(page2.rows.map((x) => x.id)).toEqual(all.slice(2, 4));
    // A File (Blob) reads like its bytes: the page hands the worker the File, never a copy.
    const fromBlob = await createQueueFileApi().load(new Blob([bytes]), 'bad-rows.csv', null);
    expect(fromBlob.ok && fromBlob.hash).toBe(r.hash);

    const bad = await api.load(new TextEncoder().encode('Ref,Size\nA,1\n'), 'other.csv', null);
    expect(bad).toMatchObject({ ok: false, needsMapping: true, header: ['Ref', 'Size'] });
    // The file in use is still the first one.
    expect(api.view({}, 'id', false, 10).matched).toBe(4);
    const placed = api.place({ kind: 'county', name: 'Pecos' }, presetParams('sweden'));
    if (!placed.ok) throw new Error(placed.message);
    expect(placed.ahead).toEqual({ requests: 1, mw: 300, heldMW: null });
    expect(placed.scope).toBe('county Pecos');
    expect(placed.params.backlog.count).toBe(1);
  });
});

describe('county shapes for the map', () => {
  it('matches "County, ST" to Census county shapes and counts names it cannot match', async () => {
    const { countyShapes } = await import('../../src/files/county-shapes');
    const r = countyShapes([
      ['Pecos, TX', { requests: 3, mw: 900 }],
      ['Loudoun County, VA', { requests: 2, mw: 400 }],
      ['Nowhere, TX', { requests: 1, mw: 5 }],
      ['__proto__, ZZ', { requests: 1, mw: 5 }],
    ]);
    expect(r.unmatched).toBe(2);
    expect(r.shapes.features.map((f) => [f.id, f.properties?.mw])).toEqual([
      ['48371', 900],
      ['51107', 400],
    ]);
    expect(['Polygon', 'MultiPolygon']).toContain(r.shapes.features[0].geometry.type);
  });
});

describe('a queue file packed into a JSON export', () => {
  it('unpacks to the same bytes, and refuses damaged or oversized text', async () => {
    const { packBytes, unpackBytes } = await import('../../src/files/packed-bytes');
    const { deflateSync } = await import('fflate');
    const big = new Uint8Array(100_003).map((_, i) => (i * 7919) % 251);
    for (const b of [bytes, big, new Uint8Array(0)]) {
      const u = unpackBytes(packBytes(b));
      expect(u.ok && u.bytes).toEqual(b);
    }
    expect(unpackBytes('not base64 at all!')).toEqual({ ok: false, message: expect.stringContaining('not valid base64') });
    expect(unpackBytes(btoa('garbage bytes that do not inflate'))).toMatchObject({ ok: false });
    // 60 MB of zeros deflate to a few KB: refused once the output passes 50 MB.
    const bomb = deflateSync(new Uint8Array(60 * 1024 * 1024));
    let bin = '';
    for (const c of bomb) bin += String.fromCharCode(c);
    expect(unpackBytes(btoa(bin))).toEqual({ ok: false, message: 'the queue file in it is larger than 50 MB' });
  });
});
