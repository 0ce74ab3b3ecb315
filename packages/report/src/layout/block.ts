// Block layout, the entry module of the layout: block flow (margins collapsing through, clearance,
// forced and avoided breaks), block widths, a block's box (borders, padding, fixed and least
// heights, list markers, the positioned frame its absolute children use), and the flow of a
// block's children into lines and blocks. What it hands off lives beside it:
//   collect.ts       inline collection, inline-blocks, replaced boxes, text-transform
//   generated.ts     list markers, counters, ::before/::after, string-set values
//   positioned.ts    relative, absolute and fixed positioning, floats, running elements
//   named-pages.ts   named pages
//   keep-lines.ts    orphans and widows
// (flex.ts, table.ts and inline.ts lay out flex/grid containers, tables and lines.)
// Layout is recursive, so these modules import each other (a block holds inline-blocks and
// floats that hold blocks); none uses another's binding while it loads (their top level only makes
// constants), so the order they load in does not matter.

import { type ComputedStyle, computeStyle, deriveStyle, pseudoStyle } from '../css/computed.js';
import { type ElementNode, textContent } from '../html.js';
import type { InlineItem } from '../text/shape.js';
import {
  type Atom,
  type AtomSink,
  atomsHeight,
  type Decoration,
  groupAtoms,
  type LayoutContext,
  type PositionedFrame,
  shift,
} from './boxes.js';
import { collectInline, definiteHeight, hasInlineContent, transformText } from './collect.js';
import { layoutFlex } from './flex.js';
import { arrayOf, FloatArea, pushCounted, Tracked } from './float.js';
import { countersOf, generatedContent, listMarker, setStrings } from './generated.js';
import { layoutInline } from './inline.js';
import { keepLines } from './keep-lines.js';
import { namedPage, turnPage } from './named-pages.js';
import { outOfFlow, placeAbsolutes, relativeBlock, relativeOffset } from './positioned.js';
import { layoutTable } from './table.js';

export { collectInline, transformText } from './collect.js';
export { formatCounter } from './generated.js';
export { placeAbsolute, relativeOffset } from './positioned.js';

/** Elements laid out as blocks when their style gives no display (as are unknown elements, see isBlock). */
const BLOCK = new Set([
  'html',
  'body',
  '#root',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'figure',
  'figcaption',
  'blockquote',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'table',
  'caption',
  'hr',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'head',
  'pre',
  'dl',
  'dt',
  'dd',
  'address',
  'center',
  'hgroup',
]);

/** Where a block's children go: the column they are laid out in, the atoms made, the margin not yet placed. */
export interface Flow {
  x: number;
  width: number;
  atoms: AtomSink;
  margin: number;
  marker?: { text: string; style: ComputedStyle };
  heading?: { level: number; title: string };
  anchor?: string;
  /** The floats of the block formatting context this flow is in, and how far it has come. */
  area?: FloatArea;
  /** The document's flow onto pages: the page name whose page area its x and width are for. */
  paged?: string;
  /** The height of the block whose content this is, when definite (its `height`): percentage offsets refer to it. */
  height?: number;
}

/** Whether an element takes part in block flow (a block, flex, grid, list item or table), not in a line. */
export function isBlock(el: ElementNode, style: ComputedStyle): boolean {
  const d = style.display;
  if (d === 'block' || d === 'flex' || d === 'grid' || d === 'list-item' || d === 'table') return true;
  if (d === 'inline' || d === 'inline-block') return false;
  // Unknown elements (already warned about) are containers: block, as a <div>.
  return BLOCK.has(el.tag) || !INLINE.has(el.tag);
}

const INLINE = new Set([
  'span',
  'strong',
  'b',
  'em',
  'i',
  'u',
  'a',
  'small',
  'code',
  'br',
  'img',
  'svg',
  'sub',
  'sup',
  's',
  'mark',
  'abbr',
  'q',
  'cite',
  'time',
  'label',
  'del',
  'ins',
  'kbd',
  'samp',
  'var',
  'dfn',
  'tt',
  'font',
  'big',
  'data',
  'bdi',
  'wbr',
  'strike',
]);

