/**
 * The processes pane's data: the runtime's `top` of one container (what
 * `berth top` lists), again every `everyMs` while the pane is open. Only a
 * running or paused container is asked: the others have no processes, and
 * the pane says why instead (ProcessesPane).
 */
import { processItems, type ProcessItem } from '../../cli/streams/process-list.ts';
import type { ContainerState } from '../../domain/types.ts';
import type { ConsoleFleet } from '../data/fleet.ts';
import { usePolled } from './use-polled.ts';

/** The process table as last listed. */
export interface ProcessesState {
  /** The engine's `ps` titles (they differ by engine). */
  titles: readonly string[];
  items: ProcessItem[];
  /** Why the last listing failed, or null. */
  error: string | null;
  loading: boolean;
}

/** Whether a container in this state has processes to list. */
export function hasProcesses(state: ContainerState | null): boolean {
  return state === 'running' || state === 'paused';
}

/** Lists the processes of `target` (null: pane closed) while it is running or paused. */
export function useProcesses(fleet: ConsoleFleet, target: { node: string; id: string; name: string } | null, state: ContainerState | null, everyMs: number): ProcessesState {
  const node = target?.node ?? null;
  const live = target !== null && hasProcesses(state);
  const polled = usePolled(live ? `${target.node}/${target.id}` : null, node, everyMs, async () => {
    const table = await (await fleet.runtime(target!.node)).top(target!.id);
    return { titles: table.titles, items: processItems(target!.node, target!.name, table) };
  });
  return { titles: polled.value?.titles ?? [], items: polled.value?.items ?? [], error: polled.error, loading: polled.loading };
}
