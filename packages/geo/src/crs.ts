import proj4 from 'proj4';
import { GeoError } from './errors.js';
import type { GeoCollection, Position } from './geojson.js';
import { collectionBbox, geometryBbox, mapPositions } from './geometry/positions.js';
import { checkCollectionInput } from './input.js';

/*
 * The EPSG definitions a user meets, as proj4 strings (parameters from the EPSG registry as
 * epsg.io prints them). Every UTM zone is generated: WGS 84 north 326zz and south 327zz, NAD83
 * 269zz (zones 1–23) and ETRS89 258zz (zones 28–38). A user adds more with `registerCrs`.
 */
const definitions = new Map<string, string>([
  ['EPSG:4326', '+proj=longlat +datum=WGS84 +no_defs'],
  ['EPSG:4269', '+proj=longlat +datum=NAD83 +no_defs'],
  ['EPSG:4258', '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs'],
  [
    'EPSG:3857',
    '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
  ],
  ['EPSG:3395', '+proj=merc +lon_0=0 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs'],
  ['EPSG:6933', '+proj=cea +lat_ts=30 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs'],
  ['EPSG:3035', '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs'],
  [
    'EPSG:27700',
    '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs',
  ],
  [
    'EPSG:2154',
    '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  ],
  [
    'EPSG:31287',
    '+proj=lcc +lat_0=47.5 +lon_0=13.3333333333333 +lat_1=49 +lat_2=46 +x_0=400000 +y_0=400000 +ellps=bessel +towgs84=577.326,90.129,463.919,5.137,1.474,5.297,2.4232 +units=m +no_defs',
  ],
  ['EPSG:5070', '+proj=aea +lat_0=23 +lon_0=-96 +lat_1=29.5 +lat_2=45.5 +x_0=0 +y_0=0 +datum=NAD83 +units=m +no_defs'],
  ['EPSG:2163', '+proj=laea +lat_0=45 +lon_0=-100 +x_0=0 +y_0=0 +a=6370997 +b=6370997 +units=m +no_defs'],
  // New York State Plane, NAD83, US survey feet: East, Central, West, Long Island (the NYC file)
  [
    'EPSG:2260',
    '+proj=tmerc +lat_0=38.8333333333333 +lon_0=-74.5 +k=0.9999 +x_0=150000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
  ],
  [
    'EPSG:2261',
    '+proj=tmerc +lat_0=40 +lon_0=-76.5833333333333 +k=0.9999375 +x_0=250000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
  ],
  [
    'EPSG:2262',
    '+proj=tmerc +lat_0=40 +lon_0=-78.5833333333333 +k=0.9999375 +x_0=350000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
  ],
  [
    'EPSG:2263',
    '+proj=lcc +lat_0=40.1666666666667 +lon_0=-74 +lat_1=41.0333333333333 +lat_2=40.6666666666667 +x_0=300000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
  ],
  // New York Long Island in metres, California zone 3 and 5 in US feet, Washington North
  [
    'EPSG:32118',
    '+proj=lcc +lat_0=40.1666666666667 +lon_0=-74 +lat_1=41.0333333333333 +lat_2=40.6666666666667 +x_0=300000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
  ],
  [
    'EPSG:2227',
    '+proj=lcc +lat_0=36.5 +lon_0=-120.5 +lat_1=38.4333333333333 +lat_2=37.0666666666667 +x_0=2000000.0001016 +y_0=500000.0001016 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
  ],
  [
    'EPSG:2229',
    '+proj=lcc +lat_0=33.5 +lon_0=-118 +lat_1=35.4666666666667 +lat_2=34.0333333333333 +x_0=2000000.0001016 +y_0=500000.0001016 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
  ],
  [
    'EPSG:2285',
    '+proj=lcc +lat_0=47 +lon_0=-120.833333333333 +lat_1=48.7333333333333 +lat_2=47.5 +x_0=500000.0001016 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
  ],
]);
for (let zone = 1; zone <= 60; zone++) {
  const z = String(zone).padStart(2, '0');
  definitions.set(`EPSG:326${z}`, `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`);
  definitions.set(`EPSG:327${z}`, `+proj=utm +zone=${zone} +south +datum=WGS84 +units=m +no_defs`);
  if (zone <= 23) definitions.set(`EPSG:269${z}`, `+proj=utm +zone=${zone} +datum=NAD83 +units=m +no_defs`);
  if (zone >= 28 && zone <= 38)
    definitions.set(`EPSG:258${z}`, `+proj=utm +zone=${zone} +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`);
}

/** Names ESRI writes in a .prj (PROJCS/GEOGCS) for the codes above. */
const esriNames = new Map<string, string>([
  ['GCS_WGS_1984', 'EPSG:4326'],
  ['WGS 84', 'EPSG:4326'],
  ['GCS_North_American_1983', 'EPSG:4269'],
  ['NAD83', 'EPSG:4269'],
  ['GCS_ETRS_1989', 'EPSG:4258'],
  ['WGS_1984_Web_Mercator_Auxiliary_Sphere', 'EPSG:3857'],
  ['WGS 84 / Pseudo-Mercator', 'EPSG:3857'],
  ['British_National_Grid', 'EPSG:27700'],
  ['RGF_1993_Lambert_93', 'EPSG:2154'],
  ['NAD_1983_StatePlane_New_York_East_FIPS_3101_Feet', 'EPSG:2260'],
  ['NAD_1983_StatePlane_New_York_Central_FIPS_3102_Feet', 'EPSG:2261'],
  ['NAD_1983_StatePlane_New_York_West_FIPS_3103_Feet', 'EPSG:2262'],
  ['NAD_1983_StatePlane_New_York_Long_Island_FIPS_3104_Feet', 'EPSG:2263'],
  ['NAD83 / New York Long Island (ftUS)', 'EPSG:2263'],
  ['NAD_1983_StatePlane_New_York_Long_Island_FIPS_3104', 'EPSG:32118'],
  ['USA_Contiguous_Albers_Equal_Area_Conic_USGS_version', 'EPSG:5070'],
]);
for (let zone = 1; zone <= 60; zone++) {
  const z = String(zone).padStart(2, '0');
  esriNames.set(`WGS_1984_UTM_Zone_${zone}N`, `EPSG:326${z}`);
  esriNames.set(`WGS_1984_UTM_Zone_${zone}S`, `EPSG:327${z}`);
  esriNames.set(`WGS 84 / UTM zone ${zone}N`, `EPSG:326${z}`);
  esriNames.set(`WGS 84 / UTM zone ${zone}S`, `EPSG:327${z}`);
  if (zone <= 23) esriNames.set(`NAD_1983_UTM_Zone_${zone}N`, `EPSG:269${z}`);
  if (zone >= 28 && zone <= 38) esriNames.set(`ETRS_1989_UTM_Zone_${zone}N`, `EPSG:258${z}`);
}

const GEOGRAPHIC = 'EPSG:4326';

/**
 * Adds (or replaces) a CRS definition that `toCrs` and every CRS check then know by its code.
 *
 * @example
 * import { registerCrs, crsDefinition } from '@ds/geo';
 * registerCrs('EPSG:2056', '+proj=somerc +lat_0=46.9524055555556 +lon_0=7.43958333333333 +k_0=1 +x_0=2600000 +y_0=1200000 +ellps=bessel +towgs84=674.374,15.056,405.346,0,0,0,0 +units=m +no_defs');
 * crsDefinition('epsg:2056').startsWith('+proj=somerc'); // => true
 */
export function registerCrs(code: string, definition: string): void {
  checkCrsText('code', code);
  checkCrsText('definition', definition);
  const key = normaliseCode(code);
  if (!/^[A-Z]+:\S+$/.test(key)) throw new GeoError('invalid-type', 'code', code, "an 'AUTHORITY:code' such as 'EPSG:2056'");
  try {
    proj4(definition);
  } catch (error) {
    throw new GeoError(
      'unknown-crs',
      'definition',
      definition,
      `a proj string or WKT proj4 can read (${(error as Error).message})`,
    );
  }
  definitions.set(key, definition);
}

/**
 * The proj4 definition behind a CRS: a known code (`'EPSG:2263'`, case-insensitive), or the proj
 * string or WKT itself.
 *
 * @throws {GeoError} `unknown-crs` for a code that is neither built in nor registered
 *
 * @example
 * import { crsDefinition } from '@ds/geo';
 * crsDefinition('EPSG:32633'); // => '+proj=utm +zone=33 +datum=WGS84 +units=m +no_defs'
 */
export function crsDefinition(crs: string): string {
  checkCrsText('crs', crs);
  const key = normaliseCode(crs);
  const known = definitions.get(key);
  if (known !== undefined) return known;
  if (/^[A-Za-z]+:\d+$/.test(crs.trim())) {
    throw new GeoError('unknown-crs', 'crs', crs, 'a built-in or registered CRS (add it with registerCrs(code, proj4String))');
  }
  try {
    proj4(crs);
  } catch {
    throw new GeoError('unknown-crs', 'crs', crs, "an 'EPSG:xxxx' code, a proj string or WKT");
  }
  return crs;
}

/**
 * The CRS of a collection in its canonical form: `'EPSG:xxxx'` for a known code or a definition
 * that matches one, else the text as given. A collection without `crs` is `'EPSG:4326'`.
 *
 * @example
 * import { normaliseCrs } from '@ds/geo';
 * normaliseCrs('epsg:4326'); // => 'EPSG:4326'
 * normaliseCrs(undefined); // => 'EPSG:4326'
 * normaliseCrs('+proj=utm +zone=18 +datum=WGS84 +units=m +no_defs'); // => 'EPSG:32618'
 */
export function normaliseCrs(crs: string | undefined): string {
  if (crs === undefined || crs === '') return GEOGRAPHIC;
  checkCrsText('crs', crs);
  const key = normaliseCode(crs);
  if (definitions.has(key)) return key;
  const text = crs.trim();
  if (text.startsWith('+')) {
    const squeezed = text.split(/\s+/).sort().join(' ');
    for (const [code, def] of definitions) if (def.split(/\s+/).sort().join(' ') === squeezed) return code;
  }
  if (/^(GEOGCS|PROJCS|GEOGCRS|PROJCRS)\[/i.test(text)) {
    try {
      return crsFromPrj(text);
    } catch (error) {
      if (!(error instanceof GeoError)) throw error;
      throw new GeoError(error.code, 'crs', crs, error.expected, undefined, { cause: error });
    }
  }
  return text;
}

/**
 * The CRS a shapefile's .prj (ESRI WKT) names: `'EPSG:xxxx'` when its `AUTHORITY` or its name
 * matches a known definition, else the WKT itself (which `toCrs` can still use through proj4).
 *
 * @example
 * import { crsFromPrj } from '@ds/geo';
 * crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'); // => 'EPSG:4326'
 */
export function crsFromPrj(wkt: string): string {
  checkCrsText('wkt', wkt);
  const text = wkt.trim();
  const authority = /AUTHORITY\["EPSG",\s*"?(\d+)"?\]\s*\]\s*$/i.exec(text) ?? /ID\["EPSG",\s*(\d+)\]\s*\]\s*$/i.exec(text);
  if (authority) return `EPSG:${authority[1]}`;
  const name = /^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\["([^"]+)"/i.exec(text);
  if (name) {
    const code = esriNames.get(name[1] as string);
    if (code !== undefined) return code;
  }
  // Not a known name: the WKT itself, which must be one proj4 can use (with finite parameters).
  try {
    if (/\b(NaN|Infinity)\b/i.test(text)) throw new Error('a parameter is not a finite number');
    proj4(text);
  } catch (error) {
    throw new GeoError('unknown-crs', 'wkt', wkt, 'ESRI WKT that names a known CRS or that proj4 can read', undefined, {
      cause: error,
    });
  }
  return text;
}

