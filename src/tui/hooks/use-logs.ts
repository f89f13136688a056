/**
 * Follows one container's logs into the logs reducer while the pane is
 * open: the last 500 lines, then live, across restarts and brief engine
 * losses (the scripted `logs -f --follow-restarts` loop, follow-logs.ts).
 * Lines are batched into one commit per 50 ms; closing the pane aborts the
 * stream (STYLE.md: every stream takes an AbortSignal).
 */
import { useEffect, useReducer, type Dispatch } from 'react';
import { toBerthError } from '../../domain/errors.ts';
import { readLogs } from '../../cli/streams/follow-logs.ts';
import type { ConsoleFleet } from '../data/fleet.ts';
import { initialLogs, logEntry, reduceLogs, type LogEntry, type LogsAction, type LogsState } from '../state/logs.ts';

/** Lines requested when the pane opens. */
export const LOG_TAIL = 500;

/** The logs of `target` (null: none open) and the reducer's dispatch. */
export function useLogs(fleet: ConsoleFleet, target: { node: string; id: string; name: string } | null, retryBudgetMs: number): [LogsState, Dispatch<LogsAction>] {
  const [state, dispatch] = useReducer(reduceLogs, undefined, initialLogs);
  const node = target?.node ?? null;
  const id = target?.id ?? null;
  const name = target?.name ?? '';
  useEffect(() => {
    if (node === null || id === null) return;
    const abort = new AbortController();
    dispatch({ type: 'reset' });
    let pending: LogEntry[] = [];
    let timer: NodeJS.Timeout | null = null;
    const flush = (): void => {
      timer = null;
      const entries = pending;
      pending = [];
      dispatch({ type: 'append', entries });
    };
    void (async () => {
      try {
        const rt = await fleet.runtime(node);
        const detail = await rt.inspectContainer(id, abort.signal);
        dispatch({ type: 'status', status: 'following' });
        const end = await readLogs(rt, {
          id, label: `${name} on node ${node}`, tty: detail.tty, tail: LOG_TAIL, follow: true, followRestarts: true,
          startSeconds: Date.now() / 1000, retryBudgetMs, signal: abort.signal,
          emit: (line) => {
            pending.push(logEntry(line));
            timer ??= setTimeout(flush, 50);
          },
          note: (m) => dispatch({ type: 'status', status: m }),
          warn: (m) => dispatch({ type: 'status', status: m }),
        });
        if (!abort.signal.aborted) dispatch({ type: 'status', status: end === 'removed' ? 'container removed' : 'ended' });
      } catch (err) {
        if (!abort.signal.aborted) dispatch({ type: 'status', status: `error: ${toBerthError(err, node).message}` });
      }
    })();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [fleet, node, id, name, retryBudgetMs]);
  return [state, dispatch];
}
