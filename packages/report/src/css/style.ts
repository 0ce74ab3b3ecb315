// The computed style of an element (the `ComputedStyle` type and the types of its parts), the
// root's initial style, and `deriveStyle`, which makes one object per variant of a style that the
// layout derives (styles are cache keys). The values that fill it are parsed in `properties/`.

import type { Declaration } from './parse.js';
import type { Linear, Rgb } from './values.js';

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

export const NO_BORDER: BorderSide = Object.freeze({ width: 0, color: [0, 0, 0] as Rgb });

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
