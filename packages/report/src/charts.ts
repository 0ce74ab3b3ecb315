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

/**
 * Tick values covering [lo, hi] with a step of 1, 2 or 5 × 10^k, about `count` of them (the rule
 * R's `pretty` and d3's `ticks` follow).
 *
 * @example
 * import { niceTicks } from '@ds/report';
 * niceTicks(0, 97, 5); // => [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi))
    throw new ReportError('invalid-type', 'values', `${lo}..${hi}`, 'finite numbers');
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return niceTicks(lo - pad, hi + pad, count);
  }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const start = Math.floor(lo / step + 1e-9) * step;
  const out: number[] = [];
  for (let v = start; v <= hi + step - 1e-9 * step && out.length < 100; v += step) out.push(Number(v.toPrecision(12)));
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

function checkSeries(series: unknown, kind: string): void {
  if (!Array.isArray(series) || series.length === 0)
    throw new ReportError('invalid-type', 'series', series, `a non-empty array of ${kind}`);
}

function frame(
  o: ChartOptions,
  xTicks: { at: number; label: string }[],
  yTicks: number[],
  xRange: [number, number],
  names: string[],
): Frame {
  const width = o.width ?? 480;
  const height = o.height ?? 280;
  if (!(width >= 100 && height >= 80))
    throw new ReportError('out-of-range', 'width', `${width}×${height}`, 'at least 100 × 80 pixels');
  const fmt = o.format ?? defaultFormat;
  const labels = yTicks.map(fmt);
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

function color(o: ChartOptions, i: number): string {
  const c = o.colors?.[i % (o.colors?.length || 1)] ?? PALETTE[i % PALETTE.length];
  if (!/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(c as string))
    throw new ReportError('invalid-type', 'colors', c, 'hex colours such as #0072B2');
  return c as string;
}

function finite(values: number[], name: string): void {
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new ReportError('invalid-type', name, values, 'finite numbers');
}

function yDomain(values: number[], withZero: boolean): number[] {
  const lo = Math.min(...values, ...(withZero ? [0] : []));
  const hi = Math.max(...values, ...(withZero ? [0] : []));
  return niceTicks(lo, hi, 5);
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
  const { x, series } = options ?? ({} as LineChartOptions);
  checkSeries(series, '{ name, values }');
  if (!Array.isArray(x) || x.length < 2) throw new ReportError('invalid-type', 'x', x, 'at least two x values');
  finite(x, 'x');
  for (const s of series) {
    if (!Array.isArray(s.values) || s.values.length !== x.length)
      throw new ReportError('invalid-type', `series ${s.name} values`, s.values?.length, `${x.length} values, one per x`);
    finite(s.values, `series ${s.name} values`);
  }
  const xr: [number, number] = [Math.min(...x), Math.max(...x)];
  const fmt = options.format ?? defaultFormat;
  const xt = niceTicks(xr[0], xr[1], 6).filter((t) => t >= xr[0] - 1e-9 && t <= xr[1] + 1e-9);
  const f = frame(
    options,
    xt.map((t) => ({ at: t, label: fmt(t) })),
    yDomain(
      series.flatMap((s) => s.values),
      false,
    ),
    xr,
    series.map((s) => s.name),
  );
  series.forEach((s, i) => {
    const pts = s.values.map((v, k) => `${r2(f.px(x[k] as number))},${r2(f.py(v))}`).join(' ');
    f.svg.push(
      `<polyline points="${pts}" fill="none" stroke="${color(options, i)}" stroke-width="2"><title>${esc(s.name)}</title></polyline>`,
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
  const { categories, series } = options ?? ({} as BarChartOptions);
  checkSeries(series, '{ name, values }');
  if (!Array.isArray(categories) || categories.length === 0)
    throw new ReportError('invalid-type', 'categories', categories, 'a non-empty array of labels');
  for (const s of series) {
    if (!Array.isArray(s.values) || s.values.length !== categories.length)
      throw new ReportError(
        'invalid-type',
        `series ${s.name} values`,
        s.values?.length,
        `${categories.length} values, one per category`,
      );
    finite(s.values, `series ${s.name} values`);
  }
  const n = categories.length;
  const f = frame(
    options,
    categories.map((c, i) => ({ at: i + 0.5, label: String(c) })),
    yDomain(
      series.flatMap((s) => s.values),
      true,
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
        `<rect class="bar" x="${r2(x)}" y="${r2(Math.min(y0, y1))}" width="${r2(barW)}" height="${r2(Math.abs(y1 - y0))}" fill="${color(options, i)}"/>`,
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
  const { series } = options ?? ({} as ScatterChartOptions);
  checkSeries(series, '{ name, points }');
  for (const s of series) {
    if (!Array.isArray(s.points) || s.points.length === 0)
      throw new ReportError('invalid-type', `series ${s.name} points`, s.points, 'a non-empty array of [x, y]');
    finite(s.points.flat(), `series ${s.name} points`);
  }
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xt = niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const fmt = options.format ?? defaultFormat;
  const f = frame(
    options,
    xt.map((t) => ({ at: t, label: fmt(t) })),
    yDomain(ys, false),
    [xt[0] as number, xt[xt.length - 1] as number],
    series.map((s) => s.name),
  );
  series.forEach((s, i) => {
    for (const [x, y] of s.points)
      f.svg.push(`<circle cx="${r2(f.px(x))}" cy="${r2(f.py(y))}" r="3" fill="${color(options, i)}"/>`);
  });
  f.svg.push('</svg>');
  return f.svg.join('');
}
