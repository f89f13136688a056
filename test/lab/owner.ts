// Who owns a lab folder, recorded in <lab>/owner.json the moment it exists:
// lets a later startLab remove labs whose owner died without a teardown
// (SIGKILL, a crash), and leave alone labs that are in use or that
// scripts/lab.ts started to outlive it.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './proc.ts';
import { teardownSync } from './teardown.ts';

/** Contents of owner.json. */
export interface LabOwner {
  pid: number;
  /** Start time of the owner in clock ticks since boot (/proc/<pid>/stat field 22), against pid reuse. */
  startTicks: string;
  detached: boolean;
}

function startTicks(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** Records this process as the owner of `dir`. */
export function writeOwner(dir: string, detached: boolean): void {
  const owner: LabOwner = { pid: process.pid, startTicks: startTicks(process.pid), detached };
  writeFileSync(join(dir, 'owner.json'), `${JSON.stringify(owner)}\n`);
}

/** Marks `dir` as detached: no longer tied to the process that started it. */
export function markDetached(dir: string): void {
  const owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as LabOwner;
  writeFileSync(join(dir, 'owner.json'), `${JSON.stringify({ ...owner, detached: true })}\n`);
}

function orphaned(dir: string): boolean {
  try {
    const owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as LabOwner;
    if (owner.detached) return false;
    return !isAlive(owner.pid) || startTicks(owner.pid) !== owner.startTicks || owner.startTicks === '';
  } catch {
    // No owner.json: a start that died at once, or one that is only beginning.
    try {
      return Date.now() - statSync(dir).mtimeMs > 10 * 60_000;
    } catch {
      return false;
    }
  }
}

/** Tears down labs under /tmp whose owner is gone; returns their folders. */
export function sweepOrphanedLabs(): string[] {
  const swept: string[] = [];
  let names: string[];
  try {
    names = readdirSync('/tmp').filter((n) => /^berth-lab-[A-Za-z0-9]{6}$/.test(n));
  } catch {
    return swept;
  }
  for (const name of names) {
    const dir = join('/tmp', name);
    if (!orphaned(dir)) continue;
    try {
      const report = teardownSync(dir, 2_000);
      swept.push(dir);
      process.stderr.write(`berth lab: removed orphaned lab ${dir} (${report.ms} ms)\n`);
    } catch (err) {
      process.stderr.write(`berth lab: could not remove orphaned lab ${dir}: ${(err as Error).message}\n`);
    }
  }
  return swept;
}
