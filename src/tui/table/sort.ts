/**
 * Sorting rows by a column. Unknown values (null) always go last, whatever
 * the direction, so "sort by CPU" never puts the containers berth knows
 * nothing about on top. Ties keep the incoming order (node, then name).
 */
import type { Row } from './columns.ts';

/** Rows sorted by `column` (null: as given). Never mutates. */
export function sortRows(rows: readonly Row[], column: string | null, desc: boolean): Row[] {
  if (column === null) return desc ? [...rows].reverse() : [...rows];
  const indexed = rows.map((r, i) => ({ r, i, v: r.sort[column] ?? null }));
  indexed.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === null && b.v === null ? a.i - b.i : a.v === null ? 1 : -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
    return c === 0 ? a.i - b.i : desc ? -c : c;
  });
  return indexed.map((x) => x.r);
}
