// Flex and grid containers (CSS Flexbox 1 and Grid 1, the parts report templates use): items are
// laid out as blocks at the size the algorithm gives them, and each flex line or grid row becomes
// one atom, so pages break between rows of cards and never through one.

import { type ComputedStyle, computeStyle, deriveStyle } from '../css/computed.js';
import type { ElementNode } from '../html.js';
import { blockWidth, type Flow, layoutBlock, placeAbsolute } from './block.js';
import { type Atom, atomsHeight, type Draw, type LayoutContext, moveDown, placeAtoms } from './boxes.js';
import { measureBlock } from './table.js';

interface Item {
  el: ElementNode;
  style: ComputedStyle;
  order: number;
}

const ANONYMOUS = '#anonymous';

/** The in-flow children of a flex or grid container; runs of text become anonymous items. */
function itemsOf(el: ElementNode, s: ComputedStyle, ctx: LayoutContext, flow: Flow): Item[] {
  const items: Item[] = [];
  let run: ElementNode | undefined;
  for (const child of el.children) {
    if (child.type === 'text') {
      if (/[^ \t\n\r\f]/.test(child.text) || run) {
        run ??= { type: 'element', tag: ANONYMOUS, attrs: {}, children: [], parent: el };
        run.children.push(child);
      }
      continue;
    }
    const cs = computeStyle(child, s, ctx.sheet);
    if (cs.display === 'none') continue;
    // Absolutely positioned children are not items (CSS Flexbox 1 §4.1): placed out of the flow.
    if (cs.position === 'absolute' || cs.position === 'fixed') {
      placeAbsolute(child, cs, flow, ctx);
      continue;
    }
    if (run) {
      items.push({ el: run, style: computeStyle(run, s, ctx.sheet), order: 0 });
      run = undefined;
    }
    // Items are blockified (CSS Display 3 §2.7).
    const blockified: ComputedStyle =
      cs.display === 'block' || cs.display === 'flex' || cs.display === 'grid'
        ? cs
        : deriveStyle(cs, 'blockified', () => ({ ...cs, display: 'block' }));
    items.push({ el: child, style: blockified, order: cs.flex?.order ?? 0 });
  }
  if (run?.children.some((c) => c.type === 'element' || /[^ \t\n\r\f]/.test(c.text)))
    items.push({ el: run, style: computeStyle(run, s, ctx.sheet), order: 0 });
  // order: a stable sort.
  return items
    .map((it, i) => ({ it, i }))
    .sort((a, b) => a.it.order - b.it.order || a.i - b.i)
    .map((x) => x.it);
}

/** An item laid out as a block `w` points wide (margins included) at `x`. */
function layoutItem(item: Item, x: number, w: number, ctx: LayoutContext): { atoms: Atom[]; height: number } {
  const s = item.style;
  const inner = Math.max(1, w - s.margin[1] - s.margin[3]);
  // A flex item is a formatting context of its own: as tall as its floats.
  const fixed = deriveStyle(s, `item ${inner}`, () => {
    const d: ComputedStyle = {
      ...s,
      width: { value: inner, percent: false },
      boxSizing: 'border-box',
      margin: [0, s.margin[1], 0, s.margin[3]],
      overflowHidden: true,
    };
    delete d.marginAuto;
    delete d.maxWidth;
    delete d.minWidth;
    return d;
  });
  const atoms: Atom[] = [];
  const flow: Flow = { x, width: w, atoms, margin: 0 };
  // The top margin is the item's own: nothing collapses through a flex item.
  if (s.margin[0] > 0) atoms.push({ kind: 'space', height: s.margin[0], draws: [] });
  layoutBlock(item.el, fixed, flow, ctx);
  if (s.margin[2] > 0) atoms.push({ kind: 'space', height: s.margin[2], draws: [] });
  return { atoms, height: atomsHeight(atoms) };
}

