import { describe, expect, it } from 'vitest';
import { pidsFromCgroups, ppidFromStat } from '../../../src/metrics/local-pids.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('finding container init processes from /proc', () => {
  it('picks the member whose parent is outside the container, even when a child has a lower (wrapped) pid', () => {
    const procs = [
      { pid: 25375, ppid: 25350, cgroup: `4:memory:/docker/${A}\n0::/docker/${A}\n` }, // init, parent is the shim
      { pid: 6603, ppid: 25375, cgroup: `4:memory:/docker/${A}\n0::/docker/${A}\n` }, // `sleep 1`, lower after wrap
      { pid: 25350, ppid: 1, cgroup: '4:memory:/system.slice/containerd.service\n' }, // the shim
      { pid: 1500, ppid: 1499, cgroup: `0::/machine.slice/libpod-${B}.scope/container\n` },
      { pid: 1499, ppid: 1, cgroup: '0::/libpod_parent/conmon\n' },
    ];
    expect(pidsFromCgroups([A, B], procs)).toEqual(new Map([[A, 25375], [B, 1500]]));
  });

  it('leaves out containers with no process (stopped, or not on this machine)', () => {
    expect(pidsFromCgroups([A], [{ pid: 5, ppid: 1, cgroup: '0::/\n' }]).size).toBe(0);
  });

  it('reads the parent pid even when the command name holds spaces and parentheses', () => {
    expect(ppidFromStat('4242 (my (odd) cmd) S 17 4242 4242 0 -1')).toBe(17);
  });
});
