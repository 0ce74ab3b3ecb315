// @page rules (CSS Paged Media 3): the page size and margins, and the margin boxes with their
// content (`counter(page)`, `counter(pages)`, strings) by page (`:first`, `:left`, `:right`).

import { type ContentPart, parseContent } from './computed.js';
import type { Declaration, PageRule } from './parse.js';
import { parseLength } from './values.js';

/** Page sizes CSS names (CSS Paged Media 3 §7.1), in points. */
const SIZES: Record<string, [number, number]> = {
  a5: [419.53, 595.28],
  a4: [595.28, 841.89],
  a3: [841.89, 1190.55],
  b5: [498.9, 708.66],
  b4: [708.66, 1000.63],
  'jis-b5': [515.91, 728.5],
  'jis-b4': [728.5, 1031.81],
  letter: [612, 792],
  legal: [612, 1008],
  ledger: [792, 1224],
};

/** What one set of `@page` rules (every page's, or one named page's) asks for: undefined where it says nothing. */
export interface PageRules {
  size?: [number, number];
  margin: { top?: number; right?: number; bottom?: number; left?: number };
  /** Margin boxes by name, for every page and for `:first`, `:left` (even) and `:right` (odd) pages. */
  boxes: {
    all: Record<string, MarginBox>;
    first: Record<string, MarginBox>;
    left: Record<string, MarginBox>;
    right: Record<string, MarginBox>;
  };
  /** `counter-reset`, `counter-increment` and `counter-set` of the page counter, by the same selectors. */
  counters?: Partial<Record<'all' | 'first' | 'left' | 'right', PageCounter>>;
}

/** What a page's rules do to the `page` counter. */
export interface PageCounter {
  reset?: number;
  increment?: number;
  set?: number;
}

/**
 * The page boxes the stylesheet asks for: the rules of every page (`@page`, `@page :first`, …) and,
 * by name, those of named pages (`@page wide`, `@page wide:first`, …; CSS Paged Media 3 §6), which
 * win over the others on the pages of that name (a page name counts more than a pseudo-class).
 */
export interface PageStyle extends PageRules {
  named: Record<string, PageRules>;
}

/** A margin box: what it shows and the declarations that style it. */
export interface MarginBox {
  content: ContentPart[] | undefined;
  declarations: Declaration[];
}

const emptyRules = (): PageRules => ({ margin: {}, boxes: { all: {}, first: {}, left: {}, right: {} } });

/** Reads the `@page` rules, in order (a later rule wins, `:first` over the rest on the first page). */
export function pageStyle(rules: PageRule[], warn: (message: string) => void): PageStyle {
  const out: PageStyle = { ...emptyRules(), named: {} };
  for (const rule of rules) {
    const where = rule.line ? ` (line ${rule.line})` : '';
    const label = `@page ${rule.name ?? ''}${rule.pseudo ? `:${rule.pseudo}` : ''}`.trim();
    let into: PageRules = out;
    if (rule.name !== undefined) {
      if (!Object.hasOwn(out.named, rule.name)) out.named[rule.name] = emptyRules();
      into = out.named[rule.name] as PageRules;
    }
    for (const d of rule.declarations) {
      const v = d.value.trim().toLowerCase();
      if (d.name === 'size') {
        if (rule.pseudo !== '') {
          warn(`${label} size ignored (one page size for every page of a name)${where}`);
          continue;
        }
        const size = parseSize(v);
        if (size) into.size = size;
        else warn(`@page size "${d.value}" ignored${where}`);
      } else if (/^margin-(top|right|bottom|left)$/.test(d.name)) {
        const len = parseLength(v, 12, 0);
        if (len === undefined || len < 0) {
          warn(`@page ${d.name} "${d.value}" ignored${where}`);
          continue;
        }
        if (rule.pseudo !== '') {
          warn(`${label} margins ignored (one set of margins for every page of a name)${where}`);
          continue;
        }
        into.margin[d.name.slice(7) as 'top'] = len;
      } else if (d.name === 'counter-reset' || d.name === 'counter-increment' || d.name === 'counter-set') {
        const value = pageCounterValue(d.value, d.name === 'counter-increment' ? 1 : 0);
        if (typeof value === 'string') {
          warn(`${label} ${d.name} "${d.value}" ignored (${value})${where}`);
          continue;
        }
        const which = rule.pseudo === '' || rule.pseudo === 'blank' ? 'all' : rule.pseudo;
        into.counters ??= {};
        const ops = { ...into.counters[which] };
        const key = d.name === 'counter-reset' ? 'reset' : d.name === 'counter-increment' ? 'increment' : 'set';
        if (value === undefined) delete ops[key];
        else ops[key] = value;
        into.counters[which] = ops;
      } else if (d.name === 'marks' || d.name === 'bleed' || d.name === 'page-orientation') {
        // Printer's marks and bleed: a PDF for screens and office printers has neither.
      } else warn(`@page property "${d.name}" ignored${where}`);
    }
    const target = rule.pseudo === '' || rule.pseudo === 'blank' ? into.boxes.all : into.boxes[rule.pseudo];
    for (const [name, decls] of Object.entries(rule.boxes)) {
      const content = decls.filter((d) => d.name === 'content').pop();
      const parts = content ? parseContent(content.value) : undefined;
      if (content && parts === undefined && !/^(none|normal)$/i.test(content.value.trim()))
        warn(`@${name} content "${content.value}" ignored${where}`);
      target[name] = { content: parts, declarations: decls.filter((d) => d.name !== 'content') };
    }
  }
  return out;
}

