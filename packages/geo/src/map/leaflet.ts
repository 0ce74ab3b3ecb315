import { checkNumber, checkOptions, checkString, isPlainObject } from '../check.js';
import { GeoError } from '../errors.js';
import type { GeoCollection } from '../geojson.js';
import { totalBounds } from '../geometry/positions.js';
import { checkCollectionInput } from '../input.js';
import { checkLayers, checkOptionalText, inWgs84, type MapLayer, resolveLayer } from './layers.js';
import { HEAT_JS, LEAFLET_CSS, LEAFLET_JS, MARKERCLUSTER_CSS, MARKERCLUSTER_JS } from './leaflet-assets.js';

/** Options of {@link leafletMap}. */
export interface LeafletMapOptions {
  layers: MapLayer[];
  /** Page title. */
  title?: string;
  /**
   * A tile layer, e.g. `{ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap' }`.
   * None by default: the page then makes no request at all.
   */
  tiles?: { url: string; attribution?: string };
  /** An offline background, e.g. the Natural Earth countries, drawn as grey outlines under the layers. */
  background?: GeoCollection;
  /** CSS height of the map (default `'100vh'`). */
  height?: string;
  /** Bounds to show `[west, south, east, north]` (default: all layers). */
  bounds?: number[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// The page's own script: builds the layers from the JSON spec. Property values reach the page
// only through textContent-safe escaping (esc), so tooltips cannot inject markup.
const RUNTIME = `(function () {
  var spec = JSON.parse(document.getElementById('ds-map-data').textContent);
  var esc = function (s) { return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); };
  var table = function (p, keys) {
    return '<table class="ds-props">' + keys.map(function (k) { var v = p && p[k]; return '<tr><th>' + esc(k) + '</th><td>' + esc(v === null || v === undefined ? '' : v) + '</td></tr>'; }).join('') + '</table>';
  };
  var bind = function (layer, spec) {
    return function (feature, l) {
      if (spec.tooltip) l.bindTooltip(table(feature.properties, spec.tooltip), { sticky: true });
      if (spec.popup) l.bindPopup(table(feature.properties, spec.popup));
    };
  };
  var map = L.map('map', { preferCanvas: true, maxZoom: 19 });
  var base = {};
  var overlays = {};
  if (spec.tiles) base[esc('Tiles')] = L.tileLayer(spec.tiles.url, { attribution: spec.tiles.attribution || '' }).addTo(map);
  if (spec.background) {
    overlays['Background'] = L.geoJSON(spec.background, { interactive: false, style: { color: '#9a9a9a', weight: 0.7, fillColor: '#f2efe9', fillOpacity: 1 } }).addTo(map);
  }
  spec.layers.forEach(function (s, n) {
    var layer;
    if (s.type === 'choropleth' || s.type === 'features') {
      var i = 0;
      layer = L.geoJSON(s.data, {
        style: function () {
          var fill = s.type === 'choropleth' ? s.fills[i++] : s.fillColour;
          return { color: s.colour || '#555555', weight: s.weight === undefined ? 0.8 : s.weight, fillColor: fill, fillOpacity: s.fillOpacity === undefined ? 0.8 : s.fillOpacity };
        },
        pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 4 }); },
        onEachFeature: bind(layer, s),
      });
    } else if (s.type === 'circles') {
      var group = s.cluster ? L.markerClusterGroup({ chunkedLoading: true }) : L.featureGroup();
      var markers = [];
      var keys = (s.tooltip || []).concat(s.popup || []);
      for (var j = 0; j < s.xy.length / 2; j++) {
        var colour = s.palette[s.colour[j]];
        var m = L.circleMarker([s.xy[2 * j + 1], s.xy[2 * j]], { radius: s.radius || 4, color: colour, fillColor: colour, fillOpacity: 0.8, weight: 1 });
        if (keys.length > 0) {
          var p = {};
          for (var q = 0; q < s.keys.length; q++) p[s.keys[q]] = s.values[q][j];
          bind(null, s)({ properties: p }, m);
        }
        markers.push(m);
      }
      if (s.cluster) group.addLayers(markers); else markers.forEach(function (m) { group.addLayer(m); });
      layer = group;
    } else if (s.type === 'heat') {
      layer = L.heatLayer(s.points, { radius: s.radius || 15, blur: s.blur || 15 });
    }
    layer.addTo(map);
    overlays[esc(s.name)] = layer;
    if (s.legend) {
      var legend = L.control({ position: 'bottomright' });
      legend.onAdd = function () {
        var div = L.DomUtil.create('div', 'ds-legend');
        div.innerHTML = '<div class="ds-legend-title">' + esc(s.legend.title) + '</div>' + s.legend.items.map(function (it) {
          return '<div class="ds-legend-item"><i style="background:' + esc(it.colour) + '"></i><span>' + esc(it.label) + '</span></div>';
        }).join('');
        return div;
      };
      legend.addTo(map);
    }
  });
  L.control.layers(base, overlays, { collapsed: false }).addTo(map);
  map.fitBounds([[spec.bounds[1], spec.bounds[0]], [spec.bounds[3], spec.bounds[2]]]);
  window.dsMap = { map: map, overlays: overlays };
})();`;

const PAGE_CSS = `html, body { margin: 0; padding: 0; font: 13px/1.4 system-ui, sans-serif; }
.ds-legend { background: rgba(255, 255, 255, 0.92); padding: 6px 8px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); }
.ds-legend-title { font-weight: 600; margin-bottom: 4px; }
.ds-legend-item { display: flex; align-items: center; gap: 6px; }
.ds-legend-item i { display: inline-block; width: 18px; height: 12px; border: 1px solid #888; }
.ds-props th { text-align: left; padding-right: 8px; font-weight: 600; }`;

/**
 * An interactive map as one self-contained HTML page, Folium's `explore()` without the network:
 * Leaflet 1.9, leaflet.markercluster and leaflet.heat are inlined from their npm packages (a
 * generated module, so this entry point reads no files), and the page makes no request unless
 * `tiles` is given. Layers: `choropleth` (classified fill with a legend), `features`, `circles`
 * (canvas circle markers, one colour or by category, optionally clustered) and `heat`; each can
 * be switched in the layer control, and shows the listed properties, escaped, as a tooltip or
 * popup. Projected collections are reprojected to WGS 84. The view fits all layers.
 *
 * @throws {GeoError} for a layer of unknown type, a choropleth property with non-numeric values
 *   (naming the feature), or non-point data in a circles or heat layer
 *
 * @example
 * import { leafletMap } from '@ds/geo';
 * const trees = { type: 'FeatureCollection', features: [
 *   { type: 'Feature', properties: { species: '<b>oak</b>' }, geometry: { type: 'Point', coordinates: [-73.97, 40.78] } },
 * ] };
 * const html = leafletMap({ title: 'Trees', layers: [{ type: 'circles', name: 'Trees', data: trees, tooltip: ['species'] }] });
 * html.startsWith('<!doctype html>'); // => true
 * html.includes('<b>oak</b>'); // => false
 * html.includes('<script src='); // => false
 */
export function leafletMap(options: LeafletMapOptions): string {
  checkOptions<LeafletMapOptions>('options', options, true);
  checkLayers(options.layers, true);
  checkOptionalText('title', options.title);
  checkOptionalText('height', options.height);
  if (options.tiles !== undefined) {
    if (!isPlainObject(options.tiles)) throw new GeoError('invalid-type', 'tiles', options.tiles, '{ url, attribution? }');
    checkString('tiles.url', options.tiles.url, false, 2_000);
    checkOptionalText('tiles.attribution', options.tiles.attribution);
  }
  if (options.background !== undefined) checkCollectionInput(options.background, 'background');
  if (options.bounds !== undefined) {
    const b = options.bounds;
    if (!Array.isArray(b) || b.length !== 4) throw new GeoError('invalid-type', 'bounds', b, '[west, south, east, north]');
    b.forEach((v, i) => {
      checkNumber(`bounds[${i}]`, v, i % 2 === 0 ? { min: -180, max: 180 } : { min: -90, max: 90 });
    });
    if ((b[0] as number) > (b[2] as number) || (b[1] as number) > (b[3] as number))
      throw new GeoError('out-of-range', 'bounds', b, '[west, south, east, north] with west ≤ east and south ≤ north');
  }
  const layers = options.layers.map((layer, n) => {
    const at = `layers[${n}]`;
    const data = inWgs84(layer.data, at);
    const common = { type: layer.type, name: layer.name ?? `Layer ${n + 1}` };
    switch (layer.type) {
      case 'choropleth': {
        const { fills, legend } = resolveLayer({ ...layer, data }, at);
        return { ...common, data, fills, legend, tooltip: layer.tooltip, popup: layer.popup, fillOpacity: layer.fillOpacity };
      }
      case 'features':
        return {
          ...common,
          data,
          colour: layer.colour,
          weight: layer.weight,
          fillColour: layer.fillColour ?? layer.colour ?? '#3388ff',
          fillOpacity: layer.fillOpacity ?? 0.3,
          tooltip: layer.tooltip,
          popup: layer.popup,
        };
      case 'circles': {
        pointsOnly(data, at);
        // Columns rather than features: 100,000 points parse and draw in a few seconds.
        const placed = data.features.filter((f) => f.geometry !== null);
        const xy: number[] = [];
        const palette: string[] = [];
        const colour: number[] = [];
        for (const f of placed) {
          const c = (f.geometry as { coordinates: number[] }).coordinates;
          xy.push(Math.round((c[0] as number) * 1e6) / 1e6, Math.round((c[1] as number) * 1e6) / 1e6);
          const v =
            layer.colourBy === undefined
              ? (layer.colour ?? '#3388ff')
              : (layer.colourBy.colours[String(f.properties?.[layer.colourBy.property])] ??
                layer.colourBy.otherColour ??
                '#888888');
          let k = palette.indexOf(v);
          if (k < 0) k = palette.push(v) - 1;
          colour.push(k);
        }
        const keys = [...new Set([...(layer.tooltip ?? []), ...(layer.popup ?? [])])];
        const values = keys.map((k) => placed.map((f) => f.properties?.[k] ?? null));
        return {
          ...common,
          xy,
          palette,
          colour,
          keys,
          values,
          radius: layer.radius,
          cluster: layer.cluster === true,
          tooltip: layer.tooltip,
          popup: layer.popup,
        };
      }
      case 'heat': {
        pointsOnly(data, at);
        const points = data.features.map((f, i) => {
          const c = (f.geometry as { coordinates: number[] }).coordinates;
          const w = layer.weight === undefined ? 1 : f.properties?.[layer.weight];
          if (typeof w !== 'number' || !Number.isFinite(w))
            throw new GeoError('invalid-type', `${at}.data.features[${i}].properties.${layer.weight}`, w, 'a finite weight');
          return [c[1], c[0], w];
        });
        return { ...common, points, radius: layer.radius, blur: layer.blur };
      }
      default:
        throw new GeoError(
          'invalid-type',
          `${at}.type`,
          (layer as { type?: unknown }).type,
          "'choropleth', 'features', 'circles' or 'heat'",
        );
    }
  });
  const all: GeoCollection = {
    type: 'FeatureCollection',
    features: options.layers.flatMap((l, n) => inWgs84(l.data, `layers[${n}]`).features),
  };
  const bounds = options.bounds ?? (all.features.some((f) => f.geometry !== null) ? totalBounds(all) : [-180, -85, 180, 85]);
  const spec = {
    layers,
    tiles: options.tiles,
    background: options.background ? inWgs84(options.background, 'background') : undefined,
    bounds,
  };
  const needsCluster = layers.some((l) => l.type === 'circles' && (l as { cluster?: boolean }).cluster);
  const needsHeat = layers.some((l) => l.type === 'heat');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title ?? 'Map')}</title>
<style>${LEAFLET_CSS}</style>
${needsCluster ? `<style>${MARKERCLUSTER_CSS}</style>` : ''}
<style>${PAGE_CSS}
#map { height: ${escapeHtml(options.height ?? '100vh')}; }</style>
<script>${LEAFLET_JS}</script>
${needsCluster ? `<script>${MARKERCLUSTER_JS}</script>` : ''}
${needsHeat ? `<script>${HEAT_JS}</script>` : ''}
</head>
<body>
<div id="map"></div>
<script type="application/json" id="ds-map-data">${scriptJson(spec)}</script>
<script>${RUNTIME}</script>
</body>
</html>
`;
}

function pointsOnly(data: GeoCollection, at: string): void {
  data.features.forEach((f, i) => {
    if (f.geometry !== null && f.geometry.type !== 'Point') {
      throw new GeoError('invalid-geometry', `${at}.data.features[${i}].geometry.type`, f.geometry.type, "'Point'");
    }
  });
}
