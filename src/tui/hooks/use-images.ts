/** The images view's data: every node's images, re-listed while the view is open (use-listing.ts). */
import type { Image } from '../../domain/types.ts';
import type { RuntimeSource } from '../../runtime/types.ts';
import type { ConsoleFleet } from '../data/fleet.ts';
import { useListing } from './use-listing.ts';

/** Images of every node, and the nodes that failed with why. */
export interface ImagesState {
  images: Image[];
  errors: { node: string; message: string }[];
  loading: boolean;
}

const listImages = (rt: RuntimeSource, signal: AbortSignal): Promise<Image[]> => rt.listImages(signal);

/** Lists images of all nodes while `active`. */
export function useImages(fleet: ConsoleFleet, active: boolean, refreshMs: number): ImagesState {
  const s = useListing(fleet, active, refreshMs, listImages);
  return { images: s.items, errors: s.errors, loading: s.loading };
}
