// One declaration applied to a computed style: var() left over is warned, unknown properties
// are warned (screen-only ones silently dropped), `inherit`/`initial`/`unset`/`revert` are
// resolved here, and the rest goes to its family's module (text, backgrounds and borders, box,
// positioning, paged media, generated content, flex and grid).

import type { Declaration } from '../parse.js';
import { type BorderSide, type ComputedStyle, rootStyle } from '../style.js';
import { applyBackground } from './backgrounds.js';
import { applyBox } from './box.js';
import { flexProperty } from './flex.js';
import { applyGenerated } from './generated.js';
import { applyPaged } from './paged.js';
import { applyPosition } from './position.js';
import { INHERITED, SCREEN_ONLY, SUPPORTED } from './registry.js';
import { at, type Pending, SIDE, type Warn } from './shared.js';
import { applyText } from './text.js';

// Initial values of the inherited properties (what `initial` gives).
const INITIAL = rootStyle('');

/** Applies one declaration (not font-size: `applyFontSize` comes first) to `s`. */
export function apply(s: ComputedStyle, parent: ComputedStyle, d: Declaration, pending: Pending, warn: Warn): void {
  const { name, value } = d;
  let v = value.trim().toLowerCase();
  if (v.includes('var(')) {
    warn(`CSS custom property in "${name}: ${value}" not evaluated; declaration ignored${at(d)}`);
    return;
  }
  if (!SUPPORTED.has(name)) {
    if (!SCREEN_ONLY.has(name) && !name.startsWith('-webkit-') && !name.startsWith('-moz-') && !name.startsWith('-ms-'))
      warn(`unsupported CSS property "${name}" ignored${at(d)}`);
    return;
  }
  if (v === 'unset' || v === 'revert') v = INHERITED.has(name) ? 'inherit' : 'initial';
  if (v === 'inherit' || v === 'initial') {
    inheritOrInitial(s, v === 'inherit' ? parent : INITIAL, name, pending);
    return;
  }
  if (
    !applyText(s, parent, d, v, warn) &&
    !applyBackground(s, d, v, pending, warn) &&
    !applyBox(s, d, v, warn) &&
    !applyPosition(s, d, v, warn) &&
    !applyPaged(s, parent, d, v, warn) &&
    !applyGenerated(s, d, v, warn)
  )
    flexProperty(s, name, v, value, d, warn);
}

/** The ComputedStyle fields each longhand sets (for `inherit` and `initial`; sides are handled apart). */
const STYLE_FIELDS: Record<string, (keyof ComputedStyle)[]> = {
  'font-weight': ['bold'],
  'font-style': ['italic'],
  'font-family': ['fontFamily'],
  'font-variant': ['smallCaps'],
  color: ['color'],
  'background-color': ['background'],
  'text-align': ['textAlign'],
  direction: ['direction'],
  'vertical-align': ['verticalAlign', 'baselineShift'],
  'text-decoration': ['underline', 'lineThrough'],
  'text-decoration-line': ['underline', 'lineThrough'],
  'line-height': ['lineHeight'],
  width: ['width'],
  height: ['height'],
  'min-width': ['minWidth'],
  'max-width': ['maxWidth'],
  'min-height': ['minHeight'],
  'border-radius': ['borderRadius'],
  display: ['display'],
  'text-transform': ['textTransform'],
  'letter-spacing': ['letterSpacing'],
  'word-spacing': ['wordSpacing'],
  'white-space': ['whiteSpace'],
  'text-indent': ['textIndent'],
  opacity: ['opacity'],
  'list-style-type': ['listStyleType'],
  visibility: ['visibility'],
  'box-sizing': ['boxSizing'],
  float: ['float'],
  clear: ['clear'],
  position: ['position'],
  'z-index': ['zIndex'],
  orphans: ['orphans'],
  widows: ['widows'],
  'overflow-x': ['overflowHidden'],
  'overflow-y': ['overflowHidden'],
};

/** `inherit` (from the parent) or `initial` (from `INITIAL`) for one longhand. */
function inheritOrInitial(s: ComputedStyle, from: ComputedStyle, name: string, pending: Pending): void {
  const side = /^(margin|padding)-(top|right|bottom|left)$/.exec(name);
  if (side) {
    const i = SIDE[side[2] as keyof typeof SIDE];
    const key = side[1] as 'margin' | 'padding';
    const copy = [...s[key]] as [number, number, number, number];
    copy[i] = from[key][i] as number;
    s[key] = copy;
    return;
  }
  const b = /^border-(top|right|bottom|left)-(width|style|color)$/.exec(name);
  if (b) {
    const i = SIDE[b[1] as keyof typeof SIDE];
    const fb = from.border[i] as BorderSide;
    if (b[2] === 'width') pending.borderWidth[i] = fb.width > 0 ? fb.width : 1.5;
    else if (b[2] === 'style') pending.borderStyle[i] = fb.width > 0 ? (fb.style ?? 'solid') : 'none';
    else pending.borderColor[i] = fb.color;
    return;
  }
  const w = s as unknown as Record<string, unknown>;
  const f = from as unknown as Record<string, unknown>;
  for (const k of STYLE_FIELDS[name] ?? []) {
    if (f[k] === undefined) delete w[k];
    else w[k] = f[k];
  }
}
