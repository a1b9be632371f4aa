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
  image: string;
  securityContext?: Record<string, any>;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  volumeMounts: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
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

  it('runs locked down: non-root, read-only root filesystem, no privilege escalation, no capabilities, default seccomp, CPU-limited, a pinned image', () => {
    const pod = job.spec.template.spec;
    const sc = container.securityContext ?? {};
    // A container's own setting wins over the pod's; each must hold where Kubernetes reads it.
    const effective = (key: string) => (key in sc ? sc[key] : pod.securityContext?.[key]);
    expect(effective('runAsNonRoot')).toBe(true);
    expect(effective('runAsUser')).toBeGreaterThan(0);
    expect(sc.readOnlyRootFilesystem).toBe(true);
    expect(sc.allowPrivilegeEscalation).toBe(false);
    expect(sc.capabilities?.drop).toEqual(['ALL']);
    expect(sc.capabilities?.add ?? []).toEqual([]);
    expect(sc.privileged ?? false).toBe(false);
    expect(effective('seccompProfile')).toEqual({ type: 'RuntimeDefault' });
    expect(container.resources.limits.cpu).toMatch(/^\d+(\.\d+)?$|^\d+m$/);
    expect(container.resources.limits.memory).toBeTruthy();
    // Pinned: a version tag or a digest, never :latest or no tag at all.
    expect(container.image).toMatch(/(:[\w][\w.-]*|@sha256:[0-9a-f]{64})$/);
    expect(container.image).not.toMatch(/:latest$/);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('gives npm and tsx a writable /tmp on the read-only root, and HOME and the npm cache point there', () => {
    const pod = job.spec.template.spec;
    const tmp = container.volumeMounts.find((m) => m.mountPath === '/tmp');
    expect(tmp?.readOnly ?? false).toBe(false);
    expect(pod.volumes.find((v: { name: string }) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
    expect(env.HOME).toBe('/tmp');
    expect(env.NPM_CONFIG_CACHE.startsWith('/tmp/')).toBe(true);
    // Every path the command writes is on a writable mount: the partial goes to /partials.
    const words = render(container, { ...env, JOB_COMPLETION_INDEX: '3' });
    const out = words[words.indexOf('--out') + 1];
    const writable = container.volumeMounts.filter((m) => !m.readOnly).map((m) => m.mountPath);
    expect(writable.some((m) => out.startsWith(`${m}/`))).toBe(true);
  });
});
