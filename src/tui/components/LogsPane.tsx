/**
 * The logs pane: a status line (following or paused with what arrived
 * since, search, toggles) and the visible rows, search matches highlighted.
 * Every line was sanitised when it arrived (state/logs.ts).
 */
import { Box, Text } from 'ink';
import { sanitizeInline } from '../../util/sanitize.ts';
import { highlight, searchMatcher, type LogsState } from '../state/logs.ts';
import { visibleLogRows } from '../state/logs-view.ts';
import { tx, type Theme } from '../theme/tokens.ts';

/** Props of LogsPane. */
export interface LogsPaneProps {
  name: string;
  node: string;
  state: LogsState;
  height: number;
  width: number;
  theme: Theme;
}

/** A title line and the log rows. */
export function LogsPane({ name, node, state, height, width, theme }: LogsPaneProps) {
  const rows = visibleLogRows(state, Math.max(0, height - 1), width);
  const match = searchMatcher(state.search);
  const matches = state.search === '' ? 0 : state.lines.reduce((n, l) => n + (match(l.text) ? 1 : 0), 0);
  const mode = state.follow ? 'following' : `PAUSED${state.unseen > 0 ? ` +${state.unseen} new` : ''} (G or p to follow)`;
  const flags = [
    sanitizeInline(state.status === 'following' ? mode : `${mode} · ${state.status}`),
    ...(state.search === '' ? [] : [`search ${JSON.stringify(sanitizeInline(state.search))}: ${matches} lines`]),
    ...(state.timestamps ? ['timestamps'] : []),
    ...(state.wrap ? ['wrap'] : []),
  ];
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text {...tx(theme, 'text.title')}>{`Logs ${sanitizeInline(name)}`}</Text>
        <Text {...tx(theme, state.follow ? 'text.muted' : 'text.warning')}>{` on ${sanitizeInline(node)} · ${flags.join(' · ')}`}</Text>
      </Text>
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate">
          {r.prefix === '' ? null : <Text {...tx(theme, 'text.muted')}>{r.prefix}</Text>}
          {highlight(r.text, state.search).map((p, j) => (p.match ? <Text key={j} {...tx(theme, 'match')}>{p.text}</Text> : p.text))}
          {r.text === '' && r.prefix === '' ? ' ' : null}
        </Text>
      ))}
    </Box>
  );
}
