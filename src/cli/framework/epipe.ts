/**
 * `berth ps | head -1`: when the reader goes away, the next write fails
 * with EPIPE. Node reports that as an 'error' event, which, unhandled,
 * crashes with a stack trace. Like any Unix tool killed by SIGPIPE, berth
 * ends quietly, and with exit 0 as CLI.md "Output" asks.
 */
import type { Writable } from 'node:stream';

/**
 * Makes EPIPE on any of `streams` end the process with 0. Other write
 * errors end it with 1. `exit` is injectable for tests.
 */
export function installEpipeHandler(streams: readonly Writable[], exit: (code: number) => void = (code) => process.exit(code)): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      exit(err.code === 'EPIPE' ? 0 : 1);
    });
  }
}
