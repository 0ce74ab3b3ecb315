// Computed values: the cascaded declarations of an element, resolved against its parent's style
// (inheritance as CSS 2.1 §6.2 defines it; `inherit`, `initial`, `unset`), lengths in points.

import type { ElementNode } from '../html.js';
import type { Stylesheet } from './cascade.js';
import type { Declaration } from './parse.js';
import { expandShorthand, splitValue } from './shorthands.js';
import { type Linear, parseColor, parseColorAlpha, parseLength, parseLinear, type Rgb } from './values.js';

export { Stylesheet } from './cascade.js';
export { parseColor, parseLength, type Rgb } from './values.js';

/** A border's line style; `none` and `hidden` compute to a zero width. */
export type BorderStyle = 'solid' | 'dashed' | 'dotted' | 'double';

/** One side's border. */
export interface BorderSide {
  width: number;
  color: Rgb;
  style?: BorderStyle;
}

/** Generated content of `::before`/`::after`: text pieces resolved when the element is laid out. */
export type ContentPart =
  | { kind: 'text'; text: string }
  | { kind: 'attr'; name: string }
  | { kind: 'counter'; name: string; style: string }
  | { kind: 'counters'; name: string; separator: string; style: string }
  | { kind: 'quote'; open: boolean }
  /** `string-set`'s `content()`: the element's text (`before`/`after`: its pseudo-elements'). */
  | { kind: 'content'; which: 'text' | 'before' | 'after' }
  /** A margin box's `string(name, which)`: a running header set by `string-set` (CSS GCPM 3 §1). */
  | { kind: 'string'; name: string; which: 'first' | 'start' | 'last' | 'first-except' }
  /** A margin box's `element(name, which)`: a running element (`position: running(name)`). */
  | { kind: 'element'; name: string; which: 'first' | 'start' | 'last' | 'first-except' };

/** The computed style of an element, lengths in PDF points (1/72 in). */
export interface ComputedStyle {
  fontFamily: string[];
  fontSize: number;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  lineThrough?: boolean;
  smallCaps?: boolean;
  color: Rgb;
  background?: Rgb;
  textAlign?: 'left' | 'right' | 'center' | 'justify';
  /** Base direction of the text (CSS `direction`, HTML `dir`); 'auto' takes it from the first strong character. */
  direction?: 'ltr' | 'rtl' | 'auto';
  /** Cells: where their content sits. */
  verticalAlign: 'top' | 'middle' | 'bottom';
  /** Inline boxes: how far the baseline is raised (positive up), points, summed over ancestors. */
  baselineShift?: number;
  lineHeight: number;
  margin: [number, number, number, number];
  /** `margin-left`/`margin-right: auto` (block centring). */
  marginAuto?: [boolean, boolean];
  padding: [number, number, number, number];
  border: [BorderSide, BorderSide, BorderSide, BorderSide];
  borderRadius?: number;
  width?: { value: number; percent: boolean; offset?: number };
  height?: number;
  minWidth?: Linear;
  maxWidth?: Linear;
  minHeight?: number;
  boxSizing?: 'border-box';
  breakBefore: boolean;
  breakAfter: boolean;
  avoidBreakInside: boolean;
  avoidBreakAfter?: boolean;
  display?: 'none' | 'block' | 'inline' | 'inline-block' | 'flex' | 'grid' | 'list-item' | 'table' | 'table-cell' | 'table-row';
  textTransform?: 'uppercase' | 'lowercase' | 'capitalize';
  letterSpacing?: number;
  wordSpacing?: number;
  whiteSpace?: 'pre' | 'pre-wrap' | 'nowrap' | 'pre-line';
  textIndent?: number;
  opacity?: number;
  listStyleType?: string;
  visibility?: 'hidden';
  /** `::before` and `::after` content, and their own declarations besides `content`. */
  before?: ContentPart[];
  after?: ContentPart[];
  beforeDecls?: Declaration[];
  afterDecls?: Declaration[];
  counterReset?: [string, number][];
  counterIncrement?: [string, number][];
  /** `counter-set` (CSS Lists 3 §4.3): values given to counters in scope, after resets and increments. */
  counterSet?: [string, number][];
  /** Flex containers and items. */
  flex?: FlexStyle;
  /** The used page name (`page`, CSS Paged Media 3 §6): the element's, else its parent's; undefined for none. */
  page?: string;
  /** `string-set`. */
  stringSet?: [string, ContentPart[]][];
  /** Least lines of a paragraph left at the bottom of a page (`orphans`) and carried to the top of the next (`widows`); 2 when not set. */
  orphans?: number;
  widows?: number;
  /** `opacity` of the element times its ancestors': its colours are composited over white by it. */
  fade?: number;
  /** Custom properties (`--name: value`), inherited (CSS Variables 1). */
  vars?: Readonly<Record<string, string>>;
  /** CSS 2.1 §9.5: a float, taken out of the flow to its side; lines wrap around it. */
  float?: 'left' | 'right';
  /** Moves the box below earlier floats of that side. */
  clear?: 'left' | 'right' | 'both';
  /** `position` other than static (CSS 2.1 §9.3). */
  position?: 'relative' | 'absolute' | 'fixed';
  /** `top`, `right`, `bottom`, `left` (auto: undefined), percentages of the containing block. */
  offsets?: [Linear | undefined, Linear | undefined, Linear | undefined, Linear | undefined];
  /** `position: running(name)`: the element leaves the flow for the margin boxes' `element(name)`. */
  running?: string;
  /** `z-index` of a positioned box: below zero it is drawn beneath the flow. */
  zIndex?: number;
  /** `overflow` other than visible: the box contains its floats (a block formatting context). */
  overflowHidden?: boolean;
}

