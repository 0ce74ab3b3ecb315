// Backgrounds, borders and opacity: background colour (images are warned), the border sides'
// widths, styles and colours (gathered in `Pending` and resolved by `computeStyle`), the table
// border model, border-radius, and opacity.

import type { Declaration } from '../parse.js';
import { splitValue } from '../shorthands.js';
import type { ComputedStyle } from '../style.js';
import { parseColor, parseColorAlpha, parseLength } from '../values.js';
import { at, bad, type Pending, SIDE, type Warn } from './shared.js';

/** The border-width keywords, in points. */
const BORDER_WIDTHS: Record<string, number> = { thin: 0.75, medium: 2.25, thick: 3.75 };

/** Applies a background, border or opacity property; false when `d` is not one. */
export function applyBackground(s: ComputedStyle, d: Declaration, v: string, pending: Pending, warn: Warn): boolean {
  const { name, value } = d;
  switch (name) {
    case 'background-color': {
      if (v === 'transparent' || v === 'none') {
        delete s.background;
        break;
      }
      const c = v === 'currentcolor' ? { rgb: s.color, alpha: 1 } : parseColorAlpha(value);
      if (!c) bad(d, warn);
      else if (c.alpha === 0) delete s.background;
      else s.background = parseColor(value) ?? c.rgb;
      break;
    }
    case 'background-image':
      if (v !== 'none') warn(`background-image "${value.slice(0, 60)}" not drawn (background colours only)${at(d)}`);
      break;
    case 'border-top-width':
    case 'border-right-width':
    case 'border-bottom-width':
    case 'border-left-width': {
      const i = SIDE[name.split('-')[1] as keyof typeof SIDE];
      const w = Object.hasOwn(BORDER_WIDTHS, v) ? BORDER_WIDTHS[v] : parseLength(v, s.fontSize);
      if (w === undefined || w < 0) bad(d, warn);
      else pending.borderWidth[i] = w as number;
      break;
    }
    case 'border-top-style':
    case 'border-right-style':
    case 'border-bottom-style':
    case 'border-left-style':
      pending.borderStyle[SIDE[name.split('-')[1] as keyof typeof SIDE]] = v;
      break;
    case 'border-top-color':
    case 'border-right-color':
    case 'border-bottom-color':
    case 'border-left-color': {
      const i = SIDE[name.split('-')[1] as keyof typeof SIDE];
      if (v === 'currentcolor') pending.borderColor[i] = undefined;
      else {
        const c = parseColor(value);
        if (c) pending.borderColor[i] = c;
        else bad(d, warn);
      }
      break;
    }
    case 'border-collapse':
    case 'border-spacing':
    case 'table-layout':
    case 'empty-cells':
    case 'caption-side':
      // Borders are always drawn collapsed; the others are what the table layout does anyway.
      if (name === 'border-collapse' && v === 'separate') warn(`border-collapse: separate drawn collapsed${at(d)}`);
      break;
    case 'border-radius': {
      const first = splitValue(v.split('/')[0] ?? '')[0] ?? '';
      const r = parseLength(first, s.fontSize, 0);
      if (first.endsWith('%')) {
        // A pill or a circle: as round as the box allows (the radius is clamped when drawn).
        if (Number.parseFloat(first) > 0) s.borderRadius = Number.POSITIVE_INFINITY;
      } else if (r !== undefined) s.borderRadius = r;
      else bad(d, warn);
      break;
    }
    case 'opacity': {
      const n = v.endsWith('%') ? Number.parseFloat(v) / 100 : Number(v);
      if (!Number.isFinite(n)) bad(d, warn);
      else {
        s.opacity = Math.min(1, Math.max(0, n));
      }
      break;
    }
    default:
      return false;
  }
  return true;
}
