import { type Atom, type Decoration, type Draw, decorationDraws } from './layout.js';

/** One laid-out page: what to draw (y down from the page's top edge) and its headings. */
export interface PageLayout {
  /** Decorations (backgrounds, borders of blocks), in page coordinates. */
  under: Draw[];
  /** Atoms and the y of their top; their draws are relative to it. */
  placed: { atom: Atom; y: number }[];
  headings: { level: number; title: string; y: number }[];
  anchors: { id: string; y: number }[];
}

/**
 * Places atoms on pages between `top` and `bottom` (y down from the page's top edge): gaps vanish
 * at the top of a page, rows move whole to the next page unless taller than a page (then they
 * split between lines), table header rows repeat, open decorations continue.
 */
export function paginate(atoms: Atom[], top: number, bottom: number): PageLayout[] {
  const pages: PageLayout[] = [];
  let page = blank();
  pages.push(page);
  let y = top;
  let fresh = true; // nothing but repeated headers on this page yet
  const open: { deco: Decoration; y: number; first: boolean }[] = [];

  function blank(): PageLayout {
    return { under: [], placed: [], headings: [], anchors: [] };
  }
  const place = (atom: Atom, counts = true) => {
    page.placed.push({ atom, y });
    if (atom.heading) page.headings.push({ ...atom.heading, y });
    if (atom.anchor) page.anchors.push({ id: atom.anchor, y });
    y += atom.height;
    if (counts) fresh = false;
  };
  const newPage = (repeat?: Atom) => {
    for (const o of open) page.under.push(...decorationDraws(o.deco, o.y, y, o.first, false));
    page = blank();
    pages.push(page);
    y = top;
    fresh = true;
    for (const o of open) {
      o.y = top;
      o.first = false;
    }
    if (repeat) place(repeat, false);
  };
  const nextContent = (i: number): Atom | undefined => {
    for (let k = i + 1; k < atoms.length; k++) {
      const a = atoms[k] as Atom;
      if (a.kind === 'line' || a.kind === 'row') return a;
      if (a.kind === 'break') return undefined;
    }
    return undefined;
  };

  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i] as Atom;
    switch (atom.kind) {
      case 'break':
        if (!fresh || y > top) newPage();
        continue;
      case 'space':
        if (fresh && y === top) continue;
        if (y + atom.height > bottom) newPage();
        else y += atom.height;
        continue;
      case 'deco-start':
        if (atom.deco) open.push({ deco: atom.deco, y, first: true });
        continue;
      case 'deco-end': {
        const o = open.pop();
        if (o) page.under.push(...decorationDraws(o.deco, o.y, y, o.first, true));
        continue;
      }
      default: {
        let need = atom.height;
        if (atom.keepWithNext) {
          const next = nextContent(i);
          if (next) need += Math.min(next.height, bottom - top - atom.height);
        }
        if (y + need > bottom + 1e-6 && !fresh) newPage(atom.repeat);
        let current = atom;
        while (y + current.height > bottom + 1e-6) {
          const parts = current.split?.(bottom - y);
          if (parts) {
            place(parts[0]);
            newPage(current.repeat);
            current = parts[1];
          } else if (!fresh) newPage(current.repeat);
          else break; // taller than a page and cannot split: it overflows the bottom margin
        }
        place(current);
      }
    }
  }
  for (const o of open) page.under.push(...decorationDraws(o.deco, o.y, y, o.first, true));
  // A trailing forced break leaves an empty last page: drop it.
  if (pages.length > 1 && page.placed.length === 0 && page.under.length === 0) pages.pop();
  return pages;
}
