// @ds/geo: GeoPandas and Folium for TypeScript. Pure functions over GeoJSON.

// Classification for choropleths
export { type Classification, type ClassificationScheme, type ClassifyOptions, classify } from './classify.js';

// Errors
export { GeoError, type GeoErrorCode } from './errors.js';
