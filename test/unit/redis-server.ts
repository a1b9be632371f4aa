/**
 * A throw-away Redis for tests: Debian's `redis-server` on a free 127.0.0.1 port, persistence off
 * (`--save '' --appendonly no`), stopped by `stop()`. `.ci/run` installs the package when missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash: with persistence off, a restart on `port` comes back empty. */
  kill(): Promise<void>;
}

export async function startRedis(bin = process.env.REDIS_SERVER ?? 'redis-server', port?: number): Promise<TestRedis> {
  port ??= await freePort();
  // Its own directory: a test that turns appendonly on must not leave files in the checkout.
  const dir = mkdtempSync(join(tmpdir(), 'test-redis-'));
  const proc: ChildProcess = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}: ${out}`)), 10_000);
    proc.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${bin} (apt-get install redis-server): ${e.message}`));
    });
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  const stop = () => end('SIGTERM').then(() => rmSync(dir, { recursive: true, force: true }));
  return { url: `redis://127.0.0.1:${port}`, port, stop, kill: () => end('SIGKILL').then(() => rmSync(dir, { recursive: true, force: true })) };
}
