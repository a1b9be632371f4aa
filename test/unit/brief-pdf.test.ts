/**
 * The brief's PDF, parsed back: one A4 page; its text is text (pdf.js extracts it) in the embedded
 * font, Cyrillic and markup-looking names included; a link far longer than a line is wrapped and
 * complete; the map PNG is an embedded image; whatever does not fit is cut, the link and hash never.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { briefPdf, wrapText, type BriefDoc } from '../../src/snapshot/brief-pdf';
import { readPdf } from '../pdf-read';

const font = (f: string) => new Uint8Array(readFileSync(`node_modules/dejavu-fonts-ttf/ttf/${f}`));
const assets = { regular: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf') };
// A 2×1 PNG (red, blue), written out by hand so the test needs no image library.
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAK/wH/pN6P9AAAAABJRU5ErkJggg==', 'base64'));
const NAME = 'Жигулёвская <script>alert(1)</script> 東';
const LINK = `http://localhost:4173/#s=1.${'AbCdEfGh0123456789_-'.repeat(60)}`;
const HASH = '0123456789abcdef'.repeat(4);

function brief(over: Partial<BriefDoc> = {}): BriefDoc {
  return {
    title: `Brief for ${NAME}`,
    subtitle: `Sites: ${NAME} · made 4 Dec 2026`,
    curve: {
      width: 280,
      height: 190,
      plot: { left: 40, top: 10, right: 270, bottom: 150 },
      xAxis: { ticks: [{ pos: 60, label: '2027' }, { pos: 160, label: '2030' }], title: 'date (month 0 = 2026-06)' },
      yAxis: { ticks: [{ pos: 150, label: '0%' }, { pos: 10, label: '100%' }], title: 'energized, %' },
      series: [{ label: NAME, color: '#0072b2', path: 'M40,150L100,120L200,40L270,12', dash: '6 3' }],
    },
    curveNote: 'Months count from 2026-06.',
    sections: [{ heading: 'Time to power (grid queue)', lines: ['P50 38.2 mo (Aug 2029)'] }],
    sources: ['Sites: x. Source: y'],
    link: LINK,
    hash: HASH,
    ...over,
  };
}

describe('brief PDF', () => {
  it('is one page whose text (Cyrillic, markup, the wrapped link, the hash) reads back as text, with the map as an image', async () => {
    const { pages, items: lines, text: all, images } = await readPdf(await briefPdf(brief(), { ...assets, mapPng: PNG }));
    expect(pages).toBe(1);
    // The Han character is not in the font: it becomes "?", the rest stays as typed.
    expect(all).toContain('Brief for Жигулёвская <script>alert(1)</script> ?');
    expect(all).toContain('P50 38.2 mo (Aug 2029)');
    expect(lines).toContain('2027');
    expect(all).toContain(LINK);
    expect(all).toContain(HASH);
    expect(images).toHaveLength(1);
  });

  it('stays one page when the texts are far too long, cutting sections but never the link or hash', async () => {
    const many = Array.from({ length: 200 }, (_, i) => `Changed parameter ${i}: value ${i} MW. Source: your edit`);
    const { pages, text: all } = await readPdf(await briefPdf(brief({ sources: many }), { ...assets, mapPng: null }));
    expect(pages).toBe(1);
    expect(all).toContain('More in the app: the page was full.');
    expect(all).toContain(LINK);
    expect(all).toContain(HASH);
    expect(all).not.toContain('Changed parameter 199');
  });

  it('wraps between words, and inside a word longer than the line', () => {
    const measure = (s: string) => s.length;
    expect(wrapText('aa bb cc', 5, measure)).toEqual(['aa bb', 'cc']);
    expect(wrapText('x abcdefghijkl', 5, measure)).toEqual(['x', 'abcde', 'fghij', 'kl']);
  });
});
