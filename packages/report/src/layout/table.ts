import { type BorderSide, type ComputedStyle, computeStyle, deriveStyle } from '../css/computed.js';
import { type ElementNode, parseRows, streamRows, textContent } from '../html.js';
import { pulledRows, ROW_STREAM_TAG } from '../stream-rows.js';
import type { Face } from '../text/fonts.js';
import type { InlineItem } from '../text/shape.js';
import { FAST_EXCLUDED, FAST_TEXT, measureInline, measurePlain, plainStyleNeedsShaping, resolverFor } from '../text/shape.js';
import { collectInline, isBlock, layoutChildren, layoutInto, transformText } from './block.js';
import {
  type Atom,
  type AtomSink,
  type Decoration,
  type Draw,
  decorationDraws,
  hasBorder,
  type LayoutContext,
  moveDown,
  placeAtoms,
  shift,
} from './boxes.js';
import { numberLists } from './lists.js';

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
function rightAligned(style: ComputedStyle): ComputedStyle {
  return deriveStyle(style, 'right-aligned', () => ({ ...style, textAlign: 'right' as const }));
}

// The same for cells of a table with the HTML `border` attribute: a thin black border each.
const THIN: BorderSide = { width: 0.75, color: [0, 0, 0] };
function borderedTwin(style: ComputedStyle): ComputedStyle {
  return deriveStyle(style, 'bordered', () => ({ ...style, border: [THIN, THIN, THIN, THIN] as ComputedStyle['border'] }));
}

export function layoutTable(
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
  // <colgroup>/<col> widths, one entry a column.
  const colWidths: (ComputedStyle['width'] | undefined)[] = [];
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
    else if (child.tag === 'colgroup' || child.tag === 'col') columnWidths(child, cs, ctx, colWidths);
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
    const cw = colWidths[k];
    // A column's width (its cells' border boxes), as a cell's own width would set it.
    if (cw) fixed[k] = Math.max(fixed[k] ?? 0, cw.percent ? (cw.value / 100) * available + (cw.offset ?? 0) : cw.value);
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
export function measureBlock(el: ElementNode, s: ComputedStyle, ctx: LayoutContext): { min: number; max: number } {
  // Measuring places nothing: the floats and positioned boxes met are not put in the flow around.
  const flow = ctx.flow;
  ctx.flow = undefined;
  const m = measureContent(el, s, ctx);
  ctx.flow = flow;
  return m;
}

function measureContent(el: ElementNode, s: ComputedStyle, ctx: LayoutContext): { min: number; max: number } {
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
      inline.push({ kind: 'text', text: transformText(child.text, s), style: s, where: `<${el.tag}>`, node: child });
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
  while (atoms.length > 0 && atoms[0]?.kind === 'space' && !atoms[0].keep) atoms.shift();
  while (atoms.length > 0 && atoms[atoms.length - 1]?.kind === 'space' && !atoms[atoms.length - 1]?.keep) atoms.pop();
  const pieces: CellLayout['pieces'] = [];
  const under: Draw[] = [];
  const open: { deco: Decoration; y: number; slot: number }[] = [];
  let y = 0;
  for (const atom of atoms) {
    if (atom.kind === 'deco-start' && atom.deco) open.push({ deco: atom.deco, y, slot: under.length });
    else if (atom.kind === 'deco-end') {
      // An outer box's background goes beneath those of the boxes inside it.
      const o = open.pop();
      if (o) under.splice(o.slot, 0, ...decorationDraws(o.deco, o.y, y, true, true));
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
  if (only?.type !== 'text' || s.underline || plainStyleNeedsShaping(s)) return undefined;
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

/** The widths a `<colgroup>` or `<col>` gives its columns (`span` of each; a group's width for cols without one). */
function columnWidths(
  el: ElementNode,
  style: ComputedStyle,
  ctx: LayoutContext,
  out: (ComputedStyle['width'] | undefined)[],
): void {
  const span = (e: ElementNode) => Math.min(1000, Math.max(1, Math.trunc(Number(e.attrs.span ?? 1)) || 1));
  const cols = el.tag === 'col' ? [el] : el.children.filter((c): c is ElementNode => c.type === 'element' && c.tag === 'col');
  if (el.tag === 'colgroup' && cols.length === 0) {
    for (let k = 0; k < span(el); k++) out.push(style.width);
    return;
  }
  for (const col of cols) {
    const cs = col === el ? style : computeStyle(col, style, ctx.sheet);
    if (cs.background)
      ctx.warnings.add(`<col> background not drawn (give the cells their background)${col.line ? ` (line ${col.line})` : ''}`);
    for (let k = 0; k < span(col); k++) out.push(cs.width ?? style.width);
  }
}
