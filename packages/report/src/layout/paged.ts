import { type Atom, type AtomSink, type Decoration, type Draw, decorationDraws, type PageLayer, shift } from './boxes.js';

/** One laid-out page: what to draw (y down from the page's top edge) and its headings. */
export interface PageLayout {
  /** Decorations (backgrounds, borders of blocks), in page coordinates. */
  under: Draw[];
  /** Atoms and the y of their top; their draws are relative to it. */
  placed: { atom: Atom; y: number }[];
  headings: { level: number; title: string; y: number }[];
  anchors: { id: string; y: number }[];
  /** Running strings (`string-set`) set on the page, in order. */
  strings?: [string, string][];
  /** The page's name (`page` property, CSS Paged Media 3 §6); undefined for a page without one. */
  name?: string;
}

/** What layout needs of named pages: the name of the page being filled, and each name's page area. */
export interface NamedPages {
  current: string;
  /** The content area of a page of that name: left edge, width and height, points. */
  area(name: string): { x: number; width: number; height: number };
}

/**
 * Places atoms on pages between `top` and `bottom` (y down from the page's top edge) as layout
 * makes them, and hands each page on as soon as it is full, so a long document is written page by
 * page. Gaps vanish at the top of a page, rows move whole to the next page unless taller than a
 * page (then they split between lines), table header rows repeat and never end a page, open
 * decorations continue.
 */
export class Paginator implements AtomSink, PageLayer {
  private page: PageLayout = blank();
  private index = 0;
  private y: number;
  /** The name of the page being filled ('' for none) and its content area's top and bottom. */
  private name = '';
  private top: number;
  private bottom: number;
  private fresh = true; // nothing but repeated headers on this page yet
  /** The page began at a forced break: margins at its top are kept (CSS Fragmentation 3 §5.2). */
  private forced = false;
  private readonly open: { deco: Decoration; y: number; first: boolean; slot: number }[] = [];
  /** A header row waiting to see the next row (it must not end a page), and what came after it. */
  private held: Atom[] = [];
  /** Fixed boxes (every page from where they appear) and absolute ones placed on the first page. */
  private readonly layers: { draws: Draw[]; every: boolean; beneath: boolean; from: number; name: string }[] = [];

  /** Pages written so far. */
  get written(): number {
    return this.index;
  }

  add(draws: Draw[], every: boolean, beneath: boolean): void {
    this.layers.push({ draws: draws.map((d) => shift(d, this.top)), every, beneath, from: this.index, name: this.name });
  }

  /**
   * @param area - the top and bottom of the content area of pages of a name (named pages); by
   *   default every page's are `top` and `bottom`
   */
  constructor(
    top: number,
    bottom: number,
    private readonly onPage: (page: PageLayout, index: number) => void,
    private readonly area: (name: string) => { top: number; bottom: number } = () => ({ top, bottom }),
    /** Told when a fixed box is drawn on a page of another name (and maybe size) than where it was placed. */
    private readonly onMoved?: (from: string, to: string) => void,
  ) {
    this.top = top;
    this.bottom = bottom;
    this.y = top;
  }

  /** The page being filled takes the name (and with it the content area) of a named page. */
  private rename(name: string): void {
    this.name = name;
    const { top, bottom } = this.area(name);
    this.top = top;
    this.bottom = bottom;
  }

  push(...atoms: Atom[]): void {
    for (const atom of atoms) {
      if (this.held.length > 0) {
        this.held.push(atom);
        if (atom.kind === 'line' || atom.kind === 'row' || atom.kind === 'break')
          this.release(atom.kind === 'break' ? undefined : atom);
      } else if (atom.keepWithNext) this.held.push(atom);
      else this.place(atom, undefined);
    }
  }

  /** Ends the last page; returns the number of pages. */
  finish(): number {
    if (this.held.length > 0) this.release(undefined);
    for (const o of this.open) this.page.under.push(...decorationDraws(o.deco, o.y, this.y, o.first, true));
    this.open.length = 0;
    // A trailing forced break leaves an empty last page: drop it.
    if (this.index > 0 && this.page.placed.length === 0 && this.page.under.length === 0) return this.index;
    this.emit();
    return this.index + 1;
  }

