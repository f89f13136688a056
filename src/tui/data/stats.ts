/**
 * Where the console gets CPU and memory of containers. A clean seam: the
 * table only asks `get(node, id)`, so it shows `–` when nothing is known
 * and numbers once a sampler feeds in, without knowing how they were read.
 */
import type { ContainerStats } from '../../domain/stats.ts';
import type { HostUsage } from '../../metrics/index.ts';

/** The latest stats per container, and a signal when they change (one per tick). */
export interface StatsSource {
  /** Latest stats of a container, or null when unknown (not sampled yet, not running, no access). */
  get(node: string, id: string): ContainerStats | null;
  /** The container's recent stats, oldest first (a bounded ring; empty when unknown). */
  history(node: string, id: string): readonly ContainerStats[];
  /** The node's host CPU and memory as of the last tick, or null when unknown (absent: never known). */
  host?(node: string): HostUsage | null;
  /** Calls `fn` after each tick that changed anything; returns the unsubscribe. */
  subscribe(fn: () => void): () => void;
  /** Stops sampling. */
  close(): void;
}

/** A source that knows nothing: every value shows as `–`. */
export const NO_STATS: StatsSource = {
  get: () => null,
  history: () => [],
  subscribe: () => () => undefined,
  close: () => undefined,
};
