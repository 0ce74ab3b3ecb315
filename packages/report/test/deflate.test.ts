import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';

const text = new TextEncoder().encode('BT /F1 10 Tf 56.7 785.19 Td (Account 1) Tj ET\n'.repeat(400));
const getBuiltinModule = process.getBuiltinModule;

afterEach(() => {
  process.getBuiltinModule = getBuiltinModule;
  vi.resetModules();
});

describe('deflate', () => {
  it("uses the runtime's zlib: a stream of exactly the compressed bytes that inflates to the input", async () => {
    const { deflate } = await import('../src/pdf/deflate.js');
    const doc = await PDFDocument.create();
    const out = deflate(doc.context, text);
    expect(out.byteLength).toBe(out.buffer.byteLength); // not a view into a larger chunk
    expect(out.length).toBeLessThan(text.length / 10);
    expect(new Uint8Array(inflateSync(out))).toEqual(text);
  });

  it("falls back to pdf-lib's deflate where the runtime has no getBuiltinModule", async () => {
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    vi.resetModules();
    const { deflate } = await import('../src/pdf/deflate.js');
    const doc = await PDFDocument.create();
    const out = deflate(doc.context, text);
    expect(out).toEqual(doc.context.flateStream(text).getContents());
    expect(new Uint8Array(inflateSync(out))).toEqual(text);
  });
});
