// Reading /proc/<pid>/mountinfo and unmounting everything under a folder,
// deepest first, before the folder is removed: a plain recursive delete
// would otherwise walk into a still-mounted container filesystem.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One line of mountinfo, the fields the lab needs. */
export interface MountEntry {
  mountPoint: string;
  fsType: string;
  source: string;
}

/** mountinfo escapes space, tab, newline and backslash as octal (\040 ...). */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** The mount table as seen by `pid` (default: this process's namespace). */
export function readMounts(pid: number | 'self' = 'self'): MountEntry[] {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/mountinfo`, 'utf8');
  } catch {
    return [];
  }
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [pre, post] = line.split(' - ');
    const fields = pre?.split(' ') ?? [];
    const postFields = post?.split(' ') ?? [];
    const mp = fields[4];
    if (!mp) continue;
    out.push({ mountPoint: unescape(mp), fsType: postFields[0] ?? '', source: unescape(postFields[1] ?? '') });
  }
  return out;
}

/** Mount points at or below `dir`, deepest first. */
export function mountsUnder(dir: string, pid: number | 'self' = 'self'): string[] {
  const points = readMounts(pid)
    .map((m) => m.mountPoint)
    .filter((mp) => mp === dir || mp.startsWith(`${dir}/`));
  return [...new Set(points)].sort((a, b) => b.split('/').length - a.split('/').length || b.length - a.length);
}

/**
 * Unmounts every mount point at or below `dir` in this namespace, deepest
 * first: `umount`, then `umount -l` if busy. Repeats while mounts remain
 * (stacked mounts), and returns those it could not remove.
 */
export function unmountUnder(dir: string): string[] {
  for (let round = 0; round < 5; round++) {
    const points = mountsUnder(dir);
    if (points.length === 0) return [];
    for (const mp of points) {
      const r = spawnSync('umount', [mp], { stdio: 'ignore' });
      if (r.status !== 0) spawnSync('umount', ['-l', mp], { stdio: 'ignore' });
    }
  }
  return mountsUnder(dir);
}
