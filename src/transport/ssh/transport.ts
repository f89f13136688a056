/**
 * SshTransport: one node reached over ONE ssh2 connection, multiplexed
 * (DESIGN.md "Transports"): an exec channel per command, a streamlocal
 * channel per runtime-socket connection (dial-stdio where the server
 * refuses streamlocal, or with sudo), direct-tcpip for TCP. The connection
 * opens on first use; when it is lost the next call reconnects, with
 * backoff between failed attempts, and `state` says where it stands.
 */
import { hostname, userInfo } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { Client } from 'ssh2';
import { BerthError } from '../../domain/errors.ts';
import type { ExecOptions, ExecResult, RunningProcess, TlsMaterial, Transport } from '../types.ts';
import type { AskPassphrase } from './auth.ts';
import type { HostKeyQuestion } from './host-verify.ts';
import { sshConfigFiles, type ConfigFile, type SshConfigEnv } from './config.ts';
import { openConnection, resolveChain, type SshConnection } from './connect.ts';
import { Limiter, openingLimiter } from './connect-limit.ts';
import { formatAddress } from './destination.ts';
import { DialStdioStream, DIAL_STDIO_SCRIPT } from './dial-stdio.ts';
import { abortError, runChannel, streamChannel, watchEnd, type OpenedChannel } from './exec.ts';
import { shJoin, shScript, withEnv } from './quote.ts';
import { batchPaths, fsError, newBoundary, parseReadFiles, READ_FILES_SCRIPT } from './read-files.ts';
import { ACCESS_SCRIPT, parseAccess, parseStat, STAT_ARGV, type RemoteStat } from './remote-fs.ts';

/** Where the connection stands: never tried, opening, up, down (lost or failed; the next call retries), closed for good. */
export type SshState = 'idle' | 'connecting' | 'ready' | 'down' | 'closed';

/** How the runtime socket is reached: streamlocal channels, or `system dial-stdio` in an exec channel. */
export type SocketVia = 'auto' | 'streamlocal' | 'dial-stdio';

/** What an SshTransport needs. */
export interface SshTransportOptions {
  /** Node name (messages, errors). */
  node: string;
  /** The node's `ssh:` value: an ssh config alias, user@host[:port] or ssh://… */
  destination: string;
  /** `--timeout`: for the handshake and, by the caller, for each reply. */
  timeoutMs: number;
  /** The LOCAL environment: HOME, BERTH_SSH_CONFIG, SSH_AUTH_SOCK. */
  env: Readonly<Record<string, string | undefined>>;
  /** `$HOME` (berth follows it, not the password database). */
  homeDir: string;
  /** Run the runtime client via `sudo -n` (forces dial-stdio). */
  sudo?: boolean;
  socketVia?: SocketVia;
  askPassphrase?: AskPassphrase;
  /** Console only: asks whether to trust an unknown host key (StrictHostKeyChecking ask). */
  askHostKey?: (question: HostKeyQuestion) => Promise<boolean>;
  warn?: (message: string) => void;
  /** TCP_NODELAY; only benchmarks turn it off. */
  noDelay?: boolean;
  /** Overrides for tests: config files and machine facts. */
  configFiles?: readonly ConfigFile[];
  configEnv?: SshConfigEnv;
}

/** Backoff between failed connection attempts: 0.5 s doubling, capped at 5 s (CLI.md "Logs and streams"). */
export function backoffMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(5_000, 500 * 2 ** (failures - 1));
}

/**
 * At most this many short commands at once on one connection: sshd's
 * MaxSessions (default 10) caps exec channels, and long-lived ones
 * (samplers, log followers) need room too. Forwarded channels do not count.
 */
export const MAX_EXEC_SESSIONS = 6;

/** The machine facts config evaluation needs, from the real process. */
function processConfigEnv(env: Readonly<Record<string, string | undefined>>, home: string): SshConfigEnv {
  let user = env.USER ?? env.LOGNAME ?? '';
  try {
    user = userInfo().username;
  } catch {
    // no password entry (containers): keep USER
  }
  return {
    env,
    home,
    localUser: user,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    localHost: hostname(),
    readText: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return null;
        throw err;
      }
    },
    listDir: (p) => {
      try {
        return readdirSync(p);
      } catch {
        return null;
      }
    },
  };
}

