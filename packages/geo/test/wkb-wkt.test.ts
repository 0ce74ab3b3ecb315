import { readFileSync } from 'node:fs';
import { errorOf as errorOfClass } from '@ds/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromWkb, fromWkt, GeoError, type Geometry, toWkb, toWkt, wkbInfo } from '../src/index.js';

interface Vector {
  id: string;
  geometry?: Geometry;
  empty?: boolean;
  type?: string;
  wkbLittle: string;
  wkbBig?: string;
  ewkb4326?: string;
  wkt: string;
}
const reference: { source: string; vectors: Vector[] } = JSON.parse(
  readFileSync(new URL('./reference/wkb-wkt.json', import.meta.url), 'utf8'),
);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const is3d = (v: Vector) => v.id.includes('-3d-');

const errorOf = (fn: () => unknown): GeoError => errorOfClass(fn, GeoError);

describe('WKB and WKT against GEOS (Shapely), on seeded random geometries', () => {
  const solid = reference.vectors.filter((v) => !v.empty);

  it.each(solid.map((v) => [v.id, v] as const))('%s: reads GEOS WKB (both byte orders, EWKB with SRID) and WKT', (_, v) => {
    expect(fromWkb(v.wkbLittle)).toEqual(v.geometry);
    expect(fromWkb(v.wkbBig as string)).toEqual(v.geometry);
    expect(fromWkb(v.ewkb4326 as string)).toEqual(v.geometry);
    expect(wkbInfo(v.ewkb4326 as string)).toEqual({ srid: 4326, hasZ: is3d(v), hasM: false });
    expect(fromWkt(v.wkt)).toEqual(v.geometry);
  });

  it.each(solid.map((v) => [v.id, v] as const))('%s: writes the bytes and text GEOS writes', (_, v) => {
    const g = v.geometry as Geometry;
    // GEOS writes EWKB type flags for Z; for 2D ISO and EWKB are the same bytes.
    expect(hex(toWkb(g, { flavour: 'ewkb' }))).toBe(v.wkbLittle);
    expect(hex(toWkb(g, { flavour: 'ewkb', byteOrder: 'big' }))).toBe(v.wkbBig);
    expect(hex(toWkb(g, { srid: 4326 }))).toBe(v.ewkb4326);
    if (!is3d(v)) expect(hex(toWkb(g))).toBe(v.wkbLittle);
    // GEOS 3.11 leaves out the parentheses around MULTIPOINT members that ISO 19125 and GEOS ≥ 3.12 write.
    expect(
      toWkt(g).replace(
        /MULTIPOINT( Z)? \(((?:\([^()]*\)(?:, )?)+)\)/g,
        (_, z, inner: string) => `MULTIPOINT${z ?? ''} (${inner.replace(/[()]/g, '')})`,
      ),
    ).toBe(v.wkt);
  });

  it.each(reference.vectors.filter((v) => v.empty).map((v) => [v.id, v] as const))('%s: empty geometries both ways', (_, v) => {
    const g = fromWkb(v.wkbLittle);
    expect(g.type).toBe(v.type);
    expect(hex(toWkb(g))).toBe(v.wkbLittle);
    expect(toWkt(g)).toBe(v.wkt);
    expect(fromWkt(v.wkt)).toEqual(g);
  });
});

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const arbPosition = (dim: number) => fc.array(finite, { minLength: dim, maxLength: dim });
const arbGeometry = (dim: number): fc.Arbitrary<Geometry> => {
  const p = arbPosition(dim);
  const line = fc.array(p, { minLength: 0, maxLength: 5 });
  const rings = fc.array(line, { maxLength: 3 });
  const simple = fc.oneof(
    p.map((coordinates) => ({ type: 'Point', coordinates }) as Geometry),
    line.map((coordinates) => ({ type: 'LineString', coordinates }) as Geometry),
    rings.map((coordinates) => ({ type: 'Polygon', coordinates }) as Geometry),
    fc.array(p, { maxLength: 4 }).map((coordinates) => ({ type: 'MultiPoint', coordinates }) as Geometry),
    rings.map((coordinates) => ({ type: 'MultiLineString', coordinates }) as Geometry),
    fc.array(rings, { maxLength: 3 }).map((coordinates) => ({ type: 'MultiPolygon', coordinates }) as Geometry),
  );
  return fc.oneof(
    simple,
    fc.array(simple, { maxLength: 3 }).map((geometries) => ({ type: 'GeometryCollection', geometries }) as Geometry),
  );
};
// -0 survives WKB but JSON-like equality treats it as 0; Object.is checks the bits.
const sameBits = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((x, i) => sameBits(x, b[i]))
    : a !== null && typeof a === 'object' && b !== null && typeof b === 'object'
      ? Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => sameBits((a as never)[k], (b as never)[k]))
      : Object.is(a, b);

