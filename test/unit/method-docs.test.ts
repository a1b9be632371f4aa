/**
 * The docs the Method view shows: every section a panel links to exists, every "§" a data file or
 * the UI cites resolves to a section of docs/data-sources.md, and nothing in the app's code or
 * data points outside the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citedSection, docs, linkTarget } from '../../src/docs/method-docs';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const ids = new Set([...docs().values()].flatMap((sections) => sections.map((s) => s.id)));

describe('docs in the repository (the Method view)', () => {
  it('has the model sections the panels link to, and each doc link resolves', () => {
    for (const id of ['method-intro', 'method-0', 'method-1', 'method-2', 'method-3', 'method-calibration', 'sources-intro', 'sources-1.1', 'sources-4.1', 'sources-7.4']) expect(ids).toContain(id);
    const panelLinks = files('src/ui').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/<MethodLink section="([^"]+)"/g)].map((m) => m[1]));
    expect(panelLinks.length).toBeGreaterThanOrEqual(3);
    for (const id of panelLinks) expect(ids).toContain(id);
    expect(linkTarget('method', 'data-sources.md')).toEqual({ kind: 'section', doc: 'sources', id: 'sources-intro' });
    expect(linkTarget('method', '#calibration')).toEqual({ kind: 'section', doc: 'method', id: 'method-calibration' });
  });

  it('every "§" a data file cites is a section of docs/data-sources.md or docs/method.md', () => {
    const cited = new Set<string>();
    for (const f of files('data').filter((x) => /\.(json|geojson)$/.test(x))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/(?:Sources|Method)\s*§\s*\d+(?:\.\d+)?/g)) cited.add(citedSection(m[0]) ?? '');
    }
    expect(cited.size).toBeGreaterThan(10);
    for (const id of cited) expect(ids, id).toContain(id);
    expect(citedSection('LN(28, 53), Sources §1.3')).toBe('sources-1.3');
    expect(citedSection('Method §1 (cluster template)')).toBe('method-1');
  });

  it('no code, UI text or data file shipped with the app names a file outside the repository', () => {
    const offenders = [...files('src'), ...files('workers'), ...files('scripts'), ...files('data'), ...files('test'), ...files('docs'), 'README.md', 'index.html']
      .filter((f) => !f.endsWith('method-docs.test.ts'))
      .filter((f) => /MODEL\.md|REFERENCE(?:\.md|\s*§)|\.\.\/shared|\/work\/shared/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
