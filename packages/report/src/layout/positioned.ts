// Boxes out of the normal flow, and moved ones: `position: relative` (laid out in place, drawn
// shifted), floats (laid out aside, placed in their formatting context or at their line),
// `absolute` and `fixed` (laid out aside, drawn against their containing block or the page),
// and running elements (kept for the margin boxes).

import { type ComputedStyle, deriveStyle } from '../css/computed.js';
import type { ElementNode } from '../html.js';
import type { InlineItem } from '../text/shape.js';
import { adopt, blockWidth, type Flow, layoutBlock } from './block.js';
import {
  type Atom,
  type Decoration,
  type Draw,
  decorationDraws,
  groupAtoms,
  type LayoutContext,
  type PositionedFrame,
  placeAtoms,
  shift,
} from './boxes.js';
import { hasInlineContent, opensInline, replacedBox } from './collect.js';
import { type FloatArea, floatInLine, pushCounted, Tracked } from './float.js';
import { measureBlock } from './table.js';

/**
 * `left`/`top` of a relatively positioned box (`right`/`bottom` when those are auto), in points.
 * Percentages of `left`/`right` are of the containing block's width; of `top`/`bottom`, of its
 * height when that is definite (`height`), else the offset is `auto` (CSS 2.1 §9.4.3, §10.5).
 */
export function relativeOffset(s: ComputedStyle, width: number, height?: number): [number, number] {
  const o = s.offsets;
  if (!o) return [0, 0];
  const r = (l: { points: number; percent: number } | undefined, base: number) =>
    l === undefined ? undefined : l.points + (l.percent / 100) * base;
  const left = r(o[3], width);
  const right = r(o[1], width);
  const vertical = (l: { points: number; percent: number } | undefined) =>
    l === undefined || (l.percent !== 0 && height === undefined) ? undefined : r(l, height ?? 0);
  const top = vertical(o[0]);
  const bottom = vertical(o[2]);
  return [left ?? (right !== undefined ? -right : 0), top ?? (bottom !== undefined ? -bottom : 0)];
}

/**
 * `position: relative` with offsets: the block laid out in place, then drawn moved by them. A block
 * up to half a page tall moves as one piece; a taller one keeps its page breaks and moves its
 * content, its backgrounds sideways only.
 */
export function relativeBlock(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  const [dx, dy] = relativeOffset(s, flow.width, flow.height);
  const area = flow.area as FloatArea;
  const buffer: Atom[] = [];
  const local: Flow = { ...flow, atoms: new Tracked(buffer, area) };
  const start = area.y;
  layoutBlock(
    el,
    deriveStyle(s, 'unshifted', () => ({ ...s, offsets: undefined }) as ComputedStyle),
    local,
    ctx,
  );
  adopt(flow, local);
  const moved = (d: Draw) => (d.op === 'link' ? d : shift(d, dy, dx));
  if (area.y - start <= (ctx.pageHeight ?? 700) / 2) {
    const group = groupAtoms(buffer);
    group.draws = group.draws.map(moved);
    if (group.under) group.under = group.under.map(moved);
    pushCounted(flow.atoms, group);
    return;
  }
  if (dy !== 0)
    ctx.warnings.add(
      `<${el.tag}> position: relative moved only sideways: it spans pages (its backgrounds stay in the flow)${el.line ? ` (line ${el.line})` : ''}`,
    );
  for (const a of buffer) {
    const copy: Atom = { ...a, draws: a.draws.map(moved) };
    if (a.under) copy.under = a.under.map(moved);
    if (a.deco) copy.deco = { ...a.deco, x: a.deco.x + dx };
    pushCounted(flow.atoms, copy);
  }
}

/**
 * Floats and absolutely positioned children: laid out aside and placed out of the flow. Returns
 * false for a child laid out in the flow after all (a float in a table cell, which is warned).
 * `inline`: the paragraph's inline items collected so far, where a float met after text waits for
 * its line.
 */
export function outOfFlow(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext, inline?: InlineItem[]): boolean {
  if (s.running) {
    // A running element: kept for the margin boxes, set on the page of the line that follows.
    // (In a margin box, a header or a footer it is shown where it stands.)
    if (!ctx.running || !flow.area) return false;
    ctx.running.push(el);
    flow.area.setStrings([[`element(${s.running})`, String(ctx.running.length - 1)]]);
    return true;
  }
  if (s.position === 'absolute' || s.position === 'fixed') {
    layoutAbsolute(el, s, flow, ctx);
    return true;
  }
  if (!s.float) return false;
  return placeFloat(el, s, flow, ctx, inline);
}