/** The size and margins of the pages named `name` ('' for pages without a name): its rules over every page's. */
export function namedPageBox(style: PageStyle, name: string): Pick<PageRules, 'size' | 'margin'> {
  const own = name !== '' && Object.hasOwn(style.named, name) ? style.named[name] : undefined;
  if (!own) return { ...(style.size ? { size: style.size } : {}), margin: style.margin };
  const size = own.size ?? style.size;
  return { ...(size ? { size } : {}), margin: { ...style.margin, ...own.margin } };
}

/** Whether any rule sets a margin box. */
export function hasMarginBoxes(style: PageStyle): boolean {
  const any = (r: PageRules) => Object.values(r.boxes).some((b) => Object.keys(b).length > 0);
  return any(style) || Object.values(style.named).some(any);
}

function parseSize(v: string): [number, number] | undefined {
  const parts = v.split(/\s+/);
  let size: [number, number] | undefined;
  let orientation: 'portrait' | 'landscape' | undefined;
  const lengths: number[] = [];
  for (const p of parts) {
    if (p === 'portrait' || p === 'landscape') orientation = p;
    else if (p === 'auto') size = SIZES.a4;
    else if (Object.hasOwn(SIZES, p)) size = SIZES[p];
    else {
      const l = parseLength(p, 12, 0);
      if (l === undefined || l <= 0) return undefined;
      lengths.push(l);
    }
  }
  if (lengths.length > 0) size = [lengths[0] as number, (lengths[1] ?? lengths[0]) as number];
  size ??= SIZES.a4 as [number, number];
  const [w, h] = size;
  if (orientation === 'landscape' && w < h) return [h, w];
  if (orientation === 'portrait' && w > h) return [h, w];
  return [w, h];
}

/**
 * The margin boxes that apply to page `index` (from 0) of name `name`, by specificity (CSS Paged
 * Media 3 §4.2): every page's rules, then `:left`/`:right`, then `:first` (the document's first
 * page), then the same three of the named page's rules.
 */
export function boxesForPage(style: PageStyle, index: number, name = ''): Record<string, MarginBox> {
  const layers = (r: PageRules) => ({
    ...r.boxes.all,
    ...(index % 2 === 0 ? r.boxes.right : r.boxes.left),
    ...(index === 0 ? r.boxes.first : {}),
  });
  const own = name !== '' && Object.hasOwn(style.named, name) ? style.named[name] : undefined;
  return own ? { ...layers(style), ...layers(own) } : layers(style);
}

/** The page counter's value in a `counter-*` of an `@page` rule; undefined for `none`, a string saying what is wrong. */
function pageCounterValue(value: string, dflt: number): number | undefined | string {
  const parts = value.trim().split(/\s+/);
  if (parts.length === 1 && parts[0]?.toLowerCase() === 'none') return undefined;
  if (parts[0] !== 'page') return 'only the page counter is kept by page rules';
  if (parts.length === 1) return dflt;
  if (parts.length === 2 && /^[-+]?\d+$/.test(parts[1] as string)) return Math.max(-1e9, Math.min(1e9, Number(parts[1])));
  return 'the page counter and an integer';
}

/**
 * The value of the `page` counter on each of `count` pages (page names in `names`), as Chromium
 * counts it: a page adds its `counter-increment` (1 unless a rule gives another; `none` is the
 * same as 1 there) and takes its `counter-set`; a `counter-reset` makes a counter of that page's
 * own, which it shows (or its `counter-set`), the next page counting on from the one before. The
 * rules cascade as the margin boxes do.
 */
export function pageNumbers(style: PageStyle, count: number, names: string[]): number[] {
  const out: number[] = [];
  let n = 0;
  for (let i = 0; i < count; i++) {
    const ops: PageCounter = {};
    const layer = (r: PageRules | undefined) => {
      const c = r?.counters;
      if (!c) return;
      Object.assign(ops, c.all, i % 2 === 0 ? c.right : c.left, i === 0 ? c.first : undefined);
    };
    layer(style);
    const name = names[i] ?? '';
    if (name !== '' && Object.hasOwn(style.named, name)) layer(style.named[name]);
    if (ops.reset !== undefined) {
      out.push(ops.set ?? ops.reset);
      continue;
    }
    n += ops.increment ?? 1;
    if (ops.set !== undefined) n = ops.set;
    out.push(n);
  }
  return out;
}