/** Transport for a node behind SSH. */
export class SshTransport implements Transport {
  readonly node: string;
  readonly kind = 'ssh' as const;
  readonly #opts: SshTransportOptions;
  readonly #files: readonly ConfigFile[];
  readonly #cfgEnv: SshConfigEnv;
  readonly #sessions = new Limiter(MAX_EXEC_SESSIONS);
  readonly #listeners = new Set<(state: SshState) => void>();
  /** Socket streams handed out (streamlocal, dial-stdio, direct-tcpip), destroyed when the connection dies. */
  readonly #streams = new Set<Duplex>();
  #address: string;
  #state: SshState = 'idle';
  #conn: SshConnection | null = null;
  #connecting: Promise<SshConnection> | null = null;
  #failures = 0;
  #nextAttemptAt = 0;
  #lastError: BerthError | null = null;
  #via: 'streamlocal' | 'dial-stdio';

  constructor(opts: SshTransportOptions) {
    this.node = opts.node;
    this.#opts = opts;
    this.#files = opts.configFiles ?? sshConfigFiles(opts.env, opts.homeDir);
    this.#cfgEnv = opts.configEnv ?? processConfigEnv(opts.env, opts.homeDir);
    this.#via = opts.sudo || opts.socketVia === 'dial-stdio' ? 'dial-stdio' : 'streamlocal';
    this.#address = opts.destination;
    try {
      const { target } = resolveChain(opts.destination, { configFiles: this.#files, configEnv: this.#cfgEnv });
      this.#address = formatAddress(target.user, target.hostName, target.port);
    } catch {
      // a config error surfaces on connect, as the node's error
    }
  }

  /** `user@host:port` once the ssh config is read; the destination as given before. */
  get address(): string {
    return this.#address;
  }

  /** Where the connection stands. */
  get state(): SshState {
    return this.#state;
  }

  /** Why the node is down (or the last failure), for `berth nodes`. */
  get lastError(): BerthError | null {
    return this.#lastError;
  }

  /** Milliseconds the current connection took to open (handshake, auth, hops); null when not up. */
  get connectMs(): number | null {
    return this.#conn?.connectMs ?? null;
  }

  /** How the runtime socket is being reached now. */
  get socketVia(): 'streamlocal' | 'dial-stdio' {
    return this.#via;
  }

  /** Calls `listener` on every state change; returns the unsubscribe. */
  onStateChange(listener: (state: SshState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #setState(state: SshState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const l of this.#listeners) l(state);
  }

  /** Opens the connection now (openNode does, so connect failures surface early); resolves when up. */
  async connect(signal?: AbortSignal): Promise<void> {
    await this.#client(signal);
  }

  /** The live client: the current one, the one being opened, or a new one unless backing off. */
  async #client(signal?: AbortSignal): Promise<Client> {
    if (this.#state === 'closed') throw new BerthError('unreachable', `the SSH connection to ${this.#address} was closed`, { node: this.node });
    if (this.#conn) return this.#conn.client;
    if (!this.#connecting) {
      const wait = this.#nextAttemptAt - Date.now();
      if (wait > 0 && this.#lastError) {
        throw new BerthError(this.#lastError.kind, `${this.#lastError.message} (next attempt in ${(wait / 1000).toFixed(1)}s)`, {
          node: this.node,
          ...(this.#lastError.hint ? { hint: this.#lastError.hint } : {}),
        });
      }
      this.#connecting = this.#open(signal);
    }
    return (await this.#connecting).client;
  }

  async #open(signal?: AbortSignal): Promise<SshConnection> {
    this.#setState('connecting');
    try {
      const conn = await openingLimiter.run(() =>
        openConnection(this.node, this.#opts.destination, {
          configFiles: this.#files,
          configEnv: this.#cfgEnv,
          timeoutMs: this.#opts.timeoutMs,
          askPassphrase: this.#opts.askPassphrase,
          askHostKey: this.#opts.askHostKey,
          warn: this.#opts.warn,
          noDelay: this.#opts.noDelay,
        }, signal),
      );
      if (this.#state === 'closed') {
        conn.close();
        throw new BerthError('unreachable', `the SSH connection to ${this.#address} was closed`, { node: this.node });
      }
      this.#address = conn.address;
      this.#conn = conn;
      this.#failures = 0;
      this.#nextAttemptAt = 0;
      this.#lastError = null;
      let why: Error | null = null;
      conn.client.on('error', (err: Error) => {
        why = err;
      });
      conn.client.once('close', () => this.#lost(conn, why));
      this.#setState('ready');
      return conn;
    } catch (err) {
      const e = err instanceof BerthError ? err : new BerthError('unreachable', `SSH connection to ${this.#address} failed: ${(err as Error).message}`, { node: this.node, cause: err });
      this.#failures++;
      this.#nextAttemptAt = Date.now() + backoffMs(this.#failures);
      this.#lastError = e;
      if (this.#state !== 'closed') this.#setState('down');
      throw e;
    } finally {
      this.#connecting = null;
    }
  }

  /** The connection closed under us: remember why; the next call reconnects. */
  #lost(conn: SshConnection, why: Error | null): void {
    if (this.#conn !== conn) return;
    this.#conn = null;
    conn.close();
    if (this.#state === 'closed') return;
    const reason = why ? `: ${why.message}` : '';
    this.#lastError = new BerthError('unreachable', `lost the SSH connection to ${this.#address}${reason}`, {
      node: this.node,
      hint: 'berth reconnects on the next request; check the host and its sshd if this persists',
    });
    // ssh2 ends a dead connection's channels only once their data is read; an idle keep-alive
    // stream in an HTTP pool never is, and the next request would wait out its timeout on it.
    for (const s of this.#streams) s.destroy(Object.assign(new Error(`lost the SSH connection to ${this.#address}`), { code: 'ECONNRESET' }));
    this.#streams.clear();
    this.#setState('down');
  }

  /** Remembers a socket stream until it closes (see #lost). */
  #track<T extends Duplex>(stream: T): T {
    this.#streams.add(stream);
    stream.once('close', () => this.#streams.delete(stream));
    return stream;
  }

  /** The error for a call that the dead connection cut short. */
  #lostError(what: string): BerthError {
    return new BerthError('unreachable', `lost the SSH connection to ${this.#address} while ${what}`, {
      node: this.node,
      hint: 'berth reconnects on the next request; check the host and its sshd if this persists',
    });
  }

  /** Maps a channel failure: a dead connection is 'unreachable' (and marks the node down). */
  #channelError(err: unknown, what: string): Error {
    if (err instanceof BerthError) return err;
    const e = err as Error & { reason?: unknown };
    // ssh2's words for a connection that is gone; its 'close' event marks the node down.
    if (/not connected|no response from server/i.test(e.message)) return this.#lostError(what);
    return new BerthError('unreachable', `${this.#address} refused ${what}: ${e.message}`, { node: this.node, cause: err });
  }

  /** Opens an exec channel for a command line (already quoted), its end watched from the first packet (OpenedChannel). */
  async #execChannel(command: string, what: string, signal?: AbortSignal): Promise<OpenedChannel> {
    const client = await this.#client(signal);
    return new Promise((resolve, reject) => {
      try {
        client.exec(command, (err, channel) => (err ? reject(this.#channelError(err, what)) : resolve(watchEnd(channel))));
      } catch (err) {
        reject(this.#channelError(err, what));
      }
    });
  }

  /** Runs argv on the host (quoted for its shell), to completion. */
  exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    const command = shJoin(withEnv(argv, opts.env));
    const what = `running ${argv[0] ?? ''}`;
    return this.#sessions.run(() =>
      runChannel(() => this.#execChannel(command, what, opts.signal), () => this.#lostError(what), opts),
    );
  }

  /** Starts argv on the host and streams its output; not queued behind short commands. */
  spawn(argv: readonly string[], opts: Omit<ExecOptions, 'input' | 'timeoutMs'> = {}): RunningProcess {
    const command = shJoin(withEnv(argv, opts.env));
    const what = `running ${argv[0] ?? ''}`;
    return streamChannel(() => this.#execChannel(command, what, opts.signal), () => this.#lostError(what), opts.signal);
  }

  /**
   * A stream to a unix socket on the host (the Engine API): a streamlocal
   * channel, or dial-stdio (sudo, or where the server refuses streamlocal).
   * sshd answers "open failed" alike for a missing socket, a refused
   * connection and forwarding turned off, so on failure berth asks the
   * host whether the socket is there and ours to open; if it is, it tries
   * dial-stdio, and keeps using it once it has answered.
   */
  async dialUnix(path: string, signal?: AbortSignal): Promise<Duplex> {
    if (signal?.aborted) throw abortError(signal);
    const client = await this.#client(signal);
    if (this.#via === 'dial-stdio') return this.#dialStdio(path, signal);
    try {
      return await new Promise<Duplex>((resolve, reject) => {
        try {
          client.openssh_forwardOutStreamLocal(path, (err, stream) => (err ? reject(err) : resolve(this.#track(stream))));
        } catch (err) {
          reject(err as Error);
        }
      });
    } catch (err) {
      const e = err as Error & { reason?: unknown };
      if (!/open failed|prohibited|connect failed/i.test(e.message)) throw this.#channelError(err, `forwarding to ${path}`);
      const access = await this.access(path).catch(() => 'ok' as const);
      const failed = `sshd on ${this.#address} could not connect to ${path}`;
      if (access === 'missing') throw fsError('ENOENT', path, failed);
      if (access === 'denied') throw fsError('EACCES', path, failed);
      if (this.#opts.socketVia === 'streamlocal') throw fsError('ECONNREFUSED', path, `${failed} (streamlocal forwarding off, or nothing listening)`);
      return this.#dialStdio(path, signal, () => {
        if (this.#via === 'dial-stdio') return;
        this.#via = 'dial-stdio';
        this.#opts.warn?.(`${this.#address} refuses streamlocal forwarding (AllowStreamLocalForwarding no); reaching ${path} through "system dial-stdio" over exec instead, which costs a remote process per connection`);
      });
    }
  }

  /** The runtime socket through `docker|podman system dial-stdio` (with `sudo -n` when configured). */
  async #dialStdio(path: string, signal?: AbortSignal, onWorks?: () => void): Promise<Duplex> {
    const sudo = this.#opts.sudo ?? false;
    const command = shScript(DIAL_STDIO_SCRIPT, [sudo ? 'sudo' : '', path]);
    const channel = await this.#execChannel(command, `running dial-stdio for ${path}`, signal);
    return this.#track(new DialStdioStream(channel, { node: this.node, address: this.#address, path, sudo }, onWorks));
  }

  /** A TCP stream from the host's side (direct-tcpip), TLS on top when given. */
  async dialTcp(host: string, port: number, tls?: TlsMaterial, signal?: AbortSignal): Promise<Duplex> {
    if (signal?.aborted) throw abortError(signal);
    const client = await this.#client(signal);
    const what = `forwarding to ${host}:${port}`;
    const stream = await new Promise<Duplex>((resolve, reject) => {
      try {
        client.forwardOut('127.0.0.1', 0, host, port, (err, s) => (err ? reject(this.#channelError(err, what)) : resolve(this.#track(s))));
      } catch (err) {
        reject(this.#channelError(err, what));
      }
    });
    if (!tls) return stream;
    const secure = tlsConnect({
      socket: stream,
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      rejectUnauthorized: tls.verify,
      servername: tls.servername ?? (/^[\d.:]+$/.test(host) ? undefined : host),
    });
    return new Promise((resolve, reject) => {
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    });
  }

  /** Reads one file. */
  async readFile(path: string): Promise<Buffer> {
    const got = (await this.readFiles([path])).get(path);
    if (got instanceof Error || got === undefined) throw got ?? fsError('EIO', path);
    return got;
  }

  /** Reads many files: one exec per batch of paths (read-files.ts). */
  async readFiles(paths: readonly string[]): Promise<Map<string, Buffer | Error>> {
    const unique = [...new Set(paths)];
    const parts = await Promise.all(
      batchPaths(unique).map(async (batch) => {
        const boundary = newBoundary();
        const r = await this.#sessions.run(() =>
          runChannel(() => this.#execChannel(shScript(READ_FILES_SCRIPT, [boundary, ...batch]), 'reading files'), () => this.#lostError('reading files'), { timeoutMs: this.#opts.timeoutMs }),
        );
        return parseReadFiles(r.stdout, r.stderr, batch, boundary);
      }),
    );
    const out = new Map<string, Buffer | Error>();
    for (const m of parts) for (const [k, v] of m) out.set(k, v);
    return out;
  }

  /** Stats a path on the host, following links; null when it is not there. */
  async stat(path: string): Promise<RemoteStat | null> {
    const r = await this.exec(STAT_ARGV(path), { timeoutMs: this.#opts.timeoutMs });
    return r.code === 0 ? parseStat(r.stdout.toString('utf8')) : null;
  }

  /** Whether the login user may read and write a path (with sudo: whether it exists). */
  async access(path: string): Promise<'ok' | 'denied' | 'missing'> {
    const r = await this.exec(['sh', '-c', ACCESS_SCRIPT, 'sh', path, this.#opts.sudo ? 'exists' : 'rw'], { timeoutMs: this.#opts.timeoutMs });
    return parseAccess(r.stdout.toString('utf8'));
  }

  /** Ends the connection and its hops; later calls fail. */
  async close(): Promise<void> {
    this.#setState('closed');
    const conn = this.#conn;
    this.#conn = null;
    for (const s of this.#streams) s.destroy();
    this.#streams.clear();
    conn?.close();
    await this.#connecting?.catch(() => undefined);
  }
}
