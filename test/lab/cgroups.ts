// The cgroups a lab creates, found without asking any daemon: everything
// under the lab's cgroup parents (`/<lab id>-d1`, `-d2`, `-podman`, in every
// controller) plus any cgroup named after one of the lab's container ids
// (a container a test created with another parent, e.g. Podman's default
// /libpod_parent/libpod-<id>). Teardown thaws them, kills what is in them and
// removes them deepest first.
import { existsSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMounts } from './mounts.ts';

/** Mount points of every cgroup v1 controller and the v2 tree. */
export function cgroupRoots(): string[] {
  const roots = readMounts()
    .filter((m) => m.fsType === 'cgroup' || m.fsType === 'cgroup2')
    .map((m) => m.mountPoint);
  return [...new Set(roots)];
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

function walk(dir: string, out: string[], depth: number): void {
  out.push(dir);
  if (depth <= 0) return;
  for (const sub of subdirs(dir)) walk(sub, out, depth - 1);
}

/**
 * Every cgroup directory belonging to the lab `labId`, deepest first.
 * `containerIds` are the full ids of the lab's containers.
 */
export function labCgroupDirs(labId: string, containerIds: string[]): string[] {
  const found = new Set<string>();
  const ids = containerIds.filter((id) => /^[0-9a-f]{64}$/.test(id));
  for (const root of cgroupRoots()) {
    for (const top of subdirs(root)) {
      const all: string[] = [];
      if (top.slice(root.length + 1).startsWith(`${labId}-`)) {
        walk(top, all, 8);
        all.forEach((d) => found.add(d));
        continue;
      }
      if (ids.length === 0) continue;
      walk(top, all, 5);
      for (const d of all) {
        const base = d.slice(d.lastIndexOf('/') + 1);
        if (!ids.some((id) => base.includes(id))) continue;
        const inner: string[] = [];
        walk(d, inner, 4);
        inner.forEach((x) => found.add(x));
      }
    }
  }
  return [...found].sort((a, b) => b.split('/').length - a.split('/').length || b.length - a.length);
}

/** Unfreezes paused containers (v1 freezer and v2 cgroup.freeze) so they can be killed. */
export function thaw(dirs: string[]): void {
  for (const d of dirs) {
    try {
      const state = join(d, 'freezer.state');
      if (existsSync(state) && readFileSync(state, 'utf8').trim() !== 'THAWED') writeFileSync(state, 'THAWED');
      const freeze = join(d, 'cgroup.freeze');
      if (existsSync(freeze) && readFileSync(freeze, 'utf8').trim() === '1') writeFileSync(freeze, '0');
    } catch {
      // gone meanwhile
    }
  }
}

/** pids of all processes in these cgroups. */
export function procsIn(dirs: string[]): number[] {
  const pids = new Set<number>();
  for (const d of dirs) {
    try {
      for (const line of readFileSync(join(d, 'cgroup.procs'), 'utf8').split('\n')) {
        if (line.trim()) pids.add(Number(line));
      }
    } catch {
      // gone meanwhile
    }
  }
  return [...pids];
}

/** rmdir each cgroup (deepest first); returns those that remain. */
export function removeCgroups(dirs: string[]): string[] {
  const left: string[] = [];
  for (const d of dirs) {
    try {
      rmdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') left.push(d);
    }
  }
  return left;
}
