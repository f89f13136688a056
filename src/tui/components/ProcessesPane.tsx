/**
 * The processes pane: the container's processes as `berth top` lists them
 * (the engine's own `ps` columns), refreshed while open and scrolled by the
 * nav keys. A container that is not running says why there is nothing.
 */
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { processList } from '../../cli/streams/process-list.ts';
import type { ContainerState } from '../../domain/types.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { ProcessesState } from '../hooks/use-processes.ts';
import { listColumns, listRow } from '../rows/list-rows.ts';
import { tx, type Theme } from '../theme/tokens.ts';
import { TableView } from './TableView.tsx';

/** Props of ProcessesPane. */
export interface ProcessesPaneProps {
  name: string;
  node: string;
  /** The container's state now (from the store), or null when it is gone. */
  state: ContainerState | null;
  data: ProcessesState;
  everySeconds: number;
  /** First process shown. */
  top: number;
  height: number;
  width: number;
  theme: Theme;
  /** The key of the why pane, for the hint (keys can be remapped). */
  whyKey: string;
}

/** The command column takes what the others leave. */
const WIDE = { max: 400 };

/** Why a container in `state` shows no processes, or null when it should have some. */
export function noProcessesReason(name: string, state: ContainerState | null, whyKey: string): string | null {
  const n = sanitizeInline(name);
  switch (state) {
    case 'running': case 'paused': return null;
    case null: return `${n} is gone: it has no processes`;
    case 'restarting': return `${n} is restarting: no process between runs (${whyKey}: why)`;
    case 'created': return `${n} was created but never started: it has no processes yet`;
    default: return `${n} is ${state}: a stopped container has no processes (${whyKey}: why)`;
  }
}

/** A title line, then the process table or why it is empty. */
export function ProcessesPane({ name, node, state, data, everySeconds, top, height, width, theme, whyKey }: ProcessesPaneProps) {
  const spec = useMemo(() => processList(data.titles, false), [data.titles]);
  const columns = useMemo(() => listColumns(spec, { CMD: WIDE, COMMAND: WIDE, ARGS: WIDE }), [spec]);
  const rows = useMemo(() => data.items.map((p) => listRow(spec, p, new Date())), [spec, data.items]);
  const reason = noProcessesReason(name, state, whyKey);
  const tableHeight = height - 1 - (reason === null && data.error === null && rows.length > 0 ? 0 : 1);
  // The list may have shrunk under a scrolled view: keep the last screenful.
  const from = Math.min(top, Math.max(0, rows.length - (tableHeight - 1)));
  const paused = state === 'paused';
  const flags = reason !== null ? [state ?? 'gone']
    : [data.loading ? 'listing…' : `${data.items.length} process${data.items.length === 1 ? '' : 'es'}`, `every ${everySeconds}s`, ...(paused ? ['paused: frozen as they were'] : [])];
  const message = reason ?? (data.error !== null ? `cannot list the processes: ${sanitizeInline(data.error)}`
    : !data.loading && data.items.length === 0 ? (paused ? `${sanitizeInline(name)} is paused: the runtime lists no processes of a paused container` : 'the runtime lists no processes') : null);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text {...tx(theme, 'text.title')}>{`Processes ${sanitizeInline(name)}`}</Text>
        <Text {...tx(theme, 'text.muted')}>{` on ${sanitizeInline(node)} · ${flags.join(' · ')}`}</Text>
      </Text>
      {message !== null ? <Text wrap="truncate" {...tx(theme, data.error !== null && reason === null ? 'text.error' : 'text.warning')}>{message}</Text> : null}
      {reason === null && rows.length > 0 ? (
        <TableView columns={columns} rows={rows} cursor={-1} top={from} height={tableHeight} width={width} theme={theme} sort={null} desc={false} empty="" />
      ) : null}
    </Box>
  );
}