/** The flexbox properties of an element. */
export interface FlexStyle {
  direction?: 'row' | 'column' | 'row-reverse' | 'column-reverse';
  wrap?: boolean;
  justify?: string;
  alignItems?: string;
  alignSelf?: string;
  grow?: number;
  shrink?: number;
  basis?: Linear;
  order?: number;
  rowGap?: number;
  columnGap?: number;
  gridTemplateColumns?: string;
  gridTemplateRows?: string;
  gridTemplateAreas?: string;
  gridColumn?: [string, string];
  gridRow?: [string, string];
  gridArea?: string;
}

const NO_BORDER: BorderSide = Object.freeze({ width: 0, color: [0, 0, 0] as Rgb });

/** The initial style of the root. */
export function rootStyle(fontFamily: string): ComputedStyle {
  return {
    fontFamily: [fontFamily],
    fontSize: 10,
    bold: false,
    italic: false,
    underline: false,
    color: [0, 0, 0],
    verticalAlign: 'top',
    lineHeight: 1.3,
    margin: [0, 0, 0, 0],
    padding: [0, 0, 0, 0],
    border: [NO_BORDER, NO_BORDER, NO_BORDER, NO_BORDER],
    breakBefore: false,
    breakAfter: false,
    avoidBreakInside: false,
  };
}

