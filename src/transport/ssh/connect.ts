/**
 * Opens one authenticated ssh2 connection to a node, through its ProxyJump
 * hops when the config has them: each hop is a full SSH connection whose
 * host key is verified under its own name, and the next one rides a
 * `direct-tcpip` channel of the previous (REFERENCE.md §4). Failures come
 * back as BerthErrors an operator can act on (exit 5).
 */
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client, ClientErrorExtensions } from 'ssh2';
import { BerthError } from '../../domain/errors.ts';
import { loadIdentities, type AskPassphrase, type Identities } from './auth.ts';
import { resolveSshHost, type ConfigFile, type SshConfigEnv, type SshHostConfig } from './config.ts';
import { formatAddress, parseDestination } from './destination.ts';
import { decideHostKey, recordedKeyTypes, recordHostKey, type HostKeyContext, type HostKeyQuestion } from './host-verify.ts';
import { preferredHostKeyAlgorithms } from './hostkey.ts';

/** What opening needs besides the node. */
export interface ConnectDeps {
  configFiles: readonly ConfigFile[];
  configEnv: SshConfigEnv;
  /** `--timeout`: the handshake of each hop must finish within it (and within ConnectTimeout). */
  timeoutMs: number;
  askPassphrase?: AskPassphrase | undefined;
  /**
   * The console's prompt for an unknown host key under StrictHostKeyChecking
   * ask (the default); resolves true to trust and record it. Scripts give
   * none, and the key is refused (CLI.md "SSH host keys").
   */
  askHostKey?: ((question: HostKeyQuestion) => Promise<boolean>) | undefined;
  /** Where notices go (accept-new under `no`, ignored options). */
  warn?: ((message: string) => void) | undefined;
  /** TCP_NODELAY on the connection's socket; on unless measuring (REFERENCE.md §4: Nagle costs ~45 ms a request). */
  noDelay?: boolean | undefined;
}

/** An open connection and how it was reached. */
export interface SshConnection {
  client: Client;
  /** Jump hosts' connections, first hop first. */
  hops: Client[];
  host: SshHostConfig;
  /** `user@host:port` of the target. */
  address: string;
  /** Milliseconds from start to authenticated. */
  connectMs: number;
  /** Ends the connection and its hops. */
  close(): void;
}

/** Host key algorithms ssh2 1.17 can verify; anything else in known_hosts (sk-*) is not asked for. */
const SSH2_HOST_KEY_ALGORITHMS = new Set(['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-dss']);
const MAX_HOPS = 8;
/** Default keepalive: a lost connection is noticed within two intervals (issue 5 "Faults"). */
export const KEEPALIVE_MS = 5_000;

/** Resolves the target and its jump hosts from the ssh config; the first hop's own ProxyJump is followed, as `ssh -J` does. */
export function resolveChain(destination: string, deps: Pick<ConnectDeps, 'configFiles' | 'configEnv'>): { target: SshHostConfig; hops: SshHostConfig[] } {
  const resolve = (dest: string): SshHostConfig => {
    let parsed;
    try {
      parsed = parseDestination(dest);
    } catch (err) {
      throw new BerthError('config', (err as Error).message, { hint: 'write the node as an ssh config alias, user@host[:port] or ssh://user@host[:port]' });
    }
    const host = resolveSshHost(parsed, deps.configFiles, deps.configEnv);
    if (host.proxyCommand !== null && host.proxyJump.length === 0) {
      throw new BerthError('config', `the ssh config of ${dest} uses ProxyCommand (${host.proxyCommand}), which berth does not run`, { hint: 'use ProxyJump for jump hosts (ssh_config(5))' });
    }
    return host;
  };
  const chainOf = (host: SshHostConfig, depth: number): SshHostConfig[] => {
    if (host.proxyJump.length === 0) return [];
    if (depth > MAX_HOPS) throw new BerthError('config', `ProxyJump of ${host.alias} nests more than ${MAX_HOPS} hops (a loop?)`, { hint: 'check ProxyJump in the ssh config' });
    const hops = host.proxyJump.map(resolve);
    return [...chainOf(hops[0]!, depth + 1), ...hops];
  };
  const target = resolve(destination);
  return { target, hops: chainOf(target, 0) };
}

