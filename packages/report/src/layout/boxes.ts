import type { BorderSide, BorderStyle, ComputedStyle, Rgb, Stylesheet } from '../css/computed.js';
import type { ElementNode } from '../html.js';
import type { RowStream } from '../stream-rows.js';
import type { Face, FontSet } from '../text/fonts.js';

/** Something drawn; `x` from the page's left edge, `y` down from the top of its atom. */
export type Draw =
  | {
      op: 'text';
      x: number;
      y: number;
      text: string;
      face: Face;
      size: number;
      color: Rgb;
      /** Advance of the whole run, including `wordSpacing`. */
      width: number;
      /** Points added after each U+0020 of the run (text-align: justify). */
      wordSpacing?: number;
      /** Pairs of the run kern (`Face.kern`): `width` includes it, and so must the drawing. */
      kerned?: boolean;
      /**
       * Per character of `text`, for glyphs the font shaped: offset from the pen and advance
       * beyond the glyph's own, in em (GPOS: marks over their base, kerning of shaped glyphs).
       */
      placed?: { dx: number; dy: number; extra: number }[];
      /** The letters a run of shaped glyphs shows, in reading order (for text extraction). */
      actualText?: string;
      /** Points added after every glyph (CSS letter-spacing; PDF `Tc`). */
      charSpacing?: number;
    }
  | {
      op: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      fill?: Rgb;
      /** Corner radius (CSS border-radius), clamped to half the shorter side when drawn. */
      radius?: number;
      /** An outline along the rectangle's inside edge. */
      stroke?: { color: Rgb; width: number; style?: BorderStyle };
    }
  | { op: 'line'; x1: number; y1: number; x2: number; y2: number; color: Rgb; width: number; style?: BorderStyle }
  | { op: 'image'; x: number; y: number; w: number; h: number; image: unknown }
  | { op: 'svg'; x: number; y: number; w: number; h: number; node: ElementNode }
  | { op: 'link'; x: number; y: number; w: number; h: number; href: string };

/** A block decoration (background, border) drawn beside the atoms between its start and end. */
export interface Decoration {
  x: number;
  w: number;
  background?: Rgb;
  radius?: number;
  border: [BorderSide, BorderSide, BorderSide, BorderSide];
}

/** The unit of pagination: a line, a table row, a gap, a forced break, a decoration marker. */
export interface Atom {
  /** `mark`: no height, only draws (positioned boxes), not content: a page it starts is still empty. */
  kind: 'line' | 'space' | 'break' | 'row' | 'deco-start' | 'deco-end' | 'mark';
  height: number;
  draws: Draw[];
  /** Drawn beneath everything else on the page (cell backgrounds). */
  under?: Draw[];
  heading?: { level: number; title: string };
  anchor?: string;
  /** Header rows to draw again at the top of a page this row starts. */
  repeat?: Atom;
  keepWithNext?: boolean;
  /** A space that is padding or border, not margin: kept at the top of a page. */
  keep?: boolean;
  deco?: Decoration;
  /** Splits a row taller than the space left: the part that fits, and the rest. */
  split?: (available: number) => [Atom, Atom] | undefined;
  /** Height below its top its draws need on the same page (a float beside it), up to a page. */
  reserve?: number;
  /** Running strings (`string-set`) set where this atom starts, in document order. */
  strings?: [string, string][];
  /** Set by the paginator once the page holding this atom is written (its draws are final). */
  sealed?: boolean;
  /** A `break` where the page name changes (named pages): the name of the pages after it. */
  page?: string;
}

/** Draws on whole pages, outside the flow: `position: fixed` boxes, absolute boxes placed on the page. */
export interface PageLayer {
  /** Draws in the page area's coordinates; on every page from the current one, or on the first only. */
  add(draws: Draw[], every: boolean, beneath: boolean): void;
  /** Pages already written. */
  readonly written: number;
}

