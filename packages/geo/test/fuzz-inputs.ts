// Hostile inputs for geo's fuzz table (test/fuzz.test.ts): hand-written `[path, value]` cases
// that the harness's generic values cannot reach (deep nesting, lying headers, truncated files).
// Not a test file.

type Case = [string, unknown];

/** A GeometryCollection nested `depth` deep around a point (built iteratively). */
export function deepCollection(depth: number): unknown {
  let g: unknown = { type: 'Point', coordinates: [0, 0] };
  for (let i = 0; i < depth; i++) g = { type: 'GeometryCollection', geometries: [g] };
  return g;
}

/** An array nested `depth` deep around a position. */
export function deepArray(depth: number): unknown {
  let a: unknown = [0, 0];
  for (let i = 0; i < depth; i++) a = [a];
  return a;
}

const ring = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 0],
];
const feature = (geometry: unknown, properties: unknown = {}) => ({ type: 'Feature', properties, geometry });
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

/** Geometries no function may accept silently. */
function geometries(): unknown[] {
  return [
    deepCollection(50_000),
    { type: 'Polygon', coordinates: deepArray(20_000) },
    { type: 'MultiPolygon', coordinates: deepArray(20_000) },
    { type: 'Point', coordinates: [Number.NaN, 0] },
    { type: 'Point', coordinates: [0, Number.POSITIVE_INFINITY] },
    {
      type: 'LineString',
      coordinates: [
        [0, 0],
        [Number.NaN, 1],
      ],
    },
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, Number.NaN],
          [1, 1],
          [0, 0],
        ],
      ],
    },
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    },
    { type: 'Polygon', coordinates: [] },
    { type: 'Polygon', coordinates: [[]] },
    { type: 'LineString', coordinates: [] },
    { type: 'LineString', coordinates: [[0, 0]] },
    { type: 'MultiPoint', coordinates: [[0]] },
    { type: 'GeometryCollection', geometries: null },
    { type: 'GeometryCollection', geometries: [null] },
    { type: 'GeometryCollection', geometries: [] },
    { type: 'Polygon', coordinates: [ring.map((p) => Object.assign(Object.create(null), p))] },
    { type: 'Point', coordinates: ['0', '1'] },
    { type: 'Point', coordinates: [1e308, 1e308] },
    { type: 'Point', coordinates: [0, 1e-320] },
    { type: '__proto__', coordinates: [0, 0] },
    { type: 'constructor', coordinates: [0, 0] },
    { type: 'Circle', coordinates: [0, 0] },
  ];
}

