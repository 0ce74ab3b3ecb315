/**
 * The writer's property columns: the union of the features' property names, and per name one
 * Parquet column typed by its values (whole numbers INT64, other numbers DOUBLE, bigints, booleans,
 * Dates as TIMESTAMP, strings, objects and arrays as JSON), laid out as PLAIN pages want them, in
 * the rows' written order.
 */
import { GeoError } from '../../errors.js';
import type { Feature, Properties } from '../../geojson.js';
import { type LeafColumn, type SchemaNode, TYPE } from './parquet-write.js';

/** `v` permuted by `order` (itself when order is null). */
export function pickF64(v: Float64Array, order: Uint32Array | null): Float64Array {
  if (!order) return v;
  const out = new Float64Array(v.length);
  for (let k = 0; k < v.length; k++) out[k] = v[order[k] as number] as number;
  return out;
}

/** Every property name of the features, in first-seen order. */
export function propertyNames(features: Feature[]): string[] {
  const seen = new Set<string>();
  let last: Properties | null | undefined;
  for (const f of features) {
    const p = f.properties;
    if (!p || p === last) continue;
    last = p;
    for (const k of Object.keys(p)) seen.add(k);
  }
  return [...seen];
}

/** The schema node and leaf column of property `name`, rows in `order` (null: as they are). */
export function columnOf(name: string, features: Feature[], order: Uint32Array | null): { node: SchemaNode; column: LeafColumn } {
  const n = features.length;
  // Read in the collection's order (the objects lie in memory in that order), then permute.
  const raw: unknown[] = new Array(n);
  const numbers = new Float64Array(n);
  let kind: string | undefined;
  let integer = true;
  for (let i = 0; i < n; i++) {
    const p = (features[i] as Feature).properties;
    // Own keys only: a property named 'toString' is data, not Object.prototype's method.
    const v = p && Object.hasOwn(p, name) ? p[name] : undefined;
    raw[i] = v;
    if (v === null || v === undefined) continue;
    const t = typeof v;
    if (t === 'function' || t === 'symbol')
      throw new GeoError(
        'invalid-type',
        `properties.${name}`,
        v,
        'a number, string, boolean, bigint, Date, array or plain object',
        `property '${name}' holds a ${t} at feature ${i}: Parquet cannot store it`,
      );
    if (t === 'number') {
      numbers[i] = v as number;
      if (integer && !(Number.isSafeInteger(v) && !Object.is(v, -0))) integer = false;
      if (kind === 'number') continue;
    }
    const kk = t === 'number' ? t : v instanceof Date ? 'date' : Array.isArray(v) || t === 'object' ? 'json' : t;
    if (kind === undefined) kind = kk;
    else if (kind !== kk)
      throw new GeoError(
        'invalid-type',
        `properties.${name}`,
        v,
        `values of one type (the first was a ${kind})`,
        `property '${name}' holds a ${kind} and, at feature ${i}, a ${kk} (${JSON.stringify(v)}): a Parquet column has one type; convert them first`,
      );
  }
  let values = raw;
  if (order) {
    values = new Array(n);
    for (let k = 0; k < n; k++) values[k] = raw[order[k] as number];
  }
  let absent = 0;
  const present = new Uint8Array(n);
  for (let k = 0; k < n; k++)
    if (values[k] === null || values[k] === undefined) absent++;
    else present[k] = 1;
  const column = (type: number, data: LeafColumn['values'], statistics = false): LeafColumn => ({
    path: [name],
    type,
    present: absent > 0 ? present : null,
    values: data,
    statistics,
    pageIndex: false,
  });
  switch (kind) {
    case 'number': {
      const data = pickF64(numbers, order);
      if (integer)
        // safe integers: INT64 written from the numbers (no BigInt per value)
        return { node: { name, type: TYPE.INT64, repetition: 1 }, column: column(TYPE.INT64, { int64: data }, true) };
      return { node: { name, type: TYPE.DOUBLE, repetition: 1 }, column: column(TYPE.DOUBLE, data, true) };
    }
    case 'bigint': {
      const data = new BigInt64Array(n);
      for (let k = 0; k < n; k++) if (present[k]) data[k] = BigInt.asIntN(64, values[k] as bigint);
      return { node: { name, type: TYPE.INT64, repetition: 1 }, column: column(TYPE.INT64, data) };
    }
    case 'boolean': {
      const data = new Uint8Array(n);
      for (let k = 0; k < n; k++) data[k] = values[k] === true ? 1 : 0;
      return { node: { name, type: TYPE.BOOLEAN, repetition: 1 }, column: column(TYPE.BOOLEAN, data) };
    }
    case 'date': {
      const data = new BigInt64Array(n);
      for (let k = 0; k < n; k++) {
        if (!present[k]) continue;
        const t = (values[k] as Date).getTime();
        if (!Number.isFinite(t))
          throw new GeoError(
            'invalid-type',
            `properties.${name}`,
            values[k],
            'valid Dates',
            `property '${name}' holds an invalid Date`,
          );
        data[k] = BigInt(t);
      }
      return {
        // TIMESTAMP(isAdjustedToUTC, MILLIS), and the legacy TIMESTAMP_MILLIS converted type
        node: { name, type: TYPE.INT64, repetition: 1, convertedType: 9, logical: 'TIMESTAMP_MILLIS_UTC' },
        column: column(TYPE.INT64, data),
      };
    }
    default: {
      // strings, JSON (objects and arrays), and columns with no value at all (strings)
      const json = kind === 'json';
      const texts: string[] = new Array(n);
      let size = 0;
      for (let k = 0; k < n; k++) {
        if (!present[k]) continue;
        const t = json ? JSON.stringify(values[k]) : (values[k] as string);
        texts[k] = t;
        size += 4 + 3 * t.length;
      }
      const bytes = new Uint8Array(size);
      const view = new DataView(bytes.buffer);
      const offsets = new Float64Array(n + 1);
      let at = 0;
      for (let k = 0; k < n; k++) {
        offsets[k] = at;
        if (!present[k]) continue;
        const { written } = utf8.encodeInto(texts[k] as string, bytes.subarray(at + 4));
        view.setUint32(at, written, true);
        at += 4 + written;
      }
      offsets[n] = at;
      return {
        node: json
          ? { name, type: TYPE.BYTE_ARRAY, repetition: 1, convertedType: 19, logical: 'JSON' }
          : { name, type: TYPE.BYTE_ARRAY, repetition: 1, convertedType: 0, logical: 'STRING' },
        column: column(TYPE.BYTE_ARRAY, { bytes: bytes.subarray(0, at), offsets }),
      };
    }
  }
}
const utf8 = new TextEncoder();
