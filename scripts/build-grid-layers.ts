/**
 * `npm run data:grid -- --src <dir> [--out public/grid]`: rebuilds the grid layers from the raw
 * extracts. `<dir>` (or env GRID_SRC; default /work/.mirror) holds the three fetched repositories,
 * each either as a bare git snapshot `<owner>+<name>/repo` (read with `git show HEAD:<path>`) or as
 * a plain checkout `<owner>+<name>/<path>`:
 *
 *   ComplexNetTSP/Power_grids            GridKit OSM extract, 2017-01-18, ODbL
 *   wri/global-power-plant-database      WRI GPPD v1.3.0 (CC BY 4.0), incl. its EIA-860 2019 copy
 *
 * plus scripts/data/grid-additions.json (in this repository): lines and substations built since the
 * extracts, each with the TSO or contractor pages that document it.
 *
 * The transform itself is the pure buildGridLayers (lib/grid-transform.ts); a unit test runs it on a
 * checked-in sample. After a rebuild, `git diff --exit-code public/grid` shows whether anything changed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Topology } from 'topojson-specification';
import { CliArgs, CliError } from './lib/cli-args';
import { buildGridLayers, type GridRawInputs } from './lib/grid-transform';

export const GRID_FILES = {
  usVertices: ['ComplexNetTSP+Power_grids', 'Countries/USA/South/Nodes/heuristic_vertices.csv'],
  usLinks: ['ComplexNetTSP+Power_grids', 'Countries/USA/South/Edges/heuristic_links.csv'],
  europeVertices: ['ComplexNetTSP+Power_grids', 'Continents/Europe/Nodes/highvoltage_vertices.csv'],
  europeLinks: ['ComplexNetTSP+Power_grids', 'Continents/Europe/Edges/highvoltage_links.csv'],
  russiaVertices: ['ComplexNetTSP+Power_grids', 'Countries/Russia/Nodes/heuristic_vertices.csv'],
  russiaLinks: ['ComplexNetTSP+Power_grids', 'Countries/Russia/Edges/heuristic_links.csv'],
  usPlants: ['wri+global-power-plant-database', 'source_databases_csv/database_USA.csv'],
} as const;
/** Transmission built since the extracts, with its sources (checked in; see lib/grid-additions.ts). */
export const GRID_ADDITIONS_FILE = 'scripts/data/grid-additions.json';
export const WRI_COUNTRIES = ['Norway', 'Sweden', 'Finland', 'Iceland', 'Russia'] as const;

function readRaw(src: string, repo: string, path: string): string {
  const plain = join(src, repo, path);
  if (existsSync(plain)) return readFileSync(plain, 'utf8');
  const gitDir = join(src, repo, 'repo');
  if (!existsSync(gitDir)) throw new Error(`${repo}: neither ${plain} nor a git snapshot at ${gitDir} (fetch github:${repo.replace('+', '/')} first)`);
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch {
    throw new Error(`${repo}: ${path} is not in the snapshot at ${gitDir}`);
  }
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const args = new CliArgs(process.argv.slice(2));
  const src = args.has('--src') ? String(args.string('--src')) : (process.env.GRID_SRC ?? '/work/.mirror');
  const out = args.has('--out') ? String(args.string('--out')) : join(root, 'public', 'grid');
  args.rejectUnknown();
  if (!existsSync(src)) throw new CliError('--src', `no such directory: ${src}`);
  const read = (k: keyof typeof GRID_FILES) => readRaw(src, GRID_FILES[k][0], GRID_FILES[k][1]);
  const wri = Object.fromEntries(WRI_COUNTRIES.map((c) => [c, readRaw(src, 'wri+global-power-plant-database', `raw_source_files/WRI/${c}.csv`)])) as GridRawInputs['wriPlants'];
  const raw: GridRawInputs = {
    usVertices: read('usVertices'),
    usLinks: read('usLinks'),
    europeVertices: read('europeVertices'),
    europeLinks: read('europeLinks'),
    russiaVertices: read('russiaVertices'),
    russiaLinks: read('russiaLinks'),
    usPlants: read('usPlants'),
    wriPlants: wri,
    countries: JSON.parse(readFileSync(join(root, 'node_modules/world-atlas/countries-50m.json'), 'utf8')) as Topology,
    additions: JSON.parse(readFileSync(join(root, GRID_ADDITIONS_FILE), 'utf8')) as unknown,
  };
  mkdirSync(out, { recursive: true });
  let total = 0;
  for (const [name, text] of Object.entries(buildGridLayers(raw))) {
    writeFileSync(join(out, name), text);
    total += Buffer.byteLength(text);
    const f = JSON.parse(text) as { substations: { rows: unknown[] }; lines: { rows: unknown[] }; plants: { rows: unknown[] } };
    console.log(`${name}: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, ${f.substations.rows.length} substations, ${f.lines.rows.length} lines, ${f.plants.rows.length} plants`);
  }
  console.log(`total ${(total / 1024 / 1024).toFixed(2)} MiB in ${out}`);
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(e instanceof CliError ? 2 : 1);
}
