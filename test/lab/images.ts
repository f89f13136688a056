// The lab's only image, built offline: Debian's static /bin/busybox plus a
// symlink per applet, imported into each engine as berth-lab/busybox:latest
// through the Engine API. Nothing is ever pulled.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { apiJson, apiOk, progressErrors } from './engine-api.ts';
import { buildTar, type TarEntry } from './tar.ts';

/** The image every fixture runs. */
export const LAB_IMAGE = 'berth-lab/busybox:latest';

const BUSYBOX = '/bin/busybox';

/** Applet paths (bin/sh, usr/bin/top, ...) of the installed busybox. */
function applets(): string[] {
  const out = execFileSync(BUSYBOX, ['--list-full'], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes('/') && l !== 'bin/busybox');
}

/**
 * A root filesystem tar: busybox, every applet, /etc/passwd and /etc/group
 * for root and nobody, and the usual empty folders (/tmp with the sticky bit).
 */
export function busyboxRootfsTar(): Buffer {
  const entries: TarEntry[] = [];
  for (const d of ['bin', 'sbin', 'usr', 'usr/bin', 'usr/sbin', 'etc', 'root', 'var', 'run', 'proc', 'sys', 'dev', 'home']) {
    entries.push({ type: 'dir', path: d, mode: d === 'root' ? 0o700 : 0o755 });
  }
  entries.push({ type: 'dir', path: 'tmp', mode: 0o1777 });
  entries.push({ type: 'file', path: 'bin/busybox', mode: 0o755, data: readFileSync(BUSYBOX) });
  for (const path of applets()) entries.push({ type: 'symlink', path, target: '/bin/busybox' });
  entries.push({ type: 'file', path: 'etc/passwd', data: Buffer.from('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n') });
  entries.push({ type: 'file', path: 'etc/group', data: Buffer.from('root:x:0:\nnogroup:x:65534:\n') });
  return buildTar(entries);
}

/**
 * Imports `tar` as LAB_IMAGE into the engine at `socket` and returns the
 * image id. The config gets a PATH and `sh` as default command.
 */
export async function importImage(socket: string, tar: Buffer): Promise<string> {
  const [repo, tag] = LAB_IMAGE.split(':') as [string, string];
  const query = new URLSearchParams({ fromSrc: '-', repo, tag });
  query.append('changes', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  query.append('changes', 'CMD ["sh"]');
  const res = await apiOk(socket, 'POST', `/images/create?${query}`, {
    body: tar,
    headers: { 'Content-Type': 'application/x-tar' },
    timeoutMs: 120_000,
  });
  const errors = progressErrors(res);
  if (errors.length) throw new Error(`importing ${LAB_IMAGE} into ${socket}: ${errors.join('; ')}`);
  const image = await apiJson<{ Id: string }>(socket, 'GET', `/images/${LAB_IMAGE}/json`);
  return image.Id;
}
