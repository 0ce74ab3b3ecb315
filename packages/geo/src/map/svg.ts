import {
  type GeoProjection,
  type GeoStreamWrapper,
  geoAlbersUsa,
  geoEqualEarth,
  geoIdentity,
  geoMercator,
  geoNaturalEarth1,
  geoPath,
} from 'd3-geo';
import { checkOneOf, checkOptions, optionalNumber } from '../check.js';
import { isGeographic } from '../crs.js';
import { GeoError } from '../errors.js';
import type { Feature, Geometry, Position } from '../geojson.js';
import { geometryBbox } from '../geometry/positions.js';
import { planarRingArea } from '../measure.js';
import { checkLayers, checkOptionalText, type MapLayer, resolveLayer } from './layers.js';

/** A d3-geo projection by name; `'identity'` draws projected coordinates as they are (north up). */
export type SvgProjection = 'equalEarth' | 'mercator' | 'naturalEarth1' | 'albersUsa' | 'identity';

/** Options of {@link svgMap}. */
export interface SvgMapOptions {
  layers: MapLayer[];
  /** Default `'equalEarth'` for WGS 84 data, `'identity'` for a projected CRS. */
  projection?: SvgProjection;
  /** Size in pixels (default 960 × 500). */
  width?: number;
  height?: number;
  title?: string;
  /** Background colour (default white). */
  background?: string;
}

/** Widest and tallest SVG drawn, in pixels. */
const MAX_SVG_PIXELS = 20_000;
const PROJECTIONS: readonly SvgProjection[] = ['equalEarth', 'mercator', 'naturalEarth1', 'albersUsa', 'identity'];

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** d3-geo wants clockwise shells and counter-clockwise holes (the opposite of RFC 7946). */
function forD3(g: Geometry): Geometry {
  const ring = (r: Position[], shell: boolean) => (planarRingArea(r) < 0 === shell ? r : r.slice().reverse());
  const poly = (p: Position[][]) => p.map((r, i) => ring(r, i === 0));
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: poly(g.coordinates) };
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map(poly) };
  if (g.type === 'GeometryCollection') return { type: 'GeometryCollection', geometries: g.geometries.map(forD3) };
  return g;
}

/**
 * A static map as SVG text, for reports and print: the layers drawn with a d3-geo projection
 * fitted to their extent, a title and the choropleth's legend. Collections in WGS 84 are
 * projected (Equal Earth by default); all layers must share one CRS, and projected data are drawn
 * as they are with `'identity'`. Circles become `<circle>` elements; heat layers are Leaflet-only.
 *
 * @throws {GeoError} for layers in different CRSs, a heat layer, or a named projection with
 *   projected data
 *
 * @example
 * import { svgMap } from '@ds/geo';
 * const square = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { n: 3 }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]] } }] };
 * const svg = svgMap({ layers: [{ type: 'features', name: 'Square', data: square, fillColour: '#ff0000' }], width: 200, height: 100 });
 * svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"'); // => true
 * svg.includes('fill="#ff0000"'); // => true
 */
