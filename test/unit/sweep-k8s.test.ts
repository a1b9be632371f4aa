/**
 * k8s/sweep-job.yaml (issue 12): rendered for every completion index as Kubernetes and the shell
 * would run it, its shard arguments cover every index exactly once, and so every trial chunk of
 * a cell exactly once.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CliArgs } from '../../scripts/lib/cli-args';
import { parseShard, shardChunkRange } from '../../src/sim/sweep/shard';
import { chunkCount } from '../../src/sim/in-thread';

const file = fileURLToPath(new URL('../../k8s/sweep-job.yaml', import.meta.url));

interface Container {
  command: string[];
  args: string[];
  env: Array<{ name: string; value: string }>;
}

/** `sh -c` of the manifest with ${VAR} expanded from `env`, split into words (double quotes group). */
function render(c: Container, env: Record<string, string>): string[] {
  expect(c.command).toEqual(['sh', '-c']);
  const script = c.args[0].replace(/\$\{(\w+)\}/g, (_m, v: string) => {
    if (!(v in env)) throw new Error(`the manifest uses \${${v}}, which the pod does not set`);
    return env[v];
  });
  return [...script.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

describe('k8s Indexed Job', () => {
  const job = parse(readFileSync(file, 'utf8'));
  const completions: number = job.spec.completions;
  const container: Container = job.spec.template.spec.containers[0];

  it('is an Indexed Job whose pods each run one shard of the sweep command', () => {
    expect([job.apiVersion, job.kind, job.spec.completionMode]).toEqual(['batch/v1', 'Job', 'Indexed']);
    expect(completions).toBeGreaterThan(1);
    const words = render(container, { JOB_COMPLETION_INDEX: '0', ...Object.fromEntries(container.env.map((e) => [e.name, e.value])) });
    expect(words.slice(0, 5)).toEqual(['exec', 'npm', 'run', '--silent', 'sweep']);
  });

  it('covers every completion index exactly once, and every trial chunk once', () => {
    const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
    const shards = Array.from({ length: completions }, (_, i) => {
      const words = render(container, { ...env, JOB_COMPLETION_INDEX: String(i) });
      const args = new CliArgs(words.slice(words.indexOf('--') + 1));
      const shard = parseShard(args.string('--shard') ?? '');
      expect(shard, `index ${i}: --shard ${args.string('--shard')}`).not.toBeNull();
      return { ...shard!, out: args.string('--out'), spec: args.string('--spec') };
    });
    expect(shards.map((s) => s.count)).toEqual(Array(completions).fill(completions));
    expect(shards.map((s) => s.index).sort((a, b) => a - b)).toEqual(Array.from({ length: completions }, (_, i) => i));
    expect(new Set(shards.map((s) => s.out)).size).toBe(completions);
    for (const trials of [1, 999, 100_000]) {
      const covered = shards.flatMap((s) => {
        const [from, to] = shardChunkRange(trials, s);
        return Array.from({ length: to - from }, (_, k) => from + k);
      });
      expect(covered).toEqual(Array.from({ length: chunkCount(trials) }, (_, k) => k));
    }
  });
});
