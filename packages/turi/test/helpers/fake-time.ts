/** A fake clock and sleep: waits are recorded and advance the clock instantly. */
export function fakeTime(start = 1_700_000_000_000) {
  let t = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      waits.push(ms);
      t += ms;
    },
  };
}
