// What is drawn in a page's margins, laid out once the page count is known (`PageMargins`, page
// by page): the header and footer templates of the options (`bandDraws`) and the stylesheet's
// `@page` margin boxes (`marginBoxDraws`, CSS Paged Media 3 §5) with their counters, running
// strings (`string()`, `runningStrings`) and running elements (`element()`). Both lay their
// content out in a rectangle of the margin and centre it vertically there (`layOutCentred`).

import { Stylesheet } from '../css/computed.js';
import { boxesForPage, type MarginBox, type PageStyle, pageNumbers } from '../css/page.js';
import { type ElementNode, parseHtml } from '../html.js';
import { formatCounter } from '../layout/block.js';
import { type Atom, type AtomSink, type Draw, placeAtoms } from '../layout/boxes.js';
import type { PageGeometry, Prepared } from './prepare.js';

/** Lays an HTML tree out with the document's fonts and images into `sink`, in `box` (default: the content width). */
export type LayoutHtml = (
  root: ElementNode,
  styles: string[] | Stylesheet,
  where: string,
  sink: AtomSink,
  box?: { x: number; width: number },
) => void;

/** Which of a page's values of a running string or element: CSS GCPM 3 `string(name, which)`. */
type Which = 'first' | 'start' | 'last' | 'first-except';

/** A running string's value on a page: `string(name, which)`. */
type RunningString = (name: string, which: Which) => string;

/** A rectangle of the page, points from its top left. */
interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const marginSheet = new WeakMap<object, Stylesheet>();

/** A draw moved down by `dy`. */
function shiftDraw(d: Draw, dy: number): Draw {
  if (d.op === 'line') return { ...d, y1: d.y1 + dy, y2: d.y2 + dy };
  return { ...d, y: d.y + dy };
}

/** Lays `root` out `rect.w` wide at `rect.x`, centred vertically in `rect` (from its top if taller). */
function layOutCentred(
  layoutHtml: LayoutHtml,
  root: ElementNode,
  styles: string[] | Stylesheet,
  where: string,
  rect: Rect,
): Draw[] {
  const atoms: Atom[] = [];
  layoutHtml(root, styles, where, atoms, { x: rect.x, width: rect.w });
  const placed = placeAtoms(atoms);
  const y = rect.y + Math.max(0, (rect.h - placed.height) / 2);
  return [...placed.under, ...placed.draws].map((d) => shiftDraw(d, y));
}

/**
 * The running strings of a page: `set`, the values set on it in order, and `entry`, each string's
 * value where the page starts (the last set on the pages before).
 */
function runningStrings(set: [string, string][], entry: Map<string, string>): RunningString {
  return (name, which) => {
    const here = set.filter(([n]) => n === name);
    const before = entry.get(name) ?? '';
    if (which === 'first-except') return here.length > 0 ? '' : before;
    if (which === 'last') return here.length > 0 ? (here[here.length - 1] as [string, string])[1] : before;
    if (which === 'start') return before !== '' || here.length === 0 ? before : (here[0] as [string, string])[1];
    return here.length > 0 ? (here[0] as [string, string])[1] : before;
  };
}

/**
 * The draws of the options' header (`top`) or footer template on one page: its HTML, styled by the
 * document's stylesheets and its own, across the content width and centred in the top or bottom margin.
 */
function bandDraws(
  render: ((v: Record<string, unknown>) => string) | undefined,
  vars: Record<string, unknown>,
  top: boolean,
  geometry: PageGeometry,
  documentStyles: string[],
  layoutHtml: LayoutHtml,
  warnings: Set<string>,
): Draw[] {
  if (!render) return [];
  const p = parseHtml(render(vars));
  for (const w of p.warnings) warnings.add(w);
  return layOutCentred(layoutHtml, p.root, [...documentStyles, ...p.styles], top ? 'header' : 'footer', {
    x: geometry.left,
    y: top ? 0 : geometry.height - geometry.bottom,
    w: geometry.width - geometry.left - geometry.right,
    h: top ? geometry.top : geometry.bottom,
  });
}

