/**
 * Ctrl-Z in the console. In raw mode the terminal sends Ctrl-Z to berth as
 * a byte instead of stopping it, so berth stops itself: the console steps
 * aside first (Ink's suspendTerminal restores the screen and cooked mode),
 * then SIGTSTP to its own process; the shell's `fg` sends SIGCONT and the
 * console comes back (alternate screen, raw mode, full redraw).
 */

/** The part of `process` used, so tests need not stop the test runner. */
export type SuspendProc = Pick<NodeJS.Process, 'once' | 'off' | 'kill' | 'pid'>;

/**
 * How long to wait for SIGCONT before assuming the stop was discarded: the
 * kernel drops SIGTSTP for an orphaned process group (no job-control shell
 * above berth), and then no SIGCONT ever comes.
 */
export const DISCARDED_AFTER_MS = 300;

/** Stops the process as Ctrl-Z would; resolves once it runs again. */
export function stopSelf(proc: SuspendProc = process): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      proc.off('SIGCONT', done);
      resolve();
    };
    // The stop takes effect as the kill returns, so this timer can only win when there was no stop.
    const timer = setTimeout(done, DISCARDED_AFTER_MS);
    proc.once('SIGCONT', done);
    proc.kill(proc.pid, 'SIGTSTP');
  });
}
