import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { counterFiles } from '../../../src/metrics/cgroup/counter-files.ts';
import { detectMode, parseCgroupMounts } from '../../../src/metrics/cgroup/mountinfo.ts';
import { parseProcCgroup } from '../../../src/metrics/cgroup/proc-cgroup.ts';
import { dirUnder, resolveDirs, trimToContainer } from '../../../src/metrics/cgroup/resolve.ts';

const HYBRID = join(import.meta.dirname, '../../fixtures/cgroup/v1-hybrid');
const hybridMounts = parseCgroupMounts(readFileSync(join(HYBRID, 'proc/self/mountinfo'), 'utf8'));
const ID = 'ad0c8b4022d91d24e89a5469ff179e045891516c7dfd843cf2f4765a1e108332';

describe('/proc/<pid>/cgroup', () => {
  it('keeps controller hierarchies and the v2 line, drops named ones', () => {
    const lines = parseProcCgroup('9:name=systemd:/x\n2:cpu,cpuacct:/docker/a\n4:memory:/docker/a\n0::/docker/a\n');
    expect(lines).toEqual([
      { hierarchyId: 2, controllers: ['cpu', 'cpuacct'], unified: false, path: '/docker/a' },
      { hierarchyId: 4, controllers: ['memory'], unified: false, path: '/docker/a' },
      { hierarchyId: 0, controllers: [], unified: true, path: '/docker/a' },
    ]);
  });

  it('a path may contain colons', () => {
    expect(parseProcCgroup('0::/a:b/c\n')[0]?.path).toBe('/a:b/c');
  });
});

describe('mount table', () => {
  it('finds every hierarchy of this host: cpu and cpuacct apart, v2 at unified', () => {
    const byPoint = Object.fromEntries(hybridMounts.map((m) => [m.mountPoint, m.version === 2 ? 'v2' : m.controllers.join(',')]));
    expect(byPoint).toEqual({
      '/sys/fs/cgroup/cpu': 'cpu',
      '/sys/fs/cgroup/cpuacct': 'cpuacct',
      '/sys/fs/cgroup/cpuset': 'cpuset',
      '/sys/fs/cgroup/memory': 'memory',
      '/sys/fs/cgroup/devices': 'devices',
      '/sys/fs/cgroup/freezer': 'freezer',
      '/sys/fs/cgroup/blkio': 'blkio',
      '/sys/fs/cgroup/pids': 'pids',
      '/sys/fs/cgroup/systemd': '',
      '/sys/fs/cgroup/unified': 'v2',
    });
  });

  it('tells the modes apart', () => {
    expect(detectMode(hybridMounts)).toBe('hybrid');
    expect(detectMode(hybridMounts.filter((m) => m.version === 1))).toBe('v1');
    expect(detectMode(hybridMounts.filter((m) => m.version === 2))).toBe('v2');
    // A lone name=systemd hierarchy next to v2 is still pure v2: it has no controllers.
    expect(detectMode(hybridMounts.filter((m) => m.version === 2 || m.controllers.length === 0))).toBe('v2');
    expect(detectMode([])).toBeNull();
  });

  it('reads co-mounted controllers and octal-escaped mount points', () => {
    const [m] = parseCgroupMounts('32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n50 31 0:40 / /mnt/my\\040cg rw shared:9 - cgroup2 cgroup2 rw,nsdelegate\n');
    expect(m).toEqual({ mountPoint: '/sys/fs/cgroup/cpu,cpuacct', root: '/', version: 1, controllers: ['cpu', 'cpuacct'] });
    expect(parseCgroupMounts('50 31 0:40 / /mnt/my\\040cg rw shared:9 - cgroup2 cgroup2 rw\n')[0]?.mountPoint).toBe('/mnt/my cg');
  });
});

