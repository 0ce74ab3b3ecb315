// `npm run demo` for @ds/geo: the airports of vega-datasets joined to the NYC boroughs and the
// Natural Earth countries, checked against their country column, and drawn as an offline
// Leaflet map (choropleth of population density, airports, join-check problems) and an SVG; and
// an overlay of two real layers on GEOS: the countries against the land within 500 km of a
// capital (the Natural Earth populated places, buffered and dissolved).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  area,
  buffer,
  classify,
  dissolve,
  joinCheck,
  leafletMap,
  overlay,
  pointsFromCsv,
  readFlatGeobuf,
  readGeoParquet,
  readShapefile,
  spatialJoin,
  startGeometryEngine,
  svgMap,
  toCrs,
  writeFlatGeobuf,
  writeGeoJSON,
  writeGeoParquet,
} from '@ds/geo';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'geo', 'test', 'fixtures');

export default async function demo({ outDir }) {
  const part = (name, ext) => readFileSync(join(fixtures, name, `${name}.${ext}`));
  const countries = await readShapefile({
    shp: part('naturalearth_lowres', 'shp'),
    dbf: part('naturalearth_lowres', 'dbf'),
    prj: part('naturalearth_lowres', 'prj'),
    cpg: part('naturalearth_lowres', 'cpg'),
  });
  const cities = await readShapefile({
    shp: part('naturalearth_cities', 'shp'),
    dbf: part('naturalearth_cities', 'dbf'),
    prj: part('naturalearth_cities', 'prj'),
    cpg: part('naturalearth_cities', 'cpg'),
  });
  const nybb = await readShapefile(readFileSync(join(fixtures, 'nybb_16a.zip')));
  const engine = await startGeometryEngine();
  const boroughs = toCrs(nybb, 'EPSG:4326');
  const airports = pointsFromCsv(readFileSync(join(fixtures, 'airports.csv'), 'utf8'), { lat: 'latitude', lon: 'longitude' });

  const density = countries.features.map((f) => f.properties.pop_est / (area(f) / 1e6));
  const withDensity = {
    ...countries,
    features: countries.features.map((f, i) => ({
      ...f,
      properties: { ...f.properties, density: Math.round(density[i] * 10) / 10 },
    })),
  };
  const claimed = {
    ...airports,
    features: airports.features.map((f) => ({
      ...f,
      properties: {
        ...f.properties,
        country: f.properties.country === 'USA' ? 'United States of America' : f.properties.country,
      },
    })),
  };
  const check = joinCheck(claimed, countries, { claimed: 'country', label: 'name' });
  const inNyc = spatialJoin(airports, boroughs, { predicate: 'within' });
  const boroughArea = {
    ...boroughs,
    features: boroughs.features.map((f) => ({ ...f, properties: { ...f.properties, km2: Math.round(area(f) / 1e4) / 100 } })),
  };

  const html = leafletMap({
    title: 'Airports, population density and the join check',
    layers: [
      {
        type: 'choropleth',
        name: 'People per km²',
        data: withDensity,
        property: 'density',
        scheme: 'natural-breaks',
        k: 5,
        tooltip: ['name', 'density'],
      },
      {
        type: 'choropleth',
        name: 'NYC boroughs (km²)',
        data: boroughArea,
        property: 'km2',
        k: 5,
        colours: 'blues',
        tooltip: ['BoroName', 'km2'],
      },
      { type: 'circles', name: 'Airports', data: airports, radius: 2, popup: ['name', 'iata', 'city', 'state'] },
      { type: 'heat', name: 'Airport density', data: airports },
      {
        type: 'circles',
        name: 'Join check: problems',
        data: check.problems,
        radius: 5,
        colourBy: { property: 'status', colours: { disagree: '#d7301f', unmatched: '#2b8cbe' } },
        tooltip: ['name', 'claimed', 'found', 'status'],
      },
    ],
  });
  const svg = svgMap({
    title: 'People per km² (Natural Earth 1:110m, natural breaks)',
    layers: [
      { type: 'choropleth', name: 'Density', data: withDensity, property: 'density', scheme: 'natural-breaks', k: 5 },
      { type: 'circles', name: 'Airports', data: airports, radius: 0.8, colour: '#08519c' },
    ],
    width: 960,
    height: 520,
  });
  // Overlay of two real layers: each country's land within 500 km of a capital, and the rest.
  const reach = dissolve(
    { ...cities, features: cities.features.map((f) => ({ ...f, properties: { reach: '≤ 500 km from a capital' } })) },
    { by: 'reach' },
  );
  const near = overlay(countries, buffer(reach, 500_000), 'intersection');
  const far = overlay(countries, buffer(reach, 500_000), 'difference');
  const share = new Map(near.features.map((f) => [f.properties.name, area(f)]));
  const shared = {
    ...countries,
    features: countries.features.map((f) => ({
      ...f,
      properties: { name: f.properties.name, near: Math.round((100 * (share.get(f.properties.name) ?? 0)) / area(f)) },
    })),
  };
  const overlaySvg = svgMap({
    title: 'Share of each country within 500 km of a capital (%), overlay on GEOS',
    layers: [
      {
        type: 'choropleth',
        name: 'Within 500 km (%)',
        data: shared,
        property: 'near',
        scheme: 'equal-interval',
        k: 4,
        colours: 'blues',
      },
      { type: 'features', name: 'Pieces within 500 km', data: near, colour: '#d7301f', weight: 0.6, fillOpacity: 0 },
    ],
    width: 960,
    height: 520,
  });
  // The inventory (here the airports) as GeoParquet and FlatGeobuf, read back to check them.
  const parquet = await writeGeoParquet(airports, { sort: 'hilbert', rowGroupSize: 500 });
  const fgb = await writeFlatGeobuf(airports);
  const nycBox = [-74.3, 40.5, -73.7, 40.9];
  const [fromParquet, fromFgb] = [await readGeoParquet(parquet, { bbox: nycBox }), await readFlatGeobuf(fgb, { bbox: nycBox })];
  const files = [
    join(outDir, 'map.html'),
    join(outDir, 'density.svg'),
    join(outDir, 'join-check.json'),
    join(outDir, 'overlay-near-capitals.geojson'),
    join(outDir, 'overlay-near-capitals.svg'),
    join(outDir, 'inventory.parquet'),
    join(outDir, 'inventory.fgb'),
  ];
  writeFileSync(files[0], html);
  writeFileSync(files[1], svg);
  writeFileSync(files[2], JSON.stringify({ ...check, problems: check.problems.features.map((f) => f.properties) }, null, 1));
  writeFileSync(files[3], writeGeoJSON({ ...near, features: [...near.features, ...far.features] }));
  writeFileSync(files[4], overlaySvg);
  writeFileSync(files[5], parquet);
  writeFileSync(files[6], fgb);
  const classes = classify(density, { scheme: 'natural-breaks', k: 5 });
  const summary = [
    `airports in NYC: ${inNyc.features.map((f) => `${f.properties.iata} (${f.properties.BoroName})`).join(', ')}`,
    `join check of the country column: ${(check.agreementRate * 100).toFixed(1)}% agree, ${check.disagree} disagree, ${check.unmatched} in no country`,
    `density breaks (people per km²): ${classes.breaks.map((b) => Math.round(b)).join(', ')}`,
    `map.html ${(html.length / 1e6).toFixed(1)} MB, offline; density.svg ${(svg.length / 1e3).toFixed(0)} kB`,
    `overlay on GEOS ${engine.version}: ${near.features.length} pieces within 500 km of a capital, ${far.features.length} beyond`,
    `inventory.parquet ${(parquet.length / 1e3).toFixed(0)} kB, inventory.fgb ${(fgb.length / 1e3).toFixed(0)} kB; ${fromParquet.features.length} and ${fromFgb.features.length} airports read back in the NYC box`,
  ].join('\n');
  return { files, summary };
}
