import { errorOf, rejectionOf, TestkitError } from '@ds/testkit';
import { describe, expect, it } from 'vitest';

class ToolError extends RangeError {
  readonly code = 'out-of-range';
}

describe('errorOf and rejectionOf', () => {
  it('give the error thrown, typed by its class (a subclass counts)', async () => {
    const e = errorOf(() => {
      throw new ToolError('p1 must be in [0, 1]');
    }, RangeError);
    expect(e).toBeInstanceOf(ToolError);
    expect(errorOf(() => JSON.parse('{'), SyntaxError).name).toBe('SyntaxError');
    const r = await rejectionOf(Promise.reject(new ToolError('late')), ToolError);
    expect(r.code).toBe('out-of-range');
  });

  it('fail the test when nothing is thrown, or another class is, keeping it as the cause', async () => {
    expect(() => errorOf(() => 42, RangeError)).toThrow('expected a RangeError, got a result');
    const wrong = errorOf(
      () =>
        errorOf(() => {
          throw new TypeError('x is undefined');
        }, ToolError),
      Error,
    );
    expect(wrong.message).toBe('expected a ToolError, got TypeError: x is undefined');
    expect(wrong.cause).toBeInstanceOf(TypeError);
    await expect(rejectionOf(Promise.resolve(1), RangeError)).rejects.toThrow('expected a RangeError, got a result');
    await expect(rejectionOf(Promise.reject('a string'), RangeError)).rejects.toThrow(
      'expected a RangeError, got a thrown string',
    );
  });

  it('refuse what is not a function, a promise or an Error class, with a TestkitError', async () => {
    expect(errorOf(() => errorOf('f' as never, RangeError), TestkitError).argument).toBe('fn');
    expect(errorOf(() => errorOf(() => 1, Object as never), TestkitError).argument).toBe('errorClass');
    expect(errorOf(() => errorOf(() => 1, null as never), TestkitError).message).toMatch(/errorClass must be an Error class/);
    expect((await rejectionOf(rejectionOf(null as never, RangeError), TestkitError)).argument).toBe('promise');
  });
});
