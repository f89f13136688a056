/**
 * A container list answers without what only an inspect knows (start and
 * finish times, restart count, OOM flag), so a periodic re-list would blank
 * the console's UPTIME and RESTARTS columns that event-driven inspects
 * filled. Merging keeps them while the container is in the same run, and
 * keeps the store's own object when nothing at all changed, so rows built
 * from it are reused rather than rebuilt every resync.
 */
import type { Container } from '../domain/types.ts';

/** Fields a list entry leaves null that an inspect fills. */
const INSPECT_ONLY = ['exitCode', 'oomKilled', 'restartCount', 'startedAt', 'finishedAt'] as const;

/** Whether two entries describe the same run of the same container (same creation, same state). */
function sameRun(a: Container, b: Container): boolean {
  return a.id === b.id && sameSecond(a.createdAt, b.createdAt) && a.state === b.state;
}

/** A list gives creation in whole seconds, an inspect in nanoseconds: the same instant either way. */
function sameSecond(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
}

/** Field by field; ports, labels and compose compared by value (small, and only once a resync). */
function sameContainer(a: Container, b: Container): boolean {
  for (const key of Object.keys(a) as (keyof Container)[]) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

/**
 * The container to store for a list entry, given the store's previous copy:
 * inspect-only fields the list left null are taken from a previous copy of
 * the same run; an unchanged result is the previous object itself.
 */
export function mergeListed(prev: Container | undefined, listed: Container): Container {
  if (prev === undefined || !sameRun(prev, listed)) return listed;
  let merged = listed;
  // Fixed for the life of a container, but worded differently by a list (Docker quotes the command's
  // arguments, gives creation in whole seconds) and an inspect: keep one wording so the object stays put.
  if (merged.command !== prev.command || merged.createdAt !== prev.createdAt) merged = { ...merged, command: prev.command, createdAt: prev.createdAt };
  for (const f of INSPECT_ONLY) {
    if (merged[f] === null && prev[f] !== null) merged = { ...merged, [f]: prev[f] };
  }
  return sameContainer(prev, merged) ? prev : merged;
}