describe('container cgroup', () => {
  it('refuses a pid whose cgroups do not name the container, rather than read the host\'s root cgroup', () => {
    const mounts = [{ version: 1 as const, controllers: ['memory'], mountPoint: '/sys/fs/cgroup/memory', root: '/' }];
    const line = (path: string) => [{ hierarchyId: 4, unified: false, controllers: ['memory'], path }];
    expect(resolveDirs(line(`/docker/${ID}`), mounts, ID)?.v1.memory).toBe(`/sys/fs/cgroup/memory/docker/${ID}`);
    expect(resolveDirs(line('/'), mounts, ID)).toBeNull();
  });

  it('trims to the deepest ancestor named after the container', () => {
    expect(trimToContainer(`/system.slice/docker-${ID}.scope/init.scope`, ID)).toBe(`/system.slice/docker-${ID}.scope`);
    expect(trimToContainer(`/machine.slice/libpod-${ID}.scope/container`, ID)).toBe(`/machine.slice/libpod-${ID}.scope`);
    expect(trimToContainer(`/x/libpod-${ID}.scope/libpod-payload-${ID}`, ID)).toBe(`/x/libpod-${ID}.scope/libpod-payload-${ID}`);
    // A pid whose cgroups do not name the container is not the container's (a reused pid): no path.
    expect(trimToContainer('/somewhere/else', ID)).toBeNull();
  });

  it('maps a path through a mount whose root is deeper than / (cgroup namespace, bind mount)', () => {
    const mount = { mountPoint: '/sys/fs/cgroup', root: '/kubepods/pod1', version: 2 as const, controllers: [] };
    expect(dirUnder(mount, '/kubepods/pod1/abc')).toBe('/sys/fs/cgroup/abc');
    expect(dirUnder(mount, '/kubepods/pod1')).toBe('/sys/fs/cgroup');
    expect(dirUnder(mount, '/kubepods/pod10/abc')).toBeNull();
    expect(dirUnder({ ...mount, root: '/' }, '/')).toBe('/sys/fs/cgroup');
  });

  it('resolves a captured Docker container on this hybrid host, controller by controller', () => {
    const manifest = JSON.parse(readFileSync(join(HYBRID, 'containers.json'), 'utf8')) as { id: string; pid: number; name: string; engine: string }[];
    const app = manifest.find((c) => c.name === 'cap-app' && c.engine === 'docker1')!;
    const lines = parseProcCgroup(readFileSync(join(HYBRID, `proc/${app.pid}/cgroup`), 'utf8'));
    const dirs = resolveDirs(lines, hybridMounts, app.id)!;
    const path = `/berth-lab-TkcxD6-d1/${app.id}`;
    expect(dirs).toEqual({
      path,
      v1: {
        cpu: `/sys/fs/cgroup/cpu${path}`,
        cpuacct: `/sys/fs/cgroup/cpuacct${path}`,
        memory: `/sys/fs/cgroup/memory${path}`,
        blkio: `/sys/fs/cgroup/blkio${path}`,
        pids: `/sys/fs/cgroup/pids${path}`,
      },
      unified: `/sys/fs/cgroup/unified${path}`,
    });
    const files = counterFiles(dirs);
    expect(files.counters.map((f) => f.path.replace(`${path}/`, ' '))).toEqual([
      '/sys/fs/cgroup/cpuacct cpuacct.usage',
      '/sys/fs/cgroup/cpu cpu.stat',
      '/sys/fs/cgroup/memory memory.usage_in_bytes',
      '/sys/fs/cgroup/memory memory.limit_in_bytes',
      '/sys/fs/cgroup/memory memory.stat',
      '/sys/fs/cgroup/memory memory.oom_control',
      '/sys/fs/cgroup/blkio blkio.throttle.io_service_bytes_recursive',
      '/sys/fs/cgroup/pids pids.current',
    ]);
    expect(files.pressure.map((f) => f.path)).toEqual(['cpu', 'memory', 'io'].map((r) => `/sys/fs/cgroup/unified${path}/${r}.pressure`));
  });

  it('on pure v2 every counter comes from the one directory, cpu.stat once', () => {
    const files = counterFiles({ path: '/docker/a', v1: {}, unified: '/sys/fs/cgroup/docker/a' });
    expect(files.counters.map((f) => f.path.slice('/sys/fs/cgroup/docker/a/'.length))).toEqual([
      'cpu.stat', 'memory.current', 'memory.max', 'memory.stat', 'memory.events', 'io.stat', 'pids.current',
    ]);
  });

  it('pure v1 has no PSI files', () => {
    const v1 = hybridMounts.filter((m) => m.version === 1);
    const dirs = resolveDirs(parseProcCgroup(`4:memory:/docker/${ID}\n2:cpuacct:/docker/${ID}\n0::/docker/${ID}\n`), v1, ID)!;
    expect(dirs.unified).toBeNull();
    expect(counterFiles(dirs).pressure).toEqual([]);
  });

  it('a pid in no reachable hierarchy resolves to nothing', () => {
    expect(resolveDirs(parseProcCgroup('9:name=systemd:/x\n'), hybridMounts, ID)).toBeNull();
  });
});
