import { seededRandom, TestkitError } from '@ds/testkit';
import { describe, expect, it } from 'vitest';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const sa = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(sa);
    expect(seededRandom('run-1')()).toBe(seededRandom('run-1')());
    expect(seededRandom('run-1').seed).not.toBe(seededRandom('run-2').seed);
  });

  it('draws uniform doubles in [0, 1): mean, variance and a chi-square over 10 bins', () => {
    const random = seededRandom(2026);
    const n = 100_000;
    const bins = new Array(10).fill(0);
    let sum = 0;
    let sumSq = 0;
    // Values outside [0, 1), counted and checked once: an expect() per draw made this test take
    // 10 s on a loaded machine.
    const outside: number[] = [];
    for (let i = 0; i < n; i++) {
      const u = random();
      if (!(u >= 0 && u < 1)) outside.push(u);
      sum += u;
      sumSq += u * u;
      bins[Math.floor(u * 10)]++;
    }
    expect(outside).toEqual([]);
    const mean = sum / n;
    // Uniform(0, 1): mean 1/2 (sd of the mean 0.289/√n ≈ 0.0009), variance 1/12.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
    const chi2 = bins.reduce((s, o) => s + (o - n / 10) ** 2 / (n / 10), 0);
    // 9 degrees of freedom: the 0.999 quantile is 27.88.
    expect(chi2).toBeLessThan(27.88);
  });

  it('draws integers in the closed range, normals with the mean and sd asked, and shuffles a copy', () => {
    const random = seededRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(random.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const xs = Array.from({ length: 50_000 }, () => random.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    expect(Math.abs(mean - 10)).toBeLessThan(0.05);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
    const items = [1, 2, 3, 4, 5];
    const shuffled = random.shuffle(items);
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect([...shuffled].sort()).toEqual(items);
  });

  it('refuses a seed that is not a finite number or a string, and an empty integer range', () => {
    expect(() => seededRandom(Number.NaN)).toThrow(TestkitError);
    expect(() => seededRandom(Number.NaN)).toThrow('seed must be a finite number or a string, got NaN');
    expect(() => seededRandom(1).int(5, 1)).toThrow('max must be an integer ≥ min (5), got 1');
  });
});
