/**
 * Lists that are not in the store (images, volumes, networks: they change
 * rarely and listing them costs the engine a walk), listed by the view
 * itself while it is open: at once, then every `refreshMs`, from every node.
 * Per-node failures are kept to show, not thrown.
 */
import { useEffect, useState } from 'react';
import { toBerthError } from '../../domain/errors.ts';
import type { RuntimeSource } from '../../runtime/types.ts';
import type { ConsoleFleet } from '../data/fleet.ts';

/** Items of every node, and the nodes that failed with why. */
export interface ListingState<T> {
  items: T[];
  errors: { node: string; message: string }[];
  loading: boolean;
}

/** Lists `list` on all nodes while `active` (pass a stable `list`: it is an effect dependency). */
export function useListing<T>(fleet: ConsoleFleet, active: boolean, refreshMs: number, list: (rt: RuntimeSource, signal: AbortSignal) => Promise<T[]>): ListingState<T> {
  const [state, setState] = useState<ListingState<T>>({ items: [], errors: [], loading: true });
  useEffect(() => {
    if (!active) return;
    const abort = new AbortController();
    const load = async (): Promise<void> => {
      const results = await Promise.all(fleet.nodes.map(async (n) => {
        try {
          const rt = await fleet.runtime(n.name);
          return { node: n.name, items: await list(rt, abort.signal), error: null };
        } catch (err) {
          return { node: n.name, items: [] as T[], error: toBerthError(err, n.name).message };
        }
      }));
      if (abort.signal.aborted) return;
      setState({
        items: results.flatMap((r) => r.items),
        errors: results.flatMap((r) => (r.error === null ? [] : [{ node: r.node, message: r.error }])),
        loading: false,
      });
    };
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [fleet, active, refreshMs, list]);
  return state;
}

/** The lists the console's views take from the runtime. */
export const LISTS = {
  volumes: (rt: RuntimeSource, signal: AbortSignal) => rt.listVolumes(signal),
  networks: (rt: RuntimeSource, signal: AbortSignal) => rt.listNetworks(signal),
} as const;
