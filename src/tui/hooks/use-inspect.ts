/**
 * The inspect pane's data: the container's detail, fetched when the pane
 * opens on it (and again on `refresh`), turned into YAML lines with the
 * environment masked until the operator asks to see it.
 */
import { useEffect, useState } from 'react';
import { toBerthError } from '../../domain/errors.ts';
import type { ContainerDetail } from '../../domain/types.ts';
import type { ConsoleFleet } from '../data/fleet.ts';
import { inspectLines } from '../data/inspect.ts';

/** Lines to show, or the error that stopped it. */
export interface InspectState {
  lines: string[];
  error: string | null;
  loading: boolean;
}

/** Inspects `target` (null: pane closed); `showEnv` unmasks environment values. */
export function useInspect(fleet: ConsoleFleet, target: { node: string; id: string } | null, showEnv: boolean): InspectState {
  const [detail, setDetail] = useState<{ key: string; d: ContainerDetail } | { key: string; error: string } | null>(null);
  const [state, setState] = useState<InspectState>({ lines: [], error: null, loading: true });
  const node = target?.node ?? null;
  const id = target?.id ?? null;
  useEffect(() => {
    if (node === null || id === null) return;
    const abort = new AbortController();
    const key = `${node}/${id}`;
    setDetail(null);
    fleet.runtime(node)
      .then((rt) => rt.inspectContainer(id, abort.signal))
      .then((d) => !abort.signal.aborted && setDetail({ key, d }))
      .catch((err: unknown) => !abort.signal.aborted && setDetail({ key, error: toBerthError(err, node).message }));
    return () => abort.abort();
  }, [fleet, node, id]);
  useEffect(() => {
    if (detail === null) {
      setState({ lines: [], error: null, loading: true });
      return;
    }
    if ('error' in detail) {
      setState({ lines: [], error: detail.error, loading: false });
      return;
    }
    let live = true;
    void inspectLines(detail.d, showEnv).then((lines) => live && setState({ lines, error: null, loading: false }));
    return () => {
      live = false;
    };
  }, [detail, showEnv]);
  return state;
}
