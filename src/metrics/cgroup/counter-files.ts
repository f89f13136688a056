/**
 * Which files hold a container's counters, and how to read each. Decided
 * once per container (cached with its cgroup), so a tick is only reads.
 * Per controller: its v1 directory when it is mounted as v1, else the v2
 * (unified) directory. That one rule covers v1, v2 and hybrid hosts; in
 * hybrid mode the unified tree adds PSI, which v1 lacks.
 */
import type { ContainerDirs } from './resolve.ts';

/** How a file is decoded (see decode.ts). */
export type CounterKind =
  | 'v1.cpuacct.usage'
  | 'v1.cpu.stat'
  | 'v2.cpu.stat'
  | 'v1.memory.usage'
  | 'v2.memory.current'
  | 'v1.memory.limit'
  | 'v2.memory.max'
  | 'v1.memory.stat'
  | 'v2.memory.stat'
  | 'v1.memory.oom_control'
  | 'v2.memory.events'
  | 'v1.blkio'
  | 'v2.io.stat'
  | 'pids.current'
  | 'cpu.pressure'
  | 'memory.pressure'
  | 'io.pressure';

/** One file to read each tick. */
export interface CounterFile {
  path: string;
  kind: CounterKind;
}

/** A container's files: counters read every tick, PSI at most every PSI_PERIOD_MS. */
export interface ContainerFiles {
  /** The first one holds CPU usage, which every running container has: when it is gone, so is the container. */
  counters: CounterFile[];
  /** `{cpu,memory,io}.pressure`; empty without a v2 tree. */
  pressure: CounterFile[];
}

/**
 * How often PSI is worth reading: the kernel recomputes avg10 every 2 s
 * (kernel/sched/psi.c, PSI_FREQ = 2*HZ+1), so reading it every tick at 1 Hz
 * returns the same numbers half the time, at ~16 µs per container here.
 */
export const PSI_PERIOD_MS = 2000;

/** The files of one container. */
export function counterFiles(dirs: ContainerDirs): ContainerFiles {
  const { v1, unified } = dirs;
  const files: CounterFile[] = [];
  const pressure: CounterFile[] = [];
  const add = (dir: string | null | undefined, name: string, kind: CounterKind, to = files): void => {
    if (dir) to.push({ path: `${dir}/${name}`, kind });
  };
  if (v1.cpuacct) add(v1.cpuacct, 'cpuacct.usage', 'v1.cpuacct.usage');
  else add(unified, 'cpu.stat', 'v2.cpu.stat');
  // v2 cpu.stat carries usage and throttling in one file; read it once.
  if (v1.cpu) add(v1.cpu, 'cpu.stat', 'v1.cpu.stat');
  else if (v1.cpuacct) add(unified, 'cpu.stat', 'v2.cpu.stat');
  if (v1.memory) {
    add(v1.memory, 'memory.usage_in_bytes', 'v1.memory.usage');
    add(v1.memory, 'memory.limit_in_bytes', 'v1.memory.limit');
    add(v1.memory, 'memory.stat', 'v1.memory.stat');
    add(v1.memory, 'memory.oom_control', 'v1.memory.oom_control');
  } else {
    add(unified, 'memory.current', 'v2.memory.current');
    add(unified, 'memory.max', 'v2.memory.max');
    add(unified, 'memory.stat', 'v2.memory.stat');
    add(unified, 'memory.events', 'v2.memory.events');
  }
  if (v1.blkio) add(v1.blkio, 'blkio.throttle.io_service_bytes_recursive', 'v1.blkio');
  else add(unified, 'io.stat', 'v2.io.stat');
  add(v1.pids ?? unified, 'pids.current', 'pids.current');
  add(unified, 'cpu.pressure', 'cpu.pressure', pressure);
  add(unified, 'memory.pressure', 'memory.pressure', pressure);
  add(unified, 'io.pressure', 'io.pressure', pressure);
  return { counters: files, pressure };
}
