/**
 * The console's port forwards (actions/port-forwards.ts), one set for the
 * console's life: made when the fleet can hand out opened nodes, and every
 * forward closed when the console goes away, so no listener outlives it.
 * The list re-renders the forwards view as forwards open, stop, carry a
 * connection or fail one.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { PortForwards, type ForwardEntry } from '../actions/port-forwards.ts';
import type { ConsoleFleet } from '../data/fleet.ts';

const NONE: readonly ForwardEntry[] = [];
const noSubscription = (): (() => void) => () => undefined;

/** The forwards (null when the fleet has no transports to dial through: tests) and their current list. */
export function usePortForwards(fleet: ConsoleFleet, timeoutMs: number): { forwards: PortForwards | null; list: readonly ForwardEntry[] } {
  const forwards = useMemo(() => (fleet.opened ? new PortForwards({ opened: (n) => fleet.opened!(n), timeoutMs }) : null), [fleet, timeoutMs]);
  useEffect(() => () => void forwards?.closeAll(), [forwards]);
  const list = useSyncExternalStore(forwards ? (l) => forwards.subscribe(l) : noSubscription, () => forwards?.list() ?? NONE);
  return { forwards, list };
}
