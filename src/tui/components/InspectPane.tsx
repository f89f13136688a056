/** The inspect pane: the container's YAML, scrolled by the nav keys, env masked until `e`. */
import { Box, Text } from 'ink';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { InspectState } from '../hooks/use-inspect.ts';
import { tx, type Theme } from '../theme/tokens.ts';

/** Props of InspectPane. */
export interface InspectPaneProps {
  name: string;
  node: string;
  state: InspectState;
  showEnv: boolean;
  top: number;
  height: number;
  theme: Theme;
}

/** A title line and a window of YAML lines. */
export function InspectPane({ name, node, state, showEnv, top, height, theme }: InspectPaneProps) {
  const body = Math.max(0, height - 1);
  const lines = state.lines.slice(top, top + body);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text {...tx(theme, 'text.title')}>{`Inspect ${sanitizeInline(name)}`}</Text>
        <Text {...tx(theme, 'text.muted')}>{` on ${sanitizeInline(node)} · env ${showEnv ? 'shown' : 'masked (e to show)'} · ${state.lines.length === 0 ? '' : `${top + 1}-${Math.min(state.lines.length, top + body)}/${state.lines.length}`}`}</Text>
      </Text>
      {state.loading ? <Text {...tx(theme, 'text.muted')}>inspecting…</Text> : null}
      {state.error ? <Text {...tx(theme, 'text.error')}>{sanitizeInline(state.error)}</Text> : null}
      {lines.map((l, i) => <Text key={top + i} wrap="truncate">{l === '' ? ' ' : l}</Text>)}
    </Box>
  );
}
