import LineBreaker from 'linebreak';
import { ARABIC_LETTERS, joinArabic } from '../text/arabic.js';
import { isRightToLeft, mirrored, type ParagraphBidi, paragraphBidi, visualOrder } from '../text/bidi.js';
import { type BorderSide, type ComputedStyle, computeStyle, parseLength, type Rgb, type Stylesheet } from '../css/computed.js';
import { type Face, type FontSet, SHAPED_BASE } from '../text/fonts.js';
import { type ElementNode, parseRows, streamRows, textContent } from '../html.js';
import { pulledRows, ROW_STREAM_TAG, type RowStream } from '../stream-rows.js';

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
    }
  | { op: 'rect'; x: number; y: number; w: number; h: number; fill?: Rgb }
  | { op: 'line'; x1: number; y1: number; x2: number; y2: number; color: Rgb; width: number }
  | { op: 'image'; x: number; y: number; w: number; h: number; image: unknown }
  | { op: 'svg'; x: number; y: number; w: number; h: number; node: ElementNode }
  | { op: 'link'; x: number; y: number; w: number; h: number; href: string };

/** A block decoration (background, border) drawn beside the atoms between its start and end. */
export interface Decoration {
  x: number;
  w: number;
  background?: Rgb;
  border: [BorderSide, BorderSide, BorderSide, BorderSide];
}

/** The unit of pagination: a line, a table row, a gap, a forced break, a decoration marker. */
export interface Atom {
  kind: 'line' | 'space' | 'break' | 'row' | 'deco-start' | 'deco-end';
  height: number;
  draws: Draw[];
  /** Drawn beneath everything else on the page (cell backgrounds). */
  under?: Draw[];
  heading?: { level: number; title: string };
  anchor?: string;
  /** Header rows to draw again at the top of a page this row starts. */
  repeat?: Atom;
  keepWithNext?: boolean;
  deco?: Decoration;
  /** Splits a row taller than the space left: the part that fits, and the rest. */
  split?: (available: number) => [Atom, Atom] | undefined;
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
}

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
]);

type InlineItem =
  | { kind: 'text'; text: string; style: ComputedStyle; href?: string; where: string; node?: object }
  | { kind: 'box'; width: number; height: number; make: (x: number, y: number) => Draw[]; style: ComputedStyle; href?: string }
  | { kind: 'br'; style: ComputedStyle };

interface Flow {
  x: number;
  width: number;
  atoms: AtomSink;
  margin: number;
  marker?: { text: string; style: ComputedStyle };
  heading?: { level: number; title: string };
  anchor?: string;
}

function isBlock(el: ElementNode, style: ComputedStyle): boolean {
  if (style.display === 'block') return true;
  if (style.display === 'inline') return false;
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
]);

/**
 * Lays out the children of `el` (already styled `style`) into atoms, at `x` with `width` points.
 */
export function layoutChildren(el: ElementNode, style: ComputedStyle, x: number, width: number, ctx: LayoutContext): Atom[] {
  const atoms: Atom[] = [];
  layoutInto(el, style, x, width, ctx, atoms);
  return atoms;
}

/** Where atoms go as layout makes them: an array, or a paginator that writes pages as they fill. */
export interface AtomSink {
  push(...atoms: Atom[]): unknown;
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
  layoutContent(el, style, { x, width, atoms: sink, margin: 0 }, ctx);
}

function layoutContent(el: ElementNode, style: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  let inline: InlineItem[] = [];
  const flush = () => {
    if (inline.some((i) => i.kind !== 'text' || /[^ \t\n\r\f]/.test(i.text))) {
      pushMargin(flow);
      flow.atoms.push(...layoutInline(inline, style, flow, ctx));
      flow.marker = undefined;
      flow.heading = undefined;
      flow.anchor = undefined;
    }
    inline = [];
  };
  for (const child of el.children) {
    if (child.type === 'text') {
      inline.push({ kind: 'text', text: child.text, style, where: `<${el.tag}>`, node: child });
      continue;
    }
    const cs = computeStyle(child, style, ctx.sheet);
    if (cs.display === 'none' || child.tag === 'head' || child.tag === 'meta' || child.tag === 'title') continue;
    if (isBlock(child, cs)) {
      flush();
      layoutBlock(child, cs, flow, ctx);
    } else collectInline(child, cs, inline, ctx, undefined);
  }
  flush();
}

function pushMargin(flow: Flow): void {
  if (flow.margin > 0) flow.atoms.push({ kind: 'space', height: flow.margin, draws: [] });
  flow.margin = 0;
}

function hasBox(s: ComputedStyle): boolean {
  return s.background !== undefined || s.border.some((b) => b.width > 0);
}

function layoutBlock(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): void {
  if (s.avoidBreakInside) {
    // page-break-inside: avoid — lay the block out aside, then hand it on as one atom.
    if (s.breakBefore) {
      flow.atoms.push({ kind: 'break', height: 0, draws: [] });
      flow.margin = 0;
    }
    const buffer: Atom[] = [];
    const local: Flow = { ...flow, atoms: buffer };
    layoutBlock(el, { ...s, avoidBreakInside: false, breakBefore: false, breakAfter: false }, local, ctx);
    flow.margin = local.margin;
    flow.marker = local.marker;
    flow.heading = local.heading;
    flow.anchor = local.anchor;
    if (buffer.length > 0) flow.atoms.push(groupAtoms(buffer));
    if (s.breakAfter) {
      flow.atoms.push({ kind: 'break', height: 0, draws: [] });
      flow.margin = 0;
    }
    return;
  }
  if (s.breakBefore) {
    flow.atoms.push({ kind: 'break', height: 0, draws: [] });
    flow.margin = 0;
  }
  if (el.tag === 'table') {
    flow.margin = Math.max(flow.margin, s.margin[0]);
    pushMargin(flow);
    layoutTable(el, s, flow.x + s.margin[3], flow.width - s.margin[1] - s.margin[3], ctx, flow.atoms);
    flow.margin = s.margin[2];
    if (s.breakAfter) flow.atoms.push({ kind: 'break', height: 0, draws: [] });
    return;
  }
  flow.margin = Math.max(flow.margin, s.margin[0]);
  const boxed = hasBox(s) || el.tag === 'hr';
  const x = flow.x + s.margin[3];
  const w = Math.max(
    1,
    s.width ? (s.width.percent ? (s.width.value / 100) * flow.width : s.width.value) : flow.width - s.margin[1] - s.margin[3],
  );
  const deco: Decoration = { x, w, border: s.border, ...(s.background ? { background: s.background } : {}) };
  if (boxed) {
    pushMargin(flow);
    flow.atoms.push({ kind: 'deco-start', height: 0, draws: [], deco });
  }
  const topInset = s.border[0].width + s.padding[0];
  if (topInset > 0) {
    pushMargin(flow);
    flow.atoms.push({ kind: 'space', height: topInset, draws: [] });
  }
  const inner: Flow = {
    x: x + s.border[3].width + s.padding[3],
    width: Math.max(1, w - s.border[1].width - s.border[3].width - s.padding[1] - s.padding[3]),
    atoms: flow.atoms,
    margin: topInset > 0 || boxed ? 0 : flow.margin,
  };
  if (!(topInset > 0 || boxed)) flow.margin = 0;
  if (el.tag === 'li') inner.marker = { text: listMarker(el), style: s };
  else if (flow.marker) inner.marker = flow.marker;
  const level = /^h([1-6])$/.exec(el.tag);
  if (level) inner.heading = { level: Number(level[1]), title: textContent(el).replace(/\s+/g, ' ').trim() };
  if (el.attrs.id) inner.anchor = el.attrs.id;
  layoutContent(el, s, inner, ctx);
  if (el.tag === 'li' && inner.marker) {
    // An empty list item still shows its marker.
    inner.atoms.push(...layoutInline([{ kind: 'text', text: '\u00a0', style: s, where: '<li>' }], s, inner, ctx));
  }
  const bottomInset = s.border[2].width + s.padding[2];
  if (bottomInset > 0 || boxed) {
    if (bottomInset > 0) flow.atoms.push({ kind: 'space', height: bottomInset, draws: [] });
    if (boxed) flow.atoms.push({ kind: 'deco-end', height: 0, draws: [], deco });
    flow.margin = s.margin[2];
  } else flow.margin = Math.max(inner.margin, s.margin[2]);
  if (s.breakAfter) {
    flow.atoms.push({ kind: 'break', height: 0, draws: [] });
    flow.margin = 0;
  }
}

