// The box model: margins (auto ones for centring), padding, widths and heights with their limits,
// box-sizing, display, visibility and overflow.

import type { Declaration } from '../parse.js';
import type { ComputedStyle } from '../style.js';
import { parseLength, parseLinear } from '../values.js';
import { at, bad, SIDE, type Warn } from './shared.js';

/** The display values laid out as written. */
const GENERIC_DISPLAY = new Set([
  'none',
  'block',
  'inline',
  'inline-block',
  'flex',
  'grid',
  'list-item',
  'table',
  'table-cell',
  'table-row',
]);

/** Applies a box-model property; false when `d` is not one. */
export function applyBox(s: ComputedStyle, d: Declaration, v: string, warn: Warn): boolean {
  const { name, value } = d;
  switch (name) {
    case 'margin-top':
    case 'margin-right':
    case 'margin-bottom':
    case 'margin-left': {
      const i = SIDE[name.slice(7) as keyof typeof SIDE];
      const m = [...s.margin] as ComputedStyle['margin'];
      if (v === 'auto') {
        m[i] = 0;
        if (i === 1 || i === 3) {
          const auto: [boolean, boolean] = [...(s.marginAuto ?? [false, false])];
          auto[i === 3 ? 0 : 1] = true;
          s.marginAuto = auto;
        }
      } else {
        const l = parseLinear(v, s.fontSize);
        if (!l) {
          bad(d, warn);
          break;
        }
        // Percentages of the containing block's width: resolved against the page's content width.
        m[i] = l.points + (l.percent / 100) * 481.89;
        if (l.percent !== 0) warn(`percentage margin "${value}" taken of the A4 content width${at(d)}`);
        if (s.marginAuto && (i === 1 || i === 3)) {
          const auto: [boolean, boolean] = [...s.marginAuto];
          auto[i === 3 ? 0 : 1] = false;
          s.marginAuto = auto;
        }
      }
      s.margin = m;
      break;
    }
    case 'padding-top':
    case 'padding-right':
    case 'padding-bottom':
    case 'padding-left': {
      const i = SIDE[name.slice(8) as keyof typeof SIDE];
      const l = parseLength(v, s.fontSize);
      if (l === undefined || l < 0) {
        bad(d, warn);
        break;
      }
      const p = [...s.padding] as ComputedStyle['padding'];
      p[i] = l;
      s.padding = p;
      break;
    }
    case 'width':
    case 'height':
    case 'min-width':
    case 'max-width':
    case 'min-height':
    case 'max-height': {
      if (v === 'auto' || v === 'none' || (name.startsWith('min') && v === '0')) {
        if (name === 'width') delete s.width;
        break;
      }
      const l = parseLinear(v, s.fontSize);
      if (!l) {
        if (v === 'fit-content' || v === 'max-content' || v === 'min-content') warn(`${name}: ${value} taken as auto${at(d)}`);
        else bad(d, warn);
        break;
      }
      if (name === 'width')
        s.width =
          l.percent === 0
            ? { value: l.points, percent: false }
            : l.points === 0
              ? { value: l.percent, percent: true }
              : { value: l.percent, percent: true, offset: l.points };
      else if (name === 'min-width') s.minWidth = l;
      else if (name === 'max-width') s.maxWidth = l;
      else if (l.percent !== 0)
        warn(`percentage ${name} "${value}" ignored (the height of the containing block is not known)${at(d)}`);
      else if (name === 'height') s.height = l.points;
      else if (name === 'min-height') s.minHeight = l.points;
      else warn(`max-height "${value}" ignored${at(d)}`);
      break;
    }
    case 'box-sizing':
      if (v === 'border-box') s.boxSizing = 'border-box';
      else delete s.boxSizing;
      break;
    case 'display':
      if (GENERIC_DISPLAY.has(v)) s.display = v as ComputedStyle['display'];
      else if (v === 'inline-flex' || v === 'inline-grid') {
        s.display = v === 'inline-flex' ? 'flex' : 'grid';
        warn(`display: ${v} laid out as a block ${v.slice(7)} container${at(d)}`);
      } else if (v === 'contents') warn(`display: contents laid out as a block${at(d)}`);
      else if (v.startsWith('table-')) {
        // table-header-group and the like: the element's own table role is used.
      } else bad(d, warn);
      break;
    case 'visibility':
      if (v === 'hidden' || v === 'collapse') s.visibility = 'hidden';
      else delete s.visibility;
      break;
    case 'overflow-x':
    case 'overflow-y':
      // Content is laid out within its box; what would overflow is warned by the layout. A box
      // whose overflow is not visible contains its floats (CSS 2.1 §9.4.1).
      if (v === 'hidden' || v === 'auto' || v === 'scroll' || v === 'clip') s.overflowHidden = true;
      else if (v === 'visible') delete s.overflowHidden;
      break;
    default:
      return false;
  }
  return true;
}