  private release(next: Atom | undefined): void {
    const held = this.held;
    this.held = [];
    for (const a of held) this.place(a, a.keepWithNext ? next : undefined);
  }

  private newPage(repeat?: Atom, name?: string): void {
    for (const o of this.open) this.page.under.push(...decorationDraws(o.deco, o.y, this.y, o.first, false));
    this.emit();
    this.index++;
    this.forced = false;
    this.page = blank();
    if (name !== undefined && name !== this.name) this.rename(name);
    this.y = this.top;
    this.fresh = true;
    for (const o of this.open) {
      o.y = this.top;
      o.first = false;
      o.slot = 0;
    }
    if (repeat) this.put(repeat, false);
  }

  /** Hands the page on with the fixed boxes that show on it; its atoms are final. */
  private emit(): void {
    const page = this.page;
    if (this.name !== '') page.name = this.name;
    for (const l of this.layers) {
      if (l.every ? l.from > this.index : l.from !== this.index) continue;
      if (l.name !== this.name) this.onMoved?.(l.name, this.name);
      if (l.beneath) page.under.unshift(...l.draws);
      else page.placed.push({ atom: { kind: 'mark', height: 0, draws: l.draws }, y: 0 });
    }
    for (const p of page.placed) if (p.atom.kind === 'mark') p.atom.sealed = true;
    this.onPage(page, this.index);
  }

  private put(atom: Atom, counts = true): void {
    this.page.placed.push({ atom, y: this.y });
    if (atom.heading) this.page.headings.push({ ...atom.heading, y: this.y });
    if (atom.anchor) this.page.anchors.push({ id: atom.anchor, y: this.y });
    if (atom.strings) {
      this.page.strings ??= [];
      this.page.strings.push(...atom.strings);
    }
    this.y += atom.height;
    if (counts) this.fresh = false;
  }

  private place(atom: Atom, next: Atom | undefined): void {
    const { top, bottom } = this;
    switch (atom.kind) {
      case 'break':
        if (!this.fresh || this.y > top) this.newPage(undefined, atom.page);
        else if (atom.page !== undefined && atom.page !== this.name) {
          // A page with nothing on it yet takes the new name (the document's first, say).
          this.rename(atom.page);
          this.y = this.top;
          for (const o of this.open) o.y = this.top;
        }
        this.forced = true;
        return;
      case 'space':
        // Margins at the top of a page are truncated (CSS Fragmentation 3 §5.2) unless a forced
        // break began it (as Chromium prints); padding is not.
        if (this.fresh && this.y === top && !atom.keep && !this.forced) return;
        if (this.y + atom.height > bottom) this.newPage();
        else {
          this.y += atom.height;
          // Padding, a box's height: content of the page, which is no longer empty.
          if (atom.keep && atom.height > 0) this.fresh = false;
        }
        return;
      case 'deco-start':
        // Where its draws go once it ends: before those of the boxes inside it.
        if (atom.deco) this.open.push({ deco: atom.deco, y: this.y, first: true, slot: this.page.under.length });
        return;
      case 'deco-end': {
        const o = this.open.pop();
        if (o) this.page.under.splice(o.slot, 0, ...decorationDraws(o.deco, o.y, this.y, o.first, true));
        return;
      }
      case 'mark':
        this.put(atom, false);
        return;
      default: {
        let need = Math.max(atom.height, Math.min(atom.reserve ?? 0, bottom - top));
        if (next) need += Math.min(next.height, bottom - top - atom.height);
        if (this.y + need > bottom + 1e-6 && !this.fresh) this.newPage(atom.repeat);
        let current = atom;
        while (this.y + current.height > bottom + 1e-6) {
          const parts = current.split?.(bottom - this.y);
          if (parts) {
            this.put(parts[0]);
            this.newPage(current.repeat);
            current = parts[1];
          } else if (!this.fresh) this.newPage(current.repeat);
          else break; // taller than a page and cannot split: it overflows the bottom margin
        }
        this.put(current);
      }
    }
  }
}

function blank(): PageLayout {
  return { under: [], placed: [], headings: [], anchors: [] };
}
