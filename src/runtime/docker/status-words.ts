/**
 * Docker's status line ("Up 3 minutes (healthy)", "Exited (0) 2 hours ago")
 * from a container's state and times. An inspect has no status text of its
 * own, and a listed one is worded once, when listed; both the runtime
 * (statusFromInspect) and the console (a status kept current every tick)
 * word it here, so the two cannot drift apart.
 */
import type { Container } from '../../domain/types.ts';
import { humanDuration } from './time.ts';

/** What the wording depends on; times in ms since the epoch, null when unknown. */
export interface StatusFacts {
  state: Container['state'];
  health: Container['health'];
  exitCode: number | null;
  startedMs: number | null;
  finishedMs: number | null;
}

/** The status line at `now`, as Docker words it; a missing time leaves its duration out. */
export function statusWords(f: StatusFacts, now: number): string {
  const since = (ms: number | null): string => (ms === null ? '' : humanDuration(Math.max(0, now - ms)));
  switch (f.state) {
    case 'running': {
      const suffix = f.health === 'starting' ? ' (health: starting)' : f.health ? ` (${f.health})` : '';
      return `Up ${since(f.startedMs)}${suffix}`.replace('Up  ', 'Up ');
    }
    case 'paused':
      return `Up ${since(f.startedMs)} (Paused)`;
    case 'restarting':
      return `Restarting (${f.exitCode ?? 0}) ${since(f.finishedMs)} ago`;
    case 'exited':
      return f.finishedMs !== null ? `Exited (${f.exitCode ?? 0}) ${since(f.finishedMs)} ago` : 'Exited';
    case 'dead':
      return 'Dead';
    case 'removing':
      return 'Removal In Progress';
    default:
      return 'Created';
  }
}
