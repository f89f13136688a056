/**
 * Where each cgroup hierarchy is mounted, from `/proc/self/mountinfo`
 * (proc(5)): `id parent maj:min root mountpoint options [optional…] -
 * fstype source superoptions`. Never hard-coded: hosts mount `cpu` and
 * `cpuacct` together or apart (apart on this host), v2 sits at
 * /sys/fs/cgroup or, in hybrid mode, /sys/fs/cgroup/unified.
 */
import type { CgroupMode } from '../types.ts';

/** One mounted cgroup hierarchy. */
export interface CgroupMount {
  /** Where it is mounted, e.g. /sys/fs/cgroup/memory. */
  mountPoint: string;
  /** Which cgroup of the hierarchy the mount shows (`/` on a host; deeper inside a cgroup namespace or a bind mount). */
  root: string;
  /** `cgroup2` for the unified hierarchy. */
  version: 1 | 2;
  /** v1 controllers bound to it (super options minus flags); empty for v2. */
  controllers: string[];
}

/** v1 controllers the kernel knows; other super options (rw, noprefix, xattr, name=…) are flags. */
const V1_CONTROLLERS = new Set([
  'cpu', 'cpuacct', 'cpuset', 'memory', 'devices', 'freezer', 'net_cls', 'net_prio', 'blkio',
  'perf_event', 'hugetlb', 'pids', 'rdma', 'misc',
]);

/** mountinfo escapes space, tab, newline and backslash as octal (`\040`). */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** The cgroup and cgroup2 mounts, in mount order. */
export function parseCgroupMounts(text: string): CgroupMount[] {
  const out: CgroupMount[] = [];
  for (const line of text.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const left = line.slice(0, sep).split(' ');
    const [fsType, , superOptions = ''] = line.slice(sep + 3).split(' ');
    if (fsType !== 'cgroup' && fsType !== 'cgroup2') continue;
    const root = left[3];
    const mountPoint = left[4];
    if (!root || !mountPoint) continue;
    out.push({
      mountPoint: unescape(mountPoint),
      root: unescape(root),
      version: fsType === 'cgroup2' ? 2 : 1,
      controllers: fsType === 'cgroup2' ? [] : superOptions.split(',').filter((o) => V1_CONTROLLERS.has(o)),
    });
  }
  return out;
}

/**
 * The host's mode: v1 controllers and a v2 tree is hybrid (systemd's
 * "unified" mount, as on this host); only a v2 tree is pure v2 (the
 * runmetrics doc's `/sys/fs/cgroup/cgroup.controllers` test, seen through
 * the mounts); only v1 is legacy. Null when no cgroup fs is mounted.
 */
export function detectMode(mounts: readonly CgroupMount[]): CgroupMode | null {
  const v1 = mounts.some((m) => m.version === 1 && m.controllers.length > 0);
  const v2 = mounts.some((m) => m.version === 2);
  if (v1 && v2) return 'hybrid';
  if (v2) return 'v2';
  if (v1) return 'v1';
  return null;
}
