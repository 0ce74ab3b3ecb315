import fc from 'fast-check';
import { checkNumber, checkOptions, isPlainObject } from '../check.js';
import { describeValue, TestkitError } from '../errors.js';

/**
 * One export's entry in a fuzz table: a valid baseline call and what a result must satisfy. The
 * harness breaks the baseline one field at a time and checks every answer.
 */
export interface FuzzCase {
  /**
   * The names of the positional arguments, as the function's errors name them. An argument named
   * `'options'` (or ending in `Options`) is an options object: its fields are named by themselves
   * (`'p1'`, `'layers[0].data'`), and `'options.p1'` is accepted too.
   */
  params: readonly string[];
  /** The valid call's arguments, built afresh for each call (the function may keep or change them). */
  args: () => unknown[];
  /** Call with `new` (a class). */
  construct?: boolean;
  /**
   * What a result the function accepted must satisfy: return `false` (or throw) when it does not.
   * Default: every number reachable in the result (objects, arrays, typed arrays) is finite.
   */
  invariant?: (result: unknown, args: unknown[]) => boolean | undefined;
  /** Errors the function documents besides the typed ones (an assertion's failure), as accepted answers. */
  accepts?: (error: unknown) => boolean;
  /** Paths not to break (a stub `fetch`, a callback the baseline needs), as the failures name them. */
  skip?: readonly string[];
  /** Further paths an error may name for a broken path: `{ n2: ['ratio'] }`. */
  names?: Readonly<Record<string, readonly string[]>>;
  /**
   * Longest a call may take, in milliseconds (default 250, at most 600,000): CPU time for what runs
   * synchronously (in Node; the clock elsewhere), the clock for promises, which are raced against it.
   */
  timeoutMs?: number;
  /** How deep into the arguments fields are broken (default 3: `layers[0].data.features`). */
  depth?: number;
  /** More `[path, value]` cases written by hand (a malformed file, a hostile response). */
  extra?: () => [string, unknown][];
  /** How many seeded random mutations beyond the systematic ones (default 60, at most 10,000). */
  randomRuns?: number;
  /**
   * Leaves out cases, by path and value label: for calls whose valid answers are costly (a
   * database opened, a folder created), keep only the values that must be refused.
   */
  filter?: (path: string, label: string) => boolean;
}

/** Options of {@link fuzzExport}. */
export interface FuzzOptions {
  /** The package's error class: the only kind of throw accepted. */
  errorClass: abstract new (
    ...args: never[]
  ) => Error;
  /** Seed of the random mutations (default 14). */
  seed?: number;
}

/** Why an answer was not accepted. */
export type FuzzFailureKind = 'untyped' | 'silent' | 'unbounded' | 'misnamed' | 'polluted';

/** One call that got an answer the contract does not allow. */
export interface FuzzFailure {
  kind: FuzzFailureKind;
  /** The broken path, as an error should name it (`'p1'`, `'layers[0].data'`). */
  path: string;
  /** The value put there, described. */
  value: string;
  /** What happened: the error's message, or why the result was refused. */
  message: string;
}

/** What {@link fuzzExport} tried and what it got. */
export interface FuzzReport {
  calls: number;
  /** Calls refused with a typed error naming the broken path. */
  typed: number;
  /** Calls accepted with a result that passed the invariant. */
  accepted: number;
  failures: FuzzFailure[];
}

const MISSING = Symbol('missing');

/** The values put in place of each field, one at a time. */
function replacements(): [string, unknown][] {
  return [
    ['missing', MISSING],
    ['null', null],
    ["'0.5'", '0.5'],
    ["''", ''],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['-1', -1],
    ['0', 0],
    ['1e-320', 1e-320],
    ['1e308', 1e308],
    ['2 ** 31', 2 ** 31],
    ['0.5', 0.5],
    ['true', true],
    ['[]', []],
    ['[NaN]', [Number.NaN]],
    ['{}', {}],
    ['Object.create(null)', Object.create(null)],
    ['{ toString: null }', { toString: null }],
    ["'__proto__'", '__proto__'],
    ["'constructor'", 'constructor'],
    ["'toString'", 'toString'],
    ['Symbol()', Symbol('fuzz')],
    ['10n', 10n],
    ['a function', () => 1],
    ['a 100,000-character string', 'x'.repeat(100_000)],
  ];
}

type Step = string | number;

interface Target {
  /** Steps from the argument list: [0, 'layers', 0, 'data']. */
  steps: Step[];
  /** How an error should name it. */
  name: string;
  /** The baseline holds an object or array here. */
  wasObject?: boolean;
}

function isOptionsName(name: string): boolean {
  return name === 'options' || name.endsWith('Options');
}

