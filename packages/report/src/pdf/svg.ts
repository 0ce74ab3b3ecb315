import { parseColor, type Rgb } from '../css/computed.js';
import type { ElementNode } from '../html.js';

/** Draws SVG text in the current (y-down) user space; returns content-stream operators. */
export type SvgText = (
  x: number,
  y: number,
  text: string,
  size: number,
  bold: boolean,
  color: Rgb,
  anchor: 'start' | 'middle' | 'end',
) => string;

interface Paint {
  fill: Rgb | null;
  stroke: Rgb | null;
  strokeWidth: number;
  fontSize: number;
  bold: boolean;
  anchor: 'start' | 'middle' | 'end';
  dash?: string;
}

const SUPPORTED = new Set([
  'svg',
  'g',
  'rect',
  'line',
  'polyline',
  'polygon',
  'circle',
  'ellipse',
  'path',
  'text',
  'tspan',
  'title',
  'desc',
]);

const n = (v: number) => (Math.round(v * 1000) / 1000).toString();
const rgb = (c: Rgb) => c.map((v) => n(v)).join(' ');

/**
 * Converts an SVG element (the subset charts use: `g`, `rect`, `line`, `polyline`, `polygon`,
 * `circle`, `ellipse`, `path`, `text`, transforms `translate`/`scale`/`matrix`) to PDF vector
 * operators that fill the box at (x, yBottom) of size w × h in PDF coordinates.
 */
export function svgToPdf(
  svg: ElementNode,
  x: number,
  yBottom: number,
  w: number,
  h: number,
  text: SvgText,
  warnings: Set<string>,
): string {
  const vb = (svg.attrs.viewbox ?? '').split(/[\s,]+/).map(Number);
  const [vx = 0, vy = 0, vw = w / 0.75, vh = h / 0.75] = vb.length === 4 && vb.every(Number.isFinite) ? vb : [];
  const sx = w / (vw || 1);
  const sy = h / (vh || 1);
  // Map the viewBox (y down) to the box (y up).
  const ops = [
    'q',
    `${n(x)} ${n(yBottom)} ${n(w)} ${n(h)} re W n`,
    `${n(sx)} 0 0 ${n(-sy)} ${n(x - vx * sx)} ${n(yBottom + h + vy * sy)} cm`,
  ];
  const paint: Paint = { fill: [0, 0, 0], stroke: null, strokeWidth: 1, fontSize: 16, bold: false, anchor: 'start' };
  for (const child of svg.children) if (child.type === 'element') ops.push(drawNode(child, inherit(paint, svg), text, warnings));
  ops.push('Q');
  return ops.join('\n');
}

function inherit(p: Paint, el: ElementNode): Paint {
  const a: Record<string, string> = { ...el.attrs };
  for (const part of (el.attrs.style ?? '').split(';')) {
    const i = part.indexOf(':');
    if (i > 0) a[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim();
  }
  const out = { ...p };
  const color = (v: string | undefined, cur: Rgb | null): Rgb | null => {
    if (v === undefined) return cur;
    if (v === 'none' || v === 'transparent') return null;
    return parseColor(v) ?? cur;
  };
  out.fill = color(a.fill, p.fill);
  out.stroke = color(a.stroke, p.stroke);
  if (a['stroke-width'] !== undefined) out.strokeWidth = Number.parseFloat(a['stroke-width']) || 0;
  if (a['font-size'] !== undefined) out.fontSize = Number.parseFloat(a['font-size']) || p.fontSize;
  if (a['font-weight'] !== undefined) out.bold = a['font-weight'] === 'bold' || Number(a['font-weight']) >= 600;
  if (a['text-anchor'] === 'middle' || a['text-anchor'] === 'end' || a['text-anchor'] === 'start') out.anchor = a['text-anchor'];
  if (a['stroke-dasharray'] !== undefined) out.dash = a['stroke-dasharray'];
  return out;
}

function transform(value: string | undefined): string {
  if (!value) return '';
  const out: string[] = [];
  for (const m of value.matchAll(/(translate|scale|matrix|rotate)\s*\(([^)]*)\)/g)) {
    const v = (m[2] as string)
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (m[1] === 'translate') out.push(`1 0 0 1 ${n(v[0] ?? 0)} ${n(v[1] ?? 0)} cm`);
    else if (m[1] === 'scale') out.push(`${n(v[0] ?? 1)} 0 0 ${n(v[1] ?? v[0] ?? 1)} 0 0 cm`);
    else if (m[1] === 'matrix' && v.length === 6) out.push(`${v.map(n).join(' ')} cm`);
    else if (m[1] === 'rotate') {
      const r = ((v[0] ?? 0) * Math.PI) / 180;
      const [cx = 0, cy = 0] = [v[1], v[2]];
      out.push(
        `1 0 0 1 ${n(cx)} ${n(cy)} cm`,
        `${n(Math.cos(r))} ${n(Math.sin(r))} ${n(-Math.sin(r))} ${n(Math.cos(r))} 0 0 cm`,
        `1 0 0 1 ${n(-cx)} ${n(-cy)} cm`,
      );
    }
  }
  return out.join('\n');
}

