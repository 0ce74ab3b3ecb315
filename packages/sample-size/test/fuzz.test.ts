/**
 * Every runtime export of @ds/sample-size, called with a valid baseline and then with one field
 * at a time broken (docs/contributing.md, "Fuzz tests"): a SampleSizeError naming the field, or a
 * result whose numbers are finite and whose documented ranges hold.
 */

import { describeFuzz, type FuzzTable, type KnownGap } from '@ds/testkit/vitest';
import * as sampleSize from '../src/index.js';
import { SampleSizeError } from '../src/index.js';

type Result = Record<string, unknown>;

/** Power and alpha in [0, 1], sizes ≥ 1, every number finite. */
function plausible(result: unknown): boolean {
  const r = result as Result;
  for (const key of ['power', 'alpha']) {
    const v = r[key];
    if (v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= 1))) return false;
  }
  for (const key of ['n1', 'n2', 'total']) {
    const v = r[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)) return false;
  }
  return (
    JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? 'NOT FINITE' : v)).includes('NOT FINITE') ===
    false
  );
}

const table: FuzzTable = {
  PROPORTIONS_METHODS: { value: (v) => Array.isArray(v) && v.length === 7 && v.every((m) => typeof m === 'string') },
  SampleSizeError: {
    construct: true,
    params: ['code', 'argument', 'value', 'expected', 'message', 'options'],
    args: () => ['out-of-range', 'p1', 1.2, 'in [0, 1]'],
    invariant: (e) => e instanceof SampleSizeError && e.message.length > 0,
  },
  cohensH: { params: ['p1', 'p2'], args: () => [0.52, 0.5] },
  sampleSizeTwoProportions: { params: ['options'], args: () => [{ p1: 0.5, p2: 0.6, method: 'pooled' }], invariant: plausible },
  powerTwoProportions: { params: ['options'], args: () => [{ p1: 0.5, p2: 0.6, n1: 200 }], invariant: plausible },
  detectableDifference: { params: ['options'], args: () => [{ p1: 0.5, n1: 1000 }], invariant: plausible },
  solveTwoProportions: { params: ['options'], args: () => [{ solve: 'n', p1: 0.5, p2: 0.6 }], invariant: plausible },
  sampleSizeTTest: { params: ['options'], args: () => [{ d: 0.5 }], invariant: plausible },
  powerTTest: { params: ['options'], args: () => [{ d: 0.6, n1: 30, n2: 45 }], invariant: plausible },
  solveTTest: { params: ['options'], args: () => [{ solve: 'd', n1: 50 }], invariant: plausible },
  sampleSizeCurve: {
    params: ['options'],
    args: () => [{ vary: 'difference', values: [0.02, 0.05], p1: 0.5, powers: [0.5, 0.8] }],
  },
  powerCurve: { params: ['options'], args: () => [{ p1: 0.5, p2: 0.52, values: [3381, 9806] }] },
  explain: {
    params: ['result'],
    args: () => [sampleSize.sampleSizeTwoProportions({ p1: 0.5, p2: 0.52 })],
    // Without a method a result reads as a t test's, whose type is then missing.
    names: { 'result.method': ['result.type'] },
    invariant: (text) => typeof text === 'string' && text.length > 0 && !/NaN|Infinity|undefined/.test(text),
  },
  worstCaseBaseline: { params: ['options'], args: () => [{ difference: 0.02 }], invariant: plausible },
  subgroupSampleSize: {
    params: ['options'],
    args: () => [
      {
        p1: 0.5,
        p2: 0.55,
        subgroups: [
          { name: 'weekday', share: 0.7 },
          { name: 'weekend', share: 0.3 },
        ],
      },
    ],
  },
  collectionTime: { params: ['options'], args: () => [{ n1: 3381, arrivalsPerHour: 120, hoursPerDay: 10 }] },
};

/** Failures in code another engineer is changing (see the issue); this list must shrink to zero. */
const knownGaps: KnownGap[] = [];

describeFuzz('@ds/sample-size', sampleSize as Record<string, unknown>, table, { errorClass: SampleSizeError, knownGaps });