/** Merges atoms into one unbreakable atom (page-break-inside: avoid). */
function groupAtoms(group: Atom[]): Atom {
  const placed = placeAtoms(group);
  return {
    kind: 'line',
    height: placed.height,
    draws: placed.draws,
    under: placed.under,
    ...(placed.heading ? { heading: placed.heading } : {}),
  };
}

/** Places atoms one after another (no pagination): their draws shifted to one coordinate system. */
export function placeAtoms(atoms: Atom[]): {
  height: number;
  draws: Draw[];
  under: Draw[];
  heading?: Atom['heading'];
  lines: { y: number; atom: Atom }[];
} {
  let y = 0;
  const draws: Draw[] = [];
  const under: Draw[] = [];
  const open: { deco: Decoration; y: number }[] = [];
  const lines: { y: number; atom: Atom }[] = [];
  let heading: Atom['heading'];
  for (const atom of atoms) {
    if (atom.kind === 'deco-start' && atom.deco) open.push({ deco: atom.deco, y });
    else if (atom.kind === 'deco-end') {
      const o = open.pop();
      if (o) under.push(...decorationDraws(o.deco, o.y, y, true, true));
    } else {
      for (const d of atom.under ?? []) under.push(shift(d, y));
      for (const d of atom.draws) draws.push(shift(d, y));
      if (atom.kind !== 'space' && atom.kind !== 'break') lines.push({ y, atom });
      heading ??= atom.heading;
      y += atom.height;
    }
  }
  return { height: y, draws, under, lines, ...(heading ? { heading } : {}) };
}

/** The rectangles and rules of a decoration between y0 and y1; open sides omit their border. */
export function decorationDraws(d: Decoration, y0: number, y1: number, top: boolean, bottom: boolean): Draw[] {
  const out: Draw[] = [];
  if (d.background) out.push({ op: 'rect', x: d.x, y: y0, w: d.w, h: y1 - y0, fill: d.background });
  const [t, r, b, l] = d.border;
  if (top && t.width > 0)
    out.push({ op: 'line', x1: d.x, y1: y0 + t.width / 2, x2: d.x + d.w, y2: y0 + t.width / 2, color: t.color, width: t.width });
  if (bottom && b.width > 0)
    out.push({ op: 'line', x1: d.x, y1: y1 - b.width / 2, x2: d.x + d.w, y2: y1 - b.width / 2, color: b.color, width: b.width });
  if (l.width > 0)
    out.push({ op: 'line', x1: d.x + l.width / 2, y1: y0, x2: d.x + l.width / 2, y2: y1, color: l.color, width: l.width });
  if (r.width > 0)
    out.push({
      op: 'line',
      x1: d.x + d.w - r.width / 2,
      y1: y0,
      x2: d.x + d.w - r.width / 2,
      y2: y1,
      color: r.color,
      width: r.width,
    });
  return out;
}

function hasBorder(border: ComputedStyle['border']): boolean {
  return border[0].width > 0 || border[1].width > 0 || border[2].width > 0 || border[3].width > 0;
}