function num(el: ElementNode, name: string): number {
  return Number.parseFloat(el.attrs[name] ?? '0') || 0;
}

function paintOps(p: Paint, path: string, closedFill = true): string {
  const fill = closedFill && p.fill;
  const stroke = p.stroke && p.strokeWidth > 0;
  if (!fill && !stroke) return '';
  const setup: string[] = [];
  if (fill) setup.push(`${rgb(p.fill as Rgb)} rg`);
  if (stroke) setup.push(`${rgb(p.stroke as Rgb)} RG`, `${n(p.strokeWidth)} w`);
  if (stroke && p.dash && p.dash !== 'none')
    setup.push(
      `[${p.dash
        .split(/[\s,]+/)
        .map(Number)
        .filter(Number.isFinite)
        .map(n)
        .join(' ')}] 0 d`,
    );
  return `${setup.join(' ')}\n${path}\n${fill && stroke ? 'B' : fill ? 'f' : 'S'}`;
}

function drawNode(el: ElementNode, parent: Paint, text: SvgText, warnings: Set<string>): string {
  if (!SUPPORTED.has(el.tag)) {
    warnings.add(`unsupported SVG element <${el.tag}> not drawn`);
    return '';
  }
  if (el.tag === 'title' || el.tag === 'desc') return '';
  const p = inherit(parent, el);
  const ops: string[] = ['q'];
  const t = transform(el.attrs.transform);
  if (t) ops.push(t);
  switch (el.tag) {
    case 'g':
    case 'svg':
      for (const c of el.children) if (c.type === 'element') ops.push(drawNode(c, p, text, warnings));
      break;
    case 'rect':
      ops.push(paintOps(p, `${n(num(el, 'x'))} ${n(num(el, 'y'))} ${n(num(el, 'width'))} ${n(num(el, 'height'))} re`));
      break;
    case 'line':
      ops.push(
        paintOps({ ...p, fill: null }, `${n(num(el, 'x1'))} ${n(num(el, 'y1'))} m ${n(num(el, 'x2'))} ${n(num(el, 'y2'))} l`),
      );
      break;
    case 'polyline':
    case 'polygon': {
      const pts = (el.attrs.points ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      const parts: string[] = [];
      for (let i = 0; i + 1 < pts.length; i += 2)
        parts.push(`${n(pts[i] as number)} ${n(pts[i + 1] as number)} ${i === 0 ? 'm' : 'l'}`);
      if (el.tag === 'polygon') parts.push('h');
      ops.push(paintOps(el.tag === 'polyline' ? { ...p, fill: null } : p, parts.join(' ')));
      break;
    }
    case 'circle':
    case 'ellipse': {
      const rx = el.tag === 'circle' ? num(el, 'r') : num(el, 'rx');
      const ry = el.tag === 'circle' ? num(el, 'r') : num(el, 'ry');
      ops.push(paintOps(p, ellipse(num(el, 'cx'), num(el, 'cy'), rx, ry)));
      break;
    }
    case 'path': {
      const d = pathOps(el.attrs.d ?? '', warnings);
      ops.push(paintOps(p, d));
      break;
    }
    case 'text': {
      const content = el.children
        .map((c) => (c.type === 'text' ? c.text : c.children.map((x) => (x.type === 'text' ? x.text : '')).join('')))
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      if (content && p.fill)
        ops.push(text(num(el, 'x') + num(el, 'dx'), num(el, 'y') + num(el, 'dy'), content, p.fontSize, p.bold, p.fill, p.anchor));
      break;
    }
  }
  ops.push('Q');
  return ops.join('\n');
}

// Four cubic Béziers; kappa = 4(√2 − 1)/3 gives a maximum radial error of 0.027%.
function ellipse(cx: number, cy: number, rx: number, ry: number): string {
  const k = 0.5522847498;
  const ox = rx * k;
  const oy = ry * k;
  return [
    `${n(cx + rx)} ${n(cy)} m`,
    `${n(cx + rx)} ${n(cy + oy)} ${n(cx + ox)} ${n(cy + ry)} ${n(cx)} ${n(cy + ry)} c`,
    `${n(cx - ox)} ${n(cy + ry)} ${n(cx - rx)} ${n(cy + oy)} ${n(cx - rx)} ${n(cy)} c`,
    `${n(cx - rx)} ${n(cy - oy)} ${n(cx - ox)} ${n(cy - ry)} ${n(cx)} ${n(cy - ry)} c`,
    `${n(cx + ox)} ${n(cy - ry)} ${n(cx + rx)} ${n(cy - oy)} ${n(cx + rx)} ${n(cy)} c h`,
  ].join(' ');
}

/** SVG path data (M L H V C S Q T A Z, absolute and relative) to PDF path operators. */
export function pathOps(d: string, warnings: Set<string>): string {
  // A scanner rather than a tokenizer: an arc's flags may run together ("a5 5 0 01 10 0").
  let at = 0;
  const SEPARATORS = /[\s,]*/y;
  const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
  const FLAG = /[01]/y;
  const COMMAND = /[a-zA-Z]/y;
  const skip = () => {
    SEPARATORS.lastIndex = at;
    SEPARATORS.exec(d);
    at = SEPARATORS.lastIndex;
  };
  const read = (re: RegExp): string | undefined => {
    skip();
    re.lastIndex = at;
    const m = re.exec(d);
    if (!m) return undefined;
    at = re.lastIndex;
    return m[0];
  };
  const next = () => Number(read(NUMBER) ?? Number.NaN);
  const flag = () => read(FLAG) === '1';
  const out: string[] = [];
  let cmd = '';
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  let cx = 0; // last control point, for S and T
  let cy = 0;
  let prev = '';
  for (skip(); at < d.length; skip()) {
    const c = read(COMMAND);
    if (c !== undefined) cmd = c;
    else if (cmd === '') {
      warnings.add('malformed SVG path data; path cut there');
      return out.join(' ');
    }
    const rel = cmd === cmd.toLowerCase();
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    const before = at;
    switch (cmd.toUpperCase()) {
      case 'M':
        x = ox + next();
        y = oy + next();
        sx = x;
        sy = y;
        out.push(`${n(x)} ${n(y)} m`);
        cmd = rel ? 'l' : 'L';
        break;
      case 'L':
        x = ox + next();
        y = oy + next();
        out.push(`${n(x)} ${n(y)} l`);
        break;
      case 'H':
        x = ox + next();
        out.push(`${n(x)} ${n(y)} l`);
        break;
      case 'V':
        y = oy + next();
        out.push(`${n(x)} ${n(y)} l`);
        break;
      case 'C': {
        const v = [next(), next(), next(), next(), next(), next()];
        const pts = [
          ox + (v[0] as number),
          oy + (v[1] as number),
          ox + (v[2] as number),
          oy + (v[3] as number),
          ox + (v[4] as number),
          oy + (v[5] as number),
        ];
        out.push(`${pts.map(n).join(' ')} c`);
        [cx, cy, x, y] = [pts[2] as number, pts[3] as number, pts[4] as number, pts[5] as number];
        break;
      }
      case 'S': {
        const [x1, y1] = /[CS]/i.test(prev) ? [2 * x - cx, 2 * y - cy] : [x, y];
        const v = [ox + next(), oy + next(), ox + next(), oy + next()];
        out.push(`${[x1, y1, ...v].map((k) => n(k as number)).join(' ')} c`);
        [cx, cy, x, y] = v as [number, number, number, number];
        break;
      }
      case 'Q':
      case 'T': {
        const [qx, qy] =
          cmd.toUpperCase() === 'Q' ? [ox + next(), oy + next()] : /[QT]/i.test(prev) ? [2 * x - cx, 2 * y - cy] : [x, y];
        const ex = ox + next();
        const ey = oy + next();
        // A quadratic as a cubic: control points two thirds of the way to the quadratic's.
        out.push(
          `${n(x + (2 / 3) * (qx - x))} ${n(y + (2 / 3) * (qy - y))} ${n(ex + (2 / 3) * (qx - ex))} ${n(ey + (2 / 3) * (qy - ey))} ${n(ex)} ${n(ey)} c`,
        );
        [cx, cy, x, y] = [qx, qy, ex, ey];
        break;
      }
      case 'A': {
        const rx = next();
        const ry = next();
        const rotation = next();
        const large = flag();
        const sweep = flag();
        const ex = ox + next();
        const ey = oy + next();
        if (Number.isNaN(ex) || Number.isNaN(ey) || Number.isNaN(rx) || Number.isNaN(ry) || Number.isNaN(rotation)) {
          x = Number.NaN;
          break;
        }
        for (const b of arcToBeziers(x, y, rx, ry, rotation, large, sweep, ex, ey)) out.push(`${b.map(n).join(' ')} c`);
        x = ex;
        y = ey;
        break;
      }
      case 'Z':
        out.push('h');
        x = sx;
        y = sy;
        break;
      default:
        warnings.add(`unsupported SVG path command "${cmd}"; path cut there`);
        return out.join(' ');
    }
    prev = cmd;
    if (Number.isNaN(x) || Number.isNaN(y) || (at === before && cmd.toUpperCase() !== 'Z')) {
      warnings.add('malformed SVG path data; path cut there');
      return out.slice(0, -1).join(' ');
    }
    if (cmd.toUpperCase() === 'Z') cmd = '';
  }
  return out.join(' ');
}

/**
 * An SVG elliptical arc from (x1, y1) to (x2, y2) as cubic Béziers, each spanning at most a quarter
 * turn (control points at 4/3·tan(Δ/4) of the radius along the tangents), by the conversion
 * from endpoint to centre parameters of SVG 1.1's implementation notes (F.6.5, F.6.6): radii
 * too small to reach the end point are scaled up, a zero radius is a straight line.
 * Each entry is [c1x, c1y, c2x, c2y, x, y].
 */
export function arcToBeziers(
  x1: number,
  y1: number,
  rxIn: number,
  ryIn: number,
  degrees: number,
  large: boolean,
  sweep: boolean,
  x2: number,
  y2: number,
): number[][] {
  if (x1 === x2 && y1 === y2) return [];
  let rx = Math.abs(rxIn);
  let ry = Math.abs(ryIn);
  if (rx === 0 || ry === 0) return [[x1, y1, x2, y2, x2, y2]];
  const phi = ((degrees % 360) * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  // The midpoint between the ends, in the ellipse's axes.
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const px = cos * dx + sin * dy;
  const py = -sin * dx + cos * dy;
  const lambda = (px * px) / (rx * rx) + (py * py) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * py * py - ry * ry * px * px;
  const den = rx * rx * py * py + ry * ry * px * px;
  const coef = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (coef * rx * py) / ry;
  const cyp = (-coef * ry * px) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angle = (ux: number, uy: number, vx: number, vy: number) => Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  const theta1 = angle(1, 0, (px - cxp) / rx, (py - cyp) / ry);
  let delta = angle((px - cxp) / rx, (py - cyp) / ry, (-px - cxp) / rx, (-py - cyp) / ry);
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  else if (sweep && delta < 0) delta += 2 * Math.PI;
  const segments = Math.max(1, Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9));
  const step = delta / segments;
  const k = (4 / 3) * Math.tan(step / 4);
  // A point and its tangent on the ellipse at parameter t, in page coordinates.
  const point = (t: number): [number, number] => [
    cx + rx * cos * Math.cos(t) - ry * sin * Math.sin(t),
    cy + rx * sin * Math.cos(t) + ry * cos * Math.sin(t),
  ];
  const tangent = (t: number): [number, number] => [
    -rx * cos * Math.sin(t) - ry * sin * Math.cos(t),
    -rx * sin * Math.sin(t) + ry * cos * Math.cos(t),
  ];
  const out: number[][] = [];
  for (let s = 0; s < segments; s++) {
    const t0 = theta1 + s * step;
    const t1 = t0 + step;
    const [ax, ay] = point(t0);
    const [ex, ey] = s === segments - 1 ? [x2, y2] : point(t1);
    const [d0x, d0y] = tangent(t0);
    const [d1x, d1y] = tangent(t1);
    out.push([ax + k * d0x, ay + k * d0y, ex - k * d1x, ey - k * d1y, ex, ey]);
  }
  return out;
}
