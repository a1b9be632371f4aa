/**
 * Hostile files and values, each refused with a message naming what and where, never a crash,
 * a hang or an out-of-memory: deep nesting, huge counts, forged headers, corrupt payloads,
 * built-in member names as ids and keys, and CSV formulas behind a separator.
 */
import { describe, expect, it } from 'vitest';
import { formatLayerProblem, parseLayerText } from '../../src/layers/user-layer';
import { deflateSync } from 'fflate';
import { decodeLink, importScenarioJson, LINK_FORMAT } from '../../src/snapshot';
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
