import { type ClassificationScheme, classify } from '../classify.js';
import { type ColourSchemeName, type Legend, legend } from '../colour.js';
import { isGeographic, toCrs } from '../crs.js';
import { GeoError } from '../errors.js';
import type { GeoCollection } from '../geojson.js';

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
    const v = f.properties?.[layer.property];
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
