/**
 * One node's event stream for `berth events`, kept alive: a stream the
 * engine drops (or closes before `--until`) is reconnected with backoff for
 * up to `--timeout`×3, resuming from the last event delivered so nothing
 * is lost or repeated (cursor.ts); past that the node is lost for good.
 * With `--until` it ends once the engine has delivered everything up to
 * that time.
 */
import { BerthError } from '../../domain/errors.ts';
import type { BerthEvent } from '../../domain/types.ts';
import { ResumeCursor } from './cursor.ts';
import { ESTABLISHED_MS } from './follow-logs.ts';
import { RetryBudget, realClock, type RetryClock } from './retry.ts';

/** What following needs from a runtime (DockerRuntime fits; tests fake it). */
export interface EventSource {
  events(opts: { since?: number; until?: number }, signal?: AbortSignal): AsyncIterable<BerthEvent>;
}

/** One node's stream. */
export interface FollowEventsOptions {
  node: string;
  /** Unix seconds: past events from here (`--since`). */
  since?: number | undefined;
  /** Unix seconds: end here (`--until`). */
  until?: number | undefined;
  /** When streaming began (unix seconds): nothing older is shown unless `since` asks. */
  startSeconds: number;
  retryBudgetMs: number;
  signal: AbortSignal;
  emit(event: BerthEvent): void;
  /** A loss being retried: worth a warning. */
  warn?(message: string): void;
  /** Progress (reconnected). */
  note?(message: string): void;
  clock?: RetryClock;
}

/** How early an engine may end a stream before `until` without that being a loss. */
export const UNTIL_SLACK_MS = 1000;

/** The cursor key of an event. */
export function eventKey(e: BerthEvent): string {
  return `${e.type}\u0000${e.action}\u0000${e.id}`;
}

/**
 * The query of one pass: the first as asked (no `since` means live only);
 * a resume from the last event seen, or from the start when none was.
 */
export function eventPassQuery(o: Pick<FollowEventsOptions, 'since' | 'until' | 'startSeconds'>, cursor: ResumeCursor, first: boolean): { since?: number; until?: number } {
  const until = o.until === undefined ? {} : { until: o.until };
  if (first) return { ...(o.since === undefined ? {} : { since: o.since }), ...until };
  return { since: cursor.sinceSeconds() ?? Math.floor(o.since ?? o.startSeconds), ...until };
}

/**
 * Streams one node's events until `until` (resolves), an abort (resolves),
 * or a loss that outlasts the budget (rejects with the final error).
 */
export async function followEvents(src: EventSource, o: FollowEventsOptions): Promise<void> {
  const clock = o.clock ?? realClock;
  // No floor from our own clock: a node's clock may lag ours, and its live
  // events must not be dropped for that.
  const cursor = new ResumeCursor(o.since);
  const budget = new RetryBudget(o.retryBudgetMs, `the event stream of node ${o.node}`, clock);
  for (let first = true; ; first = false) {
    if (o.signal.aborted) return;
    cursor.newPass();
    const opened = clock.now();
    let delivered = 0;
    let failure: unknown;
    try {
      for await (const e of src.events(eventPassQuery(o, cursor, first), o.signal)) {
        if (!cursor.accept(e.at, eventKey(e))) continue;
        delivered++;
        if (budget.retrying) {
          budget.recovered();
          o.note?.(`node ${o.node}: event stream back`);
        }
        o.emit(e);
      }
      if (o.signal.aborted) return;
      if (o.until !== undefined) {
        const left = o.until * 1000 - clock.now();
        if (left <= 0) return;
        // Engines end the stream at `until` by their own timer, which may
        // fire a hair before ours: wait for it, then one pass collects the rest.
        if (left <= UNTIL_SLACK_MS) {
          await clock.sleep(left, o.signal);
          continue;
        }
      }
      // An engine that stops (or restarts) ends the stream cleanly: a loss all the same.
      failure = new BerthError('unreachable', `node ${o.node} closed its event stream${o.until === undefined ? '' : ' before --until'}`, { node: o.node });
    } catch (err) {
      if (o.signal.aborted) return;
      failure = err;
    }
    const lasted = clock.now() - opened;
    if (delivered > 0 || (lasted >= ESTABLISHED_MS && failure instanceof BerthError && failure.kind === 'unreachable')) budget.recovered();
    if (!budget.retrying && failure instanceof BerthError && (failure.kind === 'unreachable' || failure.kind === 'timeout')) {
      o.warn?.(`lost the event stream of node ${o.node} (${failure.message}); retrying for up to ${o.retryBudgetMs / 1000}s`);
    }
    await budget.failed(failure, o.signal);
  }
}
