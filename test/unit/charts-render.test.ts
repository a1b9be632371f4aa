import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import CdfChart from '../../src/charts/CdfChart.svelte';
import DiffHistogram from '../../src/charts/DiffHistogram.svelte';
import FanChart from '../../src/charts/FanChart.svelte';
import TornadoChart from '../../src/charts/TornadoChart.svelte';

const EVIL = '<script>alert(1)</script>';

/** Checks every chart must pass: accessible figure, responsive SVG, no NaN, no raw markup from labels. */
function expectSafeFigure(body: string, caption: string): void {
  expect(body).toMatch(/<figure[^>]*>/);
  expect(body).toContain(`<span class="chart-reading">${caption}</span>`);
  expect(body).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"[^>]*width="100%"[^>]*role="img"[^>]*aria-label="[^"]+"/);
  expect(body).not.toMatch(/NaN|Infinity|undefined/);
  expect(body).not.toContain('<script>');
  expect(body).toContain('&lt;script>alert(1)&lt;/script>');
  expect(body).toMatch(/<table class="key-numbers/);
  // Coordinates are rounded to 0.1 unit: no float noise such as 28.69999999999999 in attributes.
  expect(body).not.toMatch(/="[^"]*\d\.\d{4,}[^"]*"/);
}

/** A table cell with exactly this text (cells carry a scoped class). */
function cell(text: string): RegExp {
  return new RegExp(`<td[^>]*>${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</td>`);
}

describe('CdfChart (SSR)', () => {
  const { body } = render(CdfChart, {
    props: {
      caption: 'Buying gets first power about 4 years sooner',
      horizonMonths: 120,
      targetMonths: 24,
      series: [
        { id: 'buy', label: `Buy ${EVIL}`, points: [[0, 0], [12, 0.5], [24, 0.9], [120, 1]], p10: 5, p50: 12, p90: 24, se50: 0.4, neverShare: 0 },
        { id: 'build', label: 'Build — full MW', points: [[0, 0], [60, 0.5], [120, 0.82]], p10: 30, p50: 60, p90: Infinity, se50: 1.26, neverShare: 0.18 },
      ],
    },
  });
  it('renders the figure, caption and key numbers as text', () => {
    expectSafeFigure(body, 'Buying gets first power about 4 years sooner');
    expect(body).toContain('12.0 ± 0.4 mo');
    expect(body).toContain('60.0 ± 1.3 mo');
    expect(body).toMatch(cell('> 120 mo (horizon)'));
    expect(body).toContain('18%');
    expect(body).toContain('months from today');
    expect(body).toContain('energized, % of simulated worlds');
  });
  it('shows the target probabilities and the beyond-horizon note', () => {
    expect(body).toContain('P(energized by target):');
    expect(body).toContain('Build — full MW: 20%');
    expect(body).toContain('>P90 > horizon</text>');
    expect(body).toContain('Build — full MW: P90 is beyond the 120.0 mo horizon; 18% of simulated worlds are not energized by then.');
  });
  it('offers a keyboard target control only when ontarget is given', () => {
    expect(body).not.toContain('type="range"');
    const withTarget = render(CdfChart, { props: { caption: 'c', series: [], ontarget: () => {} } }).body;
    expect(withTarget).toContain('type="range"');
  });
});

describe('FanChart (SSR)', () => {
  it('renders band, reference band and key numbers', () => {
    const { body } = render(FanChart, {
      props: {
        caption: `Pre-leasing stays inside the reported band ${EVIL}`,
        series: [{ label: 'Pre-leased share', unit: '%', x: [0, 12, 24], p10: [0.7, 0.72, 0.74], p50: [0.78, 0.79, 0.8], p90: [0.85, 0.86, 0.87] }],
        referenceBand: { from: 0.74, to: 0.84, label: 'reported 74–84%' },
        marker: { x: 12, label: 'delivered' },
      },
    });
    expectSafeFigure(body, 'Pre-leasing stays inside the reported band &lt;script>alert(1)&lt;/script>');
    expect(body).toMatch(cell('79.0%'));
    expect(body).toContain('Pre-leased share, delivered');
    expect(body).toContain('reported 74–84%');
    expect(body).toMatch(/<path d="M[^"]+Z"/);
  });
});

describe('DiffHistogram (SSR)', () => {
  it('renders bars, zero line, shares and percentiles', () => {
    const { body } = render(DiffHistogram, {
      props: {
        caption: 'In 78% of simulated worlds buying is at least 24 months faster',
        positiveLabel: `buy sooner ${EVIL}`,
        data: { bins: [{ x0: -12, x1: 0, count: 10 }, { x0: 0, x1: 12, count: 10 }, { x0: 12, x1: 24, count: 20 }, { x0: 24, x1: 36, count: 60 }], se50: 0.5 },
      },
    });
    expectSafeFigure(body, 'In 78% of simulated worlds buying is at least 24 months faster');
    expect(body).toContain('build sooner: 10%');
    expect(body).toMatch(cell('90%'));
    expect(body).toMatch(/\+\d+\.\d ± 0\.5 mo/);
    expect(body).toContain('% of simulated worlds');
    expect((body.match(/<rect /g) ?? []).length).toBeGreaterThanOrEqual(4 + 2); // 4 bars + 2 legend swatches
  });
});

describe('TornadoChart (SSR)', () => {
  it('renders bars sorted by swing with their numbers', () => {
    const { body } = render(TornadoChart, {
      props: {
        caption: 'The queue wait matters most',
        base: 54,
        unit: 'P50 months to power (build)',
        bars: [
          { label: 'Permitting', low: 50, high: 58, lowLabel: '6 mo', highLabel: '24 mo' },
          { label: `Queue wait ${EVIL}`, low: 40, high: 75, lowLabel: '18 mo', highLabel: '60 mo' },
        ],
      },
    });
    expectSafeFigure(body, 'The queue wait matters most');
    expect(body.indexOf('Queue wait')).toBeLessThan(body.indexOf('Permitting'));
    expect(body).toContain('40.0 mo (18 mo)');
    expect(body).toContain('base 54.0 mo');
    expect(body).toContain('P50 months to power (build)');
  });
});