function nameOf(params: readonly string[], steps: Step[]): string {
  const [first, ...rest] = steps;
  const root = params[first as number] ?? `arguments[${String(first)}]`;
  let name = rest.length > 0 && isOptionsName(root) ? '' : root;
  for (const step of rest) name += typeof step === 'number' ? `[${step}]` : name === '' ? step : `.${step}`;
  return name;
}

/** The paths of the baseline that are broken: each argument, and its fields down to `depth`. */
function targetsOf(args: unknown[], params: readonly string[], depth: number): Target[] {
  const out: Target[] = [];
  const walk = (value: unknown, steps: Step[]) => {
    out.push({ steps, name: nameOf(params, steps), wasObject: value !== null && typeof value === 'object' });
    if (steps.length > depth) return;
    if (Array.isArray(value)) {
      if (value.length > 0) walk(value[0], [...steps, 0]);
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value).slice(0, 16)) walk(value[key], [...steps, key]);
    }
  };
  args.forEach((arg, i) => {
    walk(arg, [i]);
  });
  return out;
}

/** The steps of a path as failures name it: 'store' → [0, 'store'] when argument 0 is the options. */
function stepsOf(path: string, params: readonly string[]): Step[] {
  const parts: Step[] = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const at = params.indexOf(String(parts[0]));
  if (at >= 0) return [at, ...parts.slice(1)];
  const options = params.findIndex(isOptionsName);
  return [Math.max(options, 0), ...parts];
}

/** Puts `value` at `steps` in `args` (deleting the field for MISSING). */
function place(args: unknown[], steps: Step[], value: unknown): void {
  let parent: unknown = args;
  for (const step of steps.slice(0, -1)) parent = (parent as Record<Step, unknown>)[step];
  const last = steps[steps.length - 1] as Step;
  const container = parent as Record<Step, unknown>;
  if (value === MISSING) {
    if (Array.isArray(container) && container === args) container[last as number] = undefined;
    else if (Array.isArray(container)) container.splice(last as number, 1);
    else delete container[last];
  } else container[last] = value;
}

/**
 * Every number reachable in `value` is finite (objects, arrays and typed arrays, 8 levels deep):
 * the default invariant of {@link fuzzExport}.
 *
 * @example
 * import { finiteDeep } from '@ds/testkit/arbitraries';
 * finiteDeep({ n1: 3, curve: [0.1, 0.2] }); // => true
 * finiteDeep({ n1: 3, curve: new Float64Array([Number.NaN]) }); // => false
 */
export function finiteDeep(value: unknown, depth = 0): boolean {
  if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 0) {
    throw new TestkitError('invalid-type', 'depth', depth, 'a whole number ≥ 0 (how deep the walk already is)');
  }
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth > 8 || value === null || typeof value !== 'object') return true;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const view = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < Math.min(view.length, 100_000); i++) {
      const v = view[i];
      if (typeof v === 'number' && !Number.isFinite(v)) return false;
    }
    return true;
  }
  const values = Array.isArray(value) ? value.slice(0, 10_000) : Object.values(value).slice(0, 1_000);
  return values.every((v) => finiteDeep(v, depth + 1));
}

function normalise(name: string): string {
  return name.replace(/\[(\d+)\]/g, '.$1').replace(/^options\./, '');
}

/** An error's `argument` names the broken path: the same, a part of it, or (below the top) what holds it. */
function names(argument: string, target: Target, extra: readonly string[], params: readonly string[]): boolean {
  const a = normalise(argument);
  const t = normalise(target.name);
  if (a === t || extra.map(normalise).includes(a)) return true;
  // A field of a positional object argument may be named by itself: 'followersCount' for
  // 'account.followersCount', 'to[3]' for 'graph.to[3]'.
  const [head, ...tail] = t.split('.');
  if (tail.length > 0 && head !== undefined && params.includes(head)) {
    const inner = tail.join('.');
    if (a === inner || a.startsWith(`${inner}.`) || (target.steps.length > 3 && a.includes('.') && inner.startsWith(`${a}.`)))
      return true;
  }
  // A whole object argument replaced: an error may name any field in it (a required one now
  // missing), but not another argument.
  if (target.steps.length === 1 && target.wasObject && !params.some((p) => p !== target.name && normalise(p) === a)) {
    return true;
  }
  // An element removed or broken: the array (or object) holding it may be named, below the top,
  // and so may a positional argument as a whole ('actual' for 'actual.type'), never the options.
  if (t.startsWith(`${a}.`) && a !== '' && !(isOptionsName(a) && params.includes(a))) return true;
  if (a.startsWith(`${t}.`)) return true;
  // An argument that holds the broken field (a feature for its geometry), below the top level.
  return target.steps.length > 2 && a.includes('.') && t.startsWith(`${a}.`);
}

