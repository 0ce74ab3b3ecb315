import { describe, expect, it } from 'vitest';
import { classify, colourScheme, GeoError, legend } from '../src/index.js';
import vectors from './reference/classify.json' with { type: 'json' };
import extra from './reference/classify-extra.json' with { type: 'json' };

describe('classify', () => {
  // Vectors from numpy, made by test/reference/classify.py.
  for (const v of vectors) {
    it(`places the ${v.inputs.scheme} breaks as ${v.source.split(':')[0]} does (${v.id})`, () => {
      const result = classify(v.inputs.values, { scheme: v.inputs.scheme as 'quantiles', k: v.inputs.k });
      expect(result.breaks).toHaveLength(v.expected.breaks.length);
      for (const [i, b] of result.breaks.entries()) expect(b).toBeCloseTo(v.expected.breaks[i] as number, 9);
      expect(Array.from(result.classOf)).toEqual(v.expected.classOf);
    });
  }

  it('puts a value equal to a break in the class the break closes', () => {
    expect(Array.from(classify([0, 5, 10], { scheme: 'equal-interval', k: 2 }).classOf)).toEqual([0, 0, 1]);
  });

  it('refuses a missing value instead of classing it', () => {
    expect(() => classify([1, Number.NaN, 3])).toThrow(GeoError);
    expect(() => classify([1, Number.NaN, 3])).toThrow('values[1] must be a finite number, got NaN');
    expect(() => classify([1, 2], { k: 0 })).toThrow(/k must be a whole number in \[1, 1000\]/);
    expect(() => classify([])).toThrow(/values/);
  });
});

describe('classify: natural breaks and standard deviation', () => {
  // Vectors from numpy, made by test/reference/classify_extra.py.
  for (const v of extra) {
    it(`places the ${v.inputs.scheme} breaks as the reference does (${v.id})`, () => {
      const result = classify(v.inputs.values, { scheme: v.inputs.scheme as 'natural-breaks', k: v.inputs.k });
      expect(result.breaks).toHaveLength(v.expected.breaks.length);
      for (const [i, b] of result.breaks.entries()) expect(b).toBeCloseTo(v.expected.breaks[i] as number, 9);
      expect(Array.from(result.classOf)).toEqual(v.expected.classOf);
      expect(result.counts.reduce((a, b) => a + b, 0)).toBe(v.inputs.values.length);
    });
  }

  it('finds the optimum on large inputs quickly and never does worse than quantiles', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => Math.sin(i) * 100 + (i % 7) * 30);
    const sse = (breaks: number[]) => {
      const groups = breaks.map(() => [] as number[]);
      const c = classify(values, { scheme: 'equal-interval', k: 1 });
      expect(c.k).toBe(1);
      for (const v of values) groups[breaks.findIndex((b) => v <= b)]?.push(v);
      return groups.reduce((s, g) => {
        const m = g.reduce((a, b) => a + b, 0) / (g.length || 1);
        return s + g.reduce((a, b) => a + (b - m) ** 2, 0);
      }, 0);
    };
    const natural = classify(values, { scheme: 'natural-breaks', k: 6 });
    expect(sse(natural.breaks)).toBeLessThanOrEqual(sse(classify(values, { scheme: 'quantiles', k: 6 }).breaks) + 1e-6);
  });

  it('gives fewer classes than asked when there are fewer distinct values', () => {
    expect(classify([1, 1, 2, 2], { scheme: 'natural-breaks', k: 4 }).breaks).toEqual([1, 2]);
  });
});

describe('colourScheme and legend', () => {
  it('keeps ColorBrewer’s colours at k = 9 and its ends for any k', () => {
    expect(colourScheme('blues', 9)[4]).toBe('#6baed6');
    const five = colourScheme('rdbu', 5);
    expect([five[0], five[2], five[4]]).toEqual(['#b2182b', '#f7f7f7', '#2166ac']);
    expect(() => colourScheme('rainbow' as never, 3)).toThrow(GeoError);
  });

  it('labels classes from the minimum through each break, with counts', () => {
    const c = classify([0, 5, 10, 15, 20], { scheme: 'equal-interval', k: 2 });
    const l = legend(c, { title: 'Trees per km²', colours: ['#fff', '#000'], format: (v) => v.toFixed(0) });
    expect(l).toEqual({
      title: 'Trees per km²',
      scheme: 'custom',
      items: [
        { from: 0, to: 10, label: '0 – 10', color: '#fff', colour: '#fff', count: 3 },
        { from: 10, to: 20, label: '10 – 20', color: '#000', colour: '#000', count: 2 },
      ],
    });
    expect(() => legend(c, { colours: ['#fff'] })).toThrow(/one color per class \(2\)/);
  });
});