/**
 * The draws of a page's margin boxes (CSS Paged Media 3 §5): top and bottom boxes in the page's
 * margins, left, centre and right thirds of the content width (a box alone on its side takes the
 * whole width), centred vertically in the margin, their text aligned to their side; left and right
 * boxes in the side margins, top, middle and bottom thirds of the content height (one alone takes
 * it all), their text centred; corner boxes in the corners. The options' header and footer win
 * over the boxes on their side.
 */
function marginBoxDraws(
  boxes: Record<string, MarginBox>,
  page: number,
  pages: number,
  geometry: PageGeometry,
  prepared: Prepared,
  layoutHtml: LayoutHtml,
  warnings: Set<string>,
  strings: RunningString = () => '',
  elements: (name: string, which: Which) => { el: ElementNode; sheet: Stylesheet } | undefined = () => undefined,
): Draw[] {
  const out: Draw[] = [];
  const cw = geometry.width - geometry.left - geometry.right;
  const ch = geometry.height - geometry.top - geometry.bottom;
  let sheet = marginSheet.get(prepared);
  if (!sheet) {
    sheet = new Stylesheet([]);
    marginSheet.set(prepared, sheet);
  }
  const overridden = (side: 'top' | 'bottom') =>
    (side === 'top' && prepared.header !== undefined) || (side === 'bottom' && prepared.footer !== undefined);
  const textOf = (box: MarginBox) => {
    let text = '';
    for (const part of box.content ?? []) {
      if (part.kind === 'text') text += part.text;
      else if (part.kind === 'counter' || part.kind === 'counters')
        text +=
          part.name === 'page' ? formatCounter(page, part.style) : part.name === 'pages' ? formatCounter(pages, part.style) : '';
      else if (part.kind === 'string') text += strings(part.name, part.which);
    }
    return text;
  };
  /** Lays a box's content out in a rectangle, aligned `align`, centred vertically (nothing if it has none). */
  const draw = (name: string, box: MarginBox, rect: Rect, align: string) => {
    const text = textOf(box);
    if (text === '' && !box.content?.some((p) => p.kind === 'element')) return;
    const style = [
      `text-align: ${align}`,
      ...box.declarations.map((d) => `${d.name}: ${d.value}${d.important ? ' !important' : ''}`),
    ].join('; ');
    const root: ElementNode = { type: 'element', tag: '#root', attrs: {}, children: [] };
    const div: ElementNode = { type: 'element', tag: 'div', attrs: { style }, children: [], parent: root };
    root.children.push(div);
    // element(): the running element itself, styled by the document's stylesheet.
    let docSheet: Stylesheet | undefined;
    for (const part of box.content ?? []) {
      if (part.kind !== 'element') continue;
      const found = elements(part.name, part.which);
      if (!found) continue;
      docSheet = found.sheet;
      div.children.push({ ...found.el, parent: div });
    }
    if (text !== '') div.children.unshift({ type: 'text', text });
    if (div.children.length === 0) return;
    out.push(...layOutCentred(layoutHtml, root, docSheet ?? sheet, `@${name}`, { ...rect, w: Math.max(1, rect.w) }));
  };
  for (const side of ['top', 'bottom'] as const) {
    if (overridden(side)) continue;
    const names = ['left', 'center', 'right'].filter((p) => boxes[`${side}-${p}`]?.content);
    for (const pos of names) {
      const alone = names.length === 1;
      const x = alone ? geometry.left : geometry.left + (cw / 3) * (pos === 'left' ? 0 : pos === 'center' ? 1 : 2);
      const y = side === 'top' ? 0 : geometry.height - geometry.bottom;
      const h = side === 'top' ? geometry.top : geometry.bottom;
      draw(`${side}-${pos}`, boxes[`${side}-${pos}`] as MarginBox, { x, y, w: alone ? cw : cw / 3, h }, pos);
    }
  }
  for (const side of ['left', 'right'] as const) {
    const names = ['top', 'middle', 'bottom'].filter((p) => boxes[`${side}-${p}`]?.content);
    for (const pos of names) {
      const alone = names.length === 1;
      const x = side === 'left' ? 0 : geometry.width - geometry.right;
      const w = side === 'left' ? geometry.left : geometry.right;
      const y = alone ? geometry.top : geometry.top + (ch / 3) * (pos === 'top' ? 0 : pos === 'middle' ? 1 : 2);
      draw(`${side}-${pos}`, boxes[`${side}-${pos}`] as MarginBox, { x, y, w, h: alone ? ch : ch / 3 }, 'center');
    }
  }
  for (const v of ['top', 'bottom'] as const) {
    for (const h of ['left', 'right'] as const) {
      const name = `${v}-${h}-corner`;
      const box = boxes[name];
      if (!box?.content || overridden(v)) continue;
      const rect = {
        x: h === 'left' ? 0 : geometry.width - geometry.right,
        y: v === 'top' ? 0 : geometry.height - geometry.bottom,
        w: h === 'left' ? geometry.left : geometry.right,
        h: v === 'top' ? geometry.top : geometry.bottom,
      };
      draw(name, box, rect, h === 'left' ? 'right' : 'left');
    }
  }
  for (const name of Object.keys(boxes)) {
    if (!/^(top|bottom)-(left|center|right)$|^(left|right)-(top|middle|bottom)$|^(top|bottom)-(left|right)-corner$/.test(name))
      warnings.add(`@page margin box @${name} not drawn (no such margin box)`);
  }
  return out;
}

