// Numbers in content streams, to the hundredth of a point: every position, size and colour of a
// page goes through here, so it is written without the general double-to-string conversion.

/**
 * `r / 100` as JavaScript prints it, for an integer `r` (a number in hundredths): `1234` → `12.34`,
 * `-5` → `-0.05`, `250` → `2.5`, `300` → `3`. Integers print fast; the general conversion (the
 * shortest string that reads back as the same double) is what this avoids. The same text as
 * `String(r / 100)` for every integer below 10^14 in magnitude; larger ones take that path. Not
 * finite: `0` (layout gives finite numbers; a broken one must not break the stream).
 */
export function fromHundredths(r: number): string {
  if (!Number.isFinite(r)) return '0';
  if (r % 100 === 0 || !(Math.abs(r) < 1e14)) return String(r / 100);
  const negative = r < 0;
  const a = negative ? -r : r;
  const whole = Math.floor(a / 100);
  const frac = a - whole * 100;
  const digits = frac % 10 === 0 ? String(frac / 10) : frac < 10 ? `0${frac}` : String(frac);
  return `${negative ? '-' : ''}${whole}.${digits}`;
}

/** `v` rounded to hundredths, as `String(Math.round(v * 100) / 100)` prints it. */
export function hundredths(v: number): string {
  return fromHundredths(Math.round(v * 100));
}
