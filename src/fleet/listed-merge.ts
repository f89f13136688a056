/**
 * A container list answers without what only an inspect knows (start and
 * finish times, restart count, OOM flag), so a periodic re-list would blank
 * the console's UPTIME and RESTARTS columns that event-driven inspects
 * filled. Merging keeps them while the container is in the same run, and
 * keeps the store's own object when nothing at all changed, so rows built
 * from it are reused rather than rebuilt every resync.
 */
import type { Container, PortMapping } from '../domain/types.ts';

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

function samePorts(a: readonly PortMapping[], b: readonly PortMapping[]): boolean {
  return a.length === b.length && a.every((p, i) => p.privatePort === b[i]!.privatePort && p.publicPort === b[i]!.publicPort && p.type === b[i]!.type && p.ip === b[i]!.ip);
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function sameContainer(a: Container, b: Container): boolean {
  return a.name === b.name && a.node === b.node && a.image === b.image && a.command === b.command && a.state === b.state && a.status === b.status &&
    a.health === b.health && a.createdAt === b.createdAt && INSPECT_ONLY.every((f) => a[f] === b[f]) &&
    samePorts(a.ports, b.ports) && sameLabels(a.labels, b.labels) && a.compose?.project === b.compose?.project && a.compose?.service === b.compose?.service;
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
