/**
 * The few host functions the pure core may use, declared here because `lib: ["ES2022"]` (src/sim/
 * tsconfig.json) has no DOM or Node types: each exists alike in browsers, workers and Node ≥ 17.
 * Anything else from a host (window, document, self, process, performance, fetch) fails the check.
 * Only read by src/sim/tsconfig.json; the app's tsconfig has the full DOM types.
 */
declare function structuredClone<T>(value: T): T;
declare function setTimeout(handler: () => void, ms?: number): unknown;

/** The part of AbortSignal the core reads (a cancelled run's signal). */
interface AbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