describe('round trips are exact (seeded property tests)', () => {
  for (const dim of [2, 3, 4]) {
    it(`WKB, ${dim} ordinates: every flavour and byte order gives back the same doubles`, () => {
      fc.assert(
        fc.property(
          arbGeometry(dim),
          fc.constantFrom('little', 'big'),
          fc.constantFrom('iso', 'ewkb'),
          (g, byteOrder, flavour) => {
            const wkb = toWkb(g, { byteOrder: byteOrder as 'little', flavour: flavour as 'iso' });
            expect(sameBits(fromWkb(wkb), g)).toBe(true);
            expect(sameBits(fromWkb(toWkb(g, { srid: 3857 })), g)).toBe(true);
          },
        ),
        { seed: 17 + dim, numRuns: 300 },
      );
    });
    it(`WKT, ${dim} ordinates: shortest round-trip numbers read back to the same doubles`, () => {
      fc.assert(
        fc.property(arbGeometry(dim), (g) => {
          const back = fromWkt(toWkt(g));
          expect(back).toEqual(g);
        }),
        { seed: 170 + dim, numRuns: 300 },
      );
    });
  }
});

describe('Z and M', () => {
  it('writes ISO codes 1000/3000 and EWKB flags for Z and ZM, and reads them back', () => {
    const z: Geometry = { type: 'Point', coordinates: [1, 2, 3] };
    const zm: Geometry = {
      type: 'LineString',
      coordinates: [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
      ],
    };
    expect(new DataView(toWkb(z).buffer).getUint32(1, true)).toBe(1001);
    expect(new DataView(toWkb(zm).buffer).getUint32(1, true)).toBe(3002);
    expect(new DataView(toWkb(zm, { flavour: 'ewkb' }).buffer).getUint32(1, true)).toBe(0xc0000002);
    expect(fromWkb(toWkb(zm))).toEqual(zm);
    expect(wkbInfo(toWkb(zm))).toEqual({ hasZ: true, hasM: true });
    expect(toWkt(zm)).toBe('LINESTRING ZM (1 2 3 4, 5 6 7 8)');
  });

  it('reads XYM (ISO 2001, EWKB M flag, WKT "M") dropping M, which GeoJSON cannot carry', () => {
    const b = new Uint8Array(29);
    const v = new DataView(b.buffer);
    b[0] = 1;
    v.setUint32(1, 2001, true);
    v.setFloat64(5, 1, true);
    v.setFloat64(13, 2, true);
    v.setFloat64(21, 9, true);
    expect(fromWkb(b)).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(wkbInfo(b)).toEqual({ hasZ: false, hasM: true });
    expect(fromWkt('POINT M (1 2 9)')).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(fromWkt('pointzm(1 2 3 4)')).toEqual({ type: 'Point', coordinates: [1, 2, 3, 4] });
  });
});

