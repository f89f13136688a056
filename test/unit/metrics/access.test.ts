// What a node's login user cannot read (src/metrics/access.ts), against a
// fake host: only permission failures count, each said once with its path
// (pid and id made generic) and the user's name.
import { describe, expect, it } from 'vitest';
import { probeAccess } from '../../../src/metrics/access.ts';
import type { MetricsTransport } from '../../../src/metrics/types.ts';

function eacces(path: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`EACCES: permission denied, open '${path}'`);
  e.code = 'EACCES';
  return e;
}

const ID = 'c0ffee';
const MOUNTINFO = '30 25 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n';

function host(files: Record<string, string | Error>, statErr: string | null): MetricsTransport {
  return {
    node: 'n',
    async readFiles(paths) {
      return new Map(paths.map((p) => [p, files[p] === undefined ? Buffer.from('1\n') : typeof files[p] === 'string' ? Buffer.from(files[p]) : (files[p] as Error)]));
    },
    async exec(argv) {
      if (argv[0] === 'id') return { code: 0, signal: null, stdout: Buffer.from('alice\n'), stderr: Buffer.alloc(0) };
      return statErr === null
        ? { code: 0, signal: null, stdout: Buffer.from('4026532000\n'), stderr: Buffer.alloc(0) }
        : { code: 1, signal: null, stdout: Buffer.alloc(0), stderr: Buffer.from(statErr) };
    },
  };
}

describe('probing what the login user cannot read', () => {
  it('nothing to report when every source is readable', async () => {
    expect(await probeAccess(host({ '/proc/7/cgroup': `0::/docker/${ID}\n`, '/proc/self/mountinfo': MOUNTINFO }, null), { id: ID, pid: 7 })).toEqual([]);
  });

  it('another user\'s namespace: network unknown, with path and user', async () => {
    const files = { '/proc/7/cgroup': `0::/docker/${ID}\n`, '/proc/self/mountinfo': MOUNTINFO };
    expect(await probeAccess(host(files, "stat: cannot statx '/proc/7/ns/net': Permission denied\n"), { id: ID, pid: 7 })).toEqual([
      { data: 'network', reason: 'cannot read /proc/<pid>/ns/net as user alice (permission denied)' },
    ]);
  });

  it('a hidden /proc/<pid>/cgroup (hidepid): cpu, memory, block I/O and pids unknown', async () => {
    const out = await probeAccess(host({ '/proc/7/cgroup': eacces('/proc/7/cgroup'), '/proc/self/mountinfo': MOUNTINFO }, null), { id: ID, pid: 7 });
    expect(out).toEqual([{ data: 'cpu, memory, block I/O, pids', reason: 'cannot read /proc/<pid>/cgroup as user alice (permission denied)' }]);
  });

  it('unreadable counter files name their data; a pid that just ended is no permission problem', async () => {
    const dir = `/sys/fs/cgroup/docker/${ID}`;
    const files = { '/proc/7/cgroup': `0::/docker/${ID}\n`, '/proc/self/mountinfo': MOUNTINFO, [`${dir}/memory.stat`]: eacces(`${dir}/memory.stat`), [`${dir}/io.pressure`]: eacces(`${dir}/io.pressure`) };
    const out = await probeAccess(host(files, "stat: cannot statx '/proc/7/ns/net': No such file or directory\n"), { id: ID, pid: 7 });
    expect(out).toEqual([
      { data: 'memory', reason: 'cannot read /sys/fs/cgroup/docker/<id>/memory.stat as user alice (permission denied)' },
      { data: 'pressure', reason: 'cannot read /sys/fs/cgroup/docker/<id>/io.pressure as user alice (permission denied)' },
    ]);
  });
});
