/**
 * Network namespaces: network counters belong to a namespace, not to a
 * container, so berth must know which namespace each container is in.
 * Host-network containers see the host's interfaces (their counters are
 * not theirs); `--net=container:X` and pod members share one namespace
 * (counted once). A namespace is identified by the inode of
 * /proc/<pid>/ns/net (`net:[4026531833]`), found with one `stat -L` run
 * for all new containers: the Transport reads files but not links.
 */
import type { MetricsTransport, NetnsShare } from './types.ts';

/** Inodes of the host's netns and of each pid's; missing pids could not be read. */
export interface NetnsInodes {
  host: number | null;
  byPid: Map<number, number>;
}

/**
 * The host namespace is pid 1's; when pid 1 cannot be read (on this host
 * even root gets EACCES: ptrace access mode checks need every capability
 * pid 1 holds, and this sandbox drops CAP_SYS_RESOURCE), fall back to the
 * reader's own, which is the host's unless berth itself runs in a
 * container.
 */
const HOST_PATHS = ['/proc/1/ns/net', '/proc/self/ns/net'];

/** Parses `stat -L -c '%n %i'` output: `path inode` per line. */
export function parseStatInodes(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space <= 0) continue;
    const inode = Number(line.slice(space + 1));
    if (Number.isInteger(inode) && inode > 0) out.set(line.slice(0, space), inode);
  }
  return out;
}

/**
 * Looks up the namespaces of `pids` (and the host's) in one command. Null
 * when the command could not run at all; then every namespace is unknown.
 */
export async function readNetnsInodes(transport: MetricsTransport, pids: readonly number[]): Promise<NetnsInodes | null> {
  const paths = [...HOST_PATHS, ...pids.map((pid) => `/proc/${pid}/ns/net`)];
  let stdout: Buffer;
  try {
    // stat exits 1 when any path fails (a vanished pid, EACCES on pid 1) but still prints the others.
    ({ stdout } = await transport.exec(['stat', '-L', '-c', '%n %i', ...paths], { timeoutMs: 10_000 }));
  } catch {
    return null;
  }
  const inodes = parseStatInodes(stdout.toString('utf8'));
  const host = inodes.get(HOST_PATHS[0]!) ?? inodes.get(HOST_PATHS[1]!) ?? null;
  const byPid = new Map<number, number>();
  for (const pid of pids) {
    const inode = inodes.get(`/proc/${pid}/ns/net`);
    if (inode !== undefined) byPid.set(pid, inode);
  }
  return { host, byPid };
}

/** A container's namespace, as far as it is known. */
export interface NetnsMember {
  id: string;
  pid: number;
  inode: number | null;
}

/** How one container's network counters are attributed. */
export interface NetnsAttribution {
  share: NetnsShare;
  attributedTo: string | null;
}

/**
 * Decides who carries each namespace's counters: the member with the lowest
 * init pid, normally the one that created it (the pod sandbox, or the
 * `--net=container:` target, which must be running first). Without the
 * host's namespace no container can be told apart from a host-network one,
 * so all are unknown. Pure.
 */
export function attributeNetns(members: readonly NetnsMember[], hostInode: number | null): Map<string, NetnsAttribution> {
  const out = new Map<string, NetnsAttribution>();
  const owners = new Map<number, NetnsMember>();
  const counts = new Map<number, number>();
  for (const m of members) {
    if (m.inode === null || hostInode === null || m.inode === hostInode) continue;
    counts.set(m.inode, (counts.get(m.inode) ?? 0) + 1);
    const owner = owners.get(m.inode);
    if (!owner || m.pid < owner.pid) owners.set(m.inode, m);
  }
  for (const m of members) {
    if (m.inode === null || hostInode === null) out.set(m.id, { share: 'unknown', attributedTo: null });
    else if (m.inode === hostInode) out.set(m.id, { share: 'host', attributedTo: null });
    else {
      const owner = owners.get(m.inode)!;
      const shared = (counts.get(m.inode) ?? 0) > 1;
      out.set(m.id, { share: !shared ? 'own' : owner.id === m.id ? 'shared-owner' : 'shared', attributedTo: owner.id });
    }
  }
  return out;
}
