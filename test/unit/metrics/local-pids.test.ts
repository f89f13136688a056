import { describe, expect, it } from 'vitest';
import { pidsFromCgroups } from '../../../src/metrics/local-pids.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('finding container processes from /proc/<pid>/cgroup', () => {
  it('picks the lowest pid in each container and ignores helpers in other cgroups', () => {
    const procs = [
      { pid: 900, cgroup: `4:memory:/docker/${A}\n0::/docker/${A}\n` },
      { pid: 812, cgroup: `4:memory:/docker/${A}\n0::/docker/${A}\n` },
      { pid: 811, cgroup: '4:memory:/system.slice/containerd.service\n' },
      { pid: 1500, cgroup: `0::/machine.slice/libpod-${B}.scope/container\n` },
      { pid: 1499, cgroup: '0::/libpod_parent/conmon\n' },
    ];
    expect(pidsFromCgroups([A, B], procs)).toEqual(new Map([[A, 812], [B, 1500]]));
  });

  it('leaves out containers with no process (stopped, or not on this machine)', () => {
    expect(pidsFromCgroups([A], [{ pid: 5, cgroup: '0::/\n' }]).size).toBe(0);
  });
});
