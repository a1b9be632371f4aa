import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { decodeLink, encodeLink, MAX_LINK_CHARS } from '../../src/snapshot/link';
import { encodeBase64Url, decodeBase64Url } from '../../src/snapshot/base64url';
import { defaultScenario, parseScenario, type Scenario } from '../../src/snapshot/scenario';
import { scenarioArb } from '../fixtures/scenarios/arbitrary';

const canonical = (s: Scenario): Scenario => {
  const r = parseScenario(s);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

function realScenario(): Scenario {
  const s = defaultScenario('0.1.0', 'aab5f9ae99b2e38fb462025c8f72f570c9c811705d2a4277dc855d7fa293fe97');
  s.name = 'Samara mine vs Texas greenfield';
  s.selectedSiteIds = ['samara-1', 'texas-rockdale'];
  s.customSites.push({
    id: 'custom-1',
    name: '<img src=x onerror=alert(1)></script>',
    lon: 50.15,
    lat: 53.2,
    uiRegion: 'samara',
    queuePreset: null,
    kind: 'power-shell',
    gridMW: 100,
    aiUsableMW: 30,
    pue: 1.3,
  });
  s.queueOverrides = { 'ercot-large-load': { 'phases.fs.p50': 6 } };
  return s;
}

const messageOf = (hash: string) => {
  const r = decodeLink(hash);
  return r.ok ? 'ok' : r.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
};

describe('share link', () => {
  it('base64url round-trips any bytes and refuses foreign characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeBase64Url(text)).toEqual(bytes);
      }),
      { seed: 1, numRuns: 300 },
    );
    expect(decodeBase64Url('ab+c')).toBeNull();
    expect(decodeBase64Url('abcde')).toBeNull(); // 5 chars: no byte count encodes to that
  });

  it('decode(encode(s)) is the identity for arbitrary valid scenarios', () => {
    fc.assert(
      fc.property(scenarioArb, (raw) => {
        const s = canonical(raw);
        const link = encodeLink(s);
        expect(link.hash.startsWith('#s=1.')).toBe(true);
        expect(decodeLink(link.hash)).toEqual({ ok: true, value: s });
      }),
      { seed: 2, numRuns: 300 },
    );
  });

  it('keeps a site name with HTML and script verbatim', () => {
    const s = realScenario();
    const r = decodeLink(`https://example.test/app/${encodeLink(s).hash}`);
    expect(r.ok && r.value.customSites[0].name).toBe('<img src=x onerror=alert(1)></script>');
    // a lone surrogate and an emoji survive too (JSON escapes the surrogate, so UTF-8 never sees it)
    s.name = 'a\ud800b 💥';
    const again = decodeLink(encodeLink(s).hash);
    expect(again.ok && again.value.name).toBe('a\ud800b 💥');
  });

  it('is short for a typical scenario and says when it is too long', () => {
    const s = realScenario();
    const link = encodeLink(s, 40);
    expect(link.length).toBe(40 + link.hash.length);
    expect(link.tooLong).toBe(false);
    expect(link.length).toBeLessThan(800);
    // 200 custom sites with incompressible names go past the limit
    const big = realScenario();
    let x = 12345;
    const noise = () => Array.from({ length: 60 }, () => String.fromCharCode(0x4e00 + ((x = (x * 1103515245 + 12345) >>> 0) % 20000))).join('');
    big.customSites = Array.from({ length: 200 }, (_, i) => ({ ...s.customSites[0], id: `c${i}`, name: noise() }));
    const long = encodeLink(big);
    expect(long.tooLong).toBe(true);
    expect(long.length).toBeGreaterThan(MAX_LINK_CHARS);
    expect(decodeLink(long.hash)).toEqual({ ok: true, value: big }); // still decodable when pasted whole
  });

  it('gives an error, never an exception or a scenario, for a link cut at any position', () => {
    const { hash } = encodeLink(realScenario());
    for (let i = 0; i < hash.length; i++) {
      const r = decodeLink(hash.slice(0, i));
      expect(r.ok, `cut at ${i}`).toBe(false);
    }
    expect(messageOf(hash.slice(0, hash.length - 7))).toBe(
      'link: the link is damaged: it ends before the scenario does (was it cut off when copied?)',
    );
  });

  it('names unknown formats, foreign characters and missing parts', () => {
    expect(messageOf('#s=9.abc')).toContain('unknown link format v9');
    expect(messageOf('#s=0.abc')).toBe('link: unknown link format v0');
    expect(messageOf('#s=1.ab$c')).toContain('characters a scenario link never has');
    expect(messageOf('#view=map')).toContain('holds no scenario');
    expect(messageOf('#s=x.abc')).toContain('format number is not a number');
    expect(messageOf('')).toContain('holds no scenario');
  });

  it('finds the scenario among other hash parameters', () => {
    const s = realScenario();
    const { hash } = encodeLink(s);
    expect(decodeLink(`#panel=compare&${hash.slice(1)}&x=1`)).toEqual({ ok: true, value: s });
  });

  it('refuses a payload that inflates past 1 MB (a 50 MB zip bomb in a 65 KB link)', () => {
    const bomb = encodeBase64Url(deflateSync(new Uint8Array(50_000_000).fill(32), { level: 9 }));
    expect(bomb.length).toBeLessThan(100_000);
    expect(messageOf(`#s=1.${bomb}`)).toContain('more than 1 MB');
  });

  it('validates what it decodes: a well-formed link to an out-of-range scenario names the field', () => {
    const s = realScenario() as unknown as { customSites: Array<{ lat: number }> };
    s.customSites[0].lat = 123;
    const json = new TextEncoder().encode(JSON.stringify(s));
    const r = decodeLink(`#s=1.${encodeBase64Url(deflateSync(json))}`);
    expect(r).toEqual({ ok: false, errors: [{ field: 'link.customSites[0].lat', message: 'must be at most 90' }] });
  });

  it('never throws on random text, random bytes or mutated real links', () => {
    const { hash } = encodeLink(realScenario());
    const payload = hash.slice(5);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const mutated = fc
      .array(fc.tuple(fc.nat(payload.length - 1), fc.constantFrom(...alphabet), fc.constantFrom('replace', 'insert', 'delete')), {
        minLength: 1,
        maxLength: 4,
      })
      .map((edits) => {
        let p = payload;
        for (const [at, ch, op] of edits) {
          const i = Math.min(at, p.length - 1);
          p = op === 'replace' ? p.slice(0, i) + ch + p.slice(i + 1) : op === 'insert' ? p.slice(0, i) + ch + p.slice(i) : p.slice(0, i) + p.slice(i + 1);
        }
        return `#s=1.${p}`;
      });
    const anything = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ maxLength: 200 }).map((t) => `#s=1.${t}`),
      fc.uint8Array({ maxLength: 300 }).map((b) => `#s=1.${encodeBase64Url(b)}`),
      fc.uint8Array({ maxLength: 300 }).map((b) => `#s=1.${encodeBase64Url(deflateSync(b))}`),
      fc.json().map((j) => `#s=1.${encodeBase64Url(deflateSync(new TextEncoder().encode(j)))}`),
      mutated,
    );
    fc.assert(
      fc.property(anything, (h) => {
        const r = decodeLink(h);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }),
      { seed: 3, numRuns: 2000 },
    );
  });
});
