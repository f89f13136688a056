// What a test can see of the lab's "remote" hosts from this machine: the
// lab's sshd runs here (in the lab's mount namespace), so its sessions and
// whatever berth runs through them are in our /proc.
import { readlinkSync } from 'node:fs';
import { BOUNDARY_PREFIX } from '../../../src/metrics/stream/script.ts';
import { isAlive, listProcs, signal, sleep } from '../../lab/proc.ts';
import type { LabInfo, LabSshServer } from '../../lab/types.ts';

/**
 * Pids of berth's streaming sampler loops running on the lab's hosts: the
 * awk processes (`-v b=<boundary>`), not the shells that started them (a
 * login shell such as dash keeps its `sh -c` parent alive, bash execs it).
 */
export function samplerLoops(lab: LabInfo): number[] {
  const ns = readlinkSync(`/proc/${lab.mountNamespace.holderPid}/ns/mnt`);
  return listProcs().filter((p) => p.mntNs === ns && p.args.some((a) => a.startsWith(`b=${BOUNDARY_PREFIX}`))).map((p) => p.pid);
}

/**
 * Kills one lab sshd and its per-connection sshd processes, but not what
 * runs in the sessions: as when a host's sshd dies or the network drops,
 * the commands are left with closed pipes and must end by themselves.
 */
export async function dropSshd(server: Pick<LabSshServer, 'sshdConfig'>): Promise<void> {
  const procs = listProcs();
  const isSshd = (args: string[]): boolean => /^sshd(-session)?:|\/sshd\b/.test(args[0] ?? '');
  const doomed = new Set<number>(procs.filter((p) => isSshd(p.args) && p.args.some((a) => a === server.sshdConfig || a.includes(` ${server.sshdConfig} `))).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (doomed.has(p.ppid) && !doomed.has(p.pid) && isSshd(p.args)) {
        doomed.add(p.pid);
        grew = true;
      }
    }
  }
  for (const p of doomed) signal(p, 'SIGKILL');
  for (let i = 0; i < 100 && [...doomed].some(isAlive); i++) await sleep(20);
}
