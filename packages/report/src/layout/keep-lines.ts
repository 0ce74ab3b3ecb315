// Orphans and widows: a paragraph's first and last lines grouped into unbreakable atoms.

import type { ComputedStyle } from '../css/computed.js';
import { type Atom, placeAtoms } from './boxes.js';

/**
 * `orphans` and `widows` (CSS Fragmentation 3 §4.4): a paragraph's first `orphans` lines and its
 * last `widows` lines are each made one unbreakable atom, so a page break falls only where both
 * are kept; a paragraph with fewer lines than the two together moves whole.
 */
export function keepLines(atoms: Atom[], s: ComputedStyle): Atom[] {
  const orphans = s.orphans ?? 2;
  const widows = s.widows ?? 2;
  if (atoms.length < 2 || (orphans <= 1 && widows <= 1)) return atoms;
  const lines: number[] = [];
  for (let i = 0; i < atoms.length; i++) if ((atoms[i] as Atom).kind === 'line') lines.push(i);
  const n = lines.length;
  if (n < 2) return atoms;
  if (n < orphans + widows) return [mergeLines(atoms)];
  const headEnd = (lines[Math.max(0, orphans - 1)] as number) + 1;
  const tailStart = lines[n - Math.max(1, widows)] as number;
  return [
    ...(orphans > 1 ? [mergeLines(atoms.slice(0, headEnd))] : atoms.slice(0, headEnd)),
    ...atoms.slice(headEnd, tailStart),
    ...(widows > 1 ? [mergeLines(atoms.slice(tailStart))] : atoms.slice(tailStart)),
  ];
}

/** Lines (and the gaps between them) as one atom, keeping what the paginator reads of them. */
function mergeLines(group: Atom[]): Atom {
  if (group.length === 1) return group[0] as Atom;
  const placed = placeAtoms(group);
  const out: Atom = { kind: 'line', height: placed.height, draws: placed.draws };
  if (placed.under.length > 0) out.under = placed.under;
  if (placed.heading) out.heading = placed.heading;
  if (placed.strings) out.strings = placed.strings;
  let y = 0;
  let reserve = 0;
  for (const a of group) {
    if (a.anchor && out.anchor === undefined) out.anchor = a.anchor;
    if (a.reserve) reserve = Math.max(reserve, y + a.reserve);
    y += a.height;
  }
  if (reserve > 0) out.reserve = reserve;
  return out;
}
