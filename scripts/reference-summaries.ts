/**
 * `npm run --silent refs:write [-- --workers W] [--check] [--trials N]`: runs every queue preset's default request
 * (20,000 trials, fewer for the US-wide queue: referenceTrials; the app's default seed) and every backtest row through the worker pool,
 * and writes test/fixtures/queue-reference.json, the reference test/unit/queue-equivalence.test.ts
 * compares a changed engine with (scripts/lib/queue-reference.ts says what is kept and why).
 *
 * With --check it writes nothing: it runs the equivalence test's fresh runs (freshTrials, another seed) and prints the before/after table, so a change can be judged
 * before the references are replaced. Regenerate only after the distributions were judged equal
 * or the change was meant; the commit that does so shows the before/after table.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { BACKTEST_SEED } from '../src/sim/run-defaults';
import { createNodePool } from '../workers/node-pool';
import { CliArgs, CliError, workersFlag } from './lib/cli-args';
import {
  FRESH_SEED,
  REFERENCE_FILE,
  REFERENCE_SEED,
  freshTrials,
  referenceTrials,
  comparePresets,
  formatComparison,
  loadPresetDocs,
  lostBacktestRows,
  readReferenceFile,
  runBacktestTable,
  runPresetReference,
  type QueueReferenceFile,
} from './lib/queue-reference';

async function main(): Promise<void> {
  const args = new CliArgs(process.argv.slice(2));
  const check = args.bool('--check');
  const workers = args.has('--workers') ? workersFlag(args) : undefined;
  // Fewer trials only to try the script out: the references are meant at referenceTrials().
  const trialsFlag = args.number('--trials', { min: 250, max: 100_000, whole: true });
  args.rejectUnknown();
  const root = new URL('..', import.meta.url);
  const docs = loadPresetDocs(root);
  const pool = createNodePool(workers);
  const t0 = performance.now();
  try {
    const presets = [];
    for (const doc of Object.values(docs)) {
      const t = performance.now();
      const trials = trialsFlag ?? (check ? freshTrials(doc.id) : referenceTrials(doc.id));
      presets.push(await runPresetReference(pool, doc, trials, check ? FRESH_SEED : REFERENCE_SEED));
      process.stderr.write(`${doc.id}: ${trials.toLocaleString('en-US')} trials in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
    const rows = await runBacktestTable(pool, root, docs);
    process.stderr.write(`total ${((performance.now() - t0) / 1000).toFixed(1)} s on ${pool.size} workers, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
    if (check) {
      const ref = readReferenceFile();
      const cmp = comparePresets(ref.presets, presets);
      const lost = lostBacktestRows(ref.backtest.rows, rows);
      process.stdout.write(`${formatComparison(cmp, lost)}\n`);
      process.exitCode = cmp.every((c) => c.ok) && lost.length === 0 ? 0 : 1;
      return;
    }
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const file: QueueReferenceFile = { regenerate: 'npm run --silent refs:write', engineCommit: commit, presets, backtest: { seed: BACKTEST_SEED, rows } };
    // Compact: arrays of numbers on one line each, so a regeneration's diff reads preset by preset.
    const text = JSON.stringify(file, null, 1).replace(/\[\s+([-\d.e,\s]+?)\s+\]/g, (_, inner: string) => `[${inner.replace(/\s+/g, '')}]`);
    writeFileSync(REFERENCE_FILE, `${text}\n`);
    process.stderr.write(`wrote ${REFERENCE_FILE.pathname}\n`);
  } finally {
    pool.destroy();
  }
}

main().catch((e) => {
  if (e instanceof CliError) {
    console.error(`refs:write: ${e.message}`);
    process.exit(2);
  }
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
