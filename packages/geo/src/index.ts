// @ds/geo: GeoPandas and Folium for TypeScript. Pure functions over GeoJSON.

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
export { crsDefinition, crsFromPrj, normaliseCrs, registerCrs, type ToCrsOptions, toCrs, totalBounds } from './crs.js';
// Reading and writing
export { type PointsFromCsvOptions, pointsFromCsv, readCsvPoints } from './csv.js';
// Dissolve, overlay, clip, buffer
export { type Aggregation, type DissolveOptions, dissolve } from './dissolve.js';
// Errors
export { GeoError, type GeoErrorCode } from './errors.js';
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
// Joins
export {
  type JoinHow,
  type NearestJoinOptions,
  nearestJoin,
  type PointColumns,
  type PointsInPolygonsOptions,
  type PointsInPolygonsResult,
  pointsInPolygons,
  type SpatialJoinOptions,
  spatialJoin,
} from './join.js';
// Data quality
export { type JoinCheckOptions, type JoinCheckResult, joinCheck } from './join-check.js';
// Maps: Leaflet HTML (Leaflet and plugins inlined, offline) and SVG (d3-geo)
export type { ChoroplethLayer, CirclesLayer, FeaturesLayer, HeatLayer, LayerText, MapLayer } from './map/layers.js';
export { type LeafletMapOptions, leafletMap } from './map/leaflet.js';
export { type SvgMapOptions, type SvgProjection, svgMap } from './map/svg.js';
export { area, geodesicDistance, length, type MeasureOptions } from './measure.js';
export { type BufferOptions, buffer, clip, type OverlayHow, type OverlayOptions, overlay } from './overlay.js';
export type { Predicate } from './predicates.js';
export { type ReadShapefileOptions, readShapefile, type ShapefileParts } from './shapefile.js';
export { type FromTopoJSONOptions, fromTopoJSON, readTopoJSON, splitAntimeridian } from './topojson.js';
export { type ReadGeoJSONOptions, readGeoJSON, validateGeoJSON, writeGeoJSON } from './validate.js';
