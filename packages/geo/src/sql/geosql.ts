import { GeoError } from '../errors.js';
import type { Predicate } from '../predicates.js';

/**
 * The spatial operations of @ds/geo as one SQL statement for the databases a join moves to when
 * it outgrows one machine: PostGIS, BigQuery GIS, DuckDB's spatial extension and Apache Sedona
 * (Spark SQL). Table and column names are checked and quoted; values (distances) are bound as
 * parameters, never written into the text.
 */

/** The engines `geoSql` writes for. */
export type GeoSqlDialect = 'postgis' | 'bigquery' | 'duckdb' | 'sedona';
/** The operations `geoSql` writes. */
export type GeoSqlOperation = 'spatialJoin' | 'nearestJoin' | 'dissolve' | 'area' | 'length';
/** GeoPandas' `sjoin` predicates, as DE-9IM questions: the same as `spatialJoin`'s `predicate`. */
export type GeoSqlPredicate = Predicate;
/** Dissolve aggregations, as {@link dissolve} names them. */
export type GeoSqlAggregation = 'first' | 'last' | 'sum' | 'mean' | 'min' | 'max' | 'count' | 'list';

export interface GeoSqlOptions {
  dialect: GeoSqlDialect;
  /** The left table (spatialJoin, nearestJoin); may be qualified (`dataset.table`). */
  left?: string;
  /** The right table (spatialJoin, nearestJoin). */
  right?: string;
  /** The table (dissolve, area, length). */
  table?: string;
  /** Geometry column of `table` and of both sides unless `leftGeometry`/`rightGeometry` say otherwise. Default `'geometry'`. */
  geometry?: string;
  leftGeometry?: string;
  rightGeometry?: string;
  /** Left columns in the output. Default `['*']`: all of them. */
  leftColumns?: string[];
  /** Right columns in the output (a name both sides list gets GeoPandas' `_left`/`_right` suffix). Default none. */
  rightColumns?: string[];
  /** spatialJoin: default `'intersects'`. */
  predicate?: GeoSqlPredicate;
  /** spatialJoin: `'inner'` (default), `'left'` or `'right'`. */
  how?: 'inner' | 'left' | 'right';
  /** spatialJoin with `'dwithin'`: the distance (metres when geodesic, else CRS units). Bound as a parameter. */
  distance?: number;
  /** nearestJoin: only matches at most this far. Bound as a parameter. */
  maxDistance?: number;
  /** nearestJoin: the output column holding the distance. Default `'distance'`. */
  distanceColumn?: string;
  /** nearestJoin on BigQuery and Sedona: a unique column of `left` (their SQL has no LATERAL join). */
  leftKey?: string;
  /**
   * Distances, areas and lengths on the WGS 84 ellipsoid in metres (true, the default, for
   * longitude/latitude data), or planar in CRS units (false). BigQuery's GEOGRAPHY is always
   * geodesic (on a sphere); DuckDB's spheroid functions take points only for distances.
   */
  geodesic?: boolean;
  /** dissolve: the grouping column(s). */
  by?: string | string[];
  /** dissolve: column → aggregation. */
  aggregate?: Record<string, GeoSqlAggregation>;
  /** dissolve: the column ordering rows for `'first'`/`'last'` (SQL rows have no order of their own). */
  orderBy?: string;
  /** dissolve: drop rows whose key is NULL (default true, GeoPandas' `dropna`). */
  dropMissing?: boolean;
  /** area/length: the output column. Default `'area'` / `'length'`. */
  column?: string;
}

/** One statement and its parameters, with the choices it was written under. */
export interface GeoSql {
  sql: string;
  /** Values for the statement's placeholders, in order (`$1`… on PostGIS/DuckDB, `?` on BigQuery/Sedona). */
  params: unknown[];
  dialect: GeoSqlDialect;
  operation: GeoSqlOperation;
}

const DIALECTS: GeoSqlDialect[] = ['postgis', 'bigquery', 'duckdb', 'sedona'];
const OPERATIONS: GeoSqlOperation[] = ['spatialJoin', 'nearestJoin', 'dissolve', 'area', 'length'];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TABLE_PART = /^[A-Za-z_][A-Za-z0-9_-]*$/;

