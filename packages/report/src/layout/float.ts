// Floats (CSS 2.1 §9.5): boxes taken out of the flow to the left or right of their containing
// block, the lines beside them shortened. The layout makes atoms in flow order without knowing the
// page they land on, so a block formatting context counts how far its flow has come (`FloatArea`,
// y from its start) and places floats in that coordinate; a float's draws ride on the first line
// or row after its top (a float met in a paragraph's text: on the line it starts at, placed by
// layoutInline), so pagination moves them together.

import type { InlineItem } from '../text/shape.js';
import type { Atom, AtomSink, Draw } from './boxes.js';

/** A float's margin box, x from the page's left edge, y in its formatting context's flow. */
export interface PlacedFloat {
  side: 'left' | 'right';
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/** The floats of one block formatting context, and how far its flow has come. */
export class FloatArea {
  /** Height of the atoms made so far in this context (what its lines' y is measured from). */
  y = 0;
  readonly floats: PlacedFloat[] = [];
  /** Floats placed but not yet drawn: their draws go with the next line or row. */
  private pending: { draws: Draw[]; top: number; bottom: number }[] = [];
  /** `string-set` values waiting for the first line of their element, which carries them. */
  private strings: [string, string][] = [];

  /** Sets running strings (`string-set`) on the next line or row made. */
  setStrings(values: [string, string][]): void {
    this.strings.push(...values);
  }

  /** Counts an atom on its way to the sink; hands the pending floats' draws to it when it can carry them. */
  pass(atom: Atom): Atom {
    let out = atom;
    if (this.strings.length > 0 && (atom.kind === 'line' || atom.kind === 'row')) {
      out = { ...atom, strings: [...(atom.strings ?? []), ...this.strings] };
      this.strings = [];
    }
    if (this.pending.length > 0 && (atom.kind === 'line' || atom.kind === 'row')) {
      const under = [...(atom.under ?? [])];
      let reserve = atom.reserve ?? 0;
      for (const p of this.pending) {
        const dy = p.top - this.y;
        for (const d of p.draws) under.push(shiftY(d, dy));
        reserve = Math.max(reserve, p.bottom - this.y);
      }
      this.pending = [];
      out = { ...out, under, reserve };
    }
    this.y += atom.height;
    return out;
  }

  /** Whether floats wait for a line to carry them. */
  get waiting(): boolean {
    return this.pending.length > 0 || this.strings.length > 0;
  }

  /** The line box at `y`, `h` tall, in a containing block from `x` `w` wide, beside the floats. */
  band(y: number, h: number, x: number, w: number): { x: number; w: number; next: number } {
    let l = x;
    let r = x + w;
    let next = Number.POSITIVE_INFINITY;
    for (const f of this.floats) {
      if (f.top >= y + h - 0.01 || f.bottom <= y + 0.01) continue;
      if (f.side === 'left') {
        if (f.x1 > l) l = f.x1;
      } else if (f.x0 < r) r = f.x0;
      if (f.bottom < next) next = f.bottom;
    }
    return { x: l, w: Math.max(0, r - l), next };
  }

  /** The lowest bottom of the floats on `side` (both: any), or -Infinity. */
  clearance(side: 'left' | 'right' | 'both'): number {
    let bottom = Number.NEGATIVE_INFINITY;
    for (const f of this.floats) if ((side === 'both' || f.side === side) && f.bottom > bottom) bottom = f.bottom;
    return bottom;
  }

  /**
   * Places a float's margin box (`w` × `h`) as CSS 2.1 §9.5.1 does: no higher than `y` nor than an
   * earlier float, against its side or the floats already there, lower while it does not fit.
   * Its draws go with the next line or row made. Returns its left edge and top.
   */
  place(
    side: 'left' | 'right',
    clear: 'left' | 'right' | 'both' | undefined,
    w: number,
    h: number,
    y: number,
    x: number,
    width: number,
    draws: (x: number, y: number) => Draw[],
  ): { x: number; y: number } {
    const placed = this.placeOnLine(side, clear, w, h, y, x, width, draws);
    this.pending.push(placed);
    return { x: placed.x, y: placed.top };
  }

