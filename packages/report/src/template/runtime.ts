// The functions compiled Jinja2 templates call (see compile.ts): nunjucks' runtime with Python's
// semantics for printing, truthiness, operators, lookups, calls, loops and errors.
import nunjucks from 'nunjucks';
import { ReportError } from '../errors.js';
import { percentFormat } from './format.js';
import { getattr, getitem, iterate, slice, splitArgs } from './methods.js';
import {
  add,
  compare,
  div,
  equals,
  escapeHtml,
  escapeMarkup,
  float,
  floordiv,
  isDict,
  isFloat,
  isMarkup,
  isString,
  markup,
  mul,
  neg,
  num,
  PyError,
  PyFloat,
  pos,
  pow,
  pymod,
  repr,
  str,
  sub,
  text,
  truthy,
  tuple,
  typeName,
} from './python.js';

/** An error with the template, line and column where it happened (the innermost template wins). */
export class TemplateFault extends Error {
  constructor(
    readonly template: string,
    readonly lineno: number,
    readonly colno: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'TemplateFault';
  }
  /** nunjucks calls this to prefix the path; the position is kept apart instead. */
  Update(): this {
    return this;
  }
}

/** What Jinja2's `self` is: each block of the template, callable to render it again. */
class BlockReferences {}

/** Jinja2's `loop` variable. */
export class Loop {
  index0 = 0;
  private lastChanged: unknown[] | undefined;
  constructor(
    private readonly items: unknown[],
    readonly depth0: number,
    private readonly recurse: ((items: unknown[], depth: number) => string) | null,
  ) {}
  get index(): number {
    return this.index0 + 1;
  }
  get revindex(): number {
    return this.items.length - this.index0;
  }
  get revindex0(): number {
    return this.items.length - this.index0 - 1;
  }
  get first(): boolean {
    return this.index0 === 0;
  }
  get last(): boolean {
    return this.index0 === this.items.length - 1;
  }
  get length(): number {
    return this.items.length;
  }
  get depth(): number {
    return this.depth0 + 1;
  }
  get previtem(): unknown {
    return this.index0 > 0 ? this.items[this.index0 - 1] : undefined;
  }
  get nextitem(): unknown {
    return this.index0 + 1 < this.items.length ? this.items[this.index0 + 1] : undefined;
  }
  cycle(...args: unknown[]): unknown {
    if (args.length === 0)
      throw new PyError('invalid-type', 'no items for cycling given', args, 'at least one value to cycle through');
    return args[this.index0 % args.length];
  }
  changed(...args: unknown[]): boolean {
    if (this.lastChanged !== undefined && equals(this.lastChanged, args)) return false;
    this.lastChanged = args;
    return true;
  }
  /** `loop(children)` in a recursive loop. */
  call(items: unknown): Markup {
    if (!this.recurse)
      throw new PyError(
        'invalid-type',
        "Tried to call non recursive loop. Maybe you forgot the 'recursive' modifier.",
        'loop',
        '{% for … recursive %}',
      );
    return markup(this.recurse(iterate(items), this.depth0 + 1));
  }
  __str__(): string {
    return `<LoopContext ${this.index}/${this.length}>`;
  }
}

type Markup = nunjucks.runtime.SafeString;

const base = nunjucks.runtime as unknown as Record<string, unknown>;

/** How deep includes may nest (a template that includes itself without end is a cycle). */
export const MAX_INCLUDE_DEPTH = 100;
const includeStack: string[] = [];

function undefinedError(label: string, path = label): PyError {
  return new PyError(
    'undefined-variable',
    `undefined variable ${path} ('${label}' is undefined)`,
    label,
    'every variable the template uses',
    'data',
  );
}

