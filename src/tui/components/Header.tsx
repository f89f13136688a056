/**
 * The header: one line per node with its reachability, runtime and
 * version, cgroup version, container counts and how fresh its data is. A
 * node that is not up says so in words (and colour), with the age of the
 * data still shown below it.
 */
import { Box, Text } from 'ink';
import type { NodeState } from '../../fleet/store.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { HostUsage } from '../../metrics/index.ts';
import { compactSpan, formatBytes, formatPercent } from '../../util/units.ts';
import { tx, type Theme } from '../theme/tokens.ts';

/** Nodes listed before "+N more". */
export const HEADER_NODES = 3;

/** Lines the header takes for `count` nodes. */
export function headerHeight(count: number): number {
  return Math.max(1, Math.min(count, HEADER_NODES) + (count > HEADER_NODES ? 1 : 0));
}

/** Props of Header. */
export interface HeaderProps {
  nodes: readonly NodeState[];
  counts: Readonly<Record<string, { running: number; total: number }>>;
  now: number;
  theme: Theme;
  readonly: boolean;
  /** Nodes labelled env: prod, marked [prod]. */
  prod?: ReadonlySet<string>;
  /** The node's host CPU and memory (null: not known yet). */
  host?: (node: string) => HostUsage | null;
}

/** `cpu 12% of 4 · mem 3.1 GiB/7.8 GiB`, each part `–` while unknown. */
export function hostText(u: HostUsage | null): string {
  const cpu = u?.cpuPercent == null ? '–' : `${formatPercent(u.cpuPercent)}${u.onlineCpus ? ` of ${u.onlineCpus}` : ''}`;
  const mem = u?.memUsedBytes == null || u.memTotalBytes === null ? '–' : `${formatBytes(u.memUsedBytes)}/${formatBytes(u.memTotalBytes)}`;
  return `host cpu ${cpu} · mem ${mem}`;
}

function age(n: NodeState, now: number): string {
  if (n.at === null) return n.state === 'up' ? 'live' : 'no data yet';
  const ago = compactSpan(Math.max(0, (now - n.at) / 1000));
  return n.state === 'up' ? `live · synced ${ago} ago` : `stale ${ago}`;
}

/** One line per node (first few), then how many more. */
export function Header({ nodes, counts, now, theme, readonly, prod, host }: HeaderProps) {
  const shown = nodes.slice(0, HEADER_NODES);
  return (
    <Box flexDirection="column">
      {shown.length === 0 ? <Text {...tx(theme, 'text.muted')}>no nodes</Text> : null}
      {shown.map((n, i) => {
        const h = n.host;
        const c = counts[n.name] ?? { running: 0, total: 0 };
        const token = n.state === 'up' ? 'node.up' as const : n.state === 'down' ? 'node.down' as const : 'node.connecting' as const;
        return (
          <Text key={n.name} wrap="truncate">
            <Text {...tx(theme, 'text.title')}>{sanitizeInline(n.name)}</Text>
            {prod?.has(n.name) ? <Text {...tx(theme, 'text.error')}>{' [prod]'}</Text> : null}
            {'  '}
            <Text {...tx(theme, token)}>{n.state === 'connecting' ? 'connecting…' : n.state}</Text>
            {'  '}
            {h ? `${h.runtime.kind} ${sanitizeInline(h.runtime.version)}  cgroup ${h.cgroupVersion === null ? '–' : `v${h.cgroupVersion}`}` : '–'}
            {'  '}
            {`${c.running}/${c.total} running`}
            {'  '}
            {host && n.state === 'up' ? `${hostText(host(n.name))}  ` : ''}
            <Text {...tx(theme, n.state === 'up' ? 'text.muted' : 'text.stale')}>{age(n, now)}</Text>
            {n.state === 'down' && n.lastError ? <Text {...tx(theme, 'text.error')}>{`  ${sanitizeInline(n.lastError)}`}</Text> : null}
            {i === 0 && readonly ? <Text {...tx(theme, 'text.warning')}>{'  [read-only]'}</Text> : null}
          </Text>
        );
      })}
      {nodes.length > HEADER_NODES ? <Text {...tx(theme, 'text.muted')}>{`+${nodes.length - HEADER_NODES} more nodes (3 or :nodes)`}</Text> : null}
    </Box>
  );
}