/** `shift` down in place, for draws nothing else refers to. */
function moveDown(d: Draw, dy: number): Draw {
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

function listMarker(li: ElementNode): string {
  return li.attrs['data-marker'] ?? '•';
}

function collectInline(el: ElementNode, s: ComputedStyle, out: InlineItem[], ctx: LayoutContext, href: string | undefined): void {
  const link = el.tag === 'a' && el.attrs.href ? el.attrs.href : href;
  if (el.tag === 'br') {
    out.push({ kind: 'br', style: s });
    return;
  }
  if (el.tag === 'img' || el.tag === 'svg') {
    const box = replacedBox(el, s, ctx);
    if (box) out.push({ ...box, style: s, ...(link ? { href: link } : {}) });
    return;
  }
  for (const child of el.children) {
    if (child.type === 'text')
      out.push({ kind: 'text', text: child.text, style: s, where: `<${el.tag}>`, ...(link ? { href: link } : {}) });
    else {
      const cs = computeStyle(child, s, ctx.sheet);
      if (cs.display === 'none') continue;
      if (isBlock(child, cs)) ctx.warnings.add(`block element <${child.tag}> inside inline <${el.tag}> laid out inline`);
      collectInline(child, cs, out, ctx, link);
    }
  }
}

function replacedBox(
  el: ElementNode,
  s: ComputedStyle,
  ctx: LayoutContext,
): { kind: 'box'; width: number; height: number; make: (x: number, y: number) => Draw[] } | undefined {
  let resolved: ResolvedImage;
  if (el.tag === 'svg') {
    const vb = (el.attrs.viewbox ?? '').split(/[\s,]+/).map(Number);
    const w = parseLength(el.attrs.width ?? '', s.fontSize) ?? (vb[2] ?? 300) * 0.75;
    const h = parseLength(el.attrs.height ?? '', s.fontSize) ?? (vb[3] ?? 150) * 0.75;
    resolved = { kind: 'svg', width: w / 0.75, height: h / 0.75, svg: el };
  } else resolved = ctx.images(el.attrs.src ?? '');
  let w = s.width && !s.width.percent ? s.width.value : parseLength(el.attrs.width ?? '', s.fontSize);
  let h = s.height ?? parseLength(el.attrs.height ?? '', s.fontSize);
  const ratio = resolved.height / resolved.width || 1;
  if (w === undefined && h === undefined) w = resolved.width * 0.75;
  if (w === undefined) w = (h as number) / ratio;
  if (h === undefined) h = w * ratio;
  const width = w;
  const height = h;
  return {
    kind: 'box',
    width,
    height,
    make: (x, y) =>
      resolved.kind === 'svg'
        ? [{ op: 'svg', x, y, w: width, h: height, node: resolved.svg as ElementNode }]
        : [{ op: 'image', x, y, w: width, h: height, image: resolved.image }],
  };
}

// ---- inline formatting: whitespace, fonts per glyph, Unicode line breaking -------------------

interface Shaped {
  text: string; // collapsed text, one entry per UTF-16 unit
  chars: string[];
  adv: number[]; // advance per char (points), with its kerning against the next char
  kern: number[]; // the kerning part of adv (points): left out when a line ends after the char
  kerned: boolean;
  face: (Face | null)[];
  item: number[]; // index of the inline item
  /** Shaped glyphs (see `complexRun`) by char index: offset from the pen and advance beyond the glyph's own, in em. */
  placed?: Map<number, Placement>;
  /** The chars as the bidirectional algorithm sees them, where shaped glyphs stand in for letters. */
  bidiChars?: string[];
  /** Each run of shaped glyphs: its first char index, one past its last, and the text it shows. */
  sources?: { start: number; end: number; text: string }[];
}

interface Placement {
  dx: number;
  dy: number;
  extra: number;
}
const UNPLACED: Placement = Object.freeze({ dx: 0, dy: 0, extra: 0 });

/**
 * Letters of scripts whose shapes depend on their neighbours by the font's rules (GSUB, GPOS):
 * Syriac, N'Ko, Samaritan, Mandaic, the Indic scripts, Thai, Lao, Tibetan, Myanmar, Hangul jamo,
 * Khmer, Mongolian and their neighbours. (Arabic is joined with presentation forms: arabic.ts.)
 */
const COMPLEX_RANGES =
  '\\u0700-\\u074f\\u07c0-\\u07ff\\u0800-\\u085f\\u0900-\\u0dff\\u0e00-\\u0fff\\u1000-\\u109f\\u1100-\\u11ff\\u1700-\\u18af\\u1900-\\u1aaf\\u1b00-\\u1c4f\\u1cd0-\\u1cff\\ua800-\\ua8ff\\ua900-\\ua9df\\uaa00-\\uaadf\\uabc0-\\uabff';
const COMPLEX = new RegExp(`[${COMPLEX_RANGES}]`);
// What continues a run of such letters: more of them, marks, joiners.
const COMPLEX_RUN = new RegExp(`[${COMPLEX_RANGES}\\p{M}\\u200c\\u200d]+`, 'uy');

/**
 * The text a drawn run shows when it holds shaped glyphs: its characters in reading order, each
 * run of shaped glyphs given as the text it was shaped from; undefined without shaped glyphs.
 */
function actualText(
  sh: Shaped,
  sources: { start: number; end: number; text: string }[],
  p: number,
  q: number,
  at: (k: number) => number,
): string | undefined {
  const indices: number[] = [];
  for (let k = p; k < q; k++) indices.push(at(k));
  indices.sort((a, b) => a - b);
  let out = '';
  let shaped = false;
  for (let k = 0; k < indices.length; ) {
    const i = indices[k] as number;
    const source = sources.find((s) => i >= s.start && i < s.end);
    if (!source) {
      out += sh.chars[i];
      k++;
      continue;
    }
    shaped = true;
    out += source.text;
    while (k < indices.length && (indices[k] as number) < source.end) k++;
  }
  return shaped ? out : undefined;
}

/**
 * A run of complex-script text starting at `pos` of `text`, shaped by the one face that has all
 * its letters; undefined when no single face has them (the characters then go one by one, and
 * any that no face has is reported).
 */
function complexRun(
  text: string,
  pos: number,
  resolve: (cp: number) => Face | null,
): { end: number; face: Face; glyphs: ReturnType<Face['shape']>; rtl: boolean } | undefined {
  COMPLEX_RUN.lastIndex = pos;
  const m = COMPLEX_RUN.exec(text);
  if (!m) return undefined;
  const run = m[0];
  const face = resolve(run.codePointAt(0) as number);
  if (!face) return undefined;
  for (const c of run) {
    const cp = c.codePointAt(0) as number;
    if (cp !== 0x200c && cp !== 0x200d && resolve(cp) !== face) return undefined;
  }
  const rtl = isRightToLeft(run.codePointAt(0) as number);
  return { end: pos + run.length, face, glyphs: face.shape(run, rtl), rtl };
}

function shape(items: InlineItem[], ctx: LayoutContext): Shaped {
  return shapeItems(items, ctx);
}

// Font lookup per style object (styles are shared and frozen): one per element kind, not per cell.
const resolvers = new WeakMap<ComputedStyle, (cp: number) => Face | null>();
function resolverFor(style: ComputedStyle, ctx: LayoutContext): (cp: number) => Face | null {
  let resolve = resolvers.get(style);
  if (!resolve) {
    resolve = ctx.fonts.resolver(style.fontFamily, style.bold, style.italic);
    resolvers.set(style, resolve);
  }
  return resolve;
}

function shapeItems(items: InlineItem[], ctx: LayoutContext): Shaped {
  const chars: string[] = [];
  const adv: number[] = [];
  const kern: number[] = [];
  const face: (Face | null)[] = [];
  const item: number[] = [];
  let kerned = false;
  let lastSpace = true;
  let placed: Map<number, Placement> | undefined;
  const rtlGlyphs = new Set<number>();
  let prevFace: Face | null = null;
  let prevCp = 0;
  let prevSize = 0;
  const sources: { start: number; end: number; text: string }[] = [];
  items.forEach((it, i) => {
    if (it.kind === 'br') {
      prevFace = null;
      chars.push('\n');
      adv.push(0);
      kern.push(0);
      face.push(null);
      item.push(i);
      lastSpace = true;
      return;
    }
    if (it.kind === 'box') {
      prevFace = null;
      chars.push('\ufffc');
      adv.push(it.width);
      kern.push(0);
      face.push(null);
      item.push(i);
      lastSpace = false;
      return;
    }
    const { style } = it;
    const resolve = resolverFor(style, ctx);
    // Arabic letters in the shape their neighbours give them (presentation forms).
    const text = ARABIC_LETTERS.test(it.text) ? joinArabic(it.text, (cp) => resolve(cp) !== null) : it.text;
    // Kerning between neighbours in one face and size, across items (a <span> that changes only
    // the colour), spaces excepted (a line may end there), and right-to-left letters excepted
    // (they are drawn in the other order).
    if (style.fontSize !== prevSize) prevFace = null;
    prevSize = style.fontSize;
    for (let pos = 0; pos < text.length; ) {
      const ch = String.fromCodePoint(text.codePointAt(pos) as number);
      // Letters that the font shapes (complexRun): one pseudo-character a glyph.
      const code0 = ch.codePointAt(0) as number;
      const run =
        ((code0 >= 0x0700 && code0 <= 0x1cff) || (code0 >= 0xa800 && code0 <= 0xabff)) && COMPLEX.test(ch)
          ? complexRun(text, pos, resolve)
          : undefined;
      if (run) {
        placed ??= new Map();
        sources.push({ start: chars.length, end: chars.length + run.glyphs.length, text: text.slice(pos, run.end) });
        const natural = (g: (typeof run.glyphs)[number]) => run.face.glyph(g.ch.codePointAt(0) as number)?.advance ?? 0;
        for (const g of run.glyphs) {
          const extra = g.advance - natural(g);
          if (g.dx !== 0 || g.dy !== 0 || extra !== 0) placed.set(chars.length, { dx: g.dx, dy: g.dy, extra });
          if (run.rtl) rtlGlyphs.add(chars.length);
          chars.push(g.ch);
          adv.push(g.advance * style.fontSize);
          kern.push(0);
          face.push(run.face);
          item.push(i);
        }
        pos = run.end;
        lastSpace = false;
        prevFace = null;
        continue;
      }
      pos += ch.length;
      let c = ch;
      if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f') {
        if (lastSpace) continue;
        c = ' ';
        lastSpace = true;
      } else lastSpace = false;
      if (c === '\u00ad' || c === '\u200b' || c === '\ufeff') continue;
      const cp = c.codePointAt(0) as number;
      if (isBidiOrJoinControl(cp)) {
        // Kept for the bidirectional algorithm (and for joining, done above); never drawn.
        chars.push(c);
        adv.push(0);
        kern.push(0);
        face.push(null);
        item.push(i);
        continue;
      }
      let f = resolve(cp);
      if (!f) {
        const lookup = c === '\u00a0' ? ' ' : ctx.replacement;
        const rf = lookup ? resolve(lookup.codePointAt(0) as number) : null;
        if (rf && lookup) {
          f = rf;
          c = lookup;
        } else {
          const context = it.text.replace(/\s+/g, ' ').trim();
          ctx.missing.push({
            char: ch,
            codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
            where: `${it.where} "${context.length > 40 ? `${context.slice(0, 40)}…` : context}"`,
          });
          continue;
        }
      }
      const code = c.codePointAt(0) as number;
      const g = f.glyph(code);
      if (c === ' ' || isRightToLeft(code)) prevFace = null;
      else {
        if (prevFace === f && f.kerning) {
          const k = f.kern(prevCp, code) * style.fontSize;
          if (k !== 0) {
            const last = adv.length - 1;
            adv[last] = (adv[last] as number) + k;
            kern[last] = k;
            kerned = true;
          }
        }
        prevFace = f;
        prevCp = code;
      }
      chars.push(c);
      adv.push((g?.advance ?? 0) * style.fontSize);
      kern.push(0);
      face.push(f);
      item.push(i);
    }
  });
  const shaped: Shaped = { text: chars.join(''), chars, adv, kern, kerned, face, item };
  if (placed) {
    shaped.placed = placed;
    shaped.sources = sources;
    // Shaped glyphs are private-use characters to the bidirectional algorithm: a letter of their
    // direction stands in for each.
    shaped.bidiChars = chars.map((c, k) =>
      (c.codePointAt(0) as number) >= SHAPED_BASE ? (rtlGlyphs.has(k) ? '\u07ca' : 'a') : c,
    );
  }
  return shaped;
}

/** ZWNJ, ZWJ, LRM, RLM, ALM and the embedding, override and isolate controls: format characters. */
function isBidiOrJoinControl(cp: number): boolean {
  return (cp >= 0x200c && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x061c;
}

const FAST_TEXT = /^[\x20-\x7e\u00a1-\u00ac\u00ae-\u024f\u0370-\u03ff\u0400-\u04ff]*$/;
const FAST_EXCLUDED = /[-/?!)\]}\u00ab\u00bb]/;
const NO_LINE_START = new Set([',', '.', ':', ';', '!', '?', ' ']);

/**
 * `measureInline` for one run of alphabetic text that breaks only at spaces (the common table
 * cell), without building the per-character arrays; undefined if a character needs the general
 * path (no font has it, or a line-start rule applies).
 */