/**
 * Codes whose `argument` may name another field than the broken one: a relation between fields
 * (a conflict, lengths, CRSs, node indices against the node count), a design no value satisfies,
 * or a place inside a parsed input (a line, a record).
 */
const RELATION_CODES = new Set([
  'conflict',
  'no-solution',
  'length-mismatch',
  'crs-mismatch',
  'shape-mismatch',
  'unknown-node',
  'parse-error',
]);

/**
 * Calls `fn` with a valid baseline and then with each field of it broken (wrong types, `null`, a
 * missing field, NaN/±Infinity, huge, tiny and negative numbers, empty arrays, objects without a
 * prototype, `'__proto__'` and `'constructor'`, symbols, bigints, a long string), with the options
 * object given without a prototype or with a `__proto__` key, and with seeded random values from
 * fast-check. Each answer must be a typed error of `errorClass` whose `argument` names the broken
 * field (its path, or below an argument's top level the path inside that argument: `to[3]` for
 * `graph.to[3]`; a conflict between fields may name either), or a result that passes the case's invariant;
 * anything else is a failure: an untyped throw, a silent bad result, a call over the time bound,
 * an error naming another argument, or a polluted `Object.prototype`.
 *
 * @example
 * import { fuzzExport } from '@ds/testkit/arbitraries';
 * import { TestkitError } from '@ds/testkit';
 * const half = (x) => {
 *   if (typeof x !== 'number' || !Number.isFinite(x)) throw new TestkitError('invalid-type', 'x', x, 'a finite number');
 *   return x / 2;
 * };
 * const report = await fuzzExport(half, { params: ['x'], args: () => [3] }, { errorClass: TestkitError });
 * report.failures.length; // => 0
 * report.typed > 20; // => true
 * const sloppy = await fuzzExport((x) => x / 2, { params: ['x'], args: () => [3] }, { errorClass: TestkitError });
 * sloppy.failures[0].kind; // => 'silent'
 */
