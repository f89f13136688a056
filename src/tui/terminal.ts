/**
 * Gives the terminal back whatever happens: quit, Ctrl-C, SIGTERM, SIGHUP,
 * SIGINT from outside, an uncaught exception or rejection. Ink leaves the
 * alternate screen and raw mode when it unmounts; this makes sure it
 * unmounts first and then, as a fallback, writes the restoring sequences
 * itself (leave the alternate screen, show the cursor, cooked mode), so a
 * crash never leaves an operator with an invisible cursor in a blank screen.
 * The crash message is printed after the screen is restored, where it can
 * be read.
 */

/** Leaves the alternate screen, shows the cursor, ends bracketed paste and mouse modes. */
export const RESTORE_SEQUENCE = '\u001b[?1049l\u001b[?25h\u001b[?2004l\u001b[?1000l';

/** What the guard needs; process streams in production. */
export interface GuardDeps {
  stdout: NodeJS.WriteStream | { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  stdin: { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };
  proc: Pick<NodeJS.Process, 'on' | 'off' | 'exit'>;
}

/** Exit codes for signals (128 + number), as shells report them. */
export const SIGNAL_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Installs the handlers. `unmount` stops the console (idempotent);
 * returns the uninstaller for a normal exit.
 */
export function guardTerminal(unmount: () => void, deps: GuardDeps): () => void {
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    try {
      unmount();
    } catch {
      // Already unmounted, or React is the thing that broke: restore by hand below.
    }
    try {
      if (deps.stdin.isTTY && deps.stdin.setRawMode) deps.stdin.setRawMode(false);
    } catch {
      // stdin already closed
    }
    deps.stdout.write(RESTORE_SEQUENCE);
  };
  const onSignal = (signal: keyof typeof SIGNAL_CODES) => (): void => {
    restore();
    deps.proc.exit(SIGNAL_CODES[signal]);
  };
  const handlers = {
    SIGTERM: onSignal('SIGTERM'),
    SIGHUP: onSignal('SIGHUP'),
    SIGINT: onSignal('SIGINT'),
  };
  const onCrash = (err: unknown): void => {
    restore();
    deps.stderr.write(`berth: the console crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    deps.proc.exit(1);
  };
  for (const [sig, h] of Object.entries(handlers)) deps.proc.on(sig as NodeJS.Signals, h);
  deps.proc.on('uncaughtException', onCrash);
  deps.proc.on('unhandledRejection', onCrash);
  return () => {
    for (const [sig, h] of Object.entries(handlers)) deps.proc.off(sig as NodeJS.Signals, h);
    deps.proc.off('uncaughtException', onCrash);
    deps.proc.off('unhandledRejection', onCrash);
  };
}
