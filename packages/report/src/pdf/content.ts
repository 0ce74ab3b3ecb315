import type { PDFRef } from 'pdf-lib';
import type { Rgb } from '../css/computed.js';
import type { Draw } from '../layout/boxes.js';
import { type Face, type FontSet, SHAPED_BASE } from '../text/fonts.js';
import { fromHundredths, hundredths } from './decimal.js';
import type { PdfFonts } from './fonts.js';
import { svgToPdf } from './svg.js';

/** A coordinate or size to a hundredth of a point. */
const f = hundredths;
// Colours are shared arrays (a style's): each is written out once.
const colors = new WeakMap<Rgb, string>();
const color = (c: Rgb) => {
  let text = colors.get(c);
  if (text === undefined) {
    text = `${f(c[0])} ${f(c[1])} ${f(c[2])}`;
    colors.set(c, text);
  }
  return text;
};

export function contentOps(
  layers: [Draw[], number][],
  pageHeight: number,
  fonts: PdfFonts,
  warnings: Set<string>,
  fontSet: FontSet,
  /** The resource name of an image XObject. */
  xobjectName: (ref: PDFRef) => string,
): string {
  const out: string[] = [];
  const svgText =
    (face: (bold: boolean, text: string) => Face | null) =>
    (x: number, y: number, text: string, size: number, bold: boolean, fill: Rgb, anchor: 'start' | 'middle' | 'end') => {
      const parts: string[] = [];
      let width = 0;
      const runs: { face: Face; text: string }[] = [];
      for (const ch of text) {
        const fc = face(bold, ch);
        if (!fc) continue;
        width += (fc.glyph(ch.codePointAt(0) as number)?.advance ?? 0) * size;
        const last = runs[runs.length - 1];
        if (last && last.face === fc) last.text += ch;
        else runs.push({ face: fc, text: ch });
      }
      let cx = x - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
      parts.push('BT', `${color(fill)} rg`);
      for (const r of runs) {
        parts.push(`/${fonts.key(r.face)} ${f(size)} Tf 1 0 0 -1 ${f(cx)} ${f(y)} Tm <${fonts.encode(r.face, r.text)}> Tj`);
        for (const ch of r.text) cx += (r.face.glyph(ch.codePointAt(0) as number)?.advance ?? 0) * size;
      }
      parts.push('ET');
      return parts.join('\n');
    };
  let inText = false;
  let font = '';
  let fill = '';
  let lastFace: Face | undefined;
  let lastSize = 0;
  let lastColor: Rgb | undefined;
  let lineX = 0;
  let lineY = 0;
  let charSpacing = 0;
  const endText = () => {
    if (inText) {
      if (charSpacing !== 0) out.push('0 Tc');
      out.push('ET');
    }
    charSpacing = 0;
    inText = false;
  };
  for (const [draws, dy] of layers) {
    // Draws are relative to their atom's top, dy down from the page's top edge.
    const H = pageHeight - dy;
    for (const d of draws) {
      switch (d.op) {
        case 'text': {
          if (!inText) {
            out.push('BT');
            inText = true;
            font = '';
            fill = '';
            lastFace = undefined;
            lastColor = undefined;
            lineX = 0;
            lineY = 0;
          }
          // Faces, sizes and colours are shared objects: most draws repeat the previous ones.
          if (d.face !== lastFace || d.size !== lastSize) {
            const key = `/${fonts.key(d.face)} ${f(d.size)} Tf`;
            if (key !== font) out.push(key);
            font = key;
            lastFace = d.face;
            lastSize = d.size;
          }
          if (d.color !== lastColor) {
            const c = `${color(d.color)} rg`;
            if (c !== fill) out.push(c);
            fill = c;
            lastColor = d.color;
          }
          // Td moves from the previous line's start: short numbers, in hundredths of a point as
          // the positions are rounded, so nothing accumulates.
          const x = Math.round(d.x * 100);
          const y = Math.round((H - d.y) * 100);
          // Shaped text (reordered, ligated glyphs) carries the letters it shows as ActualText,
          // which text extraction reads instead of the glyphs.
          if ((d.charSpacing ?? 0) !== charSpacing) {
            charSpacing = d.charSpacing ?? 0;
            out.push(`${f(charSpacing)} Tc`);
          }
          const shown = showText(fonts, d);
          const marked =
            d.actualText === undefined ? shown : `/Span <</ActualText <FEFF${utf16be(d.actualText)}>>> BDC ${shown} EMC`;
          out.push(`${fromHundredths(x - lineX)} ${fromHundredths(y - lineY)} Td ${marked}`);
          lineX = x;
          lineY = y;
          break;
        }
        case 'rect':
          endText();
          if (d.radius || d.stroke) out.push(roundedRect(d, H));
          else if (d.fill) out.push(`q ${color(d.fill)} rg ${f(d.x)} ${f(H - d.y - d.h)} ${f(d.w)} ${f(d.h)} re f Q`);
          break;
        case 'line':
          endText();
          if (d.style === 'double' && d.width >= 2) {
            // Two lines, each a third of the width, the outer edges where the border's are.
            const w3 = d.width / 3;
            const horizontal = d.y1 === d.y2;
            const [ox, oy] = horizontal ? [0, w3] : [w3, 0];
            for (const k of [-1, 1])
              out.push(
                `q ${color(d.color)} RG ${f(w3)} w ${f(d.x1 + k * ox)} ${f(H - d.y1 - k * oy)} m ${f(d.x2 + k * ox)} ${f(H - d.y2 - k * oy)} l S Q`,
              );
          } else
            out.push(
              `q ${color(d.color)} RG ${f(d.width)} w${dash(d.style, d.width)} ${f(d.x1)} ${f(H - d.y1)} m ${f(d.x2)} ${f(H - d.y2)} l S Q`,
            );
          break;
        case 'image': {
          endText();
          const img = d.image as { ref: PDFRef };
          const key = xobjectName(img.ref);
          out.push(`q ${f(d.w)} 0 0 ${f(d.h)} ${f(d.x)} ${f(H - d.y - d.h)} cm /${key} Do Q`);
          break;
        }
        case 'svg': {
          endText();
          const svgFace = (bold: boolean, ch: string) =>
            fontSet.faceFor([fontSet.defaultFamily], bold, false, ch.codePointAt(0) as number);
          out.push(svgToPdf(d.node, d.x, H - d.y - d.h, d.w, d.h, svgText(svgFace), warnings));
          break;
        }
        case 'link':
          break;
      }
    }
  }
  endText();
  return out.join('\n');
}

