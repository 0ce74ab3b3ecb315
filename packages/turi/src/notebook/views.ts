// TURI rankings as tables in Jupyter.

import { TuriError } from '../errors.js';
import type { RankedRow } from '../rank.js';
import { type Display, display, escapeHtml, htmlTable, textTable } from './display.js';

/** Options of {@link showRanking}. */
export interface ShowRankingOptions {
  /** Show the first `limit` rows. Default 20; at most 10,000 (a notebook output, not a data dump). */
  limit?: number;
  /** A caption above the table. */
  caption?: string;
}

const columns = ['rank', 'id', 'TURI', 'IF', 'G', 'NF', 'T', 'missing'] as const;

/**
 * Shows rows from `rankUnderrated` as a table: rank, id, TURI, IF (influence), G (growth), NF
 * (followers), T (posts) and the reason a TURI is missing, as HTML and as aligned text. In Jupyter (Deno's kernel or tslab) the call shows it; it returns the `Display`, whose `bundle` holds what was sent.
 *
 * @throws {TuriError} `invalid-type` when `rows` is not an array of ranked rows or options is not a plain object; `out-of-range` for a bad `limit`
 *
 * @example
 * import { rankUnderrated } from '@ds/turi';
 * import { showRanking } from '@ds/turi/notebook';
 * const rows = rankUnderrated([
 *   { id: 'a', followersCount: 300, tweetCount: 200, influence: 10000 },
 *   { id: 'b', followersCount: 150, tweetCount: 10, influence: 15000 },
 * ]);
 * const shown = showRanking(rows);
 * Object.keys(shown.bundle); // => ['text/html', 'text/plain']
 * shown.bundle['text/plain'].split('\n')[1]; // => '1     b   1500  15000  15   150  10'
 */
export function showRanking(rows: readonly RankedRow[], options: ShowRankingOptions = {}): Display {
  if (!Array.isArray(rows)) throw new TuriError('invalid-type', 'rows', rows, 'an array of rows from rankUnderrated');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TuriError('invalid-type', 'options', options, 'a plain object');
  }
  const limit = options.limit ?? 20;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new TuriError('out-of-range', 'limit', limit, 'a whole number in [1, 10000]');
  }
  if (options.caption !== undefined && typeof options.caption !== 'string') {
    throw new TuriError('invalid-type', 'caption', options.caption, 'a string');
  }
  const table = rows.slice(0, limit).map((r, i) => {
    if (r === null || typeof r !== 'object' || !('turi' in r)) {
      throw new TuriError('invalid-type', `rows[${i}]`, r, 'a row from rankUnderrated (with turi, influence, growth)');
    }
    // The cells printed: numbers finite (or missing, as rankUnderrated leaves them), ids and reasons text.
    for (const field of ['rank', 'turi', 'influence', 'growth', 'followersCount', 'tweetCount'] as const) {
      const v: unknown = r[field];
      if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isFinite(v)))
        throw new TuriError(
          typeof v === 'number' ? 'out-of-range' : 'invalid-type',
          `rows[${i}].${field}`,
          v,
          'a finite number, or undefined where rankUnderrated leaves it missing',
        );
    }
    if (r.id !== undefined && typeof r.id !== 'string' && !(typeof r.id === 'number' && Number.isFinite(r.id)))
      throw new TuriError('invalid-type', `rows[${i}].id`, r.id, 'a string or a finite number');
    if (r.missing !== undefined && typeof r.missing !== 'string')
      throw new TuriError('invalid-type', `rows[${i}].missing`, r.missing, 'a reason string, or undefined');
    return [r.rank, r.id, r.turi, r.influence, r.growth, r.followersCount, r.tweetCount, r.missing];
  });
  const more = rows.length > limit ? `${rows.length - limit} more rows not shown` : '';
  const html = htmlTable(columns, table, options.caption) + (more === '' ? '' : `<p><small>${escapeHtml(more)}</small></p>`);
  const text = [options.caption ?? '', textTable(columns, table), more].filter((l) => l !== '').join('\n');
  return display({ 'text/html': html, 'text/plain': text }, `table: ${table.length} of ${rows.length} ranked accounts`);
}
