/** JSON text of any value for a message: bigints as `12n`, and never a throw (cycles, getters). */
export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    return '(a value that cannot be shown)';
  }
}
