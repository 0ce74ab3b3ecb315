import { checkArray, checkNumber, checkOptions, checkString, isPlainObject, optionalFunction, optionalNumber } from './check.js';
import { ReportError } from './errors.js';

/** Options every chart takes. Sizes in CSS pixels (the PDF draws 1 px as 0.75 pt). */
export interface ChartOptions {
  /** Default 480. */
  width?: number;
  /** Default 280. */
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Series colours, in order. Default: a palette readable in print and for common colour blindness (Okabe–Ito). */
  colors?: string[];
  /** Format of the tick labels. Default: up to 4 significant digits with thousands separators (en-US). */
  format?: (value: number) => string;
}

/** A series of y values against shared x values (line) or categories (bar). */
export interface ValueSeries {
  name: string;
  values: number[];
}

/** A series of points. */
export interface PointSeries {
  name: string;
  points: [number, number][];
}

/** Options of `lineChart`. */
export interface LineChartOptions extends ChartOptions {
  x: number[];
  series: ValueSeries[];
}

/** Options of `barChart`. */
export interface BarChartOptions extends ChartOptions {
  categories: string[];
  series: ValueSeries[];
}

/** Options of `scatterChart`. */
export interface ScatterChartOptions extends ChartOptions {
  series: PointSeries[];
}

// Okabe & Ito (2008), "Color Universal Design".
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r2 = (v: number) => Math.round(v * 100) / 100;

/** Most ticks `niceTicks` is asked for: more would not fit an axis. */
const MAX_TICK_COUNT = 50;
/** Narrowest range divided as it is; narrower ones are padded. */
const MIN_SPAN = 1e-290;
/** Longest array a chart draws (points per series, x values, categories). */
const MAX_VALUES = 100_000;
/** Most series in one chart. */
const MAX_SERIES = 100;
/** Longest title, label or series name drawn. */
const MAX_LABEL = 1_000;

/**
 * Tick values covering [lo, hi] with a step of 1, 2 or 5 × 10^k, about `count` of them (the rule
 * R's `pretty` and d3's `ticks` follow). A reversed range (`hi < lo`) gives the same ticks as the
 * range in order; equal ends are padded by 10% (or ±1 around 0).
 *
 * @throws {ReportError} `invalid-type` for an end or count that is not a number; `out-of-range` for
 *   a non-finite end, a count outside [1, 50], or a range too wide for finite ticks (wider than
 *   about 1.7e308) or too narrow to divide (ends closer than 1e-12 of their size)
 *
 * @example
 * import { niceTicks } from '@ds/report';
 * niceTicks(0, 97, 5); // => [0, 20, 40, 60, 80, 100]
 * niceTicks(1, -1, 4); // => [-1, -0.5, 0, 0.5, 1]
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  checkNumber('lo', lo);
  checkNumber('hi', hi);
  const n = optionalNumber('count', count, 5, { min: 1, max: MAX_TICK_COUNT, integer: true });
  let [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
  const size = Math.max(Math.abs(a), Math.abs(b));
  if (b - a <= size * 1e-12 || b - a < MIN_SPAN) {
    // Equal (or, for floating point, indistinguishable) ends: pad them. A span near the smallest
    // doubles (1e-320) is padded to 1e-290, so the step stays a normal number.
    const pad = size === 0 ? 1 : Math.max(size * 0.1, MIN_SPAN);
    [a, b] = [a - pad, b + pad];
  }
  const span = b - a;
  const tooWide = () =>
    new ReportError(
      'out-of-range',
      'hi',
      hi,
      `an end whose ticks stay finite (|lo| and |hi − lo| well under ${Number.MAX_VALUE.toPrecision(2)}; lo is ${lo})`,
    );
  if (!Number.isFinite(span)) throw tooWide();
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-12)) ?? 10 * mag;
  const first = Math.floor(a / step + 1e-9);
  const out: number[] = [];
  // Ticks by index from the first, so no rounding accumulates: at most n / 0.4 + 2 of them.
  for (let i = 0; i < 4 * MAX_TICK_COUNT && out.length <= 2 * MAX_TICK_COUNT + 2; i++) {
    const v = Number(((first + i) * step).toPrecision(12));
    if (!Number.isFinite(v)) throw tooWide();
    if (out.length > 0 && v <= (out[out.length - 1] as number)) continue;
    out.push(v);
    if (v >= b - 1e-9 * step) break;
  }
  return out;
}

const fourDigits = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const defaultFormat = (v: number) => fourDigits.format(v);

interface Frame {
  svg: string[];
  px: (x: number) => number;
  py: (y: number) => number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The checked fields every chart shares. */
