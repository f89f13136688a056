/**
 * The processes pane's data: the runtime's `top` of one container (what
 * `berth top` lists), again every `everyMs` while the pane is open. Only a
 * running or paused container is asked: the others have no processes, and
 * the pane says why instead (ProcessesPane).
 */
import { useEffect, useState } from 'react';
import { processItems, type ProcessItem } from '../../cli/streams/process-list.ts';
import { toBerthError } from '../../domain/errors.ts';
import type { ContainerState } from '../../domain/types.ts';
import type { ConsoleFleet } from '../data/fleet.ts';

/** The process table as last listed. */
export interface ProcessesState {
  /** The engine's `ps` titles (they differ by engine). */
  titles: readonly string[];
  items: ProcessItem[];
  /** Why the last listing failed, or null. */
  error: string | null;
  loading: boolean;
}

const EMPTY: ProcessesState = { titles: [], items: [], error: null, loading: true };

/** Whether a container in this state has processes to list. */
export function hasProcesses(state: ContainerState | null): boolean {
  return state === 'running' || state === 'paused';
}

/** Lists the processes of `target` (null: pane closed) while it is running or paused. */
export function useProcesses(fleet: ConsoleFleet, target: { node: string; id: string; name: string } | null, state: ContainerState | null, everyMs: number): ProcessesState {
  const [s, setS] = useState<ProcessesState>(EMPTY);
  const node = target?.node ?? null;
  const id = target?.id ?? null;
  const name = target?.name ?? '';
  const live = hasProcesses(state);
  useEffect(() => {
    setS(EMPTY);
    if (node === null || id === null || !live) return;
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    const load = async (): Promise<void> => {
      try {
        const rt = await fleet.runtime(node);
        const table = await rt.top(id);
        if (!stopped) setS({ titles: table.titles, items: processItems(node, name, table), error: null, loading: false });
      } catch (err) {
        if (!stopped) setS((prev) => ({ ...prev, error: toBerthError(err, node).message, loading: false }));
      }
      if (!stopped) timer = setTimeout(() => void load(), everyMs);
    };
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [fleet, node, id, name, live, everyMs]);
  return s;
}
