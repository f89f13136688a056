/** Re-renders when the stats source has a new tick; returns a version number to key memos on. */
import { useEffect, useState } from 'react';
import type { StatsSource } from '../data/stats.ts';

/** A counter that moves on every stats tick. */
export function useStatsVersion(stats: StatsSource): number {
  const [v, setV] = useState(0);
  useEffect(() => stats.subscribe(() => setV((x) => x + 1)), [stats]);
  return v;
}