export const hostile = {
  /** Bad geometries put in place of the argument `path`. */
  geometry(path: string): Case[] {
    return geometries().map((g) => [path, g]);
  },

  /** Bad collections put in place of the argument `path`. */
  collection(path: string): Case[] {
    return [
      ...geometries().map((g): Case => [path, fc(feature(g, { n: 1 }))]),
      [path, fc()],
      [path, fc(null)],
      [path, fc(feature(undefined))],
      [path, fc({ type: 'Feature', properties: 5, geometry: { type: 'Point', coordinates: [0, 0] } })],
      [path, { type: 'FeatureCollection', crs: 5, features: [feature({ type: 'Point', coordinates: [0, 0] })] }],
      [path, { type: 'FeatureCollection', crs: {}, features: [feature({ type: 'Point', coordinates: [0, 0] })] }],
      [path, { type: 'FeatureCollection', crs: '__proto__', features: [feature({ type: 'Point', coordinates: [0, 0] })] }],
      [path, { type: 'FeatureCollection', crs: 'toString', features: [feature({ type: 'Point', coordinates: [0, 0] })] }],
      [path, { type: 'FeatureCollection', crs: '+proj=nonsense', features: [feature({ type: 'Point', coordinates: [0, 0] })] }],
      [path, { type: 'FeatureCollection', crs: 'EPSG:99999999', features: [feature({ type: 'Point', coordinates: [0, 0] })] }],
      [path, { type: 'FeatureCollection', features: { length: 1, 0: feature(null) } }],
    ];
  },

  /** GeoJSON input in text and object form. */
  geojson(path: string): Case[] {
    return [
      ...hostile.collection(path),
      [path, JSON.stringify(deepCollection(2_000))],
      [path, `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
      [
        path,
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"__proto__":{"polluted":1}},"geometry":null}]}',
      ],
      [
        path,
        '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::99999"}},"features":[]}',
      ],
    ];
  },

  buffer(): Case[] {
    return [
      ['steps', 1e9],
      ['steps', 2 ** 31],
      ['steps', 1.5],
      ['metres', 1e308],
      ['metres', -1e308],
      // Buffers that reach past ±180°: the result must still be valid GeoJSON (split, in range).
      ['collection', fc(feature({ type: 'Point', coordinates: [179.9995, -21] }))],
      ['collection', fc(feature({ type: 'Point', coordinates: [-179.9995, 40] }))],
      [
        'collection',
        fc(
          feature({
            type: 'LineString',
            coordinates: [
              [179.9, 0],
              [180, 0.5],
            ],
          }),
        ),
      ],
      ...hostile.collection('collection'),
    ];
  },

  classify(): Case[] {
    const many = Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 10_007);
    return [
      ['k', 1e9],
      ['k', 1001],
      ['values', many],
      ['values', [1, Number.NaN, 3]],
      ['values', [1e308, -1e308, 0]],
      ['values', new Float64Array([1, 2, Number.POSITIVE_INFINITY])],
      ['values', { length: 1e9 }],
      ['values', { length: -1 }],
      ['scheme', '__proto__'],
      ['scheme', 'constructor'],
    ];
  },

  colorScheme(): Case[] {
    return [
      ['k', 2e7],
      ['k', 1e9],
      ['name', '__proto__'],
      ['name', 'constructor'],
      ['name', 'toString'],
      ['name', 'hasOwnProperty'],
    ];
  },

  legend(): Case[] {
    return [
      ['classification', { breaks: [Number.NaN, 2], classOf: new Int32Array([0]), counts: [1, 0], min: 0, max: 2 }],
      ['classification', { breaks: [1, 2], classOf: new Int32Array([0]), counts: [1], min: 0, max: 2 }],
      ['classification', { breaks: [], classOf: new Int32Array(0), counts: [], min: 0, max: 0 }],
      ['classification', { breaks: new Array(1e6).fill(1), classOf: new Int32Array(0), counts: [], min: 0, max: 1 }],
      ['colors', '__proto__'],
      ['colors', 'constructor'],
      ['colours', 'constructor'],
      ['format', () => Number.NaN],
      ['format', () => 5],
      [
        'format',
        () => {
          throw new Error('boom');
        },
      ],
    ];
  },

  prj(): Case[] {
    return [
      ['wkt', 'PROJCS['],
      ['wkt', 'GEOGCS["x",DATUM["y",SPHEROID["z",NaN,NaN]]]'],
      ['wkt', `${'PROJCS["a",'.repeat(20_000)}`],
      ['wkt', 'PROJCS["x",GEOGCS["y"],PROJECTION["Nonsense_Projection"],UNIT["Meter",1]]'],
      ['wkt', '{}'],
    ];
  },

  crs(): Case[] {
    return [
      ['crs', '+proj=nonsense'],
      ['crs', '+proj=utm +zone=99'],
      ['crs', 'EPSG:99999999'],
      ['crs', 'EPSG:-1'],
      ['crs', 'urn:ogc:def:crs:EPSG::__proto__'],
      ['crs', 'EPSG:__proto__'],
    ];
  },

  csv(): Case[] {
    return [
      ['text', 'lat,lon\nNaN,2'],
      ['text', 'lat,lon\n1e999,2'],
      ['text', 'lat,lon\n"unterminated,2'],
      ['text', 'lat,lon\n'],
      ['text', 'lat,lon\n91,2'],
      ['text', '__proto__,lat,lon\n{},1,2'],
      ['text', 'lat,lat,lon\n1,2,3'],
      ['lat', '__proto__'],
      ['lon', 'constructor'],
      ['crs', 5],
      ['crs', '__proto__'],
    ];
  },

  topojson(): Case[] {
    const topo = (objects: unknown, arcs: unknown = [], extra: Record<string, unknown> = {}) => ({
      type: 'Topology',
      objects,
      arcs,
      ...extra,
    });
    return [
      ['topology', topo({ dot: { type: 'LineString', arcs: [5] } })],
      ['topology', topo({ dot: { type: 'LineString', arcs: [-7] } })],
      [
        'topology',
        topo({ dot: { type: 'Polygon', arcs: [[0]] } }, [
          [
            [0, 0],
            [Number.NaN, 1],
            [0, 0],
          ],
        ]),
      ],
      [
        'topology',
        topo({ dot: { type: 'Point', coordinates: [0, 0] } }, [], { transform: { scale: [Number.NaN, 1], translate: [0, 0] } }),
      ],
      ['topology', topo({ dot: { type: 'Point', coordinates: [0, 0] } }, [], { transform: { scale: 'x' } })],
      ['topology', topo({ dot: deepCollection(50_000) })],
      ['topology', topo({ dot: { type: 'GeometryCollection', geometries: null } })],
      ['topology', topo({ dot: { type: 'Point', coordinates: deepArray(20_000) } })],
      ['topology', topo({ dot: { type: 'Point', coordinates: [Number.NaN, 1] } })],
      ['topology', topo({ dot: { type: 'Polygon', arcs: 'x' } })],
      ['topology', topo({ dot: { type: 'Polygon', arcs: [[0]] } }, 'x')],
      ['topology', topo({ dot: { type: 'Polygon', arcs: [[0]] } }, [null])],
      ['topology', topo(null)],
      ['objectName', '__proto__'],
      ['objectName', 'constructor'],
      ['objectName', 'toString'],
    ];
  },

  layers(): Case[] {
    const bad = (layer: Record<string, unknown>): Case => ['layers', [layer]];
    const data = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { n: 1 }, geometry: { type: 'Point', coordinates: [0, 0] } }],
    };
    return [
      bad({ type: '__proto__', name: 'x', data }),
      bad({ type: 'constructor', name: 'x', data }),
      bad({ type: 'choropleth', name: 'x', data, property: '__proto__' }),
      bad({ type: 'choropleth', name: 'x', data, property: 'n', k: 1e9 }),
      bad({ type: 'choropleth', name: 'x', data, property: 'n', colours: 'constructor' }),
      bad({ type: 'choropleth', name: 'x', data, property: 'n', scheme: 'toString' }),
      bad({ type: 'circles', name: 'x', data, radius: Number.NaN }),
      bad({ type: 'circles', name: 'x', data, colourBy: { property: 'n', colours: null } }),
      bad({ type: 'circles', name: 'x', data, colourBy: { property: 'n', colours: Object.create(null) } }),
      bad({ type: 'features', name: 'x', data: { type: 'FeatureCollection', features: [] } }),
      bad({ type: 'features', name: 'x', data: { type: 'FeatureCollection', crs: 5, features: data.features } }),
      bad({
        type: 'features',
        name: 'x',
        data: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: deepCollection(50_000) }] },
      }),
      bad({
        type: 'features',
        name: 'x',
        data: {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [Number.NaN, 0] } }],
        },
      }),
      ['layers', new Array(100_000).fill({ type: 'features', name: 'x', data })],
    ];
  },

  shapefile(parts: { shp: Uint8Array; dbf: Uint8Array; prj?: Uint8Array | string }): Case[] {
    const tampered = (bytes: Uint8Array, at: number, value: number, littleEndian: boolean, bits = 32) => {
      const copy = bytes.slice();
      const view = new DataView(copy.buffer);
      if (bits === 32) view.setInt32(at, value, littleEndian);
      else view.setUint32(at, value, littleEndian);
      return copy;
    };
    const input = (shp: Uint8Array, dbf: Uint8Array = parts.dbf.slice()) => ({ shp, dbf, prj: parts.prj });
    return [
      // A record content length of −1 words, and of 2^30 words.
      ['input', input(tampered(parts.shp, 104, -1, false))],
      ['input', input(tampered(parts.shp, 104, 0, false))],
      ['input', input(tampered(parts.shp, 104, 2 ** 30, false))],
      // The file length in the header claims 2^31 − 1 words; the shape type is unknown.
      ['input', input(tampered(parts.shp, 24, 2 ** 31 - 1, false))],
      ['input', input(tampered(parts.shp, 32, 77, true))],
      ['input', input(tampered(parts.shp, 108, 77, true))],
      // The .dbf claims 4,294,967,295 records; its header length is 0; a field length is 0.
      ['input', input(parts.shp.slice(), tampered(parts.dbf, 4, 0xffffffff, true, 33))],
      ['input', input(parts.shp.slice(), tampered(parts.dbf, 8, 0, true))],
      // 4,294,967,295 records of 0 bytes each (a loop that would never end), and a field named __proto__.
      [
        'input',
        input(
          parts.shp.slice(),
          (() => {
            const d = tampered(parts.dbf, 4, 0xffffffff, true, 33);
            new DataView(d.buffer).setUint16(10, 0, true);
            return d;
          })(),
        ),
      ],
      [
        'input',
        input(
          parts.shp.slice(),
          (() => {
            const d = parts.dbf.slice();
            d.fill(0, 32, 43);
            d.set(new TextEncoder().encode('__proto__'), 32);
            return d;
          })(),
        ),
      ],
      [
        'input',
        input(
          parts.shp.slice(),
          (() => {
            const d = parts.dbf.slice();
            d[32 + 16] = 0;
            return d;
          })(),
        ),
      ],
      ['input', input(parts.shp.slice(0, 50))],
      ['input', input(parts.shp.slice(0, 110))],
      ['input', input(parts.shp.slice(0, parts.shp.length - 3))],
      ['input', input(parts.shp.slice(), parts.dbf.slice(0, 40))],
      ['input', input(parts.shp.slice(), parts.dbf.slice(0, parts.dbf.length - 5))],
      ['input', { shp: parts.shp.slice(), dbf: parts.dbf.slice(), prj: 'PROJCS[' }],
      ['input', { shp: parts.shp.slice(), dbf: parts.dbf.slice(), prj: 5 }],
      ['input', { shp: parts.shp.slice(), dbf: parts.dbf.slice(), cpg: '__proto__' }],
      ['input', { shp: parts.shp.slice(), dbf: parts.dbf.slice(), cpg: 'no-such-encoding' }],
      ['input', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])],
      ['input', new Uint8Array(0)],
    ];
  },

  geoparquet(bytes: Uint8Array): Case[] {
    const replaced = (from: string, to: string) => {
      const text = Buffer.from(bytes).toString('latin1');
      if (!text.includes(from) || from.length !== to.length) throw new Error(`cannot replace ${from}`);
      return new Uint8Array(Buffer.from(text.replace(from, to), 'latin1'));
    };
    return [
      ...[0, 4, 8, 12, bytes.length - 8, bytes.length - 1].map((n): Case => ['bytes', bytes.slice(0, n)]),
      ['bytes', bytes.slice(20)],
      ['bytes', new Uint8Array([0x50, 0x41, 0x52, 0x31, 0xff, 0xff, 0xff, 0x7f, 0x50, 0x41, 0x52, 0x31])],
      // Lying or malformed `geo` metadata, same length so the Parquet footer stays readable.
      ['bytes', replaced('"primary_column":"geometry"', '"primary_column":"geometrX"')],
      ['bytes', replaced('"encoding":"WKB"', '"encoding":"WKT"')],
      ['bytes', replaced('"columns":{', '"columnz":{')],
      ['bytes', replaced('{"version"', '["version"')],
      ['bytes', replaced('"version":"1.1.0"', '"version":1234567')],
      ['bytes', replaced('"geometry_types":[', '"geometry_types":{')],
      ['geometryColumn', '__proto__'],
      ['geometryColumn', 'area'],
      ['bbox', [10, 10, 0, 0]],
      ['bbox', [0, 0, Number.NaN, 1]],
    ];
  },

  flatgeobuf(bytes: Uint8Array): Case[] {
    const set = (at: number, value: number) => {
      const copy = bytes.slice();
      new DataView(copy.buffer).setUint32(at, value, true);
      return copy;
    };
    return [
      ...[0, 4, 8, 12, 40, bytes.length - 10, bytes.length - 1].map((n): Case => ['bytes', bytes.slice(0, n)]),
      ['bytes', set(8, 0xffffffff)],
      ['bytes', set(8, 0)],
      ['bytes', set(12, 0xffffffff)],
      ['bytes', set(bytes.length - 40, 0xffffffff)],
      ['bbox', [10, 10, 0, 0]],
      ['bbox', [0, 0, Number.NaN, 1]],
    ];
  },

  wkb(bytes: Uint8Array): Case[] {
    const nested = new Uint8Array(9 * 50_000 + 21);
    for (let i = 0; i < 50_000; i++) {
      nested[9 * i] = 1;
      nested.set([7, 0, 0, 0, 1, 0, 0, 0], 9 * i + 1);
    }
    nested.set(bytes, 9 * 50_000);
    return [
      ...[0, 1, 4, 5, 9, 12, bytes.length - 1].map((n): Case => ['wkb', bytes.slice(0, n)]),
      ['wkb', nested],
      // A LineString claiming 4,294,967,295 points, a polygon claiming 2^31 rings.
      ['wkb', new Uint8Array([1, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff])],
      ['wkb', new Uint8Array([1, 3, 0, 0, 0, 0, 0, 0, 0x80])],
      ['wkb', new Uint8Array([2, 1, 0, 0, 0])],
      ['wkb', new Uint8Array([1, 99, 0, 0, 0])],
      ['wkb', '0101000000'],
      ['wkb', 'zz01000000000000000000F03F0000000000000040'],
      ['wkb', '010'],
    ];
  },

  wkt(): Case[] {
    return [
      ['wkt', 'POINT (NaN 1)'],
      ['wkt', 'POINT (1e999 1)'],
      ['wkt', 'POINT ('],
      ['wkt', 'POLYGON ((0 0, 1 0, 1 1))'],
      ['wkt', `${'GEOMETRYCOLLECTION ('.repeat(50_000)}POINT (1 2)${')'.repeat(50_000)}`],
      ['wkt', `POLYGON ${'('.repeat(20_000)}0 0${')'.repeat(20_000)}`],
      ['wkt', 'SRID=abc;POINT (1 2)'],
      ['wkt', 'SRID=99999999999999999999;POINT (1 2)'],
      ['wkt', 'CIRCLE (1 2)'],
      ['wkt', 'POINT (1 2) trailing'],
    ];
  },
};
