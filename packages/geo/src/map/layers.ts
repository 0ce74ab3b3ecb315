import { checkNumber, checkOneOf, checkString, isPlainObject, optionalBoolean } from '../check.js';
import { type ClassificationScheme, classify, MAX_CLASSES } from '../classify.js';
import { type ColourSchemeName, type Legend, legend, schemeNames } from '../colour.js';
import { isGeographic, toCrs } from '../crs.js';
import { GeoError } from '../errors.js';
import type { GeoCollection } from '../geojson.js';
import { checkCollectionInput } from '../input.js';

/** Tooltip and popup content: the listed properties as a two-column table (values escaped). */
export interface LayerText {
  /** Properties shown on hover. */
  tooltip?: string[];
  /** Properties shown on click. */
  popup?: string[];
}

/** Polygons filled by class of a numeric property, with a legend. */
export interface ChoroplethLayer extends LayerText {
  type: 'choropleth';
  name: string;
  data: GeoCollection;
  /** The numeric property to classify. */
  property: string;
  /** Classification scheme (default `'quantiles'`) and number of classes (default 5). */
  scheme?: ClassificationScheme;
  k?: number;
  /** Colour scheme (default `'ylorrd'`). */
  colours?: ColourSchemeName;
  /** Legend title (default the layer's name). */
  legendTitle?: string;
  /** Fill for features whose value is missing (default `'#cccccc'`; they are counted in the legend as "no data"). */
  missingColour?: string;
  fillOpacity?: number;
}

/** Features drawn with one style (outlines, lines, areas). */
export interface FeaturesLayer extends LayerText {
  type: 'features';
  name: string;
  data: GeoCollection;
  colour?: string;
  weight?: number;
  fillColour?: string;
  fillOpacity?: number;
}

/** Points as circle markers, one colour or a colour per category, optionally clustered. */
export interface CirclesLayer extends LayerText {
  type: 'circles';
  name: string;
  data: GeoCollection;
  /** Radius in pixels (default 4). */
  radius?: number;
  colour?: string;
  /** Colour by a property's value: `{ property, colours: { value: colour }, otherColour? }`. */
  colourBy?: { property: string; colours: Record<string, string>; otherColour?: string };
  /** Group nearby points into clusters (leaflet.markercluster; Leaflet only). */
  cluster?: boolean;
}

/** A heat map of points (leaflet.heat; Leaflet only). */
export interface HeatLayer {
  type: 'heat';
  name: string;
  data: GeoCollection;
  /** Property giving each point's weight (default 1 each). */
  weight?: string;
  radius?: number;
  blur?: number;
}

/** A layer of `leafletMap` or `svgMap`. */
export type MapLayer = ChoroplethLayer | FeaturesLayer | CirclesLayer | HeatLayer;

/** A choropleth layer resolved: a fill colour per feature, and the legend. */
export interface ResolvedChoropleth {
  fills: string[];
  legend: Legend;
}

/** Data in WGS 84 (maps draw longitude/latitude); a projected collection is reprojected. */
export function inWgs84(data: GeoCollection, at: string): GeoCollection {
  if (data === null || typeof data !== 'object' || data.type !== 'FeatureCollection') {
    throw new GeoError('invalid-type', `${at}.data`, data, 'a FeatureCollection');
  }
  return isGeographic(data.crs) ? data : toCrs(data, 'EPSG:4326');
}

/** Classifies a choropleth layer's property and gives each feature its fill. */
export function resolveChoropleth(layer: ChoroplethLayer, at: string): ResolvedChoropleth {
  const values: number[] = [];
  const present: boolean[] = layer.data.features.map((f, i) => {
    // Own properties only: a property named 'constructor' is not Object.prototype's.
    const v = f.properties != null && Object.hasOwn(f.properties, layer.property) ? f.properties[layer.property] : undefined;
    if (v === null || v === undefined) return false;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new GeoError('invalid-type', `${at}.data.features[${i}].properties.${layer.property}`, v, 'a finite number or null');
    }
    values.push(v);
    return true;
  });
  if (values.length === 0)
    throw new GeoError('out-of-range', `${at}.property`, layer.property, 'a property with at least one numeric value');
  const c = classify(values, { scheme: layer.scheme ?? 'quantiles', k: layer.k ?? 5 });
  const l = legend(c, { title: layer.legendTitle ?? layer.name ?? layer.property, colors: layer.colours ?? 'ylorrd' });
  const missing = layer.missingColour ?? '#cccccc';
  let k = 0;
  const fills = present.map((p) => (p ? (l.items[c.classOf[k++] as number]?.colour as string) : missing));
  const nMissing = present.filter((p) => !p).length;
  if (nMissing > 0) {
    l.items.push({ from: Number.NaN, to: Number.NaN, label: 'no data', color: missing, colour: missing, count: nMissing });
  }
  return { fills, legend: l };
}

