// Sample-size results as charts in Jupyter: a curve of n or power, and the boundaries of a
// group-sequential design.

import type { Curve } from '../curves.js';
import { SampleSizeError } from '../errors.js';
import { lineChartSvg } from './chart.js';
import { type Display, display, textTable } from './display.js';

/** Options of the chart views: size in pixels and a title. */
export interface ChartViewOptions {
  title?: string;
  /** Default 640. */
  width?: number;
  /** Default 360. */
  height?: number;
}

const axisName: Record<string, string> = {
  p1: 'baseline p1',
  difference: 'difference p2 − p1',
  n1: 'n per group',
  power: 'power',
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
  );
}

function typeOf(value: unknown): string {
  return value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'string'
        ? `'${value}' (a string)`
        : typeof value;
}

function checkOptions(options: unknown): ChartViewOptions {
  if (options === undefined) return {};
  if (!isPlainObject(options)) throw new SampleSizeError('invalid-type', 'options', typeOf(options), 'a plain object');
  for (const key of ['width', 'height'] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 100 || v > 4000)) {
      throw new SampleSizeError(
        'out-of-range',
        key,
        typeof v === 'string' ? `'${v}' (a string)` : v,
        'a number of pixels in [100, 4000]',
      );
    }
  }
  if (options.title !== undefined && typeof options.title !== 'string') {
    throw new SampleSizeError('invalid-type', 'title', typeOf(options.title), 'a string');
  }
  return options as ChartViewOptions;
}

function numbers(argument: string, value: unknown, nullable: boolean): (number | null)[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new SampleSizeError('invalid-type', argument, typeOf(value), 'a non-empty array of numbers');
  value.forEach((v, i) => {
    if (!(typeof v === 'number' && Number.isFinite(v)) && !(nullable && v === null)) {
      throw new SampleSizeError(
        'invalid-type',
        `${argument}[${i}]`,
        typeOf(v) === 'number' ? v : typeOf(v),
        nullable ? 'a finite number or null' : 'a finite number',
      );
    }
    // A chart's axis adds ticks beyond its data; past 1e300 that overflows to Infinity.
    if (typeof v === 'number' && Math.abs(v) > 1e300)
      throw new SampleSizeError(
        'out-of-range',
        `${argument}[${i}]`,
        v,
        'a number of magnitude at most 1e300 (a chart axis must fit)',
      );
  });
  return value as (number | null)[];
}

/**
 * Shows a curve from `sampleSizeCurve` or `powerCurve` as a line chart (SVG, a point's values on
 * hover), with its numbers as a text table for `text/plain`. In Jupyter (Deno's kernel or tslab) the call shows it; it returns the `Display`, whose `bundle` holds what was sent.
 *
 * @throws {SampleSizeError} `invalid-type` when `curve` is not a curve, `out-of-range` for a size outside [100, 4000]
 *
 * @example
 * import { sampleSizeCurve } from '@ds/sample-size';
 * import { showCurve } from '@ds/sample-size/notebook';
 * const curve = sampleSizeCurve({ vary: 'difference', values: [0.02, 0.05, 0.1], p1: 0.5, powers: [0.5, 0.8] });
 * const shown = showCurve(curve);
 * Object.keys(shown.bundle); // => ['image/svg+xml', 'text/plain']
 * shown.bundle['text/plain'].split('\n')[0]; // => 'difference p2 − p1  α 0.05, power 50%  α 0.05, power 80%'
 */
export function showCurve(curve: Curve, options?: ChartViewOptions): Display {
  if (!isPlainObject(curve))
    throw new SampleSizeError('invalid-type', 'curve', typeOf(curve), 'a result of sampleSizeCurve or powerCurve');
  const { title, width, height } = checkOptions(options);
  const x = numbers('curve.values', curve.values, false) as number[];
  if (!Array.isArray(curve.series) || curve.series.length === 0) {
    throw new SampleSizeError('invalid-type', 'curve.series', typeOf(curve.series), 'a non-empty array of series');
  }
  const series = curve.series.map((s, i) => {
    const y = numbers(`curve.series[${i}].y`, s?.y, true);
    if (y.length !== x.length)
      throw new SampleSizeError('conflict', `curve.series[${i}].y`, y.length, `${x.length} values, one per x`);
    const level = (field: 'alpha' | 'power', value: unknown, nullable: boolean): number | null => {
      if (nullable && value === null) return null;
      if (typeof value !== 'number' || !(value > 0 && value < 1))
        throw new SampleSizeError(
          typeof value === 'number' ? 'out-of-range' : 'invalid-type',
          `curve.series[${i}].${field}`,
          typeof value === 'number' ? value : typeOf(value),
          nullable ? 'a probability in (0, 1) or null' : 'a probability in (0, 1)',
        );
      return value;
    };
    const alpha = level('alpha', s.alpha, false);
    const power = level('power', s.power, true);
    return { name: power === null ? `α ${alpha}` : `α ${alpha}, power ${Math.round(power * 100)}%`, y };
  });
  const axis = (argument: string, name: unknown): string => {
    if (typeof name !== 'string' || name.length === 0 || name.length > 200)
      throw new SampleSizeError(
        'invalid-type',
        argument,
        typeOf(name),
        'the name of what the axis shows (a string, as sampleSizeCurve gives)',
      );
    // Own keys only: 'constructor' or '__proto__' is a name to print, not a lookup into Object.prototype.
    return Object.hasOwn(axisName, name) ? (axisName[name] as string) : name;
  };
  const xLabel = axis('curve.x', curve.x);
  const yLabel = axis('curve.y', curve.y);
  const heading = title ?? `${yLabel} by ${xLabel}`;
  const svg = lineChartSvg({ title: heading, x, series, xLabel, yLabel, width, height });
  const text = textTable(
    [xLabel, ...series.map((s) => s.name)],
    x.map((v, j) => [v, ...series.map((s) => s.y[j])]),
  );
  return display(
    { 'image/svg+xml': svg, 'text/plain': text },
    `chart: ${heading} (${series.length} series × ${x.length} points)`,
  );
}

