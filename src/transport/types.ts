/**
 * The transport is how berth reaches a host (DESIGN.md "Transports"). Local
 * uses the file system, unix sockets and child processes; SSH (a later
 * issue) multiplexes the same operations over one ssh2 connection. Sources
 * depend only on this interface, so a remote node works like a local one.
 */
import type { Duplex, Readable, Writable } from 'node:stream';

/** Result of running a command to completion. */
export interface ExecResult {
  /** Exit status, or null when killed by a signal. */
  code: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** A running command whose output is streamed. */
export interface RunningProcess {
  stdin: Writable;
  stdout: Readable;
  stderr: Readable;
  /** Resolves when the command ends. */
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** Ends the command (SIGTERM locally; closes the channel over SSH). */
  kill(signal?: NodeJS.Signals): void;
}

/** Options for running a command. */
export interface ExecOptions {
  /** Bytes to write to stdin, then close it. */
  input?: Buffer | string;
  /** Give up (and kill the command) after this long. */
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: Record<string, string>;
}

/** TLS material for a TCP endpoint (DOCKER_TLS_VERIFY / DOCKER_CERT_PATH). */
export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Verify the server's certificate against `ca`. */
  verify: boolean;
  servername?: string;
}

/** One host, reached locally or over SSH. */
export interface Transport {
  /** Name of the node this transport reaches. */
  readonly node: string;
  readonly kind: 'local' | 'ssh';
  /** Human address (`local`, `user@host:port`) for messages. */
  readonly address: string;
  /** Opens a byte stream to a unix socket on the host. */
  dialUnix(path: string, signal?: AbortSignal): Promise<Duplex>;
  /** Opens a TCP (optionally TLS) stream from the host's point of view. */
  dialTcp(host: string, port: number, tls?: TlsMaterial, signal?: AbortSignal): Promise<Duplex>;
  /** Runs argv (never a shell string) to completion. */
  exec(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  /** Runs argv and streams its output. */
  spawn(argv: readonly string[], opts?: Omit<ExecOptions, 'input' | 'timeoutMs'>): RunningProcess;
  /** Reads a whole file from the host. */
  readFile(path: string): Promise<Buffer>;
  /** Reads many small files in one pass; a missing file maps to its error. */
  readFiles(paths: readonly string[]): Promise<Map<string, Buffer | Error>>;
  /** Whether a path exists on the host, and what it is. */
  stat(path: string): Promise<{ kind: 'file' | 'dir' | 'socket' | 'other'; mode: number; uid: number; gid: number } | null>;
  /** Whether the current user may read and write a path (for sockets). */
  access(path: string): Promise<'ok' | 'denied' | 'missing'>;
  /** Releases connections. */
  close(): Promise<void>;
}