// ---- Input checks shared by leafletMap, svgMap and the notebook views ------------------------

/** Most layers a map takes (each is drawn and, in Leaflet, serialised into the page). */
export const MAX_LAYERS = 1000;

const LAYER_TYPES = ['choropleth', 'features', 'circles', 'heat'] as const;

function optionalText(argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') throw new GeoError('invalid-type', argument, value, 'a string');
  if (typeof value === 'string' && value.length > 10_000)
    throw new GeoError('too-large', argument, value, 'a string of at most 10,000 characters');
}

function optionalFinite(argument: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  checkNumber(argument, value, { min, max });
}

function optionalNames(argument: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new GeoError('invalid-type', argument, value, 'an array of property names');
  value.forEach((v, i) => {
    if (typeof v !== 'string') throw new GeoError('invalid-type', `${argument}[${i}]`, v, 'a property name');
  });
}

/**
 * Checks a map's layers before anything is drawn: each a plain object of a known type with a
 * name, a valid FeatureCollection and well-typed style fields. Errors name the field
 * (`layers[0].k`).
 */
export function checkLayers(value: unknown, leaflet: boolean): MapLayer[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new GeoError('invalid-type', 'layers', value, 'a non-empty array of layers');
  if (value.length > MAX_LAYERS) throw new GeoError('too-large', 'layers', value, `at most ${MAX_LAYERS} layers`);
  value.forEach((layer, n) => {
    const at = `layers[${n}]`;
    if (!isPlainObject(layer)) throw new GeoError('invalid-type', at, layer, 'a layer object ({ type, name, data, … })');
    if (!leaflet && layer.type === 'heat')
      throw new GeoError(
        'invalid-type',
        `${at}.type`,
        layer.type,
        "'choropleth', 'features' or 'circles' (heat layers are Leaflet-only)",
      );
    const type = checkOneOf(`${at}.type`, layer.type, LAYER_TYPES);
    optionalText(`${at}.name`, layer.name);
    checkCollectionInput(layer.data, `${at}.data`);
    if (type !== 'heat') {
      optionalNames(`${at}.tooltip`, layer.tooltip);
      optionalNames(`${at}.popup`, layer.popup);
    }
    for (const key of ['colour', 'fillColour', 'legendTitle', 'missingColour']) optionalText(`${at}.${key}`, layer[key]);
    optionalFinite(`${at}.fillOpacity`, layer.fillOpacity, 0, 1);
    switch (type) {
      case 'choropleth':
        checkString(`${at}.property`, layer.property, false, 1_000);
        if (layer.scheme !== undefined)
          checkOneOf(`${at}.scheme`, layer.scheme, ['quantiles', 'equal-interval', 'natural-breaks', 'std-dev']);
        if (layer.k !== undefined) checkNumber(`${at}.k`, layer.k, { min: 1, max: MAX_CLASSES, integer: true });
        if (layer.colours !== undefined) checkOneOf(`${at}.colours`, layer.colours, schemeNames);
        break;
      case 'features':
        optionalFinite(`${at}.weight`, layer.weight, 0, 100);
        break;
      case 'circles': {
        optionalFinite(`${at}.radius`, layer.radius, 0, 1_000);
        optionalBoolean(`${at}.cluster`, layer.cluster, false);
        const by = layer.colourBy;
        if (by !== undefined) {
          if (!isPlainObject(by)) throw new GeoError('invalid-type', `${at}.colourBy`, by, '{ property, colours, otherColour? }');
          checkString(`${at}.colourBy.property`, by.property, false, 1_000);
          if (!isPlainObject(by.colours))
            throw new GeoError('invalid-type', `${at}.colourBy.colours`, by.colours, 'an object of value → colour');
          for (const [k, v] of Object.entries(by.colours)) optionalText(`${at}.colourBy.colours.${k}`, v);
          optionalText(`${at}.colourBy.otherColour`, by.otherColour);
        }
        break;
      }
      case 'heat':
        optionalText(`${at}.weight`, layer.weight);
        optionalFinite(`${at}.radius`, layer.radius, 0, 1_000);
        optionalFinite(`${at}.blur`, layer.blur, 0, 1_000);
        break;
    }
  });
  return value as MapLayer[];
}

/** A choropleth resolved with errors of the classification named after the layer (`layers[0].k`). */
export function resolveLayer(layer: ChoroplethLayer, at: string): ResolvedChoropleth {
  try {
    return resolveChoropleth(layer, at);
  } catch (error) {
    if (error instanceof GeoError && !error.argument.startsWith(at))
      throw new GeoError(error.code, `${at}.${error.argument}`, error.value, error.expected, undefined, { cause: error });
    throw error;
  }
}

export { optionalText as checkOptionalText };
