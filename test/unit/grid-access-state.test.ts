/**
 * The grid-access phase as one of the scenario's tab states: its edits travel with the scenario
 * (gridAccessOverrides), bad ones are named and never dropped, and the same phase reaches the
 * queue run of a site and the build arm of buy vs build (a new build at the site's position).
 */
import { describe, expect, it } from 'vitest';
import { appState, texasGrid } from './state-test-utils';

const RIOT = 'riot-rockdale';

describe('GridAccessState in the scenario', () => {
  it('writes only the phase values that differ from data/grid-access.json, and reads them back', async () => {
    const { scn } = await appState();
    expect(scn.current().gridAccessOverrides).toBeUndefined();
    const base = scn.gridAccess.defaultValue('line.perKm.p50');
    scn.gridAccess.edit('line.perKm.p50', String(base * 2));
    scn.gridAccess.edit('substation.p50', String(scn.gridAccess.defaultValue('substation.p50')));
    const saved = scn.current();
    expect(saved.gridAccessOverrides).toEqual({ 'line.perKm.p50': base * 2 });

    const other = (await appState()).scn;
    expect(other.apply(saved).ok).toBe(true);
    expect(other.gridAccess.text('line.perKm.p50')).toBe(String(base * 2));
    other.gridAccess.reset();
    expect(other.current().gridAccessOverrides).toBeUndefined();
  });

  it('a typed "1,2" is named as a problem and not recorded; the phase refuses it', async () => {
    const { scn } = await appState();
    scn.gridAccess.edit('line.perKm.p50', '1,2');
    expect(scn.inputProblems().map((e) => e.field)).toContain('gridAccess.line.perKm.p50');
    expect(scn.current().gridAccessOverrides).toBeUndefined();
    const phase = scn.gridAccess.phase();
    expect(phase.ok).toBe(false);
  });

  it('refuses a scenario whose overrides name no number of the phase, naming the field, and changes nothing', async () => {
    const { scn } = await appState();
    scn.gridAccess.edit('line.base.p50', '7');
    const bad = { ...scn.current(), gridAccessOverrides: { 'line.nothing': 3, constructor: 1 } };
    const r = scn.apply(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const fields = r.errors.map((e) => e.field).join(' ');
      expect(fields).toContain('gridAccessOverrides');
      expect(fields).toContain('line.nothing');
      expect(fields).toContain('constructor');
    }
    expect(scn.gridAccess.text('line.base.p50')).toBe('7');
  });

  it('a power shell within its connection has no phase; the build arm at the same place has one, from the edited phase', async () => {
    const { scn, sites } = await appState({ grid: texasGrid() });
    const ref = sites.ref(RIOT)!;
    const own = scn.queue.request(ref);
    expect(own.ok && own.value.gridAccess).toBeFalsy();
    const facts = scn.bvb.request(scn.bvb.siteFor(ref));
    if (!facts.ok) throw new Error(JSON.stringify(facts.errors));
    const basis = scn.queue.basisRequest(scn.bvb.siteFor(ref), facts.value.params.site, facts.value.seed);
    if (!basis.ok) throw new Error(JSON.stringify(basis.errors));
    expect(basis.value.gridAccess?.distanceKm).toBeGreaterThan(0);
    scn.gridAccess.edit('substation.p50', '40');
    scn.gridAccess.edit('substation.p90', '50');
    const edited = scn.queue.basisRequest(scn.bvb.siteFor(ref), facts.value.params.site, facts.value.seed);
    expect(edited.ok && edited.value.gridAccess?.phase.substation).toEqual({ p50: 40, p90: 50 });
    // An edit that breaks the phase stops the run, naming the field, rather than dropping the phase.
    scn.gridAccess.edit('substation.p90', '10');
    const broken = scn.queue.basisRequest(scn.bvb.siteFor(ref), facts.value.params.site, facts.value.seed);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors.map((e) => e.field)).toContain('gridAccess.substation.p90');
  });

  it('without a grid layer no request carries a phase (the queue numbers stay the engine’s)', async () => {
    const { scn, sites } = await appState();
    const ref = sites.ref('illustrative-abilene-greenfield')!;
    const r = scn.queue.request(ref);
    expect(r.ok && r.value.gridAccess).toBeFalsy();
    expect(scn.queue.gridReady()).toBeNull();
  });

  it('with the grid layer a greenfield site’s own queue request carries its phase', async () => {
    const { scn, sites } = await appState({ grid: texasGrid() });
    const ref = sites.ref('illustrative-abilene-greenfield')!;
    const r = scn.queue.request(ref);
    expect(r.ok && r.value.gridAccess?.distanceKm).toBeGreaterThan(0);
    expect(scn.queue.gridAccessOf(ref)?.nearest).not.toBeNull();
  });

  it('the user’s own substation layer, marked as a grid layer, gives sites a phase where no open extract exists, and counts beside the bundled one', async () => {
    const layer = (name: string, lon: number, lat: number, kv: string) => ({
      id: `layer-${name}`,
      name: `${name}.geojson`,
      kind: 'substations' as const,
      useAsGrid: true,
      storage: 'scenario' as const,
      geojson: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { name, voltage: kv } }] }),
    });
    // Singapore: no bundled layer covers it, so without the user's file nothing qualifies.
    const sg = await appState({ grid: texasGrid() });
    const jurong = sg.sites.ref('jurong-island-dc-park')!;
    expect(sg.scn.queue.gridAccessOf(jurong)?.nearest ?? null).toBeNull();
    await sg.sites.layers.restore([layer('Tuas 230', 103.7, 1.297, '230')]);
    const access = sg.scn.queue.gridAccessOf(jurong);
    expect(access?.nearest?.substation.source).toBe('Tuas 230.geojson');
    expect(access?.nearest?.distanceKm).toBeCloseTo(3.0, 0);
    const r = sg.scn.queue.request(jurong);
    expect(r.ok && r.value.gridAccess?.distanceKm).toBeCloseTo(3.0, 0);
    // Unmarked, the file is only drawn: the site loses its phase again.
    sg.sites.layers.update('layer-Tuas 230', { useAsGrid: false });
    expect(sg.scn.queue.gridAccessOf(jurong)?.nearest ?? null).toBeNull();

    // Texas: a user's 345 kV station next to the site beats the bundled one farther away.
    const tx = await appState({ grid: texasGrid() });
    const abilene = tx.sites.ref('illustrative-abilene-greenfield')!;
    const before = tx.scn.queue.gridAccessOf(abilene)!.nearest!;
    const site = tx.scn.gridAccess.siteById('illustrative-abilene-greenfield')!;
    await tx.sites.layers.restore([layer('Next door', site.lon + 0.005, site.lat, '345')]);
    const after = tx.scn.queue.gridAccessOf(abilene)!.nearest!;
    expect(after.substation.name).toBe('Next door');
    expect(after.distanceKm).toBeLessThan(before.distanceKm);
    expect(after.distanceKm).toBeLessThan(1);
  });
});
