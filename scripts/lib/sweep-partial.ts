/**
 * Partial files of a sharded sweep: what shard i of n computed for every cell (a block of trial
 * chunks, folded in order), with what it must match to be merged: the plan hash, the seed, the
 * engine version and the shard index. Blocks travel as base64 of deflated Node structured-clone
 * serialization, which keeps typed arrays and every double exactly (histograms are mostly zeros).
 *
 * `mergePartials` refuses a set that is not exactly shards 0…n-1 of one sweep, naming the file.
 *
 * Version 2 adds `digest`: SHA-256 of the header (spec hash, seed, engine version, shard, spec) and
 * the cells together, so an edited header (another seed) or a damaged payload is refused instead of
 * merging into other rows. Every count read from a file (shard index and count, cells, chunk
 * ranges, inflated bytes) is checked against the spec before anything is allocated from it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { QueuePartial } from '../../src/sim/queue/partial';
import type { QueueSummary } from '../../src/sim/queue/summary';
import { sweepOutput, type SweepOutput } from '../../src/sim/sweep/run';
import { MAX_SHARDS, mergeCellBlocks, mergeModelBlocks, runCellBlock, runModelBlock, shardChunkRange, type CellBlock, type ShardId } from '../../src/sim/sweep/shard';
import { portfolioRunner, type PortfolioPartial, type PortfolioSummary } from '../../src/sim/portfolio/runner';
import type { SweepPlan, SweepSpec } from '../../src/sim/sweep/spec';
import { jsonDepthProblem } from '../../src/snapshot/json-syntax';
import { CliError } from './cli-args';
import { engineVersion, planFromSpec, planHash } from './sweep-plan';

export const PARTIAL_FORMAT = 'power-shell-sweep-partial';

export const PARTIAL_VERSION = 2;
/** A cell block inflates to a few hundred kB at the longest horizon; more is not a block of ours. */
const MAX_BLOCK_BYTES = 64 * 1024 * 1024;

export interface PartialFile {
  format: typeof PARTIAL_FORMAT;
  version: typeof PARTIAL_VERSION;
  specHash: string;
  seed: number;
  engineVersion: string;
  shard: ShardId;
  /** the spec as planned (defaults filled in), so a merge can rebuild the cells */
  spec: SweepSpec;
  cells: Array<{ key: string; from: number; to: number; partial: string | null }>;
  /** the portfolio cells' blocks (absent: the spec has none) */
  portfolioCells?: Array<{ key: string; from: number; to: number; partial: string | null }>;
  /** SHA-256 (hex) of everything above: see partialDigest */
  digest: string;
}

/** The digest binding a partial's payload (queue and portfolio cells) to its header. */
export function partialDigest(p: Omit<PartialFile, 'digest'>): string {
  const bound = [p.format, p.version, p.specHash, p.seed, p.engineVersion, p.shard.index, p.shard.count, p.spec, p.cells, p.portfolioCells ?? []];
  return createHash('sha256').update(JSON.stringify(bound)).digest('hex');
}

/** A partial refused by the merge: exit code 2, the message names the file. */
export class PartialError extends CliError {}

/** Runs shard `shard` of every cell of the plan (on this thread; `between` yields after each chunk). */
export async function runShard(plan: SweepPlan, shard: ShardId, root: string, between?: (trials: number) => Promise<void> | void): Promise<PartialFile> {
  const pack = (b: CellBlock<unknown>) => ({ key: b.key, from: b.from, to: b.to, partial: b.partial ? deflateRawSync(serialize(b.partial)).toString('base64') : null });
  const cells: PartialFile['cells'] = [];
  for (const c of plan.cells) cells.push(pack(await runCellBlock(c.key, c.request, shard, between)));
  const portfolioCells: PartialFile['cells'] = [];
  for (const c of plan.portfolioCells) portfolioCells.push(pack(await runModelBlock(portfolioRunner, c.key, c.request, shard, between)));
  const body = { format: PARTIAL_FORMAT, version: PARTIAL_VERSION, specHash: planHash(plan), seed: plan.spec.seed, engineVersion: engineVersion(root), shard, spec: plan.spec, cells, portfolioCells } as const;
  return { ...body, digest: partialDigest(body) };
}

