// Fixture loading shared by the tests (not a test file).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type GeoCollection, readShapefile } from '../src/index.js';

export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function shapefileParts(name: string) {
  const at = `${fixtures}${name}/${name}`;
  return {
    shp: readFileSync(`${at}.shp`),
    dbf: readFileSync(`${at}.dbf`),
    prj: readFileSync(`${at}.prj`, 'utf8'),
    cpg: readFileSync(`${at}.cpg`, 'utf8'),
  };
}

export const countries = await readShapefile(shapefileParts('naturalearth_lowres'));
export const cities = await readShapefile(shapefileParts('naturalearth_cities'));
export const nybb = await readShapefile(readFileSync(`${fixtures}nybb_16a.zip`));

export interface Reference {
  source: string;
  // biome-ignore lint/suspicious/noExplicitAny: the JSON's shape is described by gpd_reference.py
  [section: string]: any;
}
export const reference: Reference = JSON.parse(
  readFileSync(fileURLToPath(new URL('./reference/geopandas.json', import.meta.url)), 'utf8'),
);

export function pointCollection(lon: number[], lat: number[], crs?: string): GeoCollection {
  const fc: GeoCollection = {
    type: 'FeatureCollection',
    features: lon.map((x, i) => ({
      type: 'Feature',
      properties: { pid: i },
      geometry: { type: 'Point', coordinates: [x, lat[i] as number] },
    })),
  };
  if (crs !== undefined) fc.crs = crs;
  return fc;
}
