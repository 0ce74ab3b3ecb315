import { type PDFContext, type PDFDocument, PDFHexString, PDFName, type PDFRef, PDFString } from 'pdf-lib';
import type { Draw } from '../layout/boxes.js';
import type { PageLayout } from '../layout/paged.js';

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
    const base = { Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0] };
    if (l.href.startsWith('#')) {
      const target = anchors.get(l.href.slice(1));
      if (!target) return [];
      const dest = ctx.obj([
        pages[target.page] as PDFRef,
        PDFName.of('XYZ'),
        null,
        Math.round(heightOf(target.page) - target.y),
        null,
      ]);
      return [ctx.register(ctx.obj({ ...base, Dest: dest }))];
    }
    if (!/^(https?:|mailto:)/i.test(l.href)) return [];
    return [ctx.register(ctx.obj({ ...base, A: { Type: 'Action', S: 'URI', URI: PDFString.of(l.href) } }))];
  });
}

interface OutlineNode {
  title: string;
  level: number;
  page: number;
  y: number;
  children: OutlineNode[];
}

export function writeOutline(
  doc: PDFDocument,
  pages: PageLayout[],
  pageRefs: PDFRef[],
  pageHeight: number | ((page: number) => number),
): void {
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
  if (root.children.length === 0) return;
  const ctx = doc.context;
  const outlinesRef = ctx.nextRef();
  const count = (n: OutlineNode): number => n.children.reduce((s, c) => s + 1 + count(c), 0);
  const write = (nodes: OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef } => {
    const refs = nodes.map(() => ctx.nextRef());
    nodes.forEach((n, i) => {
      const dict: Record<string, unknown> = {
        // A text string: UTF-16 with a byte order mark, for headings in any script.
        Title: PDFHexString.fromText(n.title),
        Parent: parent,
        Dest: [pageRefs[n.page] as PDFRef, PDFName.of('XYZ'), null, Math.round(heightOf(n.page) - n.y), null],
      };
      if (i > 0) dict.Prev = refs[i - 1];
      if (i < nodes.length - 1) dict.Next = refs[i + 1];
      if (n.children.length > 0) {
        const kids = write(n.children, refs[i] as PDFRef);
        dict.First = kids.first;
        dict.Last = kids.last;
        dict.Count = count(n);
      }
      ctx.assign(refs[i] as PDFRef, ctx.obj(dict as never));
    });
    return { first: refs[0] as PDFRef, last: refs[refs.length - 1] as PDFRef };
  };
  const top = write(root.children, outlinesRef);
  ctx.assign(outlinesRef, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: count(root) }));
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
