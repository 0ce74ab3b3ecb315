/**
 * The GeoJSON model (RFC 7946) as @ds/geo uses it. Declared here rather than taken from
 * `@types/geojson` so the published declarations need no other package.
 */
export type Position = number[];

export interface Point {
  type: 'Point';
  coordinates: Position;
  bbox?: number[];
}
export interface MultiPoint {
  type: 'MultiPoint';
  coordinates: Position[];
  bbox?: number[];
}
export interface LineString {
  type: 'LineString';
  coordinates: Position[];
  bbox?: number[];
}
export interface MultiLineString {
  type: 'MultiLineString';
  coordinates: Position[][];
  bbox?: number[];
}
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
  bbox?: number[];
}
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
  bbox?: number[];
}
export interface GeometryCollection {
  type: 'GeometryCollection';
  geometries: Geometry[];
  bbox?: number[];
}
export type Geometry = Point | MultiPoint | LineString | MultiLineString | Polygon | MultiPolygon | GeometryCollection;

/** Feature properties: a plain record (null when a feature has none). */
export type Properties = Record<string, unknown>;

export interface Feature<G extends Geometry | null = Geometry | null, P = Properties> {
  type: 'Feature';
  geometry: G;
  properties: P | null;
  id?: string | number;
  bbox?: number[];
}

/** A feature that was left out on request (`skipInvalid`), with the reason. */
export interface SkippedFeature {
  index: number;
  reason: string;
}

/**
 * A FeatureCollection that carries its coordinate reference system as `'EPSG:xxxx'`, a proj
 * string or WKT; absent means `'EPSG:4326'` (longitude, latitude in degrees).
 */
export interface GeoCollection<G extends Geometry | null = Geometry | null, P = Properties> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
  crs?: string;
  bbox?: number[];
  /** Features left out by a reader asked to skip invalid ones (never set otherwise). */
  skipped?: SkippedFeature[];
}
