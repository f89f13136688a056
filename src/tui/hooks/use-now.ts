/**
 * A clock that ticks every `ms`, for ages on screen ("stale 2m", "synced
 * 12s ago"). The tick is the console's idle cost, so it is coarse.
 */
import { useEffect, useState } from 'react';

/** Milliseconds since the epoch, refreshed every `ms`. */
export function useNow(now: () => number, ms: number): number {
  const [t, setT] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setT(now()), ms);
    return () => clearInterval(timer);
  }, [now, ms]);
  return t;
}