/** A positioned box (`position` not static): the containing block of its absolute descendants. */
export interface PositionedFrame {
  /** Padding box: left edge and width. */
  x: number;
  w: number;
  /** A mark at its content's top, which carries the boxes placed from the top. */
  start: Atom;
  /** Its padding box's top, in its formatting context's flow, and the padding above the mark. */
  padTop: number;
  paddingTop: number;
  borderBottom: number;
  /** Absolute boxes placed by `top` or `bottom`: waiting for the frame's height. */
  boxes: { draws: Draw[]; beneath: boolean; top?: number; bottom?: number; height: number; where: string }[];
}

/** Where an image or inline SVG comes from, resolved before layout. */
export interface ResolvedImage {
  kind: 'raster' | 'svg';
  width: number;
  height: number;
  image?: unknown;
  svg?: ElementNode;
}

/** A character no font has, and where it appears. */
export interface MissingGlyph {
  char: string;
  codePoint: string;
  where: string;
}

/** What layout needs besides the tree. */
export interface LayoutContext {
  fonts: FontSet;
  sheet: Stylesheet;
  images: (src: string) => ResolvedImage;
  missing: MissingGlyph[];
  replacement?: string;
  warnings: Set<string>;
  /** The `{% streamrows %}` blocks of the template, by the index their marker names. */
  streams?: RowStream[];
  /** Height of a page's content area: rows up to half of it are never split. */
  pageHeight?: number;
  /** Width of the line box being filled (percentages of inline images and SVG). */
  lineWidth?: number;
  /** CSS counters in scope (`counter-reset`, `counter-increment`), nested. */
  counters?: import('./counters.js').Counters;
  /** Depth of open quotes (`open-quote`, `close-quote`). */
  quoteDepth?: number;
  /** Running elements (`position: running()`), by the index their `string-set`-like entry names. */
  running?: ElementNode[];
  /** Where fixed boxes go (the paginator); none in margin boxes and headers. */
  pageLayer?: PageLayer;
  /** The page area: x and width (the initial containing block of positioned boxes). */
  pageBox?: { x: number; width: number };
  /** Positioned ancestors of what is being laid out, nearest last. */
  positioned?: PositionedFrame[];
  /** The block flow inline content is being collected for (floats inside a paragraph go there). */
  flow?: import('./block.js').Flow;
  /** Named pages (CSS Paged Media 3 §6): the name of the page being filled and each name's page area. */
  pages?: import('./paged.js').NamedPages;
}

/** Where atoms go as layout makes them: an array, or a paginator that writes pages as they fill. */
export interface AtomSink {
  push(...atoms: Atom[]): unknown;
}

/** Merges atoms into one unbreakable atom (page-break-inside: avoid). */
export function groupAtoms(group: Atom[]): Atom {
  const placed = placeAtoms(group);
  return {
    kind: 'line',
    height: placed.height,
    draws: placed.draws,
    under: placed.under,
    ...(placed.heading ? { heading: placed.heading } : {}),
    ...(placed.strings ? { strings: placed.strings } : {}),
  };
}

/** Places atoms one after another (no pagination): their draws shifted to one coordinate system. */
export function placeAtoms(atoms: Atom[]): {
  height: number;
  draws: Draw[];
  under: Draw[];
  heading?: Atom['heading'];
  lines: { y: number; atom: Atom }[];
  strings?: [string, string][];
} {
  let y = 0;
  const draws: Draw[] = [];
  const under: Draw[] = [];
  const open: { deco: Decoration; y: number; slot: number }[] = [];
  const lines: { y: number; atom: Atom }[] = [];
  let heading: Atom['heading'];
  let strings: [string, string][] | undefined;
  for (const atom of atoms) {
    if (atom.strings) strings = [...(strings ?? []), ...atom.strings];
    if (atom.kind === 'deco-start' && atom.deco) open.push({ deco: atom.deco, y, slot: under.length });
    else if (atom.kind === 'deco-end') {
      // An outer box's background goes beneath those of the boxes inside it.
      const o = open.pop();
      if (o) under.splice(o.slot, 0, ...decorationDraws(o.deco, o.y, y, true, true));
    } else {
      for (const d of atom.under ?? []) under.push(shift(d, y));
      for (const d of atom.draws) draws.push(shift(d, y));
      if (atom.kind !== 'space' && atom.kind !== 'break' && atom.kind !== 'mark') lines.push({ y, atom });
      heading ??= atom.heading;
      y += atom.height;
    }
  }
  return { height: y, draws, under, lines, ...(heading ? { heading } : {}), ...(strings ? { strings } : {}) };
}

