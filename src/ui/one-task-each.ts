/**
 * Runs steps one per main-thread task, in order (each after the previous, in a timer of its own), so
 * drawing a result's charts never makes one long task: the browser lays out and paints between them.
 * Returns a cancel function that drops the steps not yet run (a newer result supersedes them).
 */
export type Schedule = (run: () => void) => () => void;

/**
 * The longest a step waits for a frame (ms) in a visible page. A busy machine (a worker parsing on
 * the other core, SwiftShader drawing the map) spaces frames past 100 ms; a shorter wait let the
 * steps run without a frame between them and one layout took them all.
 */
const FRAMELESS_MS = 1000;

/**
 * In a task of its own after the next frame, so the browser lays out and paints what the previous
 * step changed before this one adds more. Timers of 0 ms alone let two or three steps run before one
 * frame, which then laid out all their DOM at once: traced while a 100,000-row queue file was shown,
 * that frame's layout was the page's one task over 50 ms.
 */
const afterNextFrame: Schedule = (run) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame = 0;
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    clearTimeout(fallback);
    if (frame) cancelAnimationFrame(frame);
    timer = setTimeout(run, 0);
  };
  const fallback = setTimeout(go, FRAMELESS_MS);
  // A hidden tab draws no frames (nothing is on screen to lay out): the step runs in the next task.
  if (typeof document !== 'undefined' && document.hidden) go();
  else if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(() => ((frame = 0), go()));
  return () => {
    clearTimeout(fallback);
    if (timer !== undefined) clearTimeout(timer);
    if (frame) cancelAnimationFrame(frame);
  };
};

export function oneTaskEach(steps: ReadonlyArray<() => void>, schedule: Schedule = afterNextFrame): () => void {
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
