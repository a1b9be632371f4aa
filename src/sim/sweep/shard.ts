/**
 * Sharding a sweep by trials: shard i of n runs a contiguous block of the trial chunks of every
 * cell (chunks are the fixed CHUNK_TRIALS slices of contract.ts), folded in chunk order. Merging
 * the blocks of shards 0…n-1 in order with the same ordered merge gives summaries bit-identical to
 * one process running every chunk: partials are integer histograms and fixed-point integer sums.
 *
 * Per-trial rows (the audit trail of the queue panel) are dropped from shard blocks: a sweep row
 * reads only the histograms, and rows would make partial files grow with the trial count.
 */
import type { ModelRunner, RunSettings } from '../contract';
import { chunkCount, chunkRange, OrderedMerge } from '../in-thread';
import type { QueueRequest } from '../queue/params';
import type { QueuePartial } from '../queue/partial';
import { queueRunner } from '../queue/runner';
import type { QueueSummary } from '../queue/summary';

/** A sweep runs in at most this many shards (the --shards limit; partial files are checked against it). */
export const MAX_SHARDS = 10_000;

/** Shard index and count, 0-based: shard `index` of `count`. */
export interface ShardId {
  index: number;
  count: number;
}

/** Chunks [from, to) of a `trials`-trial run that shard `index` of `count` computes (may be empty). */
export function shardChunkRange(trials: number, shard: ShardId): [from: number, to: number] {
  const c = chunkCount(trials);
  return [Math.floor((shard.index * c) / shard.count), Math.floor(((shard.index + 1) * c) / shard.count)];
}

/** Reads "i/n" (0-based i < n); null when it is not one. */
export function parseShard(text: string): ShardId | null {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && count <= MAX_SHARDS && index < count ? { index, count } : null;
}

/** One cell's block in a shard: chunks [from, to) folded in order, or null when the block is empty. */
export interface CellBlock<Part = QueuePartial> {
  key: string;
  from: number;
  to: number;
  partial: Part | null;
}

function withoutRows(p: QueuePartial): QueuePartial {
  return { ...p, rowTrials: new Int32Array(0), rowMonths: new Float64Array(0) };
}

/**
 * Runs a cell's block of chunks on this thread. `between` is awaited after each chunk: a caller
 * that must stay responsive (a queue worker renewing its job lock, a progress line) yields there.
 */
export async function runCellBlock(key: string, request: QueueRequest, shard: ShardId, between?: (trialsDone: number) => Promise<void> | void): Promise<CellBlock> {
  const b = await runModelBlock(queueRunner, key, request, shard, between);
  return { ...b, partial: b.partial ? withoutRows(b.partial) : null };
}

/** A block of any model's cell (a portfolio cell keeps its whole trial matrix: it merges by appending). */
export async function runModelBlock<Req extends RunSettings, Part>(runner: ModelRunner<Req, Part, unknown>, key: string, request: Req, shard: ShardId, between?: (trialsDone: number) => Promise<void> | void): Promise<CellBlock<Part>> {
  const [from, to] = shardChunkRange(request.trials, shard);
  if (from === to) return { key, from, to, partial: null };
  const merge = new OrderedMerge(runner, request, 0, [from, to]);
  for (let i = from; i < to; i++) {
    const [start, end] = chunkRange(i, request.trials);
    merge.add(i, runner.runChunk(request, start, end));
    await between?.(end - start);
  }
  return { key, from, to, partial: merge.partial() as Part };
}

/**
 * The summary of a cell from its blocks (any order; each chunk exactly once), through the ordered
 * merge. Throws naming the gap or the overlap when the blocks do not cover the run.
 */
export function mergeCellBlocks(request: QueueRequest, blocks: readonly CellBlock[]): QueueSummary {
  return mergeModelBlocks(queueRunner, request, blocks);
}

export function mergeModelBlocks<Req extends RunSettings, Part, Sum>(runner: ModelRunner<Req, Part, Sum>, request: Req, blocks: ReadonlyArray<CellBlock<Part>>): Sum {
  const merge = new OrderedMerge<Sum>(runner, request);
  for (const b of blocks) if (b.partial) merge.add(b.from, b.partial, b.to - b.from);
  if (!merge.complete) throw new Error(`cell ${blocks[0]?.key ?? '?'}: chunks from ${merge.merged} on are missing`);
  return merge.summarize();
}
