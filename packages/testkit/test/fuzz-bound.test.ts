import { TestkitError } from '@ds/testkit';
import { fuzzExport } from '@ds/testkit/arbitraries';
import { describe, expect, it } from 'vitest';

// fuzzExport's time bound: CPU time for synchronous work (a machine busy with other processes
// must not turn a fast call into an 'unbounded' one), the clock for promises.
const checked = (n: unknown) => {
  if (typeof n !== 'number') throw new TestkitError('invalid-type', 'n', n, 'a finite number');
  if (!Number.isFinite(n)) throw new TestkitError('out-of-range', 'n', n, 'a finite number');
  return n;
};
const bound = { params: ['n'], args: () => [1], timeoutMs: 20, randomRuns: 0, depth: 0 };
const options = { errorClass: TestkitError };

describe('fuzzExport bounds every call', () => {
  it('reports a call that burns more CPU than its bound as unbounded', async () => {
    // The valid baseline (n = 1) spends 40 ms of CPU, as an endless loop would spend more.
    const burns = (n: unknown) => {
      const start = process.cpuUsage();
      while (n === 1 && process.cpuUsage(start).user < 40_000) {
        // busy
      }
      return checked(n);
    };
    const report = await fuzzExport(burns, bound, options);
    expect(report.failures).toEqual([
      { kind: 'unbounded', path: expect.any(String), value: expect.any(String), message: 'took over 20 ms' },
    ]);
  });

  it('reports a promise that does not settle within the bound as unbounded', async () => {
    const never = (n: unknown) => (typeof n === 'number' ? new Promise(() => {}) : Promise.reject(checked(n)));
    const report = await fuzzExport(never, bound, options);
    expect(report.failures.some((f) => f.kind === 'unbounded' && f.message === 'took over 20 ms')).toBe(true);
  });

  it('does not count the time the thread waited without running (another process had the core)', async () => {
    const descheduled = (n: unknown) => {
      if (n === 1) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60);
      return checked(n);
    };
    const report = await fuzzExport(descheduled, bound, options);
    expect(report.failures).toEqual([]);
    expect(report.calls).toBeGreaterThan(1);
  });
});
