/**
 * The one-page brief as a PDF (pdf-lib, https://pdf-lib.js.org/): text blocks, a chart drawn as
 * vector paths with its tick labels as text, and the map as an embedded PNG, on one A4 page. Every
 * string is drawn as text in an embedded TrueType font (subset, with a ToUnicode map, so the PDF is
 * searchable and copyable): the standard PDF fonts encode WinAnsi only and cannot write the Cyrillic
 * names of Samara sites. Characters the font lacks become "?", control characters a space, so no
 * name can break the page. No DOM: the page calls this in a worker (workers/brief.worker.ts).
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/** The chart as brief-pdf needs it: a chart geometry's frame, axes and series paths (user units = points). */
export interface BriefChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xAxis: { ticks: Array<{ pos: number; label: string }>; title: string };
  yAxis: { ticks: Array<{ pos: number; label: string }>; title: string };
  series: Array<{ label: string; color: string; dash?: string; path: string }>;
}

/** What the page says; the content model (src/ui/brief-content.ts) builds it. */
export interface BriefDoc {
  title: string;
  subtitle: string;
  curve: BriefChartGeometry | null;
  curveNote: string;
  sections: Array<{ heading: string; lines: string[] }>;
  sources: string[];
  link: string;
  hash: string;
}

export interface BriefAssets {
  /** TrueType bytes of the regular and the bold face */
  regular: Uint8Array;
  bold: Uint8Array;
  /** the map as PNG bytes (null: no map on screen) */
  mapPng: Uint8Array | null;
}

/** A4 portrait, points. */
const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 36;
const INK = rgb(0.07, 0.07, 0.07);
const MUTED = rgb(0.33, 0.33, 0.33);

