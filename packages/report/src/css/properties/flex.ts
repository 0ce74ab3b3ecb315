// Flex and grid containers and items: the properties `layout/flex.ts` reads, gathered in the
// style's `flex` object.

import type { Declaration } from '../parse.js';
import type { ComputedStyle, FlexStyle } from '../style.js';
import { parseLength, parseLinear } from '../values.js';
import { at, type Warn } from './shared.js';

/** Applies a flex or grid property (what the other families leave; anything else changes nothing). */
export function flexProperty(s: ComputedStyle, name: string, v: string, value: string, d: Declaration, warn: Warn): void {
  const f: FlexStyle = { ...(s.flex ?? {}) };
  switch (name) {
    case 'flex-direction':
      if (v === 'row' || v === 'column' || v === 'row-reverse' || v === 'column-reverse') f.direction = v;
      break;
    case 'flex-wrap':
      f.wrap = v === 'wrap' || v === 'wrap-reverse';
      break;
    case 'justify-content':
      f.justify = v;
      break;
    case 'align-items':
      f.alignItems = v;
      break;
    case 'align-self':
      f.alignSelf = v;
      break;
    case 'align-content':
      break;
    case 'flex-grow':
    case 'flex-shrink':
    case 'order': {
      const n = Number(v);
      if (!Number.isFinite(n)) {
        warn(`unsupported value "${value}" for ${name} ignored${at(d)}`);
        return;
      }
      if (name === 'flex-grow') f.grow = n;
      else if (name === 'flex-shrink') f.shrink = n;
      else f.order = n;
      break;
    }
    case 'flex-basis': {
      if (v === 'auto' || v === 'content') delete f.basis;
      else {
        const l = parseLinear(v, s.fontSize);
        if (l) f.basis = l;
      }
      break;
    }
    case 'row-gap':
    case 'column-gap': {
      const l = v === 'normal' ? 0 : parseLength(v, s.fontSize, 0);
      if (l === undefined) {
        warn(`unsupported value "${value}" for ${name} ignored${at(d)}`);
        return;
      }
      if (name === 'row-gap') f.rowGap = l;
      else f.columnGap = l;
      break;
    }
    case 'grid-template-columns':
      f.gridTemplateColumns = value.trim();
      break;
    case 'grid-template-rows':
      f.gridTemplateRows = value.trim();
      if (!/^(none|auto)(\s+auto)*$/.test(v))
        warn(`grid-template-rows "${value}" not applied (rows are as tall as their content)${at(d)}`);
      break;
    case 'grid-template-areas':
      f.gridTemplateAreas = value.trim();
      break;
    case 'grid-column-start':
      f.gridColumn = [v, f.gridColumn?.[1] ?? 'auto'];
      break;
    case 'grid-column-end':
      f.gridColumn = [f.gridColumn?.[0] ?? 'auto', v];
      break;
    case 'grid-row-start':
      f.gridRow = [v, f.gridRow?.[1] ?? 'auto'];
      break;
    case 'grid-row-end':
      f.gridRow = [f.gridRow?.[0] ?? 'auto', v];
      break;
    case 'grid-area':
      f.gridArea = value.trim();
      break;
  }
  s.flex = f;
}
