/**
 * Container → cgroup directories, from its init pid's /proc/<pid>/cgroup
 * and the mount table (REFERENCE.md §1, "Robust mapping"). No layout is
 * assumed: Docker (`docker/<id>`, `<cgroup-parent>/<id>`,
 * `system.slice/docker-<id>.scope`), Podman (`libpod_parent/libpod-<id>`,
 * `machine.slice/libpod-<id>.scope`, rootless `…/user@<uid>.service/…`,
 * `libpod-payload-<id>`), kubepods (`…/pod<uid>/<id>`,
 * `…/cri-containerd-<id>.scope`, `crio-<id>`) all resolve the same way.
 */
import type { CgroupMount } from './mountinfo.ts';
import type { ProcCgroupLine } from './proc-cgroup.ts';

/** The v1 controllers berth reads counters from. */
export type V1Controller = 'cpu' | 'cpuacct' | 'memory' | 'blkio' | 'pids';

const V1_WANTED: readonly V1Controller[] = ['cpu', 'cpuacct', 'memory', 'blkio', 'pids'];

/** Where one container's counters live on this host. */
export interface ContainerDirs {
  /** The container's cgroup path in its hierarchy (the unified one when there is one), for messages. */
  path: string;
  /** Directory per v1 controller, when that controller is mounted as v1. */
  v1: Partial<Record<V1Controller, string>>;
  /** The container's directory in the v2 tree (all counters in v2 mode, PSI in hybrid mode). */
  unified: string | null;
}

/**
 * Trims a cgroup path to the deepest ancestor whose name contains the
 * container id, as Podman's `cGroupPath()` trims to `/libpod-<id>.scope/`:
 * systemd inside a container moves pid 1 into a child such as `init.scope`,
 * whose counters would miss the rest of the container. `libpod-payload-<id>`
 * (Podman `--cgroups=split`) is the deepest match, so conmon's cgroup stays
 * out. Null when no part names the container: every layout berth knows
 * (Docker, Podman, kubepods, CRI-O) puts the id in the container's cgroup,
 * so such a pid is not (or no longer) the container's — a short-lived
 * child whose pid was reused reads as the host's root cgroup otherwise.
 */
export function trimToContainer(path: string, id: string): string | null {
  const parts = path.split('/');
  for (let i = parts.length - 1; i > 0; i--) {
    if (parts[i]?.includes(id)) return parts.slice(0, i + 1).join('/');
  }
  return null;
}

/**
 * The directory of `path` under a mount. A mount shows its hierarchy from
 * `root` down (a cgroup namespace or a bind mount makes root deeper than
 * `/`); a path outside that root cannot be reached through this mount.
 */
export function dirUnder(mount: CgroupMount, path: string): string | null {
  const root = mount.root === '/' ? '' : mount.root.replace(/\/$/, '');
  if (root !== '' && path !== root && !path.startsWith(`${root}/`)) return null;
  const rest = path.slice(root.length);
  return rest === '/' || rest === '' ? mount.mountPoint : `${mount.mountPoint}${rest}`;
}

function dirIn(mounts: readonly CgroupMount[], pick: (m: CgroupMount) => boolean, path: string): string | null {
  for (const mount of mounts) {
    if (!pick(mount)) continue;
    const dir = dirUnder(mount, path);
    if (dir !== null) return dir;
  }
  return null;
}

/**
 * Resolves a container's directories from its /proc/<pid>/cgroup lines.
 * Null when none of its hierarchies is reachable through the mounts, or the
 * pid's cgroups do not name the container.
 */
export function resolveDirs(lines: readonly ProcCgroupLine[], mounts: readonly CgroupMount[], id: string): ContainerDirs | null {
  const v1: Partial<Record<V1Controller, string>> = {};
  let unified: string | null = null;
  let path: string | null = null;
  for (const line of lines) {
    const trimmed = trimToContainer(line.path, id);
    if (trimmed === null) continue;
    if (line.unified) {
      unified = dirIn(mounts, (m) => m.version === 2, trimmed);
      path = trimmed;
      continue;
    }
    for (const controller of V1_WANTED) {
      if (!line.controllers.includes(controller) || v1[controller]) continue;
      const dir = dirIn(mounts, (m) => m.version === 1 && m.controllers.includes(controller), trimmed);
      if (dir !== null) v1[controller] = dir;
      path ??= trimmed;
    }
  }
  if (unified === null && Object.keys(v1).length === 0) return null;
  return { path: path ?? '/', v1, unified };
}
