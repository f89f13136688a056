/**
 * Keeps the store live for one node from the engine's event stream, with a
 * periodic resync to heal anything missed — never by re-listing every
 * second. A lost engine marks the node down (keeping its last data, shown
 * stale) and is retried with capped backoff. Each live container is also
 * inspected once per run in the background: a list carries no start time
 * or restart count.
 */
import { toBerthError } from '../domain/errors.ts';
import type { Container, ContainerDetail } from '../domain/types.ts';
import type { RuntimeSource } from '../runtime/types.ts';
import type { FleetAction } from './store.ts';

/** Tunables, injectable for tests. */
export interface LiveSyncOptions {
  /** Full re-list interval; events do the work in between. */
  resyncMs?: number;
  /** First retry delay after a failure; doubles up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

/** Container event actions after which the container is re-inspected. */
const REFRESHING = /^(create|init|start|restart|die|stop|kill|oom|pause|unpause|rename|update|cleanup|health_status.*)$/;

/** Removal: Docker says `destroy`, Podman's compat service says `remove`. */
const REMOVED = /^(destroy|remove)$/;

/** Narrows a ContainerDetail to the Container fields the store keeps. */
export function summaryOf(d: ContainerDetail): Container {
  return {
    id: d.id, name: d.name, node: d.node, image: d.image, command: d.command, state: d.state, status: d.status,
    health: d.health, exitCode: d.exitCode, oomKilled: d.oomKilled, restartCount: d.restartCount,
    createdAt: d.createdAt, startedAt: d.startedAt, finishedAt: d.finishedAt, ports: d.ports, labels: d.labels, compose: d.compose,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Lists all containers and hands the store a snapshot; returns the list. */
async function resync(runtime: RuntimeSource, dispatch: (a: FleetAction) => void, now: () => number, signal: AbortSignal): Promise<Container[]> {
  const containers = await runtime.listContainers({ all: true }, signal);
  dispatch({ type: 'containers/snapshot', node: runtime.node, containers, at: now() });
  return containers;
}

/** Re-inspects one container after an event; a vanished one is removed. */
async function refreshOne(
  runtime: RuntimeSource, id: string, dispatch: (a: FleetAction) => void, now: () => number, inspected: Set<string>, signal?: AbortSignal,
): Promise<void> {
  try {
    const c = summaryOf(await runtime.inspectContainer(id, signal));
    inspected.add(runKey(c));
    dispatch({ type: 'container/upsert', container: c, at: now() });
  } catch (err) {
    if (toBerthError(err).kind === 'not-found') dispatch({ type: 'container/remove', node: runtime.node, id, at: now() });
  }
}

/** Inspects at once per node while filling details: a background trickle, not a burst the engine feels. */
const DETAIL_CONCURRENCY = 4;

/** States whose uptime and restart count an operator watches. */
const LIVE = new Set<Container['state']>(['running', 'restarting', 'paused']);

/**
 * Inspects the listed live containers not inspected yet in their current
 * run (keyed by id, creation and state), so the store learns their start
 * time and restart count, which a list does not carry. Once per run: the
 * store keeps those fields across later lists (listed-merge.ts), and
 * events re-inspect a container that changes.
 */
async function fillDetails(
  runtime: RuntimeSource, listed: readonly Container[], inspected: Set<string>,
  dispatch: (a: FleetAction) => void, now: () => number, signal: AbortSignal,
): Promise<void> {
  const runs = new Map(listed.map((c) => [runKey(c), c]));
  // Runs no longer listed are over: forget them, so the set stays the size of the list.
  for (const key of inspected) if (!runs.has(key)) inspected.delete(key);
  const todo = [...runs].filter(([key, c]) => LIVE.has(c.state) && !inspected.has(key));
  const next = async (): Promise<void> => {
    for (let item = todo.shift(); item !== undefined && !signal.aborted; item = todo.shift()) {
      inspected.add(item[0]);
      await refreshOne(runtime, item[1].id, dispatch, now, inspected, signal);
    }
  };
  await Promise.all(Array.from({ length: DETAIL_CONCURRENCY }, next));
}

/** One run of a container: a restart or a re-creation is a new one. */
function runKey(c: Pick<Container, 'id' | 'createdAt' | 'state'>): string {
  // A list gives creation in whole seconds, an inspect in nanoseconds.
  const created = c.createdAt === null ? null : Math.floor(Date.parse(c.createdAt) / 1000);
  return `${c.id}/${created}/${c.state}`;
}

/**
 * Runs until `signal` aborts: connect, snapshot, then follow events, with a
 * resync every `resyncMs`. Never throws; failures become node/down.
 */
export async function liveSync(
  runtime: RuntimeSource,
  dispatch: (a: FleetAction) => void,
  signal: AbortSignal,
  opts: LiveSyncOptions = {},
): Promise<void> {
  const now = opts.now ?? Date.now;
  const resyncMs = opts.resyncMs ?? 30_000;
  const initial = opts.initialBackoffMs ?? 250;
  const max = opts.maxBackoffMs ?? 5_000;
  let backoff = initial;
  const node = runtime.node;
  while (!signal.aborted) {
    const round = new AbortController();
    const stop = (): void => round.abort();
    signal.addEventListener('abort', stop, { once: true });
    let timer: NodeJS.Timeout | undefined;
    try {
      dispatch({ type: 'node/connecting', node });
      const host = await runtime.hostInfo(round.signal);
      dispatch({ type: 'node/up', node, host, at: now() });
      // Subscribe from just before the list, so nothing between them is missed.
      const since = Math.floor(now() / 1000) - 1;
      const inspected = new Set<string>();
      const listed = await resync(runtime, dispatch, now, round.signal);
      backoff = initial;
      void fillDetails(runtime, listed, inspected, dispatch, now, round.signal);
      timer = setInterval(() => {
        resync(runtime, dispatch, now, round.signal)
          .then((again) => fillDetails(runtime, again, inspected, dispatch, now, round.signal))
          .catch(() => round.abort());
      }, resyncMs);
      for await (const ev of runtime.events({ since }, round.signal)) {
        dispatch({ type: 'event', event: ev });
        if (ev.type !== 'container') continue;
        if (REMOVED.test(ev.action)) dispatch({ type: 'container/remove', node, id: ev.id, at: now() });
        else if (REFRESHING.test(ev.action)) void refreshOne(runtime, ev.id, dispatch, now, inspected);
      }
      if (!signal.aborted) throw new Error(`event stream from node ${node} ended`);
    } catch (err) {
      if (signal.aborted) break;
      dispatch({ type: 'node/down', node, error: toBerthError(err, node).message, at: now() });
      await sleep(backoff, signal);
      backoff = Math.min(backoff * 2, max);
    } finally {
      clearInterval(timer);
      signal.removeEventListener('abort', stop);
      round.abort();
    }
  }
}
