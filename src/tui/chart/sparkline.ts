/**
 * A one-line sparkline (▁▂▃▄▅▆▇█) for a table cell: one block per sample,
 * the newest at the right, unknown samples as spaces (never a fake ▁).
 */

/** The eight block heights, lowest first. */
export const SPARK_BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * The newest `width` values as blocks scaled so `max` is a full block;
 * shorter histories are padded on the left with spaces.
 */
export function sparkline(values: readonly (number | null)[], width: number, max: number): string {
  const shown = values.slice(Math.max(0, values.length - width));
  let out = ' '.repeat(Math.max(0, width - shown.length));
  for (const v of shown) {
    if (v === null || !Number.isFinite(v)) {
      out += ' ';
      continue;
    }
    const ratio = max > 0 ? Math.min(1, Math.max(0, v / max)) : 0;
    out += SPARK_BLOCKS[Math.round(ratio * (SPARK_BLOCKS.length - 1))];
  }
  return out;
}