/**
 * Lays out the children of `el` (already styled `style`) into atoms, at `x` with `width` points.
 */
export function layoutChildren(el: ElementNode, style: ComputedStyle, x: number, width: number, ctx: LayoutContext): Atom[] {
  const atoms: Atom[] = [];
  layoutInto(el, style, x, width, ctx, atoms);
  return atoms;
}

/** `layoutChildren`, handing each atom to `sink` as soon as it is made. */
export function layoutInto(
  el: ElementNode,
  style: ComputedStyle,
  x: number,
  width: number,
  ctx: LayoutContext,
  sink: AtomSink,
): void {
  const document = ctx.pages !== undefined && (sink as unknown) === ctx.pageLayer;
  const flow: Flow = { x, width, atoms: sink, margin: 0, ...(document ? { paged: '' } : {}) };
  // The document's root box (its <body>, whose children these are) has counters of its own.
  if (document) countersOf(el, style, ctx);
  establish(flow, ctx, () => layoutContent(el, style, flow, ctx));
}

/** Runs `fn` with `flow` in a block formatting context of its own (floats inside, contained). */
function establish(flow: Flow, ctx: LayoutContext, fn: () => void): void {
  const sink = flow.atoms;
  const outer = flow.area;
  const area = new FloatArea();
  flow.area = area;
  flow.atoms = new Tracked(sink, area);
  fn();
  contain(flow, area, 0);
  flow.atoms = sink;
  flow.area = outer;
  void ctx;
}

/** Grows the flow to hold the floats placed since the `from`-th (a box that contains its floats). */
function contain(flow: Flow, area: FloatArea, from: number): void {
  let bottom = area.waiting ? area.y : Number.NEGATIVE_INFINITY;
  for (let i = from; i < area.floats.length; i++) bottom = Math.max(bottom, (area.floats[i] as { bottom: number }).bottom);
  if (area.waiting) flow.atoms.push({ kind: 'line', height: 0, draws: [] });
  if (bottom - area.y > flow.margin + 0.01) {
    flow.atoms.push({ kind: 'space', height: bottom - area.y, draws: [], keep: true });
    flow.margin = 0;
  }
}

function layoutContent(el: ElementNode, style: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  if (style.display === 'flex' || style.display === 'grid') {
    if (layoutFlex(el, style, flow, ctx)) return;
  }
  const outerWidth = ctx.lineWidth;
  const outerFlow = ctx.flow;
  ctx.lineWidth = flow.width;
  ctx.flow = flow;
  let inline: InlineItem[] = [];
  generatedContent(el, style, 'before', inline, ctx);
  let indented = false;
  const flush = () => {
    if (hasInlineContent(inline)) {
      if (flow.paged !== undefined) turnPage(style.page ?? '', flow, ctx);
      pushMargin(flow);
      // text-indent: the block's first line starts that far in (an empty box before its text).
      if (!indented && (style.textIndent ?? 0) > 0)
        inline.unshift({ kind: 'box', width: style.textIndent as number, height: 0, make: () => [], style });
      indented = true;
      flow.atoms.push(...keepLines(layoutInline(inline, style, flow, ctx), style));
      flow.marker = undefined;
      flow.heading = undefined;
      flow.anchor = undefined;
    }
    inline = [];
  };
  for (const child of el.children) {
    if (child.type === 'text') {
      inline.push({ kind: 'text', text: transformText(child.text, style), style, where: `<${el.tag}>`, node: child });
      continue;
    }
    const cs = computeStyle(child, style, ctx.sheet);
    if (cs.display === 'none' || child.tag === 'head' || child.tag === 'meta' || child.tag === 'title') continue;
    if (outOfFlow(child, cs, flow, ctx, inline)) continue;
    if (isBlock(child, cs)) {
      flush();
      layoutBlock(child, cs, flow, ctx);
    } else collectInline(child, cs, inline, ctx, undefined);
  }
  generatedContent(el, style, 'after', inline, ctx);
  flush();
  // The clearfix: an empty ::after that clears the floats before it.
  const clear = style.after ? pseudoStyle(style, 'after', ctx.sheet).clear : undefined;
  if (clear && flow.area) clearFloats(flow, clear, 0);
  ctx.lineWidth = outerWidth;
  ctx.flow = outerFlow;
}

