// Jinja2 3.1's global functions: range, dict, namespace, cycler, joiner, lipsum.
import { bind, splitArgs } from './methods.js';
import { isInt, markup, num, PyError, repr, str, typeName } from './python.js';
import { Namespace } from './runtime.js';

/** Jinja2's range caps a range at 100,000 items (MAX_RANGE): a template cannot allocate without bound. */
export const MAX_RANGE = 100_000;

function intArg(v: unknown, what: string): number {
  if (isInt(v) || typeof v === 'boolean') return num(v);
  throw new PyError('invalid-type', `range() ${what} must be an integer, got ${typeName(v)} ${repr(v)}`, v, 'an int', 'range');
}

/** `cycler('odd', 'even')`: `.next()`, `.current`, `.reset()`. */
export class Cycler {
  pos = 0;
  constructor(private readonly items: unknown[]) {
    if (items.length === 0)
      throw new PyError('invalid-type', 'at least one item has to be provided', items, 'one item or more', 'cycler');
  }
  get current(): unknown {
    return this.items[this.pos];
  }
  next(): unknown {
    const v = this.items[this.pos];
    this.pos = (this.pos + 1) % this.items.length;
    return v;
  }
  reset(): null {
    this.pos = 0;
    return null;
  }
}

export const jinjaGlobals: Record<string, (...args: unknown[]) => unknown> = {
  range(...args: unknown[]) {
    const { pos } = splitArgs(args);
    if (pos.length === 0 || pos.length > 3)
      throw new PyError(
        'invalid-type',
        `range expected 1 to 3 arguments, got ${pos.length}`,
        pos.length,
        '1 to 3 integers',
        'range',
      );
    const [start, stop, step] =
      pos.length === 1
        ? [0, intArg(pos[0], 'stop'), 1]
        : [intArg(pos[0], 'start'), intArg(pos[1], 'stop'), pos.length > 2 ? intArg(pos[2], 'step') : 1];
    if (step === 0) throw new PyError('out-of-range', 'range() arg 3 must not be zero', step, 'a step other than 0', 'range');
    const length = Math.max(0, Math.ceil((stop - start) / step));
    if (length > MAX_RANGE)
      throw new PyError(
        'out-of-range',
        `Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`,
        length,
        `at most ${MAX_RANGE} items`,
        'range',
      );
    return Array.from({ length }, (_, i) => start + i * step);
  },
  dict(...args: unknown[]) {
    const { pos, kw } = splitArgs(args);
    return { ...((pos[0] as object) ?? {}), ...kw };
  },
  namespace(...args: unknown[]) {
    const { pos, kw } = splitArgs(args);
    return new Namespace({ ...((pos[0] as object) ?? {}), ...kw });
  },
  cycler(...args: unknown[]) {
    return new Cycler(splitArgs(args).pos);
  },
  joiner(...args: unknown[]) {
    const [sep] = bind('joiner', [['sep', ', ']], args);
    let used = false;
    return () => {
      if (!used) {
        used = true;
        return '';
      }
      return sep;
    };
  },
  lipsum(...args: unknown[]) {
    const [n, html] = bind(
      'lipsum',
      [
        ['n', 5],
        ['html', true],
        ['min', 20],
        ['max', 100],
      ],
      args,
    );
    const paragraph =
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.';
    const paras = Array.from({ length: num(n) }, () => paragraph);
    return html ? markup(paras.map((p) => `<p>${p}</p>`).join('\n')) : str(paras.join('\n\n'));
  },
};