/** Opens the connection (hops first). Rejects with a BerthError; nothing is left open on failure. */
export async function openConnection(node: string, destination: string, deps: ConnectDeps, signal?: AbortSignal): Promise<SshConnection> {
  const t0 = performance.now();
  const { target, hops } = resolveChain(destination, deps);
  for (const h of [...hops, target]) for (const w of h.warnings) deps.warn?.(w);
  const opened: Client[] = [];
  const closeAll = (): void => {
    for (const c of [...opened].reverse()) c.end();
  };
  try {
    let sock: Duplex | undefined;
    for (let i = 0; i < hops.length; i++) {
      const hop = hops[i]!;
      const client = await connectClient(node, hop, sock, deps, `jump host ${formatAddress(hop.user, hop.hostName, hop.port)}`, signal);
      opened.push(client);
      const next = hops[i + 1] ?? target;
      sock = await forwardThrough(client, node, hop, next);
    }
    const client = await connectClient(node, target, sock, deps, '', signal);
    opened.push(client);
    const conn: SshConnection = {
      client,
      hops: opened.slice(0, -1),
      host: target,
      address: formatAddress(target.user, target.hostName, target.port),
      connectMs: performance.now() - t0,
      close: closeAll,
    };
    return conn;
  } catch (err) {
    closeAll();
    throw err;
  }
}

/** A direct-tcpip channel from a hop to the next host. */
function forwardThrough(client: Client, node: string, hop: SshHostConfig, next: SshHostConfig): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, next.hostName, next.port, (err, stream) => {
      if (err) {
        reject(new BerthError('unreachable', `jump host ${formatAddress(hop.user, hop.hostName, hop.port)} could not reach ${next.hostName}:${next.port}: ${err.message}`, {
          node,
          hint: 'check that the jump host can reach the target and allows TCP forwarding (AllowTcpForwarding)',
        }));
      } else {
        resolve(stream);
      }
    });
  });
}

/** The handshake deadline: the shorter of `--timeout` and ConnectTimeout. */
function readyTimeoutOf(host: SshHostConfig, timeoutMs: number): number {
  return host.connectTimeoutMs === null ? timeoutMs : Math.min(timeoutMs, host.connectTimeoutMs);
}

/** Connects and authenticates one hop (or the target) over `sock`, or over TCP when none. */
async function connectClient(node: string, host: SshHostConfig, sock: Duplex | undefined, deps: ConnectDeps, role: string, signal?: AbortSignal): Promise<Client> {
  const ctx: HostKeyContext = {
    node,
    hostName: host.hostName,
    port: host.port,
    hostKeyAlias: host.hostKeyAlias,
    strict: host.strictHostKeyChecking,
    userKnownHostsFiles: host.userKnownHostsFiles,
    globalKnownHostsFiles: host.globalKnownHostsFiles,
    hashKnownHosts: host.hashKnownHosts,
  };
  const identities = await loadIdentities(host, deps.askPassphrase);
  const label = role || formatAddress(host.user, host.hostName, host.port);
  const preferred = preferredHostKeyAlgorithms(recordedKeyTypes(ctx)).filter((a) => SSH2_HOST_KEY_ALGORITHMS.has(a));
  const client = new ssh2.Client();
  let refused: BerthError | null = null;
  let record: { file: string; line: string } | null = null;
  const interval = host.serverAliveIntervalMs ?? KEEPALIVE_MS;
  const countMax = host.serverAliveIntervalMs === null ? 1 : (host.serverAliveCountMax ?? 3);
  const readyTimeout = readyTimeoutOf(host, deps.timeoutMs);
  // ssh2 emits 'error' after 'ready' too (keepalive timeout, reset); an unheard 'error' would crash the process.
  client.on('error', () => undefined);
  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    const fail = (err: BerthError): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      client.end();
      client.destroy();
      reject(err);
    };
    const onAbort = (): void => fail(new BerthError('timeout', `connecting to ${label} was cancelled`, { node }));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    client.on('error', (err: Error & ClientErrorExtensions) => {
      // An unreachable agent is reported and skipped by ssh2, which goes on with the next method.
      if (err.level === 'agent') return deps.warn?.(`ssh-agent at ${host.identityAgent} is not usable: ${err.message}`);
      fail(refused ?? connectError(err, node, host, label, identities, readyTimeout));
    });
    client.once('close', () => fail(refused ?? new BerthError('unreachable', `${label} closed the SSH connection during the handshake`, { node, hint: 'check sshd on that host (its log says why: MaxStartups, AllowUsers, DenyUsers…)' })));
    client.once('handshake', () => {
      // Recorded only now: the server has proven it holds the key (the KEX signature checked out).
      if (record) {
        try {
          recordHostKey(record);
        } catch (err) {
          deps.warn?.(`could not record the host key of ${label} in ${record.file}: ${(err as Error).message}`);
        }
      }
    });
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(client);
    });
    client.connect({
      host: host.hostName,
      port: host.port,
      username: host.user,
      ...(sock ? { sock } : {}),
      readyTimeout,
      keepaliveInterval: interval,
      keepaliveCountMax: countMax,
      // Never agentForward: the agent signs our login and nothing else.
      agentForward: false,
      authHandler: identities.handler,
      ...(preferred.length > 0 ? { algorithms: { serverHostKey: { prepend: preferred } as never } } : {}),
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void): void => {
        const decision = decideHostKey(ctx, key);
        if (decision.accept) {
          record = decision.record;
          if (decision.warning) deps.warn?.(decision.warning);
          return verify(true);
        }
        refused = role ? new BerthError(decision.error.kind, `${role}: ${decision.error.message}`, { node, ...(decision.error.hint ? { hint: decision.error.hint } : {}) }) : decision.error;
        const question = decision.ask;
        if (!question || !deps.askHostKey) return verify(false);
        deps.askHostKey(question).then(
          (yes) => {
            if (yes) {
              refused = null;
              record = question.record;
            }
            verify(yes);
          },
          () => verify(false),
        );
      },
    });
    if (deps.noDelay !== false) client.setNoDelay(true);
  });
}

