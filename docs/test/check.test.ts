import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { examplesOf, guideCode, instrument } from './examples.js';

describe('check, behind // => in examples', () => {
  it('compares numbers to the precision printed', async () => {
    await expect(check(() => 0.040010674, '0.04001067', 'x')).resolves.toBeUndefined();
    await expect(check(() => 0.0400108, '0.04001067', 'x')).rejects.toThrow(
      'x: example says 0.04001067, but the code gives 0.0400108',
    );
    await expect(check(() => 1.5e-7, '1.5e-7', 'x')).resolves.toBeUndefined();
    await expect(check(() => 9807, '9806', 'x')).rejects.toThrow(/9807/);
  });

  it('compares objects on the keys shown, arrays element by element, and awaits promises', async () => {
    await expect(check(() => ({ n1: 3, n2: 4, method: 'pooled' }), "{ n1: 3, method: 'pooled' }", 'x')).resolves.toBeUndefined();
    await expect(check(() => ({ n1: 3 }), '{ n1: 4 }', 'x')).rejects.toThrow(/\.n1: 3 ≠ 4/);
    await expect(check(() => new Int32Array([0, 1]), '[0, 1]', 'x')).resolves.toBeUndefined();
    await expect(check(() => [0, 1, 2], '[0, 1]', 'x')).rejects.toThrow(/length 3/);
    await expect(check(() => Promise.resolve('a'), "'a'", 'x')).resolves.toBeUndefined();
    await expect(check(() => undefined, 'null', 'x')).rejects.toThrow(/undefined/);
  });
});

describe('finding examples', () => {
  it('takes the @example block of a doc comment up to the next tag', () => {
    const source = [
      '/**',
      ' * Adds.',
      ' *',
      ' * @example',
      ' * add(1, 2); // => 3',
      ' * @throws never',
      ' */',
      'export function add() {}',
    ].join('\n');
    const [snippet] = examplesOf('a.ts', source);
    expect(snippet).toEqual({ origin: 'a.ts:5', code: 'add(1, 2); // => 3', lines: [5] });
    expect(instrument(snippet!)).toContain('await __check(async () => (add(1, 2)), "3", "a.ts:5");');
  });

  it("joins a guide's ts blocks and leaves out the no-run ones", () => {
    const md = [
      '# G',
      '```ts',
      'const a = 1;',
      '```',
      '```ts no-run',
      'fetch("x")',
      '```',
      '```sh',
      'ls',
      '```',
      '```ts',
      'a; // => 1',
      '```',
    ].join('\n');
    expect(guideCode('g.md', md)).toEqual({ origin: 'g.md', code: 'const a = 1;\na; // => 1', lines: [3, 12] });
  });
});

describe('instrument', () => {
  it('checks a statement that starts on an earlier line', () => {
    const code = instrument({ origin: 'a.ts:1', code: 'f({\n  a: [1,\n    2],\n}).b; // => 3', lines: [1, 2, 3, 4] });
    expect(code).toContain('await __check(async () => (f({\n  a: [1,\n    2],\n}).b), "3", "a.ts:4");');
  });
});
