/**
 * What the login user on a node cannot read of what the sampler needs
 * (issue 5, "who you are on the host"): a member of the docker group is not
 * root, and /proc/<pid>/ns/net of a root-owned container needs ptrace
 * access, so its network counters cannot be attributed; other hosts may
 * also hide /proc/<pid>/cgroup (hidepid) or cgroup files. Such data is
 * null (`–`) in stats, and `berth nodes` says which and why, from this
 * probe of one running container: one `id`, one batched read, one `stat`.
 */
import { counterFiles, type CounterKind } from './cgroup/counter-files.ts';
import { parseCgroupMounts } from './cgroup/mountinfo.ts';
import { parseProcCgroup } from './cgroup/proc-cgroup.ts';
import { resolveDirs } from './cgroup/resolve.ts';
import type { MetricsTransport } from './types.ts';

/** One kind of data the node's user cannot read, and why. */
export interface UnknownData {
  /** What stays unknown: `network`, `cpu`, `memory`, `block I/O`, `pids`, `pressure`, or several. */
  data: string;
  /** `cannot read PATH as user NAME (permission denied)`, the container's pid written as `<pid>`. */
  reason: string;
}

const DATA_OF: Record<CounterKind, string> = {
  'v1.cpuacct.usage': 'cpu', 'v1.cpu.stat': 'cpu', 'v2.cpu.stat': 'cpu',
  'v1.memory.usage': 'memory', 'v2.memory.current': 'memory', 'v1.memory.limit': 'memory', 'v2.memory.max': 'memory',
  'v1.memory.stat': 'memory', 'v2.memory.stat': 'memory', 'v1.memory.oom_control': 'memory', 'v2.memory.events': 'memory',
  'v1.blkio': 'block I/O', 'v2.io.stat': 'block I/O', 'pids.current': 'pids',
  'cpu.pressure': 'pressure', 'memory.pressure': 'pressure', 'io.pressure': 'pressure',
};

/** `permission denied` from an fs-style error or a `stat: cannot statx '…': Permission denied` line; null for other failures (a pid that just ended is not a permission). */
function denied(message: string): string | null {
  const m = /(permission denied|operation not permitted)/i.exec(message);
  return m ? m[1]!.toLowerCase() : null;
}

/** Reports what `user` cannot read for the container whose init is `pid` (id for its cgroup). Empty: everything readable. */
export async function probeAccess(transport: MetricsTransport, target: { id: string; pid: number }): Promise<UnknownData[]> {
  const { pid, id } = target;
  const user = (await transport.exec(['id', '-un'], { timeoutMs: 10_000 }).catch(() => null))?.stdout.toString('utf8').trim() || 'the login user';
  const generic = (path: string): string => path.replace(`/proc/${pid}/`, '/proc/<pid>/').replace(id, '<id>');
  const out: UnknownData[] = [];
  const add = (data: string, path: string, message: string): void => {
    const cause = denied(message);
    if (cause === null) return;
    const reason = `cannot read ${generic(path)} as user ${user} (${cause})`;
    const same = out.find((u) => u.reason === reason);
    if (same) {
      if (!same.data.split(', ').includes(data)) same.data += `, ${data}`;
    } else out.push({ data, reason });
  };

  const cgroupPath = `/proc/${pid}/cgroup`;
  const reads = await transport.readFiles([cgroupPath, '/proc/self/mountinfo', `/proc/${pid}/net/dev`]);
  const cg = reads.get(cgroupPath);
  const mi = reads.get('/proc/self/mountinfo');
  const dev = reads.get(`/proc/${pid}/net/dev`);
  if (dev instanceof Error) add('network', `/proc/${pid}/net/dev`, dev.message);
  if (cg instanceof Error || cg === undefined) {
    add('cpu, memory, block I/O, pids', cgroupPath, cg?.message ?? 'no answer');
  } else if (mi instanceof Buffer) {
    const dirs = resolveDirs(parseProcCgroup(cg.toString('utf8')), parseCgroupMounts(mi.toString('utf8')), id);
    if (dirs) {
      const files = counterFiles(dirs);
      const all = [...files.counters, ...files.pressure];
      const got = await transport.readFiles(all.map((f) => f.path));
      for (const f of all) {
        const r = got.get(f.path);
        if (r instanceof Error) add(DATA_OF[f.kind], f.path, r.message);
      }
    }
  }
  const stat = await transport.exec(['stat', '-L', '-c', '%i', `/proc/${pid}/ns/net`], { timeoutMs: 10_000 }).catch(() => null);
  if (stat && stat.code !== 0) add('network', `/proc/${pid}/ns/net`, stat.stderr.toString('utf8'));
  return out;
}