/**
 * Moves the flow below the floats of `side` (CSS 2.1 §9.5.2): clearance in place of the collapsed
 * margin when the floats reach lower than it. Returns whether it did (the box's top margin is spent).
 */
function clearFloats(flow: Flow, side: 'left' | 'right' | 'both', marginTop: number): boolean {
  const area = flow.area;
  if (!area) return false;
  const bottom = area.clearance(side);
  if (bottom <= area.y + Math.max(flow.margin, marginTop) + 0.01) return false;
  flow.atoms.push({ kind: 'space', height: bottom - area.y, draws: [], keep: true });
  flow.margin = 0;
  return true;
}

/** A forced page break (`break-before`/`break-after: page`): the margin before it is dropped. */
function forcedBreak(flow: Flow): void {
  flow.atoms.push({ kind: 'break', height: 0, draws: [] });
  flow.margin = 0;
}

/**
 * Takes over what a flow laid out aside (a box kept whole or moved) leaves for what follows: its
 * pending margin, and the list marker, heading and anchor not yet placed on a line.
 */
export function adopt(flow: Flow, local: Flow): void {
  flow.margin = local.margin;
  flow.marker = local.marker;
  flow.heading = local.heading;
  flow.anchor = local.anchor;
}

function pushMargin(flow: Flow): void {
  if (flow.margin > 0) flow.atoms.push({ kind: 'space', height: flow.margin, draws: [] });
  flow.margin = 0;
}

function hasBox(s: ComputedStyle): boolean {
  const b = s.border;
  return s.background !== undefined || b[0].width > 0 || b[1].width > 0 || b[2].width > 0 || b[3].width > 0;
}

export function layoutBlock(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  if (!flow.area) {
    establish(flow, ctx, () => layoutBlock(el, s, flow, ctx));
    return;
  }
  if (flow.paged !== undefined && namedPage(el, s, flow, ctx)) return;
  if (s.clear && clearFloats(flow, s.clear, s.margin[0])) {
    const c = s;
    s = deriveStyle(c, 'cleared', () => ({ ...c, margin: [0, c.margin[1], c.margin[2], c.margin[3]] }));
  }
  if (s.position === 'relative' && s.offsets && !s.avoidBreakInside) {
    relativeBlock(el, s, flow, ctx);
    return;
  }
  if (s.avoidBreakInside) {
    // page-break-inside: avoid — lay the block out aside, then hand it on as one atom.
    if (s.breakBefore) forcedBreak(flow);
    const buffer: Atom[] = [];
    const local: Flow = { ...flow, atoms: new Tracked(buffer, flow.area) };
    const whole = s;
    layoutBlock(
      el,
      deriveStyle(whole, 'grouped', () => ({ ...whole, avoidBreakInside: false, breakBefore: false, breakAfter: false })),
      local,
      ctx,
    );
    adopt(flow, local);
    if (buffer.length > 0) {
      const group = groupAtoms(buffer);
      if (s.position === 'relative' && s.offsets) {
        const [dx, dy] = relativeOffset(s, flow.width, flow.height);
        group.draws = group.draws.map((d) => shift(d, dy, dx));
        if (group.under) group.under = group.under.map((d) => shift(d, dy, dx));
      }
      pushCounted(flow.atoms, group);
    }
    if (s.breakAfter) forcedBreak(flow);
    return;
  }
  if (s.breakBefore) forcedBreak(flow);
  if (el.tag === 'table') {
    flow.margin = Math.max(flow.margin, s.margin[0]);
    pushMargin(flow);
    layoutTable(el, s, flow.x + s.margin[3], flow.width - s.margin[1] - s.margin[3], ctx, flow.atoms);
    flow.margin = s.margin[2];
    if (s.breakAfter) flow.atoms.push({ kind: 'break', height: 0, draws: [] });
    return;
  }
  flow.margin = Math.max(flow.margin, s.margin[0]);
  if (s.height !== undefined || s.minHeight !== undefined) {
    // A fixed or least height: lay the block out aside to know its content's height.
    // (Its top margin first: the box's own atoms are laid out aside.)
    pushMargin(flow);
    const buffer: Atom[] = [];
    const local: Flow = { ...flow, atoms: new Tracked(buffer, flow.area), margin: 0 };
    layoutBox(el, s, local, ctx, true);
    pushCounted(flow.atoms, ...buffer);
    flow.margin = local.margin;
  } else layoutBox(el, s, flow, ctx, false);
  if (s.breakAfter) forcedBreak(flow);
}