/** "none of ~/.ssh/id_* exists" or the configured files' fate. */
function noKeyFiles(host: SshHostConfig, ids: Identities): string {
  if (ids.encrypted.length > 0) return `the key files are passphrase-protected (${ids.encrypted.join(', ')}); load them into ssh-agent: ssh-add ${ids.encrypted[0]}`;
  return host.identityFilesExplicit ? `none of the IdentityFile keys could be read (${host.identityFiles.join(', ')})` : 'no key in ~/.ssh (id_ed25519, id_ecdsa, id_rsa…)';
}

/** Maps an ssh2 connect error to an operator message. */
function connectError(err: Error & ClientErrorExtensions & { code?: string }, node: string, host: SshHostConfig, label: string, ids: Identities, readyTimeout: number): BerthError {
  const opts = { node, cause: err };
  if (err.level === 'client-authentication' && ids.empty) {
    // Connected anyway, as OpenSSH does: a host key problem is reported before a missing key.
    return new BerthError('unreachable', `no SSH key to log in to ${label} with: no ssh-agent${host.identityAgent ? ' key usable' : ' (SSH_AUTH_SOCK is not set)'} and ${noKeyFiles(host, ids)}`, {
      ...opts,
      hint: 'start ssh-agent and ssh-add your key, or set IdentityFile for this host in the ssh config',
    });
  }
  if (err.level === 'client-authentication') {
    const enc = ids.encrypted;
    return new BerthError('unreachable', `SSH login to ${label} as ${host.user} was refused: the server accepted none of the keys offered (tried ${ids.tried.join(', ') || 'nothing'})`, {
      ...opts,
      hint: enc.length > 0
        ? `${enc.join(', ')} ${enc.length === 1 ? 'is' : 'are'} passphrase-protected, and berth does not ask for passphrases in scripts: load ${enc.length === 1 ? 'it' : 'them'} into ssh-agent (ssh-add ${enc[0]}) and run again`
        : `add your public key to ~${host.user}/.ssh/authorized_keys on the host, or point IdentityFile at the right key in the ssh config`,
    });
  }
  if (err.level === 'client-timeout') {
    const what = /keepalive/i.test(err.message) ? 'no answer to keepalives' : `no SSH handshake within ${readyTimeout / 1000}s`;
    return new BerthError('timeout', `${label}: ${what}`, { ...opts, hint: 'check that the host is up and sshd listens on that port; raise --timeout or ConnectTimeout for slow links' });
  }
  switch (err.code) {
    case 'ECONNREFUSED':
      return new BerthError('unreachable', `connection refused by ${host.hostName}:${host.port} (${label}): no SSH server listens there`, { ...opts, hint: 'check the host name and Port in the ssh config, and that sshd runs' });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new BerthError('unreachable', `cannot resolve host name ${host.hostName} (${label})`, { ...opts, hint: 'check HostName in the ssh config and DNS' });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new BerthError('unreachable', `cannot reach ${host.hostName}:${host.port} (${label}): ${err.message}`, { ...opts, hint: 'check the network path to the host' });
    default:
      return new BerthError('unreachable', `SSH connection to ${label} failed: ${err.message}`, opts);
  }
}
