// @ds/testkit/arbitraries: fast-check arbitraries for the data the ds packages take.

// Follower graphs (@ds/turi)
export { type FollowerGraph, type FollowerGraphOptions, followerGraph } from './arbitraries/follower-graph.js';
// Fuzzing an export against the error contract (docs/contributing.md, "Fuzz tests")
export {
  type FuzzCase,
  type FuzzFailure,
  type FuzzFailureKind,
  type FuzzOptions,
  type FuzzReport,
  finiteDeep,
  fuzzExport,
} from './arbitraries/fuzz.js';
// GeoJSON (@ds/geo)
export {
  type BBox,
  type GeoPointOptions,
  geoPoint,
  type PointGeometry,
  type PolygonGeometry,
  type SimplePolygonOptions,
  simplePolygon,
} from './arbitraries/geojson.js';
// Proportions (@ds/sample-size)
export { type ProportionOptions, proportion } from './arbitraries/proportion.js';
