/**
 * The local transport: the machine berth runs on, reached through the file
 * system, unix sockets and child processes. Errors keep Node's `code`
 * (ENOENT, EACCES, ECONNREFUSED…) so the runtime layer can turn them into
 * operator messages that name the socket.
 */
import { spawn as spawnChild } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { readFile as readFileAsync } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { ExecOptions, ExecResult, RunningProcess, TlsMaterial, Transport } from './types.ts';

/** Rejects with the signal's reason (an AbortError) when it is already aborted. */
function abortedError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted', 'AbortError');
}

/**
 * Waits for a socket to connect. The promise form lets callers (the HTTP
 * agent) see ENOENT/EACCES/ECONNREFUSED as a rejected dial rather than as a
 * later 'error' event on a socket they already handed to node:http.
 */
function whenConnected(socket: Socket, readyEvent: 'connect' | 'secureConnect', signal?: AbortSignal): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      socket.destroy();
      reject(abortedError(signal!));
    };
    const cleanup = (): void => {
      socket.off('error', onError);
      socket.off(readyEvent, onReady);
      signal?.removeEventListener('abort', onAbort);
    };
    const onError = (err: Error): void => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onReady = (): void => {
      cleanup();
      resolve(socket);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once(readyEvent, onReady);
  });
}

/** Maps a Node file mode to the kinds the Transport reports. */
function kindOf(mode: number): 'file' | 'dir' | 'socket' | 'other' {
  const type = mode & constants.S_IFMT;
  if (type === constants.S_IFREG) return 'file';
  if (type === constants.S_IFDIR) return 'dir';
  if (type === constants.S_IFSOCK) return 'socket';
  return 'other';
}

/** Transport for node `local`; one instance per process is enough. */
export class LocalTransport implements Transport {
  readonly node: string;
  readonly kind = 'local' as const;
  readonly address = 'local';

  /** `node` is the name berth shows for this machine, `local` unless configured otherwise. */
  constructor(node = 'local') {
    this.node = node;
  }

  /** Connects to a unix socket; rejects with Node's error (code ENOENT, EACCES, ECONNREFUSED). */
  dialUnix(path: string, signal?: AbortSignal): Promise<Duplex> {
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    const socket = netConnect({ path });
    return whenConnected(socket, 'connect', signal);
  }

  /** Connects over TCP, or TLS when material is given (DOCKER_TLS_VERIFY endpoints). */
  dialTcp(host: string, port: number, tls?: TlsMaterial, signal?: AbortSignal): Promise<Duplex> {
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    if (!tls) {
      const socket = netConnect({ host, port });
      socket.setNoDelay(true);
      return whenConnected(socket, 'connect', signal);
    }
    const socket = tlsConnect({
      host,
      port,
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      rejectUnauthorized: tls.verify,
      servername: tls.servername ?? (/^[\d.:]+$/.test(host) ? undefined : host),
    });
    socket.setNoDelay(true);
    return whenConnected(socket, 'secureConnect', signal);
  }

  /** Runs argv directly (no shell), collecting output; kills it on timeout or abort. */
  exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const [cmd, ...args] = argv;
      if (cmd === undefined) return reject(new Error('exec: empty argv'));
      const child = spawnChild(cmd, args, {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: opts.env ? { ...process.env, ...opts.env } : process.env,
        signal: opts.signal,
        timeout: opts.timeoutMs,
        killSignal: 'SIGKILL',
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      child.once('error', reject);
      child.once('close', (code, signal) =>
        resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }),
      );
      // A command that never reads stdin must not fail the call with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.input);
    });
  }

  /** Starts argv (no shell) and hands back its streams. */
  spawn(argv: readonly string[], opts: Omit<ExecOptions, 'input' | 'timeoutMs'> = {}): RunningProcess {
    const [cmd, ...args] = argv;
    if (cmd === undefined) throw new Error('spawn: empty argv');
    const child = spawnChild(cmd, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
      signal: opts.signal,
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      // 'error' (ENOENT for a missing binary) is followed by 'close' with code -2
      // on some Node versions and not on others; settle on whichever comes first.
      child.once('error', () => resolve({ code: null, signal: null }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    return {
      stdin: child.stdin,
      stdout: child.stdout,
      stderr: child.stderr,
      exited,
      kill: (signal: NodeJS.Signals = 'SIGTERM') => {
        child.kill(signal);
      },
    };
  }

  /** Reads a whole file. */
  readFile(path: string): Promise<Buffer> {
    return readFileAsync(path);
  }

  /**
   * Reads many small files. Synchronous reads in a loop: for hundreds of
   * tiny cgroup files a promise per file costs ~10x more (REFERENCE.md §3).
   */
  async readFiles(paths: readonly string[]): Promise<Map<string, Buffer | Error>> {
    const out = new Map<string, Buffer | Error>();
    for (const p of paths) {
      try {
        out.set(p, readFileSync(p));
      } catch (err) {
        out.set(p, err as Error);
      }
    }
    return out;
  }

  /** Stats a path, following symlinks (`/var/run` is itself a link to `/run`). */
  async stat(path: string): Promise<{ kind: 'file' | 'dir' | 'socket' | 'other'; mode: number; uid: number; gid: number } | null> {
    try {
      const s = statSync(path);
      return { kind: kindOf(s.mode), mode: s.mode & 0o7777, uid: s.uid, gid: s.gid };
    } catch {
      return null;
    }
  }

  /** Whether we may read and write a path: what connecting to a socket needs. */
  async access(path: string): Promise<'ok' | 'denied' | 'missing'> {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
      return 'ok';
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
      return 'denied';
    }
  }

  /** Nothing pooled locally: sockets belong to their HTTP agents. */
  async close(): Promise<void> {}
}
