/**
 * Turns the contents of a container's counter files into counters. A file
 * that is missing or unreadable leaves its fields null; only a missing CPU
 * usage file (the first one) means the container is gone.
 */
import { parseBlkioServiceBytes, parseIoStat } from '../parse/io.ts';
import { parsePsiAvg10 } from '../parse/psi.ts';
import { keyedValue, parseLimit, parseSingle } from '../parse/values.ts';
import type { RawSample } from '../types.ts';
import type { CounterFile } from './counter-files.ts';

/** The cgroup part of a sample. */
export type CgroupCounters = Pick<RawSample, 'cpu' | 'memory' | 'blockIo' | 'pids' | 'pressure'>;

/** PSI avg10 values of a cgroup. */
export type Pressure = RawSample['pressure'];

/** Errors that mean the cgroup or the process is no more (ENODEV: a kept-open file of a removed cgroup). */
const GONE = new Set(['ENOENT', 'ENODEV', 'ESRCH']);

/** Whether a read error says the file's container has vanished. */
export function isGone(err: Error): boolean {
  return GONE.has((err as NodeJS.ErrnoException).code ?? '');
}

function empty(): CgroupCounters {
  return {
    cpu: { usageNs: null, periods: null, throttledPeriods: null, throttledNs: null },
    memory: { usageBytes: null, limitBytes: null, inactiveFileBytes: null, rssBytes: null, cacheBytes: null, oomKills: null },
    blockIo: { readBytes: null, writeBytes: null },
    pids: null,
    pressure: { cpuSome10: null, memorySome10: null, memoryFull10: null, ioSome10: null },
  };
}

/** Scales a counter; keeps null. */
function times(n: number | null, factor: number): number | null {
  return n === null ? null : n * factor;
}

/** Applies one file's text to the counters. */
function apply(c: CgroupCounters, kind: CounterFile['kind'], text: string): void {
  switch (kind) {
    case 'v1.cpuacct.usage':
      c.cpu.usageNs = parseSingle(text);
      return;
    case 'v1.cpu.stat':
    case 'v2.cpu.stat': {
      if (kind === 'v2.cpu.stat') c.cpu.usageNs ??= times(keyedValue(text, 'usage_usec'), 1000);
      // nr_periods & co. exist only where the cpu controller is on (cgroup-v2.rst "cpu.stat").
      const periods = keyedValue(text, 'nr_periods');
      if (periods === null) return;
      c.cpu.periods = periods;
      c.cpu.throttledPeriods = keyedValue(text, 'nr_throttled');
      c.cpu.throttledNs = kind === 'v1.cpu.stat' ? keyedValue(text, 'throttled_time') : times(keyedValue(text, 'throttled_usec'), 1000);
      return;
    }
    case 'v1.memory.usage':
    case 'v2.memory.current':
      c.memory.usageBytes = parseSingle(text);
      return;
    case 'v1.memory.limit':
    case 'v2.memory.max':
      c.memory.limitBytes = parseLimit(text);
      return;
    case 'v1.memory.stat': {
      // total_* are hierarchical, like usage_in_bytes; Docker subtracts total_inactive_file.
      c.memory.inactiveFileBytes = keyedValue(text, 'total_inactive_file') ?? keyedValue(text, 'inactive_file');
      c.memory.rssBytes = keyedValue(text, 'total_rss') ?? keyedValue(text, 'rss');
      c.memory.cacheBytes = keyedValue(text, 'total_cache') ?? keyedValue(text, 'cache');
      return;
    }
    case 'v2.memory.stat': {
      c.memory.inactiveFileBytes = keyedValue(text, 'inactive_file');
      c.memory.rssBytes = keyedValue(text, 'anon');
      c.memory.cacheBytes = keyedValue(text, 'file');
      return;
    }
    case 'v1.memory.oom_control':
    case 'v2.memory.events':
      // v1 has oom_kill since Linux 4.13; v2 memory.events is hierarchical (cgroup-v2.rst).
      c.memory.oomKills = keyedValue(text, 'oom_kill');
      return;
    case 'v1.blkio':
    case 'v2.io.stat': {
      const io = kind === 'v1.blkio' ? parseBlkioServiceBytes(text) : parseIoStat(text);
      if (io) c.blockIo = { readBytes: io.readBytes, writeBytes: io.writeBytes };
      return;
    }
    case 'pids.current':
      c.pids = parseSingle(text);
      return;
    case 'cpu.pressure':
      c.pressure.cpuSome10 = parsePsiAvg10(text).some;
      return;
    case 'memory.pressure': {
      const psi = parsePsiAvg10(text);
      c.pressure.memorySome10 = psi.some;
      c.pressure.memoryFull10 = psi.full;
      return;
    }
    case 'io.pressure':
      c.pressure.ioSome10 = parsePsiAvg10(text).some;
      return;
  }
}

/**
 * The memory.stat keys decoding reads (v1 and v2). A reader that trims the
 * file to these lines (the remote sampler does, on the host: memory.stat is
 * most of a tick's bytes) must give the same numbers as the whole file;
 * test/unit/metrics/stream-trim.test.ts checks that on real files.
 */
export const MEMORY_STAT_KEYS = ['total_inactive_file', 'inactive_file', 'total_rss', 'rss', 'total_cache', 'cache', 'anon', 'file'] as const;

/** Decodes `*.pressure` files; fields of files not read stay null. */
export function decodePressure(files: readonly CounterFile[], reads: ReadonlyMap<string, Buffer | Error>): Pressure {
  const c = empty();
  for (const file of files) {
    const content = reads.get(file.path);
    if (content !== undefined && !(content instanceof Error)) apply(c, file.kind, content.toString('latin1'));
  }
  return c.pressure;
}

/**
 * Decodes one container's files from a tick's reads; null when its CPU usage
 * file is gone (the container stopped or was removed mid-sample). Other
 * errors (EACCES, EOPNOTSUPP for PSI turned off) only null their fields.
 */
export function decodeCounters(files: readonly CounterFile[], reads: ReadonlyMap<string, Buffer | Error>): CgroupCounters | null {
  const c = empty();
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const content = reads.get(file.path);
    if (content === undefined || content instanceof Error) {
      if (i === 0 && (content === undefined || isGone(content))) return null;
      continue;
    }
    apply(c, file.kind, content.toString('latin1'));
  }
  return c;
}
