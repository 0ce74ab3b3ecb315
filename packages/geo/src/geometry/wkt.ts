import { GeoError } from '../errors.js';
import type { Geometry, Position } from '../geojson.js';
import { checkOptions, dimensionOf, MAX_WKB_DEPTH } from './wkb.js';

/**
 * Well-known text (OGC Simple Features 1.2.1 §7, ISO 19125-1) and PostGIS' EWKT (`SRID=4326;…`).
 * Numbers are written in JavaScript's shortest round-trip form, so `fromWkt(toWkt(g))` gives back
 * the same doubles; Z is written as `POINT Z (…)`, a fourth ordinate as `ZM`.
 */

const NAMES: Record<Geometry['type'], string> = {
  Point: 'POINT',
  LineString: 'LINESTRING',
  Polygon: 'POLYGON',
  MultiPoint: 'MULTIPOINT',
  MultiLineString: 'MULTILINESTRING',
  MultiPolygon: 'MULTIPOLYGON',
  GeometryCollection: 'GEOMETRYCOLLECTION',
};
const TYPES = new Map(Object.entries(NAMES).map(([k, v]) => [v, k as Geometry['type']]));

export interface ToWktOptions {
  /** Writes EWKT, `SRID=<srid>;` before the geometry, as PostGIS' `ST_AsEWKT`. */
  srid?: number;
}

/**
 * Writes a GeoJSON geometry as WKT, with every coordinate in its shortest exact form.
 *
 * @throws {GeoError} `invalid-geometry` for a geometry that is not GeoJSON or has non-finite coordinates
 *
 * @example
 * import { toWkt } from '@ds/geo';
 * toWkt({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }); // => 'POLYGON ((0 0, 1 0, 1 1, 0 0))'
 * toWkt({ type: 'Point', coordinates: [1.5, 2, 3] }); // => 'POINT Z (1.5 2 3)'
 * toWkt({ type: 'MultiPoint', coordinates: [] }, { srid: 4326 }); // => 'SRID=4326;MULTIPOINT EMPTY'
 */
export function toWkt(geometry: Geometry, options: ToWktOptions = {}): string {
  checkOptions(options, 'options');
  const { srid } = options;
  if (srid !== undefined && !(Number.isInteger(srid) && srid >= 0))
    throw new GeoError('invalid-type', 'srid', srid, 'a whole number ≥ 0');
  const dim = dimensionOf(geometry, 'geometry');
  const tag = dim === 3 ? ' Z' : dim === 4 ? ' ZM' : '';
  const prefix = srid === undefined ? '' : `SRID=${srid};`;
  return prefix + write(geometry, tag);
}

function write(g: Geometry, tag: string): string {
  // -0 keeps its sign, so the round trip gives back the same bits.
  const position = (p: Position) => p.map((c) => (Object.is(c, -0) ? '-0' : String(c))).join(' ');
  // An empty member of a multi-geometry (or an empty ring) is written EMPTY, as PostGIS does.
  const line = (ps: Position[]) => (ps.length === 0 ? 'EMPTY' : `(${ps.map(position).join(', ')})`);
  const polygon = (rings: Position[][]) => (rings.length === 0 ? 'EMPTY' : `(${rings.map(line).join(', ')})`);
  const body = (parts: string[]) => (parts.length === 0 ? ' EMPTY' : `${tag} (${parts.join(', ')})`);
  const name = NAMES[g.type];
  switch (g.type) {
    case 'Point':
      return g.coordinates.length === 0 ? `${name} EMPTY` : `${name}${tag} (${position(g.coordinates)})`;
    case 'LineString':
      return name + body(g.coordinates.map(position));
    case 'Polygon':
      return name + body(g.coordinates.map(line));
    case 'MultiPoint':
      return name + body(g.coordinates.map((p) => `(${position(p)})`));
    case 'MultiLineString':
      return name + body(g.coordinates.map(line));
    case 'MultiPolygon':
      return name + body(g.coordinates.map(polygon));
    case 'GeometryCollection':
      return g.geometries.length === 0 ? `${name} EMPTY` : `${name}${tag} (${g.geometries.map((m) => write(m, tag)).join(', ')})`;
  }
}

/** The SRID of EWKT, when given, beside the geometry. */
export interface WktInfo {
  srid?: number;
}

/**
 * Reads WKT or EWKT into a GeoJSON geometry. Keywords are case-insensitive; `Z`, `M` and `ZM`
 * are understood (M without Z is dropped, GeoJSON has no place for it); `MULTIPOINT (1 2, 3 4)`
 * and `MULTIPOINT ((1 2), (3 4))` are both read.
 *
 * @throws {GeoError} `invalid-geometry` naming the position in the text where it stopped making sense
 *
 * @example
 * import { fromWkt } from '@ds/geo';
 * fromWkt('POINT (30 10)'); // => { type: 'Point', coordinates: [30, 10] }
 * fromWkt('SRID=4326;linestring z (0 0 1, 1 1 2)'); // => { type: 'LineString', coordinates: [[0, 0, 1], [1, 1, 2]] }
 * fromWkt('MULTIPOINT (1 2, 3 4)').coordinates; // => [[1, 2], [3, 4]]
 */
