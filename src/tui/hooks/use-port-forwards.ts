/**
 * The console's port forwards (actions/port-forwards.ts), one set for the
 * console's life: made when the fleet can hand out opened nodes, and every
 * forward closed when the console goes away, so no listener outlives it.
 */
import { useEffect, useMemo } from 'react';
import { PortForwards } from '../actions/port-forwards.ts';
import type { ConsoleFleet } from '../data/fleet.ts';

/** The forwards, or null when the fleet has no transports to dial through (tests). */
export function usePortForwards(fleet: ConsoleFleet, timeoutMs: number): PortForwards | null {
  const forwards = useMemo(() => (fleet.opened ? new PortForwards({ opened: (n) => fleet.opened!(n), timeoutMs }) : null), [fleet, timeoutMs]);
  useEffect(() => () => void forwards?.closeAll(), [forwards]);
  return forwards;
}
