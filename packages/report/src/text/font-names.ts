// The names a font file gives itself (OpenType `name` table, nameIDs 1, 2, 4, 6, 16, 17), read
// without parsing the rest of the font: what CSS `local()` matches (CSS Fonts 4 §4.3: the full name
// or the PostScript name) and the family and style a face belongs to.

/** A face's names; empty strings where the font has none. */
export interface FontNames {
  family: string;
  style: string;
  full: string;
  postscript: string;
}

/**
 * The names of the font in `bytes` (TrueType, OpenType, or the first font of a collection), read
 * through `at(offset, length)` so a caller can read only the parts of a file it needs. Undefined for
 * bytes that are not a font with a `name` table.
 */
export function readFontNames(read: (offset: number, length: number) => Uint8Array): FontNames | undefined {
  const u16 = (b: Uint8Array, i: number) => ((b[i] as number) << 8) | (b[i + 1] as number);
  const u32 = (b: Uint8Array, i: number) => u16(b, i) * 65536 + u16(b, i + 2);
  let head = read(0, 12);
  if (head.length < 12) return undefined;
  let base = 0;
  if (String.fromCharCode(...head.subarray(0, 4)) === 'ttcf') {
    base = u32(read(12, 4), 0);
    head = read(base, 12);
    if (head.length < 12) return undefined;
  }
  const tag = u32(head, 0);
  if (tag !== 0x00010000 && tag !== 0x4f54544f && tag !== 0x74727565) return undefined; // 1.0, 'OTTO', 'true'
  const numTables = u16(head, 4);
  if (numTables > 512) return undefined;
  const dir = read(base + 12, numTables * 16);
  let offset = -1;
  let length = 0;
  for (let i = 0; i + 16 <= dir.length; i += 16) {
    if (String.fromCharCode(...dir.subarray(i, i + 4)) === 'name') {
      offset = u32(dir, i + 8);
      length = u32(dir, i + 12);
    }
  }
  if (offset < 0 || length < 6 || length > 4_000_000) return undefined;
  const t = read(offset, length);
  if (t.length < 6) return undefined;
  const count = u16(t, 2);
  const strings = u16(t, 4);
  // Windows Unicode English names first, then any Unicode, then Macintosh Roman.
  const found = new Map<number, { rank: number; text: string }>();
  for (let r = 0; r < count && 6 + r * 12 + 12 <= t.length; r++) {
    const at = 6 + r * 12;
    const platform = u16(t, at);
    const language = u16(t, at + 4);
    const id = u16(t, at + 6);
    if (id !== 1 && id !== 2 && id !== 4 && id !== 6 && id !== 16 && id !== 17) continue;
    const len = u16(t, at + 8);
    const start = strings + u16(t, at + 10);
    if (start + len > t.length) continue;
    const raw = t.subarray(start, start + len);
    let text = '';
    let rank: number;
    if (platform === 3 || platform === 0) {
      for (let i = 0; i + 1 < raw.length; i += 2) text += String.fromCharCode(u16(raw, i));
      rank = platform === 3 && language === 0x409 ? 0 : 1;
    } else if (platform === 1) {
      text = String.fromCharCode(...raw);
      rank = 2;
    } else continue;
    const seen = found.get(id);
    if (!seen || rank < seen.rank) found.set(id, { rank, text });
  }
  const name = (id: number) => found.get(id)?.text.trim() ?? '';
  return {
    family: name(16) || name(1),
    style: name(17) || name(2),
    full: name(4),
    postscript: name(6),
  };
}

const cache = new WeakMap<Uint8Array, FontNames | null>();

/** `readFontNames` of bytes in memory, once per array. */
export function fontNames(bytes: Uint8Array): FontNames | undefined {
  let names = cache.get(bytes);
  if (names === undefined) {
    names = readFontNames((offset, length) => bytes.subarray(offset, offset + length)) ?? null;
    cache.set(bytes, names);
  }
  return names ?? undefined;
}

/** Whether a `local()` name is this face's full or PostScript name (case-insensitive, CSS Fonts 4 §4.3). */
export function matchesLocal(names: FontNames, wanted: string): boolean {
  const w = wanted.toLowerCase();
  return names.full.toLowerCase() === w || names.postscript.toLowerCase() === w;
}