/** The border-box width of a block in a containing block `width` wide, and its left edge. */
export function blockWidth(
  el: ElementNode,
  s: ComputedStyle,
  x0: number,
  width: number,
  ctx: LayoutContext,
): { x: number; w: number } {
  const inset = s.border[1].width + s.border[3].width + s.padding[1] + s.padding[3];
  const available = width - s.margin[1] - s.margin[3];
  const content = (l: { points: number; percent: number }) =>
    l.points + (l.percent / 100) * width + (s.boxSizing === 'border-box' ? 0 : inset);
  let w = s.width
    ? content(s.width.percent ? { points: s.width.offset ?? 0, percent: s.width.value } : { points: s.width.value, percent: 0 })
    : available;
  if (s.maxWidth) w = Math.min(w, content(s.maxWidth));
  if (s.minWidth) w = Math.max(w, content(s.minWidth));
  if (w > available + 0.01 && s.width) {
    ctx.warnings.add(
      `<${el.tag}> ${Math.round(w)} pt wide is wider than the ${Math.round(available)} pt it is in; shrunk to fit${el.line ? ` (line ${el.line})` : ''}`,
    );
    w = available;
  }
  w = Math.max(1, w);
  let x = x0 + s.margin[3];
  if (s.marginAuto && w < available) {
    const free = available - w;
    if (s.marginAuto[0] && s.marginAuto[1]) x += free / 2;
    else if (s.marginAuto[0]) x += free;
  }
  return { x, w };
}

