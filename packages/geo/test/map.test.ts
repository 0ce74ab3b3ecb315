import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { leafletAssets } from '../scripts/leaflet-assets.mjs';
import { GeoError, joinCheck, leafletMap, pointsFromCsv, spatialJoin, svgMap, toCrs } from '../src/index.js';
import * as assets from '../src/map/leaflet-assets.js';
import { countries, fixtures, nybb } from './load.js';

const airports = pointsFromCsv(readFileSync(`${fixtures}airports.csv`, 'utf8'), { lat: 'latitude', lon: 'longitude' });

describe('the inlined Leaflet assets', () => {
  it('are the files of the installed npm packages (rerun scripts/leaflet-assets.mjs after an upgrade)', () => {
    expect({ ...assets }).toEqual(leafletAssets());
    expect(assets.LEAFLET_VERSION).toBe('1.9.4');
    expect(assets.LEAFLET_CSS).not.toMatch(/url\(images\//);
  });
});

describe('leafletMap', () => {
  const html = leafletMap({
    title: 'Boroughs & <airports>',
    layers: [
      {
        type: 'choropleth',
        name: 'Boroughs',
        data: nybb,
        property: 'Shape_Area',
        k: 3,
        colours: 'greens',
        tooltip: ['BoroName'],
      },
      { type: 'circles', name: 'Airports', data: airports, cluster: true, popup: ['name', 'iata'] },
      { type: 'heat', name: 'Density', data: airports },
    ],
    background: countries,
  });

  it('is one self-contained page: no external script, stylesheet or image', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).not.toMatch(/url\((?!data:|#default#VML)/);
    expect(html).toContain('L.markerClusterGroup');
    expect(html).toContain(assets.HEAT_JS.slice(0, 200));
  });

  it('escapes the title and keeps data from closing the script element', () => {
    expect(html).toContain('<title>Boroughs &amp; &lt;airports&gt;</title>');
    const evil = {
      type: 'FeatureCollection' as const,
      features: [
        {
          type: 'Feature' as const,
          properties: { name: '</script><script>alert(1)</script>' },
          geometry: { type: 'Point' as const, coordinates: [0, 0] },
        },
      ],
    };
    const page = leafletMap({ layers: [{ type: 'circles', name: 'x', data: evil, tooltip: ['name'] }] });
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('\\u003c/script>');
  });

  it('reprojects projected data to WGS 84 and fits the bounds of every layer', () => {
    const spec = JSON.parse(/<script type="application\/json" id="ds-map-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}');
    expect(spec.layers[0].data.crs).toBe('EPSG:4326');
    expect(spec.layers[0].legend.items).toHaveLength(3);
    expect(spec.bounds[0]).toBeLessThan(-170); // airports in Alaska and the Pacific
    expect(spec.layers[2].points[0]).toHaveLength(3);
  });

  it('leaves out the plugins a map does not use', () => {
    const page = leafletMap({ layers: [{ type: 'features', name: 'Boroughs', data: nybb }] });
    expect(page).not.toContain(assets.MARKERCLUSTER_JS.slice(0, 200));
    expect(page).not.toContain(assets.HEAT_JS.slice(0, 200));
  });

  it('refuses a choropleth property with text values, naming the feature', () => {
    expect(() => leafletMap({ layers: [{ type: 'choropleth', name: 'x', data: nybb, property: 'BoroName' }] })).toThrow(
      "layers[0].data.features[0].properties.BoroName must be a finite number or null, got 'Staten Island'",
    );
    expect(() => leafletMap({ layers: [{ type: 'circles', name: 'x', data: nybb }] })).toThrow(GeoError);
    expect(() => leafletMap({ layers: [{ type: 'bubbles', name: 'x', data: nybb } as never] })).toThrow(/layers\[0\]\.type/);
  });
});

describe('svgMap', () => {
  it('draws the boroughs in their own CRS with a legend', () => {
    const svg = svgMap({
      title: 'Boroughs',
      layers: [{ type: 'choropleth', name: 'Boroughs', data: nybb, property: 'Shape_Area', k: 5, colours: 'blues' }],
      width: 600,
      height: 400,
    });
    expect(svg.match(/<path /g)).toHaveLength(5);
    expect(svg.match(/<g class="legend">/g)).toHaveLength(1);
    expect(svg).toContain('fill="#08306b"');
    // Every path lies inside the viewport.
    const numbers = [...svg.matchAll(/<path d="([^"]+)"/g)].flatMap(
      (m) => (m[1] as string).match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [],
    );
    expect(numbers.reduce((a, b) => Math.min(a, b), Infinity)).toBeGreaterThanOrEqual(0);
    expect(numbers.reduce((a, b) => Math.max(a, b), -Infinity)).toBeLessThanOrEqual(600);
  });

  it('projects WGS 84 layers with Equal Earth, shells drawn as shapes, not as the whole globe', () => {
    const svg = svgMap({
      layers: [
        { type: 'features', name: 'Countries', data: countries, fillColour: '#dddddd' },
        { type: 'circles', name: 'Airports', data: airports, radius: 1 },
      ],
      width: 800,
      height: 420,
    });
    expect(svg.match(/<circle /g)?.length).toBe(airports.features.length);
    // A shell wound the wrong way would be drawn as the sphere minus the country, a path covering the frame.
    const fiji = svg.match(/<path d="([^"]+)"/)?.[1] ?? '';
    const xs = (fiji.match(/-?\d+(\.\d+)?/g) ?? []).map(Number).filter((_, i) => i % 2 === 0);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(800);
  });

  it('refuses layers in different CRSs and heat layers', () => {
    expect(() =>
      svgMap({
        layers: [
          { type: 'features', name: 'a', data: nybb },
          { type: 'features', name: 'b', data: countries },
        ],
      }),
    ).toThrow(/one CRS/);
    expect(() => svgMap({ layers: [{ type: 'heat', name: 'h', data: airports }] })).toThrow(/Leaflet-only/);
    expect(() => svgMap({ layers: [{ type: 'features', name: 'a', data: nybb }], projection: 'mercator' })).toThrow(/identity/);
  });
});

describe('joinCheck', () => {
  it('flags the airports in New York City whose city column does not name their borough', () => {
    const wgs = toCrs(nybb, 'EPSG:4326');
    // The airports inside a borough, by one join of all of them (one join per airport took 6.7 s
    // on a loaded machine). IATA codes are unique in the file.
    const inside = new Set(spatialJoin(airports, wgs).features.map((f) => f.properties?.iata));
    const nyc = { ...airports, features: airports.features.filter((f) => inside.has(f.properties?.iata)) };
    expect(nyc.features.length).toBe(5);
    const r = joinCheck(nyc, wgs, { claimed: 'city', label: 'BoroName' });
    expect(r.checked).toBe(nyc.features.length);
    expect(r.agree + r.disagree + r.unmatched).toBe(r.checked);
    expect(r.unmatched).toBe(0);
    expect(r.problems.features.every((f) => f.properties?.status === 'disagree')).toBe(true);
    // JFK and LaGuardia say 'New York'; they lie in Queens.
    expect(r.problems.features.map((f) => [f.properties?.iata, f.properties?.claimed, f.properties?.found])).toEqual(
      expect.arrayContaining([
        ['JFK', 'New York', 'Queens'],
        ['LGA', 'New York', 'Queens'],
      ]),
    );
  });

  it('checks every US airport against the Natural Earth countries', () => {
    const labelled = {
      ...airports,
      features: airports.features.map((f) => ({
        ...f,
        properties: {
          ...f.properties,
          country: f.properties?.country === 'USA' ? 'United States of America' : f.properties?.country,
        },
      })),
    };
    const r = joinCheck(labelled, countries, { claimed: 'country', label: 'name' });
    expect(r.checked).toBe(3376);
    expect(r.agreementRate).toBeGreaterThan(0.9);
    expect(r.unmatched).toBeGreaterThan(0); // islands and coasts outside the 1:110m outlines
    expect(r.problems.features).toHaveLength(r.disagree + r.unmatched);
  });

  it('counts points without a claim instead of dropping them silently', () => {
    const r = joinCheck(
      {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }],
      },
      countries,
      { claimed: 'x', label: 'name' },
    );
    expect(r.skipped).toBe(1);
    expect(r.checked).toBe(0);
  });
});
