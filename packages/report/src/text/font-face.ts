// `@font-face` rules (CSS Fonts 4 §4): each face's `src` list tried in order — a `data:` URI, or
// a file `options.loadFont` reads (in Node, from the template folder) — and registered under its
// `font-family` for the document, by weight (bold from 600) and style.

import type { Declaration } from '../css/parse.js';
import { ReportError } from '../errors.js';
import { decodeDataUri } from '../pdf/images.js';
import { type FontFamilies, FontSet } from './fonts.js';

/** What reading `@font-face` needs of the render options. */
export interface FontFaceSource {
  loadFont?: (src: string) => Uint8Array | Promise<Uint8Array>;
}

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
    const bytes = await firstSource(srcDecl.value, family, where, options, warnings);
    if (!bytes) continue;
    const slot = bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
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
  where: string,
  options: FontFaceSource,
  warnings: Set<string>,
): Promise<Uint8Array | undefined> {
  const tried: string[] = [];
  for (const part of src.split(/,(?![^(]*\))/)) {
    const url = /url\(\s*(["']?)(.*?)\1\s*\)/i.exec(part)?.[2];
    const format = /format\(\s*["']?([\w-]+)["']?\s*\)/i.exec(part)?.[1]?.toLowerCase();
    if (!url) {
      if (/local\(/i.test(part)) tried.push(part.trim());
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
