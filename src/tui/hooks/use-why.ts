/**
 * The why pane's data: the diagnosis `berth why` prints (cli/diagnosis.ts)
 * for one container, read again every `everyMs` while the pane is open (a
 * restarting container's count, times and last lines move).
 */
import { useEffect, useState } from 'react';
import { diagnose, type Diagnosis } from '../../cli/diagnosis.ts';
import { toBerthError } from '../../domain/errors.ts';
import type { ConsoleFleet } from '../data/fleet.ts';

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
  const [s, setS] = useState<WhyState>({ diagnosis: null, error: null, loading: true });
  const node = target?.node ?? null;
  const id = target?.id ?? null;
  useEffect(() => {
    setS({ diagnosis: null, error: null, loading: true });
    if (node === null || id === null) return;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | null = null;
    const load = async (): Promise<void> => {
      try {
        const rt = await fleet.runtime(node);
        const diagnosis = await diagnose(rt, id, WHY_TAIL, (fn) => fn(abort.signal));
        if (!abort.signal.aborted) setS({ diagnosis, error: null, loading: false });
      } catch (err) {
        if (!abort.signal.aborted) setS((prev) => ({ ...prev, error: toBerthError(err, node).message, loading: false }));
      }
      if (!abort.signal.aborted) timer = setTimeout(() => void load(), everyMs);
    };
    void load();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [fleet, node, id, everyMs]);
  return s;
}
