// HTML's presentational attributes (`bgcolor`, `align`, `width`, a table's `border` and
// `cellpadding`, …) as style hints, and the attribute names that make two elements' styles differ.

import type { ElementNode } from '../html.js';
import type { Pending } from './properties/shared.js';
import type { ComputedStyle } from './style.js';
import { parseColor, parseLength, parseLinear } from './values.js';

/** Attributes that take part in an element's style (part of `computeStyle`'s cache key). */
export const PRESENTATIONAL_SET: ReadonlySet<string> = new Set([
  'border',
  'dir',
  'width',
  'height',
  'align',
  'valign',
  'bgcolor',
  'cellpadding',
  'color',
  'size',
  'face',
  'type',
  'start',
]);

/** A list's or item's `type` attribute as a list-style-type. */
const LIST_TYPES: Record<string, string> = {
  '1': 'decimal',
  a: 'lower-alpha',
  A: 'upper-alpha',
  i: 'lower-roman',
  I: 'upper-roman',
  disc: 'disc',
  circle: 'circle',
  square: 'square',
};

/** HTML's presentational attributes, as author-level hints below every rule (HTML §15.3). */
export function presentational(el: ElementNode, s: ComputedStyle, pending: Pending): void {
  const a = el.attrs;
  const dir = a.dir?.toLowerCase();
  if (dir === 'ltr' || dir === 'rtl' || dir === 'auto') s.direction = dir;
  const cell = el.tag === 'td' || el.tag === 'th';
  if (a.border !== undefined && (cell || el.tag === 'table')) {
    const n = a.border === '' ? 1 : Number(a.border);
    if (cell && Number.isFinite(n)) {
      // A table's border attribute draws its cells' borders, 1 px each (the layout collapses them).
      pending.borderWidth = [0.75, 0.75, 0.75, 0.75];
      pending.borderStyle = ['solid', 'solid', 'solid', 'solid'];
      pending.borderColor = [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ];
    }
  }
  if (a.width !== undefined && el.tag !== 'img' && el.tag !== 'svg') {
    const l = parseLinear(htmlLength(a.width), s.fontSize);
    if (l) s.width = l.percent ? { value: l.percent, percent: true } : { value: l.points, percent: false };
  }
  if (a.height !== undefined && el.tag !== 'img' && el.tag !== 'svg') {
    const h = parseLength(htmlLength(a.height), s.fontSize);
    if (h !== undefined) s.height = h;
  }
  const align = a.align?.toLowerCase();
  if (align === 'left' || align === 'right' || align === 'center' || align === 'justify') {
    if (el.tag === 'table' && align === 'center') s.marginAuto = [true, true];
    else if (el.tag !== 'table' && el.tag !== 'img') s.textAlign = align;
  }
  const valign = a.valign?.toLowerCase();
  if (valign === 'top' || valign === 'middle' || valign === 'bottom') s.verticalAlign = valign;
  if (a.bgcolor !== undefined) {
    const c = parseColor(a.bgcolor);
    if (c) s.background = c;
  }
  if ((el.tag === 'ol' || el.tag === 'ul' || el.tag === 'li') && a.type !== undefined) {
    const t = LIST_TYPES[a.type];
    if (t) s.listStyleType = t;
  }
  const padding = cell ? tableOf(el)?.attrs.cellpadding : undefined;
  if (padding !== undefined) {
    const p = parseLength(htmlLength(padding), s.fontSize);
    if (p !== undefined) s.padding = [p, p, p, p];
  }
  if (el.tag === 'font' && a.color !== undefined) {
    const c = parseColor(a.color);
    if (c) s.color = c;
  }
}

/** The table a cell is in. */
export function tableOf(el: ElementNode): ElementNode | undefined {
  for (let p = el.parent; p; p = p.parent) if (p.tag === 'table') return p;
  return undefined;
}

/** An HTML length attribute as CSS: a bare number is pixels (`width="120"`), anything else as written. */
function htmlLength(value: string): string {
  return /^\d+(\.\d+)?$/.test(value) ? `${value}px` : value;
}