/** Stretches an item to `height`: the space goes inside its box, before its bottom padding and border. */
function stretch(item: Item, atoms: Atom[], natural: number, height: number): Atom[] {
  if (height <= natural + 0.01) return atoms;
  const s = item.style;
  const extra: Atom = { kind: 'space', height: height - natural, draws: [] };
  // The item's own decoration ends last (before its bottom margin): grow it there.
  let k = atoms.length - 1;
  if (s.margin[2] > 0) k--;
  let at = k + 1;
  const last = atoms[k];
  if (last?.kind === 'deco-end') {
    at = k;
    const bottom = s.border[2].width + s.padding[2];
    if (bottom > 0 && atoms[k - 1]?.kind === 'space') at = k - 1;
  }
  return [...atoms.slice(0, at), extra, ...atoms.slice(at)];
}

/** One row of items placed side by side: an atom of their draws. */
function rowAtom(cells: { atoms: Atom[]; dy: number }[], height: number): Atom {
  const draws: Draw[] = [];
  const under: Draw[] = [];
  let anchor: string | undefined;
  let heading: Atom['heading'];
  for (const c of cells) {
    const placed = placeAtoms(c.atoms);
    // placeAtoms made these draws: they are moved in place.
    for (const d of placed.under) under.push(c.dy === 0 ? d : moveDown(d, c.dy));
    for (const d of placed.draws) draws.push(c.dy === 0 ? d : moveDown(d, c.dy));
    heading ??= placed.heading;
    anchor ??= c.atoms.find((a) => a.anchor)?.anchor;
  }
  return { kind: 'line', height, draws, under, ...(heading ? { heading } : {}), ...(anchor ? { anchor } : {}) };
}

function resolve(l: { points: number; percent: number }, base: number): number {
  return l.points + (l.percent / 100) * base;
}

/**
 * Lays out the content of a flex or grid container into `flow`. Returns false when the container
 * is laid out as a block instead (a column flex container, whose items stack as blocks do).
 */
