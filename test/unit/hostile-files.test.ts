/**
 * Hostile files and values, each refused with a message naming what and where, never a crash,
 * a hang or an out-of-memory: deep nesting, huge counts, forged headers, corrupt payloads,
 * built-in member names as ids and keys, and CSV formulas behind a separator.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergePartials, parsePartial, partialDigest, runShard, type PartialFile } from '../../scripts/lib/sweep-partial';
import { planFromSpec, SpecError } from '../../scripts/lib/sweep-plan';
import { CliError } from '../../scripts/lib/cli-args';
import { runQueueCli } from '../../scripts/lib/queue-cli';
import { runAbsorptionCli } from '../../scripts/lib/absorption-cli';
import { runBuyVsBuildCli } from '../../scripts/lib/buy-vs-build-cli';
import { economicsRequestForSite } from '../../scripts/lib/economics-cli';
import { planScenario } from '../../scripts/lib/scenario-run';
import { appState } from './state-test-utils';
import { formatLayerProblem, parseLayerText } from '../../src/layers/user-layer';
import { deflateSync } from 'fflate';
import { decodeLink, defaultScenario, ENGINE_VERSION, importScenarioJson, LINK_FORMAT } from '../../src/snapshot';
import { encodeBase64Url } from '../../src/snapshot/base64url';
import { jsonDepthProblem, MAX_JSON_DEPTH } from '../../src/snapshot/json-syntax';
import { LayerState } from '../../src/state/layer-state.svelte';

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const layerWithProps = (props: string) =>
  `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-97,30]},"properties":${props}}]}`;

describe('nesting depth of user files', () => {
  it('a GeoJSON layer whose properties nest 100,000 deep is refused with a message, not a stack overflow', async () => {
    const text = layerWithProps(nested(100_000));
    // What the app did with it before: the normalised copy it stores overflowed the stack.
    expect(() => JSON.stringify(JSON.parse(text))).toThrow(/call stack/);
    const r = parseLayerText('deep.geojson', text);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems.map(formatLayerProblem)).toEqual([
      `deep.geojson: nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep (line 1, column ${text.indexOf('{"a":') + 5 * (MAX_JSON_DEPTH - 3) + 1}); deeper files are refused`,
    ]);
    const layers = new LayerState();
    expect(await layers.addFile(new File([text], 'deep.geojson'))).toBe(false);
    expect(layers.problems[0]).toMatch(/^deep\.geojson: nests objects and arrays more than 64 levels deep/);
    expect(layers.layers).toHaveLength(0);
  });

  it('a layer nested as deep as real data still loads, brackets inside strings do not count', () => {
    const ok = parseLayerText('ok.geojson', layerWithProps(`{"note":"${'['.repeat(500)}","deep":${nested(50)}}`));
    expect(ok.ok).toBe(true);
    expect(jsonDepthProblem(`"\\"${'{'.repeat(100)}"`)).toBeNull();
  });

  it('a scenario file and a link nested 100,000 deep are refused by name', () => {
    const text = `{"scenario":${nested(100_000)}}`;
    const r = importScenarioJson(text, 'deep.json', text.length);
    expect(r.ok ? '' : r.errors[0].message).toMatch(/^deep\.json nests objects and arrays more than 64 levels deep/);
    // A link carries deflated JSON: a deep one is "damaged", never a throw.
    const deep = `#s=${LINK_FORMAT}.${encodeBase64Url(deflateSync(new TextEncoder().encode(nested(20_000))))}`;
    const link = decodeLink(deep);
    expect(link.ok ? '' : link.errors[0].message).toMatch(/nested too deeply/);
  });
});

describe('sweep partial files', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const SPEC = { sites: ['intelion-samara'], presets: ['site'], trials: 750, seed: 7, byMonths: 24 };
  const dir = mkdtempSync(join(tmpdir(), 'hostile-partials-'));
  let shards: PartialFile[] = [];
  const write = (name: string, p: unknown) => {
    const f = join(dir, name);
    writeFileSync(f, typeof p === 'string' ? p : JSON.stringify(p));
    return f;
  };
  /** A header edited and its digest recomputed: what a genuine file with these values would carry. */
  const redigest = (p: PartialFile, edit: Partial<PartialFile>): PartialFile => {
    const { digest: _d, ...body } = { ...p, ...edit };
    return { ...body, digest: partialDigest(body) };
  };
  const merge = (files: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/merge.ts', ...files, '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });

  beforeAll(async () => {
    const plan = planFromSpec(SPEC, root, 'spec');
    shards = [await runShard(plan, { index: 0, count: 2 }, root), await runShard(plan, { index: 1, count: 2 }, root)];
  });

  it('a shard count of 1e9 is refused against the spec before anything is allocated', () => {
    const forged = redigest(shards[1], { shard: { index: 1, count: 1e9 } });
    expect(() => parsePartial(JSON.stringify(forged), 'big.json')).toThrow('big.json: has shard count 1000000000; a sweep has 1 to 10,000 shards');
    // Chunk ranges are read against the spec too.
    const cells = shards[1].cells.map((c) => ({ ...c, to: 2e9 }));
    const stretched = redigest(shards[1], { cells });
    expect(() => mergePartials([{ name: 'a.json', partial: shards[0] }, { name: 'wide.json', partial: stretched }], root)).toThrow(/^wide\.json: cell .* holds chunks 1…2000000000, but shard 1\/2 of 750 trials is chunks 1…3$/);
  });

  it('an edited seed in the header is refused by its digest (exit code 2), not merged into other rows', () => {
    const edited = write('edited-seed.json', { ...shards[0], seed: 8 });
    const other = write('edited-seed-1.json', { ...shards[1], seed: 8 });
    const r = merge([edited, other]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`error: ${edited}: does not match its digest: its header (spec, seed, shard, engine version) or its data was edited or damaged`);
  });

  it('a corrupt payload exits 2 naming the file and the cell, and an old-format file says how to fix it', () => {
    const cells = shards[1].cells.map((c) => ({ ...c, partial: c.partial && `AAAA${c.partial.slice(4)}` }));
    const corrupt = write('corrupt.json', redigest(shards[1], { cells }));
    const good = write('good-0.json', shards[0]);
    const r = merge([good, corrupt]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(new RegExp(`^error: ${corrupt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the data of cell intelion-samara\\|samara\\|flat is damaged \\(.+\\)$`));
    const { digest: _d, ...v1 } = { ...shards[1], version: 1 };
    expect(() => parsePartial(JSON.stringify(v1), 'old.json')).toThrow('old.json: is a version 1 partial file; this merge reads version 2 only (it carries a digest): run the shard again with this checkout');
  });
});

