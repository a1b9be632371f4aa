/**
 * PNG of the current view for a slide (issue 5 item 4): the map canvas (MapLibre keeps its drawing
 * buffer for this), the visible chart SVGs, a legend and a footer, composed on one canvas. Only
 * pixels already in the page are used, so nothing depends on the network; text is drawn with the
 * canvas API, so no untrusted text is ever parsed as markup.
 */
import { svgToCanvas } from '../charts/svg-to-png';
import { addPngText } from './png-text';

/** One legend line: a coloured dot and its label. */
export interface LegendItem {
  color: string;
  label: string;
}

export interface ViewImage {
  title: string;
  /** the map's WebGL canvas, or null when the map is not shown */
  map: HTMLCanvasElement | null;
  /** chart SVGs in the order they are stacked */
  charts: SVGSVGElement[];
  legend: LegendItem[];
  /** footer lines (scenario name, seed, trials, data date, app version, data attribution) */
  footer: string[];
  /** attribution of the data drawn, also stored in the PNG's "Copyright" text chunk */
  attribution?: string[];
}

const WIDTH = 1600;
const PAD = 24;
const CHART_W = 560;
const FONT = 'system-ui, "Noto Sans", sans-serif';

/**
 * The newest as-of date in the data files ("2026-04"), read from their `asOf` fields: what a slide
 * should say the numbers are as of. (Other `date` fields include the future points of forward
 * paths, which made the footer read "Data as of 2028-01-01".)
 */
export function dataDate(texts: readonly string[]): string {
  let newest = '';
  const re = /"asOf"\s*:\s*"(\d{4}(?:-\d{2}){0,2})"/g;
  for (const t of texts) for (const m of t.matchAll(re)) if (m[1] > newest) newest = m[1];
  return newest || 'unknown';
}

/** Charts shown on the page (display:none or collapsed ones are skipped). */
export function visibleCharts(root: ParentNode): SVGSVGElement[] {
  return Array.from(root.querySelectorAll<SVGSVGElement>('figure.chart svg')).filter((s) => s.getClientRects().length > 0);
}

function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > maxWidth) t = t.slice(0, -1);
  return `${t}…`;
}

/** Composes the view on one canvas. */
export async function composeView(view: ViewImage): Promise<HTMLCanvasElement> {
  const charts = await Promise.all(view.charts.map((svg) => svgToCanvas(svg, 2)));
  const mapW = view.map ? WIDTH - CHART_W - 3 * PAD : 0;
  const mapH = view.map ? Math.round((mapW * view.map.height) / Math.max(1, view.map.width)) : 0;
  const chartW = view.map ? CHART_W : WIDTH - 2 * PAD;
  const chartHs = charts.map((c) => Math.round((chartW * c.height) / Math.max(1, c.width)));
  const chartsH = chartHs.reduce((a, h) => a + h + PAD / 2, 0);
  const titleH = 56;
  const legendH = view.legend.length ? 30 + 24 * Math.ceil(view.legend.length / 3) : 0;
  const footerH = 26 * view.footer.length + PAD;
  const bodyH = Math.max(mapH + legendH, chartsH, 120);
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = titleH + bodyH + footerH + PAD;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#111111';
  ctx.font = `600 26px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(fitText(ctx, view.title, WIDTH - 2 * PAD), PAD, titleH / 2 + 4);

  let y = titleH;
  if (view.map) {
    ctx.drawImage(view.map, PAD, y, mapW, mapH);
    ctx.strokeStyle = '#cccccc';
    ctx.strokeRect(PAD + 0.5, y + 0.5, mapW - 1, mapH - 1);
    let ly = y + mapH + 22;
    ctx.font = `16px ${FONT}`;
    const colW = mapW / 3;
    view.legend.forEach((item, i) => {
      const x = PAD + (i % 3) * colW;
      if (i % 3 === 0 && i > 0) ly += 24;
      ctx.fillStyle = item.color;
      ctx.beginPath();
      ctx.arc(x + 8, ly, 7, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = '#222222';
      ctx.fillText(fitText(ctx, item.label, colW - 28), x + 22, ly);
    });
  }
  let cy = y;
  const cx = view.map ? WIDTH - CHART_W - PAD : PAD;
  charts.forEach((c, i) => {
    ctx.drawImage(c, cx, cy, chartW, chartHs[i]);
    cy += chartHs[i] + PAD / 2;
  });
  if (!charts.length) {
    ctx.fillStyle = '#666666';
    ctx.font = `16px ${FONT}`;
    ctx.fillText('No chart on screen: run a simulation to add its charts.', cx, cy + 20);
  }

  y = titleH + bodyH + PAD;
  ctx.fillStyle = '#dddddd';
  ctx.fillRect(PAD, y - PAD / 2, WIDTH - 2 * PAD, 1);
  ctx.fillStyle = '#333333';
  ctx.font = `15px ${FONT}`;
  for (const line of view.footer) {
    ctx.fillText(fitText(ctx, line, WIDTH - 2 * PAD), PAD, y + 8);
    y += 26;
  }
  return canvas;
}

export async function composeViewPng(view: ViewImage): Promise<Blob> {
  const canvas = await composeView(view);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  if (!view.attribution?.length) return blob;
  // The footer too, as the standard "Description" keyword: what the slide says (seed, trials, curtailment choice) is readable without OCR.
  const png = addPngText(new Uint8Array(await blob.arrayBuffer()), { Copyright: view.attribution.join('; '), Software: 'Power-shell siting simulator', Description: view.footer.join('\n') });
  return new Blob([png as BlobPart], { type: 'image/png' });
}