/** True when the CRS has longitude/latitude coordinates in degrees. */
export function isGeographic(crs: string | undefined): boolean {
  const c = normaliseCrs(crs);
  if (c === GEOGRAPHIC) return true;
  const def = crsDefinition(c);
  if (def.includes('+proj=longlat')) return true;
  if (/^\s*(GEOGCS|GEOGCRS)\[/i.test(def)) return true;
  return false;
}

/**
 * Refuses two collections whose CRSs differ after normalising (operations on two collections
 * call it).
 */
export function assertSameCrs(left: GeoCollection, right: GeoCollection, operation: string): string {
  const a = normaliseCrs(left.crs);
  const b = normaliseCrs(right.crs);
  if (a !== b) {
    throw new GeoError(
      'crs-mismatch',
      'right.crs',
      b,
      `the left CRS ${a} (reproject one side with toCrs first)`,
      `${operation}: the collections are in different CRSs (left ${a}, right ${b}); reproject one with toCrs first`,
    );
  }
  return a;
}

/** Options of {@link toCrs}. */
export interface ToCrsOptions {
  /** Recompute `bbox` on the collection and on every feature (default true). */
  bbox?: boolean;
}

/**
 * Reprojects every coordinate of a collection with proj4 (GeoPandas' `to_crs`) and returns a new
 * collection in the target CRS with its bounding boxes recomputed. The source CRS is the
 * collection's `crs` (`'EPSG:4326'` when absent).
 *
 * @throws {GeoError} `unknown-crs` for a CRS that is neither built in, registered nor a proj string
 *
 * @example
 * import { toCrs } from '@ds/geo';
 * const places = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [15, 0] } }] };
 * const utm = toCrs(places, 'EPSG:32633');
 * utm.crs; // => 'EPSG:32633'
 * utm.features[0].geometry.coordinates; // => [500000, 0]
 */
export function toCrs<C extends GeoCollection>(collection: C, crs: string): C {
  checkCollectionInput(collection, 'collection');
  checkCrsText('crs', crs);
  const from = normaliseCrs(collection.crs);
  const to = normaliseCrs(crs);
  let converter: proj4.Converter;
  try {
    converter = proj4(crsDefinition(from), crsDefinition(to));
  } catch (error) {
    if (error instanceof GeoError) throw error;
    throw new GeoError('unknown-crs', 'crs', crs, `a CRS proj4 can convert ${from} to`, undefined, { cause: error });
  }
  const project = (p: Position, where: string): Position => {
    let q: number[];
    try {
      q = converter.forward([p[0] as number, p[1] as number]);
    } catch (error) {
      throw new GeoError('out-of-range', where, p, `a position that ${to} can represent`, undefined, { cause: error });
    }
    if (!Number.isFinite(q[0]) || !Number.isFinite(q[1])) {
      throw new GeoError('out-of-range', where, p, `a position that ${to} can represent`);
    }
    return p.length > 2 ? [q[0] as number, q[1] as number, ...p.slice(2)] : [q[0] as number, q[1] as number];
  };
  const features = collection.features.map((f, i) => {
    if (f.geometry === null) return { ...f };
    const geometry = mapPositions(f.geometry, (p) => project(p, `features[${i}]`));
    const out = { ...f, geometry };
    out.bbox = geometryBbox(geometry);
    return out;
  });
  const result = { ...collection, features, crs: to } as C;
  result.bbox = collectionBbox(features);
  return result;
}

/** Longest CRS text accepted (a WKT2 definition runs to a few thousand characters). */
const MAX_CRS_CHARS = 100_000;

/** A CRS argument: a string (proj4 and the lookups below expect one), not absurdly long. */
function checkCrsText(argument: string, value: unknown): asserts value is string {
  if (typeof value !== 'string')
    throw new GeoError('invalid-type', argument, value, "a CRS string ('EPSG:xxxx', a proj string or WKT)");
  if (value.trim() === '')
    throw new GeoError('out-of-range', argument, value, "a CRS string ('EPSG:xxxx', a proj string or WKT)");
  if (value.length > MAX_CRS_CHARS)
    throw new GeoError('too-large', argument, value, `a CRS string of at most ${MAX_CRS_CHARS} characters`);
}

function normaliseCode(code: string): string {
  const t = code.trim();
  return /^[A-Za-z]+:[\w.]+$/.test(t) ? t.toUpperCase() : t;
}