/** The dash pattern of a border style (as Chromium draws them: dashes 3 widths long, round dots). */
function dash(style: string | undefined, width: number): string {
  if (style === 'dashed') return ` [${f(width * 3)} ${f(width * 3)}] 0 d`;
  if (style === 'dotted') return ` 1 J [0 ${f(width * 2)}] 0 d`;
  return '';
}

/** A rectangle with rounded corners (four Bézier quarter circles, κ = 0.5523), filled and/or stroked. */
function roundedRect(d: Extract<Draw, { op: 'rect' }>, H: number): string {
  const inset = d.stroke ? d.stroke.width / 2 : 0;
  const x = d.x + inset;
  const w = d.w - 2 * inset;
  const h = d.h - 2 * inset;
  const y = H - d.y - d.h + inset;
  const r = Math.max(0, Math.min(d.radius ?? 0, w / 2, h / 2));
  const k = r * 0.5523;
  const path =
    r === 0
      ? `${f(x)} ${f(y)} ${f(w)} ${f(h)} re`
      : [
          `${f(x + r)} ${f(y)} m`,
          `${f(x + w - r)} ${f(y)} l`,
          `${f(x + w - r + k)} ${f(y)} ${f(x + w)} ${f(y + r - k)} ${f(x + w)} ${f(y + r)} c`,
          `${f(x + w)} ${f(y + h - r)} l`,
          `${f(x + w)} ${f(y + h - r + k)} ${f(x + w - r + k)} ${f(y + h)} ${f(x + w - r)} ${f(y + h)} c`,
          `${f(x + r)} ${f(y + h)} l`,
          `${f(x + r - k)} ${f(y + h)} ${f(x)} ${f(y + h - r + k)} ${f(x)} ${f(y + h - r)} c`,
          `${f(x)} ${f(y + r)} l`,
          `${f(x)} ${f(y + r - k)} ${f(x + r - k)} ${f(y)} ${f(x + r)} ${f(y)} c h`,
        ].join(' ');
  const ops: string[] = ['q'];
  if (d.fill) ops.push(`${color(d.fill)} rg`);
  if (d.stroke) ops.push(`${color(d.stroke.color)} RG ${f(d.stroke.width)} w${dash(d.stroke.style, d.stroke.width)}`);
  ops.push(path, d.fill && d.stroke ? 'B' : d.fill ? 'f' : 'S', 'Q');
  return ops.join(' ');
}