/** What `PageMargins` is told of the document, once it is laid out. */
export interface PageMarginsOptions {
  prepared: Prepared;
  /** The document's `@page` rules, and whether they have margin boxes. */
  pageRules: PageStyle;
  hasBoxes: boolean;
  /** The number of pages, and each one's name (named pages). */
  count: number;
  pageNames: string[];
  /** The document's stylesheet (it styles running elements) and its `<style>` texts (headers and footers). */
  bodySheet: Stylesheet;
  documentStyles: string[];
  /** Running elements (position: running()) in document order; a running string `element(name)` holds an index. */
  running: ElementNode[];
  /** The template's data, and the document's title: the header's and footer's variables with `page` and `pages`. */
  data: Record<string, unknown>;
  title: string | undefined;
  layoutHtml: LayoutHtml;
  warnings: Set<string>;
}

/** The draws in the margins of each page, asked for in page order (running strings carry over). */
export class PageMargins {
  // Each string's value where a page starts: the last one set on the pages before it.
  private readonly entry = new Map<string, string>();
  // counter(page) in the margin boxes: the page's number as its @page rules count it.
  private readonly numbers: number[];

  constructor(private readonly o: PageMarginsOptions) {
    this.numbers = o.hasBoxes ? pageNumbers(o.pageRules, o.count, o.pageNames) : [];
  }

  /** Page `i`'s header, footer and margin-box draws; `set`, the running strings set on it. */
  draws(i: number, set: [string, string][], geometry: PageGeometry): Draw[] {
    const { o } = this;
    const strings = runningStrings(set, this.entry);
    const vars = { ...o.data, page: i + 1, pages: o.count, title: o.title ?? '' };
    // The options' header and footer win over the stylesheet's margin boxes on their side.
    const boxes = o.hasBoxes
      ? marginBoxDraws(
          boxesForPage(o.pageRules, i, o.pageNames[i]),
          this.numbers[i] ?? i + 1,
          o.count,
          geometry,
          o.prepared,
          o.layoutHtml,
          o.warnings,
          strings,
          (name, which) => {
            const index = strings(`element(${name})`, which);
            return index === '' ? undefined : { el: o.running[Number(index)] as ElementNode, sheet: o.bodySheet };
          },
        )
      : [];
    for (const [name, value] of set) this.entry.set(name, value);
    return [
      ...bandDraws(o.prepared.header, vars, true, geometry, o.documentStyles, o.layoutHtml, o.warnings),
      ...bandDraws(o.prepared.footer, vars, false, geometry, o.documentStyles, o.layoutHtml, o.warnings),
      ...boxes,
    ];
  }
}
