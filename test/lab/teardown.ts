// Tearing a lab down from nothing but its folder, so it works after a partial
// start, from another process (scripts/lab.ts stop), from an 'exit' handler
// (hence synchronous), and twice. Order: thaw paused containers and kill
// every process in the lab's cgroups; SIGTERM the engines, then their
// containerd, waiting a few seconds each; SIGKILL every process left of the
// lab (its mount namespace, its cgroups, anything whose argv names the lab
// folder); unmount what is mounted under the folder, deepest first; remove
// the folder without crossing into another file system (rm -rf
// --one-file-system); remove the lab's cgroups, deepest first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { labCgroupDirs, procsIn, removeCgroups, thaw } from './cgroups.ts';
import { mountsUnder, unmountUnder } from './mounts.ts';
import { isAlive, listProcs, readProc, selfAndAncestors, signal, sleepSync, type ProcEntry } from './proc.ts';

/** What a teardown did and what, if anything, it could not undo. */
export interface TeardownReport {
  dir: string;
  killed: number;
  unmounted: number;
  /** Things still present afterwards (processes, mounts, folder, cgroups). */
  leftovers: string[];
  ms: number;
}

/** Lab folders are always /tmp/berth-lab-XXXXXX; refuse anything else before deleting. */
export function assertLabDir(dir: string): void {
  if (dirname(dir) !== '/tmp' || !/^berth-lab-[A-Za-z0-9]{6}$/.test(basename(dir))) {
    throw new Error(`refusing to tear down ${dir}: not a lab folder (/tmp/berth-lab-XXXXXX)`);
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function readPid(file: string): number {
  const n = Number(readText(file));
  return Number.isInteger(n) && n > 1 ? n : 0;
}

function ids(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => /^[0-9a-f]{64}$/.test(n));
  } catch {
    return [];
  }
}

/** Ids of every container the lab's engines know, read from their storage. */
export function labContainerIds(dir: string): string[] {
  const out: string[] = [];
  for (const engine of ['docker1', 'docker2']) out.push(...ids(join(dir, engine, 'data', 'containers')));
  for (const driver of ['overlay', 'vfs']) out.push(...ids(join(dir, 'podman', 'root', `${driver}-containers`)));
  return out;
}

function belongs(p: ProcEntry, dir: string, nsIds: Set<string>): boolean {
  if (nsIds.has(p.mntNs)) return true;
  return p.args.some((a) => a.includes(`${dir}/`) || a.endsWith(dir));
}

/**
 * The lab's mount namespace(s): the one recorded in <dir>/ns/mnt-ns, and any
 * whose mount table has the lab's overlays (found even if the start was
 * interrupted before the id was recorded).
 */
function labNamespaces(dir: string, procs: ProcEntry[]): Set<string> {
  const ids = new Set<string>();
  const recorded = readText(join(dir, 'ns', 'mnt-ns'));
  if (recorded) ids.add(recorded);
  const own = readProc(process.pid)?.mntNs;
  const seen = new Set<string>();
  for (const p of procs) {
    if (!p.mntNs || p.mntNs === own || seen.has(p.mntNs)) continue;
    seen.add(p.mntNs);
    if (readText(`/proc/${p.pid}/mountinfo`).includes(`upperdir=${dir}/ns/`)) ids.add(p.mntNs);
  }
  return ids;
}

/** pids from the lab's pid files that really are lab processes. */
function daemonPids(dir: string, nsIds: Set<string>, files: string[]): number[] {
  return files
    .map((f) => readPid(join(dir, f)))
    .filter((pid) => {
      const p = pid ? readProc(pid) : null;
      return p !== null && belongs(p, dir, nsIds);
    });
}

function waitGone(pids: number[], ms: number): void {
  const deadline = Date.now() + ms;
  while (pids.some(isAlive) && Date.now() < deadline) sleepSync(50);
}

/**
 * Stops everything the lab in `dir` started and removes every trace of it.
 * Synchronous on purpose (see the file comment); stopLab wraps it.
 */
export function teardownSync(dir: string, graceMs = 5_000): TeardownReport {
  assertLabDir(dir);
  const t0 = Date.now();
  const trace = (step: string) => {
    if (process.env.BERTH_LAB_DEBUG) process.stderr.write(`berth lab teardown: ${step} at ${Date.now() - t0} ms\n`);
  };
  const labId = basename(dir);
  const nsIds = labNamespaces(dir, listProcs());
  const containerIds = labContainerIds(dir);
  const keep = selfAndAncestors();
  const cgroups = () => labCgroupDirs(labId, containerIds);
  // Containers first (a test lab's containers need no graceful stop, and
  // engines then shut down at once), then the engines politely, then the
  // containerd each Docker engine uses.
  const first = cgroups();
  thaw(first);
  procsIn(first).filter((pid) => !keep.has(pid)).forEach((pid) => signal(pid, 'SIGKILL'));
  const engines = daemonPids(dir, nsIds, ['docker1/dockerd.pid', 'docker2/dockerd.pid', 'podman/service.pid']);
  engines.forEach((pid) => signal(pid, 'SIGTERM'));
  waitGone(engines, graceMs);
  trace(`engines ${engines.join(',')} stopped; still alive: ${engines.filter(isAlive).map((pid) => readProc(pid)?.args[0]).join(',') || 'none'}`);
  const containerds = daemonPids(dir, nsIds, ['docker1/containerd.pid', 'docker2/containerd.pid']);
  containerds.forEach((pid) => signal(pid, 'SIGTERM'));
  waitGone(containerds, Math.min(graceMs, 3_000));
  trace(`containerd ${containerds.join(',')} stopped`);

  // Then everything of the lab that is still alive, until nothing is.
  const killed = new Set<number>();
  for (let round = 0; round < 25; round++) {
    const cg = cgroups();
    thaw(cg);
    const victims = new Set<number>(procsIn(cg));
    for (const p of listProcs()) if (belongs(p, dir, nsIds)) victims.add(p.pid);
    for (const pid of keep) victims.delete(pid);
    const alive = [...victims].filter(isAlive);
    if (alive.length === 0) break;
    alive.forEach((pid) => {
      killed.add(pid);
      signal(pid, 'SIGKILL');
    });
    sleepSync(round < 5 ? 50 : 200);
  }
  trace(`${killed.size} processes killed`);
  const leftovers: string[] = [];
  const stillAlive = listProcs().filter((p) => !keep.has(p.pid) && belongs(p, dir, nsIds));
  for (const p of stillAlive) leftovers.push(`process ${p.pid} (${p.args.join(' ').slice(0, 80)})`);

  // Mounts: those of the lab namespace died with it; these are any made outside it.
  const before = mountsUnder(dir).length;
  const stuck = unmountUnder(dir);
  for (const mp of stuck) leftovers.push(`mount ${mp}`);

  if (existsSync(dir)) {
    const rm = spawnSync('rm', ['-rf', '--one-file-system', dir], { encoding: 'utf8' });
    if (rm.status !== 0 || existsSync(dir)) leftovers.push(`folder ${dir}: ${(rm.stderr ?? '').trim().split('\n').slice(0, 3).join('; ')}`);
  }

  for (const cg of removeCgroups(cgroups())) leftovers.push(`cgroup ${cg}`);
  return { dir, killed: killed.size, unmounted: before - stuck.length, leftovers, ms: Date.now() - t0 };
}
