/** Shown instead of the console when the terminal cannot hold it; resizing brings the console back. */
import { Box, Text } from 'ink';
import { tx, type Theme } from '../theme/tokens.ts';

/** The smallest terminal the console draws in. */
export const MIN_SIZE = { columns: 60, rows: 12 } as const;

/** Props of TooSmall. */
export interface TooSmallProps {
  columns: number;
  rows: number;
  theme: Theme;
}

/** A short message that fits even a tiny window. */
export function TooSmall({ columns, rows, theme }: TooSmallProps) {
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text wrap="wrap" {...tx(theme, 'text.warning')}>{`Terminal too small (${columns}×${rows}).`}</Text>
      <Text wrap="wrap">{`berth needs at least ${MIN_SIZE.columns}×${MIN_SIZE.rows}. Enlarge the window, or press q to quit.`}</Text>
    </Box>
  );
}