export function fromWkt(wkt: string): Geometry {
  return readWkt(wkt).geometry;
}

/** @internal The geometry and its EWKT SRID. */
export function readWkt(wkt: string): { geometry: Geometry } & WktInfo {
  if (typeof wkt !== 'string') throw new GeoError('invalid-type', 'wkt', wkt, 'WKT text');
  const p = new Parser(wkt);
  let srid: number | undefined;
  const m = /^\s*SRID=(\d+);/i.exec(wkt);
  if (m) {
    srid = Number(m[1]);
    p.at = m[0].length;
  }
  const geometry = p.geometry(0);
  p.space();
  if (p.at !== wkt.length) p.fail('the end of the text');
  return srid === undefined ? { geometry } : { geometry, srid };
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf(?:inity)?|nan)/iy;
const WORD = /[A-Za-z]+/y;

class Parser {
  at = 0;
  constructor(readonly text: string) {}

  fail(expected: string): never {
    const near = this.text.slice(this.at, this.at + 20);
    throw new GeoError(
      'invalid-geometry',
      'wkt',
      this.text,
      expected,
      `wkt is not valid at character ${this.at}: expected ${expected}, found ${near === '' ? 'the end' : `'${near}'`}`,
    );
  }
  space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] as string)) this.at++;
  }
  peek(c: string): boolean {
    this.space();
    return this.text[this.at] === c;
  }
  eat(c: string): void {
    if (!this.peek(c)) this.fail(`'${c}'`);
    this.at++;
  }
  word(): string | undefined {
    this.space();
    WORD.lastIndex = this.at;
    const m = WORD.exec(this.text);
    if (!m) return undefined;
    this.at = WORD.lastIndex;
    return m[0].toUpperCase();
  }
  number(): number {
    this.space();
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail('a number');
    const v = Number(m[0]);
    if (!Number.isFinite(v)) this.fail('a finite number');
    this.at = NUMBER.lastIndex;
    return v;
  }

  geometry(depth: number): Geometry {
    if (depth > MAX_WKB_DEPTH) this.fail(`collections nested at most ${MAX_WKB_DEPTH} deep`);
    const start = this.at;
    let name = this.word();
    let dims = '';
    // POINTZ, POINTZM, POINTM (no space) as some writers print them
    const glued = name ? /^(.*?)(ZM|Z|M)$/.exec(name) : null;
    if (name && !TYPES.has(name) && glued && TYPES.has(glued[1] as string)) {
      name = glued[1];
      dims = glued[2] as string;
    }
    const type = name === undefined ? undefined : TYPES.get(name);
    if (type === undefined) {
      this.at = start;
      this.fail('a geometry type (POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION)');
    }
    const save = this.at;
    const tag = this.word();
    if (tag === 'Z' || tag === 'M' || tag === 'ZM') dims = tag;
    else if (tag === 'EMPTY') this.at = save;
    else if (tag !== undefined) {
      this.at = save;
      this.fail("'Z', 'M', 'ZM', 'EMPTY' or '('");
    }
    const stride = dims === 'ZM' ? 4 : dims === '' ? 0 : 3;
    const keep = dims === 'M' ? 2 : 0;
    const save2 = this.at;
    if (this.word() === 'EMPTY') return empty(type);
    this.at = save2;
    const position = (): Position => {
      const p: Position = [this.number(), this.number()];
      const n = stride === 0 ? (this.peek(',') || this.peek(')') ? 2 : 3) : stride;
      while (p.length < n) p.push(this.number());
      if (stride === 0 && p.length === 3 && !this.peek(',') && !this.peek(')')) p.push(this.number());
      return keep === 2 ? p.slice(0, 2) : p;
    };
    const list = <T>(item: () => T): T[] => {
      this.eat('(');
      const out = [item()];
      while (this.peek(',')) {
        this.at++;
        out.push(item());
      }
      this.eat(')');
      return out;
    };
    const emptyOr = <T>(item: () => T): T | undefined => {
      const s = this.at;
      if (this.word() === 'EMPTY') return undefined;
      this.at = s;
      return item();
    };
    const line = () => list(position);
    const ring = () => emptyOr(line) ?? [];
    const polygon = () => list(ring);
    switch (type) {
      case 'Point': {
        this.eat('(');
        const p = position();
        this.eat(')');
        return { type, coordinates: p };
      }
      case 'LineString':
        return { type, coordinates: line() };
      case 'Polygon':
        return { type, coordinates: polygon() };
      case 'MultiPoint':
        return {
          type,
          coordinates: list(() => {
            if (this.peek('(')) {
              this.at++;
              const p = position();
              this.eat(')');
              return p;
            }
            return emptyOr(position);
          }).filter((p): p is Position => p !== undefined),
        };
      case 'MultiLineString':
        return { type, coordinates: list(() => emptyOr(line) ?? []) };
      case 'MultiPolygon':
        return { type, coordinates: list(() => emptyOr(polygon) ?? []) };
      default:
        return { type: 'GeometryCollection', geometries: list(() => this.geometry(depth + 1)) };
    }
  }
}

function empty(type: Geometry['type']): Geometry {
  return type === 'GeometryCollection' ? { type, geometries: [] } : ({ type, coordinates: [] } as Geometry);
}
