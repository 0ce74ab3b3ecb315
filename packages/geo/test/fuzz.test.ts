/**
 * Every runtime export of @ds/geo, @ds/geo/node and @ds/geo/notebook, called with a valid baseline
 * and then with one field at a time broken (docs/contributing.md, "Fuzz tests"): a GeoError naming
 * the field, or a result whose documented invariants hold (a FeatureCollection that passes
 * `validateGeoJSON`, finite numbers, bytes that start and end as their format says). Hostile
 * inputs written by hand (`extra`): 50,000-deep GeometryCollections, 20,000-deep arrays, a `.shp`
 * with a negative record length, a `.dbf` claiming 4,294,967,295 records, truncated GeoParquet,
 * FlatGeobuf and WKB, lying `geo` metadata, huge class and step counts.
 */
import { Writable } from 'node:stream';
import { finiteDeep } from '@ds/testkit/arbitraries';
import { describeFuzz, type FuzzTable, type KnownGap } from '@ds/testkit/vitest';
import { beforeAll } from 'vitest';
import * as main from '../src/index.js';
import { type GeoCollection, GeoError, joinCheck, startGeometryEngine, validateGeoJSON } from '../src/index.js';
import * as node from '../src/node.js';
import * as notebook from '../src/notebook.js';
import { hostile } from './fuzz-inputs.js';

beforeAll(async () => {
  await startGeometryEngine();
}, 60_000);

// ---- Baselines -------------------------------------------------------------------------------

const square = (x: number, props: Record<string, unknown>) => ({
  type: 'Feature' as const,
  properties: props,
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, 0],
        [x + 1, 0],
        [x + 1, 1],
        [x, 1],
        [x, 0],
      ],
    ],
  },
});
const point = (x: number, y: number, props: Record<string, unknown>) => ({
  type: 'Feature' as const,
  properties: props,
  geometry: { type: 'Point' as const, coordinates: [x, y] },
});
const zones = () => ({ type: 'FeatureCollection', features: [square(0, { name: 'A', n: 3 }), square(1, { name: 'B', n: 7 })] });
const trees = () => ({
  type: 'FeatureCollection',
  features: [point(0.5, 0.5, { area: 'A' }), point(1.5, 0.5, { area: 'A' }), point(9, 0.5, { area: 'B' })],
});
const line = () => ({
  type: 'LineString',
  coordinates: [
    [0, 0],
    [1, 1],
  ],
});
const polygon = () => square(0, {}).geometry;

// ---- Invariants ------------------------------------------------------------------------------

/** A FeatureCollection that passes the package's own validation, numbers finite. */
function validCollection(r: unknown): boolean {
  const c = r as GeoCollection;
  if (c === null || typeof c !== 'object' || c.type !== 'FeatureCollection' || !Array.isArray(c.features)) return false;
  validateGeoJSON(c);
  return finiteDeep(c.features.map((f) => f.properties)) && (c.crs === undefined || typeof c.crs === 'string');
}
const finiteNumber = (r: unknown) => typeof r === 'number' && Number.isFinite(r) && r >= 0;
const text = (r: unknown) => typeof r === 'string' && r.length > 0 && !/undefined|NaN|\[object Object\]|function /.test(r);
/** Bytes that start (and for Parquet end) with their format's magic. */
const magic =
  (head: number[], tail: number[] = []) =>
  (r: unknown) =>
    r instanceof Uint8Array &&
    r.length >= head.length + tail.length &&
    head.every((b, i) => r[i] === b) &&
    tail.every((b, i) => r[r.length - tail.length + i] === b);
const PAR1 = [0x50, 0x41, 0x52, 0x31];
const FGB = [0x66, 0x67, 0x62, 0x03];
/** A geometry: the shape checks of validateGeoJSON, on a one-feature collection. */
const validGeometry = (g: unknown) =>
  validCollection({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: g }] });
