/**
 * Volumes: `GET /volumes` to berth's Volume. Size and reference count come
 * only as `UsageData`, which engines fill in `GET /system/df` (an expensive
 * walk of every volume) and not in the list; -1 there means "not computed".
 */
import type { Volume } from '../../domain/types.ts';

/** One volume as the engine describes it. */
export interface WireVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  UsageData?: { Size?: number; RefCount?: number } | null;
}

/** A volume as berth's Volume; without UsageData size and use are unknown. */
export function volumeFromWire(node: string, w: WireVolume): Volume {
  const size = w.UsageData?.Size;
  const refs = w.UsageData?.RefCount;
  return {
    name: w.Name,
    node,
    driver: w.Driver ?? '',
    mountpoint: w.Mountpoint || null,
    sizeBytes: typeof size === 'number' && size >= 0 ? size : null,
    inUse: typeof refs === 'number' && refs >= 0 ? refs > 0 : null,
  };
}

/**
 * Adds `/system/df` usage to listed volumes by name. Podman's df leaves
 * Driver and Mountpoint empty, so only the usage is taken from it.
 */
export function withUsage(volumes: Volume[], usage: readonly WireVolume[]): Volume[] {
  const byName = new Map(usage.map((u) => [u.Name, u]));
  return volumes.map((v) => {
    const u = byName.get(v.name);
    if (!u?.UsageData) return v;
    const counted = volumeFromWire(v.node, u);
    return { ...v, sizeBytes: counted.sizeBytes ?? v.sizeBytes, inUse: counted.inUse ?? v.inUse };
  });
}
