// Computed values: the cascaded declarations of an element, resolved against its parent's style
// (inheritance as CSS 2.1 §6.2 defines it; `inherit`, `initial`, `unset`), lengths in points.
//
// This module is the entry the layout imports from. It holds `computeStyle` and its cache, the
// order declarations are applied in, the resolved borders and opacity, and `pseudoStyle`. The rest:
//   style.ts            the ComputedStyle type, the root style, deriveStyle
//   vars.ts             var() substitution
//   presentational.ts   HTML attributes as style hints
//   properties/         each property's parsing, by family (registry, apply, text, backgrounds,
//                       box, position, paged, generated, flex; shared helpers)

import type { ElementNode } from '../html.js';
import type { Stylesheet } from './cascade.js';
import type { Declaration } from './parse.js';
import { PRESENTATIONAL_SET, presentational, tableOf } from './presentational.js';
import { apply } from './properties/apply.js';
import { generated } from './properties/generated.js';
import { at, lineOf, type Pending } from './properties/shared.js';
import { applyFontSize } from './properties/text.js';
import { type BorderSide, type ComputedStyle, NO_BORDER } from './style.js';
import type { Rgb } from './values.js';
import { resolveVars } from './vars.js';

export { Stylesheet } from './cascade.js';
export { parseContent } from './properties/generated.js';
export { SUPPORTED_PROPERTIES } from './properties/registry.js';
export {
  type BorderSide,
  type BorderStyle,
  type ComputedStyle,
  type ContentPart,
  deriveStyle,
  type FlexStyle,
  rootStyle,
} from './style.js';
export { parseColor, parseLength, type Rgb } from './values.js';
export { substituteVars } from './vars.js';

/**
 * Computes an element's style from its parent's: inherited properties (font, colour, alignment,
 * line height, …) carry over, box properties start afresh.
 */
export function computeStyle(el: ElementNode, parent: ComputedStyle, sheet: Stylesheet): ComputedStyle {
  const matched = sheet.match(el);
  // Table rows repeat the same elements thousands of times: compute each combination once.
  const a = el.attrs;
  let key = `${el.tag}|${matched.key}`;
  if (a.style !== undefined) key += `|s${a.style}`;
  for (const name in a) if (PRESENTATIONAL_SET.has(name)) key += `|${name}=${a[name]}`;
  if (el.tag === 'td' || el.tag === 'th') {
    const padding = tableOf(el)?.attrs.cellpadding;
    if (padding !== undefined) key += `|cellpadding=${padding}`;
  }
  let byParent = sheet.cache.get(parent);
  if (!byParent) {
    byParent = new Map();
    sheet.cache.set(parent, byParent);
  }
  let style = byParent.get(key);
  if (!style) {
    style = Object.freeze(compute(el, parent, sheet, matched)) as ComputedStyle;
    byParent.set(key, style);
    sheet.computed++;
  }
  return style;
}

