/**
 * Browser entry of the brief worker: lays out the one-page PDF off the page's thread (embedding and
 * subsetting the font takes longer than a frame). Thin on purpose: the layout is src/snapshot/brief-pdf.ts.
 * The font files ship with the app (dejavu-fonts-ttf), so the brief is made offline.
 */
import { expose, transfer } from 'comlink';
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { briefPdf, type BriefDoc } from '../src/snapshot/brief-pdf';

async function bytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`the brief's font could not be read (${r.status})`);
  return new Uint8Array(await r.arrayBuffer());
}

/** The map's pixels as PNG bytes, encoded here rather than on the page's thread. */
async function png(map: ImageBitmap): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(map.width, map.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas in the worker');
  ctx.drawImage(map, 0, 0);
  map.close();
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

const api = {
  async makeBrief(brief: BriefDoc, map: ImageBitmap | null): Promise<Uint8Array> {
    const [regular, bold, mapPng] = await Promise.all([bytes(regularUrl), bytes(boldUrl), map ? png(map) : null]);
    const pdf = await briefPdf(brief, { regular, bold, mapPng });
    return transfer(pdf, [pdf.buffer as ArrayBuffer]);
  },
};
export type BriefWorkerApi = typeof api;
expose(api);