interface Checked {
  width: number;
  height: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  colors?: string[];
  format: (value: number) => string;
}

const HEX = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/;

/** Checks the options every chart takes: sizes in range, labels strings, colours hex, `format` a function. */
function checkChart(o: Record<string, unknown>): Checked {
  const width = optionalNumber('width', o.width, 480, { min: 100, max: 20_000 });
  const height = optionalNumber('height', o.height, 280, { min: 80, max: 20_000 });
  const out: Checked = { width, height, format: defaultFormat };
  for (const key of ['title', 'xLabel', 'yLabel'] as const) {
    if (o[key] !== undefined) out[key] = checkString(key, o[key], true, MAX_LABEL);
  }
  if (o.colors !== undefined) {
    const colors = checkArray('colors', o.colors, MAX_SERIES);
    if (colors.length === 0) throw new ReportError('out-of-range', 'colors', colors, 'at least one hex colour such as #0072B2');
    colors.forEach((c, i) => {
      if (typeof c !== 'string' || !HEX.test(c))
        throw new ReportError(
          typeof c === 'string' ? 'out-of-range' : 'invalid-type',
          `colors[${i}]`,
          c,
          'a hex colour such as #0072B2',
        );
    });
    out.colors = colors as string[];
  }
  const format = optionalFunction<(value: number) => unknown>('format', o.format);
  if (format) {
    out.format = (v: number) => {
      const text = format(v);
      if (typeof text !== 'string')
        throw new ReportError('invalid-type', 'format', text, 'a function returning a string (what it returned for a tick)');
      return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL)}…` : text;
    };
  }
  return out;
}

/** A non-empty array of plain objects with a string `name`, at most MAX_SERIES of them. */
function checkSeries(value: unknown, kind: string): Record<string, unknown>[] {
  const series = checkArray('series', value, MAX_SERIES);
  if (series.length === 0) throw new ReportError('out-of-range', 'series', series, `a non-empty array of ${kind}`);
  series.forEach((s, i) => {
    if (!isPlainObject(s)) throw new ReportError('invalid-type', `series[${i}]`, s, kind);
    checkString(`series[${i}].name`, s.name, true, MAX_LABEL);
  });
  return series as Record<string, unknown>[];
}

/** An array of finite numbers, `length` long when given. */
function finiteArray(argument: string, value: unknown, length?: number, what = 'finite numbers'): number[] {
  const values = checkArray(argument, value, MAX_VALUES);
  if (length !== undefined && values.length !== length)
    throw new ReportError('length-mismatch', argument, values, `${length} ${what}`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // The element's name is built only for the error.
    if (typeof v !== 'number' || !Number.isFinite(v)) checkNumber(`${argument}[${i}]`, v);
  }
  return values as number[];
}

function frame(
  o: Checked,
  xTicks: { at: number; label: string }[],
  yTicks: number[],
  xRange: [number, number],
  names: string[],
): Frame {
  const { width, height } = o;
  const labels = yTicks.map(o.format);
  const longest = Math.max(...labels.map((l) => l.length));
  const left = 12 + longest * 6.5 + (o.yLabel ? 16 : 0);
  const legendRows = names.length > 1 ? 1 : 0;
  const top = 10 + (o.title ? 20 : 0) + legendRows * 18;
  const bottom = height - 26 - (o.xLabel ? 16 : 0);
  const right = width - 12;
  const [y0, y1] = [yTicks[0] as number, yTicks[yTicks.length - 1] as number];
  const px = (x: number) => left + ((x - xRange[0]) / (xRange[1] - xRange[0] || 1)) * (right - left);
  const py = (y: number) => bottom - ((y - y0) / (y1 - y0 || 1)) * (bottom - top);
  const svg: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="11">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (o.title)
    svg.push(
      `<text x="${r2(width / 2)}" y="18" text-anchor="middle" font-size="13" font-weight="bold" fill="#000000">${esc(o.title)}</text>`,
    );
  svg.push('<g class="y-axis">');
  yTicks.forEach((t, i) => {
    const y = r2(py(t));
    svg.push(`<line x1="${r2(left)}" y1="${y}" x2="${r2(right)}" y2="${y}" stroke="#dddddd" stroke-width="1"/>`);
    svg.push(`<text x="${r2(left - 5)}" y="${r2(y + 4)}" text-anchor="end" fill="#333333">${esc(labels[i] as string)}</text>`);
  });
  svg.push('</g>', '<g class="x-axis">');
  svg.push(`<line x1="${r2(left)}" y1="${r2(bottom)}" x2="${r2(right)}" y2="${r2(bottom)}" stroke="#333333" stroke-width="1"/>`);
  for (const t of xTicks) {
    const x = r2(px(t.at));
    svg.push(`<line x1="${x}" y1="${r2(bottom)}" x2="${x}" y2="${r2(bottom + 4)}" stroke="#333333" stroke-width="1"/>`);
    svg.push(`<text x="${x}" y="${r2(bottom + 16)}" text-anchor="middle" fill="#333333">${esc(t.label)}</text>`);
  }
  svg.push('</g>');
  if (o.xLabel)
    svg.push(`<text x="${r2((left + right) / 2)}" y="${height - 6}" text-anchor="middle" fill="#000000">${esc(o.xLabel)}</text>`);
  if (o.yLabel)
    svg.push(
      `<text x="12" y="${r2((top + bottom) / 2)}" text-anchor="middle" transform="rotate(-90 12 ${r2((top + bottom) / 2)})" fill="#000000">${esc(o.yLabel)}</text>`,
    );
  if (names.length > 1) {
    svg.push('<g class="legend">');
    let x = left;
    const y = 10 + (o.title ? 20 : 0) + 8;
    names.forEach((name, i) => {
      svg.push(`<rect x="${r2(x)}" y="${y - 8}" width="10" height="10" fill="${color(o, i)}"/>`);
      svg.push(`<text x="${r2(x + 14)}" y="${y + 1}" fill="#000000">${esc(name)}</text>`);
      x += 24 + name.length * 6.5;
    });
    svg.push('</g>');
  }
  return { svg, px, py, left, right, top, bottom };
}

function color(o: Checked, i: number): string {
  return (o.colors ? o.colors[i % o.colors.length] : PALETTE[i % PALETTE.length]) as string;
}

/** Smallest and largest of finite numbers, without spreading them into arguments (100,000 may be too many). */
function extent(values: number[], withZero = false): [number, number] {
  let lo = withZero ? 0 : Number.POSITIVE_INFINITY;
  let hi = withZero ? 0 : Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** The y ticks; a range too wide for finite ticks names the values. */
function yDomain(values: number[], withZero: boolean, argument: string): number[] {
  const [lo, hi] = extent(values, withZero);
  return ticksFor(argument, lo, hi, 5);
}

/** `niceTicks` for data: a range it cannot divide is the data's fault, named as such. */
function ticksFor(argument: string, lo: number, hi: number, count: number): number[] {
  try {
    return niceTicks(lo, hi, count);
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    throw new ReportError('out-of-range', argument, [lo, hi], `values spanning a finite range (${error.expected})`, undefined, {
      cause: error,
    });
  }
}

/**
 * A line chart of one or more series against shared x values, as an SVG string (axes, ticks,
 * labels, a legend for several series). Put it in a template with `{{ chart | safe }}`: the same
 * SVG shows in the HTML and is drawn as vector graphics in the PDF.
 *
 * @example
 * import { lineChart } from '@ds/report';
 * const svg = lineChart({ x: [0, 1, 2], series: [{ name: '$100 at 5%', values: [100, 105, 110.25] }] });
 * svg.startsWith('<svg'); // => true
 * svg.includes('<polyline'); // => true
 */
export function lineChart(options: LineChartOptions): string {
  const o = checkOptions<LineChartOptions>('options', options, true);
  const checked = checkChart(o);
  const x = finiteArray('x', o.x);
  if (x.length < 2) throw new ReportError('out-of-range', 'x', x, 'at least two x values');
  const series = checkSeries(o.series, '{ name, values }') as unknown as ValueSeries[];
  series.forEach((s, i) => {
    finiteArray(`series[${i}].values`, s.values, x.length, 'values, one per x');
  });
  const xr = extent(x);
  const fmt = checked.format;
  const xt = ticksFor('x', xr[0], xr[1], 6).filter(
    (t) => t >= xr[0] - 1e-9 * (xr[1] - xr[0]) && t <= xr[1] + 1e-9 * (xr[1] - xr[0]),
  );
  const f = frame(
    checked,
    xt.map((t) => ({ at: t, label: fmt(t) })),
    yDomain(
      series.flatMap((s) => s.values),
      false,
      'series',
    ),
    xr,
    series.map((s) => s.name),
  );
  series.forEach((s, i) => {
    const pts = s.values.map((v, k) => `${r2(f.px(x[k] as number))},${r2(f.py(v))}`).join(' ');
    f.svg.push(
      `<polyline points="${pts}" fill="none" stroke="${color(checked, i)}" stroke-width="2"><title>${esc(s.name)}</title></polyline>`,
    );
  });
  f.svg.push('</svg>');
  return f.svg.join('');
}

/**
 * A grouped bar chart: one bar per series in each category, from zero.
 *
 * @example
 * import { barChart } from '@ds/report';
 * const svg = barChart({ categories: ['1%', '5%'], series: [{ name: 'after 30 years', values: [134.78, 432.19] }] });
 * svg.match(/<rect class="bar"/g).length; // => 2
 */
export function barChart(options: BarChartOptions): string {
  const o = checkOptions<BarChartOptions>('options', options, true);
  const checked = checkChart(o);
  const categories = checkArray('categories', o.categories, MAX_VALUES);
  if (categories.length === 0) throw new ReportError('out-of-range', 'categories', categories, 'a non-empty array of labels');
  categories.forEach((c, i) => {
    if (typeof c === 'number') checkNumber(`categories[${i}]`, c);
    else checkString(`categories[${i}]`, c, true, MAX_LABEL);
  });
  const series = checkSeries(o.series, '{ name, values }') as unknown as ValueSeries[];
  series.forEach((s, i) => {
    finiteArray(`series[${i}].values`, s.values, categories.length, 'values, one per category');
  });
  const n = categories.length;
  const f = frame(
    checked,
    categories.map((c, i) => ({ at: i + 0.5, label: String(c) })),
    yDomain(
      series.flatMap((s) => s.values),
      true,
      'series',
    ),
    [0, n],
    series.map((s) => s.name),
  );
  const band = (f.right - f.left) / n;
  const barW = (band * 0.8) / series.length;
  series.forEach((s, i) => {
    s.values.forEach((v, k) => {
      const x = f.left + k * band + band * 0.1 + i * barW;
      const y0 = f.py(0);
      const y1 = f.py(v);
      f.svg.push(
        `<rect class="bar" x="${r2(x)}" y="${r2(Math.min(y0, y1))}" width="${r2(barW)}" height="${r2(Math.abs(y1 - y0))}" fill="${color(checked, i)}"/>`,
      );
    });
  });
  f.svg.push('</svg>');
  return f.svg.join('');
}

/**
 * A scatter chart of one or more series of points.
 *
 * @example
 * import { scatterChart } from '@ds/report';
 * const svg = scatterChart({ series: [{ name: 'a', points: [[1, 2], [2, 3]] }, { name: 'b', points: [[1, 1]] }] });
 * svg.match(/<circle/g).length; // => 3
 */
export function scatterChart(options: ScatterChartOptions): string {
  const o = checkOptions<ScatterChartOptions>('options', options, true);
  const checked = checkChart(o);
  const series = checkSeries(o.series, '{ name, points }') as unknown as PointSeries[];
  const xs: number[] = [];
  const ys: number[] = [];
  series.forEach((s, i) => {
    const points = checkArray(`series[${i}].points`, s.points, MAX_VALUES);
    if (points.length === 0) throw new ReportError('out-of-range', `series[${i}].points`, points, 'a non-empty array of [x, y]');
    points.forEach((p, k) => {
      const [x, y] = finiteArray(`series[${i}].points[${k}]`, p, 2, 'numbers, [x, y]');
      xs.push(x as number);
      ys.push(y as number);
    });
  });
  const [x0, x1] = extent(xs);
  const xt = ticksFor('series', x0, x1, 6);
  const fmt = checked.format;
  const f = frame(
    checked,
    xt.map((t) => ({ at: t, label: fmt(t) })),
    yDomain(ys, false, 'series'),
    [xt[0] as number, xt[xt.length - 1] as number],
    series.map((s) => s.name),
  );
  series.forEach((s, i) => {
    for (const [x, y] of s.points)
      f.svg.push(`<circle cx="${r2(f.px(x))}" cy="${r2(f.py(y))}" r="3" fill="${color(checked, i)}"/>`);
  });
  f.svg.push('</svg>');
  return f.svg.join('');
}
