/**
 * Networks: `GET /networks` to berth's Network. The list leaves each
 * network's `Containers` empty (only network inspect fills it), so the count
 * comes from the container list's `NetworkSettings.Networks` instead; when
 * that is missing too (Podman's list has `Networks: null`) it is unknown.
 */
import type { Network } from '../../domain/types.ts';
import type { WireContainerSummary } from './containers.ts';

/** One entry of `GET /networks`. */
export interface WireNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Containers?: Record<string, unknown> | null;
}

/**
 * Running containers per network id and name, or null when the list does
 * not say which networks its containers are on. Like network inspect, only
 * containers with a live endpoint (running or paused) count.
 */
export function attachmentCounts(containers: readonly WireContainerSummary[]): Map<string, number> | null {
  const counts = new Map<string, number>();
  for (const c of containers) {
    const nets = c.NetworkSettings?.Networks;
    if (!nets) {
      if (c.State === 'running' || c.State === 'paused') return null;
      continue;
    }
    if (c.State !== 'running' && c.State !== 'paused') continue;
    for (const [name, n] of Object.entries(nets)) {
      counts.set(`name:${name}`, (counts.get(`name:${name}`) ?? 0) + 1);
      if (n.NetworkID) counts.set(`id:${n.NetworkID}`, (counts.get(`id:${n.NetworkID}`) ?? 0) + 1);
    }
  }
  return counts;
}

/** A network as berth's Network; `counts` from attachmentCounts. */
export function networkFromWire(node: string, w: WireNetwork, counts: Map<string, number> | null): Network {
  const listed = w.Containers ? Object.keys(w.Containers).length : 0;
  let containers: number | null = listed > 0 ? listed : null;
  if (containers === null && counts) containers = counts.get(`id:${w.Id}`) ?? counts.get(`name:${w.Name}`) ?? 0;
  return { id: w.Id, name: w.Name, node, driver: w.Driver ?? '', scope: w.Scope ?? '', containers };
}
