/**
 * Transmission built after the 2017 OSM extract (scripts/data/grid-additions.json): the additions
 * are checked with messages naming the item, and in the shipped Nordic layer Landsnet's northern
 * 220 kV lines move atNorth Akureyri's nearest 220 kV station from the south-west of Iceland to
 * Rangárvellir in Akureyri, which shortens the site's grid-access phase and its time to power.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGridAdditions } from '../../scripts/lib/grid-additions';
import { siteGridAccessFromDisk } from '../../scripts/lib/grid-access-cli';
import { siteQueueInput } from '../../scripts/lib/site-lookup';
import { parseGridAccessConfig } from '../../src/data/grid-access-config';
import { checkGridLayerFile, substationsOf } from '../../src/geo/grid-layer';
import { siteGridAccess } from '../../src/geo/site-grid-access';
import type { GridAccessDraw } from '../../src/sim/grid-access/params';
import type { QueueRunRequest } from '../../src/sim/queue/runner';
import { presetParams, queueRequest, runQueue } from './queue-test-utils';

const root = join(import.meta.dirname, '../..');
const readJson = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8')) as unknown;
const dp = { sub: 4, line: 3 };
const cite = { s: { title: 'TSO page', url: 'https://example.org/line', date: '2024-05' } };
const message = (json: unknown) => {
  try {
    parseGridAdditions(json, dp);
    return 'no error';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};

describe('grid additions file', () => {
  it('names the item and the field that is wrong', () => {
    const sub = { region: 'nordics', name: 'New station', operator: 'TSO', kv: [220], lon: -18, lat: 65, inService: '2024-05', sources: ['s'] };
    expect(message({ sources: cite, substations: [{ ...sub, sources: ['nope'] }] })).toBe('grid additions: substation 1 "New station" cites unknown source "nope"');
    expect(message({ sources: cite, substations: [{ ...sub, kv: [] }] })).toBe('grid additions: substation 1 "New station": kv must be a list of kV > 0');
    expect(message({ sources: cite, lines: [{ region: 'nordics', name: 'L', kv: 220, coords: [[1, 2]], inService: '2024', sources: ['s'] }] })).toBe('grid additions: line 1 "L": coords must list at least two [lon, lat] points');
    expect(message({ sources: { s: { ...cite.s, url: 'javascript:alert(1)' } } })).toMatch(/source "s" needs a title, an http\(s\) url/);
  });

  it('every shipped addition cites a dated source and gives its row its own source label', () => {
    const added = parseGridAdditions(readJson('scripts/data/grid-additions.json'), dp).get('nordics')!;
    expect(added.substations.map((r) => r[3])).toContain('Rangárvellir (Akureyri)');
    expect(added.substations.every((r) => r[5] === 'source' && /^Landsnet \d{4}$/.test(r[6] ?? ''))).toBe(true);
    expect(added.lines.every((r) => r[0] === 220 && r[1].length >= 4)).toBe(true);
    expect(added.source?.name).toContain('https://landsnet.is/');
  });
});

describe('atNorth Akureyri with Landsnet’s northern 220 kV lines', () => {
  const id = 'atnorth-ice03-akureyri';
  const site = siteQueueInput(root, id);
  const nordics = checkGridLayerFile(readJson('public/grid/nordics.json'), 'nordics.json');
  const cfg = parseGridAccessConfig(readFileSync(join(root, 'data/grid-access.json'), 'utf8'));
  if (!cfg.ok) throw new Error('data/grid-access.json does not validate');
  // The layer as the 2017 extract alone gives it: every added row taken out.
  const extractOnly = substationsOf({ ...nordics, substations: { ...nordics.substations, rows: nordics.substations.rows.filter((r) => r[5] !== 'source') } });
  const before = siteGridAccess({ lon: site.lon!, lat: site.lat!, country: site.country, kind: site.kind, gridMW: site.gridMW }, site.projectMW, extractOnly, cfg.value.voltageRules, cfg.value.phase);
  const after = siteGridAccessFromDisk(root, site, site.projectMW)!;

  it('finds the new Rangárvellir 220 kV station a few km away instead of one in the south-west', () => {
    expect(after.requiredKV).toBe(220);
    expect(after.nearest?.substation.name).toBe('Rangárvellir (Akureyri)');
    expect(after.nearest?.substation.source).toBe('Landsnet 2022');
    expect(after.nearest!.distanceKm).toBeLessThan(5);
    expect(before.nearest!.distanceKm).toBeGreaterThan(150);
    expect(before.nearest?.substation.source).toBe('OSM 2017');
  });

  it('its queue run draws a shorter grid-access phase and a P50 time to power no later than before', () => {
    const req = (draw: GridAccessDraw | null): QueueRunRequest => ({ ...queueRequest(presetParams('iceland'), { projectMW: site.projectMW, trials: 2000, seed: 20240601 }), gridAccess: draw });
    const withNew = runQueue(req(after.draw));
    const extract = runQueue(req(before.draw));
    // The phase's P50 follows the line length: ~18 + 0.4·km months (data/grid-access.json).
    expect(withNew.gridAccess!.months.p50).toBeLessThan(extract.gridAccess!.months.p50 - 40);
    // Same seed: a shorter parallel phase can only bring energization forward.
    expect(withNew.timeToPower.p50).toBeLessThanOrEqual(extract.timeToPower.p50);
    expect(withNew.timeToPower.p10).toBeLessThan(extract.timeToPower.p10);
  });
});
