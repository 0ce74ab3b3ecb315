// Maps and join checks in Jupyter: a Leaflet map in an iframe (offline: Leaflet is inlined in the
// page, and the page sits in the iframe's srcdoc), an SVG map, and a join check as a table.

import { checkNumber } from '../check.js';
import { GeoError } from '../errors.js';
import { checkCollectionInput } from '../input.js';
import type { JoinCheckResult } from '../join-check.js';
import { type LeafletMapOptions, leafletMap } from '../map/leaflet.js';
import { type SvgMapOptions, svgMap } from '../map/svg.js';
import { type Display, display, escapeHtml, htmlTable, iframe, textTable } from './display.js';

function checkPlain(argument: string, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new GeoError('invalid-type', argument, value, 'a plain object');
  }
}

/**
 * Shows an interactive Leaflet map (the page `leafletMap` makes, with Leaflet inlined, so no
 * request leaves the notebook) in an iframe's `srcdoc`; `options` are `leafletMap`'s, with
 * `height` in pixels (default `'480px'`). In Jupyter (Deno's kernel or tslab) the call shows it; it returns the `Display`, whose `bundle` holds what was sent.
 *
 * @throws {GeoError} `invalid-type` when options is not a plain object or `height` is not in px; whatever `leafletMap` throws
 *
 * @example
 * import { showMap } from '@ds/geo/notebook';
 * const stores = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Point', coordinates: [-73.98, 40.75] } }] };
 * const shown = showMap({ layers: [{ type: 'circles', name: 'Stores', data: stores, popup: ['name'] }], height: '300px' });
 * Object.keys(shown.bundle); // => ['text/html', 'text/plain']
 * shown.bundle['text/html'].startsWith('<iframe style="width: 100%; height: 300px'); // => true
 * shown.bundle['text/html'].includes('<script src='); // => false
 */
export function showMap(options: LeafletMapOptions): Display {
  checkPlain('options', options);
  const height = options.height ?? '480px';
  const px = typeof height === 'string' ? /^(\d+(?:\.\d+)?)px$/.exec(height) : null;
  if (px === null) throw new GeoError('invalid-type', 'height', height, "a height in pixels, such as '480px'");
  const html = leafletMap({ ...options, height: '100vh' });
  const layers = options.layers.map((l) => ('name' in l && typeof l.name === 'string' ? l.name : l.type)).join(', ');
  const bundle = {
    'text/html': iframe(html, Math.ceil(Number(px[1]))),
    'text/plain': `Leaflet map${options.title === undefined ? '' : ` "${options.title}"`}: ${layers} (${(html.length / 1e6).toFixed(1)} MB, offline)`,
  };
  return display(bundle, bundle['text/plain']);
}

/**
 * Shows a static map as SVG (the drawing `svgMap` makes, for print); `options` are `svgMap`'s.
 *
 * @throws {GeoError} `invalid-type` when options is not a plain object; whatever `svgMap` throws
 *
 * @example
 * import { showSvgMap } from '@ds/geo/notebook';
 * const square = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { n: 3 }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]] } }] };
 * const shown = showSvgMap({ title: 'Square', layers: [{ type: 'features', name: 'Square', data: square }], width: 200, height: 100 });
 * Object.keys(shown.bundle); // => ['image/svg+xml', 'text/plain']
 * shown.bundle['text/plain']; // => 'SVG map "Square": Square (200 × 100)'
 */
export function showSvgMap(options: SvgMapOptions): Display {
  checkPlain('options', options);
  const svg = svgMap(options);
  // svgMap checked the layers, the title and the size.
  const layers = options.layers.map((l) => ('name' in l && typeof l.name === 'string' ? l.name : l.type)).join(', ');
  const text = `SVG map${options.title === undefined ? '' : ` "${options.title}"`}: ${layers} (${options.width ?? 960} × ${options.height ?? 500})`;
  return display({ 'image/svg+xml': svg, 'text/plain': text }, text);
}

/**
 * Shows a `joinCheck` result as a table: the counts and agreement rate, then each disagreeing
 * or unmatched point with what it claimed and what it was found in (first `limit`, default 20).
 *
 * @throws {GeoError} `invalid-type` when `check` is not a joinCheck result; `out-of-range` for a bad `limit`
 *
 * @example
 * import { joinCheck } from '@ds/geo';
 * import { showJoinCheck } from '@ds/geo/notebook';
 * const sq = (x, name) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] } });
 * const areas = { type: 'FeatureCollection', features: [sq(0, 'A'), sq(1, 'B')] };
 * const pt = (x, area) => ({ type: 'Feature', properties: { area }, geometry: { type: 'Point', coordinates: [x, 0.5] } });
 * const trees = { type: 'FeatureCollection', features: [pt(0.5, 'A'), pt(1.5, 'A'), pt(9, 'B')] };
 * const shown = showJoinCheck(joinCheck(trees, areas, { claimed: 'area', label: 'name' }));
 * shown.bundle['text/plain'].split('\n')[0]; // => '3 checked: 1 agree (33.3%), 1 disagree, 1 in no polygon, 0 skipped'
 */
export function showJoinCheck(check: JoinCheckResult, options: { limit?: number } = {}): Display {
  checkPlain('check', check);
  checkPlain('options', options);
  const features = check.problems?.features;
  if (typeof check.checked !== 'number' || !Array.isArray(features)) {
    throw new GeoError('invalid-type', 'check', check, 'a result of joinCheck (checked, agree, problems, …)');
  }
  for (const key of ['checked', 'agree', 'disagree', 'unmatched', 'skipped'] as const)
    checkNumber(`check.${key}`, check[key], { min: 0, integer: true });
  if (!(check.checked === 0 && Number.isNaN(check.agreementRate)))
    checkNumber('check.agreementRate', check.agreementRate, { min: 0, max: 1 });
  checkCollectionInput(check.problems, 'check.problems');
  features.forEach((f, i) => {
    if (f.geometry === null || f.geometry.type !== 'Point')
      throw new GeoError('invalid-geometry', `check.problems.features[${i}].geometry`, f.geometry, 'a Point (the checked point)');
  });
  const limit = options.limit ?? 20;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new GeoError('out-of-range', 'limit', limit, 'a whole number in [1, 10000]');
  }
  const summary = `${check.checked} checked: ${check.agree} agree${check.checked === 0 ? '' : ` (${(check.agreementRate * 100).toFixed(1)}%)`}, ${check.disagree} disagree, ${check.unmatched} in no polygon, ${check.skipped} skipped`;
  const columns = ['status', 'claimed', 'found', 'longitude', 'latitude'];
  const rows = features.slice(0, limit).map((f) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const [x, y] = f.geometry.coordinates;
    return [p.status, p.claimed, p.found, x, y];
  });
  const more = features.length > limit ? `${features.length - limit} more not shown` : '';
  return display(
    {
      'text/html': `<p>${escapeHtml(summary)}</p>${rows.length > 0 ? htmlTable(columns, rows) : ''}${more ? `<p><small>${more}</small></p>` : ''}`,
      'text/plain': [summary, rows.length > 0 ? textTable(columns, rows) : '', more].filter((l) => l !== '').join('\n'),
    },
    `join check: ${summary}`,
  );
}
