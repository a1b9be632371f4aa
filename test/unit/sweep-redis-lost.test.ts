/**
 * A sweep on BullMQ never waits forever: when Redis restarts without its data mid-sweep, the
 * producer enqueues the vanished shard jobs again from its own plan and the rows come out
 * bit-identical to one process; when nothing listens at --redis, the CLI exits with code 3 and one
 * line within --timeout, without stack traces.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../scripts/lib/json-out';
import { persistenceWarning, redisClient, runSweepOnRedis } from '../../scripts/lib/sweep-bullmq';
import { planFromSpec } from '../../scripts/lib/sweep-plan';
import { runInThread } from '../../src/sim/in-thread';
import { runSweep } from '../../src/sim/sweep/run';
import { startRedis, type TestRedis } from './redis-server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SPEC = { sites: ['intelion-samara', 'bitdeer-tydal'], presets: ['site'], trials: 1000, seed: 11, byMonths: 24 };
const plan = planFromSpec(SPEC, root, 'spec');

describe('a Redis restarted without its data mid-sweep', () => {
  let redis: TestRedis;
  let worker: ChildProcess | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await redis?.stop();
  });

  it('re-enqueues the vanished shard jobs and merges rows bit-identical to one process', async () => {
    const single = await runSweep(plan, async (req) => runInThread('queue', req));
    worker = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts', '--redis', redis.url, '--lock-ms', '2000'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    const workerLog: string[] = [];
    let restarted: Promise<void> | null = null;
    const ready = new Promise<void>((resolve) => {
      worker!.stderr?.on('data', (d: Buffer) => {
        for (const line of d.toString().split('\n').filter(Boolean)) {
          workerLog.push(line);
          if (line.includes('sweep worker ready')) resolve();
          // The first finished shard: Redis dies and comes back empty (persistence off).
          if (/shard \d+\/3 done/.test(line) && !restarted) restarted = redis.kill().then(async () => void (redis = await startRedis(undefined, redis.port)));
        }
      });
    });
    await ready;
    const progress: string[] = [];
    const out = await runSweepOnRedis(plan, { url: redis.url, shards: 3, root, log: (l) => progress.push(l), pollMs: 200, timeoutMs: 30_000 });
    expect(restarted).not.toBeNull();
    expect(progress.some((l) => /vanished from Redis .*enqueued again/.test(l))).toBe(true);
    expect(progress[0]).toMatch(/append-only persistence off \(appendonly no\)/);
    expect(toJson(out)).toBe(toJson(single));
  }, 120_000);

  it('reads the persistence setting: no warning with appendonly yes', async () => {
    const client = redisClient(redis.url);
    try {
      expect(await persistenceWarning(client, redis.url, 5000)).toMatch(/appendonly no/);
      await client.config('SET', 'appendonly', 'yes');
      expect(await persistenceWarning(client, redis.url, 5000)).toBeNull();
      await client.config('SET', 'appendonly', 'no');
    } finally {
      client.disconnect();
    }
  });
});

describe('nothing listens at --redis', () => {
  it('the sweep CLI exits with code 3 and one line within --timeout, and so does merge --redis', async () => {
    const dead = await startRedis();
    await dead.stop(); // a port nothing listens on any more
    const dir = mkdtempSync(join(tmpdir(), 'sweep-lost-'));
    const spec = join(dir, 'sweep.json');
    writeFileSync(spec, JSON.stringify(SPEC));
    const started = Date.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sweep.ts', '--spec', spec, '--redis', dead.url, '--shards', '2', '--timeout', '2', '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^error: Redis at ${dead.url} did not answer within 2 s .*ECONNREFUSED`))]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    console.log(`sweep against a dead Redis ended after ${Date.now() - started} ms (--timeout 2, tsx start-up included)`);

    const m = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/merge.ts', '--redis', dead.url, '--sweep', 'x', '--timeout', '2'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect([m.status, m.stderr.trim().split('\n').length]).toEqual([3, 1]);
  }, 120_000);
});