// Predicate functions per dialect; undefined where the engine has none (BigQuery has no crosses,
// overlaps or contains-properly). Sedona writes contains-properly as its DE-9IM pattern.
const PREDICATES: Record<GeoSqlDialect, Partial<Record<GeoSqlPredicate, (a: string, b: string) => string>>> = {
  postgis: {
    intersects: (a, b) => `ST_Intersects(${a}, ${b})`,
    within: (a, b) => `ST_Within(${a}, ${b})`,
    contains: (a, b) => `ST_Contains(${a}, ${b})`,
    touches: (a, b) => `ST_Touches(${a}, ${b})`,
    crosses: (a, b) => `ST_Crosses(${a}, ${b})`,
    overlaps: (a, b) => `ST_Overlaps(${a}, ${b})`,
    covers: (a, b) => `ST_Covers(${a}, ${b})`,
    covered_by: (a, b) => `ST_CoveredBy(${a}, ${b})`,
    contains_properly: (a, b) => `ST_ContainsProperly(${a}, ${b})`,
  },
  duckdb: {
    intersects: (a, b) => `ST_Intersects(${a}, ${b})`,
    within: (a, b) => `ST_Within(${a}, ${b})`,
    contains: (a, b) => `ST_Contains(${a}, ${b})`,
    touches: (a, b) => `ST_Touches(${a}, ${b})`,
    crosses: (a, b) => `ST_Crosses(${a}, ${b})`,
    overlaps: (a, b) => `ST_Overlaps(${a}, ${b})`,
    covers: (a, b) => `ST_Covers(${a}, ${b})`,
    covered_by: (a, b) => `ST_CoveredBy(${a}, ${b})`,
    contains_properly: (a, b) => `ST_ContainsProperly(${a}, ${b})`,
  },
  bigquery: {
    intersects: (a, b) => `ST_INTERSECTS(${a}, ${b})`,
    within: (a, b) => `ST_WITHIN(${a}, ${b})`,
    contains: (a, b) => `ST_CONTAINS(${a}, ${b})`,
    touches: (a, b) => `ST_TOUCHES(${a}, ${b})`,
    covers: (a, b) => `ST_COVERS(${a}, ${b})`,
    covered_by: (a, b) => `ST_COVEREDBY(${a}, ${b})`,
  },
  sedona: {
    intersects: (a, b) => `ST_Intersects(${a}, ${b})`,
    within: (a, b) => `ST_Within(${a}, ${b})`,
    contains: (a, b) => `ST_Contains(${a}, ${b})`,
    touches: (a, b) => `ST_Touches(${a}, ${b})`,
    crosses: (a, b) => `ST_Crosses(${a}, ${b})`,
    overlaps: (a, b) => `ST_Overlaps(${a}, ${b})`,
    covers: (a, b) => `ST_Covers(${a}, ${b})`,
    covered_by: (a, b) => `ST_CoveredBy(${a}, ${b})`,
    contains_properly: (a, b) => `ST_Relate(${a}, ${b}, 'T**FF*FF*')`,
  },
};

/**
 * SQL for a spatial join, nearest join, dissolve, area or length on PostGIS, BigQuery, DuckDB
 * (spatial extension) or Apache Sedona (Spark SQL), giving the rows the in-process functions
 * give: `spatialJoin` one row per pair that satisfies the predicate (unmatched rows kept by
 * `how`), `nearestJoin` every tied nearest right row with the distance, `dissolve` one row per
 * group sorted by key with the union of its geometries, `area`/`length` every row with the measure.
 *
 * @throws {GeoError} `invalid-type` for an unknown dialect, operation or aggregation, a name that
 * is not a plain identifier (letters, digits, `_`; tables may be `dataset.table`), a missing
 * table, a distance that is not a finite number ≥ 0; `out-of-range` for a predicate or measure
 * the dialect has no function for
 *
 * @example
 * import { geoSql } from '@ds/geo';
 * const q = geoSql('spatialJoin', { dialect: 'postgis', left: 'cities', right: 'countries', predicate: 'within', rightColumns: ['name'] });
 * q.sql; // => 'SELECT l.*, r."name" FROM "cities" AS l JOIN "countries" AS r ON ST_Within(l."geometry", r."geometry")'
 * geoSql('spatialJoin', { dialect: 'bigquery', left: 'geo.a', right: 'geo.b', predicate: 'dwithin', distance: 500 }).params; // => [500]
 */
