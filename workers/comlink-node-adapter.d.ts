// Comlink ships types for its Node adapter as node-adapter.d.ts, but the runnable file is .mjs and
// TypeScript looks for node-adapter.d.mts; point it at the shipped declaration.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
