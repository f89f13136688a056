/**
 * The fleet store as React state, with at most one commit per `ms`: a
 * burst of engine events (a compose up, a restart loop) becomes one render
 * rather than hundreds (REFERENCE.md §5: one state commit per tick).
 */
import { useEffect, useState } from 'react';
import type { FleetState, FleetStore } from '../../fleet/store.ts';

/** The store's state, refreshed at most every `ms` milliseconds. */
export function useStoreState(store: FleetStore, ms = 100): FleetState {
  const [state, setState] = useState(store.state);
  useEffect(() => {
    let timer: NodeJS.Timeout | null = null;
    const flush = (): void => {
      timer = null;
      setState(store.state);
    };
    const off = store.subscribe(() => {
      timer ??= setTimeout(flush, ms);
    });
    // Anything that changed between the first render and subscribing.
    setState(store.state);
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [store, ms]);
  return state;
}