function measurePlain(
  text: string,
  style: ComputedStyle,
  resolve: (cp: number) => Face | null,
): { min: number; max: number } | undefined {
  let min = 0;
  let word = 0;
  let total = 0;
  let pendingSpace = 0;
  let started = false;
  let prevFace: Face | null = null;
  let prevCode = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 10 || code === 9 || code === 13 || code === 12) {
      prevFace = null;
      if (started && pendingSpace === 0) {
        const face = resolve(32);
        if (!face) return undefined;
        pendingSpace = (face.glyph(32)?.advance ?? 0) * style.fontSize;
        min = Math.max(min, word);
        word = 0;
      }
      continue;
    }
    if (code === 44 || code === 46 || code === 58 || code === 59 || code === 33 || code === 63) {
      if (pendingSpace > 0) return undefined; // ", . : ; ! ?" after a space: no break there
    }
    const face = resolve(code);
    const g = face?.glyph(code);
    if (!g || !face) return undefined;
    // Kerning as shapeItems applies it: between neighbours of one face, not across a space.
    const a = g.advance * style.fontSize + (prevFace === face && face.kerning ? face.kern(prevCode, code) * style.fontSize : 0);
    prevFace = face;
    prevCode = code;
    if (pendingSpace > 0) {
      total += pendingSpace;
      pendingSpace = 0;
    }
    started = true;
    word += a;
    total += a;
  }
  min = Math.max(min, word);
  return { min, max: Math.max(total, min) };
}

/** Break opportunities (indices into chars, after which a line may end) and mandatory ones. */
function breaks(sh: Shaped): { at: number; required: boolean }[] {
  // Fast path for alphabetic scripts (Latin, Greek, Cyrillic) without hyphens, slashes or
  // closing punctuation: UAX #14 then allows a break only after a space that is not followed by a
  // character that may not start a line (, . : ; ! ?).
  const out: { at: number; required: boolean }[] = [];
  if (FAST_TEXT.test(sh.text) && !FAST_EXCLUDED.test(sh.text)) {
    const n = sh.chars.length;
    for (let i = 0; i < n; i++) {
      if (sh.chars[i] === ' ' && i + 1 < n && !NO_LINE_START.has(sh.chars[i + 1] as string))
        out.push({ at: i + 1, required: false });
    }
    out.push({ at: n, required: false });
    return out;
  }
  // linebreak positions are UTF-16 offsets; map them to char indices.
  const unitToChar: number[] = [];
  sh.chars.forEach((c, i) => {
    for (let k = 0; k < c.length; k++) unitToChar.push(i);
  });
  unitToChar.push(sh.chars.length);
  const breaker = new LineBreaker(sh.text);
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    out.push({ at: unitToChar[b.position] ?? sh.chars.length, required: b.required && b.position < sh.text.length });
  }
  return out;
}

/** The widest unbreakable piece and the widest line without wrapping, for table column sizing. */
function measureInline(items: InlineItem[], ctx: LayoutContext): { min: number; max: number } {
  const only = items.length === 1 ? items[0] : undefined;
  if (only?.kind === 'text' && FAST_TEXT.test(only.text) && !FAST_EXCLUDED.test(only.text)) {
    const fast = measurePlain(only.text, only.style, resolverFor(only.style, ctx));
    if (fast) return fast;
  }
  const sh = shape(items, ctx);
  let min = 0;
  let max = 0;
  let line = 0;
  let start = 0;
  for (const b of breaks(sh)) {
    let w = 0;
    let trail = 0;
    for (let i = start; i < b.at; i++) {
      w += sh.adv[i] as number;
      trail = sh.chars[i] === ' ' ? trail + (sh.adv[i] as number) : 0;
    }
    // A piece ending a line loses its last character's kerning against the next line's first.
    if (trail === 0 && b.at > start) trail = sh.kern[b.at - 1] as number;
    min = Math.max(min, w - trail);
    line += w;
    if (b.required) {
      max = Math.max(max, line - trail);
      line = 0;
    } else if (b.at === sh.chars.length) max = Math.max(max, line - trail);
    start = b.at;
  }
  return { min, max: Math.max(max, min) };
}

function layoutInline(items: InlineItem[], block: ComputedStyle, flow: Flow, ctx: LayoutContext): Atom[] {
  const sh = shape(items, ctx);
  const n = sh.chars.length;
  const lines: [number, number][] = [];
  const width = flow.width;
  let lineStart = 0;
  let lineWidth = 0;
  let start = 0;
  const all = n === 0 ? [] : breaks(sh);
  for (const b of all) {
    let w = 0;
    let trail = 0;
    for (let i = start; i < b.at; i++) {
      w += sh.adv[i] as number;
      trail = sh.chars[i] === ' ' || sh.chars[i] === '\n' ? trail + (sh.adv[i] as number) : 0;
    }
    // Ending the line here drops the last character's kerning against what follows.
    if (trail === 0 && b.at > start) trail = sh.kern[b.at - 1] as number;
    if (lineWidth + w - trail > width + 1e-6 && start > lineStart) {
      lines.push([lineStart, start]);
      lineStart = start;
      lineWidth = 0;
    }
    if (w - trail > width + 1e-6 && start === lineStart) {
      // A piece wider than the line: break between characters.
      let acc = 0;
      for (let i = start; i < b.at; i++) {
        const a = sh.adv[i] as number;
        if (acc + a - (sh.kern[i] as number) > width && i > lineStart) {
          lines.push([lineStart, i]);
          lineStart = i;
          acc = 0;
        }
        acc += a;
      }
      lineWidth = acc;
    } else lineWidth += w;
    start = b.at;
    if (b.required) {
      lines.push([lineStart, b.at]);
      lineStart = b.at;
      lineWidth = 0;
    }
  }
  if (lineStart < n || lines.length === 0) lines.push([lineStart, n]);
  // Right-to-left text: the paragraph's levels, for the order each line is drawn in.
  const bidi = sh.bidiChars
    ? paragraphBidi(sh.bidiChars.join(''), sh.bidiChars, block.direction)
    : paragraphBidi(sh.text, sh.chars, block.direction);
  return lines.map(([a, b], index) => buildLine(sh, items, a, b, block, flow, ctx, index === lines.length - 1, bidi));
}

