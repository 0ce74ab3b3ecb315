import { JpegEmbedder, type PDFContext, PngEmbedder } from 'pdf-lib';
import { ReportError } from '../errors.js';
import { type ElementNode, parseHtml } from '../html.js';
import type { ResolvedImage } from '../layout/boxes.js';
import type { RenderPdfOptions } from '../render/options.js';

/** Decodes, embeds and sizes every image the document uses, before layout. */
export async function resolveImages(
  srcs: string[],
  context: PDFContext,
  options: RenderPdfOptions,
  warnings: Set<string>,
): Promise<Map<string, ResolvedImage>> {
  const out = new Map<string, ResolvedImage>();
  for (const src of srcs) {
    let bytes: Uint8Array | undefined;
    if (options.images && Object.hasOwn(options.images, src)) bytes = options.images[src];
    else if (src.startsWith('data:')) bytes = decodeDataUri(src);
    else if (options.loadImage) bytes = await options.loadImage(src);
    if (!(bytes instanceof Uint8Array)) {
      throw new ReportError(
        'invalid-image',
        'images',
        src,
        'the src of an image in options.images, a data: URI, or one options.loadImage returns',
        `image not found: ${src} (images are never fetched; pass its bytes in options.images)`,
      );
    }
    out.set(src, await embedImage(bytes, src, context, warnings));
  }
  return out;
}

/** An image the layout meets that was not resolved before it: only rows of `{% streamrows %}` hold one. */
export function unresolvedImage(src: string): never {
  throw new ReportError(
    'invalid-image',
    'images',
    src,
    'an image that also appears outside {% streamrows %} rows',
    `image ${src.length > 60 ? `${src.slice(0, 60)}…` : src} appears only in {% streamrows %} rows, which are rendered during layout: images are resolved before it, so use the image outside the block too (a hidden <img> will do)`,
  );
}

export function decodeDataUri(src: string): Uint8Array | undefined {
  const m = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(src);
  if (!m) return undefined;
  if (m[2]) {
    const bin = atob((m[3] as string).replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return new TextEncoder().encode(decodeURIComponent(m[3] as string));
}

async function embedImage(bytes: Uint8Array, src: string, context: PDFContext, warnings: Set<string>): Promise<ResolvedImage> {
  const label = src.length > 60 ? `${src.slice(0, 60)}…` : src;
  const fail = (why: string) =>
    new ReportError(
      'invalid-image',
      'images',
      label,
      'PNG, JPEG or SVG bytes that decode',
      `image ${label} does not decode: ${why}`,
    );
  // pdf-lib's decoders read the whole underlying buffer from its start (JpegEmbedder's DataView
  // ignores the view's offset): a view into a larger buffer is copied to one of its own.
  if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) bytes = bytes.slice();
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
      const img = await PngEmbedder.for(bytes);
      return { kind: 'raster', width: img.width, height: img.height, image: { ref: await img.embedIntoContext(context) } };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const img = await JpegEmbedder.for(bytes);
      return { kind: 'raster', width: img.width, height: img.height, image: { ref: await img.embedIntoContext(context) } };
    }
  } catch (error) {
    throw fail((error as Error).message);
  }
  const text = new TextDecoder().decode(bytes.subarray(0, 1 << 22));
  if (/<svg[\s>]/i.test(text)) {
    const parsed = parseHtml(text);
    const svg = findSvg(parsed.root);
    if (!svg) throw fail('no <svg> element');
    for (const w of parsed.warnings) warnings.add(w);
    const vb = (svg.attrs.viewbox ?? '').split(/[\s,]+/).map(Number);
    const width = Number.parseFloat(svg.attrs.width ?? '') || vb[2] || 300;
    const height = Number.parseFloat(svg.attrs.height ?? '') || vb[3] || 150;
    return { kind: 'svg', width, height, svg };
  }
  throw fail('not PNG, JPEG or SVG');
}

function findSvg(el: ElementNode): ElementNode | undefined {
  if (el.tag === 'svg') return el;
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    const s = findSvg(c);
    if (s) return s;
  }
  return undefined;
}
