/**
 * Commands over SSH exec channels, shaped like the local transport's: a
 * buffered run (`runChannel`) and a streamed one (`streamChannel`). The
 * channel opens asynchronously (the connection may be re-established
 * first), so a streamed command hands back pass-through streams at once
 * and wires them when the channel is there.
 */
import { PassThrough } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import type { ExecResult, RunningProcess } from '../types.ts';

/** Opens an exec channel; the transport supplies it (connection, quoting, session cap). */
export type OpenExec = () => Promise<ClientChannel>;

/** How the remote command ended. */
export interface ChannelExit {
  code: number | null;
  signal: string | null;
}

/**
 * Resolves when the channel closes with its exit status, or rejects with
 * `lost()` when it closed without one (the connection went away).
 */
function whenExited(channel: ClientChannel, lost: () => Error): Promise<ChannelExit> {
  return new Promise((resolve, reject) => {
    let exit: ChannelExit | null = null;
    channel.on('exit', (code: number | null, signal?: string) => {
      exit = { code: typeof code === 'number' ? code : null, signal: signal ?? null };
    });
    channel.once('close', () => (exit ? resolve(exit) : reject(lost())));
  });
}

/** Asks the host to signal the command, then closes the channel (sshd then hangs up on it). */
function stop(channel: ClientChannel, signal: string): void {
  try {
    channel.signal(signal.replace(/^SIG/, ''));
  } catch {
    // not all servers accept signal requests; closing is enough for most commands
  }
  channel.close();
}

/** Runs a command to completion, buffering its output (the transport's `exec`). */
export async function runChannel(
  open: OpenExec,
  lost: () => Error,
  opts: { input?: Buffer | string | undefined; timeoutMs?: number | undefined; signal?: AbortSignal | undefined },
): Promise<ExecResult> {
  if (opts.signal?.aborted) throw abortError(opts.signal);
  const channel = await open();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  channel.on('data', (c: Buffer) => out.push(c));
  channel.stderr.on('data', (c: Buffer) => err.push(c));
  const exited = whenExited(channel, lost);
  let timedOut = false;
  const timer = opts.timeoutMs ? setTimeout(() => {
    timedOut = true;
    stop(channel, 'KILL');
  }, opts.timeoutMs) : undefined;
  const onAbort = (): void => stop(channel, 'KILL');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  channel.end(opts.input);
  try {
    const exit = await exited.catch((e: unknown) => {
      // A channel we closed ourselves has no exit status: that is the kill, not a lost connection.
      if (timedOut || opts.signal?.aborted) return { code: null, signal: 'SIGKILL' };
      throw e;
    });
    if (opts.signal?.aborted) throw abortError(opts.signal);
    return { code: timedOut ? null : exit.code, signal: timedOut ? 'SIGKILL' : exit.signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Starts a command and returns its streams at once (the transport's
 * `spawn`). If the channel cannot be opened, stdout is destroyed with the
 * error (for-await readers see it) and `exited` resolves with no code.
 */
export function streamChannel(open: OpenExec, lost: () => Error, signal?: AbortSignal): RunningProcess {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  // The error is for readers that iterate; nobody listening must not crash the process.
  stdout.on('error', () => undefined);
  let channel: ClientChannel | null = null;
  let killed: string | null = null;
  const exited = (async (): Promise<ChannelExit> => {
    try {
      if (signal?.aborted) throw abortError(signal);
      channel = await open();
    } catch (err) {
      stdout.destroy(err as Error);
      stderr.end();
      return { code: null, signal: null };
    }
    const ch = channel;
    if (killed !== null) stop(ch, killed);
    const onAbort = (): void => stop(ch, 'TERM');
    signal?.addEventListener('abort', onAbort, { once: true });
    stdin.pipe(ch);
    ch.pipe(stdout);
    ch.stderr.pipe(stderr);
    try {
      return await whenExited(ch, lost);
    } catch (err) {
      if (killed !== null || signal?.aborted) return { code: null, signal: killed ?? 'SIGTERM' };
      stdout.destroy(err as Error);
      return { code: null, signal: null };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stdin.unpipe(ch);
    }
  })();
  return {
    stdin,
    stdout,
    stderr,
    exited,
    kill: (sig: NodeJS.Signals = 'SIGTERM') => {
      killed = sig;
      if (channel) stop(channel, sig);
    },
  };
}

/** The AbortError Node's own APIs reject with. */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted', 'AbortError');
}