/**
 * The operator that shows a text draw: `Tj`, or for a kerned or justified run a `TJ` array that
 * moves glyphs by the face's kerning (as layout measured it: between neighbours, not across a
 * space) and each space on by the draw's word spacing (`Tw` does not apply to two-byte codes).
 */
function showText(fonts: PdfFonts, d: Extract<Draw, { op: 'text' }>): string {
  if (d.placed) return showPlaced(fonts, d, d.placed);
  if (!d.wordSpacing && !d.kerned) return `${fonts.show(d.face, d.text)} Tj`;
  // TJ numbers are thousandths of the font size, subtracted from the advance.
  const number = (points: number) => `${-Math.round((points * 1000 * 1000) / d.size) / 1000}`;
  const gap = d.wordSpacing ? number(d.wordSpacing) : '';
  const parts: string[] = [];
  const text = d.text;
  // Pieces are slices of the run's text: [start, i) before a kerning or after a stretched space.
  let start = 0;
  let prev = 32;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    let end = i + 1;
    if (code >= 0xd800 && code <= 0xdbff && end < text.length) {
      code = text.codePointAt(i) as number;
      end = i + 2;
    }
    if (d.kerned && prev !== 32 && code !== 32) {
      const k = d.face.kern(prev, code);
      if (k !== 0) {
        parts.push(fonts.show(d.face, text.slice(start, i)), number(k * d.size));
        start = i;
      }
    }
    if (code === 32 && gap !== '') {
      parts.push(fonts.show(d.face, text.slice(start, end)), gap);
      start = end;
    }
    prev = code;
    i = end - 1;
  }
  if (start < text.length) parts.push(fonts.show(d.face, text.slice(start)));
  return `[${parts.join(' ')}] TJ`;
}

/** UTF-16BE hex of a string, for a PDF text string. */
function utf16be(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return out;
}

/**
 * A run with glyphs the font shaped and positioned (`placed`): each such glyph moved by its
 * offset (TJ numbers across, text rise up and down) and followed by the advance the font's
 * positioning added, so the run ends where layout measured. Kerning as `showText` draws it.
 */
function showPlaced(
  fonts: PdfFonts,
  d: Extract<Draw, { op: 'text' }>,
  placed: { dx: number; dy: number; extra: number }[],
): string {
  const number = (em: number) => `${-Math.round(em * 1000 * 1000) / 1000}`;
  const gap = d.wordSpacing ? d.wordSpacing / d.size : 0;
  const ops: string[] = [];
  let parts: string[] = [];
  let piece = '';
  let rise = 0;
  const flush = () => {
    if (piece !== '') parts.push(fonts.show(d.face, piece));
    piece = '';
  };
  const close = () => {
    flush();
    if (parts.length > 0) ops.push(`[${parts.join(' ')}] TJ`);
    parts = [];
  };
  let prev = 32;
  let k = 0;
  for (const ch of d.text) {
    const code = ch.codePointAt(0) as number;
    const pl = placed[k++] as { dx: number; dy: number; extra: number };
    if (d.kerned && prev !== 32 && code !== 32 && prev < SHAPED_BASE && code < SHAPED_BASE) {
      const kern = d.face.kern(prev, code);
      if (kern !== 0) {
        flush();
        parts.push(number(kern));
      }
    }
    if (pl.dy !== rise) {
      close();
      rise = pl.dy;
      ops.push(`${Math.round(rise * d.size * 1000) / 1000} Ts`);
    }
    if (pl.dx !== 0) {
      flush();
      parts.push(number(pl.dx));
    }
    piece += ch;
    const after = pl.extra - pl.dx + (code === 32 ? gap : 0);
    if (after !== 0) {
      flush();
      parts.push(number(after));
    }
    prev = code;
  }
  close();
  if (rise !== 0) ops.push('0 Ts');
  return ops.join(' ');
}
