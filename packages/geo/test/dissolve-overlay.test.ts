import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GeoCollection } from '../src/index.js';
import {
  area,
  buffer,
  clip,
  dissolve,
  GeoError,
  overlay,
  readGeoJSON,
  spatialJoin,
  startGeometryEngine,
  toCrs,
} from '../src/index.js';
import { countries, fixtures, nybb, reference } from './load.js';

// Overlay, dissolve, clip, buffer and line/polygon joins run on GEOS (WebAssembly), started once.
await startGeometryEngine();

describe('dissolve against GeoPandas', () => {
  const ref = reference.dissolve;

  it('dissolves the countries by continent with sum, max and count, groups sorted, geometry unioned', () => {
    const out = dissolve(countries, { by: 'continent', aggregate: { pop_est: 'sum', gdp_md_est: 'max', name: 'count' } });
    expect(out.features.map((f) => f.properties?.continent)).toEqual(ref.byContinent.keys);
    out.features.forEach((f, i) => {
      expect(f.properties?.pop_est).toBeCloseTo(ref.byContinent.pop_est_sum[i], 0);
      expect(f.properties?.gdp_md_est).toBe(ref.byContinent.gdp_md_est_max[i]);
      expect(f.properties?.name).toBe(ref.byContinent.name_count[i]);
      // Union of the parts: geodesic area of the dissolved shape as pyproj measures the Shapely union.
      expect(Math.abs(area(f) / ref.byContinent.geodesicArea[i] - 1)).toBeLessThan(1e-4);
    });
  });

  it('dissolves by two properties with mean and first', () => {
    const large = {
      ...countries,
      features: countries.features.map((f) => ({
        ...f,
        properties: { ...f.properties, large: (f.properties?.pop_est as number) > 5e7 },
      })),
    };
    const out = dissolve(large, { by: ['continent', 'large'], aggregate: { pop_est: 'mean', iso_a3: 'first' } });
    expect(out.features.map((f) => [f.properties?.continent, f.properties?.large])).toEqual(ref.byContinentLarge.keys);
    out.features.forEach((f, i) => {
      expect(f.properties?.pop_est).toBeCloseTo(ref.byContinentLarge.pop_est_mean[i], 3);
      expect(f.properties?.iso_a3).toBe(ref.byContinentLarge.iso_a3_first[i]);
    });
  });

  const pt = (x: number, props: Record<string, unknown>) => ({
    type: 'Feature' as const,
    properties: props,
    geometry: { type: 'Point' as const, coordinates: [x, 0] },
  });
  const trees: GeoCollection = {
    type: 'FeatureCollection',
    features: [pt(0, { sp: 'oak', h: 3 }), pt(1, { sp: null, h: 5 }), pt(2, { sp: 'ash', h: null }), pt(3, { sp: 'oak', h: 9 })],
  };

  it('drops features without a key and says how many, unless dropMissing is false', () => {
    const out = dissolve(trees, { by: 'sp', aggregate: { h: 'list' } });
    expect(out.features.map((f) => f.properties)).toEqual([
      { sp: 'ash', h: [null] },
      { sp: 'oak', h: [3, 9] },
    ]);
    expect(out.skipped?.[0]?.reason).toMatch(/^1 features with a missing sp dropped/);
    const kept = dissolve(trees, { by: 'sp', aggregate: { h: 'count' }, dropMissing: false });
    expect(kept.features.map((f) => [f.properties?.sp, f.properties?.h])).toEqual([
      ['ash', 0],
      ['oak', 2],
      [null, 1],
    ]);
    expect(kept.features[1]?.geometry?.type).toBe('MultiPoint');
  });

  it('skips nulls in sum, mean, min, max, first and last as pandas does, and takes functions', () => {
    const all = { ...trees, features: trees.features.map((f) => ({ ...f, properties: { ...f.properties, g: 1 } })) };
    const out = dissolve(all, { by: 'g', aggregate: { h: 'mean', sp: 'last', x: (values) => values.length } });
    expect(out.features[0]?.properties).toEqual({ g: 1, h: (3 + 5 + 9) / 3, sp: 'oak', x: 4 });
    expect(() => dissolve(all, { by: 'g', aggregate: { h: 'median' as never } })).toThrow(GeoError);
  });
});