/** The height of atoms placed one after another (`placeAtoms(atoms).height`, without placing their draws). */
export function atomsHeight(atoms: readonly Atom[], from = 0): number {
  let y = 0;
  for (let i = from; i < atoms.length; i++) {
    const atom = atoms[i] as Atom;
    if ((atom.kind === 'deco-start' && atom.deco) || atom.kind === 'deco-end') continue;
    y += atom.height;
  }
  return y;
}

/** The rectangles and rules of a decoration between y0 and y1; open sides omit their border. */
export function decorationDraws(d: Decoration, y0: number, y1: number, top: boolean, bottom: boolean): Draw[] {
  const out: Draw[] = [];
  const [t, r, b, l] = d.border;
  if (d.radius && d.radius > 0 && top && bottom) {
    // Rounded: one path for the background, one for a border the same on every side.
    const rect: Draw = { op: 'rect', x: d.x, y: y0, w: d.w, h: y1 - y0, radius: d.radius };
    if (d.background) rect.fill = d.background;
    const same =
      t.width > 0 && [r, b, l].every((x) => x.width === t.width && x.color.join() === t.color.join() && x.style === t.style);
    if (same) rect.stroke = { color: t.color, width: t.width, ...(t.style ? { style: t.style } : {}) };
    out.push(rect);
    if (same || !hasBorder(d.border)) return out;
  } else if (d.background) out.push({ op: 'rect', x: d.x, y: y0, w: d.w, h: y1 - y0, fill: d.background });
  const styled = (side: BorderSide): { style?: BorderStyle } => (side.style ? { style: side.style } : {});
  if (top && t.width > 0)
    out.push({
      op: 'line',
      x1: d.x,
      y1: y0 + t.width / 2,
      x2: d.x + d.w,
      y2: y0 + t.width / 2,
      color: t.color,
      width: t.width,
      ...styled(t),
    });
  if (bottom && b.width > 0)
    out.push({
      op: 'line',
      x1: d.x,
      y1: y1 - b.width / 2,
      x2: d.x + d.w,
      y2: y1 - b.width / 2,
      color: b.color,
      width: b.width,
      ...styled(b),
    });
  if (l.width > 0)
    out.push({
      op: 'line',
      x1: d.x + l.width / 2,
      y1: y0,
      x2: d.x + l.width / 2,
      y2: y1,
      color: l.color,
      width: l.width,
      ...styled(l),
    });
  if (r.width > 0)
    out.push({
      op: 'line',
      x1: d.x + d.w - r.width / 2,
      y1: y0,
      x2: d.x + d.w - r.width / 2,
      y2: y1,
      color: r.color,
      width: r.width,
      ...styled(r),
    });
  return out;
}

export function hasBorder(border: ComputedStyle['border']): boolean {
  return border[0].width > 0 || border[1].width > 0 || border[2].width > 0 || border[3].width > 0;
}

/** `shift` down in place, for draws nothing else refers to. */
export function moveDown(d: Draw, dy: number): Draw {
  if (d.op === 'line') {
    d.y1 += dy;
    d.y2 += dy;
  } else d.y += dy;
  return d;
}

export function shift(d: Draw, dy: number, dx = 0): Draw {
  if (d.op === 'line') return { ...d, x1: d.x1 + dx, x2: d.x2 + dx, y1: d.y1 + dy, y2: d.y2 + dy };
  return { ...d, x: d.x + dx, y: d.y + dy };
}