export function geoSql(operation: GeoSqlOperation, options: GeoSqlOptions): GeoSql {
  if (!OPERATIONS.includes(operation))
    throw new GeoError('invalid-type', 'operation', operation, `one of ${OPERATIONS.map((o) => `'${o}'`).join(', ')}`);
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new GeoError('invalid-type', 'options', options, 'an options object { dialect, … }');
  const { dialect } = options;
  if (!DIALECTS.includes(dialect))
    throw new GeoError('invalid-type', 'dialect', dialect, "'postgis', 'bigquery', 'duckdb' or 'sedona'");
  const q = quoting(dialect);
  const params: unknown[] = [];
  const bind = (argument: string, value: unknown): string => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new GeoError(
        'invalid-type',
        argument,
        value,
        'a finite number ≥ 0',
        `${argument} must be a finite number ≥ 0, got ${typeof value === 'string' ? `'${value}' (a string)` : String(value)}`,
      );
    params.push(value);
    return dialect === 'postgis' || dialect === 'duckdb' ? `$${params.length}` : '?';
  };
  const geodesic = options.geodesic ?? true;
  if (typeof geodesic !== 'boolean') throw new GeoError('invalid-type', 'geodesic', geodesic, 'true or false');
  let sql: string;
  switch (operation) {
    case 'spatialJoin':
      sql = spatialJoin(options, q, bind, geodesic);
      break;
    case 'nearestJoin':
      sql = nearestJoin(options, q, bind, geodesic);
      break;
    case 'dissolve':
      sql = dissolve(options, q);
      break;
    default:
      sql = measure(operation, options, q, geodesic);
  }
  return { sql, params, dialect, operation };
}

interface Quoting {
  dialect: GeoSqlDialect;
  column: (argument: string, name: unknown) => string;
  table: (argument: string, name: unknown) => string;
}

function quoting(dialect: GeoSqlDialect): Quoting {
  const mark = dialect === 'bigquery' || dialect === 'sedona' ? '`' : '"';
  return {
    dialect,
    column: (argument, name) => {
      if (typeof name !== 'string' || !NAME.test(name))
        throw new GeoError('invalid-type', argument, name, 'a column name of letters, digits and _ (not starting with a digit)');
      return `${mark}${name}${mark}`;
    },
    table: (argument, name) => {
      if (name === undefined) throw new GeoError('invalid-type', argument, name, 'a table name');
      const parts = typeof name === 'string' ? name.split('.') : [];
      if (parts.length === 0 || parts.length > 3 || !parts.every((p) => TABLE_PART.test(p)))
        throw new GeoError('invalid-type', argument, name, 'a table name of letters, digits, _ and - (parts joined by .)');
      return parts.map((p) => `${mark}${p}${mark}`).join('.');
    },
  };
}

function columnList(argument: string, value: unknown, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new GeoError('invalid-type', argument, value, 'a list of column names');
  return value;
}

function selectList(options: GeoSqlOptions, q: Quoting): string[] {
  const left = columnList('leftColumns', options.leftColumns, ['*']);
  const right = columnList('rightColumns', options.rightColumns, []);
  const both = new Set(left.filter((c) => right.includes(c)));
  const out: string[] = [];
  for (const c of left) {
    if (c === '*') out.push('l.*');
    else
      out.push(
        both.has(c)
          ? `l.${q.column('leftColumns', c)} AS ${q.column('leftColumns', `${c}_left`)}`
          : `l.${q.column('leftColumns', c)}`,
      );
  }
  for (const c of right)
    out.push(
      both.has(c)
        ? `r.${q.column('rightColumns', c)} AS ${q.column('rightColumns', `${c}_right`)}`
        : `r.${q.column('rightColumns', c)}`,
    );
  return out;
}

