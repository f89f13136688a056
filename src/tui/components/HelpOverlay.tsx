/** The `?` overlay: every key of the current view, from the key table (so it cannot go stale). */
import { Box, Text } from 'ink';
import { padEndCells, truncateCells } from '../../util/width.ts';
import type { HelpEntry } from '../help.ts';
import { tx, type Theme } from '../theme/tokens.ts';

/** Props of HelpOverlay. */
export interface HelpOverlayProps {
  title: string;
  entries: readonly HelpEntry[];
  width: number;
  height: number;
  theme: Theme;
}

/** Two columns when the terminal is wide enough. */
export function HelpOverlay({ title, entries, width, height, theme }: HelpOverlayProps) {
  const keyWidth = Math.min(16, Math.max(...entries.map((e) => e.keys.length), 4)) + 2;
  const columns = width >= 120 ? 2 : 1;
  const per = Math.ceil(entries.length / columns);
  const colWidth = Math.floor((width - 4) / columns);
  const rows = Array.from({ length: Math.min(per, Math.max(0, height - 3)) }, (_, i) => entries.filter((_, j) => j % per === i));
  const border = tx(theme, 'border.focus');
  return (
    <Box borderStyle="round" {...(border.color ? { borderColor: border.color } : {})} flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" {...tx(theme, 'text.title')}>{`Keys: ${title}   (esc or ? to close)`}</Text>
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate">
          {row.map((e) => (
            <Text key={e.action}>
              <Text {...tx(theme, 'key')}>{padEndCells(e.keys, keyWidth)}</Text>
              {padEndCells(truncateCells(e.description, Math.max(0, colWidth - keyWidth - 1)), colWidth - keyWidth)}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
