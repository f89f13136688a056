/**
 * Exec sessions: `POST /containers/{id}/exec` creates, `POST
 * /exec/{id}/start` hijacks the connection (http.ts) and from then on it
 * carries raw bytes both ways: stdin up, output down (stdcopy-framed
 * without a TTY, raw with one). The exit code is not in the stream: it is
 * read from `GET /exec/{id}/json` once the stream ends, and the engine may
 * still report `Running: true` for a moment, so that read is retried.
 */
import { PassThrough, Writable } from 'node:stream';
import type { ExecSession, ExecSessionOptions } from '../types.ts';
import type { DockerHttp, HijackedStream } from './http.ts';
import { Demuxer } from './stdcopy.ts';

/** `GET /exec/{id}/json`, the parts berth reads. */
export interface WireExecInspect {
  Running?: boolean;
  ExitCode?: number | null;
}

/** The body of the create call, from berth's options. */
export function execCreateBody(argv: readonly string[], opts: ExecSessionOptions): Record<string, unknown> {
  return {
    AttachStdin: opts.interactive,
    AttachStdout: true,
    AttachStderr: true,
    Tty: opts.tty,
    Cmd: argv,
    ...(opts.env ? { Env: opts.env } : {}),
    ...(opts.user ? { User: opts.user } : {}),
    ...(opts.workingDir ? { WorkingDir: opts.workingDir } : {}),
  };
}

/** Routes hijacked output to stdout/stderr: demultiplexed without a TTY, as is with one. */
export function routeOutput(output: HijackedStream['output'], tty: boolean, stdout: PassThrough, stderr: PassThrough): void {
  const demux = tty ? null : new Demuxer();
  // Backpressure: a reader that falls behind pauses the engine's side.
  const write = (target: PassThrough, data: Buffer): void => {
    if (!target.write(data)) {
      output.pause();
      target.once('drain', () => output.resume());
    }
  };
  output.on('data', (chunk: Buffer) => {
    if (!demux) return write(stdout, chunk);
    try {
      for (const f of demux.push(chunk)) write(f.stream === 'stdout' ? stdout : stderr, f.payload);
    } catch (err) {
      output.destroy(err as Error);
    }
  });
  const finish = (): void => {
    if (!stdout.writableEnded) stdout.end();
    if (!stderr.writableEnded) stderr.end();
  };
  output.once('end', finish);
  output.once('close', finish);
  output.once('error', (err) => {
    stdout.destroy(err);
    stderr.destroy(err);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Reads the exit code, waiting (up to ~2 s) for the engine to notice the end. */
export async function execExitCode(http: DockerHttp, execId: string): Promise<number | null> {
  for (let i = 0; i < 40; i++) {
    const info = await http.json<WireExecInspect>('GET', `/exec/${encodeURIComponent(execId)}/json`, { what: 'read the exit code of an exec' });
    if (!info.Running) return typeof info.ExitCode === 'number' ? info.ExitCode : null;
    await sleep(50);
  }
  return null;
}

/** Creates and starts an exec, hijacked; resolves once the stream is open. */
export async function startExec(http: DockerHttp, containerId: string, argv: readonly string[], opts: ExecSessionOptions): Promise<ExecSession> {
  const what = `exec in container ${containerId}`;
  const created = await http.json<{ Id: string }>('POST', `/containers/${encodeURIComponent(containerId)}/exec`, { body: execCreateBody(argv, opts), what });
  const execId = created.Id;
  // The initial size rides on the start request so a command that reads it at
  // once sees it: `ConsoleSize` for Docker API 1.42+, `h`/`w` for Podman;
  // engines ignore the fields they do not know. A resize follows for older Dockers.
  const size = opts.tty && opts.size ? { ConsoleSize: [opts.size.rows, opts.size.cols], h: opts.size.rows, w: opts.size.cols } : {};
  const hijacked = await http.hijack('POST', `/exec/${encodeURIComponent(execId)}/start`, { body: { Detach: false, Tty: opts.tty, ...size }, what });
  // Listen for the end before anything else is awaited: a short command's
  // stream can end while the initial resize is in flight. The stream is
  // always flowing (routeOutput reads it), so its end is reliable.
  const ended = new Promise<void>((resolve) => {
    hijacked.output.once('end', resolve);
    hijacked.output.once('close', resolve);
    hijacked.output.once('error', () => resolve());
  });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  routeOutput(hijacked.output, opts.tty, stdout, stderr);

  const resize = latestOnly((size: { rows: number; cols: number }) =>
    http.request('POST', `/exec/${encodeURIComponent(execId)}/resize`, { query: { h: size.rows, w: size.cols }, what: 'resize the exec terminal' }).then(() => undefined));
  // The engine only resizes a running exec, so the initial size goes right after start.
  if (opts.tty && opts.size) await resize(opts.size).catch(() => undefined);

  const stdin = opts.interactive
    ? new Writable({
        write: (chunk: Buffer, _enc, cb) => {
          hijacked.input.write(chunk, cb);
        },
        // Half-close: the engine then closes the command's stdin and the output keeps flowing.
        final: (cb) => {
          hijacked.input.end();
          cb();
        },
      })
    : new Writable({ write: (_c, _e, cb) => cb() });

  const exited = ended.then(() => execExitCode(http, execId));
  // Callers that never await `exited` must not see an unhandled rejection.
  exited.catch(() => undefined);
  return { stdin, stdout, stderr, resize, exited };
}

/**
 * Serialises calls of `send`, keeping only the newest waiting argument:
 * terminal resizes come in bursts (`stty rows R cols C` is two SIGWINCHes)
 * and two requests in flight on two connections can land in either order,
 * leaving the terminal at a size that was never last. One at a time, the
 * latest wins, and a burst costs at most two requests.
 */
export function latestOnly<T>(send: (value: T) => Promise<void>): (value: T) => Promise<void> {
  let wanted: { value: T } | null = null;
  let running: Promise<void> | null = null;
  return (value: T): Promise<void> => {
    wanted = { value };
    running ??= (async () => {
      let failure: unknown = null;
      try {
        while (wanted) {
          const next = wanted.value;
          wanted = null;
          // A failed one does not drop a newer one waiting behind it; the caller still hears of it.
          await send(next).catch((err: unknown) => (failure = err));
        }
      } finally {
        running = null;
      }
      if (failure !== null) throw failure;
    })();
    return running;
  };
}
