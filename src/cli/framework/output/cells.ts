/**
 * Turning raw values into cell text: human units and `–` for unknown in
 * tables, raw values and `-` for unknown in TSV. The one place that
 * guarantees CLI.md's rule "nothing unknown is ever shown as 0", and that
 * untrusted text is sanitised before it reaches a terminal.
 */
import { sanitizeInline } from '../../../util/sanitize.ts';
import { formatAgo, formatBytes, formatPercent, formatRate } from '../../../util/units.ts';
import { truncateCells } from '../../../util/width.ts';
import type { CellValue, Column, HumanEnv, Humanizer } from './columns.ts';

/** How an unknown value reads in a table: an en dash, clearly not a number. */
export const TABLE_NULL = '–';

/**
 * How an unknown value reads in TSV: a hyphen. An empty field would vanish
 * under `awk`'s default splitting and shift every column after it; `-` is
 * plain ASCII and never a valid number, so scripts cannot read it as 0.
 */
export const TSV_NULL = '-';

function humanize(value: string | number | boolean, how: Humanizer | undefined, env: HumanEnv): string {
  if (how === undefined) return String(value);
  if (typeof how === 'function') return how(value, env);
  if (how === 'ago') return typeof value === 'number' ? formatAgo(new Date(value * 1000), env.now) : formatAgo(String(value), env.now);
  if (typeof value !== 'number') return String(value);
  if (how === 'bytes') return formatBytes(value);
  if (how === 'rate') return formatRate(value);
  return formatPercent(value);
}

/** A table cell: human units, `–` for null, sanitised, cut to maxWidth. */
export function tableCell<T>(col: Column<T>, item: T, env: HumanEnv): { text: string; isNull: boolean } {
  const v = col.value(item);
  if (v === null) return { text: TABLE_NULL, isNull: true };
  const text = sanitizeInline(humanize(v, col.human, env));
  return { text: col.maxWidth === undefined ? text : truncateCells(text, col.maxWidth), isNull: false };
}

/** A TSV field: the raw value, `-` for null, no tabs or newlines inside. */
export function tsvCell(v: CellValue): string {
  if (v === null) return TSV_NULL;
  return sanitizeInline(String(v));
}
