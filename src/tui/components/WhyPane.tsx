/**
 * The why pane: what `berth why` says about the container (exit code and
 * its meaning, OOM kill, restarts and policy, times, the runtime's error,
 * health log, last lines), refreshed while open, scrolled by the nav keys.
 */
import { Box, Text } from 'ink';
import type { Diagnosis } from '../../cli/diagnosis.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { WhyState } from '../hooks/use-why.ts';
import { tx, type Theme, type Token } from '../theme/tokens.ts';

/** Props of WhyPane. */
export interface WhyPaneProps {
  name: string;
  node: string;
  data: WhyState;
  /** The diagnosis as lines (cli/diagnosis.ts diagnosisLines), sanitised. */
  lines: readonly string[];
  everySeconds: number;
  top: number;
  height: number;
  theme: Theme;
}

/** How a line of the diagnosis reads: the bad facts stand out. */
function lineToken(line: string, d: Diagnosis): Token | undefined {
  if (line.startsWith('  exit code:') && d.exitCode !== null && d.exitCode !== 0 && d.state !== 'running') return 'text.error';
  if (line.startsWith('  OOM killed:    yes') || line.startsWith('  runtime error:')) return 'text.error';
  if (line.startsWith('  restarts:') && (d.restartCount ?? 0) > 0) return 'text.warning';
  if (line.startsWith('    ! ')) return 'text.warning';
  return undefined;
}

/** A title line and a window of the diagnosis. */
export function WhyPane({ name, node, data, lines, everySeconds, top, height, theme }: WhyPaneProps) {
  const body = Math.max(0, height - 1);
  const d = data.diagnosis;
  const shown = lines.slice(top, top + body);
  const flags = [
    ...(d ? [d.state] : []),
    `every ${everySeconds}s`,
    ...(lines.length > body ? [`${top + 1}-${Math.min(lines.length, top + body)}/${lines.length}`] : []),
  ];
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text {...tx(theme, 'text.title')}>{`Why ${sanitizeInline(name)}`}</Text>
        <Text {...tx(theme, 'text.muted')}>{` on ${sanitizeInline(node)} · ${flags.join(' · ')}`}</Text>
      </Text>
      {data.loading ? <Text {...tx(theme, 'text.muted')}>reading the container…</Text> : null}
      {data.error ? <Text wrap="truncate" {...tx(theme, 'text.error')}>{sanitizeInline(data.error)}</Text> : null}
      {d ? shown.map((l, i) => {
        const token = lineToken(l, d);
        return <Text key={top + i} wrap="truncate" {...(token ? tx(theme, token) : {})}>{l === '' ? ' ' : l}</Text>;
      }) : null}
    </Box>
  );
}
