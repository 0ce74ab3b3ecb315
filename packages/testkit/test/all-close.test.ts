import { describe, expect, it } from 'vitest';
import { allClose, assertAllClose, TestkitError } from '../src/index.js';

describe('allClose', () => {
  it("uses numpy's asymmetric test |a − e| ≤ atol + rtol·|e|", () => {
    // numpy.isclose(1, 1.1, rtol=0.095) is True but isclose(1.1, 1, rtol=0.095) is False:
    // the tolerance scales with the second (expected) argument.
    expect(allClose(1, 1.1, { rtol: 0.095 })).toBe(true);
    expect(allClose(1.1, 1, { rtol: 0.095 })).toBe(false);
  });

  it('compares nested arrays and typed arrays element by element', () => {
    expect(
      allClose(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 4 + 1e-9],
        ],
      ),
    ).toBe(true);
    expect(allClose(new Float64Array([1, 2]), [1, 2.1])).toBe(false);
  });

  it('treats NaN as equal to NaN unless equalNaN is false, and infinities only as themselves', () => {
    expect(allClose([Number.NaN], [Number.NaN])).toBe(true);
    expect(allClose([Number.NaN], [Number.NaN], { equalNaN: false })).toBe(false);
    expect(allClose(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(true);
    expect(allClose(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, { atol: 1e300 })).toBe(false);
  });

  it('refuses a negative tolerance and shapes that differ', () => {
    expect(() => allClose(1, 1, { rtol: -1 })).toThrow(TestkitError);
    expect(() => allClose(1, 1, { rtol: -1 })).toThrow('rtol must be a finite number ≥ 0, got -1');
    expect(() => allClose([1, 2], [1, 2, 3])).toThrow('shapes differ: actual has length 2, expected 3');
  });
});

describe('assertAllClose', () => {
  it('reports how many elements differ and the worst errors with their positions', () => {
    let message = '';
    try {
      assertAllClose([1, 2, 3.5, 4], [1, 2.2, 3, 4]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('Mismatched elements: 2 / 4 (50%)');
    expect(message).toContain('Max absolute difference: 0.5 at [2]');
    expect(message).toContain('Max relative difference: 0.16666666666666666 at [2]');
  });

  it('prints the share of mismatches to three significant digits, as numpy does', () => {
    const expected = new Float64Array(1_000_000);
    const actual = expected.slice();
    actual[7] = 1;
    actual[8] = 1;
    actual[9] = 1;
    actual[10] = 1;
    expect(() => assertAllClose(actual, expected)).toThrow('Mismatched elements: 4 / 1000000 (0.0004%)');
    expect(() => assertAllClose([1, 2, 4], [1, 2, 3])).toThrow('Mismatched elements: 1 / 3 (33.3%)');
  });

  it('passes silently when everything is close', () => {
    expect(() => assertAllClose([0.1 + 0.2], [0.3])).not.toThrow();
  });
});
