import { checkNumber, checkOneOf, checkOptions, optionalFunction } from './check.js';
import type { Classification } from './classify.js';
import { GeoError } from './errors.js';

/*
 * Colour schemes: ColorBrewer's 9-class palettes (Cynthia Brewer, colorbrewer2.org) and viridis
 * (matplotlib) sampled at 9 points. A scheme of k colours interpolates these in sRGB.
 */
const anchors = {
  blues: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
  greens: ['#f7fcf5', '#e5f5e0', '#c7e9c0', '#a1d99b', '#74c476', '#41ab5d', '#238b45', '#006d2c', '#00441b'],
  reds: ['#fff5f0', '#fee0d2', '#fcbba1', '#fc9272', '#fb6a4a', '#ef3b2c', '#cb181d', '#a50f15', '#67000d'],
  oranges: ['#fff5eb', '#fee6ce', '#fdd0a2', '#fdae6b', '#fd8d3c', '#f16913', '#d94801', '#a63603', '#7f2704'],
  purples: ['#fcfbfd', '#efedf5', '#dadaeb', '#bcbddc', '#9e9ac8', '#807dba', '#6a51a3', '#54278f', '#3f007d'],
  greys: ['#ffffff', '#f0f0f0', '#d9d9d9', '#bdbdbd', '#969696', '#737373', '#525252', '#252525', '#000000'],
  ylorrd: ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#bd0026', '#800026'],
  ylgnbu: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'],
  viridis: ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'],
  rdbu: ['#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#f7f7f7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'],
  rdylgn: ['#d73027', '#f46d43', '#fdae61', '#fee08b', '#ffffbf', '#d9ef8b', '#a6d96a', '#66bd63', '#1a9850'],
  brbg: ['#8c510a', '#bf812d', '#dfc27d', '#f6e8c3', '#f5f5f5', '#c7eae5', '#80cdc1', '#35978f', '#01665e'],
  piyg: ['#c51b7d', '#de77ae', '#f1b6da', '#fde0ef', '#f7f7f7', '#e6f5d0', '#b8e186', '#7fbc41', '#4d9221'],
  spectral: ['#d53e4f', '#f46d43', '#fdae61', '#fee08b', '#ffffbf', '#e6f598', '#abdda4', '#66c2a5', '#3288bd'],
} as const;

/** Sequential schemes (light to dark) and diverging ones (two hues through a light centre). */
export type ColorSchemeName = keyof typeof anchors;
/** @deprecated use {@link ColorSchemeName} (the `color` spelling). */
export type ColourSchemeName = ColorSchemeName;

export const schemeNames = Object.keys(anchors) as ColorSchemeName[];

/**
 * Most colours a scheme gives: a class per colour, and no map or legend is read past a few dozen
 * classes, so a larger k is a mistake (and `k: 2e7` would build an array of 20 million strings).
 */
export const MAX_SCHEME_COLORS = 1000;

/**
 * The names of the sequential schemes; the others are diverging.
 *
 * @example
 * import { sequentialSchemes } from '@ds/geo';
 * sequentialSchemes.includes('viridis'); // => true
 */
export const sequentialSchemes: readonly ColorSchemeName[] = [
  'blues',
  'greens',
  'reds',
  'oranges',
  'purples',
  'greys',
  'ylorrd',
  'ylgnbu',
  'viridis',
];

/**
 * k colors (`'#rrggbb'`) from a named scheme: sequential (`blues`, `greens`, `reds`, `oranges`,
 * `purples`, `greys`, `ylorrd`, `ylgnbu`, `viridis`) or diverging (`rdbu`, `rdylgn`, `brbg`,
 * `piyg`, `spectral`), evenly spaced along ColorBrewer's 9-class palette (exactly its colors
 * for k = 9, and its ends for any k ≥ 2).
 *
 * @throws {GeoError} for an unknown scheme (`out-of-range`; a name that is not a string is
 *   `invalid-type`), or k that is not a whole number in [1, 1000] (`MAX_SCHEME_COLORS`)
 *
 * @example
 * import { colorScheme } from '@ds/geo';
 * colorScheme('blues', 3); // => ['#f7fbff', '#6baed6', '#08306b']
 */
export function colorScheme(name: ColorSchemeName, k: number): string[] {
  // Own keys only: 'constructor' or '__proto__' must not find Object.prototype's members.
  const scheme = checkOneOf('name', name, schemeNames);
  checkNumber('k', k, { min: 1, max: MAX_SCHEME_COLORS, integer: true });
  const rgb = anchors[scheme].map(parseHex);
  const out: string[] = [];
  for (let i = 0; i < k; i++) {
    const t = k === 1 ? 0.5 : (i / (k - 1)) * (rgb.length - 1);
    const at = k === 1 ? (rgb.length - 1) / 2 : t;
    const lo = Math.floor(at);
    const hi = Math.min(lo + 1, rgb.length - 1);
    const f = at - lo;
    const a = rgb[lo] as number[];
    const b = rgb[hi] as number[];
    out.push(toHex(a.map((v, c) => v + f * ((b[c] as number) - v))));
  }
  return out;
}

