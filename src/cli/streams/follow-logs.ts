/**
 * Reading a container's logs, and following them as CLI.md "Logs and
 * streams" asks: `-f` until the container exits (as docker), with
 * `--follow-restarts` on across restarts, and through a lost engine or
 * connection (retried with backoff for `--timeout`×3). Timestamps are
 * always requested, so every reconnect resumes from the last line shown
 * of each stream and never repeats one (cursor.ts); the printer drops them
 * unless `-t`.
 *
 * Why a stream ended is not in the stream: an engine ends a follow when the
 * container stops, but also when it shuts down. So every end is followed by
 * an inspect, which tells "exited" (done, or wait for a restart), "still
 * running" (read again) and "engine gone" (retry) apart.
 */
import { BerthError } from '../../domain/errors.ts';
import type { ContainerDetail, ContainerState, LogLine } from '../../domain/types.ts';
import type { LogOptions } from '../../runtime/types.ts';
import { StreamCursors, type ResumeCursor } from './cursor.ts';
import { RetryBudget, realClock, type RetryClock } from './retry.ts';

/** What following needs from a runtime (DockerRuntime fits; tests fake it). */
export interface LogSource {
  logs(id: string, opts: LogOptions, signal?: AbortSignal): AsyncIterable<LogLine>;
  inspectContainer(id: string, signal?: AbortSignal): Promise<Pick<ContainerDetail, 'state'>>;
}

/** How the reading ended. */
export type LogsEnd =
  /** Everything asked for was printed (no `-f`). */
  | 'done'
  /** `-f`: the container is no longer running. */
  | 'exited'
  /** The container was removed while being followed. */
  | 'removed'
  /** Ctrl-C (or another abort). */
  | 'aborted';

/** What to read and how. */
export interface ReadLogsOptions {
  id: string;
  /** For messages: `web on node local`. */
  label: string;
  /** The container's `Config.Tty`: its logs are one raw stream. */
  tty: boolean;
  tail: number | 'all';
  /** Unix seconds. */
  since?: number | undefined;
  follow: boolean;
  followRestarts: boolean;
  /** When following began (unix seconds): where a resume starts if nothing was shown yet. */
  startSeconds: number;
  /** How long a lost engine is retried (CLI.md: `--timeout`×3). */
  retryBudgetMs: number;
  signal: AbortSignal;
  /** Prints a line; a returned promise is awaited (backpressure). */
  emit(line: LogLine): void | Promise<void>;
  /** Progress an operator may want (waiting for a restart, reconnecting). */
  note?(message: string): void;
  /** A lost connection being retried: worth a warning on stderr. */
  warn?(message: string): void;
  /** How often a stopped container is checked for a restart (default 1 s). */
  pollMs?: number;
  clock?: RetryClock;
}

/** States in which the container's log stream is worth reading again. */
const LIVE: ReadonlySet<ContainerState> = new Set(['running', 'paused']);

/** A stream that lived this long before failing had connected; its loss starts a fresh budget. */
export const ESTABLISHED_MS = 1000;

/** The cursor key of a line: its stream and bytes. */
export function lineKey(line: LogLine): string {
  return `${line.stream}:${line.data.toString('latin1')}`;
}

/** The request of one pass: the first as the user asked, later ones resuming. */
export function passOptions(o: Pick<ReadLogsOptions, 'tail' | 'since' | 'follow' | 'tty' | 'startSeconds'>, cursor: Pick<ResumeCursor, 'sinceSeconds'>, first: boolean): LogOptions {
  const common = { follow: o.follow, timestamps: true, tty: o.tty };
  if (first) return { ...common, tail: o.tail, ...(o.since === undefined ? {} : { since: o.since }) };
  // Resume: from the last line shown (the cursor drops the overlap), or,
  // when nothing was shown yet, from the user's --since or when following began.
  return { ...common, tail: 'all', since: cursor.sinceSeconds() ?? o.since ?? Math.floor(o.startSeconds) };
}

/**
 * Reads (and with `follow`, follows) one container's logs. Resolves with
 * how it ended; rejects with the final 'unreachable' error when the engine
 * stayed away for the whole budget, or with any other error at once.
 */
export async function readLogs(src: LogSource, o: ReadLogsOptions): Promise<LogsEnd> {
  const clock = o.clock ?? realClock;
  const pollMs = o.pollMs ?? 1000;
  const cursor = new StreamCursors();
  const budget = new RetryBudget(o.retryBudgetMs, `the log stream of ${o.label}`, clock);
  let first = true;
  let reading = true;
  /** The last pass ended at once with nothing new: do not spin on it. */
  let idleEnd = false;
  let waiting = false;
  const lost = async (err: unknown): Promise<void> => {
    if (!budget.retrying && err instanceof BerthError && (err.kind === 'unreachable' || err.kind === 'timeout')) {
      (o.warn ?? o.note)?.(`lost the connection while following ${o.label} (${err.message}); retrying for up to ${o.retryBudgetMs / 1000}s`);
    }
    await budget.failed(err, o.signal);
  };
  for (;;) {
    if (o.signal.aborted) return 'aborted';
    if (reading) {
      cursor.newPass();
      const opts = passOptions(o, cursor, first);
      first = false;
      const opened = clock.now();
      let shown = 0;
      try {
        for await (const line of src.logs(o.id, opts, o.signal)) {
          if (!cursor.accept(line.stream, line.at, lineKey(line))) continue;
          shown++;
          if (budget.retrying) {
            budget.recovered();
            o.note?.(`reconnected; following ${o.label} again`);
          }
          const pending = o.emit(line);
          if (pending) await pending;
        }
      } catch (err) {
        if (o.signal.aborted) return 'aborted';
        if (!o.follow) throw err;
        if (err instanceof BerthError && err.kind === 'not-found') return 'removed';
        const lasted = clock.now() - opened;
        if (shown > 0 || (lasted >= ESTABLISHED_MS && err instanceof BerthError && err.kind === 'unreachable')) budget.recovered();
        await lost(err);
        reading = false;
        continue;
      }
      if (o.signal.aborted) return 'aborted';
      if (!o.follow) return 'done';
      idleEnd = shown === 0 && clock.now() - opened < ESTABLISHED_MS;
      reading = false;
      continue;
    }
    // Why did the stream end? Ask the engine.
    let detail: Pick<ContainerDetail, 'state'>;
    try {
      detail = await src.inspectContainer(o.id, o.signal);
    } catch (err) {
      if (o.signal.aborted) return 'aborted';
      if (err instanceof BerthError && err.kind === 'not-found') return 'removed';
      await lost(err);
      continue;
    }
    if (LIVE.has(detail.state)) {
      // The budget is not reset here: only a stream that delivers (or
      // lasts) proves the engine is back, or a half-alive engine that
      // answers inspects but drops streams would be retried for ever.
      if (waiting) o.note?.(`${o.label} started again`);
      waiting = false;
      if (idleEnd) await clock.sleep(pollMs, o.signal);
      idleEnd = false;
      reading = true;
      continue;
    }
    if (budget.retrying) {
      budget.recovered();
      o.note?.(`reconnected to the engine of ${o.label}`);
    }
    if (!o.followRestarts) return 'exited';
    if (!waiting) o.note?.(`${o.label} is ${detail.state}; waiting for it to start again`);
    waiting = true;
    await clock.sleep(pollMs, o.signal);
  }
}
