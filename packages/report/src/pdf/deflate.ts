import type { PDFContext } from 'pdf-lib';

type Deflate = (bytes: Uint8Array) => Uint8Array;

let native: Deflate | null | undefined;

/**
 * The runtime's own zlib, where there is one (Node 20.16+ and runtimes with
 * `process.getBuiltinModule`), found without importing anything so the main entry stays
 * platform-neutral. pdf-lib's deflate (pako) allocates a fresh compressor state of some 350 KB of
 * typed arrays per call, which lingers until a garbage collection: one per page of a long table
 * kept several megabytes resident. A native compressor frees its state as soon as it returns.
 */
function nativeDeflate(): Deflate | null {
  if (native !== undefined) return native;
  native = null;
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const zlib = proc?.getBuiltinModule?.('node:zlib') as
      | { deflateSync?: (bytes: Uint8Array, options: { level: number }) => Uint8Array }
      | undefined;
    const deflateSync = zlib?.deflateSync;
    if (typeof deflateSync === 'function') {
      // deflateSync returns a view into a 16 KB output chunk: copy the compressed bytes out, so a
      // page's stream does not hold the whole chunk until the document is saved.
      native = (bytes) => {
        const out = deflateSync(bytes, { level: LEVEL });
        return out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out);
      };
    }
  } catch {
    native = null;
  }
  return native;
}

/**
 * zlib's level 4 rather than its default 6: on the template corpus's page content (32 streams,
 * 122 KB) it deflates in 18 % less time for 1.7 % more bytes, and the font programs (1.2 MB, made
 * once per glyph set) in 8 % less time for 0.4 % more; levels 1–3 are no quicker than 4 on streams
 * this small, and 7–9 no smaller than 6 (bench figures in docs/report.md).
 */
const LEVEL = 4;

/** `bytes` deflated (zlib format, as a FlateDecode stream holds them). */
export function deflate(ctx: PDFContext, bytes: Uint8Array): Uint8Array {
  const d = nativeDeflate();
  return d ? d(bytes) : ctx.flateStream(bytes).getContents();
}
