// SVG elliptical arcs (the path command A) drawn as cubic Béziers: every point of the curves lies
// on the ellipse the arc belongs to, and the curves take the arc the flags choose.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { arcToBeziers, pathOps } from '../src/pdf/svg.js';

function bezierPoint(x0: number, y0: number, b: number[], t: number): [number, number] {
  const u = 1 - t;
  const [c1x, c1y, c2x, c2y, x, y] = b as [number, number, number, number, number, number];
  return [
    u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x,
    u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y,
  ];
}

describe('arcToBeziers', () => {
  it('stays on the ellipse and passes through the middle of the arc the flags choose', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 1, max: 80, noNaN: true }),
        fc.double({ min: 1, max: 80, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: 0.05, max: 2 * Math.PI - 0.05, noNaN: true }),
        fc.boolean(),
        (cx, cy, rx, ry, degrees, start, size, clockwise) => {
          const phi = (degrees * Math.PI) / 180;
          const at = (t: number): [number, number] => [
            cx + rx * Math.cos(phi) * Math.cos(t) - ry * Math.sin(phi) * Math.sin(t),
            cy + rx * Math.sin(phi) * Math.cos(t) + ry * Math.cos(phi) * Math.sin(t),
          ];
          // On the ellipse: the point in the ellipse's own axes has radius 1.
          const onEllipse = ([x, y]: [number, number]) => {
            const dx = x - cx;
            const dy = y - cy;
            const u = (Math.cos(phi) * dx + Math.sin(phi) * dy) / rx;
            const v = (-Math.sin(phi) * dx + Math.cos(phi) * dy) / ry;
            return Math.hypot(u, v);
          };
          const delta = clockwise ? size : -size;
          const [x1, y1] = at(start);
          const [x2, y2] = at(start + delta);
          const curves = arcToBeziers(x1, y1, rx, ry, degrees, size > Math.PI, delta > 0, x2, y2);
          expect(curves.length).toBe(Math.max(1, Math.ceil(size / (Math.PI / 2) - 1e-9)));
          let px = x1;
          let py = y1;
          let nearest = Number.POSITIVE_INFINITY;
          const [mx, my] = at(start + delta / 2);
          for (const b of curves) {
            for (let t = 0; t <= 1; t += 0.125) {
              const p = bezierPoint(px, py, b, t);
              // A quarter-turn cubic strays from the ellipse by under 0.03% of the radius.
              expect(Math.abs(onEllipse(p) - 1)).toBeLessThan(3e-4);
              nearest = Math.min(nearest, Math.hypot(p[0] - mx, p[1] - my));
            }
            [px, py] = [b[4] as number, b[5] as number];
          }
          expect(px).toBe(x2);
          expect(py).toBe(y2);
          // The curves reach the middle of this arc, not of the other one through the same ends.
          expect(nearest).toBeLessThan(0.1 * Math.max(rx, ry));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('scales radii too small to reach the end, and draws a line for a zero radius', () => {
    // Radius 1 cannot span 0 → 10: scaled up to 5, a half circle through (5, ±5).
    const half = arcToBeziers(0, 0, 1, 1, 0, false, true, 10, 0);
    expect(half).toHaveLength(2);
    expect((half[0] as number[])[4]).toBeCloseTo(5, 9);
    expect(Math.abs((half[0] as number[])[5] as number)).toBeCloseTo(5, 9);
    expect(arcToBeziers(0, 0, 0, 5, 0, false, true, 10, 0)).toEqual([[0, 0, 10, 0, 10, 0]]);
    expect(arcToBeziers(3, 4, 5, 5, 0, false, true, 3, 4)).toEqual([]);
  });
});

describe('SVG path data', () => {
  it('reads arcs with their flags run together, relative and absolute', () => {
    const warnings = new Set<string>();
    const compact = pathOps('M0 0a5 5 0 0110 0A5 5 0 0 1 20 0z', warnings);
    expect(warnings.size).toBe(0);
    expect(compact.startsWith('0 0 m ')).toBe(true);
    expect(compact.match(/ c/g)).toHaveLength(4); // two half circles, two quarter curves each
    expect(compact).toContain('10 0 c');
    expect(compact.endsWith('20 0 c h')).toBe(true);
  });

  it('cuts a path at malformed data with a warning', () => {
    const warnings = new Set<string>();
    expect(pathOps('M0 0 L10 10 L x', warnings)).toBe('0 0 m 10 10 l');
    expect([...warnings]).toEqual(['malformed SVG path data; path cut there']);
    const w2 = new Set<string>();
    expect(pathOps('M0 0 L10 10 Z 5 5', w2)).toBe('0 0 m 10 10 l h');
    expect(w2.size).toBe(1);
  });

  it('draws a pie chart made of arcs in the PDF without a warning', async () => {
    const warnings: string[] = [];
    const pie =
      '<svg width="120" height="120" viewBox="0 0 120 120"><path d="M60 60 L60 10 A50 50 0 0 1 103.3 85 Z" fill="#c33"/><path d="M60 60 L103.3 85 A50 50 0 1 1 60 10 Z" fill="#36c"/></svg>';
    const pdf = await renderPdf(pie, {}, { fonts: dejaVuFonts(), deterministic: true, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(pdf.length).toBeGreaterThan(1000);
  });
});
