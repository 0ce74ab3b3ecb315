import { errorOf as errorOfClass, rejectionOf } from '@ds/testkit';
import { ReportError } from '../src/index.js';

/** The ReportError `fn` throws (the test fails if it throws none, or another error). */
export const errorOf = (fn: () => unknown): ReportError => errorOfClass(fn, ReportError);

/** The ReportError `p` rejects with (the test fails if it resolves, or rejects with another error). */
export const rejection = (p: Promise<unknown>): Promise<ReportError> => rejectionOf(p, ReportError);
