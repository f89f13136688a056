/**
 * Host-wide procfs files read once per tick: `/proc/stat` (system CPU time
 * and online CPUs, as moby's daemon/stats collector reads them) and
 * `/proc/meminfo` (MemTotal, Docker's limit for an unlimited container).
 */
import type { HostCounters } from '../types.ts';

/** USER_HZ: /proc/stat counts in clock ticks of 1/100 s on every Linux ABI (proc(5)). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * System CPU as moby computes `system_cpu_usage`: the first 7 fields of the
 * aggregate `cpu` line (user nice system idle iowait irq softirq; steal and
 * guest left out), converted to ns. Online CPUs: the `cpuN` lines.
 */
export function parseProcStat(text: string): Pick<HostCounters, 'systemCpuNs' | 'onlineCpus' | 'idleCpuNs'> {
  let systemCpuNs: number | null = null;
  let idleCpuNs: number | null = null;
  let onlineCpus = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu')) break;
    if (line.startsWith('cpu ')) {
      const fields = line.slice(4).trim().split(/\s+/).slice(0, 7).map(Number);
      if (fields.length === 7 && fields.every(Number.isFinite)) {
        systemCpuNs = (fields.reduce((a, b) => a + b, 0) * 1e9) / CLOCK_TICKS_PER_SECOND;
        idleCpuNs = ((fields[3]! + fields[4]!) * 1e9) / CLOCK_TICKS_PER_SECOND;
      }
    } else {
      onlineCpus++;
    }
  }
  return { systemCpuNs, onlineCpus: onlineCpus || null, idleCpuNs };
}

/** A `/proc/meminfo` field in bytes (the file says kB, meaning KiB). */
function meminfoField(text: string, name: string): number | null {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text);
  return match ? Number(match[1]) * 1024 : null;
}

/** MemTotal in bytes. */
export function parseMemTotal(text: string): number | null {
  return meminfoField(text, 'MemTotal');
}

/** MemAvailable in bytes (kernels since 3.14). */
export function parseMemAvailable(text: string): number | null {
  return meminfoField(text, 'MemAvailable');
}
