// Positioning and floats: float, clear, position (relative, absolute, fixed, sticky as relative,
// and GCPM's running()), the top/right/bottom/left offsets and z-index.

import type { Declaration } from '../parse.js';
import type { ComputedStyle } from '../style.js';
import { parseLinear } from '../values.js';
import { at, bad, SIDE, type Warn } from './shared.js';

/** Applies a positioning or float property; false when `d` is not one. */
export function applyPosition(s: ComputedStyle, d: Declaration, v: string, warn: Warn): boolean {
  const { name, value } = d;
  switch (name) {
    case 'float':
      if (v === 'left' || v === 'right') s.float = v;
      else if (v === 'inline-start' || v === 'inline-end')
        s.float = (v === 'inline-start') === (s.direction !== 'rtl') ? 'left' : 'right';
      else if (v === 'none') delete s.float;
      else bad(d, warn);
      break;
    case 'clear':
      if (v === 'left' || v === 'right' || v === 'both') s.clear = v;
      else if (v === 'none') delete s.clear;
      else bad(d, warn);
      break;
    case 'position':
      delete s.running;
      if (v === 'relative' || v === 'absolute' || v === 'fixed') s.position = v;
      else if (v === 'static') delete s.position;
      else if (/^running\(\s*-?[_a-z][\w-]*\s*\)$/.test(v)) {
        // CSS GCPM 3 §2: out of the flow, shown by element() in the page's margin boxes.
        delete s.position;
        s.running = (/\(\s*([\w-]+)/.exec(value) as RegExpExecArray)[1] as string;
      } else if (v === 'sticky') {
        // On paper nothing scrolls: a sticky box stays where the flow puts it, as a relative one.
        s.position = 'relative';
        warn(`position: sticky laid out as relative (nothing scrolls on paper)${at(d)}`);
      } else bad(d, warn);
      break;
    case 'top':
    case 'right':
    case 'bottom':
    case 'left': {
      const i = SIDE[name as keyof typeof SIDE];
      const o = s.offsets
        ? ([...s.offsets] as NonNullable<ComputedStyle['offsets']>)
        : [undefined, undefined, undefined, undefined];
      if (v === 'auto') o[i] = undefined;
      else {
        const l = parseLinear(v, s.fontSize);
        if (!l) {
          bad(d, warn);
          break;
        }
        o[i] = l;
      }
      s.offsets = o as NonNullable<ComputedStyle['offsets']>;
      break;
    }
    case 'z-index':
      if (v === 'auto') delete s.zIndex;
      else if (/^[-+]?\d+$/.test(v)) s.zIndex = Number(v);
      else bad(d, warn);
      break;
    default:
      return false;
  }
  return true;
}
