// A small SVG line chart for the notebook views: shared x, one line per series, axes with
// "nice" ticks (1, 2, 5 × 10^k, as d3-scale's ticks), a legend, and each point's value in a
// <title>, which browsers show on hover. Null y values break the line (no solution there).

import { escapeHtml } from './display.js';

export interface ChartSeries {
  name: string;
  y: readonly (number | null)[];
}

export interface LineChart {
  title: string;
  x: readonly number[];
  series: readonly ChartSeries[];
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Larger point markers (a boundary at each look). */
  markers?: boolean;
  /** Start the x axis here rather than at the smallest x (0 for information fractions). */
  xMin?: number;
}

// ColorBrewer Dark2, distinguishable and print-safe.
const colours = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'];

/** Ticks at 1, 2 or 5 × 10^k covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (lo === hi) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  // Bounded: the callers' data are finite and at most 1e300 in magnitude, so about `count` ticks.
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9 && ticks.length <= 4 * count; t += step)
    ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function label(v: number): string {
  return Math.abs(v) >= 1e4 ? v.toLocaleString('en-US') : String(Number(v.toPrecision(6)));
}

/** The chart as an SVG string. */
export function lineChartSvg(chart: LineChart): string {
  const width = chart.width ?? 640;
  const height = chart.height ?? 360;
  const m = { top: 36, right: 150, bottom: 48, left: 72 };
  const ys = chart.series.flatMap((s) => s.y.filter((v): v is number => v !== null && Number.isFinite(v)));
  const xs = chart.x;
  const [x0, x1] = [Math.min(chart.xMin ?? Number.POSITIVE_INFINITY, ...xs), Math.max(...xs)];
  let [y0, y1] = ys.length === 0 ? [0, 1] : [Math.min(0, ...ys), Math.max(...ys)];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const xTicks = niceTicks(x0, x1);
  const yTicks = niceTicks(y0, y1);
  y1 = Math.max(y1, yTicks[yTicks.length - 1] as number);
  const px = (x: number) => m.left + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (width - m.left - m.right);
  const py = (y: number) => height - m.bottom - ((y - y0) / (y1 - y0)) * (height - m.top - m.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeHtml(chart.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${m.left}" y="20" font-size="14" font-weight="bold">${escapeHtml(chart.title)}</text>`,
  ];
  for (const t of yTicks) {
    parts.push(
      `<line x1="${m.left}" x2="${width - m.right}" y1="${py(t).toFixed(1)}" y2="${py(t).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${m.left - 6}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end">${label(t)}</text>`,
    );
  }
  for (const t of xTicks) {
    parts.push(
      `<line x1="${px(t).toFixed(1)}" x2="${px(t).toFixed(1)}" y1="${height - m.bottom}" y2="${height - m.bottom + 5}" stroke="#333"/>`,
      `<text x="${px(t).toFixed(1)}" y="${height - m.bottom + 18}" text-anchor="middle">${label(t)}</text>`,
    );
  }
  parts.push(
    `<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}" stroke="#333"/>`,
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${height - m.bottom}" stroke="#333"/>`,
    `<text x="${(m.left + width - m.right) / 2}" y="${height - 10}" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>`,
    `<text transform="translate(16 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((s, i) => {
    const colour = colours[i % colours.length] as string;
    let d = '';
    let pen = false;
    s.y.forEach((y, j) => {
      if (y === null || !Number.isFinite(y)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${px(xs[j] as number).toFixed(1)} ${py(y).toFixed(1)}`;
      pen = true;
    });
    parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    s.y.forEach((y, j) => {
      if (y === null || !Number.isFinite(y)) return;
      const tip = `${s.name}: ${chart.xLabel} ${label(xs[j] as number)}, ${chart.yLabel} ${label(y)}`;
      parts.push(
        `<circle cx="${px(xs[j] as number).toFixed(1)}" cy="${py(y).toFixed(1)}" r="${chart.markers ? 4 : 3}" fill="${colour}"><title>${escapeHtml(tip)}</title></circle>`,
      );
    });
    const ly = m.top + 8 + i * 18;
    parts.push(
      `<line x1="${width - m.right + 12}" x2="${width - m.right + 32}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${width - m.right + 38}" y="${ly + 4}">${escapeHtml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
