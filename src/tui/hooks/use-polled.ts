/**
 * One container's data read again every `everyMs` while a pane shows it
 * (processes, why): the last value, or why the last read failed (the value
 * before it stays on screen). A new `key` starts over; a null key reads
 * nothing. One timer at a time, re-armed after each read, so a slow engine
 * never gets overlapping requests.
 */
import { useEffect, useRef, useState } from 'react';
import { toBerthError } from '../../domain/errors.ts';

/** The last reading. */
export interface Polled<T> {
  value: T | null;
  error: string | null;
  loading: boolean;
}

/** Reads `read` for `key` (null: nothing to read), again every `everyMs`; errors are worded for `node`. */
export function usePolled<T>(key: string | null, node: string | null, everyMs: number, read: (signal: AbortSignal) => Promise<T>): Polled<T> {
  const [s, setS] = useState<Polled<T>>({ value: null, error: null, loading: true });
  // The latest closure, so the effect restarts only when the key or the period changes.
  const readRef = useRef(read);
  readRef.current = read;
  useEffect(() => {
    setS({ value: null, error: null, loading: true });
    if (key === null) return;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | null = null;
    const load = async (): Promise<void> => {
      try {
        const value = await readRef.current(abort.signal);
        if (!abort.signal.aborted) setS({ value, error: null, loading: false });
      } catch (err) {
        if (!abort.signal.aborted) setS((prev) => ({ ...prev, error: toBerthError(err, node ?? undefined).message, loading: false }));
      }
      if (!abort.signal.aborted) timer = setTimeout(() => void load(), everyMs);
    };
    void load();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [key, node, everyMs]);
  return s;
}
