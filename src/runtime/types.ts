/**
 * What berth needs from a container runtime, in domain terms. The Docker
 * Engine API implementation (src/runtime/docker) serves both Docker and
 * Podman's compatible service; callers never see wire JSON.
 */
import type { Readable, Writable } from 'node:stream';
import type {
  BerthEvent,
  Container,
  ContainerDetail,
  HostInfo,
  Image,
  LogLine,
  Network,
  ProcessTable,
  Volume,
} from '../domain/types.ts';

/** Options for reading a container's logs. */
export interface LogOptions {
  follow?: boolean;
  /** Number of lines from the end, or 'all'. */
  tail?: number | 'all';
  /** Unix seconds (may be fractional). */
  since?: number;
  timestamps?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  /**
   * Whether the container has a TTY (its logs are then not multiplexed);
   * when left out the runtime inspects the container to find out.
   */
  tty?: boolean;
}

/** Options for an exec session. */
export interface ExecSessionOptions {
  tty: boolean;
  /** Attach stdin. */
  interactive: boolean;
  env?: string[];
  user?: string;
  workingDir?: string;
  /** Initial terminal size for tty sessions. */
  size?: { rows: number; cols: number };
}

/** A running exec session. */
export interface ExecSession {
  /** Write here to feed the command's stdin (when interactive). */
  stdin: Writable;
  /** Demultiplexed output (for tty sessions everything arrives on stdout). */
  stdout: Readable;
  stderr: Readable;
  /** Resize the exec's terminal. */
  resize(size: { rows: number; cols: number }): Promise<void>;
  /** Resolves with the command's exit code once it ends. */
  exited: Promise<number | null>;
}

/** A Docker Engine API compatible runtime on one node. */
export interface RuntimeSource {
  readonly node: string;
  /** Runtime and host facts; also proves the endpoint answers. */
  hostInfo(signal?: AbortSignal): Promise<HostInfo>;
  listContainers(opts: { all: boolean }, signal?: AbortSignal): Promise<Container[]>;
  /** Full detail; throws BerthError('not-found') when it is gone. */
  inspectContainer(idOrName: string, signal?: AbortSignal): Promise<ContainerDetail>;
  listImages(signal?: AbortSignal): Promise<Image[]>;
  listVolumes(signal?: AbortSignal): Promise<Volume[]>;
  listNetworks(signal?: AbortSignal): Promise<Network[]>;
  start(id: string): Promise<void>;
  /** Stops with a grace period (seconds) before SIGKILL. */
  stop(id: string, timeSeconds?: number): Promise<void>;
  restart(id: string, timeSeconds?: number): Promise<void>;
  kill(id: string, signal?: string): Promise<void>;
  pause(id: string): Promise<void>;
  unpause(id: string): Promise<void>;
  remove(id: string, opts: { force: boolean; volumes: boolean }): Promise<void>;
  /** Log lines, demultiplexed; TTY containers arrive as stdout, as is. */
  logs(id: string, opts: LogOptions, signal?: AbortSignal): AsyncIterable<LogLine>;
  /** Starts a command in a running container. */
  exec(id: string, argv: string[], opts: ExecSessionOptions): Promise<ExecSession>;
  top(id: string, psArgs?: string): Promise<ProcessTable>;
  /** Engine events from now (or `since`), until the signal aborts. */
  events(opts: { since?: number; until?: number }, signal?: AbortSignal): AsyncIterable<BerthEvent>;
  /** Releases the connection pool. */
  close(): Promise<void>;
}