function hexColor(hex: string) {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return INK;
  const n = parseInt(m[1], 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** Text the font can draw: control characters become spaces, characters it lacks "?". */
function printable(charset: ReadonlySet<number>, text: string): string {
  let out = '';
  for (const ch of text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')) {
    const cp = ch.codePointAt(0) ?? 63;
    out += charset.has(cp) ? ch : '?';
  }
  return out;
}

/** Lines of at most `width` points: breaks between words, and inside a word longer than a line (a link). */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/(?<=\s)/)) {
    if (measure((line + word).trimEnd()) <= width) {
      line += word;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
    let rest = word;
    while (measure(rest.trimEnd()) > width) {
      let n = rest.length;
      while (n > 1 && measure(rest.slice(0, n)) > width) n = Math.max(1, Math.floor(n * 0.9));
      while (n + 1 < rest.length && measure(rest.slice(0, n + 1)) <= width) n++;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length ? lines : [''];
}

interface Pen {
  page: PDFPage;
  regular: PDFFont;
  bold: PDFFont;
  charset: ReadonlySet<number>;
}

function text(pen: Pen, s: string, x: number, y: number, size: number, opts: { bold?: boolean; color?: ReturnType<typeof rgb>; anchor?: 'start' | 'middle' | 'end'; rotate?: boolean } = {}): void {
  const font = opts.bold ? pen.bold : pen.regular;
  const t = printable(pen.charset, s);
  const w = font.widthOfTextAtSize(t, size);
  const dx = opts.anchor === 'middle' ? w / 2 : opts.anchor === 'end' ? w : 0;
  if (opts.rotate) pen.page.drawText(t, { x, y: y - dx, size, font, color: opts.color ?? INK, rotate: degrees(90) });
  else pen.page.drawText(t, { x: x - dx, y, size, font, color: opts.color ?? INK });
}

/** Draws the chart with its top-left corner at (x, top) in page coordinates. */
function drawChart(pen: Pen, g: BriefChartGeometry, x: number, top: number): void {
  const { plot } = g;
  const X = (u: number) => x + u;
  const Y = (v: number) => top - v;
  const line = (x1: number, y1: number, x2: number, y2: number, opacity = 0.6) =>
    pen.page.drawLine({ start: { x: X(x1), y: Y(y1) }, end: { x: X(x2), y: Y(y2) }, thickness: 0.6, color: INK, opacity });
  const size = 8;
  for (const t of g.yAxis.ticks) {
    line(plot.left, t.pos, plot.right, t.pos, 0.12);
    text(pen, t.label, X(plot.left - 4), Y(t.pos) - size * 0.35, size, { anchor: 'end' });
  }
  for (const t of g.xAxis.ticks) {
    line(t.pos, plot.bottom, t.pos, plot.bottom + 3);
    text(pen, t.label, X(t.pos), Y(plot.bottom + 12), size, { anchor: 'middle' });
  }
  line(plot.left, plot.bottom, plot.right, plot.bottom);
  line(plot.left, plot.top, plot.left, plot.bottom);
  text(pen, g.xAxis.title, X((plot.left + plot.right) / 2), Y(plot.bottom + 24), size - 1, { anchor: 'middle', bold: true });
  if (g.yAxis.title) text(pen, g.yAxis.title, X(9), Y((plot.top + plot.bottom) / 2), size - 1, { anchor: 'middle', bold: true, rotate: true });
  for (const s of g.series) {
    if (!s.path) continue;
    const dash = s.dash ? s.dash.split(/[\s,]+/).map(Number).filter((n) => n > 0) : undefined;
    pen.page.drawSvgPath(s.path, { x, y: top, borderColor: hexColor(s.color), borderWidth: 1.6, borderDashArray: dash?.length ? dash : undefined });
  }
}

/** The brief as PDF bytes: one page, whatever the length of its texts (what does not fit is cut with a note). */
export async function briefPdf(brief: BriefDoc, assets: BriefAssets): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(assets.regular, { subset: true });
  const bold = await doc.embedFont(assets.bold, { subset: true });
  const charset = new Set(regular.getCharacterSet());
  doc.setTitle(printable(charset, `Brief: ${brief.title}`));
  doc.setSubject(`Scenario hash ${brief.hash}`);
  doc.setCreator('Power-shell siting simulator');
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const pen: Pen = { page, regular, bold, charset };
  const width = PAGE.width - 2 * MARGIN;
  const measure = (size: number, isBold = false) => (s: string) => (isBold ? bold : regular).widthOfTextAtSize(printable(charset, s), size);

  // The link and the hash first, at the foot: they must be on the page whatever comes above.
  const linkSize = 6.5;
  const linkLines = wrapText(brief.link, width, measure(linkSize));
  // Drawn top-down (the order text is read back in), from a top computed so the hash ends at the margin.
  const linkStep = linkSize + 1.5;
  const bottom = MARGIN + 11 + linkLines.length * linkStep + 26;
  let ly = bottom - 16;
  text(pen, 'Scenario link (opens this scenario in the app):', MARGIN, ly, 8, { bold: true });
  for (const l of linkLines) {
    ly -= linkStep;
    text(pen, l, MARGIN, ly, linkSize, { color: MUTED });
  }
  text(pen, `Scenario hash (SHA-256 of the scenario): ${brief.hash}`, MARGIN, MARGIN, 8, { bold: true });

  let y = PAGE.height - MARGIN - 18;
  for (const l of wrapText(brief.title, width, measure(18, true)).slice(0, 2)) {
    text(pen, l, MARGIN, y, 18, { bold: true });
    y -= 22;
  }
  for (const l of wrapText(brief.subtitle, width, measure(10)).slice(0, 3)) {
    text(pen, l, MARGIN, y, 10, { color: MUTED });
    y -= 13;
  }
  y -= 6;

  // Map (left) and the time-to-power curve (right), side by side.
  const chartW = brief.curve?.width ?? 0;
  const mapW = brief.curve ? width - chartW - 8 : width;
  let rowH = 0;
  if (assets.mapPng) {
    const png = await doc.embedPng(assets.mapPng);
    const h = Math.min(brief.curve ? brief.curve.height : 260, (mapW * png.height) / Math.max(1, png.width));
    const w = (h * png.width) / Math.max(1, png.height);
    page.drawImage(png, { x: MARGIN, y: y - h, width: w, height: h });
    page.drawRectangle({ x: MARGIN, y: y - h, width: w, height: h, borderColor: MUTED, borderWidth: 0.5, opacity: 0 });
    rowH = h;
  }
  if (brief.curve) {
    drawChart(pen, brief.curve, MARGIN + width - chartW, y);
    rowH = Math.max(rowH, brief.curve.height);
  }
  y -= rowH + 4;
  if (brief.curveNote) {
    for (const l of wrapText(brief.curveNote, width, measure(8))) {
      y -= 8;
      text(pen, l, MARGIN, y, 8, { color: MUTED });
      y -= 2;
    }
  }

  // Sections, then the sources, while they fit above the link.
  const blocks = [...brief.sections, { heading: 'Sources and assumptions', lines: brief.sources.length ? brief.sources : ['none'] }];
  let cut = false;
  outer: for (const b of blocks) {
    const size = b.heading.startsWith('Sources') ? 7.5 : 9;
    if (y - 24 < bottom) {
      cut = true;
      break;
    }
    y -= 14;
    text(pen, b.heading, MARGIN, y, 10.5, { bold: true });
    y -= 2;
    for (const raw of b.lines) {
      for (const l of wrapText(raw, width, measure(size))) {
        if (y - size - 2 < bottom) {
          cut = true;
          break outer;
        }
        y -= size + 2.5;
        text(pen, l, MARGIN, y, size);
      }
    }
  }
  if (cut) text(pen, 'More in the app: the page was full.', MARGIN, bottom - 10, 7, { color: MUTED });
  return doc.save();
}
