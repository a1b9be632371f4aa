/**
 * Colours: the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies
 * (Okabe & Ito 2008, "Color Universal Design", https://jfly.uni-koeln.de/color/). Buy is always blue
 * and build always vermillion, in every chart.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

export const BUY_COLOR = OKABE_ITO.blue;
export const BUILD_COLOR = OKABE_ITO.vermillion;
/** Reference bands and guides: neutral grey that sits behind the data. */
export const REFERENCE_COLOR = '#999999';
export const AXIS_COLOR = '#555555';

// Yellow is left out: it is illegible as a thin line on white.
const SERIES_ORDER = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
];

/** Default colour of the i-th series when the caller gives none. */
export function seriesColor(i: number): string {
  return SERIES_ORDER[((i % SERIES_ORDER.length) + SERIES_ORDER.length) % SERIES_ORDER.length];
}

/** Only plain hex / named colours pass: a colour string goes into an attribute, so nothing else may. */
export function safeColor(c: string | undefined, fallback: string): string {
  return typeof c === 'string' && /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/.test(c) ? c : fallback;
}

/** A stroke-dasharray made only of numbers, or undefined. */
export function safeDash(d: string | undefined): string | undefined {
  return typeof d === 'string' && /^\d+(\.\d+)?([ ,]+\d+(\.\d+)?)*$/.test(d.trim()) ? d.trim() : undefined;
}
