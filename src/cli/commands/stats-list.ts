/**
 * How container stats are shown: the same columns as `docker stats` (CPU %,
 * MEM USAGE / LIMIT, MEM %, NET I/O, BLOCK I/O, PIDS), plus throttling, OOM
 * kills and pressure with `-o wide`. Unknown values read `–`, never 0.
 */
import type { ContainerStats } from '../../domain/stats.ts';
import { byText } from '../../util/compare.ts';
import { formatBytes } from '../../util/units.ts';
import { defineList, type Column, type ListSpec } from '../framework/output/columns.ts';

function pair(a: number | null, b: number | null): string | null {
  if (a === null && b === null) return null;
  return `${a === null ? '–' : formatBytes(a)} / ${b === null ? '–' : formatBytes(b)}`;
}

function pct(v: number | null): string | null {
  return v === null ? null : `${v.toFixed(2)}%`;
}

/** The stats list; NODE leads when several nodes are shown. */
export function statsList(multiNode: boolean): ListSpec<ContainerStats> {
  const columns: Column<ContainerStats>[] = [
    ...(multiNode ? [{ header: 'NODE', value: (s: ContainerStats) => s.node }] : []),
    { header: 'CONTAINER ID', value: (s) => s.id.slice(0, 12) },
    { header: 'NAME', value: (s) => s.name, maxWidth: 32 },
    { header: 'CPU %', value: (s) => s.cpu.percent, human: (v) => pct(Number(v))!, align: 'right', minWidth: 7 },
    { header: 'MEM USAGE / LIMIT', value: (s) => pair(s.memory.workingSetBytes, s.memory.limitBytes), align: 'right', minWidth: 20 },
    { header: 'MEM %', value: (s) => s.memory.percent, human: (v) => pct(Number(v))!, align: 'right', minWidth: 6 },
    { header: 'NET I/O', value: (s) => pair(s.network.rxBytes, s.network.txBytes), align: 'right', minWidth: 15 },
    { header: 'BLOCK I/O', value: (s) => pair(s.blockIo.readBytes, s.blockIo.writeBytes), align: 'right', minWidth: 15 },
    { header: 'PIDS', value: (s) => s.pids, align: 'right' },
    { header: 'THROTTLED %', value: (s) => s.cpu.throttledPercent, human: (v) => pct(Number(v))!, align: 'right', wide: true },
    { header: 'OOM KILLS', value: (s) => s.memory.oomKills, align: 'right', wide: true },
    { header: 'PSI CPU', value: (s) => s.pressure.cpuSome10, align: 'right', wide: true },
    { header: 'PSI MEM', value: (s) => s.pressure.memorySome10, align: 'right', wide: true },
    { header: 'PSI IO', value: (s) => s.pressure.ioSome10, align: 'right', wide: true },
  ];
  return defineList<ContainerStats>({ kind: 'Stats', columns, name: (s) => `${s.node}/${s.name}`, id: (s) => s.id });
}

/** Sort keys of `--sort`, each with how to read the value (numbers sort largest first). */
export const STATS_SORT = {
  name: (s: ContainerStats) => s.name,
  cpu: (s: ContainerStats) => s.cpu.percent,
  memory: (s: ContainerStats) => s.memory.workingSetBytes,
  pids: (s: ContainerStats) => s.pids,
  net: (s: ContainerStats) => (s.network.rxBytesPerSec ?? 0) + (s.network.txBytesPerSec ?? 0),
  io: (s: ContainerStats) => (s.blockIo.readBytesPerSec ?? 0) + (s.blockIo.writeBytesPerSec ?? 0),
} as const;

/** Sorts stats: names A→Z, numbers largest first, unknowns last. */
export function sortStats(items: readonly ContainerStats[], key: keyof typeof STATS_SORT): ContainerStats[] {
  const get = STATS_SORT[key];
  return [...items].sort((a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'string' || typeof y === 'string') return byText(String(x), String(y));
    return y - x || byText(a.name, b.name);
  });
}

/** `--filter` terms: `name=SUB`, `node=NAME`, `label=KEY[=VALUE]`, `id=PREFIX`. */
export interface StatsFilter {
  key: 'name' | 'node' | 'label' | 'id';
  value: string;
}