function geometries(options: GeoSqlOptions, q: Quoting): { l: string; r: string } {
  const g = options.geometry ?? 'geometry';
  return {
    l: `l.${q.column('leftGeometry', options.leftGeometry ?? g)}`,
    r: `r.${q.column('rightGeometry', options.rightGeometry ?? g)}`,
  };
}

/** A distance between two geometries in the dialect, geodesic (metres on WGS 84) or planar. */
function distanceOf(dialect: GeoSqlDialect, a: string, b: string, geodesic: boolean): string {
  switch (dialect) {
    case 'postgis':
      return geodesic ? `ST_Distance(${a}::geography, ${b}::geography)` : `ST_Distance(${a}, ${b})`;
    case 'bigquery':
      if (!geodesic)
        throw new GeoError('out-of-range', 'geodesic', false, 'true on BigQuery (its GEOGRAPHY has no planar distance)');
      return `ST_DISTANCE(${a}, ${b})`;
    case 'duckdb':
      // DuckDB's spheroid functions read (lat, lon): flip GeoJSON's (lon, lat).
      return geodesic ? `ST_Distance_Spheroid(ST_FlipCoordinates(${a}), ST_FlipCoordinates(${b}))` : `ST_Distance(${a}, ${b})`;
    default:
      return geodesic ? `ST_DistanceSpheroid(${a}, ${b})` : `ST_Distance(${a}, ${b})`;
  }
}

function spatialJoin(options: GeoSqlOptions, q: Quoting, bind: (a: string, v: unknown) => string, geodesic: boolean): string {
  const left = q.table('left', options.left);
  const right = q.table('right', options.right);
  const predicate = options.predicate ?? 'intersects';
  if (typeof predicate !== 'string')
    throw new GeoError(
      'invalid-type',
      'predicate',
      predicate,
      `one of ${[...Object.keys(PREDICATES.postgis), 'dwithin'].join(', ')}`,
    );
  const how = options.how ?? 'inner';
  if (!['inner', 'left', 'right'].includes(how)) throw new GeoError('invalid-type', 'how', how, "'inner', 'left' or 'right'");
  const { l, r } = geometries(options, q);
  let on: string;
  if (predicate === 'dwithin') {
    if (options.distance === undefined)
      throw new GeoError('invalid-type', 'distance', undefined, "a distance for predicate 'dwithin'");
    const d = bind('distance', options.distance);
    on =
      q.dialect === 'postgis'
        ? geodesic
          ? `ST_DWithin(${l}::geography, ${r}::geography, ${d})`
          : `ST_DWithin(${l}, ${r}, ${d})`
        : q.dialect === 'bigquery'
          ? `ST_DWITHIN(${l}, ${r}, ${d})`
          : `${distanceOf(q.dialect, l, r, geodesic)} <= ${d}`;
    if (q.dialect === 'bigquery' && !geodesic) distanceOf('bigquery', l, r, geodesic);
  } else {
    const fn = PREDICATES[q.dialect][predicate as GeoSqlPredicate];
    if (!Object.hasOwn(PREDICATES.postgis, predicate))
      throw new GeoError(
        'invalid-type',
        'predicate',
        predicate,
        `one of ${[...Object.keys(PREDICATES.postgis), 'dwithin'].map((p) => `'${p}'`).join(', ')}`,
      );
    if (!fn)
      throw new GeoError(
        'out-of-range',
        'predicate',
        predicate,
        `a predicate ${q.dialect} has a function for (${Object.keys(PREDICATES[q.dialect]).join(', ')}, dwithin)`,
      );
    on = fn(l, r);
  }
  const join = how === 'inner' ? 'JOIN' : how === 'left' ? 'LEFT JOIN' : 'RIGHT JOIN';
  return `SELECT ${selectList(options, q).join(', ')} FROM ${left} AS l ${join} ${right} AS r ON ${on}`;
}

