/**
 * A clock that ticks every `ms`, for ages on screen ("stale 2m", "synced
 * 12s ago"). The tick is the console's idle cost, so it is coarse, and it
 * rides along with `ticks` (the stats source) when given: a stats tick
 * already re-renders the console, and the clock moving in the same batch
 * saves a whole frame a second (bench/console.ts: two renders a second
 * became one). Its own timer takes over whenever `ticks` falls silent.
 */
import { useEffect, useState } from 'react';

/** Something that calls back on each of its ticks (a StatsSource). */
export interface TickSource {
  subscribe(fn: () => void): () => void;
}

/** Milliseconds since the epoch, refreshed every `ms` (or with each of `ticks`). */
export function useNow(now: () => number, ms: number, ticks?: TickSource): number {
  const [t, setT] = useState(now);
  useEffect(() => {
    let last = now();
    const update = (): void => {
      last = now();
      setT(last);
    };
    const off = ticks?.subscribe(update);
    // Slack, so a tick that came a little before the timer counts as this second's update.
    const timer = setInterval(() => {
      if (now() - last >= ms * 0.9) update();
    }, ms);
    return () => {
      off?.();
      clearInterval(timer);
    };
  }, [now, ms, ticks]);
  return t;
}
