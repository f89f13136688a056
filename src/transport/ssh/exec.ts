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

/**
 * An exec channel and how it ended, watched from the moment it opened.
 * ssh2 parses every packet of one read in a row, so when a reply arrives
 * in one piece (always through a ProxyJump hop, whose channel hands the
 * target's packets over in batches) it emits the command's 'exit' in the
 * same tick as the channel-open callback, before any code that awaited
 * the channel can listen. `ended` is therefore set up in that callback.
 */
export interface OpenedChannel {
  channel: ClientChannel;
  /** The exit status when the channel closed with one; null when it closed without (the connection went away). */
  ended: Promise<ChannelExit | null>;
}

/** Opens an exec channel; the transport supplies it (connection, quoting, session cap). */
export type OpenExec = () => Promise<OpenedChannel>;

/** How the remote command ended. */
export interface ChannelExit {
  code: number | null;
  signal: string | null;
}

/** Starts watching a channel's end; call it synchronously in ssh2's exec callback (see OpenedChannel). */
export function watchEnd(channel: ClientChannel): OpenedChannel {
  let exit: ChannelExit | null = null;
  channel.on('exit', (code: number | null, signal?: string) => {
    exit = { code: typeof code === 'number' ? code : null, signal: signal ?? null };
  });
  const ended = new Promise<ChannelExit | null>((resolve) => channel.once('close', () => resolve(exit)));
  return { channel, ended };
}

/** Resolves with the exit status, or rejects with `lost()` when the channel closed without one. */
async function whenExited(opened: OpenedChannel, lost: () => Error): Promise<ChannelExit> {
  const exit = await opened.ended;
  if (exit === null) throw lost();
  return exit;
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
  const opened = await open();
  const { channel } = opened;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  channel.on('data', (c: Buffer) => out.push(c));
  channel.stderr.on('data', (c: Buffer) => err.push(c));
  const exited = whenExited(opened, lost);
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
    let opened: OpenedChannel;
    try {
      if (signal?.aborted) throw abortError(signal);
      opened = await open();
      channel = opened.channel;
    } catch (err) {
      stdout.destroy(err as Error);
      stderr.end();
      return { code: null, signal: null };
    }
    const ch = opened.channel;
    if (killed !== null) stop(ch, killed);
    const onAbort = (): void => stop(ch, 'TERM');
    signal?.addEventListener('abort', onAbort, { once: true });
    stdin.pipe(ch);
    ch.pipe(stdout);
    ch.stderr.pipe(stderr);
    try {
      return await whenExited(opened, lost);
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
