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
export type ColourSchemeName = keyof typeof anchors;

/**
 * The names of the sequential schemes; the others are diverging.
 *
 * @example
 * import { sequentialSchemes } from '@ds/geo';
 * sequentialSchemes.includes('viridis'); // => true
 */
export const sequentialSchemes: readonly ColourSchemeName[] = [
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
 * k colours (`'#rrggbb'`) from a named scheme: sequential (`blues`, `greens`, `reds`, `oranges`,
 * `purples`, `greys`, `ylorrd`, `ylgnbu`, `viridis`) or diverging (`rdbu`, `rdylgn`, `brbg`,
 * `piyg`, `spectral`), evenly spaced along ColorBrewer's 9-class palette (exactly its colours
 * for k = 9, and its ends for any k ≥ 2).
 *
 * @throws {GeoError} for an unknown scheme or k < 1
 *
 * @example
 * import { colourScheme } from '@ds/geo';
 * colourScheme('blues', 3); // => ['#f7fbff', '#6baed6', '#08306b']
 */
export function colourScheme(name: ColourSchemeName, k: number): string[] {
  const stops = anchors[name] as readonly string[] | undefined;
  if (stops === undefined)
    throw new GeoError('invalid-type', 'name', name, `a colour scheme (${Object.keys(anchors).join(', ')})`);
  if (!Number.isInteger(k) || k < 1) throw new GeoError('out-of-range', 'k', k, 'a whole number ≥ 1');
  const rgb = stops.map(parseHex);
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
  /** Colour scheme name (default `'ylorrd'`) or the colours themselves, one per class. */
  colours?: ColourSchemeName | string[];
  /** Formats a break for a label (default: at most 2 decimals, thousands separated). */
  format?: (value: number) => string;
}

/**
 * The legend of a classification: one item per class with its range, label, colour and count.
 * Labels read `min – b₁`, then `b₁ – b₂`, … (classes include their upper break).
 *
 * @example
 * import { classify, legend } from '@ds/geo';
 * const c = classify([1, 2, 3, 4, 10, 20], { scheme: 'equal-interval', k: 2 });
 * legend(c, { title: 'Trees', colours: 'greens' }).items; // => [{ label: '1 – 10.5', colour: '#f7fcf5', count: 5 }, { label: '10.5 – 20', colour: '#00441b', count: 1 }]
 */
export function legend(classification: Classification, options: LegendOptions = {}): Legend {
  const format = options.format ?? ((v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 }));
  const k = classification.breaks.length;
  const spec = options.colours ?? 'ylorrd';
  const colours = Array.isArray(spec) ? spec : colourScheme(spec, k);
  if (colours.length !== k) throw new GeoError('out-of-range', 'colours', colours.length, `one colour per class (${k})`);
  const items = classification.breaks.map((to, i) => {
    const from = i === 0 ? classification.min : (classification.breaks[i - 1] as number);
    return {
      from,
      to,
      label: `${format(from)} – ${format(to)}`,
      colour: colours[i] as string,
      count: classification.counts[i] as number,
    };
  });
  return { title: options.title ?? '', scheme: Array.isArray(spec) ? 'custom' : spec, items };
}
