/**
 * `/proc/<pid>/cgroup` (cgroups(7)): one line per hierarchy,
 * `hierarchy-ID:controller-list:cgroup-path`. cgroup v1 lists each mounted
 * hierarchy (`4:memory:/docker/<id>`, `1:cpu,cpuacct:/…`); named hierarchies
 * without controllers read `9:name=systemd:/…`; the v2 hierarchy is the line
 * `0::/path`. Paths are relative to the reader's cgroup-namespace root,
 * which is why berth reads this file from the host, never from inside a
 * container.
 */

/** One hierarchy a process belongs to. */
export interface ProcCgroupLine {
  hierarchyId: number;
  /** Controllers bound to this v1 hierarchy; empty for v2 and named hierarchies. */
  controllers: string[];
  /** True for the `0::` line of the unified (v2) hierarchy. */
  unified: boolean;
  path: string;
}

/** Parses the file; named hierarchies (`name=systemd`) are left out: they carry no counters. */
export function parseProcCgroup(text: string): ProcCgroupLine[] {
  const out: ProcCgroupLine[] = [];
  for (const line of text.split('\n')) {
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first <= 0 || second < 0) continue;
    const hierarchyId = Number(line.slice(0, first));
    const list = line.slice(first + 1, second);
    const path = line.slice(second + 1);
    if (!Number.isInteger(hierarchyId) || !path.startsWith('/')) continue;
    const unified = hierarchyId === 0 && list === '';
    const controllers = list.split(',').filter((c) => c !== '' && !c.startsWith('name='));
    if (!unified && controllers.length === 0) continue;
    out.push({ hierarchyId, controllers, unified, path });
  }
  return out;
}