/** A block's decoration, content and insets; `sized` pads it to its `height`/`min-height`. */
function layoutBox(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext, sized: boolean): void {
  const boxed = hasBox(s) || el.tag === 'hr';
  const { x, w } = blockWidth(el, s, flow.x, flow.width, ctx);
  const deco: Decoration = {
    x,
    w,
    border: s.border,
    ...(s.background ? { background: s.background } : {}),
    ...(s.borderRadius ? { radius: s.borderRadius } : {}),
  };
  if (boxed) {
    pushMargin(flow);
    flow.atoms.push({ kind: 'deco-start', height: 0, draws: [], deco });
  }
  const topInset = s.border[0].width + s.padding[0];
  if (topInset > 0) {
    pushMargin(flow);
    flow.atoms.push({ kind: 'space', height: topInset, draws: [], keep: true });
  }
  const inner: Flow = {
    x: x + s.border[3].width + s.padding[3],
    width: Math.max(1, w - s.border[1].width - s.border[3].width - s.padding[1] - s.padding[3]),
    atoms: flow.atoms,
    margin: topInset > 0 || boxed ? 0 : flow.margin,
    ...(flow.area ? { area: flow.area } : {}),
    ...(flow.paged !== undefined ? { paged: flow.paged } : {}),
    ...(s.height !== undefined ? { height: definiteHeight(s) } : {}),
  };
  if (!(topInset > 0 || boxed)) flow.margin = 0;
  const marker = el.tag === 'li' || s.display === 'list-item' ? listMarker(el, s) : undefined;
  if (marker !== undefined) {
    if (marker !== '') inner.marker = { text: marker, style: s };
  } else if (flow.marker) inner.marker = flow.marker;
  const level = /^h([1-6])$/.exec(el.tag);
  if (level) inner.heading = { level: Number(level[1]), title: textContent(el).replace(/\s+/g, ' ').trim() };
  if (el.attrs.id) inner.anchor = el.attrs.id;
  const before = sized ? arrayOf(inner.atoms).length : 0;
  countersOf(el, s, ctx);
  if (s.stringSet) setStrings(el, s, flow, ctx);
  // A positioned box is the containing block of the absolute boxes inside it: a mark at its top
  // carries those placed from there.
  let frame: PositionedFrame | undefined;
  if (s.position) {
    const start: Atom = { kind: 'mark', height: 0, draws: [] };
    pushCounted(flow.atoms, start);
    frame = {
      x: x + s.border[3].width,
      w: w - s.border[1].width - s.border[3].width,
      start,
      padTop: (flow.area?.y ?? 0) - s.padding[0],
      paddingTop: s.padding[0],
      borderBottom: s.border[2].width,
      boxes: [],
    };
    ctx.positioned ??= [];
    ctx.positioned.push(frame);
  }
  const floatsBefore = flow.area?.floats.length ?? 0;
  layoutContent(el, s, inner, ctx);
  ctx.counters?.leave(el);
  if (s.overflowHidden && flow.area) contain(inner, flow.area, floatsBefore);
  if (marker && inner.marker) {
    // An empty list item still shows its marker.
    inner.atoms.push(...layoutInline([{ kind: 'text', text: '\u00a0', style: s, where: '<li>' }], s, inner, ctx));
  }
  if (sized) {
    const atoms = arrayOf(inner.atoms);
    const contentHeight = atomsHeight(atoms, before) + topInset;
    const bottom = s.border[2].width + s.padding[2];
    const inset = s.boxSizing === 'border-box' ? 0 : topInset + bottom;
    const target = Math.max(s.height !== undefined ? s.height + inset : 0, s.minHeight !== undefined ? s.minHeight + inset : 0);
    if (target - bottom > contentHeight + 0.01)
      inner.atoms.push({ kind: 'space', height: target - bottom - contentHeight, draws: [], keep: true });
    else if (s.height !== undefined && contentHeight + bottom > target + 0.5)
      ctx.warnings.add(
        `<${el.tag}> content taller than its height (${Math.round(s.height)} pt); the box grows to hold it${el.line ? ` (line ${el.line})` : ''}`,
      );
  }
  const bottomInset = s.border[2].width + s.padding[2];
  if (frame) {
    if (bottomInset > 0) {
      flow.atoms.push({ kind: 'space', height: bottomInset, draws: [] });
    }
    ctx.positioned?.pop();
    placeAbsolutes(frame, flow, ctx);
    if (bottomInset > 0) {
      if (boxed) flow.atoms.push({ kind: 'deco-end', height: 0, draws: [], deco });
      flow.margin = s.margin[2];
      return;
    }
  }
  if (bottomInset > 0 || boxed) {
    if (bottomInset > 0) flow.atoms.push({ kind: 'space', height: bottomInset, draws: [] });
    if (boxed) flow.atoms.push({ kind: 'deco-end', height: 0, draws: [], deco });
    flow.margin = s.margin[2];
  } else flow.margin = Math.max(inner.margin, s.margin[2]);
}