export function layoutFlex(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): boolean {
  if (s.display === 'grid') return layoutGrid(el, s, flow, ctx);
  const f = s.flex ?? {};
  const direction = f.direction ?? 'row';
  const items = itemsOf(el, s, ctx, flow);
  if (items.length === 0) return true;
  pushPending(flow);
  if (direction === 'column' || direction === 'column-reverse') {
    // Stacked: each item a block, the gap between them; align-items centres narrower items.
    const list = direction === 'column-reverse' ? [...items].reverse() : items;
    list.forEach((item, i) => {
      if (i > 0 && (f.rowGap ?? 0) > 0) flow.atoms.push({ kind: 'space', height: f.rowGap as number, draws: [] });
      const centred =
        (f.alignItems === 'center' || item.style.flex?.alignSelf === 'center') && !item.style.width
          ? centredStyle(item.style, measureBlock(item.el, item.style, ctx).max + inset(item.style))
          : item.style;
      const atoms: Atom[] = [];
      layoutBlock(item.el, centred, { x: flow.x, width: flow.width, atoms, margin: 0 }, ctx);
      flow.atoms.push(...atoms);
    });
    flow.margin = 0;
    return true;
  }
  const gap = f.columnGap ?? 0;
  const width = flow.width;
  // Hypothetical main sizes (outer), and the least each may shrink to (its min-content).
  const sized = items.map((item) => {
    const st = item.style;
    const margins = st.margin[1] + st.margin[3];
    const ins = inset(st);
    let base: number;
    const basis = st.flex?.basis;
    // The item's content measured once, for its base size and the least it shrinks to.
    let measured: { min: number; max: number } | undefined;
    const measure = () => {
      measured ??= measureBlock(item.el, st, ctx);
      return measured;
    };
    if (basis) base = resolve(basis, width) + (st.boxSizing === 'border-box' ? 0 : ins);
    else if (st.width) base = blockWidth(item.el, st, 0, width, ctx).w;
    else base = measure().max + ins + 0.01;
    if (st.maxWidth) base = Math.min(base, resolve(st.maxWidth, width) + (st.boxSizing === 'border-box' ? 0 : ins));
    if (st.minWidth) base = Math.max(base, resolve(st.minWidth, width) + (st.boxSizing === 'border-box' ? 0 : ins));
    const min = st.minWidth ? resolve(st.minWidth, width) + ins : Math.min(base, measure().min + ins);
    return { item, base: base + margins, min: min + margins, size: base + margins };
  });
  // Lines: as many items as fit (all of them without wrap).
  const lines: (typeof sized)[] = [];
  let line: typeof sized = [];
  let used = 0;
  for (const it of sized) {
    if (f.wrap && line.length > 0 && used + gap + it.base > width + 0.01) {
      lines.push(line);
      line = [];
      used = 0;
    }
    used += (line.length > 0 ? gap : 0) + it.base;
    line.push(it);
  }
  if (line.length > 0) lines.push(line);
  if (direction === 'row-reverse') for (const l of lines) l.reverse();
  lines.forEach((l, li) => {
    if (li > 0 && (f.rowGap ?? 0) > 0) flow.atoms.push({ kind: 'space', height: f.rowGap as number, draws: [] });
    const total = l.reduce((a, it) => a + it.base, 0) + gap * (l.length - 1);
    let free = width - total;
    if (free > 0) {
      const grow = l.reduce((a, it) => a + (it.item.style.flex?.grow ?? 0), 0);
      if (grow > 0) {
        for (const it of l) it.size = it.base + (free * (it.item.style.flex?.grow ?? 0)) / grow;
        free = 0;
      }
    } else if (free < 0) {
      // Shrink in proportion to shrink × basis, none below its min-content (CSS Flexbox §9.7).
      let frozen = new Set<(typeof l)[number]>();
      for (let round = 0; round < 5 && free < -0.01; round++) {
        const active = l.filter((it) => !frozen.has(it) && (it.item.style.flex?.shrink ?? 1) > 0);
        const weight = active.reduce((a, it) => a + (it.item.style.flex?.shrink ?? 1) * it.base, 0);
        if (weight <= 0) break;
        const next = new Set(frozen);
        let taken = 0;
        for (const it of active) {
          const want = it.size + (free * (it.item.style.flex?.shrink ?? 1) * it.base) / weight;
          const size = Math.max(it.min, want);
          if (size > want) next.add(it);
          taken += it.size - size;
          it.size = size;
        }
        free += taken;
        frozen = next;
      }
      if (free < -0.5)
        ctx.warnings.add(
          `flex items of <${el.tag}> are ${Math.round(-free)} pt wider than the line and overflow it${el.line ? ` (line ${el.line})` : ''}`,
        );
      free = Math.max(0, free);
    }
    // justify-content
    let x = flow.x;
    let between = gap;
    const j = f.justify ?? 'flex-start';
    if (j === 'center') x += free / 2;
    else if (j === 'flex-end' || j === 'end' || j === 'right') x += free;
    else if (j === 'space-between' && l.length > 1) between += free / (l.length - 1);
    else if (j === 'space-around') {
      between += free / l.length;
      x += free / l.length / 2;
    } else if (j === 'space-evenly') {
      between += free / (l.length + 1);
      x += free / (l.length + 1);
    } else if (j === 'space-between' && l.length === 1) {
      // one item: at the start
    }
    const laid = l.map((it) => {
      const out = { it, x, ...layoutItem(it.item, x, it.size, ctx) };
      x += it.size + between;
      return out;
    });
    const height = Math.max(0, ...laid.map((c) => c.height));
    const cells = laid.map((c) => {
      const align = c.it.item.style.flex?.alignSelf ?? f.alignItems ?? 'stretch';
      if ((align === 'stretch' || align === 'normal' || align === 'auto') && !c.it.item.style.height)
        return { atoms: stretch(c.it.item, c.atoms, c.height, height), dy: 0 };
      const dy = align === 'center' ? (height - c.height) / 2 : align === 'flex-end' || align === 'end' ? height - c.height : 0;
      return { atoms: c.atoms, dy };
    });
    flow.atoms.push(rowAtom(cells, height));
  });
  flow.margin = 0;
  return true;
}