function nearestJoin(options: GeoSqlOptions, q: Quoting, bind: (a: string, v: unknown) => string, geodesic: boolean): string {
  const left = q.table('left', options.left);
  const right = q.table('right', options.right);
  const g = options.geometry ?? 'geometry';
  const lg = q.column('leftGeometry', options.leftGeometry ?? g);
  const rg = q.column('rightGeometry', options.rightGeometry ?? g);
  const distanceColumn = q.column('distanceColumn', options.distanceColumn ?? 'distance');
  const select = selectList(options, q);
  const within = options.maxDistance === undefined ? undefined : bind('maxDistance', options.maxDistance);
  const dist = (a: string, b: string) => distanceOf(q.dialect, a, b, geodesic);
  if (q.dialect === 'postgis' || q.dialect === 'duckdb') {
    // Per left row, every right row with its distance computed once, kept where it equals the
    // smallest: ties are all kept, as GeoPandas keeps them. Planar PostGIS first takes the
    // nearest candidates from the GiST index (ORDER BY <->), then keeps the ties among them.
    const filter = within === undefined ? '' : ` WHERE ${dist(`l.${lg}`, `r.${rg}`)} <= ${within}`;
    const inner =
      q.dialect === 'postgis' && !geodesic
        ? `SELECT r.*, ${dist(`l.${lg}`, `r.${rg}`)} AS d FROM ${right} AS r${filter} ORDER BY l.${lg} <-> r.${rg} LIMIT 64`
        : `SELECT r.*, ${dist(`l.${lg}`, `r.${rg}`)} AS d FROM ${right} AS r${filter}`;
    return (
      `SELECT ${select.join(', ')}, r.d AS ${distanceColumn} FROM ${left} AS l ` +
      `CROSS JOIN LATERAL (SELECT c.*, MIN(c.d) OVER () AS dmin FROM (${inner}) AS c) AS r WHERE r.d = r.dmin`
    );
  }
  if (options.leftKey === undefined)
    throw new GeoError(
      'invalid-type',
      'leftKey',
      undefined,
      `a unique column of left: nearestJoin on ${q.dialect} groups by it (its SQL has no LATERAL join)`,
    );
  const key = q.column('leftKey', options.leftKey);
  const filter = within === undefined ? '' : ` WHERE ${dist(`l.${lg}`, `n.${rg}`)} <= ${within}`;
  return (
    `WITH m AS (SELECT l.${key} AS k, MIN(${dist(`l.${lg}`, `n.${rg}`)}) AS d FROM ${left} AS l CROSS JOIN ${right} AS n${filter} GROUP BY l.${key}) ` +
    `SELECT ${select.join(', ')}, m.d AS ${distanceColumn} FROM ${left} AS l JOIN m ON l.${key} = m.k ` +
    `JOIN ${right} AS r ON ${dist(`l.${lg}`, `r.${rg}`)} = m.d`
  );
}

const AGGREGATIONS: GeoSqlAggregation[] = ['first', 'last', 'sum', 'mean', 'min', 'max', 'count', 'list'];

function dissolve(options: GeoSqlOptions, q: Quoting): string {
  const table = q.table('table', options.table);
  const geometry = q.column('geometry', options.geometry ?? 'geometry');
  const byList = typeof options.by === 'string' ? [options.by] : options.by;
  if (!Array.isArray(byList) || byList.length === 0)
    throw new GeoError('invalid-type', 'by', options.by, 'a column name or a list of them');
  const by = byList.map((b) => q.column('by', b));
  const aggregate = options.aggregate ?? {};
  if (aggregate === null || typeof aggregate !== 'object' || Array.isArray(aggregate))
    throw new GeoError('invalid-type', 'aggregate', aggregate, 'an object mapping columns to aggregations');
  const dropMissing = options.dropMissing ?? true;
  if (typeof dropMissing !== 'boolean') throw new GeoError('invalid-type', 'dropMissing', dropMissing, 'true or false');
  const order = options.orderBy === undefined ? undefined : q.column('orderBy', options.orderBy);
  const union = { postgis: 'ST_Union', bigquery: 'ST_UNION_AGG', duckdb: 'ST_Union_Agg', sedona: 'ST_Union_Aggr' }[q.dialect];
  const columns = [...by, `${union}(${geometry}) AS ${geometry}`];
  for (const [name, how] of Object.entries(aggregate)) {
    if (!AGGREGATIONS.includes(how))
      throw new GeoError('invalid-type', `aggregate.${name}`, how, `one of ${AGGREGATIONS.join(', ')}`);
    const c = q.column(`aggregate.${name}`, name);
    columns.push(`${aggregation(q.dialect, how, c, order, name)} AS ${c}`);
  }
  const where = dropMissing ? ` WHERE ${by.map((b) => `${b} IS NOT NULL`).join(' AND ')}` : '';
  return `SELECT ${columns.join(', ')} FROM ${table}${where} GROUP BY ${by.join(', ')} ORDER BY ${by.join(', ')}`;
}

