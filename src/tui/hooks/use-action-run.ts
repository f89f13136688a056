/**
 * The results panel's data: the last container action and each target's
 * result as it lands. A new action replaces the old one; results of an
 * action already replaced are ignored.
 */
import { useCallback, useRef, useState } from 'react';
import type { AuditLog } from '../../cli/framework/audit.ts';
import type { Container } from '../../domain/types.ts';
import { runVerb, VERBS, type ContainerVerb } from '../actions/container-actions.ts';
import type { ActionRun } from '../components/ResultsPanel.tsx';
import type { ConsoleFleet } from '../data/fleet.ts';

/** The run shown, and how to start a new one or close a finished one. */
export interface ActionRunner {
  run: ActionRun | null;
  /** Whether every target's result has landed. */
  finished: () => boolean;
  start: (verb: ContainerVerb, targets: Container[]) => void;
  close: () => void;
}

/** Runs verbs through the audit log (actions/container-actions.ts). */
export function useActionRun(fleet: ConsoleFleet, audit: AuditLog): ActionRunner {
  const [run, setRunState] = useState<ActionRun | null>(null);
  const runRef = useRef<ActionRun | null>(null);
  const runId = useRef(0);
  const setRun = useCallback((f: (prev: ActionRun | null) => ActionRun | null) => {
    runRef.current = f(runRef.current);
    setRunState(runRef.current);
  }, []);
  const start = useCallback((verb: ContainerVerb, targets: Container[]) => {
    const id = ++runId.current;
    setRun(() => ({ action: VERBS[verb].action, total: targets.length, results: [] }));
    void runVerb(verb, targets, { runtime: (n) => fleet.runtime(n), audit }, (r, i) => {
      if (runId.current !== id) return;
      setRun((prev) => {
        if (!prev) return prev;
        const results = prev.results.slice();
        results[i] = r;
        return { ...prev, results };
      });
    });
  }, [fleet, audit, setRun]);
  const close = useCallback(() => setRun(() => null), [setRun]);
  const finished = useCallback(() => {
    const r = runRef.current;
    return r !== null && r.results.filter(Boolean).length === r.total;
  }, []);
  return { run, finished, start, close };
}
