import '@ds/testkit/vitest';
import { TestkitError } from '@ds/testkit';
import { describe, expect, it } from 'vitest';

describe('toBeAllClose', () => {
  it('passes within rtol and atol, and fails with the assertAllClose report', () => {
    expect([1, 2, 3]).toBeAllClose([1, 2, 3 + 1e-9]);
    expect(new Float64Array([100, 200])).toBeAllClose([101, 199], { rtol: 0.01 });
    expect(() => expect([1, 2]).toBeAllClose([1, 2.5])).toThrow(
      /Mismatched elements: 1 \/ 2 \(50%\)\nMax absolute difference: 0\.5 at \[1\]/,
    );
  });

  it('supports .not', () => {
    expect([1, 2]).not.toBeAllClose([1, 2.5]);
    expect(() => expect([1, 2]).not.toBeAllClose([1, 2])).toThrow('expected [1,2] not to be close to [1,2]');
  });

  it('throws a TestkitError, not a failed assertion, for a bad tolerance or shapes that differ', () => {
    expect(() => expect([1]).toBeAllClose([1], { rtol: -1 })).toThrow(TestkitError);
    expect(() => expect([1, 2]).not.toBeAllClose([1])).toThrow(TestkitError);
  });
});

describe('toEqualRecords', () => {
  const expected = [
    { name: 'Mark', score: 0.3 },
    { name: 'Ada', score: 1.5 },
  ];

  it('compares rows as pandas does, with a diff of the rows that differ', () => {
    expect([
      { name: 'Mark', score: 0.1 + 0.2 },
      { name: 'Ada', score: 1.5 },
    ]).toEqualRecords(expected);
    expect(() =>
      expect([
        { name: 'Mark', score: 0.3 },
        { name: 'Ada', score: 1.6 },
      ]).toEqualRecords(expected),
    ).toThrow('records differ:\nrow 1, column "score": actual 1.6, expected 1.5');
  });

  it('takes ignoreRowOrder and a tolerance per column', () => {
    expect([...expected].reverse()).toEqualRecords(expected, { ignoreRowOrder: true });
    expect([
      { name: 'Mark', score: 0.31 },
      { name: 'Ada', score: 1.5 },
    ]).toEqualRecords(expected, { tolerance: { score: { rtol: 0.05 } } });
    expect([...expected].reverse()).not.toEqualRecords(expected);
  });
});

describe('toEqualGeometry', () => {
  it('ignores the start and orientation of a ring, not its vertices', () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const reversed = { type: 'Polygon', coordinates: [[...(square.coordinates[0] as number[][])].reverse()] };
    expect(reversed).toEqualGeometry(square);
    expect(() => expect({ type: 'Point', coordinates: [0, 1] }).toEqualGeometry({ type: 'Point', coordinates: [0, 2] })).toThrow(
      'geometries differ at coordinates: [0,1], expected [0,2]',
    );
  });
});
