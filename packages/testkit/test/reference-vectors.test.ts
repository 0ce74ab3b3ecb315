import { allClose, recordsEqual, TestkitError } from '@ds/testkit';
import { checkReferenceVector, loadReferenceVectors, referenceVectors } from '@ds/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { runReferenceVector } from '../src/vitest/reference-vectors.js';

// numpy.allclose and pandas.assert_frame_equal, as test/reference/numpy_pandas.py recorded them.
describe('allClose agrees with numpy.allclose', () => {
  referenceVectors('./reference/allclose.json', (inputs: { actual: number[]; expected: number[]; options: object }) => ({
    close: allClose(inputs.actual, inputs.expected, inputs.options),
  }));
});

describe('recordsEqual agrees with pandas.testing.assert_frame_equal', () => {
  referenceVectors('./reference/records.json', (inputs: { actual: []; expected: []; options: object }) => ({
    equal: recordsEqual(inputs.actual, inputs.expected, inputs.options).equal,
  }));
});

describe('referenceVectors', () => {
  const square = (inputs: { x: number }) => {
    const s = inputs.x * inputs.x;
    return Number.isInteger(inputs.x) && inputs.x === 3 ? [s, s * inputs.x] : { square: s, label: `x=${inputs.x}` };
  };
  const registered = referenceVectors(new URL('./fixtures/vectors/squares.json', import.meta.url), square);

  it('registers one test per vector and reads the bare NaN token', () => {
    expect(registered.map((v) => v.id)).toEqual(['two', 'third', 'nan', 'whole']);
    expect(Number.isNaN((registered[2] as { expected: { square: number } }).expected.square)).toBe(true);
  });

  const fixture = (name: string) => new URL(`./fixtures/vectors/${name}`, import.meta.url).pathname;

  it('names the file when it is not JSON or not an array', () => {
    expect(() => loadReferenceVectors(fixture('not-json.json'))).toThrow(/not-json\.json is not valid JSON/);
    expect(() => loadReferenceVectors(fixture('object.json'))).toThrow(/object\.json must hold a JSON array of vectors/);
    expect(() => loadReferenceVectors(fixture('absent.json'))).toThrow(/cannot read reference vectors .*absent\.json/);
  });

  it('names the file, the vector id and the field that is wrong', () => {
    expect(() => loadReferenceVectors(fixture('no-expected.json'))).toThrow(
      /no-expected\.json: vector "p1-high": field "expected" must be present, got nothing/,
    );
    expect(() => loadReferenceVectors(fixture('bad-tolerance.json'))).toThrow(
      /bad-tolerance\.json: vector "neg": field "tolerance\.y\.rtol"/,
    );
    expect(() => loadReferenceVectors(fixture('duplicate-id.json'))).toThrow(
      /vector 1: field "id" must be unique within the file/,
    );
    try {
      loadReferenceVectors(fixture('no-expected.json'));
    } catch (e) {
      expect(e).toBeInstanceOf(TestkitError);
      expect((e as TestkitError).argument).toBe('expected');
    }
  });
});

// A vector that fails must fail its test with the field, the worst error and the source.
describe('checkReferenceVector', () => {
  const [two, third] = loadReferenceVectors(new URL('./fixtures/vectors/squares.json', import.meta.url).pathname);

  it('reports the vector, the field, the worst error and the source', () => {
    const message = checkReferenceVector({ square: 4.5, label: 'x=2' }, two!, { file: 'squares.json' });
    expect(message).toContain('reference vector "two" of squares.json differs');
    expect(message).toContain('field square: Not close (rtol=1e-7, atol=0)');
    expect(message).toContain('Max absolute difference: 0.5');
    expect(message).toContain('source: hand-made fixture: 2² = 4');
  });

  it('applies the tolerance of the field, and compares strings exactly', () => {
    expect(checkReferenceVector({ square: 0.11119, label: 'x=0.3333' }, third!)).toBe('');
    expect(checkReferenceVector({ square: 0.1115, label: 'x=0.3333' }, third!)).toContain('field square');
    expect(checkReferenceVector({ square: 0.1111, label: 'x=1/3' }, third!)).toContain(
      'field label: "x=1/3", expected "x=0.3333"',
    );
    expect(checkReferenceVector({ label: 'x=0.3333' }, third!)).toContain('field square: missing from the output');
  });
});

describe('the test referenceVectors registers for a vector', () => {
  const vector = { id: 'p1-high', source: 'R power.prop.test(p1 = 1.2)', inputs: { p1: 1.2 }, expected: { n1: 10 } };

  it('reports a function that throws with the vector and its source', async () => {
    const refuse = () => {
      throw new RangeError('p1 must be in (0, 1), got 1.2');
    };
    await expect(runReferenceVector(refuse, vector, 'power.json')).rejects.toThrow(
      'reference vector "p1-high" of power.json: fn threw RangeError: p1 must be in (0, 1), got 1.2\nsource: R power.prop.test(p1 = 1.2)',
    );
  });

  it('fails on a wrong output and passes on the right one, sync or async', async () => {
    await expect(runReferenceVector(() => ({ n1: 11 }), vector, 'power.json')).rejects.toThrow('field n1');
    await expect(runReferenceVector(async () => ({ n1: 10, extra: true }), vector, 'power.json')).resolves.toBeUndefined();
  });
});
