/**
 * PNG export of a chart (browser only; not unit-tested in Node). An <svg> drawn by the page gets its
 * look partly from stylesheets, which a standalone SVG image does not see, so the computed styles are
 * copied inline onto a clone before it is serialised and drawn to a canvas.
 * Canvas drawing of an SVG image: https://developer.mozilla.org/en-US/docs/Web/API/CanvasRenderingContext2D/drawImage
 */

/** Presentation properties that decide how chart SVG looks; copying every computed property bloats the file. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'paint-order',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
  'color',
] as const;

/** A detached clone of `svg` with computed styles inlined and explicit pixel width/height. */
export function inlineStyledClone(svg: SVGSVGElement): SVGSVGElement {
  const view = svg.ownerDocument.defaultView;
  if (!view) throw new Error('the SVG is not in a displayed document');
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const dst = [clone, ...Array.from(clone.querySelectorAll('*'))];
  for (let i = 0; i < src.length && i < dst.length; i++) {
    const cs = view.getComputedStyle(src[i]);
    const style = (dst[i] as SVGElement).style;
    for (const p of STYLE_PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) style.setProperty(p, v);
    }
  }
  const { width, height } = viewBoxSize(svg);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return clone;
}

function viewBoxSize(svg: SVGSVGElement): { width: number; height: number } {
  const vb = svg.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { width: vb.width, height: vb.height };
  const r = svg.getBoundingClientRect();
  return { width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) };
}

/** The chart as a standalone SVG document in a data URL (styles inlined). */
export function svgToDataUrl(svg: SVGSVGElement): string {
  const xml = new XMLSerializer().serializeToString(inlineStyledClone(svg));
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
}

/**
 * Draw the chart onto a new canvas at `scale` × its viewBox size, over an opaque background (PNG
 * viewers show transparency as black or a checkerboard, which hides black text).
 */
export async function svgToCanvas(svg: SVGSVGElement, scale = 2, background = '#ffffff'): Promise<HTMLCanvasElement> {
  const { width, height } = viewBoxSize(svg);
  const doc = svg.ownerDocument;
  const img = new Image();
  img.decoding = 'async';
  img.src = svgToDataUrl(svg);
  await img.decode();
  const canvas = doc.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** The chart as a PNG blob. */
export async function svgToPngBlob(svg: SVGSVGElement, scale = 2, background = '#ffffff'): Promise<Blob> {
  const canvas = await svgToCanvas(svg, scale, background);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** The chart as a PNG data URL. */
export async function svgToPngDataUrl(svg: SVGSVGElement, scale = 2, background = '#ffffff'): Promise<string> {
  return (await svgToCanvas(svg, scale, background)).toDataURL('image/png');
}