describe('bad input is a typed GeoError, never a partial geometry', () => {
  const good = toWkb({
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  });

  it('refuses WKB truncated at every length', () => {
    for (let n = 0; n < good.length; n++) {
      const e = errorOf(() => fromWkb(good.subarray(0, n)));
      expect(e.code).toBe('invalid-file');
      expect(e.message).toMatch(/truncated/);
    }
  });

  it('refuses an unknown type code, a bad byte order, trailing bytes and a lying count', () => {
    const unknown = good.slice();
    new DataView(unknown.buffer).setUint32(1, 8, true);
    expect(errorOf(() => fromWkb(unknown)).message).toMatch(/unknown geometry type code 8/);
    const order = good.slice();
    order[0] = 7;
    expect(errorOf(() => fromWkb(order)).message).toMatch(/byte order must be 0 or 1, got 7/);
    expect(errorOf(() => fromWkb(new Uint8Array([...good, 0]))).message).toMatch(/1 bytes after the end/);
    const lying = good.slice();
    new DataView(lying.buffer).setUint32(5, 0xffffffff, true);
    expect(errorOf(() => fromWkb(lying)).code).toBe('invalid-file');
    expect(errorOf(() => fromWkb('01zz')).code).toBe('invalid-type');
    expect(errorOf(() => fromWkb(42 as never)).message).toMatch(/Uint8Array/);
  });

  it('refuses a member of the wrong type inside a multi-geometry, and collections nested too deep', () => {
    const line = toWkb({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 1],
      ],
    });
    const multi = new Uint8Array([1, 4, 0, 0, 0, 1, 0, 0, 0, ...line]);
    expect(errorOf(() => fromWkb(multi)).message).toMatch(/Point inside a MultiPoint/);
    let g: Geometry = { type: 'Point', coordinates: [0, 0] };
    for (let i = 0; i < 40; i++) g = { type: 'GeometryCollection', geometries: [g] };
    expect(errorOf(() => toWkb(g)).code).toBe('invalid-geometry');
    expect(
      errorOf(() =>
        fromWkt(
          toWkt({ type: 'GeometryCollection', geometries: [] }).replace(
            'EMPTY',
            `(${'GEOMETRYCOLLECTION ('.repeat(40)}POINT (1 2)${')'.repeat(40)})`,
          ),
        ),
      ).code,
    ).toBe('invalid-geometry');
  });

  it('refuses geometries that WKB cannot hold exactly: NaN, Infinity, strings, mixed dimensions', () => {
    expect(errorOf(() => toWkb({ type: 'Point', coordinates: [Number.NaN, 1] })).message).toMatch(/finite/);
    expect(errorOf(() => toWkb({ type: 'Point', coordinates: ['1', 2] as never })).message).toMatch(/a string \("1"\)/);
    expect(
      errorOf(() =>
        toWkb({
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1, 1],
          ],
        }),
      ).message,
    ).toMatch(/one dimension/);
    expect(errorOf(() => toWkb({ type: 'Circle' } as never)).message).toMatch(/geometry type/);
    expect(errorOf(() => toWkb(null as never)).code).toBe('invalid-geometry');
    expect(errorOf(() => toWkb({ type: 'Point', coordinates: [0, 0] }, null as never)).argument).toBe('options');
    expect(errorOf(() => toWkb({ type: 'Point', coordinates: [0, 0] }, { srid: 1.5 })).argument).toBe('srid');
    expect(errorOf(() => toWkb({ type: 'Point', coordinates: [0, 0] }, { byteOrder: 'middle' as never })).argument).toBe(
      'byteOrder',
    );
  });

  it('refuses WKT that is not WKT, saying where', () => {
    expect(errorOf(() => fromWkt('POINT (1)')).message).toMatch(/character 8: expected a number/);
    expect(errorOf(() => fromWkt('CIRCLE (1 2)')).message).toMatch(/a geometry type/);
    expect(errorOf(() => fromWkt('POINT (1 2) extra')).message).toMatch(/the end of the text/);
    expect(errorOf(() => fromWkt('POINT (nan 2)')).message).toMatch(/a finite number/);
    expect(errorOf(() => fromWkt(7 as never)).code).toBe('invalid-type');
  });
});