/**
 * The former name of {@link colorScheme}, kept as a deprecated alias.
 *
 * @deprecated use `colorScheme` (the `color` spelling every @ds package uses).
 * @example
 * import { colourScheme } from '@ds/geo';
 * colourScheme('blues', 2); // => ['#f7fbff', '#08306b']
 */
export const colourScheme: typeof colorScheme = (name, k) => colorScheme(name, k);

function parseHex(hex: string): number[] {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
}

function toHex(rgb: number[]): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** One class of a legend. */
export interface LegendItem {
  /** Lower edge (the minimum for the first class; exclusive for the others). */
  from: number;
  /** Upper edge, inclusive. */
  to: number;
  label: string;
  color: string;
  /** @deprecated the same as `color`, kept for code written before the `color` spelling. */
  colour: string;
  /** How many values fall in the class. */
  count: number;
}

/** A legend as data, for `leafletMap`, `svgMap` or any renderer. */
export interface Legend {
  title: string;
  scheme: string;
  items: LegendItem[];
}

/** Options of {@link legend}. */
export interface LegendOptions {
  title?: string;
  /** Color scheme name (default `'ylorrd'`) or the colors themselves, one per class. */
  colors?: ColorSchemeName | string[];
  /** @deprecated the former name of `colors`. */
  colours?: ColorSchemeName | string[];
  /** Formats a break for a label (default: at most 2 decimals, thousands separated). */
  format?: (value: number) => string;
}

/**
 * The legend of a classification: one item per class with its range, label, color and count.
 * Labels read `min – b₁`, then `b₁ – b₂`, … (classes include their upper break).
 *
 * @throws {GeoError} for a classification that is not one (`classify`'s result), options that
 *   are not an object, a scheme or color list that does not fit the classes, or a `format` that is
 *   not a function or does not return a string
 *
 * @example
 * import { classify, legend } from '@ds/geo';
 * const c = classify([1, 2, 3, 4, 10, 20], { scheme: 'equal-interval', k: 2 });
 * legend(c, { title: 'Trees', colors: 'greens' }).items; // => [{ label: '1 – 10.5', color: '#f7fcf5', count: 5 }, { label: '10.5 – 20', color: '#00441b', count: 1 }]
 */
export function legend(classification: Classification, options: LegendOptions = {}): Legend {
  const c = checkClassification(classification);
  const o = checkOptions<LegendOptions>('options', options);
  const custom = optionalFunction<(value: number) => unknown>('options.format', o.format);
  const format = (v: number): string => {
    if (custom === undefined) return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
    let text: unknown;
    try {
      text = custom(v);
    } catch (error) {
      throw new GeoError('invalid-type', 'options.format', custom, 'a function that returns a label (it threw)', undefined, {
        cause: error,
      });
    }
    if (typeof text !== 'string') throw new GeoError('invalid-type', 'options.format', text, 'a function that returns a string');
    return text;
  };
  const title = o.title ?? '';
  if (typeof title !== 'string') throw new GeoError('invalid-type', 'options.title', title, 'a string');
  const k = c.breaks.length;
  const field = o.colors !== undefined ? 'options.colors' : 'options.colours';
  const spec: unknown = o.colors ?? o.colours ?? 'ylorrd';
  let colors: string[];
  if (Array.isArray(spec)) {
    spec.forEach((color, i) => {
      if (typeof color !== 'string') throw new GeoError('invalid-type', `${field}[${i}]`, color, 'a CSS color string');
    });
    colors = spec as string[];
  } else {
    if (!(schemeNames as unknown[]).includes(spec)) {
      throw new GeoError(
        typeof spec === 'string' ? 'out-of-range' : 'invalid-type',
        field,
        spec,
        `a color scheme (${schemeNames.join(', ')}) or an array of colors`,
      );
    }
    colors = colorScheme(spec as ColorSchemeName, k);
  }
  if (colors.length !== k) throw new GeoError('out-of-range', field, colors.length, `one color per class (${k})`);
  const items = c.breaks.map((to, i) => {
    const from = i === 0 ? c.min : (c.breaks[i - 1] as number);
    const color = colors[i] as string;
    return { from, to, label: `${format(from)} – ${format(to)}`, color, colour: color, count: c.counts[i] as number };
  });
  return { title, scheme: Array.isArray(spec) ? 'custom' : (spec as string), items };
}

/** The parts of a classification a legend reads, checked: finite, ascending breaks with counts. */
function checkClassification(value: unknown): Classification {
  const c = checkOptions<Classification>('classification', value, true) as Classification;
  const breaks: unknown = c.breaks;
  const counts: unknown = c.counts;
  if (!Array.isArray(breaks) || breaks.length === 0 || breaks.length > MAX_SCHEME_COLORS) {
    throw new GeoError('invalid-type', 'classification.breaks', breaks, `an array of 1 to ${MAX_SCHEME_COLORS} breaks`);
  }
  for (const [i, b] of breaks.entries()) checkNumber(`classification.breaks[${i}]`, b);
  if (!Array.isArray(counts) || counts.length !== breaks.length) {
    throw new GeoError('invalid-type', 'classification.counts', counts, `an array of ${breaks.length} counts`);
  }
  for (const [i, n] of counts.entries()) checkNumber(`classification.counts[${i}]`, n, { min: 0, integer: true });
  checkNumber('classification.min', c.min);
  return c;
}
