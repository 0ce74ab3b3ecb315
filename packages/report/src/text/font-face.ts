// `@font-face` rules (CSS Fonts 4 §4): each face's `src` list tried in order — a `data:` URI, a
// file `options.loadFont` reads (in Node, from the template folder), or a `local()` name found among
// the registered fonts or by `options.localFont` (in Node, the system's fonts) — and registered under
// its `font-family` for the document, by weight (bold from 600) and style.

import type { Declaration } from '../css/parse.js';
import { ReportError } from '../errors.js';
import { decodeDataUri } from '../pdf/images.js';
import { fontNames, matchesLocal } from './font-names.js';
import { type FontFaces, type FontFamilies, FontSet } from './fonts.js';

/** What reading `@font-face` needs of the render options. */
export interface FontFaceSource {
  loadFont?: (src: string) => Uint8Array | Promise<Uint8Array>;
  /** The registered families, where `local()` names are looked up first. */
  fonts?: FontFamilies;
  /** Finds a face by a `local()` name the registered families do not have (e.g. the system's fonts). */
  localFont?: (name: string) => Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

type Slot = keyof FontFaces;

const MAX_FACES = 64;

/** The families the document's `@font-face` rules add; undefined when they add none. */
export async function fontFaceFamilies(
  rules: Declaration[][],
  options: FontFaceSource,
  warnings: Set<string>,
): Promise<FontFamilies | undefined> {
  const out: FontFamilies = {};
  let count = 0;
  for (const decls of rules) {
    const get = (name: string) => decls.filter((d) => d.name === name).pop();
    const familyDecl = get('font-family');
    const srcDecl = get('src');
    const where = (familyDecl ?? srcDecl)?.line ? ` (line ${(familyDecl ?? srcDecl)?.line})` : '';
    const family = familyDecl?.value.trim().replace(/^["']|["']$/g, '');
    if (!family || !srcDecl) {
      warnings.add(`@font-face without font-family or src ignored${where}`);
      continue;
    }
    if (++count > MAX_FACES) {
      warnings.add(`@font-face "${family}" ignored: more than ${MAX_FACES} faces in one document${where}`);
      continue;
    }
    const weight = get('font-weight')?.value.trim().toLowerCase() ?? 'normal';
    const bold = weight === 'bold' || weight === 'bolder' || (/^\d+/.test(weight) && Number.parseInt(weight, 10) >= 600);
    const italic = /^(italic|oblique)/.test(get('font-style')?.value.trim().toLowerCase() ?? '');
    const slot: Slot = bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
    const bytes = await firstSource(srcDecl.value, family, slot, where, options, warnings);
    if (!bytes) continue;
    const faces = out[family] ?? { regular: bytes };
    out[family] = faces;
    if (slot === 'regular') faces.regular = bytes;
    else faces[slot] = bytes;
    // Checked now, so that a file that is not a font is a warning naming it, not a failure later.
    try {
      new FontSet({ [family]: { regular: bytes } });
    } catch (e) {
      warnings.add(
        `@font-face "${family}": its file is not a TrueType or OpenType font (${(e as Error).message}); skipped${where}`,
      );
      if (faces.regular === bytes) delete out[family];
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

async function firstSource(
  src: string,
  family: string,
  slot: Slot,
  where: string,
  options: FontFaceSource,
  warnings: Set<string>,
): Promise<Uint8Array | undefined> {
  const tried: string[] = [];
  for (const part of src.split(/,(?![^(]*\))/)) {
    const url = /url\(\s*(["']?)(.*?)\1\s*\)/i.exec(part)?.[2];
    const format = /format\(\s*["']?([\w-]+)["']?\s*\)/i.exec(part)?.[1]?.toLowerCase();
    if (!url) {
      const local = /^\s*local\(\s*(["']?)(.*?)\1\s*\)\s*$/is.exec(part);
      if (local) {
        const name = (local[2] as string).replace(/\s+/g, ' ').trim();
        const found = await localFace(name, slot, options);
        if (typeof found === 'string') tried.push(`local("${name}") (${found})`);
        else if (found) return found;
        else
          tried.push(
            `local("${name}") (no font of that name${options.localFont ? '' : ' registered; options.localFont can look further'})`,
          );
      } else if (part.trim() !== '') tried.push(`"${part.trim()}" (not a url() or local())`);
      continue;
    }
    const label = url.length > 60 ? `${url.slice(0, 60)}…` : url;
    if (format === 'woff2' || format === 'woff' || /\.woff2?(\?|#|$)/i.test(url)) {
      tried.push(`${label} (WOFF is not read: give a .ttf or .otf)`);
      continue;
    }
    let bytes: Uint8Array | undefined;
    if (url.startsWith('data:')) bytes = decodeDataUri(url);
    else if (options.loadFont) {
      try {
        bytes = await options.loadFont(url);
      } catch (e) {
        tried.push(`${label} (${e instanceof ReportError ? e.message : (e as Error).message})`);
        continue;
      }
    } else {
      tried.push(`${label} (no options.loadFont to read it)`);
      continue;
    }
    if (!(bytes instanceof Uint8Array)) {
      tried.push(`${label} (options.loadFont gave no bytes)`);
      continue;
    }
    const magic = String.fromCharCode(...bytes.subarray(0, 4));
    if (magic === 'wOFF' || magic === 'wOF2') {
      tried.push(`${label} (WOFF is not read: give a .ttf or .otf)`);
      continue;
    }
    return bytes;
  }
  warnings.add(`@font-face "${family}" not loaded: ${tried.join('; ') || 'no url() in src'}; the family falls back${where}`);
  return undefined;
}

/**
 * The face a `local()` name names: a registered family of that name (its face of the rule's weight
 * and style, else its regular one), a registered face whose full or PostScript name it is (CSS
 * Fonts 4 §4.3.2), a registered face of that family by its own name table, then whatever
 * `options.localFont` finds. A string says why a lookup failed.
 */
async function localFace(name: string, slot: Slot, options: FontFaceSource): Promise<Uint8Array | string | undefined> {
  if (name === '') return 'an empty name';
  const families = options.fonts ?? {};
  const wanted = name.toLowerCase();
  for (const [family, faces] of Object.entries(families)) {
    if (family.toLowerCase() === wanted && faces) return faces[slot] ?? faces.regular;
  }
  const all = Object.values(families).flatMap((faces) =>
    faces
      ? (['regular', 'bold', 'italic', 'boldItalic'] as const).flatMap((k) => (faces[k] ? [{ slot: k, bytes: faces[k] }] : []))
      : [],
  );
  for (const face of all) {
    const names = fontNames(face.bytes);
    if (names && matchesLocal(names, name)) return face.bytes;
  }
  const sameFamily = all.filter((f) => fontNames(f.bytes)?.family.toLowerCase() === wanted);
  const bySlot = sameFamily.find((f) => f.slot === slot) ?? sameFamily.find((f) => f.slot === 'regular') ?? sameFamily[0];
  if (bySlot) return bySlot.bytes;
  if (!options.localFont) return undefined;
  let bytes: unknown;
  try {
    bytes = await options.localFont(name);
  } catch (e) {
    return `options.localFont failed: ${(e as Error).message}`;
  }
  if (bytes === undefined || bytes === null) return undefined;
  if (!(bytes instanceof Uint8Array)) return 'options.localFont gave no bytes';
  return bytes;
}
