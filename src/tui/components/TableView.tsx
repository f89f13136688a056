/**
 * A table that renders only its visible rows, each one preformatted line
 * (REFERENCE.md §5: a box per cell costs twice the CPU). Columns are laid
 * out by display width over the filtered rows, so CJK names line up.
 */
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { headerLine, layoutColumns, rowSegments, type Column, type Row } from '../table/columns.ts';
import { tx, type Theme } from '../theme/tokens.ts';
import { Line } from './Segments.tsx';

/** Props of TableView. */
export interface TableViewProps {
  columns: readonly Column[];
  rows: readonly Row[];
  /** Index of the cursor row in `rows`. */
  cursor: number;
  /** First row shown. */
  top: number;
  /** Lines available, the header included. */
  height: number;
  width: number;
  theme: Theme;
  sort: string | null;
  desc: boolean;
  /** Shown when there are no rows. */
  empty: string;
}

/** The table: a header line and the rows in view. */
export function TableView({ columns, rows, cursor, top, height, width, theme, sort, desc, empty }: TableViewProps) {
  // A gutter marks the cursor row in text too: inverse video is lost without colour support.
  const inner = width - 1;
  // No overflow="hidden" on the box: every line already fits (height - 1 rows, each truncated to the
  // width), and Ink's clipping measures and slices each line again per frame (~10% of a key's CPU).
  // The layout reads every row (not just the visible ones); a cursor move keeps the same rows.
  const widths = useMemo(() => layoutColumns(columns, rows, inner), [columns, rows, inner]);
  const visible = rows.slice(top, top + Math.max(0, height - 1));
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate" {...tx(theme, 'table.header')}>{` ${headerLine(columns, widths, sort, desc)}`}</Text>
      {visible.length === 0 ? <Text wrap="truncate" {...tx(theme, 'text.muted')}>{empty}</Text> : null}
      {visible.map((r, i) => {
        const isCursor = top + i === cursor;
        const segments = [{ text: isCursor ? '>' : ' ' }, ...rowSegments(r, columns, widths, inner)];
        return <Line key={r.key} segments={segments} theme={theme} flat={r.stale === true} {...(isCursor ? { token: 'row.cursor' as const } : r.stale ? { token: 'text.stale' as const } : {})} />;
      })}
    </Box>
  );
}