function compute(
  el: ElementNode,
  parent: ComputedStyle,
  sheet: Stylesheet,
  matched: ReturnType<Stylesheet['match']>,
): ComputedStyle {
  const s: ComputedStyle = {
    ...parent,
    margin: [0, 0, 0, 0],
    padding: [0, 0, 0, 0],
    border: [NO_BORDER, NO_BORDER, NO_BORDER, NO_BORDER],
    verticalAlign: parent.verticalAlign,
    breakBefore: false,
    breakAfter: false,
    avoidBreakInside: false,
  };
  for (const k of [
    'background',
    'width',
    'height',
    'display',
    'marginAuto',
    'borderRadius',
    'minWidth',
    'maxWidth',
    'minHeight',
    'boxSizing',
    'opacity',
    'before',
    'after',
    'counterReset',
    'counterIncrement',
    'counterSet',
    'flex',
    'stringSet',
    'avoidBreakAfter',
    'float',
    'clear',
    'position',
    'offsets',
    'zIndex',
    'overflowHidden',
    'running',
  ] as const)
    delete s[k];
  // Generated content applies to this element only; a raise applies to its descendants too.
  const pending: Pending = {
    borderWidth: [1.5, 1.5, 1.5, 1.5],
    borderStyle: ['none', 'none', 'none', 'none'],
    borderColor: [undefined, undefined, undefined, undefined],
  };
  const warn = (m: string) => sheet.warnings.add(m);
  const decls = matched.declarations;
  // The user agent's rules, then HTML's presentational hints, then the document's (CSS Cascading 4 §6.4).
  const ua = matched.userAgent ?? 0;
  // Custom properties first: every declaration of the element may refer to them (var()).
  let own: Record<string, string> | undefined;
  for (const d of decls) {
    if (!d.name.startsWith('--')) continue;
    own ??= { ...parent.vars };
    const v = d.value.trim();
    if (v.toLowerCase() === 'initial') delete own[d.name];
    else if (v.toLowerCase() !== 'inherit') own[d.name] = v;
  }
  if (own) s.vars = own;
  const layer = (raw: Declaration[]) => {
    const list = raw.some((d) => d.name.startsWith('--') || d.value.includes('var(')) ? resolveVars(raw, s.vars, warn) : raw;
    // font-size first: em lengths in the same rule refer to it.
    for (const d of list) if (d.name === 'font-size') applyFontSize(s, parent, d, warn);
    for (const d of list) if (d.name === 'color') apply(s, parent, d, pending, warn);
    for (const d of list) if (d.name !== 'font-size' && d.name !== 'color') apply(s, parent, d, pending, warn);
  };
  layer(decls.slice(0, ua));
  presentational(el, s, pending);
  layer(decls.slice(ua));
  // Borders: a style of none (the initial value) makes the width 0 (CSS Backgrounds 3 §4.3).
  const border = pending.borderWidth.map((w, i) => {
    const st = pending.borderStyle[i] as string;
    if (st === 'none' || st === 'hidden' || w <= 0) return NO_BORDER;
    const side: BorderSide = { width: w, color: pending.borderColor[i] ?? s.color };
    if (st === 'dashed' || st === 'dotted' || st === 'double') side.style = st;
    else if (st !== 'solid') warn(`border-style "${st}" drawn as solid${lineOf(decls, 'border')}`);
    return side;
  });
  if (border.some((b) => b !== NO_BORDER)) s.border = border as ComputedStyle['border'];
  fadeColours(s, parent);
  if (matched.before) generated(s, matched.before, 'before', warn);
  if (matched.after) generated(s, matched.after, 'after', warn);
  if (matched.marker)
    for (const d of matched.marker)
      if (d.name === 'content') warn(`::marker content ignored (list-style-type sets the marker)${at(d)}`);
  return s;
}

/**
 * `opacity`: the element's colours composited over white by its opacity and its ancestors' (the
 * page is white; where faded boxes overlap others the result is lighter than true transparency).
 * A colour inherited from the parent is already faded by the parent's share.
 */
function fadeColours(s: ComputedStyle, parent: ComputedStyle): void {
  const own = s.opacity ?? 1;
  const fade = (parent.fade ?? 1) * own;
  if (fade >= 1) {
    delete s.fade;
    return;
  }
  s.fade = fade;
  const mix = (c: Rgb, a: number): Rgb => [1 - a * (1 - c[0]), 1 - a * (1 - c[1]), 1 - a * (1 - c[2])];
  if (s.color === parent.color) {
    if (own < 1) s.color = mix(s.color, own);
  } else s.color = mix(s.color, fade);
  if (s.background) s.background = mix(s.background, fade);
  if (s.border.some((b) => b.width > 0))
    s.border = s.border.map((b) => (b.width > 0 ? { ...b, color: mix(b.color, fade) } : b)) as ComputedStyle['border'];
}

const pseudoCache = new WeakMap<ComputedStyle, { before?: ComputedStyle; after?: ComputedStyle }>();
const PSEUDO_ELEMENT: ElementNode = Object.freeze({
  type: 'element',
  tag: '::pseudo',
  attrs: Object.freeze({}),
  children: [],
}) as unknown as ElementNode;

/** The style of an element's `::before` or `::after`: a child of the element, styled by its own rules. */
export function pseudoStyle(s: ComputedStyle, which: 'before' | 'after', sheet: Stylesheet): ComputedStyle {
  const decls = which === 'before' ? s.beforeDecls : s.afterDecls;
  if (!decls) return s;
  let entry = pseudoCache.get(s);
  if (!entry) {
    entry = {};
    pseudoCache.set(s, entry);
  }
  let out = entry[which];
  if (!out) {
    out = Object.freeze(compute(PSEUDO_ELEMENT, s, sheet, { key: '', declarations: decls })) as ComputedStyle;
    entry[which] = out;
  }
  return out;
}
