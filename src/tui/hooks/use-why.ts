/**
 * The why pane's data: the diagnosis `berth why` prints (cli/diagnosis.ts)
 * for one container, read again every `everyMs` while the pane is open (a
 * restarting container's count, times and last lines move).
 */
import { diagnose, type Diagnosis } from '../../cli/diagnosis.ts';
import type { ConsoleFleet } from '../data/fleet.ts';
import { usePolled } from './use-polled.ts';

/** Log lines the why pane shows, as `berth why` does by default. */
export const WHY_TAIL = 20;

/** The last diagnosis, or why there is none. */
export interface WhyState {
  diagnosis: Diagnosis | null;
  error: string | null;
  loading: boolean;
}

/** Diagnoses `target` (null: pane closed), again every `everyMs`. */
export function useWhy(fleet: ConsoleFleet, target: { node: string; id: string } | null, everyMs: number): WhyState {
  const polled = usePolled(target ? `${target.node}/${target.id}` : null, target?.node ?? null, everyMs, async (signal) =>
    diagnose(await fleet.runtime(target!.node), target!.id, WHY_TAIL, (fn) => fn(signal)));
  return { diagnosis: polled.value, error: polled.error, loading: polled.loading };
}
