/**
 * The check behind `// => value` in examples: the value printed is a JavaScript literal; numbers
 * must agree to the precision printed, objects on the keys printed, arrays element by element.
 */
export async function check(compute: () => unknown, expectedText: string, where: string): Promise<void> {
  let actual = compute();
  if (actual instanceof Promise) actual = await actual;
  let expected: unknown;
  try {
    expected = new Function(`return (${expectedText});`)();
  } catch (error) {
    throw new Error(`${where}: the value after // => is not a JavaScript literal: ${expectedText} (${(error as Error).message})`);
  }
  const problem = differ(actual, expected, numbersIn(expectedText), '');
  if (problem !== undefined) {
    throw new Error(
      `${where}: example says ${expectedText}, but the code gives ${show(actual)}${problem ? ` (${problem})` : ''}`,
    );
  }
}

/** The numbers as printed in the literal, in order, so each is compared to its own precision. */
function numbersIn(text: string): string[] {
  const withoutStrings = text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');
  return withoutStrings.match(/(?<![\w$.])-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
}

/** Half a unit in the last printed place: `0.0400` → 5e-5, `1.5e-7` → 5e-9, `9806` → 0 (exact). */
function tolerance(printed: string | undefined): number {
  if (printed === undefined) return 0;
  const m = /^-?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(printed);
  if (!m) return 0;
  const decimals = (m[2] ?? '').length;
  const exponent = Number(m[3] ?? 0);
  if (decimals === 0 && exponent >= 0) return 0;
  return 0.5 * 10 ** (exponent - decimals) * (1 + 1e-9);
}

function differ(actual: unknown, expected: unknown, printed: string[], path: string): string | undefined {
  if (typeof expected === 'number') {
    const printedAs = printed.shift();
    if (typeof actual !== 'number') return `${path || 'value'} is ${typeof actual}, not a number`;
    if (Number.isNaN(expected)) return Number.isNaN(actual) ? undefined : `${path || 'value'} is not NaN`;
    const tol = tolerance(printedAs);
    return Math.abs(actual - expected) <= tol || actual === expected
      ? undefined
      : `${path || 'value'}: ${actual} ≠ ${printedAs ?? expected}`;
  }
  if (Array.isArray(expected)) {
    const list = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<unknown>) : actual;
    if (!Array.isArray(list)) return `${path || 'value'} is not an array`;
    if (list.length !== expected.length) return `${path || 'value'} has length ${list.length}, not ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const p = differ(list[i], expected[i], printed, `${path}[${i}]`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${path || 'value'} is not an object`;
    for (const [key, value] of Object.entries(expected)) {
      const p = differ((actual as Record<string, unknown>)[key], value, printed, `${path}.${key}`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : path ? `${path}: ${show(actual)}` : '';
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name} [${Array.from(value as unknown as ArrayLike<number>).join(', ')}]`;
  try {
    const text = JSON.stringify(value);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
}