/** The runtime object compiled templates receive (nunjucks' own, with Python's semantics). */
export const pyRuntime: Record<string, unknown> = {
  ...base,
  truthy,
  float: (x: number) => float(x),
  tuple,
  or: (a: unknown, b: () => unknown) => (truthy(a) ? a : b()),
  and: (a: unknown, b: () => unknown) => (truthy(a) ? b() : a),
  add,
  sub,
  mul,
  div,
  floordiv,
  pow,
  neg,
  pos,
  mod: (a: unknown, b: unknown) => {
    if (isString(a)) {
      const out = percentFormat(text(a), isMarkup(a) ? escapeArgs(b) : b);
      return isMarkup(a) ? markup(out) : out;
    }
    const x = num(a);
    const y = num(b);
    if (Number.isNaN(x) || Number.isNaN(y) || (typeof a !== 'number' && !(a instanceof PyFloat) && typeof a !== 'boolean'))
      throw new PyError(
        'invalid-type',
        `unsupported operand type(s) for %: '${typeName(a)}' and '${typeName(b)}'`,
        a,
        'numbers, or a format string on the left',
      );
    if (y === 0) throw new PyError('out-of-range', 'integer division or modulo by zero', b, 'a divisor other than 0');
    const r = pymod(x, y);
    return isFloat(a) || isFloat(b) ? float(r) : r;
  },
  // Jinja2's ~ at render time (markup_join): with Markup on either side the other is escaped and
  // the result is Markup; otherwise the str() of both sides.
  concat: (a: unknown, b: unknown) => {
    if (isMarkup(a) || isMarkup(b)) return markup(text(escapeMarkup(a)) + text(escapeMarkup(b)));
    return str(a) + str(b);
  },
  // Jinja2 folds ~ of constants at compile time, with str() of both sides: plain text.
  concatConst: (a: unknown, b: unknown) => str(a) + str(b),
  cmp: (op: string, a: unknown, b: unknown) => {
    switch (op) {
      case '==':
      case '===':
        return equals(a, b);
      case '!=':
      case '!==':
        return !equals(a, b);
      case '<':
        return compare(a, b, op) < 0;
      case '>':
        return compare(a, b, op) > 0;
      case '<=':
        return compare(a, b, op) <= 0;
      default:
        return compare(a, b, op) >= 0;
    }
  },
  contains: (container: unknown, item: unknown) => {
    if (isString(container)) {
      if (!isString(item))
        throw new PyError(
          'invalid-type',
          `'in <string>' requires string as left operand, not ${typeName(item)}`,
          item,
          'a string',
        );
      return text(container).includes(text(item));
    }
    if (Array.isArray(container)) return container.some((x) => equals(x, item));
    if (isDict(container)) return isString(item) && Object.hasOwn(container, text(item));
    if (container === undefined) return false;
    if (container instanceof Map || container instanceof Set) return container.has(item);
    throw new PyError(
      'invalid-type',
      `argument of type '${typeName(container)}' is not iterable`,
      container,
      'a list, a dict or a string',
    );
  },
  attr: (obj: unknown, name: string, label: string) => {
    if (obj === undefined) throw undefinedError(label, `${label}.${name}`);
    return getattr(obj, name);
  },
  item: (obj: unknown, key: unknown, label: string) => {
    if (obj === undefined) throw undefinedError(label);
    return getitem(obj, key instanceof PyFloat ? key.value : key);
  },
  slice: (obj: unknown, start: unknown, stop: unknown, step: unknown, label: string) => {
    if (obj === undefined) throw undefinedError(label);
    return slice(obj, start, stop, step);
  },
  truthyStrict: (value: unknown, label: string) => {
    if (value === undefined) throw undefinedError(label);
    return truthy(value);
  },
  iter: (value: unknown, label: string, strict = false) => {
    if (strict && value === undefined) throw undefinedError(label);
    if (value === null)
      throw new PyError(
        'invalid-type',
        `'NoneType' object is not iterable (${label} is None)`,
        value,
        'a list, a dict or a string',
      );
    return iterate(value).slice();
  },
  unpack: (value: unknown, n: number) => {
    const items = iterate(value);
    if (items.length !== n)
      throw new PyError(
        'invalid-type',
        items.length > n
          ? `too many values to unpack (expected ${n}, got ${repr(value)})`
          : `not enough values to unpack (expected ${n}, got ${items.length})`,
        value,
        `${n} values`,
      );
    return items;
  },
  setattr: (obj: unknown, key: unknown, value: unknown) => {
    if (!(obj instanceof Namespace))
      throw new PyError(
        'invalid-type',
        `cannot assign attribute on non-namespace object (${typeName(obj)})`,
        obj,
        'a namespace()',
      );
    (obj as unknown as Record<string, unknown>)[str(key)] = value;
  },
  Loop,
  blocks: (env: unknown, context: { getBlock(name: string): (...args: unknown[]) => void }, frame: unknown) =>
    new Proxy(new BlockReferences(), {
      get(_, name) {
        if (typeof name !== 'string') return undefined;
        return () => {
          let html = '';
          context.getBlock(name)(env, context, frame, pyRuntime, (error: unknown, result: string) => {
            if (error) throw error;
            html = result;
          });
          return markup(html);
        };
      },
    }),
  call: (fn: unknown, name: string, context: unknown, args: unknown[]) => {
    if (fn instanceof Loop) return fn.call(args[0]);
    if (typeof fn !== 'function') {
      if (fn === undefined) throw undefinedError(name.replace(/\(\)$/, ''));
      throw new PyError('invalid-type', `'${typeName(fn)}' object is not callable (${name})`, fn, 'a function or a macro');
    }
    return fn.apply(context, args);
  },
  test: (env: nunjucks.Environment, name: string, context: unknown, args: unknown[]) => {
    const t = (env as unknown as { getTest(n: string): (...a: unknown[]) => unknown }).getTest(name);
    return t.apply(context, args) === true;
  },
  suppressValue: (value: unknown, autoescape: boolean) => {
    if (value instanceof nunjucks.runtime.SafeString) return String(value);
    return autoescape ? escapeHtml(str(value)) : str(value);
  },
  ensureDefined: (value: unknown, label: string) => {
    if (value === undefined) throw undefinedError(label);
    return value;
  },
  markSafe: (value: unknown) => (typeof value === 'string' ? markup(value) : value),
  handleError: (error: unknown, lineno: number, colno: number, template?: string) => {
    if (error instanceof TemplateFault) return error;
    if (error instanceof RangeError && isStackOverflow(error))
      return new TemplateFault(
        template ?? '(template)',
        lineno,
        colno,
        new PyError(
          'out-of-range',
          'recursion too deep: templates that extend or import each other in a cycle, or a recursive macro or loop without an end',
          'recursion',
          'templates that do not extend or import each other in a cycle',
          'template',
        ),
      );
    return new TemplateFault(template ?? '(template)', lineno, colno, error);
  },
  locateMacro: (macro: (...args: unknown[]) => unknown, template: string, where: () => [number, number]) =>
    function located(this: unknown, ...args: unknown[]) {
      try {
        return macro.apply(this, args);
      } catch (error) {
        const [line, col] = where();
        throw (pyRuntime.handleError as (e: unknown, l: number, c: number, t: string) => unknown)(error, line, col, template);
      }
    },
  include: (
    env: nunjucks.Environment,
    context: { getVariables(): Record<string, unknown> },
    frame: unknown,
    name: unknown,
    parent: string,
    ignoreMissing: boolean,
    cb: (error: unknown, html?: string) => void,
  ) => {
    const names = Array.isArray(name) ? name : [name];
    const target = names.find((n) => isString(n));
    if (includeStack.length >= MAX_INCLUDE_DEPTH) {
      cb(
        new PyError(
          'out-of-range',
          `includes nest deeper than ${MAX_INCLUDE_DEPTH}: ${includeStack.slice(-4).join(' → ')} → ${str(target)} (a template that includes itself?)`,
          str(target),
          `at most ${MAX_INCLUDE_DEPTH} nested includes`,
        ),
      );
      return;
    }
    const getTemplate = env.getTemplate as unknown as (
      n: unknown,
      eager: boolean,
      parent: string,
      ignore: boolean,
      cb: (e: unknown, t?: nunjucks.Template) => void,
    ) => void;
    getTemplate.call(env, isString(target) ? text(target) : target, false, parent, ignoreMissing, (error, template) => {
      if (error) return cb(error);
      includeStack.push(str(target));
      try {
        (template as unknown as { render(c: unknown, f: unknown, cb: (e: unknown, r?: string) => void): void }).render(
          context.getVariables(),
          frame,
          cb,
        );
      } finally {
        includeStack.pop();
      }
    });
  },
  callWrap: (fn: unknown, name: string, context: unknown, args: unknown[]) =>
    (pyRuntime.call as (f: unknown, n: string, c: unknown, a: unknown[]) => unknown)(fn, name, context, args),
  memberLookup: (obj: unknown, key: unknown) => getitem(obj, key),
  // Variables are own keys of the data or globals only: never Object.prototype's (constructor...).
  contextOrFrameLookup: (
    context: { ctx: Record<string, unknown>; env: { globals: Record<string, unknown> } },
    frame: { lookup(name: string): unknown },
    name: string,
  ) => {
    const v = frame.lookup(name);
    if (v !== undefined) return v;
    if (Object.hasOwn(context.ctx, name)) return context.ctx[name];
    const globals = context.env.globals;
    return Object.hasOwn(globals, name) ? globals[name] : undefined;
  },
  splitArgs,
};

/** Whether a RangeError is V8's stack overflow (reading its message may overflow again: then it is). */
export function isStackOverflow(error: RangeError): boolean {
  try {
    return error.message.includes('call stack');
  } catch {
    return true;
  }
}

function escapeArgs(args: unknown): unknown {
  if (Array.isArray(args)) return tuple(args.map((a) => (isString(a) ? escapeMarkup(a) : a)));
  if (isDict(args)) return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, isString(v) ? escapeMarkup(v) : v]));
  return isString(args) ? escapeMarkup(args) : args;
}

/** Jinja2's `namespace()`: an object whose attributes `{% set ns.x = … %}` may change from a loop. */
export class Namespace {
  constructor(values: Record<string, unknown>) {
    Object.assign(this, values);
  }
  __str__(): string {
    return `<Namespace ${repr({ ...this })}>`;
  }
}

/** Whether an error is one of ours already (a ReportError or a positioned fault). */
export function isReportError(error: unknown): error is ReportError {
  return error instanceof ReportError;
}