/** A box laid out aside as wide as given or as its content (shrink-to-fit); draws at x 0, y 0. */
export function layoutAside(
  el: ElementNode,
  s: ComputedStyle,
  available: number,
  ctx: LayoutContext,
  width?: number,
): { w: number; h: number; draws: Draw[] } {
  const saved = ctx.lineWidth;
  ctx.lineWidth = available;
  try {
    if (el.tag === 'img' || el.tag === 'svg') {
      const box = replacedBox(el, s, ctx);
      if (!box) return { w: 0, h: 0, draws: [] };
      const inset = [s.border[0].width + s.padding[0], s.border[3].width + s.padding[3]] as const;
      const w = box.width + s.border[1].width + s.border[3].width + s.padding[1] + s.padding[3];
      const h = box.height + s.border[0].width + s.border[2].width + s.padding[0] + s.padding[2];
      const deco: Decoration = { x: 0, w, border: s.border, ...(s.background ? { background: s.background } : {}) };
      return { w, h, draws: [...decorationDraws(deco, 0, h, true, true), ...box.make(inset[1], inset[0])] };
    }
    const inset = s.border[1].width + s.border[3].width + s.padding[1] + s.padding[3];
    let w = width;
    if (w === undefined) {
      if (s.width) w = blockWidth(el, s, 0, available, ctx).w;
      else w = Math.min(Math.max(1, available - s.margin[1] - s.margin[3]), measureBlock(el, s, ctx).max + inset + 0.001);
    }
    const atoms: Atom[] = [];
    const inner = w;
    const fixed = deriveStyle(s, `aside ${w}`, () => {
      const d: ComputedStyle = {
        ...s,
        display: s.display === 'flex' || s.display === 'grid' ? s.display : 'block',
        width: { value: inner, percent: false },
        boxSizing: 'border-box',
        margin: [0, 0, 0, 0],
        avoidBreakInside: false,
        breakBefore: false,
        breakAfter: false,
        // A float or an absolute box is a formatting context of its own: as tall as its floats.
        overflowHidden: true,
      };
      delete d.float;
      delete d.offsets;
      delete d.clear;
      return d;
    });
    layoutBlock(el, fixed, { x: 0, width: w, atoms, margin: 0 }, ctx);
    const placed = placeAtoms(atoms);
    return { w, h: placed.height, draws: [...placed.under, ...placed.draws] };
  } finally {
    ctx.lineWidth = saved;
  }
}

/**
 * A float: laid out aside, placed in its formatting context, its draws carried by the next line.
 * One met after text of its paragraph (`inline` has some) is placed by the line breaker at the
 * line it is on (CSS 2.1 §9.5.1: no higher than a line box holding earlier content).
 */
function placeFloat(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext, inline?: InlineItem[]): boolean {
  const area = flow.area;
  const side = s.float as 'left' | 'right';
  const where = `<${el.tag}> float: ${side}${el.line ? ` (line ${el.line})` : ''}`;
  for (let p = el.parent; p; p = p.parent)
    if (p.tag === 'td' || p.tag === 'th') {
      ctx.warnings.add(`${where} in a table cell laid out in the cell's flow (floats in cells are not supported)`);
      return false;
    }
  if (!area) return false;
  const box = layoutAside(el, s, flow.width, ctx);
  const [mt, mr, mb, ml] = s.margin;
  const mw = box.w + ml + mr;
  const mh = box.h + mt + mb;
  if (mw > flow.width + 0.5)
    ctx.warnings.add(`${where} ${Math.round(mw)} pt wide is wider than the ${Math.round(flow.width)} pt it is in`);
  const draws = (x: number, y: number) => box.draws.map((d) => shift(d, y + mt, x + ml));
  const after = inline?.[inline.length - 1];
  if (inline && after && hasInlineContent(inline)) {
    floatInLine(inline, { after, side, clear: s.clear, w: mw, h: mh, draws, opens: opensInline(el, inline) });
    return true;
  }
  area.place(side, s.clear, mw, mh, area.y + flow.margin, flow.x, flow.width, draws);
  return true;
}

/** An absolutely positioned or fixed box met where it is not in a block flow (a flex or grid item). */
export function placeAbsolute(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  layoutAbsolute(el, s, flow, ctx);
}