export async function fuzzExport(fn: unknown, fuzzCase: FuzzCase, options: FuzzOptions): Promise<FuzzReport> {
  if (typeof fn !== 'function') throw new TestkitError('invalid-type', 'fn', fn, 'a function');
  const c = checkOptions<FuzzCase>('fuzzCase', fuzzCase, true);
  if (!Array.isArray(c.params)) throw new TestkitError('invalid-type', 'fuzzCase.params', c.params, 'an array of names');
  if (typeof c.args !== 'function') throw new TestkitError('invalid-type', 'fuzzCase.args', c.args, 'a function');
  const o = checkOptions<FuzzOptions>('options', options, true);
  if (typeof o.errorClass !== 'function') throw new TestkitError('invalid-type', 'options.errorClass', o.errorClass, 'a class');
  const seed = o.seed === undefined ? 14 : checkNumber('options.seed', o.seed, { integer: true });
  const timeoutMs = c.timeoutMs === undefined ? 250 : checkNumber('fuzzCase.timeoutMs', c.timeoutMs, { min: 1, max: 600_000 });
  const randomRuns =
    c.randomRuns === undefined ? 60 : checkNumber('fuzzCase.randomRuns', c.randomRuns, { min: 0, max: 10_000, integer: true });
  const params = c.params as readonly string[];
  const makeArgs = c.args as () => unknown[];
  const errorClass = o.errorClass;
  const skip = new Set(c.skip ?? []);
  const invariant = c.invariant ?? ((result: unknown) => finiteDeep(result));
  const report: FuzzReport = { calls: 0, typed: 0, accepted: 0, failures: [] };

  // A synchronous call is timed by the CPU it used where the runtime says (Node's
  // process.cpuUsage), not by the clock: on a busy machine the clock also counts the time other
  // processes had the core, and a 5 ms call could read as 300 ms. A loop that never ends still
  // burns CPU. Promises are raced against the clock: waiting is what they do.
  const call = async (args: unknown[]): Promise<{ result?: unknown; error?: unknown; threw: boolean; ms: number }> => {
    const started = performance.now();
    const cpuStarted = cpuMs();
    const syncMs = () => (cpuStarted === undefined ? performance.now() - started : (cpuMs() as number) - cpuStarted);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ms: number | undefined;
    try {
      let result = c.construct
        ? new (fn as new (...a: unknown[]) => unknown)(...args)
        : (fn as (...a: unknown[]) => unknown)(...args);
      ms = syncMs();
      if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
        const late = new Promise((_, reject) => {
          timer = setTimeout(() => reject(TIMED_OUT), timeoutMs);
        });
        result = await Promise.race([result, late]);
      }
      return { result, threw: false, ms };
    } catch (error) {
      return { error, threw: true, ms: ms ?? syncMs() };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };

  const judge = async (args: unknown[], target: Target, label: string) => {
    if (c.filter !== undefined && target.steps.length > 0 && !c.filter(target.name, label)) return;
    report.calls++;
    const answer = await call(args);
    const fail = (kind: FuzzFailureKind, message: string) => {
      report.failures.push({ kind, path: target.name, value: label, message: message.slice(0, 300) });
    };
    if (Object.hasOwn(Object.prototype, 'polluted')) {
      delete (Object.prototype as Record<string, unknown>).polluted;
      fail('polluted', 'Object.prototype gained a property');
    }
    if (answer.error === TIMED_OUT || answer.ms > timeoutMs) {
      return fail('unbounded', `took over ${timeoutMs} ms`);
    }
    if (answer.threw && target.steps.length === 0) {
      return fail('misnamed', `the valid baseline was refused: ${describeThrown(answer.error)}`);
    }
    if (answer.threw && c.accepts?.(answer.error) === true) {
      report.accepted++;
      return;
    }
    if (answer.threw) {
      const error = answer.error as { code?: unknown; argument?: unknown; message?: unknown };
      if (!(answer.error instanceof errorClass) || typeof error.code !== 'string' || typeof error.argument !== 'string') {
        return fail('untyped', describeThrown(answer.error));
      }
      const extra = c.names?.[target.name] ?? [];
      if (RELATION_CODES.has(error.code) || names(error.argument, target, extra, params)) {
        report.typed++;
        return;
      }
      return fail('misnamed', `${error.code} naming ${error.argument}: ${String(error.message)}`);
    }
    let ok: boolean | undefined;
    try {
      ok = invariant(answer.result, args) !== false;
    } catch (e) {
      ok = false;
      return fail('silent', `invariant: ${describeThrown(e)}`);
    }
    if (ok) report.accepted++;
    else fail('silent', `result ${describeValue(answer.result)} fails the invariant`);
  };

  // The baseline itself must be accepted.
  const baseline = makeArgs();
  await judge(baseline, { steps: [], name: '(baseline)' }, 'the baseline');
  // A skipped path is not broken, nor is anything inside it (it may be shared between calls).
  const skipped = (name: string) => [...skip].some((k) => name === k || name.startsWith(`${k}.`) || name.startsWith(`${k}[`));
  const targets = targetsOf(makeArgs(), params, c.depth ?? 3).filter((t) => !skipped(t.name));
  for (const target of targets) {
    for (const [label, value] of replacements()) {
      const args = makeArgs();
      place(args, target.steps, value);
      await judge(args, target, label);
    }
    // An options object without a prototype, and one with an own __proto__ key.
    const original = target.steps.reduce<unknown>((v, s) => (v as Record<Step, unknown>)[s], makeArgs());
    if (isPlainObject(original)) {
      const args = makeArgs();
      place(args, target.steps, Object.assign(Object.create(null), original));
      await judge(args, target, 'the same fields without a prototype');
      const polluting = makeArgs();
      place(polluting, target.steps, Object.assign(JSON.parse('{"__proto__": {"polluted": true}}'), original));
      await judge(polluting, target, 'the same fields and a __proto__ key');
    }
  }
  for (const [path, value] of c.extra?.() ?? []) {
    const target = targets.find((t) => t.name === path) ?? { steps: stepsOf(path, params), name: path };
    const args = makeArgs();
    if (target.steps.length > 0) place(args, target.steps, value);
    await judge(args, target, describeValue(value));
  }
  if (targets.length > 0 && randomRuns > 0) {
    const anything = fc.anything({ withNullPrototype: true, withBigInt: true, withTypedArray: true, maxDepth: 2, maxKeys: 4 });
    const samples = fc.sample(fc.tuple(fc.nat({ max: targets.length - 1 }), anything), { seed, numRuns: randomRuns });
    for (const [at, value] of samples) {
      const target = targets[at] as Target;
      const args = makeArgs();
      place(args, target.steps, value);
      await judge(args, target, describeValue(value));
    }
  }
  return report;
}

/** CPU time of this process in ms (user + system), or undefined outside Node. */
function cpuMs(): number | undefined {
  const usage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage;
  if (typeof usage !== 'function') return undefined;
  const { user, system } = usage();
  return (user + system) / 1000;
}

const TIMED_OUT = Symbol('timed out');

function describeThrown(error: unknown): string {
  if (error instanceof Error) {
    let message = '';
    try {
      message = String(error.message);
    } catch {
      message = '(a message that cannot be read)';
    }
    return `${error.name}: ${message}`;
  }
  return `a thrown ${describeValue(error)}`;
}
