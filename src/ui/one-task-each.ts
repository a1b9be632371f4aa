/**
 * Runs steps one per main-thread task, in order (each after the previous, in a timer of its own), so
 * drawing a result's charts never makes one long task: the browser lays out and paints between them.
 * Returns a cancel function that drops the steps not yet run (a newer result supersedes them).
 */
export type Schedule = (run: () => void) => () => void;

const nextTask: Schedule = (run) => {
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
};

export function oneTaskEach(steps: ReadonlyArray<() => void>, schedule: Schedule = nextTask): () => void {
  let cancelStep: () => void = () => {};
  let cancelled = false;
  const run = (k: number) => {
    if (cancelled || k >= steps.length) return;
    cancelStep = schedule(() => {
      steps[k]();
      run(k + 1);
    });
  };
  run(0);
  return () => {
    cancelled = true;
    cancelStep();
  };
}
