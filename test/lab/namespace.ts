// The lab's private mount namespace. Some paths are hard-coded in the
// daemons and cannot be moved by flags: containerd shims put their sockets in
// /run/containerd/s, Podman 4.3 as root writes /var/lib/containers/cache
// (blob info cache), /var/cache/containers (short-name alias lock) and
// /run/runc (runc state). So every lab daemon runs inside one mount
// namespace in which /etc, /var, /run and /opt are overlays whose upper
// layers live in <lab>/ns/<dir>/upper: whatever a daemon writes there stays
// in the lab folder and disappears with it, and the host is never written.
// A `sleep infinity` "holder" keeps the namespace alive; daemons enter it
// with nsenter. Container mounts live in that namespace too, so they vanish
// when its last process exits.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMounts } from './mounts.ts';
import { readProc, startDaemon, waitReady } from './proc.ts';

/** Host directories overlaid inside the lab namespace. */
const OVERLAID = ['/etc', '/var', '/run', '/opt'];

/** Runtime-state folders whose mounts (other people's containers) the lab must not pin. */
const FOREIGN_RUNTIME_DIRS = ['/tmp/', '/var/lib/docker/', '/var/lib/containers/', '/run/', '/var/run/'];

/** The running namespace holder. */
export interface LabNamespace {
  holderPid: number;
  /** `mnt:[inode]`, as readlink /proc/<pid>/ns/mnt shows it. */
  id: string;
  overlaid: string[];
  skipped: string[];
}

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Mounts that would otherwise be copied into the new namespace and kept alive
 * there: other labs' and other engines' container mounts and netns files.
 */
function foreignMounts(labDir: string): string[] {
  return readMounts()
    .filter((m) => m.mountPoint !== labDir && !labDir.startsWith(`${m.mountPoint}/`))
    .filter((m) => m.mountPoint.startsWith('/tmp/') || ((m.fsType === 'overlay' || m.fsType === 'nsfs' || m.fsType === 'tmpfs' || m.fsType === 'shm') && FOREIGN_RUNTIME_DIRS.some((d) => m.mountPoint.startsWith(d))))
    .map((m) => m.mountPoint)
    .sort((a, b) => b.split('/').length - a.split('/').length);
}

/** The prefix that runs a command inside the lab namespace. */
export function inNamespace(ns: LabNamespace, argv: string[]): string[] {
  return ['nsenter', `--mount=/proc/${ns.holderPid}/ns/mnt`, '--', ...argv];
}

/**
 * Creates the namespace and its overlays and returns once the holder is
 * ready. Records the holder pid and namespace id in <lab>/ns so teardown
 * can find every process in it even if this process dies.
 */
export async function startNamespace(labDir: string, env: Record<string, string>): Promise<LabNamespace> {
  const nsDir = join(labDir, 'ns');
  mkdirSync(nsDir, { recursive: true });
  const lines = ['set -u'];
  for (const mp of foreignMounts(labDir)) lines.push(`umount -l ${shq(mp)} 2>/dev/null || true`);
  for (const target of OVERLAID) {
    if (!existsSync(target)) continue;
    const base = join(nsDir, target.slice(1));
    mkdirSync(join(base, 'upper'), { recursive: true });
    mkdirSync(join(base, 'work'), { recursive: true });
    const opts = `lowerdir=${target},upperdir=${join(base, 'upper')},workdir=${join(base, 'work')}`;
    lines.push(`if mount -t overlay berth-lab -o ${shq(opts)} ${shq(target)}; then echo "overlaid ${target}"; else echo "skipped ${target}"; fi`);
  }
  lines.push(`echo ready > ${shq(join(nsDir, 'ready'))}`, 'exec sleep infinity');
  const script = join(nsDir, 'setup.sh');
  writeFileSync(script, `${lines.join('\n')}\n`);
  const logFile = join(labDir, 'logs', 'namespace.log');
  const holder = startDaemon(['unshare', '--mount', '--propagation', 'private', '--', '/bin/sh', script], env, logFile);
  writeFileSync(join(nsDir, 'holder.pid'), `${holder.pid}\n`);
  await waitReady('mount namespace holder', holder, () => existsSync(join(nsDir, 'ready')), 15_000);
  const id = readProc(holder.pid)?.mntNs ?? '';
  if (!id || id === readProc(process.pid)?.mntNs) throw new Error(`lab mount namespace not created; see ${logFile}`);
  writeFileSync(join(nsDir, 'mnt-ns'), `${id}\n`);
  const log = readFileSync(logFile, 'utf8');
  const overlaid = [...log.matchAll(/^overlaid (\S+)$/gm)].map((m) => m[1] ?? '');
  const skipped = [...log.matchAll(/^skipped (\S+)$/gm)].map((m) => m[1] ?? '');
  return { holderPid: holder.pid, id, overlaid, skipped };
}
