/** What long joins take: progress reports and cancellation. */
export interface Progress {
  onProgress?: (done: number) => void;
  signal?: AbortSignal;
}

/** Every 4,096 items: stop if aborted, else report the share done. */
export function tick(progress: Progress, i: number, n: number): void {
  if ((i & 0xfff) !== 0 || i === 0) return;
  if (progress.signal?.aborted) throw progress.signal.reason ?? new Error('aborted');
  progress.onProgress?.(i / n);
}