/** A notebook display: every part a string, the text summary without NaN or undefined. */
/**
 * What the WKB and WKT codecs promise: a geometry of a known type whose coordinates are finite
 * numbers. They carry what the text or bytes say (a ring of 3 positions, an empty ring round-trip
 * as written), so ring closure is not theirs to check.
 */
const codecGeometry = (g: unknown) => {
  const type = (g as { type?: unknown }).type;
  return typeof type === 'string' && /^(Multi)?(Point|LineString|Polygon)$|^GeometryCollection$/.test(type) && finiteDeep(g);
};
const display = (d: unknown) => {
  const bundle = (d as { bundle?: Record<string, unknown> }).bundle;
  return (
    bundle !== undefined &&
    Object.values(bundle).every((v) => typeof v === 'string' && v.length > 0) &&
    text(bundle['text/plain'])
  );
};
/** A Leaflet page: its data block parses, with finite bounds and one entry per layer. */
const leafletPage = (r: unknown, args: unknown[]) => {
  if (typeof r !== 'string' || !r.startsWith('<!doctype html>') || !r.trimEnd().endsWith('</html>')) return false;
  const m = /<script type="application\/json" id="ds-map-data">(.*?)<\/script>/s.exec(r);
  if (m === null) return false;
  const spec = JSON.parse(m[1] as string) as { bounds: unknown[]; layers: unknown[] };
  const layers = (args[0] as { layers: unknown[] }).layers;
  return (
    spec.bounds.length === 4 &&
    spec.bounds.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    spec.layers.length === layers.length
  );
};

/** A node-postgres client that answers from memory: COPY accepts everything, a query returns `rows`. */
function fakeClient(rows: Record<string, unknown>[] = [], fields = [{ name: 'name' }, { name: 'geometry' }]) {
  return {
    query(q: unknown) {
      if (typeof q === 'object' && q !== null)
        return new Writable({
          write(_chunk, _encoding, done) {
            done();
          },
        });
      return Promise.resolve({ rows: rows.map((r) => ({ ...r })), fields });
    },
  };
}
// EWKB of POINT(1 2) with SRID 4326, as PostGIS returns it.
const EWKB_POINT = '0101000020E6100000000000000000F03F0000000000000040';

// Format bytes made once (each call gets a copy).
const parquet = await main.writeGeoParquet(trees() as GeoCollection);
const fgb = await main.writeFlatGeobuf(trees() as GeoCollection);
const shapefile = await main.writeShapefile(trees() as GeoCollection);
const wkb = main.toWkb({ type: 'Point', coordinates: [1, 2] });
const topology = () => ({
  type: 'Topology',
  objects: { dot: { type: 'Point', coordinates: [2.35, 48.86], properties: { name: 'Paris' } } },
  arcs: [],
});
const check = () => joinCheck(trees() as GeoCollection, zones() as GeoCollection, { claimed: 'area', label: 'name' });

// ---- The table -------------------------------------------------------------------------------