  /**
   * Places a float as `place` does, for the line being built to carry: its draws (from the top of
   * its margin box, at y 0) are returned instead of waiting for the next line.
   */
  placeOnLine(
    side: 'left' | 'right',
    clear: 'left' | 'right' | 'both' | undefined,
    w: number,
    h: number,
    y: number,
    x: number,
    width: number,
    draws: (x: number, y: number) => Draw[],
  ): CarriedFloat {
    let top = y;
    for (const f of this.floats) if (f.top > top) top = f.top;
    if (clear) top = Math.max(top, this.clearance(clear));
    let left = x;
    for (let guard = 0; guard <= this.floats.length; guard++) {
      const b = this.band(top, Math.max(h, 0.02), x, width);
      left = side === 'left' ? b.x : b.x + b.w - w;
      if (b.w >= w - 0.01 || !Number.isFinite(b.next)) break;
      top = b.next;
    }
    // Floats wholly above the flow no longer narrow anything.
    for (let i = this.floats.length - 1; i >= 0; i--)
      if ((this.floats[i] as PlacedFloat).bottom <= this.y) this.floats.splice(i, 1);
    const placed: PlacedFloat = { side, x0: left, x1: left + w, top, bottom: top + h };
    this.floats.push(placed);
    return { draws: draws(left, 0), x: left, top, bottom: top + h, placed };
  }

  /** Takes back a float placed by `placeOnLine` (its line ended before it: it is placed again below). */
  remove(c: CarriedFloat): void {
    const i = this.floats.indexOf(c.placed);
    if (i >= 0) this.floats.splice(i, 1);
  }

  /** Hands a float placed by `placeOnLine` to the next line or row made (no line of its own carried it). */
  carry(placed: CarriedFloat): void {
    this.pending.push(placed);
  }
}

/** A float placed in its formatting context, its draws at y 0 waiting for a line to carry them. */
export interface CarriedFloat {
  draws: Draw[];
  x: number;
  top: number;
  bottom: number;
  /** Its entry among the area's floats. */
  placed: PlacedFloat;
}

/**
 * A float met in a paragraph after some of its text: laid out aside, placed by the line breaker at
 * the line it occurs on (CSS 2.1 §9.5.1) rather than when the paragraph's items are collected.
 */
export interface LineFloat {
  /** The inline item the float comes after in the paragraph (its place in the text). */
  after: InlineItem;
  side: 'left' | 'right';
  clear: 'left' | 'right' | 'both' | undefined;
  /** Its margin box. */
  w: number;
  h: number;
  /** Its draws with the margin box's top-left corner at (x, y). */
  draws: (x: number, y: number) => Draw[];
  /**
   * It comes first in an inline element opened after the text before it (`nxf <em><float>affg</em>`):
   * when the line breaks before that element, the float goes to the next line with it, as in
   * Chromium (which keeps a float on the line only when nothing but the break precedes it).
   */
  opens: boolean;
}

const lineFloats = new WeakMap<InlineItem[], LineFloat[]>();

/** Records a float met after `items`' text, for `layoutInline` to place at its line. */
export function floatInLine(items: InlineItem[], f: LineFloat): void {
  const list = lineFloats.get(items);
  if (list) list.push(f);
  else lineFloats.set(items, [f]);
}

/** The floats met among a paragraph's items, in order (undefined: none). */
export function floatsInLine(items: InlineItem[]): LineFloat[] | undefined {
  return lineFloats.get(items);
}

/** A sink that counts what passes through it in a float area (the flow of a formatting context). */
export class Tracked implements AtomSink {
  constructor(
    readonly inner: AtomSink,
    readonly area: FloatArea,
  ) {}

  push(...atoms: Atom[]): void {
    for (const a of atoms) this.inner.push(this.area.pass(a));
  }
}

/** Pushes atoms already counted (a group of atoms laid out aside) without counting them again. */
export function pushCounted(sink: AtomSink, ...atoms: Atom[]): void {
  if (sink instanceof Tracked) sink.inner.push(...atoms);
  else sink.push(...atoms);
}

/** The array a sink (maybe counted) collects into. */
export function arrayOf(sink: AtomSink): Atom[] {
  return (sink instanceof Tracked ? sink.inner : sink) as Atom[];
}

/** A draw moved down by `dy`. */
export function shiftY(d: Draw, dy: number): Draw {
  if (d.op === 'line') return { ...d, y1: d.y1 + dy, y2: d.y2 + dy };
  return { ...d, y: d.y + dy };
}
