import type { PDFContext, PDFRef } from 'pdf-lib';
import type { Draw } from '../layout/boxes.js';
import type { PageLayout } from '../layout/paged.js';
import { literal, RawObject, ref, textString } from './raw.js';

/** The link annotations of a page: internal links to their anchor, web and mail links as URI actions. */
export function linkAnnotations(
  ctx: PDFContext,
  links: Extract<Draw, { op: 'link' }>[],
  anchors: Map<string, { page: number; y: number }>,
  pages: PDFRef[],
  pageHeight: number,
  /** The height of each page (pages of other sizes: named pages), for the targets; default `pageHeight`. */
  heightOf: (page: number) => number = () => pageHeight,
): PDFRef[] {
  return links.flatMap((l) => {
    const rect = [l.x, pageHeight - l.y - l.h, l.x + l.w, pageHeight - l.y].map((v) => Math.round(v * 100) / 100);
    const base = `/Type /Annot /Subtype /Link /Rect [${rect.join(' ')}] /Border [0 0 0]`;
    if (l.href.startsWith('#')) {
      const target = anchors.get(l.href.slice(1));
      if (!target) return [];
      return [
        ctx.register(
          new RawObject(`<<${base} /Dest ${destination(pages[target.page] as PDFRef, heightOf(target.page) - target.y)}>>`),
        ),
      ];
    }
    if (!/^(https?:|mailto:)/i.test(l.href)) return [];
    return [ctx.register(new RawObject(`<<${base} /A <</Type /Action /S /URI /URI ${literal(l.href)}>>>>`))];
  });
}

/** A destination: the page, scrolled to `top` (points from the bottom, whole). */
function destination(page: PDFRef, top: number): string {
  return `[${ref(page)} /XYZ null ${Math.round(top)} null]`;
}

interface OutlineNode {
  title: string;
  level: number;
  page: number;
  y: number;
  children: OutlineNode[];
}

/** Writes the outline of the document's headings; returns its root, or undefined when there are none. */
export function writeOutline(
  ctx: PDFContext,
  pages: PageLayout[],
  pageRefs: PDFRef[],
  pageHeight: number | ((page: number) => number),
): PDFRef | undefined {
  const heightOf = typeof pageHeight === 'number' ? () => pageHeight : pageHeight;
  const root: OutlineNode = { title: '', level: 0, page: 0, y: 0, children: [] };
  const stack: OutlineNode[] = [root];
  pages.forEach((p, i) => {
    for (const h of p.headings) {
      if (!h.title) continue;
      const node: OutlineNode = { title: h.title, level: h.level, page: i, y: h.y, children: [] };
      while ((stack[stack.length - 1] as OutlineNode).level >= h.level) stack.pop();
      (stack[stack.length - 1] as OutlineNode).children.push(node);
      stack.push(node);
    }
  });
  if (root.children.length === 0) return undefined;
  const outlinesRef = ctx.nextRef();
  const count = (n: OutlineNode): number => n.children.reduce((s, c) => s + 1 + count(c), 0);
  const write = (nodes: OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef } => {
    const refs = nodes.map(() => ctx.nextRef());
    nodes.forEach((n, i) => {
      // A text string: UTF-16 with a byte order mark, for headings in any script.
      let dict = `<</Title ${textString(n.title)} /Parent ${ref(parent)} /Dest ${destination(pageRefs[n.page] as PDFRef, heightOf(n.page) - n.y)}`;
      if (i > 0) dict += ` /Prev ${ref(refs[i - 1] as PDFRef)}`;
      if (i < nodes.length - 1) dict += ` /Next ${ref(refs[i + 1] as PDFRef)}`;
      if (n.children.length > 0) {
        const kids = write(n.children, refs[i] as PDFRef);
        dict += ` /First ${ref(kids.first)} /Last ${ref(kids.last)} /Count ${count(n)}`;
      }
      ctx.assign(refs[i] as PDFRef, new RawObject(`${dict}>>`));
    });
    return { first: refs[0] as PDFRef, last: refs[refs.length - 1] as PDFRef };
  };
  const top = write(root.children, outlinesRef);
  ctx.assign(
    outlinesRef,
    new RawObject(`<</Type /Outlines /First ${ref(top.first)} /Last ${ref(top.last)} /Count ${count(root)}>>`),
  );
  return outlinesRef;
}
