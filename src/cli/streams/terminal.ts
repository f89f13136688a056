/**
 * The operator's terminal during `exec -it`: raw mode (keys go to the
 * command unprocessed, Ctrl-C included), size changes forwarded (Node turns
 * SIGWINCH into stdout's 'resize'), and the terminal always restored: on a
 * normal end, on SIGTERM/SIGHUP (then the signal's default runs), and at
 * process exit as the last resort. A terminal left raw is a broken shell.
 */
import type { InStream, OutStream } from '../framework/context.ts';

/** stdin as a TTY exposes it. */
type RawCapable = InStream & { setRawMode?: (raw: boolean) => unknown; isRaw?: boolean };
/** stdout as a TTY exposes it. */
type Sized = OutStream & { rows?: number };

/** A terminal size for the engine. */
export interface TermSize {
  rows: number;
  cols: number;
}

/** The size of `out` when it is a terminal that knows it. */
export function terminalSize(out: OutStream): TermSize | undefined {
  const o = out as Sized;
  return o.isTTY === true && typeof o.rows === 'number' && typeof o.columns === 'number' && o.rows > 0 && o.columns > 0
    ? { rows: o.rows, cols: o.columns }
    : undefined;
}

/** Calls `onResize` whenever the terminal's size changes; returns the undo. */
export function watchResize(out: OutStream, onResize: (size: TermSize) => void): () => void {
  const handler = (): void => {
    const size = terminalSize(out);
    if (size) onResize(size);
  };
  out.on('resize', handler);
  return () => out.off('resize', handler);
}

/** Signals after which the terminal is restored and the signal's default action runs. */
const FATAL = ['SIGTERM', 'SIGHUP'] as const;

/**
 * Puts `stdin` in raw mode (when it can be) and returns the restore, which
 * is safe to call more than once.
 */
export function enterRawMode(stdin: InStream, proc: NodeJS.Process = process): () => void {
  const s = stdin as RawCapable;
  if (typeof s.setRawMode !== 'function' || s.isTTY !== true) return () => {};
  const wasRaw = s.isRaw === true;
  s.setRawMode(true);
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    try {
      s.setRawMode?.(wasRaw);
    } catch {
      // the terminal is gone (hung up): nothing left to restore
    }
    proc.off('exit', restore);
    for (const [sig, h] of handlers) proc.off(sig, h);
  };
  const handlers = FATAL.map((sig) => {
    const h = (): void => {
      restore();
      proc.kill(proc.pid, sig);
    };
    return [sig, h] as const;
  });
  for (const [sig, h] of handlers) proc.once(sig, h);
  proc.once('exit', restore);
  return restore;
}
