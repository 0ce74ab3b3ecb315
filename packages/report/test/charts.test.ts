import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/html.js';
import { barChart, lineChart, niceTicks, ReportError, scatterChart } from '../src/index.js';

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten and covers the range', () => {
    expect(niceTicks(0, 97, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.13, 0.91, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3, 3, 6)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(niceTicks(5, 5)[0]).toBeLessThan(5);
  });
});

describe('charts', () => {
  const series = [
    { name: '$100', values: [100, 105, 110.25] },
    { name: '$500', values: [500, 525, 551.25] },
  ];

  it('draws a line per series, axes with tick labels, and a legend for several series', () => {
    const svg = lineChart({ x: [0, 1, 2], series, title: 'Growth', xLabel: 'Year', yLabel: 'Balance' });
    const tree = parseHtml(svg);
    expect(tree.warnings).toEqual([]);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('>Growth</text>');
    expect(svg).toContain('>$100</text>');
    expect(svg).toContain('>Year</text>');
    expect(svg).toContain('>600</text>');
  });

  it('escapes labels', () => {
    const svg = barChart({
      categories: ['<b>'],
      series: [
        { name: 'a&b', values: [1] },
        { name: 'c', values: [2] },
      ],
    });
    expect(svg).toContain('&lt;b&gt;');
    expect(svg).toContain('a&amp;b');
    expect(svg).not.toContain('<b>');
  });

  it('starts bars at zero, including negative values', () => {
    const svg = barChart({ categories: ['a', 'b'], series: [{ name: 's', values: [-2, 4] }] });
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(svg).toContain('>0</text>');
  });

  it('plots every point of a scatter chart', () => {
    const svg = scatterChart({
      series: [
        {
          name: 'a',
          points: [
            [1, 2],
            [3, 4],
            [5, 1],
          ],
        },
      ],
    });
    expect(svg.match(/<circle/g)).toHaveLength(3);
  });

  it('rejects mismatched or non-finite data with a typed error', () => {
    expect(() => lineChart({ x: [0, 1], series: [{ name: 's', values: [1] }] })).toThrow(ReportError);
    expect(() => lineChart({ x: [0, 1], series: [{ name: 's', values: [1, Number.NaN] }] })).toThrow(
      /series\[0\]\.values\[1\] must be a finite number, got NaN/,
    );
    expect(() => barChart({ categories: [], series: [] })).toThrow(ReportError);
  });
});