/** A column item centred at its max-content width. */
function centredStyle(s: ComputedStyle, width: number): ComputedStyle {
  return deriveStyle(s, `centred ${width}`, () => ({
    ...s,
    marginAuto: [true, true],
    width: { value: width, percent: false },
    boxSizing: 'border-box',
  }));
}

/** The margin collapsed into the container's top so far: it goes before the first row. */
function pushPending(flow: Flow): void {
  if (flow.margin > 0) flow.atoms.push({ kind: 'space', height: flow.margin, draws: [] });
  flow.margin = 0;
}

function inset(s: ComputedStyle): number {
  return s.border[1].width + s.border[3].width + s.padding[1] + s.padding[3];
}

// ---- grid --------------------------------------------------------------------------------------

type Track = { kind: 'fixed'; size: number } | { kind: 'fr'; fr: number; min: number } | { kind: 'auto' };

/** Parses a track list: lengths, percentages, `fr`, `auto`, `minmax()`, `repeat()` (a count or auto-fill/auto-fit). */
function parseTracks(text: string, width: number, gap: number, fontSize: number, warn: (m: string) => void): Track[] {
  const out: Track[] = [];
  const tokens =
    text.match(/repeat\([^()]*(?:\([^()]*\)[^()]*)*\)|minmax\([^()]*\)|fit-content\([^()]*\)|\[[^\]]*\]|[^\s]+/g) ?? [];
  const one = (t: string): Track | undefined => {
    const v = t.trim().toLowerCase();
    if (v.startsWith('[')) return undefined; // line names
    if (v === 'auto' || v === 'min-content' || v === 'max-content' || v.startsWith('fit-content')) return { kind: 'auto' };
    const fr = /^([\d.]+)fr$/.exec(v);
    if (fr) return { kind: 'fr', fr: Number(fr[1]), min: 0 };
    if (v.startsWith('minmax(')) {
      const [a, b] = v
        .slice(7, -1)
        .split(',')
        .map((x) => x.trim());
      const min = length(a ?? '0') ?? 0;
      const maxFr = /^([\d.]+)fr$/.exec(b ?? '');
      if (maxFr) return { kind: 'fr', fr: Number(maxFr[1]), min };
      const max = length(b ?? '');
      return max !== undefined ? { kind: 'fixed', size: Math.max(min, max) } : { kind: 'fr', fr: 1, min };
    }
    const l = length(v);
    if (l !== undefined) return { kind: 'fixed', size: l };
    warn(`grid track "${t}" taken as auto`);
    return { kind: 'auto' };
  };
  const length = (v: string): number | undefined => {
    const m = /^(-?[\d.]+)(px|pt|em|rem|%|mm|cm|in)?$/.exec(v);
    if (!m) return v === '0' ? 0 : undefined;
    const n = Number(m[1]);
    switch (m[2]) {
      case '%':
        return (n / 100) * width;
      case 'pt':
        return n;
      case 'em':
        return n * fontSize;
      case 'rem':
        return n * 10;
      case 'mm':
        return (n * 72) / 25.4;
      case 'cm':
        return (n * 720) / 25.4;
      case 'in':
        return n * 72;
      default:
        return n * 0.75;
    }
  };
  for (const t of tokens) {
    if (t.toLowerCase().startsWith('repeat(')) {
      const body = t.slice(7, -1);
      const comma = body.indexOf(',');
      const count = body.slice(0, comma).trim().toLowerCase();
      const inner = body.slice(comma + 1).trim();
      const innerTracks = parseTracks(inner, width, gap, fontSize, warn);
      let n = Number(count);
      if (count === 'auto-fill' || count === 'auto-fit') {
        // As many as fit at their least size.
        const least =
          innerTracks.reduce((a, tr) => a + (tr.kind === 'fixed' ? tr.size : tr.kind === 'fr' ? tr.min : 0), 0) || width;
        n = Math.max(1, Math.floor((width + gap) / (least + gap * innerTracks.length)));
      }
      for (let k = 0; k < (Number.isFinite(n) ? n : 1); k++) out.push(...innerTracks);
    } else {
      const tr = one(t);
      if (tr) out.push(tr);
    }
  }
  return out;
}

