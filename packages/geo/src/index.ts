// @ds/geo: GeoPandas and Folium for TypeScript. Pure functions over GeoJSON.

export { type BufferOptions, buffer } from './buffer.js';
// Classification for choropleths
export { type Classification, type ClassificationScheme, type ClassifyOptions, classify } from './classify.js';
export {
  type ColorSchemeName,
  type ColourSchemeName,
  colorScheme,
  colourScheme,
  type Legend,
  type LegendItem,
  type LegendOptions,
  legend,
  sequentialSchemes,
} from './colour.js';
// Coordinate reference systems and measures
export { crsDefinition, crsFromPrj, normaliseCrs, registerCrs, type ToCrsOptions, toCrs } from './crs.js';
// Reading and writing
export { type PointsFromCsvOptions, pointsFromCsv, readCsvPoints } from './csv.js';
// Dissolve, overlay, clip, buffer
export { type Aggregation, type DissolveOptions, dissolve } from './dissolve.js';
// Errors
export { GeoError, type GeoErrorCode } from './errors.js';
// Formats: GeoParquet, FlatGeobuf, Shapefile writing (issue #17)
export {
  type ReadFlatGeobufOptions,
  readFlatGeobuf,
  type WriteFlatGeobufOptions,
  writeFlatGeobuf,
} from './formats/flatgeobuf.js';
export {
  type GeoParquetReadInfo,
  type ParquetSource,
  type ReadGeoParquetOptions,
  readGeoParquet,
  type WriteGeoParquetOptions,
  writeGeoParquet,
} from './formats/geoparquet/index.js';
export {
  type ShapefileFiles,
  shapefileFieldNames,
  type WriteShapefileOptions,
  writeShapefile,
} from './formats/shapefile-write.js';
export type { Bbox } from './formats/shared.js';
// The data model
export type {
  Feature,
  GeoCollection,
  Geometry,
  GeometryCollection,
  LineString,
  MultiLineString,
  MultiPoint,
  MultiPolygon,
  Point,
  Polygon,
  Position,
  Properties,
  SkippedFeature,
} from './geojson.js';
export { type ReadGeoJSONOptions, readGeoJSON, validateGeoJSON, writeGeoJSON } from './geojson-io.js';
// The exact geometry engine (GEOS as WebAssembly), started once
export { type GeometryEngineInfo, geometryEngineStarted, startGeometryEngine } from './geometry/engine.js';
export { totalBounds } from './geometry/positions.js';
// Geometry codecs: WKB (ISO, EWKB) and WKT (issue #17)
export { fromWkb, type ToWkbOptions, toWkb, type WkbInfo, wkbInfo } from './geometry/wkb.js';
export { fromWkt, type ToWktOptions, toWkt } from './geometry/wkt.js';
// Joins (spatial predicates through GEOS, points against polygons columnar, geodesic nearest)
export { type NearestJoinOptions, nearestJoin } from './join/nearest.js';
// Joins
export {
  type PointColumns,
  type PointsInPolygonsOptions,
  type PointsInPolygonsResult,
  pointsInPolygons,
} from './join/points.js';
export { type JoinHow, type SpatialJoinOptions, spatialJoin } from './join/spatial-join.js';
// Data quality
export { type JoinCheckOptions, type JoinCheckResult, joinCheck } from './join-check.js';
// Maps: Leaflet HTML (Leaflet and plugins inlined, offline) and SVG (d3-geo)
export type { ChoroplethLayer, CirclesLayer, FeaturesLayer, HeatLayer, LayerText, MapLayer } from './map/layers.js';
export { type LeafletMapOptions, leafletMap } from './map/leaflet.js';
export { type SvgMapOptions, type SvgProjection, svgMap } from './map/svg.js';
export { area, geodesicDistance, length, type MeasureOptions } from './measure.js';
export { type ClipOptions, clip, type OverlayHow, type OverlayOptions, overlay } from './overlay.js';
export type { Predicate } from './predicates.js';
export { type ReadShapefileOptions, readShapefile, type ShapefileParts } from './shapefile.js';
// SQL for PostGIS, BigQuery, DuckDB and Sedona (issue #17)
export {
  type GeoSql,
  type GeoSqlAggregation,
  type GeoSqlDialect,
  type GeoSqlOperation,
  type GeoSqlOptions,
  type GeoSqlPredicate,
  geoSql,
} from './sql/geosql.js';
export { type FromTopoJSONOptions, fromTopoJSON, readTopoJSON, splitAntimeridian } from './topojson.js';
// Validity (GEOS): Shapely's is_valid / explain_validity and make_valid
export { isValid, makeValid } from './validity.js';
