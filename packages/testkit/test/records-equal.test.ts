import { recordsEqual, TestkitError } from '@ds/testkit';
import { describe, expect, it } from 'vitest';

const people = [
  { name: 'Mark', age: 41, active: true },
  { name: 'Ada', age: 36, active: false },
  { name: 'Grace', age: 85, active: null },
];

describe('recordsEqual', () => {
  it('names the columns missing or extra, and a different row count', () => {
    const r = recordsEqual(
      people.slice(0, 2).map(({ name, age }) => ({ name, age, city: 'Paris' })),
      people,
    );
    expect(r.equal).toBe(false);
    expect(r.message).toBe(
      'columns differ (missing from actual: "active"; not in expected: "city")\nrow count differs: actual 2, expected 3',
    );
    expect(r.differences.map((d) => d.kind)).toEqual(['columns', 'row-count']);
  });

  it('checks each column dtype, nulls aside, unless checkDtype is false', () => {
    const asText = people.map((p) => ({ ...p, age: String(p.age) }));
    expect(recordsEqual(asText, people).message).toBe('column "age": dtype string in actual, number in expected');
    expect(recordsEqual(asText, people, { checkDtype: false }).message.split('\n')[0]).toBe(
      'row 0, column "age": actual "41", expected 41',
    );
  });

  it('shows the first rows that differ, up to maxRows', () => {
    const older = people.map((p) => ({ ...p, age: p.age + 1 }));
    const r = recordsEqual(older, people, { maxRows: 2 });
    expect(r.message).toBe(
      'row 0, column "age": actual 42, expected 41\nrow 1, column "age": actual 37, expected 36\n… and 1 more rows',
    );
    expect(r.differences).toHaveLength(3);
  });

  it('matches rows in any order with ignoreRowOrder, and names the rows left unmatched', () => {
    expect(recordsEqual([...people].reverse(), people, { ignoreRowOrder: true }).equal).toBe(true);
    const r = recordsEqual([...people.slice(0, 2), { name: 'Alan', age: 41, active: true }], people, { ignoreRowOrder: true });
    expect(r.message).toBe(
      'expected row 2 has no equal row in actual: {"name":"Grace","age":85,"active":null}\nactual row 2 has no equal row in expected: {"name":"Alan","age":41,"active":true}',
    );
  });

  it('reads a key missing from a row (that other rows have) as null, and NaN as equal to NaN but not to null', () => {
    expect(
      recordsEqual(
        [
          { a: 1, b: null },
          { a: 2, b: 3 },
        ],
        [{ a: 1 }, { a: 2, b: 3 }],
      ).equal,
    ).toBe(true);
    expect(recordsEqual([{ x: Number.NaN }], [{ x: Number.NaN }]).equal).toBe(true);
    expect(recordsEqual([{ x: Number.NaN }], [{ x: null }]).equal).toBe(false);
  });

  it('refuses what is not an array of row objects, and a negative tolerance', () => {
    expect(() => recordsEqual({} as never, people)).toThrow(TestkitError);
    expect(() => recordsEqual([1] as never, people)).toThrow('actual[0] must be a row object, got 1');
    expect(() => recordsEqual(people, people, { tolerance: { age: { atol: -1 } } })).toThrow(
      'tolerance.age.atol must be a finite number ≥ 0, got -1',
    );
  });
});