describe('overlay and clip against GeoPandas', () => {
  const zones: GeoCollection = {
    type: 'FeatureCollection',
    crs: 'EPSG:2263',
    features: reference.overlay.zones.map((b: number[], i: number) => ({
      type: 'Feature',
      properties: { zone: ['west', 'east'][i] },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [b[0], b[1]],
            [b[2], b[1]],
            [b[2], b[3]],
            [b[0], b[3]],
            [b[0], b[1]],
          ],
        ],
      },
    })),
  };
  // The boroughs simplified by the reference script (100 ft), so that each overlay takes seconds.
  const boroughs = readGeoJSON(readFileSync(`${fixtures}nybb_simplified.geojson`, 'utf8'), { crs: 'EPSG:2263' });

  for (const r of reference.overlay.results) {
    it(`${r.how}: ${r.count} pieces with the same attributes and areas (EPSG:2263, ft²)`, () => {
      const out = overlay(boroughs, zones, r.how);
      const rows = out.features
        .map((f) => [f.properties?.BoroName ?? null, f.properties?.zone ?? null, area(f, { crs: out.crs })])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
      const expected = [...r.rows].sort(
        (a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])),
      );
      expect(rows.map((x) => [x[0], x[1]])).toEqual(expected.map((x: unknown[]) => [x[0], x[1]]));
      rows.forEach((x, i) => {
        expect(Math.abs((x[2] as number) - expected[i][2])).toBeLessThan(1e-6 * (expected[i][2] as number) + 1);
      });
    });
  }

  it('clips the boroughs to a box as gpd.clip', () => {
    const out = clip(nybb, reference.overlay.clip.box);
    expect(out.features.map((f) => f.properties?.BoroName)).toEqual(
      expect.arrayContaining(reference.overlay.clip.rows.map((r: unknown[]) => r[0])),
    );
    expect(out.features).toHaveLength(reference.overlay.clip.rows.length);
    for (const [name, a] of reference.overlay.clip.rows) {
      const f = out.features.find((x) => x.properties?.BoroName === name);
      expect(Math.abs(area(f as NonNullable<typeof f>, { crs: out.crs }) / a - 1)).toBeLessThan(1e-9);
    }
  });

  it('refuses layers in different CRSs and non-polygon layers', () => {
    expect(() => overlay(countries, nybb, 'union')).toThrow(/different CRSs/);
    const pts: GeoCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }],
    };
    expect(() => overlay(pts, countries, 'intersection')).toThrow('a.features[0].geometry.type must be');
  });
});

describe('buffer', () => {
  const boroughsSimple = readGeoJSON(readFileSync(`${fixtures}nybb_simplified.geojson`, 'utf8'), { crs: 'EPSG:2263' });
  it('buffers in metres in a projected CRS: a 1,000 m circle is π km² in EPSG:2263 (ft²)', () => {
    const pt: GeoCollection = {
      type: 'FeatureCollection',
      crs: 'EPSG:2263',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [988000, 200000] } }],
    };
    const out = buffer(pt, 1000, { steps: 64 });
    expect(out.crs).toBe('EPSG:2263');
    const ft2 = area(out.features[0] as NonNullable<(typeof out.features)[0]>, { crs: out.crs });
    const m2 = ft2 * (1200 / 3937) ** 2;
    expect(Math.abs(m2 / (Math.PI * 1e6) - 1)).toBeLessThan(0.002);
  });

  it('buffers on WGS 84 and keeps properties', () => {
    const wgs = toCrs(boroughsSimple, 'EPSG:4326');
    const out = buffer({ ...wgs, features: wgs.features.slice(3, 4) }, 100);
    expect(out.features[0]?.properties?.BoroName).toBe('Manhattan');
    expect(area(out.features[0] as NonNullable<(typeof out.features)[0]>)).toBeGreaterThan(
      area(wgs.features[3] as NonNullable<(typeof wgs.features)[0]>),
    );
    expect(() => buffer(wgs, Number.NaN)).toThrow(GeoError);
  });
});

describe('dissolve then join equals join then group', () => {
  it('counts the same cities per continent either way', async () => {
    const { cities } = await import('./load.js');
    const continents = dissolve(countries, { by: 'continent', aggregate: { name: 'count' } });
    const viaDissolve = spatialJoin(cities, continents, { predicate: 'within' });
    const viaGroup = spatialJoin(cities, countries, { predicate: 'within' });
    const count = (fc: GeoCollection) => {
      const m: Record<string, number> = {};
      for (const f of fc.features) m[f.properties?.continent as string] = (m[f.properties?.continent as string] ?? 0) + 1;
      return m;
    };
    expect(count(viaDissolve)).toEqual(count(viaGroup));
  });
});
