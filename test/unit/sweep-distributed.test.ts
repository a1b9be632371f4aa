/**
 * Sweeps give bit-identical rows whether one process runs them, three shards are merged, or BullMQ
 * workers on Redis run the shards while one of them is killed mid-run (issue 12 checks). Merges of
 * mismatched partials are refused with exit code 2 naming the file.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../scripts/lib/json-out';
import { runSweepOnRedis } from '../../scripts/lib/sweep-bullmq';
import { mergePartials, parsePartial, partialDigest, runShard } from '../../scripts/lib/sweep-partial';
import { planFromSpec } from '../../scripts/lib/sweep-plan';
import { runInThread } from '../../src/sim/in-thread';
import type { QueueSummary } from '../../src/sim/queue/summary';
import { runSweep, type SweepOutput } from '../../src/sim/sweep/run';
import { startRedis, type TestRedis } from './redis-server';

const root = fileURLToPath(new URL('../..', import.meta.url));
// 2 sites × 2 presets (forward paths other than "flat" do not exist in the queue model yet); cheap
// presets and 4 chunks per cell so three full runs stay within seconds.
const SPEC = { sites: ['intelion-samara', 'bitdeer-tydal'], presets: ['site', 'finland'], trials: 1000, seed: 7, byMonths: 24 };
const plan = planFromSpec(SPEC, root, 'spec');
const dir = mkdtempSync(join(tmpdir(), 'sweep-test-'));

let single: SweepOutput;
beforeAll(async () => {
  single = await runSweep(plan, async (req) => runInThread('queue', req));
});

async function shardFiles(spec: object, count: number, prefix: string, only?: number): Promise<string[]> {
  const p = planFromSpec(spec, root, 'spec');
  const files: string[] = [];
  for (let index = 0; index < count; index++) {
    if (only !== undefined && index !== only) continue;
    const f = join(dir, `${prefix}-${index}.json`);
    writeFileSync(f, JSON.stringify(await runShard(p, { index, count }, root)));
    files.push(f);
  }
  return files;
}

function runMergeCli(files: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/merge.ts', ...files, '--json'], { cwd: root, encoding: 'utf8' });
}

describe('sharded sweep', () => {
  it('merges 3 shards into rows bit-identical to one process (the merge CLI prints only the JSON)', async () => {
    expect(single.rows).toHaveLength(4);
    expect(new Set(single.rows.map((r) => r.p50)).size).toBeGreaterThan(1);
    const files = await shardFiles(SPEC, 3, 'ok');
    const merged = mergePartials(
      files.map((f) => ({ name: f, partial: parsePartial(readFileSync(f, 'utf8'), f) })),
      root,
    );
    expect(toJson(merged)).toBe(toJson(single));
    const cli = runMergeCli(files);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toBe(`${toJson(single)}\n`);
  });

  it('refuses mismatched, duplicated and missing partials with exit code 2, naming the file', async () => {
    const good = [0, 1, 2].map((i) => join(dir, `ok-${i}.json`)); // written by the test above
    const [otherSeed] = await shardFiles({ ...SPEC, seed: 8 }, 3, 'seed8', 1);
    const r1 = runMergeCli([good[0], otherSeed, good[2]]);
    expect(r1.status).toBe(2);
    expect(r1.stdout).toBe('');
    expect(r1.stderr).toContain(`${otherSeed}: has seed 8, the others 7`);
    const otherSpec = JSON.parse(readFileSync(good[1], 'utf8'));
    const forged = join(dir, 'engine.json');
    // A partial really computed by another engine (its digest matches its header).
    const { digest: _d, ...otherBody } = { ...otherSpec, engineVersion: 'src-sim:0000000000000000' };
    writeFileSync(forged, JSON.stringify({ ...otherBody, digest: partialDigest(otherBody) }));
    const r2 = runMergeCli([good[0], forged, good[2]]);
    expect([r2.status, r2.stderr]).toEqual([2, expect.stringContaining(`${forged}: was computed by engine version src-sim:0000000000000000`)]);
    const copy = join(dir, 'copy-of-1.json');
    writeFileSync(copy, readFileSync(good[1]));
    const dup = mergeError([good[0], good[1], copy]);
    expect(dup).toBe(`${copy}: is shard 1/3 again (also in ${good[1]})`);
    expect(mergeError([good[0], good[2]])).toMatch(/^shard 1\/3: is missing/);
  });
});

function mergeError(files: string[]): string {
  try {
    mergePartials(
      files.map((f) => ({ name: f, partial: parsePartial(readFileSync(f, 'utf8'), f) })),
      root,
    );
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return 'merged';
}

describe('sweep on BullMQ', () => {
  let redis: TestRedis;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await redis?.stop();
  });

  function startWorker(name: string): { proc: ChildProcess; log: string[]; ready: Promise<void> } {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts', '--redis', redis.url, '--lock-ms', '4000'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    workers.push(proc);
    const log: string[] = [];
    const ready = new Promise<void>((resolve, reject) => {
      proc.stderr?.on('data', (d: Buffer) => {
        for (const line of d.toString().split('\n').filter(Boolean)) {
          log.push(line);
          if (line.includes('sweep worker ready')) resolve();
        }
      });
      proc.once('exit', (code) => reject(new Error(`worker ${name} exited (${code}): ${log.join('\n')}`)));
    });
    return { proc, log, ready };
  }

  it('gives the same rows with 2 workers when one is killed mid-shard; the other takes its job', async () => {
    const a = startWorker('A');
    const b = startWorker('B');
    await Promise.all([a.ready, b.ready]);
    let killedShard = -1;
    a.proc.stderr?.on('data', (d: Buffer) => {
      const m = /shard (\d+)\/3 started/.exec(d.toString());
      if (m && killedShard < 0) {
        killedShard = Number(m[1]);
        a.proc.kill('SIGKILL');
      }
    });
    const progress: string[] = [];
    const out = await runSweepOnRedis(plan, { url: redis.url, shards: 3, root, log: (l) => progress.push(l), pollMs: 200 });
    expect(killedShard).toBeGreaterThanOrEqual(0);
    expect(a.proc.signalCode).toBe('SIGKILL');
    expect(b.log.some((l) => l.includes(`shard ${killedShard}/3 done`))).toBe(true);
    expect(toJson(out)).toBe(toJson(single));
    expect(progress.some((l) => /0\/3 shards done .*ETA/.test(l))).toBe(true);
    expect(progress.some((l) => /3\/3 shards done/.test(l))).toBe(true);
  });
});
