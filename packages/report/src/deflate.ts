/**
 * zlib-deflates bytes with the platform's `CompressionStream` (native in Node ≥ 18, Deno and
 * browsers; much faster than a JavaScript deflate for the many page streams of a long table), or
 * returns undefined where there is none.
 */
export async function deflate(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  const CS = (globalThis as { CompressionStream?: new (format: 'deflate') => TransformStream<Uint8Array, Uint8Array> })
    .CompressionStream;
  if (!CS) return undefined;
  const stream = new Blob([bytes]).stream().pipeThrough(new CS('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