describe('built-in member names as ids and keys', () => {
  // Every name Object.prototype answers to: a lookup by plain indexing would find these on any object.
  const NAMES = Object.getOwnPropertyNames(Object.prototype);
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const message = (f: () => unknown): Promise<string> =>
    Promise.resolve()
      .then(f)
      .then(
        (r) => {
          const res = r as { ok?: boolean; errors?: Array<{ field: string; message: string }> };
          return res && res.ok === false && res.errors ? res.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : 'ACCEPTED';
        },
        (e: unknown) => (e instanceof CliError || e instanceof SpecError ? e.message : `CRASH ${String(e)}`),
      );

  it('every CLI refuses each of them as a preset, site or parameter with a message naming the flag or field', async () => {
    expect(NAMES).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty']));
    for (const n of NAMES) {
      const q = { trials: 100, seed: 1, workers: 1, validation: false, root };
      expect(await message(() => runQueueCli({ ...q, preset: n }))).toMatch(new RegExp(`^--preset: no queue preset "${n}"; known: `));
      expect(await message(() => runQueueCli({ ...q, site: n }))).toMatch(/^--site: /);
      expect(await message(() => runAbsorptionCli({ preset: n, trials: 100, root }))).toMatch(new RegExp(`^--preset: no absorption preset "${n}"; known: `));
      expect(await message(() => runBuyVsBuildCli({ site: n, trials: 100, root }))).toMatch(/^--site: /);
      expect(await message(() => economicsRequestForSite({ site: n, trials: 100, root }))).toMatch(/^--site: /);
      // A sweep spec: as a preset, a site and a parameter path.
      const spec = { sites: ['riot-rockdale'], presets: ['site'], trials: 100 };
      expect(await message(() => planFromSpec({ ...spec, presets: [n] }, root, 'sweep.json'))).toMatch(/^sweep\.json: sweep\.json › presets\[0\]: /);
      expect(await message(() => planFromSpec({ ...spec, sites: [n] }, root, 'sweep.json'))).toMatch(/^sweep\.json: sweep\.json › sites\[0\]: /);
      expect(await message(() => planFromSpec({ ...spec, parameters: JSON.parse(`{"${n}": [1]}`) }, root, 'sweep.json'))).toMatch(/^sweep\.json: .*parameters[.[]/);
    }
  });

  it('a scenario gets the same verdict from the app and from the scenario CLI, for every name in every id and key', async () => {
    const { scn } = await appState();
    const base = defaultScenario(ENGINE_VERSION, scn.dataHash);
    const keyed = (n: string, v: unknown) => JSON.parse(`{${JSON.stringify(n)}: ${JSON.stringify(v)}}`) as Record<string, never>;
    const slots: Record<string, (n: string) => unknown> = {
      'selectedSiteIds[0]': (n) => ({ ...base, selectedSiteIds: [n] }),
      'queueOverrides key': (n) => ({ ...base, queueOverrides: keyed(n, {}) }),
      'queueOverrides path': (n) => ({ ...base, queueOverrides: { 'ercot-large-load': keyed(n, 1) } }),
      'queueForward key': (n) => ({ ...base, queueForward: keyed(n, 'flat') }),
      'projectMWBySite key': (n) => ({ ...base, projectMWBySite: keyed(n, 100) }),
      'buyVsBuildSiteOverrides key': (n) => ({ ...base, buyVsBuildSiteOverrides: keyed(n, {}) }),
      'leasing.presetBySite value': (n) => ({ ...base, selectedSiteIds: ['riot-rockdale'], leasing: { ...base.leasing, presetBySite: { 'riot-rockdale': n } } }),
    };
    const refusedByBoth = ['selectedSiteIds[0]', 'queueOverrides key', 'queueOverrides path', 'queueForward key'];
    for (const [slot, make] of Object.entries(slots)) {
      for (const n of NAMES) {
        const text = JSON.stringify({ scenario: make(n) });
        const file = importScenarioJson(text, 'hostile.json', text.length);
        const app = await message(() => (file.ok ? scn.apply(file.value.scenario, 'hostile.json: scenario') : file));
        const cli = await message(() => (file.ok ? planScenario(file.value.scenario, root) : file));
        expect(app.startsWith('CRASH'), `${slot} = ${n}: ${app}`).toBe(false);
        expect(cli.startsWith('CRASH'), `${slot} = ${n}: ${cli}`).toBe(false);
        expect(cli === 'ACCEPTED', `${slot} = ${n}: app ${app}, CLI ${cli}`).toBe(app === 'ACCEPTED');
        if (refusedByBoth.includes(slot)) expect(app, `${slot} = ${n}`).not.toBe('ACCEPTED');
      }
    }
  });
});
