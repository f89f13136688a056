/**
 * Images are not in the store (they change rarely and listing them is
 * costly), so the images view lists them itself while it is open: at once,
 * then every `refreshMs`. Per-node failures are kept to show, not thrown.
 */
import { useEffect, useState } from 'react';
import { toBerthError } from '../../domain/errors.ts';
import type { Image } from '../../domain/types.ts';
import type { ConsoleFleet } from '../data/fleet.ts';

/** Images of every node, and the nodes that failed with why. */
export interface ImagesState {
  images: Image[];
  errors: { node: string; message: string }[];
  loading: boolean;
}

/** Lists images of all nodes while `active`. */
export function useImages(fleet: ConsoleFleet, active: boolean, refreshMs: number): ImagesState {
  const [state, setState] = useState<ImagesState>({ images: [], errors: [], loading: true });
  useEffect(() => {
    if (!active) return;
    const abort = new AbortController();
    const load = async (): Promise<void> => {
      const results = await Promise.all(fleet.nodes.map(async (n) => {
        try {
          const rt = await fleet.runtime(n.name);
          return { node: n.name, images: await rt.listImages(abort.signal), error: null };
        } catch (err) {
          return { node: n.name, images: [] as Image[], error: toBerthError(err, n.name).message };
        }
      }));
      if (abort.signal.aborted) return;
      setState({
        images: results.flatMap((r) => r.images),
        errors: results.flatMap((r) => (r.error === null ? [] : [{ node: r.node, message: r.error }])),
        loading: false,
      });
    };
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [fleet, active, refreshMs]);
  return state;
}
