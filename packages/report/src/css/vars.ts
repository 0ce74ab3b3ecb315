// Custom properties (CSS Variables 1): var() substitution with fallbacks, loops cut at depth 20.

import type { Declaration } from './parse.js';
import { at, type Warn } from './properties/shared.js';
import { expandShorthand } from './shorthands.js';

/** Declarations with var() substituted (CSS Variables 1 §3) and shorthands expanded; custom properties dropped. */
export function resolveVars(list: Declaration[], vars: Readonly<Record<string, string>> | undefined, warn: Warn): Declaration[] {
  const out: Declaration[] = [];
  for (const d of list) {
    if (d.name.startsWith('--')) continue;
    if (!/var\(/i.test(d.value)) {
      out.push(d);
      continue;
    }
    const value = substituteVars(d.value, vars, 0);
    if (value === undefined) {
      warn(
        `"${d.name}: ${d.value}" refers to a custom property that is not set and has no fallback; declaration ignored${at(d)}`,
      );
      continue;
    }
    for (const [name, v] of expandShorthand(d.name, value)) out.push({ ...d, name, value: v });
  }
  return out;
}

/** `value` with each var(--name, fallback) replaced; undefined when one has no value (or they loop). */
export function substituteVars(
  value: string,
  vars: Readonly<Record<string, string>> | undefined,
  depth: number,
): string | undefined {
  if (depth > 20) return undefined;
  let out = '';
  let i = 0;
  const lower = value.toLowerCase();
  for (;;) {
    const k = lower.indexOf('var(', i);
    if (k < 0) return out + value.slice(i);
    out += value.slice(i, k);
    let nest = 0;
    let comma = -1;
    let j = k + 3;
    for (; j < value.length; j++) {
      const c = value[j];
      if (c === '(') nest++;
      else if (c === ')' && --nest === 0) break;
      else if (c === ',' && nest === 1 && comma < 0) comma = j;
    }
    if (j >= value.length) return undefined;
    const name = value.slice(k + 4, comma < 0 ? j : comma).trim();
    const fallback = comma < 0 ? undefined : value.slice(comma + 1, j).trim();
    let rep = vars && Object.hasOwn(vars, name) ? substituteVars(vars[name] as string, vars, depth + 1) : undefined;
    if (rep === undefined && fallback !== undefined) rep = substituteVars(fallback, vars, depth + 1);
    if (rep === undefined) return undefined;
    out += rep;
    i = j + 1;
  }
}