function buildLine(
  sh: Shaped,
  items: InlineItem[],
  a: number,
  b: number,
  block: ComputedStyle,
  flow: Flow,
  ctx: LayoutContext,
  last: boolean,
  bidi?: ParagraphBidi,
): Atom {
  let end = b;
  while (end > a && (sh.chars[end - 1] === ' ' || sh.chars[end - 1] === '\n')) end--;
  let begin = a;
  while (begin < end && sh.chars[begin] === ' ') begin++;
  // Vertical metrics: each piece's half-leading box, as CSS does.
  let above = 0;
  let below = 0;
  const consider = (size: number, lh: number, face: Face) => {
    const asc = face.ascent * size;
    const desc = face.descent * size;
    const half = (lh * size - (asc + desc)) / 2;
    above = Math.max(above, half + asc);
    below = Math.max(below, half + desc);
  };
  consider(block.fontSize, block.lineHeight, ctx.fonts.primary(block.fontFamily, block.bold, block.italic));
  for (let i = begin; i < end; i++) {
    const it = items[sh.item[i] as number] as InlineItem;
    if (it.kind === 'box') above = Math.max(above, it.height);
    else if (sh.face[i]) consider(it.style.fontSize, it.style.lineHeight, sh.face[i] as Face);
  }
  let w = 0;
  let spaces = 0;
  for (let i = begin; i < end; i++) {
    w += sh.adv[i] as number;
    if (sh.chars[i] === ' ') spaces++;
  }
  // The last character drawn kerns against nothing on this line.
  const endKern = end > begin ? (sh.kern[end - 1] as number) : 0;
  w -= endKern;
  // Text aligns to its start: the right for a paragraph that reads right to left.
  const align = block.textAlign ?? ((bidi ? bidi.rtl : block.direction === 'rtl') ? 'right' : 'left');
  let x = flow.x + (align === 'right' ? flow.width - w : align === 'center' ? (flow.width - w) / 2 : 0);
  // Justified: every line but the last of the paragraph and those ending in a forced break is
  // stretched to the full width at its spaces (none: left-aligned, as CSS does).
  const stretch =
    align === 'justify' && !last && sh.chars[b - 1] !== '\n' && spaces > 0 && w < flow.width ? (flow.width - w) / spaces : 0;
  const draws: Draw[] = [];
  const baseline = above;
  // Characters in the order they are drawn: logical, unless the line holds right-to-left text.
  const order = bidi ? visualOrder(bidi, begin, end) : undefined;
  const count = end - begin;
  const at = (p: number) => (order ? (order[p] as number) : begin + p);
  let p = 0;
  while (p < count) {
    const i = at(p);
    const itIndex = sh.item[i] as number;
    const it = items[itIndex] as InlineItem;
    if (it.kind === 'box') {
      draws.push(...it.make(x, baseline - it.height));
      if (it.href) draws.push({ op: 'link', x, y: baseline - it.height, w: it.width, h: it.height, href: it.href });
      x += it.width;
      p++;
      continue;
    }
    const face = sh.face[i];
    // A run: characters of one item and face that are neighbours both in the text and on the
    // line (going backwards through the text where it reads right to left).
    const rtl = order !== undefined && ((bidi as ParagraphBidi).levels[i] as number) % 2 === 1;
    const step = rtl ? -1 : 1;
    let q = p;
    let runWidth = 0;
    let runSpaces = 0;
    let runKerned = false;
    let withEnd = false;
    for (let prev = i - step; q < count; q++) {
      const j = at(q);
      if (j !== prev + step || sh.item[j] !== itIndex || sh.face[j] !== face) break;
      runWidth += sh.adv[j] as number;
      if (sh.chars[j] === ' ') runSpaces++;
      if (sh.kern[j] !== 0 && j < end - 1) runKerned = true;
      if (j === end - 1) withEnd = true;
      prev = j;
    }
    if (withEnd) runWidth -= endKern;
    runWidth += runSpaces * stretch;
    if (it.kind === 'text' && face) {
      let text: string;
      if (!rtl) text = sh.chars.slice(i, i + (q - p)).join('');
      else {
        text = '';
        for (let k = p; k < q; k++) text += mirrored(sh.chars[at(k)] as string);
      }
      const draw: Draw = {
        op: 'text',
        x,
        y: baseline,
        text,
        face,
        size: it.style.fontSize,
        color: it.style.color,
        width: runWidth,
      };
      if (runSpaces > 0 && stretch > 0) draw.wordSpacing = stretch;
      if (runKerned) draw.kerned = true;
      if (sh.sources) {
        const actual = actualText(sh, sh.sources, p, q, at);
        if (actual !== undefined) draw.actualText = actual;
      }
      if (sh.placed) {
        for (let k = p; k < q; k++) {
          const pl = sh.placed.get(at(k));
          if (!pl) continue;
          draw.placed ??= Array.from({ length: q - p }, () => UNPLACED);
          draw.placed[k - p] = pl;
        }
      }
      draws.push(draw);
      if (it.style.underline) {
        const uy = baseline + it.style.fontSize * 0.12;
        draws.push({
          op: 'line',
          x1: x,
          y1: uy,
          x2: x + runWidth,
          y2: uy,
          color: it.style.color,
          width: Math.max(0.4, it.style.fontSize * 0.06),
        });
      }
      if (it.href) draws.push({ op: 'link', x, y: 0, w: runWidth, h: above + below, href: it.href });
    }
    x += runWidth;
    p = q;
  }
  if (flow.marker) {
    const m = flow.marker;
    const markerText = m.text;
    const face =
      ctx.fonts.faceFor(m.style.fontFamily, m.style.bold, m.style.italic, markerText.codePointAt(0) as number) ??
      ctx.fonts.primary(m.style.fontFamily, false, false);
    let mw = 0;
    for (const ch of markerText) mw += (face.glyph(ch.codePointAt(0) as number)?.advance ?? 0) * m.style.fontSize;
    draws.push({
      op: 'text',
      x: flow.x - mw - m.style.fontSize * 0.4,
      y: baseline,
      text: markerText,
      face,
      size: m.style.fontSize,
      color: m.style.color,
      width: mw,
    });
    flow.marker = undefined;
  }
  const atom: Atom = { kind: 'line', height: above + below, draws };
  if (flow.heading) {
    atom.heading = flow.heading;
    flow.heading = undefined;
  }
  if (flow.anchor) {
    atom.anchor = flow.anchor;
    flow.anchor = undefined;
  }
  return atom;
}

// ---- lists -------------------------------------------------------------------------------------

/** Rewrites list item markers: `•` for `<ul>`, `1.` … for `<ol>` (honouring `start`). */
export function numberLists(el: ElementNode): void {
  let n = el.tag === 'ol' ? Number(el.attrs.start ?? 1) || 1 : 0;
  for (const child of el.children) {
    if (child.type !== 'element') continue;
    if (child.tag === 'li' && (el.tag === 'ol' || el.tag === 'ul')) {
      child.attrs = { ...child.attrs, 'data-marker': el.tag === 'ol' ? `${n++}.` : '•' };
    }
    numberLists(child);
  }
}

// ---- tables ------------------------------------------------------------------------------------

interface Cell {
  el: ElementNode;
  style: ComputedStyle;
  col: number;
  span: number;
  /** Rows spanned (`rowspan`), clipped to its row group when laid out. */
  rows: number;
  min: number;
  max: number;
}

interface Row {
  el: ElementNode;
  style: ComputedStyle;
  cells: Cell[];
  section: 'thead' | 'tbody' | 'tfoot';
  /** For a `{% streamrows %}` marker: the row group it is in (its rows' parent). */
  group?: ElementNode;
}

