// What the property families share: the border declarations gathered until the element's borders
// are resolved, the side indices, and the warnings' wording.

import type { Declaration } from '../parse.js';
import type { Rgb } from '../values.js';

/** A border's sides as written, resolved once all of the element's declarations are in. */
export interface Pending {
  borderWidth: [number, number, number, number];
  borderStyle: [string, string, string, string];
  borderColor: (Rgb | undefined)[];
}

/** Where a warning is collected (the stylesheet's set of warnings). */
export type Warn = (m: string) => void;

/** Index of a side in `margin`, `padding`, `border` and `offsets`. */
export const SIDE = { top: 0, right: 1, bottom: 2, left: 3 } as const;

/** The line of the first declaration whose name starts with `prefix`, for a warning. */
export function lineOf(decls: Declaration[], prefix: string): string {
  const d = decls.find((x) => x.name.startsWith(prefix));
  return d ? at(d) : '';
}

/** ` (line N)` for a warning about a declaration. */
export function at(d: Declaration): string {
  return d.line ? ` (line ${d.line})` : '';
}

/** Warns that a declaration's value is not supported (the declaration is ignored). */
export function bad(d: Declaration, warn: Warn): void {
  warn(`unsupported value "${d.value}" for ${d.name} ignored${at(d)}`);
}