export function svgMap(options: SvgMapOptions): string {
  checkOptions<SvgMapOptions>('options', options, true);
  const width = optionalNumber('width', options.width, 960, { min: 16, max: MAX_SVG_PIXELS, integer: true });
  const height = optionalNumber('height', options.height, 500, { min: 16, max: MAX_SVG_PIXELS, integer: true });
  checkLayers(options.layers, false);
  checkOptionalText('title', options.title);
  checkOptionalText('background', options.background);
  if (options.projection !== undefined) checkOneOf('projection', options.projection, PROJECTIONS);
  // The projection is fitted to what is drawn: with nothing to draw there is no extent.
  if (!options.layers.some((l) => l.data.features.some((f) => f.geometry !== null)))
    throw new GeoError('invalid-geometry', 'layers', options.layers, 'layers with at least one geometry to draw');
  const crss = new Set(options.layers.map((l) => (isGeographic(l.data.crs) ? 'geographic' : String(l.data.crs))));
  if (crss.size > 1)
    throw new GeoError('crs-mismatch', 'layers', [...crss].join(', '), 'layers in one CRS (reproject with toCrs)');
  const geographic = crss.has('geographic');
  const name = options.projection ?? (geographic ? 'equalEarth' : 'identity');
  if (!geographic && name !== 'identity')
    throw new GeoError('invalid-type', 'projection', name, "'identity' for data in a projected CRS");
  const legendSpace = options.layers.some((l) => l.type === 'choropleth') ? 150 : 0;
  const titleSpace = options.title ? 28 : 0;
  const all = {
    type: 'FeatureCollection',
    features: options.layers.flatMap((l) =>
      l.data.features.filter((f) => f.geometry !== null).map((f) => ({ ...f, geometry: forD3(f.geometry as Geometry) })),
    ),
  };
  // A single point (or points all at one place) has an extent of size 0, which d3 cannot fit:
  // fit a small box around it instead (0.01° or 1 CRS unit each way).
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of all.features) {
    const b = geometryBbox(f.geometry as Geometry);
    box[0] = Math.min(box[0] as number, b[0] as number);
    box[1] = Math.min(box[1] as number, b[1] as number);
    box[2] = Math.max(box[2] as number, b[2] as number);
    box[3] = Math.max(box[3] as number, b[3] as number);
  }
  if (box[0] === box[2] && box[1] === box[3]) {
    const pad = geographic ? 0.01 : 1;
    all.features.push({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'MultiPoint',
        coordinates: [
          [(box[0] as number) - pad, (box[1] as number) - pad],
          [(box[2] as number) + pad, (box[3] as number) + pad],
        ],
      },
    } as (typeof all.features)[number]);
  }
  const projection: GeoProjection | GeoStreamWrapper =
    name === 'identity'
      ? geoIdentity().reflectY(true)
      : { equalEarth: geoEqualEarth, mercator: geoMercator, naturalEarth1: geoNaturalEarth1, albersUsa: geoAlbersUsa }[name]();
  // biome-ignore lint/suspicious/noExplicitAny: d3's GeoJSON types are @types/geojson's
  (projection as any).fitExtent(
    [
      [8, 8 + titleSpace],
      [width - 8 - legendSpace, height - 8],
    ],
    // biome-ignore lint/suspicious/noExplicitAny: d3's GeoJSON types are @types/geojson's
    all as any,
  );
  const path = geoPath(projection as GeoProjection);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="${escapeXml(options.background ?? '#ffffff')}"/>`);
  if (options.title) parts.push(`<text x="10" y="22" font-size="16" font-weight="600">${escapeXml(options.title)}</text>`);
  let legendBlock = '';
  options.layers.forEach((layer, n) => {
    const at = `layers[${n}]`;
    parts.push(`<g class="layer" data-name="${escapeXml(layer.name ?? `Layer ${n + 1}`)}">`);
    // biome-ignore lint/suspicious/noExplicitAny: d3's GeoJSON types are @types/geojson's
    const d = (f: Feature) => (f.geometry === null ? '' : (path(forD3(f.geometry) as any) ?? ''));
    if (layer.type === 'choropleth') {
      const { fills, legend } = resolveLayer(layer, at);
      layer.data.features.forEach((f, i) => {
        parts.push(`<path d="${d(f)}" fill="${fills[i]}" stroke="#555555" stroke-width="0.5"/>`);
      });
      const x = width - legendSpace + 10;
      const rows = legend.items.map(
        (it, i) =>
          `<rect x="${x}" y="${44 + i * 18}" width="16" height="12" fill="${escapeXml(it.colour)}" stroke="#888888"/><text x="${x + 22}" y="${54 + i * 18}" font-size="11">${escapeXml(it.label)}</text>`,
      );
      legendBlock = `<g class="legend"><text x="${x}" y="36" font-size="12" font-weight="600">${escapeXml(legend.title)}</text>${rows.join('')}</g>`;
    } else if (layer.type === 'features') {
      const fill = layer.fillColour ?? layer.colour ?? '#3388ff';
      for (const f of layer.data.features) {
        const polygonal = f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon';
        parts.push(
          `<path d="${d(f)}" fill="${polygonal ? escapeXml(fill) : 'none'}" fill-opacity="${layer.fillOpacity ?? 1}" stroke="${escapeXml(layer.colour ?? '#555555')}" stroke-width="${layer.weight ?? 0.5}"/>`,
        );
      }
    } else if (layer.type === 'circles') {
      layer.data.features.forEach((f, i) => {
        if (f.geometry === null) return;
        if (f.geometry.type !== 'Point')
          throw new GeoError('invalid-geometry', `${at}.data.features[${i}].geometry.type`, f.geometry.type, "'Point'");
        const xy = (projection as GeoProjection)(f.geometry.coordinates as [number, number]);
        if (xy === null) return;
        const colour = layer.colourBy
          ? (layer.colourBy.colours[String(f.properties?.[layer.colourBy.property])] ?? layer.colourBy.otherColour ?? '#888888')
          : (layer.colour ?? '#3388ff');
        parts.push(
          `<circle cx="${xy[0].toFixed(2)}" cy="${xy[1].toFixed(2)}" r="${layer.radius ?? 2}" fill="${escapeXml(colour)}" fill-opacity="0.8"/>`,
        );
      });
    } else {
      throw new GeoError(
        'invalid-type',
        `${at}.type`,
        layer.type,
        "'choropleth', 'features' or 'circles' (heat maps are Leaflet-only)",
      );
    }
    parts.push('</g>');
  });
  if (legendBlock) parts.push(legendBlock);
  parts.push('</svg>');
  return parts.join('\n');
}
