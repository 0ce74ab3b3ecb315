import type { AllCloseOptions } from './all-close.js';
import { TestkitError } from './errors.js';

/**
 * A tolerance for one value (`{ rtol?, atol? }`), or one per field or column
 * (`{ power: { rtol: 1e-6 }, n: { atol: 0 } }`). Fields a map does not name use the defaults.
 */
export type ToleranceSpec = AllCloseOptions | Readonly<Record<string, AllCloseOptions>>;

const toleranceKeys = new Set(['rtol', 'atol', 'equalNaN']);

/** Whether `spec` is one tolerance for every field rather than a map of them. */
export function isSingleTolerance(spec: ToleranceSpec): spec is AllCloseOptions {
  return Object.keys(spec).every((k) => toleranceKeys.has(k));
}

/**
 * The tolerance that applies to `field` under `spec`, on top of `defaults`; checks every number
 * so a bad tolerance is refused where it is written, naming `where` (a file, a vector, a field).
 */
export function toleranceFor(
  spec: ToleranceSpec | undefined,
  field: string,
  defaults: AllCloseOptions,
  where: string,
): AllCloseOptions {
  if (spec === undefined) return defaults;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new TestkitError('invalid-type', `${where}tolerance`, spec, 'an object { rtol?, atol? } or a map of them by field');
  }
  if (isSingleTolerance(spec)) return checked({ ...defaults, ...spec }, `${where}tolerance`);
  const own = (spec as Record<string, AllCloseOptions>)[field];
  if (own === undefined) return defaults;
  return checked({ ...defaults, ...own }, `${where}tolerance.${field}`);
}

function checked(t: AllCloseOptions, argument: string): AllCloseOptions {
  for (const key of ['rtol', 'atol'] as const) {
    const v = t[key];
    if (v !== undefined && (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v))) {
      throw new TestkitError('out-of-range', `${argument}.${key}`, v, 'a finite number ≥ 0');
    }
  }
  return t;
}