const NUMERIC = /^[-+−(]?\s?[$€£¥₹]?\s?\d[\d.,\s\u00a0\u202f'’]*(?:[%‰]|\s?[$€£¥₹]|[kKMB])?\)?$/;

// One right-aligned twin per style, so thousands of numeric cells share it (and its style cache).
const rightTwins = new WeakMap<ComputedStyle, ComputedStyle>();
function rightAligned(style: ComputedStyle): ComputedStyle {
  let twin = rightTwins.get(style);
  if (!twin) {
    twin = Object.freeze({ ...style, textAlign: 'right' as const });
    rightTwins.set(style, twin);
  }
  return twin;
}

// The same for cells of a table with the HTML `border` attribute: a thin black border each.
const borderedTwins = new WeakMap<ComputedStyle, ComputedStyle>();
const THIN: BorderSide = { width: 0.75, color: [0, 0, 0] };
function borderedTwin(style: ComputedStyle): ComputedStyle {
  let twin = borderedTwins.get(style);
  if (!twin) {
    twin = Object.freeze({ ...style, border: [THIN, THIN, THIN, THIN] as ComputedStyle['border'] });
    borderedTwins.set(style, twin);
  }
  return twin;
}

function layoutTable(
  table: ElementNode,
  ts: ComputedStyle,
  x: number,
  available: number,
  ctx: LayoutContext,
  atoms: AtomSink,
): void {
  // Rows keep no cells between passes: a long table's cells are made, measured and dropped, then
  // made again (styles are cached) when their row is laid out. A streamed table (see `streamRows`)
  // keeps not even its body rows: they are parsed again for each pass.
  const rows: Row[] = [];
  let caption: ElementNode | undefined;
  for (const child of table.children) {
    if (child.type !== 'element') continue;
    const cs = computeStyle(child, ts, ctx.sheet);
    if (child.tag === 'tr') rows.push({ el: child, style: cs, cells: [], section: 'tbody' });
    else if (child.tag === ROW_STREAM_TAG) rows.push({ el: child, style: ts, cells: [], section: 'tbody' });
    else if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot') {
      for (const tr of child.children) {
        if (tr.type !== 'element') continue;
        // A {% streamrows %} marker keeps its group's style, which its rows inherit.
        if (tr.tag === ROW_STREAM_TAG) rows.push({ el: tr, style: cs, cells: [], section: 'tbody', group: child });
        else if (tr.tag === 'tr') rows.push({ el: tr, style: computeStyle(tr, cs, ctx.sheet), cells: [], section: child.tag });
      }
    } else if (child.tag === 'caption') caption = child;
    else ctx.warnings.add(`<${child.tag}> inside <table> ignored`);
  }
  // Body rows for measuring (`{% streamrows %}` blocks give their first rows only) or for layout.
  function* bodyRows(measuring: boolean): Generator<Row> {
    if (!table.streamed) {
      for (const r of rows) {
        if (r.section !== 'tbody') continue;
        if (r.el.tag === ROW_STREAM_TAG) yield* streamedRows(r.el, r.group, r.style, measuring);
        else yield r;
      }
      return;
    }
    for (const { tr, group } of streamRows(table)) {
      const gs = group ? computeStyle(group, ts, ctx.sheet) : ts;
      if (tr.tag === ROW_STREAM_TAG) {
        yield* streamedRows(tr, group, gs, measuring);
        continue;
      }
      numberLists(tr);
      yield { el: tr, style: computeStyle(tr, gs, ctx.sheet), cells: [], section: 'tbody' };
    }
  }
  function* streamedRows(marker: ElementNode, group: ElementNode | undefined, gs: ComputedStyle, measuring: boolean) {
    const pulled = pulledRows(marker.attrs['data-stream'], ctx.streams);
    for (const html of measuring ? pulled.measured() : pulled.all()) {
      for (const { tr } of parseRows(html, table, group).rows) {
        numberLists(tr);
        yield { el: tr, style: computeStyle(tr, gs, ctx.sheet), cells: [], section: 'tbody' } satisfies Row;
      }
    }
  }
  const kept = (section: Row['section']) => rows.filter((r) => r.section === section);
  const bordered = table.attrs.border !== undefined && table.attrs.border !== '0';
  // Columns still taken by cells of rows above (`rowspan`): rows left per column. Spans stay in
  // their section (thead, tbody, tfoot), as HTML has it.
  let occupied: number[] = [];
  let open = 0;
  let section: Row['section'] | undefined;
  const cellsOf = (r: Row): Cell[] => {
    if (r.section !== section) {
      section = r.section;
      occupied = [];
      open = 0;
    }
    const cells: Cell[] = [];
    let col = 0;
    const skip = () => {
      if (open > 0) while ((occupied[col] ?? 0) > 0) col++;
    };
    for (const td of r.el.children) {
      if (td.type !== 'element') continue;
      if (td.tag !== 'td' && td.tag !== 'th') {
        ctx.warnings.add(`<${td.tag}> inside <tr> ignored (only <td> and <th>)`);
        continue;
      }
      let cs = computeStyle(td, r.style, ctx.sheet);
      if (bordered && cs.border.every((b) => b.width === 0)) cs = borderedTwin(cs);
      const span = Math.max(1, Number(td.attrs.colspan ?? 1) || 1);
      // rowspan="0" spans the rest of the section; HTML caps spans at 65,534 rows.
      const rs = td.attrs.rowspan === undefined ? 1 : Math.trunc(Number(td.attrs.rowspan));
      const rows = rs === 0 ? 65534 : Math.min(65534, Math.max(1, rs || 1));
      skip();
      cells.push({ el: td, style: cs, col, span, rows, min: 0, max: 0 });
      col += span;
    }
    if (open > 0) {
      open = 0;
      for (let k = 0; k < occupied.length; k++) {
        const left = (occupied[k] as number) - 1;
        occupied[k] = Math.max(left, 0);
        if (left > 0) open++;
      }
    }
    for (const c of cells) {
      if (c.rows === 1) continue;
      for (let k = c.col; k < c.col + c.span; k++) occupied[k] = c.rows - 1;
      open += c.span;
    }
    return cells;
  };
  if (caption) {
    const cs = computeStyle(caption, ts, ctx.sheet);
    layoutInto({ ...caption, tag: 'div' }, cs, x, available, ctx, atoms);
  }
  // Pass 1: numeric columns (every body cell that has text reads as a number) and content widths
  // (CSS automatic table layout, simplified).
  const numeric: boolean[] = [];
  const seen: boolean[] = [];
  const minW: number[] = [];
  const maxW: number[] = [];
  const fixed: (number | undefined)[] = [];
  const spanning: Cell[] = [];
  let ncols = 0;
  const inset = (c: Cell) => c.style.padding[1] + c.style.padding[3] + c.style.border[1].width + c.style.border[3].width;
  function* measured(): Generator<Row> {
    if (!table.streamed && !rows.some((r) => r.el.tag === ROW_STREAM_TAG)) yield* rows;
    else {
      yield* kept('thead');
      yield* bodyRows(true);
      yield* kept('tfoot');
    }
  }
  for (const r of measured()) {
    for (const c of cellsOf(r)) {
      ncols = Math.max(ncols, c.col + c.span);
      // The common cell, one text node of plain text, is measured without building inline items.
      const only = c.el.children.length === 1 ? c.el.children[0] : undefined;
      const plain =
        only?.type === 'text' && FAST_TEXT.test(only.text) && !FAST_EXCLUDED.test(only.text)
          ? measurePlain(only.text, c.style, resolverFor(c.style, ctx))
          : undefined;
      const m = plain ?? measureBlock(c.el, c.style, ctx);
      c.min = m.min + inset(c);
      c.max = m.max + inset(c);
      if (c.span !== 1) {
        spanning.push(c);
        continue;
      }
      if (r.section !== 'thead') {
        const t = (only?.type === 'text' ? only.text : textContent(c.el)).trim();
        if (t !== '') {
          seen[c.col] = true;
          if (!NUMERIC.test(t)) numeric[c.col] = false;
        }
      }
      if (c.style.width) {
        const w = c.style.width.percent ? (c.style.width.value / 100) * available : c.style.width.value + inset(c);
        fixed[c.col] = Math.max(fixed[c.col] ?? 0, w);
      }
      minW[c.col] = Math.max(minW[c.col] ?? 0, c.min);
      maxW[c.col] = Math.max(maxW[c.col] ?? 0, c.max);
    }
  }
  if (ncols === 0) return;
  for (let k = 0; k < ncols; k++) {
    minW[k] ??= 0;
    maxW[k] ??= 0;
  }
  for (const c of spanning) {
    const cols = [...Array(c.span).keys()].map((k) => c.col + k);
    const haveMin = cols.reduce((s, k) => s + (minW[k] as number), 0);
    const haveMax = cols.reduce((s, k) => s + (maxW[k] as number), 0);
    for (const k of cols) {
      if (c.min > haveMin) minW[k] = (minW[k] as number) + (c.min - haveMin) / c.span;
      if (c.max > haveMax) maxW[k] = (maxW[k] as number) + (c.max - haveMax) / c.span;
    }
  }
  for (let k = 0; k < ncols; k++) {
    const f = fixed[k];
    if (f !== undefined) {
      minW[k] = Math.max(minW[k] as number, f);
      maxW[k] = minW[k] as number;
    }
  }
  const target = ts.width ? (ts.width.percent ? (ts.width.value / 100) * available : ts.width.value) : undefined;
  const sumMin = minW.reduce((a, b) => a + b, 0);
  const sumMax = maxW.reduce((a, b) => a + b, 0);
  let widths: number[];
  // Rows of a {% streamrows %} block past the first ones were not measured: the table takes the
  // whole width, so that wider values further down have room.
  const pulling = rows.some((r) => r.el.tag === ROW_STREAM_TAG);
  const want = target ?? (pulling ? available : Math.min(available, sumMax));
  if (sumMax <= want) {
    const flexible = maxW.map((w, k) => (fixed[k] === undefined ? w : 0));
    const flexSum = flexible.reduce((a, b) => a + b, 0) || 1;
    widths = maxW.map((w, k) => w + ((want - sumMax) * (flexible[k] as number)) / flexSum);
  } else if (sumMin <= want) {
    const extra = want - sumMin;
    const room = sumMax - sumMin || 1;
    widths = minW.map((w, k) => w + (extra * ((maxW[k] as number) - w)) / room);
  } else {
    widths = minW.map((w) => (w * want) / sumMin);
    ctx.warnings.add(`table wider than the page (${Math.round(sumMin)}pt of words in ${Math.round(want)}pt): words broken`);
  }
  // A right-to-left table (dir="rtl", direction: rtl) has its first column on the right and stands
  // against the right edge: its columns are placed in reverse, and each cell's column mirrored.
  const rtlTable = ts.direction === 'rtl';
  const total = widths.reduce((a, b) => a + b, 0);
  const colX: number[] = [];
  let acc = rtlTable ? x + Math.max(0, available - total) : x;
  for (const w of rtlTable ? [...widths].reverse() : widths) {
    colX.push(acc);
    acc += w;
  }
  colX.push(acc);

  // Pass 2: each row's cells again, numbers right-aligned, laid out and handed on at once; the
  // row's elements are let go, so a long table streams through to the pages.
  const align = (r: Row) => {
    for (const c of r.cells) {
      if (c.style.textAlign === undefined && c.span === 1 && numeric[c.col] !== false && seen[c.col])
        c.style = rightAligned(c.style);
    }
  };
  // Rows joined by rowspan form a group, laid out as one atom (kept on one page unless taller).
  function* groups(rs: Iterable<Row>): Generator<Row[]> {
    let group: Row[] = [];
    for (const r of rs) {
      r.cells = cellsOf(r);
      align(r);
      if (rtlTable) for (const c of r.cells) c.col = ncols - c.col - c.span;
      group.push(r);
      if (open === 0) {
        yield group;
        group = [];
      }
    }
    if (group.length > 0) yield group;
  }
  const layoutGroup = (group: Row[]): Atom => {
    let atom: Atom;
    if (group.length === 1 && (group[0] as Row).cells.every((c) => c.rows === 1)) atom = layoutRow(group[0] as Row, colX, ctx);
    else {
      const cells: GroupCell[] = [];
      group.forEach((r, i) => {
        for (const c of r.cells) cells.push({ ...layoutCell(c, colX, ctx), row: i, rows: Math.min(c.rows, group.length - i) });
      });
      atom = groupAtom(
        group.map((r) => r.style),
        cells,
        ctx.pageHeight ?? 0,
      );
    }
    for (const r of group) r.cells = [];
    return atom;
  };
  section = undefined; // pass 2 tracks spans afresh
  const head = [...groups(kept('thead'))].map(layoutGroup);
  let header: Atom | undefined;
  if (head.length > 0) {
    const placed = placeAtoms(head);
    header = { kind: 'row', height: placed.height, draws: placed.draws, under: placed.under, keepWithNext: true };
    atoms.push(header);
  }
  for (const rs of [bodyRows(false), kept('tfoot')]) {
    for (const group of groups(rs)) {
      const atom = layoutGroup(group);
      if (header) atom.repeat = header;
      for (const r of group) r.el.children = [];
      atoms.push(atom);
    }
  }
}

/** Min- and max-content widths of an element's content. */
function measureBlock(el: ElementNode, s: ComputedStyle, ctx: LayoutContext): { min: number; max: number } {
  let min = 0;
  let max = 0;
  let inline: InlineItem[] = [];
  const flush = () => {
    if (inline.length === 0) return;
    const m = measureInline(inline, ctx);
    min = Math.max(min, m.min);
    max = Math.max(max, m.max);
    inline = [];
  };
  for (const child of el.children) {
    if (child.type === 'text') {
      inline.push({ kind: 'text', text: child.text, style: s, where: `<${el.tag}>`, node: child });
      continue;
    }
    const cs = computeStyle(child, s, ctx.sheet);
    if (cs.display === 'none') continue;
    if (isBlock(child, cs)) {
      flush();
      const extra = cs.margin[1] + cs.margin[3] + cs.padding[1] + cs.padding[3] + cs.border[1].width + cs.border[3].width;
      const m = child.tag === 'table' ? { min: 60, max: 200 } : measureBlock(child, cs, ctx);
      min = Math.max(min, m.min + extra);
      max = Math.max(max, m.max + extra);
    } else collectInline(child, cs, inline, ctx, undefined);
  }
  flush();
  return { min, max };
}

interface CellLayout {
  cell: Cell;
  x: number;
  w: number;
  pieces: { y: number; atom: Atom }[];
  /** Decorations of blocks inside the cell, relative to its content top (drawn with the first part). */
  under: Draw[];
  contentHeight: number;
}

function layoutRow(r: Row, colX: number[], ctx: LayoutContext): Atom {
  return rowAtom(
    r,
    r.cells.map((c) => layoutCell(c, colX, ctx)),
    ctx.pageHeight ?? 0,
  );
}

function layoutCell(c: Cell, colX: number[], ctx: LayoutContext): CellLayout {
  const x = colX[c.col] as number;
  const w = (colX[Math.min(c.col + c.span, colX.length - 1)] as number) - x;
  const s = c.style;
  const innerX = x + s.border[3].width + s.padding[3];
  const innerW = Math.max(1, w - s.border[1].width - s.border[3].width - s.padding[1] - s.padding[3]);
  const atoms = oneLineCell(c.el, s, innerX, innerW, ctx) ?? layoutChildren(c.el, s, innerX, innerW, ctx);
  // Drop leading and trailing gaps, as margins collapse through the cell edge.
  while (atoms.length > 0 && atoms[0]?.kind === 'space') atoms.shift();
  while (atoms.length > 0 && atoms[atoms.length - 1]?.kind === 'space') atoms.pop();
  const pieces: CellLayout['pieces'] = [];
  const under: Draw[] = [];
  const open: { deco: Decoration; y: number }[] = [];
  let y = 0;
  for (const atom of atoms) {
    if (atom.kind === 'deco-start' && atom.deco) open.push({ deco: atom.deco, y });
    else if (atom.kind === 'deco-end') {
      const o = open.pop();
      if (o) under.push(...decorationDraws(o.deco, o.y, y, true, true));
    } else if (atom.kind === 'line' || atom.kind === 'row') {
      pieces.push({ y, atom });
      y += atom.height;
    } else y += atom.height;
  }
  return { cell: c, x, w, pieces, under, contentHeight: y };
}

/**
 * The common table cell, one run of plain text in one face that fits its column, laid out as
 * `layoutChildren` would lay it out (one line), without shaping it character by character.
 * Undefined when the cell needs the general path: more than one text node, whitespace to collapse,
 * characters outside Latin, Greek and Cyrillic, a second face, or text wider than the cell.
 */
function oneLineCell(el: ElementNode, s: ComputedStyle, x: number, width: number, ctx: LayoutContext): Atom[] | undefined {
  const only = el.children.length === 1 ? el.children[0] : undefined;
  if (only?.type !== 'text' || s.underline) return undefined;
  const text = only.text;
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return undefined;
  const resolve = resolverFor(s, ctx);
  let face: Face | null = null;
  let w = 0;
  let space = false;
  let kerned = false;
  let prev = 32;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (space) return undefined;
      space = true;
    } else {
      space = false;
      if (!((code > 32 && code < 127) || (code >= 0xa1 && code <= 0x24f && code !== 0xad) || (code >= 0x370 && code <= 0x4ff)))
        return undefined;
    }
    const f = resolve(code);
    if (f === null || (face !== null && f !== face)) return undefined;
    face = f;
    const g = f.glyph(code);
    if (!g) return undefined;
    w += g.advance * s.fontSize;
    // Kerning as shapeItems applies it: not across a space.
    if (prev !== 32 && code !== 32 && f.kerning) {
      const k = f.kern(prev, code);
      if (k !== 0) {
        w += k * s.fontSize;
        kerned = true;
      }
    }
    prev = code;
  }
  if (face === null || w > width + 1e-6) return undefined;
  // Vertical metrics as buildLine computes them: the block's primary face, then the text's.
  let above = 0;
  let below = 0;
  const primary = ctx.fonts.primary(s.fontFamily, s.bold, s.italic);
  for (let k = 0; k < 2; k++) {
    const f = k === 0 ? primary : face;
    const asc = f.ascent * s.fontSize;
    const desc = f.descent * s.fontSize;
    const half = (s.lineHeight * s.fontSize - (asc + desc)) / 2;
    above = Math.max(above, half + asc);
    below = Math.max(below, half + desc);
  }
  const align = s.textAlign ?? (s.direction === 'rtl' ? 'right' : 'left');
  const left = x + (align === 'right' ? width - w : align === 'center' ? (width - w) / 2 : 0);
  const draw: Draw = { op: 'text', x: left, y: above, text, face, size: s.fontSize, color: s.color, width: w };
  if (kerned) draw.kerned = true;
  return [{ kind: 'line', height: above + below, draws: [draw] }];
}

