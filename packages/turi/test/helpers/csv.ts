import { readFileSync } from 'node:fs';

/** The published 2018 run, one object of strings per row. */
export function read2018(): Record<string, string>[] {
  const csv = readFileSync(new URL('../fixtures/turi-2018-candidates.csv', import.meta.url), 'utf8');
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const columns = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));
}
