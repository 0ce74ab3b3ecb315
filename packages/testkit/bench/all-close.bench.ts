import { allClose } from '@ds/testkit';
import { bench, describe } from 'vitest';

// The target: allClose on 10^7 doubles within 3× a plain loop over two Float64Arrays.
const n = 10_000_000;
const expected = new Float64Array(n);
const actual = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const e = Math.sin(i) * 1e3;
  expected[i] = e;
  actual[i] = e * (1 + 1e-9);
}

function plainLoop(a: Float64Array, e: Float64Array, rtol: number, atol: number): boolean {
  for (let i = 0; i < e.length; i++) {
    if (!(Math.abs((a[i] as number) - (e[i] as number)) <= atol + rtol * Math.abs(e[i] as number))) return false;
  }
  return true;
}

describe('10^7 doubles, all close', () => {
  bench('plain loop over two Float64Arrays', () => {
    if (!plainLoop(actual, expected, 1e-7, 0)) throw new Error('not close');
  });
  bench('allClose', () => {
    if (!allClose(actual, expected, { rtol: 1e-7 })) throw new Error('not close');
  });
});
