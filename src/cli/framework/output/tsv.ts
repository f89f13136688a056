/**
 * Tab-separated values for scripts (CLI.md: "Piped without -o: the same
 * columns tab-separated, raw units, no colour"): `cut -f2` and `awk -F'\t'`
 * work on it, numbers are raw bytes and seconds, unknown is `-`.
 */
import type { Column } from './columns.ts';
import { tsvCell } from './cells.ts';

/** The header line, or '' when headers are off. */
export function tsvHeader<T>(columns: readonly Column<T>[], headers: boolean): string {
  return headers ? `${columns.map((c) => c.header).join('\t')}\n` : '';
}

/** One item as one TSV line. */
export function tsvRow<T>(columns: readonly Column<T>[], item: T): string {
  return `${columns.map((c) => tsvCell(c.value(item))).join('\t')}\n`;
}

/** Items as TSV, header first unless `--no-headers`. */
export function renderTsv<T>(columns: readonly Column<T>[], items: readonly T[], headers: boolean): string {
  return tsvHeader(columns, headers) + items.map((item) => tsvRow(columns, item)).join('');
}