function aggregation(dialect: GeoSqlDialect, how: GeoSqlAggregation, c: string, order: string | undefined, name: string): string {
  switch (how) {
    case 'sum':
      return `SUM(${c})`;
    case 'mean':
      return `AVG(${c})`;
    case 'min':
      return `MIN(${c})`;
    case 'max':
      return `MAX(${c})`;
    case 'count':
      return `COUNT(${c})`;
    case 'list':
      return {
        postgis: `array_agg(${c})`,
        bigquery: `ARRAY_AGG(${c} IGNORE NULLS)`,
        duckdb: `list(${c})`,
        sedona: `collect_list(${c})`,
      }[dialect];
    default: {
      if (order === undefined)
        throw new GeoError(
          'invalid-type',
          'orderBy',
          undefined,
          `a column ordering the rows, for '${how}' of ${name} (SQL rows have no order of their own)`,
        );
      // pandas' first/last skip nulls: the first non-null value in the order given.
      const desc = how === 'last' ? ' DESC' : '';
      const notNull = `FILTER (WHERE ${c} IS NOT NULL)`;
      switch (dialect) {
        case 'postgis':
          return `(array_agg(${c} ORDER BY ${order}${desc}) ${notNull})[1]`;
        case 'bigquery':
          return `ARRAY_AGG(${c} IGNORE NULLS ORDER BY ${order}${desc} LIMIT 1)[SAFE_OFFSET(0)]`;
        case 'duckdb':
          return `${how === 'last' ? 'arg_max' : 'arg_min'}(${c}, ${order}) ${notNull}`;
        default:
          return `${how === 'last' ? 'max_by' : 'min_by'}(${c}, ${order}) ${notNull}`;
      }
    }
  }
}

function measure(operation: 'area' | 'length', options: GeoSqlOptions, q: Quoting, geodesic: boolean): string {
  const table = q.table('table', options.table);
  const g = q.column('geometry', options.geometry ?? 'geometry');
  const column = q.column('column', options.column ?? operation);
  const area = operation === 'area';
  let fn: string;
  switch (q.dialect) {
    case 'postgis':
      fn = geodesic ? `${area ? 'ST_Area' : 'ST_Length'}(${g}::geography)` : `${area ? 'ST_Area' : 'ST_Length'}(${g})`;
      break;
    case 'bigquery':
      if (!geodesic)
        throw new GeoError('out-of-range', 'geodesic', false, `true on BigQuery (its GEOGRAPHY has no planar ${operation})`);
      fn = `${area ? 'ST_AREA' : 'ST_LENGTH'}(${g})`;
      break;
    case 'duckdb':
      fn = geodesic
        ? `${area ? 'ST_Area_Spheroid' : 'ST_Length_Spheroid'}(ST_FlipCoordinates(${g}))`
        : `${area ? 'ST_Area' : 'ST_Length'}(${g})`;
      break;
    default:
      fn = geodesic ? `${area ? 'ST_AreaSpheroid' : 'ST_LengthSpheroid'}(${g})` : `${area ? 'ST_Area' : 'ST_Length'}(${g})`;
  }
  return `SELECT *, ${fn} AS ${column} FROM ${table}`;
}