// Properties the computed stage resolves and the layout draws as written.
const SUPPORTED = new Set([
  'font-size',
  'font-weight',
  'font-style',
  'font-family',
  'font-variant',
  'font-variant-caps',
  'color',
  'background-color',
  'background-image',
  'text-align',
  'direction',
  'vertical-align',
  'text-decoration',
  'text-decoration-line',
  'line-height',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-top-width',
  'border-right-width',
  'border-bottom-width',
  'border-left-width',
  'border-top-style',
  'border-right-style',
  'border-bottom-style',
  'border-left-style',
  'border-top-color',
  'border-right-color',
  'border-bottom-color',
  'border-left-color',
  'border-collapse',
  'border-spacing',
  'border-radius',
  'width',
  'height',
  'min-width',
  'max-width',
  'min-height',
  'max-height',
  'box-sizing',
  'break-before',
  'break-after',
  'break-inside',
  'orphans',
  'widows',
  'display',
  'text-transform',
  'letter-spacing',
  'word-spacing',
  'white-space',
  'text-indent',
  'opacity',
  'list-style-type',
  'list-style-position',
  'visibility',
  'content',
  'counter-reset',
  'counter-increment',
  'counter-set',
  'quotes',
  'overflow-x',
  'overflow-y',
  'overflow-wrap',
  'word-break',
  'flex-direction',
  'flex-wrap',
  'justify-content',
  'align-items',
  'align-self',
  'align-content',
  'flex-grow',
  'flex-shrink',
  'flex-basis',
  'order',
  'row-gap',
  'column-gap',
  'grid-template-columns',
  'grid-template-rows',
  'grid-template-areas',
  'grid-column-start',
  'grid-column-end',
  'grid-row-start',
  'grid-row-end',
  'grid-area',
  'string-set',
  'page',
  'table-layout',
  'empty-cells',
  'caption-side',
  'float',
  'clear',
  'position',
  'top',
  'right',
  'bottom',
  'left',
  'z-index',
]);

// Properties with no effect on a printed page: accepted without a warning (nothing is lost).
const SCREEN_ONLY = new Set([
  'cursor',
  'transition',
  'transition-property',
  'transition-duration',
  'transition-timing-function',
  'transition-delay',
  'animation',
  'animation-name',
  'animation-duration',
  'pointer-events',
  'user-select',
  '-webkit-user-select',
  'resize',
  'scroll-behavior',
  'will-change',
  'caret-color',
  'appearance',
  '-webkit-appearance',
  '-webkit-print-color-adjust',
  'print-color-adjust',
  'color-adjust',
  '-webkit-font-smoothing',
  '-moz-osx-font-smoothing',
  'text-rendering',
  'font-feature-settings',
  'font-kerning',
  'font-display',
  'src',
  'unicode-range',
  'size',
  'marks',
  'bleed',
  'hyphens',
  '-webkit-hyphens',
  'tab-size',
  'outline-offset',
  'touch-action',
  'content-visibility',
]);

/** The properties the layout reads (longhands; shorthands are expanded into them). */
export const SUPPORTED_PROPERTIES: ReadonlySet<string> = SUPPORTED;

const INHERITED = new Set([
  'font-size',
  'font-weight',
  'font-style',
  'font-family',
  'font-variant',
  'font-variant-caps',
  'color',
  'text-align',
  'direction',
  'line-height',
  'text-transform',
  'letter-spacing',
  'word-spacing',
  'white-space',
  'text-indent',
  'list-style-type',
  'list-style-position',
  'visibility',
  'quotes',
  'orphans',
  'widows',
  'border-collapse',
  'border-spacing',
  'overflow-wrap',
  'word-break',
]);

const derivedStyles = new WeakMap<ComputedStyle, Map<string, ComputedStyle>>();

/**
 * A style made from `s` by layout (a flex item at its final width, a block with its clearance
 * taken), one object per `s` and `key`: styles are cache keys (children's computed styles, font
 * resolvers), so a derived style made afresh at each layout would compute its children again. At
 * most 64 variants of one style are kept.
 */
export function deriveStyle(s: ComputedStyle, key: string, make: () => ComputedStyle): ComputedStyle {
  let variants = derivedStyles.get(s);
  if (!variants) {
    variants = new Map();
    derivedStyles.set(s, variants);
  }
  let d = variants.get(key);
  if (!d) {
    if (variants.size >= 64) variants.clear();
    d = Object.freeze(make()) as ComputedStyle;
    variants.set(key, d);
  }
  return d;
}

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

