/**
 * Makes the brief's PDF in a worker started for the one request and ended after it (a brief is made
 * seldom; a worker kept alive would hold the font for nothing).
 */
import { transfer, wrap } from 'comlink';
import type { BriefDoc } from '../src/snapshot/brief-pdf';
import type { BriefWorkerApi } from './brief.worker';

export async function makeBriefPdf(brief: BriefDoc, map: ImageBitmap | null): Promise<Uint8Array> {
  const worker = new Worker(new URL('./brief.worker.ts', import.meta.url), { type: 'module', name: 'brief' });
  try {
    const api = wrap<BriefWorkerApi>(worker);
    return await api.makeBrief(brief, map ? transfer(map, [map]) : null);
  } finally {
    worker.terminate();
  }
}
