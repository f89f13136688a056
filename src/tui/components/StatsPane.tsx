/** The stats pane: CPU, memory, network and block I/O of one container over the last minutes, as braille charts. */
import { Box, Text } from 'ink';
import type { ContainerStats } from '../../domain/stats.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import { statsLayout } from '../rows/stats-panel.ts';
import { tx, type Theme } from '../theme/tokens.ts';

/** Props of StatsPane. */
export interface StatsPaneProps {
  name: string;
  node: string;
  /** Samples, oldest first, from the StatsSource's ring. */
  history: readonly ContainerStats[];
  /** Seconds between samples, to say how far back the charts reach. */
  intervalSeconds: number;
  width: number;
  height: number;
  theme: Theme;
}

/** A title line, then a heading and a chart per measure (and why some are missing). */
export function StatsPane({ name, node, history, intervalSeconds, width, height, theme }: StatsPaneProps) {
  const { sections, note } = statsLayout(history, width, height - 1);
  const span = Math.round(history.length * intervalSeconds);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text {...tx(theme, 'text.title')}>{`Stats ${sanitizeInline(name)}`}</Text>
        <Text {...tx(theme, 'text.muted')}>{` on ${sanitizeInline(node)} · ${history.length === 0 ? 'waiting for samples…' : `last ${span}s, ${history.length} samples`}`}</Text>
      </Text>
      {sections.map((s) => (
        <Box key={s.token} flexDirection="column">
          <Text wrap="truncate" bold>{s.heading}</Text>
          {s.lines.map((l, i) => <Text key={i} wrap="truncate" {...tx(theme, s.token)}>{l}</Text>)}
        </Box>
      ))}
      {note !== null ? <Text wrap="truncate" {...tx(theme, 'text.muted')}>{note}</Text> : null}
    </Box>
  );
}