/**
 * `position: absolute` (against the nearest positioned ancestor's padding box, else the page
 * area of the first page) and `fixed` (against the page area, on every page): laid out aside,
 * drawn above the flow (beneath it with a negative z-index), taking no room in it.
 */
function layoutAbsolute(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  const where = `<${el.tag}> position: ${s.position}${el.line ? ` (line ${el.line})` : ''}`;
  const frame = s.position === 'absolute' ? ctx.positioned?.[ctx.positioned.length - 1] : undefined;
  const page = ctx.pageBox;
  const cb = frame ? { x: frame.x, w: frame.w } : page ? { x: page.x, w: page.width } : { x: flow.x, w: flow.width };
  const o = s.offsets ?? [undefined, undefined, undefined, undefined];
  const len = (l: { points: number; percent: number } | undefined, base: number) =>
    l === undefined ? undefined : l.points + (l.percent / 100) * base;
  const left = len(o[3], cb.w);
  const right = len(o[1], cb.w);
  const [mt, mr, mb, ml] = s.margin;
  let width: number | undefined;
  if (!s.width && left !== undefined && right !== undefined) width = Math.max(1, cb.w - left - right - ml - mr);
  const box = layoutAside(el, s, cb.w, ctx, width);
  const x = left !== undefined ? cb.x + left + ml : right !== undefined ? cb.x + cb.w - right - mr - box.w : flow.x + ml; // the static position
  const pageHeight = ctx.pageHeight ?? 0;
  const top = o[0] ? len(o[0], frame ? 0 : pageHeight) : undefined;
  const bottom = o[2] ? len(o[2], frame ? 0 : pageHeight) : undefined;
  const beneath = (s.zIndex ?? 0) < 0;
  const at = (y: number) => box.draws.map((d) => shift(d, y, x));
  if (s.position === 'fixed' || (!frame && (top !== undefined || bottom !== undefined))) {
    const layer = ctx.pageLayer;
    if (layer) {
      const y = top !== undefined ? top + mt : bottom !== undefined ? pageHeight - bottom - mb - box.h : (flow.area?.y ?? 0) + mt;
      if (s.position === 'fixed' && layer.written > 0)
        ctx.warnings.add(`${where} comes after page ${layer.written}: drawn on the pages from there on only`);
      if (s.position === 'absolute' && layer.written > 0)
        ctx.warnings.add(`${where} placed on the first page, which was already written: drawn on page ${layer.written + 1}`);
      layer.add(at(y), s.position === 'fixed', beneath);
      return;
    }
    // In a margin box or a header there are no pages to repeat on: laid out where it stands.
    ctx.warnings.add(`${where} in a margin box or header drawn at its place in the flow`);
  }
  if (frame && (top !== undefined || bottom !== undefined)) {
    frame.boxes.push({
      draws: at(0),
      beneath,
      ...(top !== undefined ? { top: top + mt } : { bottom: (bottom as number) + mb }),
      height: box.h,
      where,
    });
    return;
  }
  // Static vertical position: where the box would have started in the flow.
  const mark: Atom = { kind: 'mark', height: 0, draws: [] };
  const draws = at(flow.margin + mt);
  if (beneath) mark.under = draws;
  else mark.draws = draws;
  flow.atoms.push(mark);
}

/** Draws the absolute boxes of a positioned box placed by `top` or `bottom`, once its height is known. */
export function placeAbsolutes(frame: PositionedFrame, flow: Flow, ctx: LayoutContext): void {
  if (frame.boxes.length === 0) return;
  const area = flow.area as FloatArea;
  // The end mark sits at the border box's bottom edge.
  const end: Atom = { kind: 'mark', height: 0, draws: [] };
  const padBottom = area.y - frame.borderBottom;
  for (const b of frame.boxes) {
    const y = b.top !== undefined ? frame.padTop + b.top : padBottom - (b.bottom as number) - b.height;
    let target = end;
    let dy = y - area.y;
    if (b.top !== undefined && !frame.start.sealed) {
      target = frame.start;
      dy = y - (frame.padTop + frame.paddingTop);
    } else if (b.top !== undefined && frame.start.sealed)
      ctx.warnings.add(`${b.where}: its containing block began on a page already written; drawn from the page it ends on`);
    const draws = b.draws.map((d) => shift(d, dy));
    if (b.beneath) target.under = [...(target.under ?? []), ...draws];
    else target.draws = [...target.draws, ...draws];
  }
  if (end.draws.length > 0 || end.under) flow.atoms.push(end);
}