function rowAtom(r: Row, cells: CellLayout[], pageHeight: number, parts = false): Atom {
  let height = r.style.height ?? 0;
  for (const c of cells) {
    const s = c.cell.style;
    height = Math.max(height, c.contentHeight + (s.border[0].width + s.padding[0]) + (s.border[2].width + s.padding[2]));
  }
  // A whole row that cannot split keeps no reference to its cells' draws: move them, not copies.
  const move = !parts && height <= pageHeight / 2 ? moveDown : shift;
  const draws: Draw[] = [];
  const under: Draw[] = [];
  const rowBg = r.style.background;
  for (const c of cells) {
    const s = c.cell.style;
    const t = s.border[0].width + s.padding[0];
    const free = height - t - (s.border[2].width + s.padding[2]) - c.contentHeight;
    const dy = t + (s.verticalAlign === 'middle' ? free / 2 : s.verticalAlign === 'bottom' ? free : 0);
    const background = s.background ?? rowBg;
    if (background || hasBorder(s.border)) {
      const deco: Decoration = { x: c.x, w: c.w, border: s.border, ...(background ? { background } : {}) };
      under.push(...decorationDraws(deco, 0, height, true, true));
    }
    for (const d of c.under) under.push(move(d, dy));
    for (const p of c.pieces) {
      for (const d of p.atom.draws) draws.push(move(d, p.y + dy));
      for (const d of p.atom.under ?? []) under.push(move(d, p.y + dy));
    }
  }
  const atom: Atom = { kind: 'row', height, draws, under };
  // Only a row taller than half a page can need splitting; others keep no reference to their cells.
  if (height <= pageHeight / 2) return atom;
  atom.split = (available: number) => {
    const first: CellLayout[] = [];
    const rest: CellLayout[] = [];
    let progress = false;
    for (const c of cells) {
      const cs = c.cell.style;
      const room = available - (cs.border[0].width + cs.padding[0]) - (cs.border[2].width + cs.padding[2]);
      const keep = c.pieces.filter((p) => p.y + p.atom.height <= room + 1e-6);
      const move = c.pieces.slice(keep.length);
      if (keep.length > 0) progress = true;
      const cut = move[0]?.y ?? c.contentHeight;
      first.push({ ...c, pieces: keep, contentHeight: keep.length > 0 ? cut : 0 });
      rest.push({
        ...c,
        pieces: move.map((p) => ({ y: p.y - cut, atom: p.atom })),
        under: [],
        contentHeight: Math.max(0, c.contentHeight - cut),
      });
    }
    if (!progress) return undefined;
    const topAligned = (cs: CellLayout[]) =>
      cs.map((c) => ({ ...c, cell: { ...c.cell, style: { ...c.cell.style, verticalAlign: 'top' as const } } }));
    const fixedFirst = rowAtom({ ...r, style: { ...r.style, height: available } }, topAligned(first), pageHeight, true);
    const second = rowAtom(r, topAligned(rest), pageHeight, true);
    if (atom.repeat) second.repeat = atom.repeat;
    return [fixedFirst, second];
  };
  return atom;
}