const PRESENTATIONAL_SET: ReadonlySet<string> = new Set([
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

interface Pending {
  borderWidth: [number, number, number, number];
  borderStyle: [string, string, string, string];
  borderColor: (Rgb | undefined)[];
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
    for (const d of list) if (d.name === 'color') apply(s, parent, d, pending, warn, el);
    for (const d of list) if (d.name !== 'font-size' && d.name !== 'color') apply(s, parent, d, pending, warn, el);
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
  if (matched.before) generated(s, parent, matched.before, 'before', warn, el);
  if (matched.after) generated(s, parent, matched.after, 'after', warn, el);
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

/** Declarations with var() substituted (CSS Variables 1 §3) and shorthands expanded; custom properties dropped. */
function resolveVars(
  list: Declaration[],
  vars: Readonly<Record<string, string>> | undefined,
  warn: (m: string) => void,
): Declaration[] {
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

function lineOf(decls: Declaration[], prefix: string): string {
  const d = decls.find((x) => x.name.startsWith(prefix));
  return d ? at(d) : '';
}

function at(d: Declaration): string {
  return d.line ? ` (line ${d.line})` : '';
}

/** HTML's presentational attributes, as author-level hints below every rule (HTML §15.3). */
function presentational(el: ElementNode, s: ComputedStyle, pending: Pending): void {
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
    const l = parseLinear(/^\d+(\.\d+)?$/.test(a.width) ? `${a.width}px` : a.width, s.fontSize);
    if (l) s.width = l.percent ? { value: l.percent, percent: true } : { value: l.points, percent: false };
  }
  if (a.height !== undefined && el.tag !== 'img' && el.tag !== 'svg') {
    const h = parseLength(/^\d+(\.\d+)?$/.test(a.height) ? `${a.height}px` : a.height, s.fontSize);
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
    const TYPES: Record<string, string> = {
      '1': 'decimal',
      a: 'lower-alpha',
      A: 'upper-alpha',
      i: 'lower-roman',
      I: 'upper-roman',
      disc: 'disc',
      circle: 'circle',
      square: 'square',
    };
    const t = TYPES[a.type];
    if (t) s.listStyleType = t;
  }
  const padding = cell ? tableOf(el)?.attrs.cellpadding : undefined;
  if (padding !== undefined) {
    const p = parseLength(/^\d+(\.\d+)?$/.test(padding) ? `${padding}px` : padding, s.fontSize);
    if (p !== undefined) s.padding = [p, p, p, p];
  }
  if (el.tag === 'font' && a.color !== undefined) {
    const c = parseColor(a.color);
    if (c) s.color = c;
  }
}

/** The table a cell is in. */
function tableOf(el: ElementNode): ElementNode | undefined {
  for (let p = el.parent; p; p = p.parent) if (p.tag === 'table') return p;
  return undefined;
}

function applyFontSize(s: ComputedStyle, parent: ComputedStyle, d: Declaration, warn: (m: string) => void): void {
  const v = d.value.toLowerCase();
  const KEYWORDS: Record<string, number> = {
    'xx-small': 7,
    'x-small': 7.5,
    small: 10,
    medium: 12,
    large: 13.5,
    'x-large': 18,
    'xx-large': 24,
    'xxx-large': 36,
  };
  if (v === 'inherit' || v === 'unset') s.fontSize = parent.fontSize;
  else if (v === 'initial') s.fontSize = 12;
  else if (Object.hasOwn(KEYWORDS, v)) s.fontSize = KEYWORDS[v] as number;
  else if (v === 'smaller') s.fontSize = parent.fontSize / 1.2;
  else if (v === 'larger') s.fontSize = parent.fontSize * 1.2;
  else {
    const n = parseLength(v, parent.fontSize, parent.fontSize);
    if (n !== undefined && n >= 0) s.fontSize = n;
    else warn(`font-size "${d.value}" ignored${at(d)}`);
  }
}

const SIDE = { top: 0, right: 1, bottom: 2, left: 3 } as const;
const BORDER_WIDTHS: Record<string, number> = { thin: 0.75, medium: 2.25, thick: 3.75 };
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

// Initial values of the inherited properties (what `initial` gives).
const INITIAL = rootStyle('');

function apply(
  s: ComputedStyle,
  parent: ComputedStyle,
  d: Declaration,
  pending: Pending,
  warn: (m: string) => void,
  el: ElementNode,
): void {
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
  const bad = () => warn(`unsupported value "${value}" for ${name} ignored${at(d)}`);
  const len = (x: string) => parseLength(x, s.fontSize);
  switch (name) {
    case 'font-weight':
      if (v === 'bold' || v === 'bolder') s.bold = true;
      else if (v === 'normal' || v === 'lighter') s.bold = false;
      else if (/^\d+$/.test(v)) s.bold = Number(v) >= 600;
      else bad();
      break;
    case 'font-style':
      s.italic = v === 'italic' || v === 'oblique' || v.startsWith('oblique ');
      break;
    case 'font-variant':
    case 'font-variant-caps':
      if (v === 'small-caps' || v === 'all-small-caps') {
        s.smallCaps = true;
        warn(`font-variant: ${v} drawn in the letters' own case (no small-caps faces)${at(d)}`);
      } else if (v === 'normal' || v === 'none') delete s.smallCaps;
      else bad();
      break;
    case 'font-family':
      s.fontFamily = splitValue(value, /,/).map((f) => f.trim().replace(/^["']|["']$/g, ''));
      break;
    case 'color': {
      const c = v === 'currentcolor' ? parent.color : parseColor(value);
      if (c) s.color = c;
      else bad();
      break;
    }
    case 'background-color': {
      if (v === 'transparent' || v === 'none') {
        delete s.background;
        break;
      }
      const c = v === 'currentcolor' ? { rgb: s.color, alpha: 1 } : parseColorAlpha(value);
      if (!c) bad();
      else if (c.alpha === 0) delete s.background;
      else s.background = parseColor(value) ?? c.rgb;
      break;
    }
    case 'background-image':
      if (v !== 'none') warn(`background-image "${value.slice(0, 60)}" not drawn (background colours only)${at(d)}`);
      break;
    case 'text-align':
      if (v === 'left' || v === 'right' || v === 'center' || v === 'justify') s.textAlign = v;
      else if (v === 'start' || v === 'end') {
        // Resolved against the direction here: 'auto' counts as left to right.
        const rtl = s.direction === 'rtl';
        s.textAlign = (v === 'start') === rtl ? 'right' : 'left';
      } else if (v === '-webkit-center') s.textAlign = 'center';
      else bad();
      break;
    case 'direction':
      if (v === 'ltr' || v === 'rtl') s.direction = v;
      else bad();
      break;
    case 'vertical-align':
      if (v === 'top' || v === 'middle' || v === 'bottom') s.verticalAlign = v;
      else if (v === 'super') s.baselineShift = (parent.baselineShift ?? 0) + parent.fontSize / 3;
      else if (v === 'sub') s.baselineShift = (parent.baselineShift ?? 0) - parent.fontSize / 5;
      else if (v === 'baseline' || v === 'text-top' || v === 'text-bottom') s.verticalAlign = 'top';
      else {
        const l = parseLength(v, s.fontSize, s.fontSize * s.lineHeight);
        if (l !== undefined) s.baselineShift = (parent.baselineShift ?? 0) + l;
        else bad();
      }
      break;
    case 'text-decoration':
    case 'text-decoration-line': {
      // Decorations propagate to the text of descendants (CSS Text Decoration 3 §2); 'none' on a
      // descendant does not remove an ancestor's, but it is how templates undo a link's underline.
      const parts = splitValue(v);
      if (parts.includes('none')) {
        s.underline = false;
        delete s.lineThrough;
      }
      if (parts.includes('underline')) s.underline = true;
      if (parts.includes('line-through')) s.lineThrough = true;
      if (parts.includes('overline') || parts.includes('wavy') || parts.includes('dotted') || parts.includes('dashed'))
        warn(`text-decoration "${value}" drawn as a solid underline or line-through only${at(d)}`);
      break;
    }
    case 'line-height': {
      if (v === 'normal') {
        s.lineHeight = 1.2;
        break;
      }
      const n = Number(v);
      if (v !== '' && Number.isFinite(n)) s.lineHeight = n;
      else {
        const l = parseLength(v, s.fontSize, s.fontSize);
        if (l !== undefined) s.lineHeight = l / s.fontSize;
        else bad();
      }
      break;
    }
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
          bad();
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
      const l = len(v);
      if (l === undefined || l < 0) {
        bad();
        break;
      }
      const p = [...s.padding] as ComputedStyle['padding'];
      p[i] = l;
      s.padding = p;
      break;
    }
    case 'border-top-width':
    case 'border-right-width':
    case 'border-bottom-width':
    case 'border-left-width': {
      const i = SIDE[name.split('-')[1] as keyof typeof SIDE];
      const w = Object.hasOwn(BORDER_WIDTHS, v) ? BORDER_WIDTHS[v] : len(v);
      if (w === undefined || w < 0) bad();
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
        else bad();
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
      else bad();
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
        else bad();
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
    case 'break-before':
      s.breakBefore = v === 'always' || v === 'page' || v === 'left' || v === 'right' || v === 'recto' || v === 'verso';
      break;
    case 'break-after':
      s.breakAfter = v === 'always' || v === 'page' || v === 'left' || v === 'right' || v === 'recto' || v === 'verso';
      if (v === 'avoid' || v === 'avoid-page') s.avoidBreakAfter = true;
      break;
    case 'break-inside':
      s.avoidBreakInside = v === 'avoid' || v === 'avoid-page';
      break;
    case 'orphans':
    case 'widows': {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) bad();
      else if (name === 'orphans') s.orphans = Math.min(n, 1000);
      else s.widows = Math.min(n, 1000);
      break;
    }
    case 'display':
      if (GENERIC_DISPLAY.has(v)) s.display = v as ComputedStyle['display'];
      else if (v === 'inline-flex' || v === 'inline-grid') {
        s.display = v === 'inline-flex' ? 'flex' : 'grid';
        warn(`display: ${v} laid out as a block ${v.slice(7)} container${at(d)}`);
      } else if (v === 'contents') warn(`display: contents laid out as a block${at(d)}`);
      else if (v.startsWith('table-')) {
        // table-header-group and the like: the element's own table role is used.
      } else bad();
      break;
    case 'text-transform':
      if (v === 'uppercase' || v === 'lowercase' || v === 'capitalize') s.textTransform = v;
      else if (v === 'none') delete s.textTransform;
      else bad();
      break;
    case 'letter-spacing':
    case 'word-spacing': {
      const l = v === 'normal' ? 0 : len(v);
      if (l === undefined) bad();
      else if (name === 'letter-spacing') s.letterSpacing = l;
      else s.wordSpacing = l;
      break;
    }
    case 'white-space':
      if (v === 'pre' || v === 'pre-wrap' || v === 'nowrap' || v === 'pre-line') s.whiteSpace = v;
      else if (v === 'normal') delete s.whiteSpace;
      else if (v === 'break-spaces') s.whiteSpace = 'pre-wrap';
      else bad();
      break;
    case 'text-indent': {
      const l = parseLength(v, s.fontSize, 0);
      if (l === undefined) bad();
      else {
        s.textIndent = l;
        if (l < 0) warn(`negative text-indent "${value}" not applied (hanging indents)${at(d)}`);
      }
      break;
    }
    case 'opacity': {
      const n = v.endsWith('%') ? Number.parseFloat(v) / 100 : Number(v);
      if (!Number.isFinite(n)) bad();
      else {
        s.opacity = Math.min(1, Math.max(0, n));
      }
      break;
    }
    case 'list-style-type':
      s.listStyleType = v;
      break;
    case 'list-style-position':
      if (v === 'inside') warn(`list-style-position: inside drawn outside${at(d)}`);
      break;
    case 'visibility':
      if (v === 'hidden' || v === 'collapse') s.visibility = 'hidden';
      else delete s.visibility;
      break;
    case 'content':
      if (v !== 'normal' && v !== 'none') warn(`content on an element (not ::before/::after) ignored${at(d)}`);
      break;
    case 'counter-reset':
    case 'counter-increment': {
      const list = counterList(v, name === 'counter-reset' ? 0 : 1);
      if (name === 'counter-reset') s.counterReset = list;
      else s.counterIncrement = list;
      break;
    }
    case 'counter-set': {
      // Names (identifiers), each with an optional integer; anything else drops the declaration.
      const parts = splitValue(value.trim());
      const ok =
        v === 'none' ||
        parts.every(
          (p, i) => /^-?[_a-zA-Z][\w-]*$/.test(p) || (/^[-+]?\d+$/.test(p) && i > 0 && !/^[-+]?\d+$/.test(parts[i - 1] ?? '')),
        );
      if (!ok || (v !== 'none' && parts.some((p) => /^(none|inherit|initial|unset|revert)$/i.test(p)))) bad();
      else if (v === 'none') delete s.counterSet;
      else s.counterSet = counterList(value.trim(), 0);
      break;
    }
    case 'quotes':
      if (v !== 'auto' && v !== 'none') warn(`quotes "${value}" not used (curly English quotation marks are)${at(d)}`);
      break;
    case 'overflow-x':
    case 'overflow-y':
      // Content is laid out within its box; what would overflow is warned by the layout. A box
      // whose overflow is not visible contains its floats (CSS 2.1 §9.4.1).
      if (v === 'hidden' || v === 'auto' || v === 'scroll' || v === 'clip') s.overflowHidden = true;
      else if (v === 'visible') delete s.overflowHidden;
      break;
    case 'float':
      if (v === 'left' || v === 'right') s.float = v;
      else if (v === 'inline-start' || v === 'inline-end')
        s.float = (v === 'inline-start') === (s.direction !== 'rtl') ? 'left' : 'right';
      else if (v === 'none') delete s.float;
      else bad();
      break;
    case 'clear':
      if (v === 'left' || v === 'right' || v === 'both') s.clear = v;
      else if (v === 'none') delete s.clear;
      else bad();
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
      } else bad();
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
          bad();
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
      else bad();
      break;
    case 'overflow-wrap':
    case 'word-break':
      break; // a word wider than its line is always broken between characters
    case 'string-set': {
      if (v === 'none') {
        delete s.stringSet;
        break;
      }
      const sets: [string, ContentPart[]][] = [];
      for (const one of splitValue(value, /,/)) {
        const m = /^\s*(-?[_a-zA-Z][\w-]*)\s+([\s\S]+)$/.exec(one);
        const parts = m ? parseContent(m[2] as string) : undefined;
        if (!m || !parts) {
          warn(`string-set "${one.trim()}" ignored (a name, then strings, content(), attr() or counter())${at(d)}`);
          continue;
        }
        sets.push([m[1] as string, parts]);
      }
      if (sets.length > 0) s.stringSet = sets;
      break;
    }
    case 'page':
      // CSS Paged Media 3 §6.1: auto takes the parent's page; a name is a case-sensitive identifier.
      if (v === 'auto') {
        if (parent.page === undefined) delete s.page;
        else s.page = parent.page;
      } else if (/^-?[_a-zA-Z\u00a0-\uffff][-\w\u00a0-\uffff]*$/.test(value.trim())) s.page = value.trim();
      else bad();
      break;
    default:
      flexProperty(s, name, v, value, d, warn, el);
  }
}

function flexProperty(
  s: ComputedStyle,
  name: string,
  v: string,
  value: string,
  d: Declaration,
  warn: (m: string) => void,
  _el: ElementNode,
): void {
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

function counterList(v: string, dflt: number): [string, number][] {
  if (v === 'none') return [];
  const parts = splitValue(v);
  const out: [string, number][] = [];
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i] as string;
    const next = parts[i + 1];
    if (next !== undefined && /^-?\d+$/.test(next)) {
      out.push([name, Number(next)]);
      i++;
    } else out.push([name, dflt]);
  }
  return out;
}

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
  const fields: Record<string, (keyof ComputedStyle)[]> = {
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
  const w = s as unknown as Record<string, unknown>;
  const f = from as unknown as Record<string, unknown>;
  for (const k of fields[name] ?? []) {
    if (f[k] === undefined) delete w[k];
    else w[k] = f[k];
  }
}

/** Parses `content` into parts; `none`/`normal` leave the pseudo-element out. */
export function parseContent(value: string): ContentPart[] | undefined {
  const v = value.trim();
  if (v === 'none' || v === 'normal' || v === '') return undefined;
  const out: ContentPart[] = [];
  for (const p of splitValue(v)) {
    const l = p.toLowerCase();
    if (p.startsWith('"') || p.startsWith("'")) out.push({ kind: 'text', text: unescapeString(p.slice(1, -1)) });
    else if (l.startsWith('attr(')) out.push({ kind: 'attr', name: p.slice(5, -1).trim().toLowerCase() });
    else if (l.startsWith('counter(')) {
      const [name, style] = splitValue(p.slice(8, -1), /,/);
      out.push({ kind: 'counter', name: (name ?? '').trim(), style: (style ?? 'decimal').trim().toLowerCase() });
    } else if (l.startsWith('counters(')) {
      const [name, sep, style] = splitValue(p.slice(9, -1), /,/);
      const separator = (sep ?? '""').trim();
      out.push({
        kind: 'counters',
        name: (name ?? '').trim(),
        separator: unescapeString(separator.slice(1, -1)),
        style: (style ?? 'decimal').trim().toLowerCase(),
      });
    } else if (l === 'open-quote' || l === 'close-quote') out.push({ kind: 'quote', open: l === 'open-quote' });
    else if (l === 'no-open-quote' || l === 'no-close-quote') continue;
    else if (/^content\(\s*(text|before|after)?\s*\)$/.test(l)) {
      const which = /^content\(\s*(\w*)/.exec(l)?.[1] || 'text';
      out.push({ kind: 'content', which: which as 'text' | 'before' | 'after' });
    } else if ((l.startsWith('string(') || l.startsWith('element(')) && l.endsWith(')')) {
      const kind = l.startsWith('string(') ? 'string' : 'element';
      const [name, which] = splitValue(p.slice(kind.length + 1, -1), /,/).map((x) => x.trim());
      const w = (which ?? 'first').toLowerCase();
      if (!name || !['first', 'start', 'last', 'first-except'].includes(w)) return undefined;
      out.push({ kind, name, which: w as 'first' | 'start' | 'last' | 'first-except' });
    } else return undefined;
  }
  return out;
}

/** CSS string escapes: `\\A` and `\\201C` (hex code points), `\\"`. */
function unescapeString(s: string): string {
  return s.replace(/\\([0-9a-fA-F]{1,6})\s?|\\(.)/g, (_, hex: string | undefined, ch: string | undefined) =>
    hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : (ch ?? ''),
  );
}

function generated(
  s: ComputedStyle,
  parent: ComputedStyle,
  decls: Declaration[],
  which: 'before' | 'after',
  warn: (m: string) => void,
  _el: ElementNode,
): void {
  let content: ContentPart[] | undefined;
  for (const d of decls) {
    if (d.name === 'content') {
      content = parseContent(d.value);
      if (content === undefined && !/^(none|normal)$/i.test(d.value.trim()))
        warn(`unsupported content "${d.value}" ignored${at(d)}`);
    }
  }
  if (!content) return;
  s[which] = content;
  const others = decls.filter((d) => d.name !== 'content');
  // Styled pseudo-elements: their declarations are kept for `pseudoStyle`, computed as a child.
  if (others.length > 0) s[which === 'before' ? 'beforeDecls' : 'afterDecls'] = others;
  void parent;
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
