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
    const zlib = proc?.getBuiltinModule?.('node:zlib') as { deflateSync?: (bytes: Uint8Array) => Uint8Array } | undefined;
    const deflateSync = zlib?.deflateSync;
    if (typeof deflateSync === 'function') {
      // deflateSync returns a view into a 16 KB output chunk: copy the compressed bytes out, so a
      // page's stream does not hold the whole chunk until the document is saved.
      native = (bytes) => {
        const out = deflateSync(bytes);
        return out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out);
      };
    }
  } catch {
    native = null;
  }
  return native;
}

/** `bytes` deflated (zlib format, as a FlateDecode stream holds them). */
export function deflate(ctx: PDFContext, bytes: Uint8Array): Uint8Array {
  const d = nativeDeflate();
  return d ? d(bytes) : ctx.flateStream(bytes).getContents();
}

/** A FlateDecode stream of `bytes`, registered in the document. */
export function flateStream(ctx: PDFContext, bytes: Uint8Array, dict: Record<string, number | string> = {}) {
  return ctx.stream(deflate(ctx, bytes), { ...dict, Filter: 'FlateDecode' });
}