// ---- rowspan groups ----------------------------------------------------------------------------

/** A cell of a rowspan group: rows from `row` (within the group) for `rows` rows. */
interface GroupCell extends CellLayout {
  row: number;
  rows: number;
}

const insets = (s: ComputedStyle): [number, number] => [s.border[0].width + s.padding[0], s.border[2].width + s.padding[2]];

/** A cell's content cut where `span` points of it (insets included) end: the part that fits, the rest. */
function cutCell(c: GroupCell, span: number): [GroupCell, GroupCell, boolean] {
  const [t, b] = insets(c.cell.style);
  const room = span - t - b;
  const keep = c.pieces.filter((p) => p.y + p.atom.height <= room + 1e-6);
  const moved = c.pieces.slice(keep.length);
  const cut = moved[0]?.y ?? c.contentHeight;
  const cell = { ...c.cell, style: { ...c.cell.style, verticalAlign: 'top' as const } };
  return [
    { ...c, cell, pieces: keep, contentHeight: keep.length > 0 ? cut : 0 },
    {
      ...c,
      cell,
      pieces: moved.map((p) => ({ y: p.y - cut, atom: p.atom })),
      under: [],
      contentHeight: Math.max(0, c.contentHeight - cut),
    },
    keep.length > 0,
  ];
}

/**
 * Rows joined by rowspan as one atom: each row as tall as its own cells need, a spanning cell's
 * excess added to the last row it spans; split at row boundaries (between lines if one row is
 * taller than the space) only when the whole group is taller than half a page.
 */
function groupAtom(rowStyles: ComputedStyle[], cells: GroupCell[], pageHeight: number, parts = false): Atom {
  const n = rowStyles.length;
  const heights = rowStyles.map((s) => s.height ?? 0);
  for (const c of cells) {
    if (c.rows !== 1) continue;
    const [t, b] = insets(c.cell.style);
    heights[c.row] = Math.max(heights[c.row] as number, c.contentHeight + t + b);
  }
  const spanning = cells.filter((c) => c.rows > 1).sort((a, b) => a.row + a.rows - (b.row + b.rows));
  for (const c of spanning) {
    const [t, b] = insets(c.cell.style);
    let have = 0;
    for (let k = c.row; k < c.row + c.rows; k++) have += heights[k] as number;
    const need = c.contentHeight + t + b;
    if (need > have) heights[c.row + c.rows - 1] = (heights[c.row + c.rows - 1] as number) + need - have;
  }
  const tops = [0];
  for (let i = 0; i < n; i++) tops.push((tops[i] as number) + (heights[i] as number));
  const height = tops[n] as number;
  const move = !parts && height <= pageHeight / 2 ? moveDown : shift;
  const draws: Draw[] = [];
  const under: Draw[] = [];
  for (const c of cells) {
    const s = c.cell.style;
    const top = tops[c.row] as number;
    const cellHeight = (tops[c.row + c.rows] as number) - top;
    const [t, b] = insets(s);
    const free = cellHeight - t - b - c.contentHeight;
    const dy = top + t + (s.verticalAlign === 'middle' ? free / 2 : s.verticalAlign === 'bottom' ? free : 0);
    const background = s.background ?? rowStyles[c.row]?.background;
    if (background || hasBorder(s.border)) {
      const deco: Decoration = { x: c.x, w: c.w, border: s.border, ...(background ? { background } : {}) };
      under.push(...decorationDraws(deco, top, top + cellHeight, true, true));
    }
    for (const d of c.under) under.push(move(d, dy));
    for (const p of c.pieces) {
      for (const d of p.atom.draws) draws.push(move(d, p.y + dy));
      for (const d of p.atom.under ?? []) under.push(move(d, p.y + dy));
    }
  }
  const atom: Atom = { kind: 'row', height, draws, under };
  if (height <= pageHeight / 2) return atom;
  atom.split = (available: number) => {
    let k = 0;
    for (let i = 1; i < n; i++) if ((tops[i] as number) <= available + 1e-6) k = i;
    const first: GroupCell[] = [];
    const rest: GroupCell[] = [];
    let firstStyles = rowStyles.slice(0, k);
    let restStyles = rowStyles.slice(k);
    if (k >= 1) {
      // Whole rows fit: cut at the last row boundary that does; spanning cells across it are cut between lines.
      for (const c of cells) {
        if (c.row + c.rows <= k) first.push(c);
        else if (c.row >= k) rest.push({ ...c, row: c.row - k });
        else {
          const [a, b] = cutCell(c, (tops[k] as number) - (tops[c.row] as number));
          first.push({ ...a, rows: k - c.row });
          rest.push({ ...b, row: 0, rows: c.row + c.rows - k });
        }
      }
    } else {
      // The first row alone is taller than the space: its cells are cut between lines.
      let progress = false;
      for (const c of cells) {
        if (c.row !== 0) {
          rest.push(c);
          continue;
        }
        const [a, b, kept] = cutCell(c, available);
        if (kept) progress = true;
        first.push({ ...a, rows: 1 });
        rest.push(b);
      }
      if (!progress) return undefined;
      firstStyles = [{ ...(rowStyles[0] as ComputedStyle), height: available }];
      restStyles = rowStyles;
    }
    const second = groupAtom(restStyles, rest, pageHeight, true);
    if (atom.repeat) second.repeat = atom.repeat;
    return [groupAtom(firstStyles, first, pageHeight, true), second];
  };
  return atom;
}
