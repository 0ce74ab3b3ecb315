/** Why a report could not be rendered. */
export type ReportErrorCode =
  | 'template-syntax'
  | 'undefined-variable'
  | 'template-not-found'
  | 'invalid-type'
  | 'out-of-range'
  | 'missing-glyph'
  | 'missing-font'
  | 'invalid-font'
  | 'invalid-image'
  | 'aborted';

/**
 * The error `@ds/report` throws: a template that does not parse names the template, line and
 * column; a missing variable in strict mode names it; a character no font has lists every such
 * character and where it appears.
 *
 * @example
 * import { ReportError } from '@ds/report';
 * new ReportError('out-of-range', 'page.size', 'A7', "'A4', 'A3', 'A5', 'Letter' or 'Legal'").message; // => "page.size must be 'A4', 'A3', 'A5', 'Letter' or 'Legal', got A7"
 */
export class ReportError extends Error {
  readonly code: ReportErrorCode;
  readonly argument: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(code: ReportErrorCode, argument: string, value: unknown, expected: string, message?: string) {
    super(message ?? `${argument} must be ${expected}, got ${String(value)}`);
    this.name = 'ReportError';
    this.code = code;
    this.argument = argument;
    this.value = value;
    this.expected = expected;
  }
}