interface Placed {
  item: Item;
  col: number;
  span: number;
  row: number;
}

function layoutGrid(el: ElementNode, s: ComputedStyle, flow: Flow, ctx: LayoutContext): boolean {
  const f = s.flex ?? {};
  const width = flow.width;
  const colGap = f.columnGap ?? 0;
  const rowGap = f.rowGap ?? 0;
  const warn = (m: string) => ctx.warnings.add(`${m}${el.line ? ` (line ${el.line})` : ''}`);
  const items = itemsOf(el, s, ctx, flow);
  pushPending(flow);
  // Named areas: each name's rows and columns.
  const areas = new Map<string, { r0: number; r1: number; c0: number; c1: number }>();
  const areaRows = (f.gridTemplateAreas ?? '').match(/"[^"]*"|'[^']*'/g)?.map((r) => r.slice(1, -1).trim().split(/\s+/)) ?? [];
  areaRows.forEach((cols, r) => {
    cols.forEach((name, c) => {
      if (name === '.') return;
      const a = areas.get(name);
      if (!a) areas.set(name, { r0: r, r1: r, c0: c, c1: c });
      else {
        a.r1 = Math.max(a.r1, r);
        a.c1 = Math.max(a.c1, c);
      }
    });
  });
  let tracks = parseTracks(f.gridTemplateColumns ?? '', width, colGap, s.fontSize, warn);
  if (tracks.length === 0)
    tracks = areaRows[0]?.map(() => ({ kind: 'fr', fr: 1, min: 0 }) as Track) ?? [{ kind: 'fr', fr: 1, min: 0 }];
  const n = tracks.length;
  // Placement: explicit lines and spans, areas, then auto-placement row by row.
  const placed: Placed[] = [];
  const taken = new Set<string>();
  let cursorRow = 0;
  let cursorCol = 0;
  const spanOf = (v: string | undefined) => {
    const m = /^span\s+(\d+)$/.exec(v ?? '');
    return m ? Number(m[1]) : undefined;
  };
  for (const item of items) {
    const g = item.style.flex ?? {};
    let col: number | undefined;
    let row: number | undefined;
    let span = 1;
    let rowSpan = 1;
    const area = g.gridArea && areas.get(g.gridArea.trim());
    if (area) {
      col = area.c0;
      row = area.r0;
      span = area.c1 - area.c0 + 1;
      rowSpan = area.r1 - area.r0 + 1;
    } else if (g.gridArea) warn(`grid-area "${g.gridArea}" is not a named area; auto-placed`);
    if (g.gridColumn) {
      const [a, b] = g.gridColumn;
      const start = Number(a);
      const end = Number(b);
      span = spanOf(a) ?? spanOf(b) ?? (Number.isFinite(start) && Number.isFinite(end) ? Math.abs(end - start) : 1);
      if (Number.isFinite(start) && start !== 0) col = start > 0 ? start - 1 : n + 1 + start;
      if (b === '-1' && col !== undefined) span = n - col;
    }
    if (g.gridRow) {
      const [a, b] = g.gridRow;
      const start = Number(a);
      if (Number.isFinite(start) && start > 0) row = start - 1;
      rowSpan = spanOf(a) ?? spanOf(b) ?? (Number.isFinite(start) && Number.isFinite(Number(b)) ? Number(b) - start : 1);
    }
    span = Math.max(1, Math.min(span, n));
    if (rowSpan > 1) warn(`grid item spanning ${rowSpan} rows laid out in its first row`);
    if (col === undefined || row === undefined) {
      // Auto-placement: the next free cells of this span, row by row.
      let r = row ?? cursorRow;
      let c = col ?? (row !== undefined ? 0 : cursorCol);
      for (;;) {
        if (c + span > n) {
          if (col !== undefined) c = col;
          else c = 0;
          r++;
          continue;
        }
        let free = true;
        for (let k = 0; k < span; k++) if (taken.has(`${r},${c + k}`)) free = false;
        if (free) break;
        if (col !== undefined) r++;
        else c++;
      }
      col = c;
      row = r;
      if (g.gridRow === undefined && g.gridColumn === undefined && !area) {
        cursorRow = r;
        cursorCol = c + span;
      }
    }
    col = Math.max(0, Math.min(col, n - 1));
    span = Math.min(span, n - col);
    for (let k = 0; k < span; k++) taken.add(`${row},${col + k}`);
    placed.push({ item, col, span, row });
  }
  // Column widths: fixed tracks, auto tracks at their items' max-content, fr tracks share the rest.
  const sizes = tracks.map((t) => (t.kind === 'fixed' ? t.size : 0));
  tracks.forEach((t, k) => {
    if (t.kind !== 'auto') return;
    let want = 0;
    for (const p of placed)
      if (p.col === k && p.span === 1)
        want = Math.max(
          want,
          measureBlock(p.item.el, p.item.style, ctx).max + inset(p.item.style) + p.item.style.margin[1] + p.item.style.margin[3],
        );
    sizes[k] = want;
  });
  const fixedTotal = sizes.reduce((a, b) => a + b, 0) + colGap * (n - 1);
  const frTotal = tracks.reduce((a, t) => a + (t.kind === 'fr' ? t.fr : 0), 0);
  let rest = width - fixedTotal;
  if (frTotal > 0) {
    // fr tracks with a minimum larger than their share keep it, the others share what is left.
    const frs = tracks.map((t, k) => ({ t, k })).filter((x) => x.t.kind === 'fr');
    let pool = frs;
    for (let round = 0; round < 3; round++) {
      const frSum = pool.reduce((a, x) => a + (x.t as { fr: number }).fr, 0);
      const unit = Math.max(0, rest) / (frSum || 1);
      const under = pool.filter((x) => (x.t as { min: number }).min > unit * (x.t as { fr: number }).fr);
      if (under.length === 0) {
        for (const x of pool) sizes[x.k] = unit * (x.t as { fr: number }).fr;
        break;
      }
      for (const x of under) {
        sizes[x.k] = (x.t as { min: number }).min;
        rest -= sizes[x.k] as number;
      }
      pool = pool.filter((x) => !under.includes(x));
    }
  } else if (rest > 0) {
    // No fr track: auto tracks take the free space (stretch).
    const autos = tracks.map((t, k) => (t.kind === 'auto' ? k : -1)).filter((k) => k >= 0);
    for (const k of autos) sizes[k] = (sizes[k] as number) + rest / autos.length;
  }
  const total = sizes.reduce((a, b) => a + b, 0) + colGap * (n - 1);
  if (total > width + 0.5)
    warn(`grid columns of <${el.tag}> are ${Math.round(total - width)} pt wider than their container and overflow it`);
  const xs: number[] = [];
  let acc = flow.x;
  for (const w of sizes) {
    xs.push(acc);
    acc += w + colGap;
  }
  const rows = Math.max(0, ...placed.map((p) => p.row + 1));
  for (let r = 0; r < rows; r++) {
    if (r > 0 && rowGap > 0) flow.atoms.push({ kind: 'space', height: rowGap, draws: [] });
    const inRow = placed.filter((p) => p.row === r);
    const laid = inRow.map((p) => {
      let w = colGap * (p.span - 1);
      for (let k = 0; k < p.span; k++) w += sizes[p.col + k] as number;
      return { p, ...layoutItem(p.item, xs[p.col] as number, w, ctx) };
    });
    const height = Math.max(0, ...laid.map((c) => c.height));
    const cells = laid.map((c) => {
      const align = c.p.item.style.flex?.alignSelf ?? f.alignItems ?? 'stretch';
      if ((align === 'stretch' || align === 'normal' || align === 'auto') && !c.p.item.style.height)
        return { atoms: stretch(c.p.item, c.atoms, c.height, height), dy: 0 };
      const dy = align === 'center' ? (height - c.height) / 2 : align === 'end' || align === 'flex-end' ? height - c.height : 0;
      return { atoms: c.atoms, dy };
    });
    if (cells.length > 0 || f.gridTemplateRows) flow.atoms.push(rowAtom(cells, height));
  }
  flow.margin = 0;
  return true;
}