const mainTable: FuzzTable = {
  GeoError: {
    construct: true,
    params: ['code', 'argument', 'value', 'expected', 'message', 'options'],
    args: () => ['out-of-range', 'k', 0, 'a whole number ≥ 1'],
    invariant: (e) => e instanceof GeoError && e.message.length > 0,
  },
  sequentialSchemes: { value: (v) => Array.isArray(v) && v.length > 5 && v.every((s) => typeof s === 'string') },
  geometryEngineStarted: { params: [], args: () => [], invariant: (r) => r === true },
  startGeometryEngine: {
    params: [],
    args: () => [],
    invariant: (r) => typeof (r as { version?: unknown }).version === 'string',
    timeoutMs: 5_000,
  },
  buffer: {
    params: ['collection', 'metres', 'options'],
    args: () => [{ type: 'FeatureCollection', features: [point(-73.97, 40.78, {})] }, 100, { steps: 8 }],
    invariant: validCollection,
    extra: () => hostile.buffer(),
    timeoutMs: 1_000,
  },
  classify: {
    params: ['values', 'options'],
    args: () => [[1, 2, 3, 10, 11, 12, 30, 31], { scheme: 'natural-breaks', k: 3 }],
    invariant: (r) => finiteDeep((r as { breaks: unknown }).breaks) && (r as { classOf: unknown }).classOf instanceof Int32Array,
    extra: () => hostile.classify(),
    // Natural breaks on the 50,000 values of the extra case take ~100 ms on a quiet machine: room for a busy one.
    timeoutMs: 1_000,
  },
  colorScheme: { params: ['name', 'k'], args: () => ['blues', 3], invariant: colours, extra: () => hostile.colorScheme() },
  colourScheme: { params: ['name', 'k'], args: () => ['viridis', 4], invariant: colours, extra: () => hostile.colorScheme() },
  legend: {
    params: ['classification', 'options'],
    args: () => [main.classify([1, 2, 3, 4, 10, 20], { scheme: 'equal-interval', k: 2 }), { title: 'Trees', colors: 'greens' }],
    invariant: (r) => {
      const l = r as { items: { label: string; color: string; count: number }[] };
      return (
        Array.isArray(l.items) && l.items.length > 0 && l.items.every((i) => text(i.label) && /^#[0-9a-f]{6}$/.test(i.color))
      );
    },
    extra: () => hostile.legend(),
    // Breaks and counts must agree: a classification missing a break is answered naming the counts.
    names: { 'classification.breaks[0]': ['classification.counts'], 'classification.breaks': ['classification.counts'] },
  },
  crsDefinition: { params: ['crs'], args: () => ['EPSG:32633'], invariant: text },
  crsFromPrj: {
    params: ['wkt'],
    args: () => [
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
    ],
    invariant: text,
    extra: () => hostile.prj(),
  },
  normaliseCrs: { params: ['crs'], args: () => ['epsg:4326'], invariant: text, extra: () => hostile.crs() },
  registerCrs: {
    params: ['code', 'definition'],
    args: () => [
      'EPSG:2056',
      '+proj=somerc +lat_0=46.95 +lon_0=7.44 +k_0=1 +x_0=2600000 +y_0=1200000 +ellps=bessel +units=m +no_defs',
    ],
    invariant: (r) => r === undefined,
  },
  toCrs: {
    params: ['collection', 'crs'],
    args: () => [{ type: 'FeatureCollection', features: [point(15, 0, {})] }, 'EPSG:32633'],
    invariant: validCollection,
    extra: () => hostile.collection('collection'),
  },
  totalBounds: {
    params: ['collection'],
    args: () => [zones()],
    invariant: (r) => Array.isArray(r) && r.length === 4 && finiteDeep(r),
    extra: () => hostile.collection('collection'),
  },
  pointsFromCsv: {
    params: ['text', 'options'],
    args: () => ['name,lat,lon\n"Paris, FR",48.86,2.35\nOslo,59.91,10.75', { lat: 'lat', lon: 'lon' }],
    invariant: validCollection,
    extra: () => hostile.csv(),
    // CSV text without the named columns is answered naming the column option.
    names: { text: ['lat', 'lon'] },
  },
  readCsvPoints: {
    params: ['text', 'options'],
    args: () => ['lat,lon\n48.86,2.35', { lat: 'lat', lon: 'lon' }],
    invariant: validCollection,
    names: { text: ['lat', 'lon'] },
  },
  dissolve: {
    params: ['collection', 'options'],
    args: () => [zones(), { by: 'name', aggregate: { n: 'sum' } }],
    invariant: validCollection,
    extra: () => hostile.collection('collection'),
    timeoutMs: 1_000,
  },
  readFlatGeobuf: {
    params: ['bytes', 'options'],
    args: () => [fgb.slice(), { bbox: [0, 0, 10, 10] }],
    invariant: validCollection,
    extra: () => hostile.flatgeobuf(fgb),
    timeoutMs: 1_000,
  },
  writeFlatGeobuf: {
    params: ['collection', 'options'],
    args: () => [trees(), {}],
    invariant: magic(FGB),
    extra: () => hostile.collection('collection'),
    timeoutMs: 1_000,
  },
  readGeoParquet: {
    params: ['bytes', 'options'],
    args: () => [parquet.slice(), { bbox: [0, 0, 10, 10] }],
    invariant: validCollection,
    extra: () => hostile.geoparquet(parquet),
    timeoutMs: 1_000,
  },
  writeGeoParquet: {
    params: ['collection', 'options'],
    args: () => [trees(), { compression: 'zstd' }],
    invariant: magic(PAR1, PAR1),
    extra: () => hostile.collection('collection'),
    timeoutMs: 1_000,
  },
  shapefileFieldNames: {
    params: ['keys'],
    args: () => [['population_2020', 'population_2021', 'name']],
    invariant: (r) => Array.isArray(r) && r.every((k) => typeof k === 'string' && k.length > 0 && k.length <= 10),
  },
  writeShapefile: {
    params: ['collection', 'options'],
    args: () => [trees(), {}],
    invariant: (r) =>
      magic([0, 0, 0x27, 0x0a])((r as { shp?: unknown }).shp) && magic([0, 0, 0x27, 0x0a])((r as { shx?: unknown }).shx),
    extra: () => hostile.collection('collection'),
    timeoutMs: 1_000,
  },
  readShapefile: {
    params: ['input', 'options'],
    args: () => [{ shp: shapefile.shp.slice(), dbf: shapefile.dbf.slice(), prj: shapefile.prj }, {}],
    invariant: validCollection,
    extra: () => hostile.shapefile(shapefile),
    timeoutMs: 1_000,
  },
  readGeoJSON: {
    params: ['input', 'options'],
    args: () => [trees(), { crs: 'EPSG:4326' }],
    invariant: validCollection,
    extra: () => hostile.geojson('input'),
  },
  validateGeoJSON: {
    params: ['collection'],
    args: () => [trees()],
    invariant: validCollection,
    extra: () => hostile.collection('collection'),
  },
  writeGeoJSON: {
    params: ['collection', 'options'],
    args: () => [trees(), { space: 2 }],
    invariant: (r) => typeof r === 'string' && validCollection(main.readGeoJSON(r)),
    extra: () => hostile.collection('collection'),
  },
  fromWkb: { params: ['wkb'], args: () => [wkb.slice()], invariant: codecGeometry, extra: () => hostile.wkb(wkb) },
  wkbInfo: {
    params: ['wkb'],
    args: () => [wkb.slice()],
    invariant: (r) => typeof (r as { hasZ: unknown }).hasZ === 'boolean',
    extra: () => hostile.wkb(wkb),
  },
  toWkb: {
    params: ['geometry', 'options'],
    args: () => [polygon(), { srid: 4326 }],
    invariant: (r) => r instanceof Uint8Array && r.length > 9,
    extra: () => hostile.geometry('geometry'),
  },
  toWkt: {
    params: ['geometry', 'options'],
    args: () => [polygon(), { srid: 4326 }],
    invariant: text,
    extra: () => hostile.geometry('geometry'),
  },
  fromWkt: {
    params: ['wkt'],
    args: () => ['POLYGON ((0 0, 1 0, 1 1, 0 0))'],
    invariant: codecGeometry,
    extra: () => hostile.wkt(),
  },
  nearestJoin: {
    params: ['left', 'right', 'options'],
    args: () => [trees(), zones(), { maxDistance: 1e6, distanceCol: 'd' }],
    invariant: validCollection,
    extra: () => hostile.collection('left'),
    timeoutMs: 1_000,
  },
  pointsInPolygons: {
    params: ['points', 'polygons', 'options'],
    args: () => [{ x: new Float64Array([0.5, 1.5, 3]), y: new Float64Array([0.5, 0.5, 3]) }, zones(), { predicate: 'within' }],
    invariant: (r) => (r as { polygonOf?: unknown }).polygonOf instanceof Int32Array,
    // Columns of different lengths: the error names the second column.
    names: { 'points.x': ['points.y'] },
    extra: () => hostile.collection('polygons'),
  },
  spatialJoin: {
    params: ['left', 'right', 'options'],
    args: () => [trees(), zones(), { how: 'left', predicate: 'intersects' }],
    invariant: validCollection,
    extra: () => hostile.collection('left'),
    timeoutMs: 1_000,
  },
  joinCheck: {
    params: ['points', 'polygons', 'options'],
    args: () => [trees(), zones(), { claimed: 'area', label: 'name' }],
    invariant: (r) => {
      // The rate is NaN exactly when nothing was checked (documented: 0 of 0).
      const c = r as { checked: number; agreementRate: number; problems: unknown };
      const rateOk = c.checked === 0 ? Number.isNaN(c.agreementRate) : c.agreementRate >= 0 && c.agreementRate <= 1;
      return rateOk && validCollection(c.problems);
    },
    extra: () => hostile.collection('points'),
  },
  leafletMap: {
    params: ['options'],
    args: () => [{ title: 'Trees', layers: [{ type: 'choropleth', name: 'Zones', data: zones(), property: 'n', k: 2 }] }],
    invariant: leafletPage,
    extra: () => hostile.layers(),
    timeoutMs: 1_000,
  },
  svgMap: {
    params: ['options'],
    args: () => [
      { layers: [{ type: 'choropleth', name: 'Zones', data: zones(), property: 'n', k: 2 }], width: 200, height: 100 },
    ],
    invariant: (r) => typeof r === 'string' && r.startsWith('<svg') && !/NaN|undefined|Infinity/.test(r),
    extra: () => [...hostile.layers(), ['projection', '__proto__'], ['projection', 'toString']],
  },
  area: {
    params: ['input', 'options'],
    args: () => [polygon(), { crs: 'EPSG:4326' }],
    invariant: finiteNumber,
    extra: () => hostile.geometry('input'),
  },
  length: {
    params: ['input', 'options'],
    args: () => [line(), { crs: 'EPSG:4326' }],
    invariant: finiteNumber,
    extra: () => hostile.geometry('input'),
  },
  geodesicDistance: {
    params: ['p', 'q'],
    args: () => [
      [0, 0],
      [0, 1],
    ],
    invariant: finiteNumber,
  },
  clip: {
    params: ['collection', 'mask', 'options'],
    args: () => [zones(), [0, 0, 1.5, 1], {}],
    invariant: validCollection,
    extra: () => hostile.collection('collection'),
    timeoutMs: 1_000,
  },
  overlay: {
    params: ['a', 'b', 'how', 'options'],
    args: () => [zones(), { type: 'FeatureCollection', features: [square(0.5, { zone: 'Z' })] }, 'intersection', {}],
    invariant: validCollection,
    extra: () => hostile.collection('a'),
    timeoutMs: 1_000,
  },
  geoSql: {
    params: ['operation', 'options'],
    args: () => [
      'spatialJoin',
      { dialect: 'postgis', left: 'cities', right: 'countries', predicate: 'within', rightColumns: ['name'] },
    ],
    invariant: (r) => text((r as { sql: unknown }).sql) && Array.isArray((r as { params: unknown }).params),
    extra: () => [
      ['dialect', '__proto__'],
      ['dialect', 'constructor'],
      ['predicate', 'toString'],
    ],
  },
  fromTopoJSON: {
    params: ['topology', 'objectName', 'options'],
    args: () => [topology(), 'dot', {}],
    invariant: validCollection,
    extra: () => hostile.topojson(),
    // A topology without the named object is answered naming objectName.
    names: { 'topology.objects': ['objectName'], 'topology.objects.dot': ['objectName'] },
  },
  readTopoJSON: {
    params: ['topology', 'objectName', 'options'],
    args: () => [topology(), 'dot', {}],
    invariant: validCollection,
    names: { 'topology.objects': ['objectName'], 'topology.objects.dot': ['objectName'] },
  },
  splitAntimeridian: {
    params: ['geometry'],
    args: () => [
      {
        type: 'LineString',
        coordinates: [
          [170, 0],
          [-170, 10],
        ],
      },
    ],
    invariant: validGeometry,
    extra: () => hostile.geometry('geometry'),
  },
  isValid: {
    params: ['input', 'options'],
    args: () => [polygon(), { reason: true }],
    invariant: (r) => typeof r === 'boolean' || text(r),
    extra: () => hostile.geometry('input'),
  },
  makeValid: {
    params: ['collection'],
    args: () => [zones()],
    invariant: validCollection,
    extra: () => hostile.collection('collection'),
  },
};

function colours(r: unknown): boolean {
  return Array.isArray(r) && r.length > 0 && r.every((c) => typeof c === 'string' && /^#[0-9a-f]{6}$/.test(c));
}

const nodeTable: FuzzTable = {
  toPostgres: {
    params: ['client', 'collection', 'options'],
    args: () => [fakeClient(), trees(), { table: 'trees', ifExists: 'replace' }],
    invariant: (r, args) =>
      (r as { rows?: unknown }).rows === (args[1] as GeoCollection).features.length && (r as { srid?: unknown }).srid === 4326,
    skip: ['client.query'],
    extra: () => hostile.collection('collection'),
    timeoutMs: 1_000,
  },
  fromPostgres: {
    params: ['client', 'sql', 'params', 'options'],
    args: () => [
      fakeClient([{ name: 'a', geometry: EWKB_POINT }]),
      'SELECT name, geometry FROM t WHERE n = $1',
      [1],
      { maxRows: 10 },
    ],
    invariant: validCollection,
    skip: ['client.query'],
    extra: () => [
      ['client', fakeClient([{ name: 'a', geometry: 'zz' }])],
      ['client', fakeClient([{ name: 'a', geometry: '0101' }])],
      ['client', fakeClient([{ name: 'a', geometry: 5 }])],
      ['client', { query: () => Promise.resolve(null) }],
      ['client', { query: () => Promise.resolve({ rows: 'x' }) }],
      ['client', { query: () => Promise.resolve({ rows: [null] }) }],
      [
        'client',
        fakeClient(
          // A column named __proto__ (an own property, as JSON.parse makes it).
          [JSON.parse(`{"__proto__": "data", "geometry": "${EWKB_POINT}"}`)],
          [{ name: '__proto__' }, { name: 'geometry' }],
        ),
      ],
    ],
    timeoutMs: 1_000,
  },
};

const notebookTable: FuzzTable = {
  showMap: {
    params: ['options'],
    args: () => [{ layers: [{ type: 'circles', name: 'Stores', data: trees(), popup: ['area'] }], height: '300px' }],
    invariant: display,
    extra: () => hostile.layers(),
    timeoutMs: 1_000,
  },
  showSvgMap: {
    params: ['options'],
    args: () => [{ title: 'Square', layers: [{ type: 'features', name: 'Square', data: zones() }], width: 200, height: 100 }],
    invariant: display,
    extra: () => hostile.layers(),
  },
  showJoinCheck: {
    params: ['check', 'options'],
    args: () => [check(), { limit: 5 }],
    invariant: display,
  },
};

/** Failures that remain (each with its reason); this list must be empty. */
const knownGaps: KnownGap[] = [];

describeFuzz('@ds/geo', main as Record<string, unknown>, mainTable, { errorClass: GeoError, knownGaps });
describeFuzz('@ds/geo/node', node as Record<string, unknown>, nodeTable, { errorClass: GeoError, knownGaps });
describeFuzz('@ds/geo/notebook', notebook as Record<string, unknown>, notebookTable, { errorClass: GeoError, knownGaps });