/** The parts of a group-sequential design the boundary chart needs (`groupSequentialDesign`'s result). */
export interface BoundaryDesign {
  /** Information fraction at each look, ending at 1. */
  informationRates: readonly number[];
  /** Efficacy boundary (z) at each look. */
  criticalValues: readonly number[];
  /** Cumulative alpha spent at each look. */
  alphaSpent?: readonly number[];
  /** Futility z bound at looks 1 … K − 1 (none at the last look), or null. */
  futilityBounds?: readonly number[] | null;
  /** `'two-sided'` draws the lower boundary −z too. */
  alternative?: string;
  /** The design's name, for the title. */
  design?: string;
}

/**
 * Shows a group-sequential design's efficacy boundaries (z at each look against the information
 * fraction) as a chart (SVG), and its table (look, information, z, cumulative alpha) as text.
 *
 * @throws {SampleSizeError} `invalid-type` when `design` lacks `informationRates`/`criticalValues`, `conflict` when their lengths differ
 *
 * @example
 * import { groupSequentialDesign } from '@ds/sample-size';
 * import { showBoundaries } from '@ds/sample-size/notebook';
 * const lanDeMets = showBoundaries(groupSequentialDesign({ looks: 3, design: 'lan-demets-obrien-fleming' }));
 * lanDeMets.bundle['text/plain'].split('\n').length; // => 4
 * // rpact: getDesignGroupSequential(kMax = 3, typeOfDesign = "OF", alpha = 0.025)
 * const of3 = { informationRates: [1 / 3, 2 / 3, 1], criticalValues: [3.4710, 2.4544, 2.0040], alphaSpent: [0.0003, 0.0072, 0.025], design: 'obrien-fleming' };
 * const shown = showBoundaries(of3);
 * Object.keys(shown.bundle); // => ['image/svg+xml', 'text/plain']
 * shown.bundle['text/plain'].split('\n')[1]; // => '1     0.333333     3.471   0.0003'
 */
export function showBoundaries(design: BoundaryDesign, options?: ChartViewOptions): Display {
  if (!isPlainObject(design))
    throw new SampleSizeError('invalid-type', 'design', typeOf(design), 'a result of groupSequentialDesign');
  const { title, width, height } = checkOptions(options);
  const rates = numbers('design.informationRates', design.informationRates, false) as number[];
  const z = numbers('design.criticalValues', design.criticalValues, false) as number[];
  if (z.length !== rates.length)
    throw new SampleSizeError('conflict', 'design.criticalValues', z.length, `${rates.length} values, one per look`);
  const spent =
    design.alphaSpent === undefined ? undefined : (numbers('design.alphaSpent', design.alphaSpent, false) as number[]);
  const twoSided = design.alternative === 'two-sided';
  const series: { name: string; y: (number | null)[] }[] = [{ name: 'efficacy', y: z }];
  if (twoSided) series.push({ name: 'efficacy (lower)', y: z.map((v) => -v) });
  const futility =
    design.futilityBounds === undefined || design.futilityBounds === null
      ? undefined
      : numbers('design.futilityBounds', design.futilityBounds, false);
  if (futility !== undefined) {
    if (futility.length !== rates.length - 1) {
      throw new SampleSizeError(
        'conflict',
        'design.futilityBounds',
        futility.length,
        `${rates.length - 1} values, one per look before the last`,
      );
    }
    series.push({ name: 'futility', y: [...futility, null] });
  }
  const heading = title ?? `Boundaries${typeof design.design === 'string' ? `: ${design.design}` : ''}, ${rates.length} looks`;
  const svg = lineChartSvg({
    title: heading,
    x: rates,
    series,
    xLabel: 'information fraction',
    yLabel: 'z',
    width,
    height,
    markers: true,
    xMin: 0,
  });
  const columns = ['look', 'information', 'z', ...(futility ? ['futility z'] : []), ...(spent ? ['alpha spent'] : [])];
  const text = textTable(
    columns,
    rates.map((r, i) => [i + 1, r, z[i], ...(futility ? [futility[i] ?? null] : []), ...(spent ? [spent[i]] : [])]),
  );
  return display({ 'image/svg+xml': svg, 'text/plain': text }, `chart: ${heading}`);
}
