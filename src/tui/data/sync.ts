/**
 * Keeps the store live for every node of the console: open the node (with
 * capped backoff while it cannot be opened), then liveSync, which itself
 * reconnects. One node failing never holds up the others.
 */
import { toBerthError } from '../../domain/errors.ts';
import { liveSync } from '../../fleet/live-sync.ts';
import type { FleetStore } from '../../fleet/store.ts';
import type { ConsoleFleet } from './fleet.ts';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}

/** Starts syncing every node; runs until `signal` aborts. */
export function syncFleet(fleet: ConsoleFleet, store: FleetStore, signal: AbortSignal): Promise<void> {
  return Promise.all(fleet.nodes.map(async (spec) => {
    let backoff = 500;
    store.dispatch({ type: 'node/connecting', node: spec.name });
    while (!signal.aborted) {
      try {
        const runtime = await fleet.runtime(spec.name);
        await liveSync(runtime, (a) => store.dispatch(a), signal);
        return;
      } catch (err) {
        if (signal.aborted) return;
        store.dispatch({ type: 'node/down', node: spec.name, error: toBerthError(err, spec.name).message, at: Date.now() });
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  })).then(() => undefined);
}