/** A partial from its JSON text; `name` is the file (or job) named in errors. */
export function parsePartial(text: string, name: string): PartialFile {
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep) throw new PartialError(name, tooDeep);
  let p: PartialFile;
  try {
    p = JSON.parse(text) as PartialFile;
  } catch (e) {
    throw new PartialError(name, `is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!p || typeof p !== 'object' || p.format !== PARTIAL_FORMAT) throw new PartialError(name, `is not a sweep partial file (format "${PARTIAL_FORMAT}")`);
  if (p.version !== PARTIAL_VERSION)
    throw new PartialError(name, `is a version ${JSON.stringify(p.version)} partial file; this merge reads version ${PARTIAL_VERSION} only (it carries a digest): run the shard again with this checkout`);
  const ok =
    typeof p.specHash === 'string' &&
    typeof p.engineVersion === 'string' &&
    typeof p.digest === 'string' &&
    Number.isSafeInteger(p.seed) &&
    Number.isInteger(p.shard?.index) &&
    Number.isInteger(p.shard?.count) &&
    Array.isArray(p.cells);
  if (!ok) throw new PartialError(name, `is not a sweep partial file (format "${PARTIAL_FORMAT}" version ${PARTIAL_VERSION}): a header field is missing`);
  // Bounded before anything is sized from them (a forged count of 1e9 ran merge out of memory).
  if (p.shard.count < 1 || p.shard.count > MAX_SHARDS) throw new PartialError(name, `has shard count ${p.shard.count}; a sweep has 1 to ${MAX_SHARDS.toLocaleString('en-US')} shards`);
  if (p.shard.index < 0 || p.shard.index >= p.shard.count) throw new PartialError(name, `has shard index ${p.shard.index}, outside 0…${p.shard.count - 1}`);
  const { digest, ...body } = p;
  if (partialDigest(body) !== digest) throw new PartialError(name, 'does not match its digest: its header (spec, seed, shard, engine version) or its data was edited or damaged');
  return p;
}

/** A cell's block as stored: bounded against the plan's chunk range, inflated with a size cap. */
function decodeBlock<P = QueuePartial>(name: string, c: PartialFile['cells'][number], request: { trials: number }, shard: ShardId): CellBlock<P> {
  const [from, to] = shardChunkRange(request.trials, shard);
  if (c.from !== from || c.to !== to) throw new PartialError(name, `cell ${c.key} holds chunks ${c.from}…${c.to}, but shard ${shard.index}/${shard.count} of ${request.trials} trials is chunks ${from}…${to}`);
  if (from === to) {
    if (c.partial !== null) throw new PartialError(name, `cell ${c.key} has data for an empty block`);
    return { key: c.key, from, to, partial: null };
  }
  if (typeof c.partial !== 'string') throw new PartialError(name, `cell ${c.key} has no data`);
  try {
    const bytes = inflateRawSync(Buffer.from(c.partial, 'base64'), { maxOutputLength: MAX_BLOCK_BYTES });
    return { key: c.key, from, to, partial: deserialize(bytes) as P };
  } catch (e) {
    throw new PartialError(name, `the data of cell ${c.key} is damaged (${e instanceof Error ? e.message : String(e)})`);
  }
}

export function readPartialFile(path: string): PartialFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PartialError(path, `cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  return parsePartial(text, path);
}

const identity = (p: PartialFile) => `${p.engineVersion} ${p.seed} ${p.specHash} ${p.shard.count}`;

/**
 * Merges named partials into the sweep's output, bit-identical to one process running the whole
 * sweep. Refuses (PartialError naming the file) a partial from another engine version, seed, spec
 * or shard count than the others, a shard given twice, a missing shard, and a set whose spec does
 * not plan to the same cells on this machine's data.
 */
export function mergePartials(named: ReadonlyArray<{ name: string; partial: PartialFile }>, root: string): SweepOutput {
  if (named.length === 0) throw new PartialError('(partials)', 'none given');
  // The odd one out is the file that disagrees with most of the others (ties: with the first).
  const votes = new Map<string, number>();
  for (const { partial } of named) votes.set(identity(partial), (votes.get(identity(partial)) ?? 0) + 1);
  const majority = [...votes.entries()].reduce((best, e) => (e[1] > best[1] ? e : best), [identity(named[0].partial), votes.get(identity(named[0].partial)) as number])[0];
  const ref = (named.find((n) => identity(n.partial) === majority) as (typeof named)[number]).partial;
  for (const { name, partial: p } of named) {
    if (p.engineVersion !== ref.engineVersion) throw new PartialError(name, `was computed by engine version ${p.engineVersion}, the others by ${ref.engineVersion}`);
    if (p.seed !== ref.seed) throw new PartialError(name, `has seed ${p.seed}, the others ${ref.seed}`);
    if (p.specHash !== ref.specHash) throw new PartialError(name, `is from another sweep spec (${p.specHash}, the others ${ref.specHash})`);
    if (p.shard.count !== ref.shard.count) throw new PartialError(name, `is shard ${p.shard.index}/${p.shard.count}, the others are of ${ref.shard.count} shards`);
  }
  const byIndex = new Map<number, string>();
  for (const { name, partial: p } of named) {
    const other = byIndex.get(p.shard.index);
    if (other !== undefined) throw new PartialError(name, other === name ? 'is given twice' : `is shard ${p.shard.index}/${p.shard.count} again (also in ${other})`);
    byIndex.set(p.shard.index, name);
  }
  const missing = Array.from({ length: ref.shard.count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length) {
    throw new PartialError(`shard ${missing.map((i) => `${i}/${ref.shard.count}`).join(', ')}`, `is missing (given: ${named.map((n) => `${n.name} = ${n.partial.shard.index}/${n.partial.shard.count}`).join(', ')})`);
  }
  const first = named[0].name;
  const plan = planFromSpec({ ...ref.spec, seed: ref.seed }, root, `${first} › spec`);
  if (planHash(plan) !== ref.specHash) throw new PartialError(first, `its spec plans to other cells on this machine's data/ (hash ${planHash(plan)}, file ${ref.specHash}): the data files differ`);
  if (engineVersion(root) !== ref.engineVersion) throw new PartialError(first, `was computed by engine version ${ref.engineVersion}; this checkout is ${engineVersion(root)}`);
  const ordered = [...named].sort((a, b) => a.partial.shard.index - b.partial.shard.index);
  for (const { name, partial: p } of ordered) {
    if (p.cells.length !== plan.cells.length) throw new PartialError(name, `has ${p.cells.length} cell blocks; its spec has ${plan.cells.length} cells`);
    const pc = p.portfolioCells?.length ?? 0;
    if (pc !== plan.portfolioCells.length) throw new PartialError(name, `has ${pc} portfolio blocks; its spec has ${plan.portfolioCells.length} portfolios`);
  }
  const summaries: QueueSummary[] = plan.cells.map((cell, ci) => {
    const blocks: CellBlock[] = ordered.map(({ name, partial: p }) => {
      const c = p.cells[ci];
      if (!c || c.key !== cell.key) throw new PartialError(name, `has no block for cell ${cell.key} at position ${ci}`);
      return decodeBlock(name, c, cell.request, p.shard);
    });
    try {
      return mergeCellBlocks(cell.request, blocks);
    } catch (e) {
      throw new PartialError(first, e instanceof Error ? e.message : String(e));
    }
  });
  const portfolios: PortfolioSummary[] = plan.portfolioCells.map((cell, ci) => {
    const blocks: Array<CellBlock<PortfolioPartial>> = ordered.map(({ name, partial: p }) => {
      const c = p.portfolioCells?.[ci];
      if (!c || c.key !== cell.key) throw new PartialError(name, `has no block for portfolio ${cell.name} at position ${ci}`);
      return decodeBlock<PortfolioPartial>(name, c, cell.request, p.shard);
    });
    try {
      return mergeModelBlocks(portfolioRunner, cell.request, blocks);
    } catch (e) {
      throw new PartialError(first, e instanceof Error ? e.message : String(e));
    }
  });
  return sweepOutput(plan, summaries, portfolios);
}
