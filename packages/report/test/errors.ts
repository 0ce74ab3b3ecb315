import type { ReportError } from '../src/index.js';

/** The error `fn` throws (the test fails if it throws none). */
export function errorOf(fn: () => unknown): ReportError {
  try {
    fn();
  } catch (e) {
    return e as ReportError;
  }
  throw new Error('expected an error');
}

/** The error `p` rejects with (the test fails if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<ReportError> {
  try {
    await p;
  } catch (e) {
    return e as ReportError;
  }
  throw new Error('expected a rejection');
}
