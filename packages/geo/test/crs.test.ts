import { describe, expect, it } from 'vitest';
import { area, crsDefinition, GeoError, geodesicDistance, length, normaliseCrs, registerCrs, toCrs } from '../src/index.js';
import { cities, countries, nybb, reference } from './load.js';

describe('toCrs', () => {
  const ref = reference.toCrs;

  it('reprojects the boroughs from EPSG:2263 (US feet) to WGS 84 as pyproj does, bounding boxes recomputed', () => {
    const wgs = toCrs(nybb, 'EPSG:4326');
    expect(wgs.crs).toBe('EPSG:4326');
    wgs.bbox?.forEach((b, i) => {
      expect(b).toBeCloseTo(ref.nybbTo4326TotalBounds[i], 9);
    });
    wgs.features.forEach((f, i) => {
      f.bbox?.forEach((b, k) => {
        expect(b).toBeCloseTo(ref.nybbTo4326Bounds[i][k], 9);
      });
    });
  });

  it('projects the cities to Web Mercator within a millimetre of pyproj', () => {
    const merc = toCrs(cities, 'EPSG:3857');
    merc.features.forEach((f, i) => {
      const c = f.geometry?.type === 'Point' ? f.geometry.coordinates : [];
      expect(Math.abs((c[0] as number) - ref.citiesTo3857[i][0])).toBeLessThan(1e-3);
      expect(Math.abs((c[1] as number) - ref.citiesTo3857[i][1])).toBeLessThan(1e-3);
    });
  });

  it('projects to UTM zone 33N within a millimetre of pyproj', () => {
    // Far from its central meridian a transverse Mercator diverges: only cities within 3°–27°E.
    const near = { ...cities, features: ref.citiesTo32633.map(([i]: number[]) => cities.features[i as number]) };
    const utm = toCrs(near, 'EPSG:32633');
    expect(ref.citiesTo32633.length).toBeGreaterThan(20);
    for (const [k, [, x, y]] of ref.citiesTo32633.entries()) {
      const f = utm.features[k];
      const c = f?.geometry?.type === 'Point' ? f.geometry.coordinates : [];
      expect(Math.abs((c[0] as number) - x)).toBeLessThan(1e-3);
      expect(Math.abs((c[1] as number) - y)).toBeLessThan(1e-3);
    }
  });

  it('round-trips 2263 → 4326 → 2263 to a thousandth of a foot', () => {
    const back = toCrs(toCrs(nybb, 'EPSG:4326'), 'EPSG:2263');
    const a = nybb.features[3]?.geometry;
    const b = back.features[3]?.geometry;
    if (a?.type !== 'MultiPolygon' || b?.type !== 'MultiPolygon') throw new Error('expected multipolygons');
    const p = a.coordinates[0]?.[0]?.[5] as number[];
    const q = b.coordinates[0]?.[0]?.[5] as number[];
    expect(Math.abs((p[0] as number) - (q[0] as number))).toBeLessThan(1e-3);
  });

  it('knows every UTM zone, north and south', () => {
    for (let z = 1; z <= 60; z++) {
      expect(crsDefinition(`EPSG:326${String(z).padStart(2, '0')}`)).toContain(`+zone=${z} `);
      expect(crsDefinition(`EPSG:327${String(z).padStart(2, '0')}`)).toContain('+south');
    }
  });

  it('refuses an unknown code, naming the way out', () => {
    expect(() => toCrs(cities, 'EPSG:999999')).toThrow(GeoError);
    expect(() => toCrs(cities, 'EPSG:999999')).toThrow(/registerCrs/);
    expect(() => crsDefinition('not a crs')).toThrow(/proj string or WKT/);
  });

  it('takes a registered definition', () => {
    registerCrs(
      'EPSG:3078',
      '+proj=omerc +lat_0=45.3091666666667 +lonc=-86 +alpha=337.25556 +k=0.9996 +x_0=2546731.496 +y_0=-4354009.816 +no_uoff +gamma=337.25556 +datum=NAD83 +units=m +no_defs',
    );
    expect(normaliseCrs('epsg:3078')).toBe('EPSG:3078');
    const mi = toCrs(cities, 'EPSG:3078');
    expect(mi.crs).toBe('EPSG:3078');
    expect(() => registerCrs('EPSG:1', '+proj=nonsense')).toThrow(GeoError);
  });
});

describe('area and length', () => {
  const m = reference.measure;

  it('gives planar areas and lengths in US feet in EPSG:2263, as Shapely', () => {
    nybb.features.forEach((f, i) => {
      expect(area(f, { crs: nybb.crs })).toBeCloseTo(m.nybbPlanarArea[i], 0);
      expect(length(f, { crs: nybb.crs })).toBeCloseTo(m.nybbPlanarLength[i], 3);
    });
  });

  it('gives geodesic areas on WGS 84 within 0.01% of pyproj (Karney) for all 177 countries, Antarctica included', () => {
    countries.features.forEach((f, i) => {
      expect(Math.abs(area(f) / m.countriesGeodesicArea[i] - 1)).toBeLessThan(1e-4);
    });
    toCrs(nybb, 'EPSG:4326').features.forEach((f, i) => {
      expect(Math.abs(area(f) / m.nybbGeodesicArea[i] - 1)).toBeLessThan(1e-6);
    });
  });

  it('gives geodesic perimeters within 1e-9 of pyproj', () => {
    countries.features.forEach((f, i) => {
      expect(Math.abs(length(f) / m.countriesGeodesicPerimeter[i] - 1)).toBeLessThan(1e-9);
    });
  });

  it('gives geodesic distances as pyproj', () => {
    const g = reference.nearestGeodesic;
    for (const [q, c, d] of g.rows.slice(0, 50)) {
      const city = cities.features[c]?.geometry;
      const at = city?.type === 'Point' ? city.coordinates : [];
      expect(Math.abs(geodesicDistance([g.lon[q], g.lat[q]], at) - d)).toBeLessThan(1e-3);
    }
  });

  it('refuses what is not a geometry', () => {
    expect(() => area(42 as never)).toThrow(GeoError);
  });
});
