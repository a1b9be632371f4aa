/**
 * The first chunk of a run handed out in parts (pool option `splitFirstChunk`), so the first numbers
 * come after a fraction of a chunk's time: with a preview slice of P trials (fewer than the chunk),
 * trials [start, start + P) are split across the workers first and previewed as soon as they are in,
 * then the rest of the chunk is split the same way. Parts are folded in trial order as they arrive;
 * once all are in, the chunk joins the ordered merge like any other. For models whose partials are
 * integer counts and trial-ordered rows (the queue model) the folded chunk is the same, bit for bit,
 * as one call over the whole chunk, so the final summary does not depend on the split.
 */
import type { AnyRunner, RunSettings } from '../src/sim/contract';

/** Part ranges of the first chunk [start, end) and how many of the leading parts form the preview slice. */
export interface FirstChunkPlan {
  ranges: Array<[number, number]>;
  /** the first `previewParts` ranges cover [start, start + previewTrials) exactly; 0 = no preview slice */
  previewParts: number;
}

/** [a, b) in at most `parts` near-equal contiguous ranges, in trial order. */
function evenRanges(a: number, b: number, parts: number): Array<[number, number]> {
  const k = Math.max(1, Math.min(parts, b - a));
  return Array.from({ length: k }, (_, i) => [a + Math.floor((i * (b - a)) / k), a + Math.floor(((i + 1) * (b - a)) / k)] as [number, number]);
}

/**
 * How the first chunk [start, end) is split over `workers`: a preview slice of `previewTrials` when
 * that is fewer than the chunk's trials (its parts first, then the rest's), else equal parts.
 */
export function planFirstChunk(start: number, end: number, workers: number, previewTrials: number): FirstChunkPlan {
  const slice = previewTrials > 0 && start + previewTrials < end ? previewTrials : 0;
  if (!slice) return { ranges: evenRanges(start, end, workers), previewParts: 0 };
  const head = evenRanges(start, start + slice, workers);
  return { ranges: [...head, ...evenRanges(start + slice, end, workers)], previewParts: head.length };
}

/** The parts of a split first chunk: which to hand out next, and their in-order fold. */
export class FirstChunkSplit {
  readonly ranges: Array<[number, number]>;
  readonly previewParts: number;
  /** the next part to hand out (ranges.length once all went out) */
  next = 0;
  private readonly parts: unknown[];
  private folded = 0;
  private acc: unknown = undefined;

  constructor(
    private readonly runner: AnyRunner,
    private readonly request: RunSettings,
    plan: FirstChunkPlan,
  ) {
    this.ranges = plan.ranges;
    this.previewParts = plan.previewParts;
    this.parts = new Array<unknown>(plan.ranges.length);
  }

  /** Whether every part has been handed out. */
  get handedOut(): boolean {
    return this.next === this.ranges.length;
  }

  /**
   * Part `index` arrived. Returns the preview summary when this completes the preview slice (once),
   * and the whole chunk's partial when this was the last part missing.
   */
  add(index: number, part: unknown): { preview?: { summary: unknown; trials: number }; whole?: unknown } {
    if (index < 0 || index >= this.parts.length || this.parts[index] !== undefined || index < this.folded) throw new Error(`part ${index} of the first chunk arrived twice or does not exist`);
    this.parts[index] = part;
    const out: { preview?: { summary: unknown; trials: number }; whole?: unknown } = {};
    while (this.folded < this.parts.length && this.parts[this.folded] !== undefined) {
      const p = this.parts[this.folded];
      this.parts[this.folded] = null; // folded: let it go
      this.acc = this.folded === 0 ? p : this.runner.merge(this.acc, p);
      this.folded++;
      if (this.folded === this.previewParts) {
        // A copy: the fold goes on in place, and a summary may keep references into what it was given.
        const trials = this.ranges[this.previewParts - 1][1];
        out.preview = { summary: this.runner.summarize({ ...this.request, trials }, structuredClone(this.acc)), trials };
      }
    }
    if (this.folded === this.parts.length) out.whole = this.acc;
    return out;
  }
}
