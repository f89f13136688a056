/**
 * Joins a running exec session to the operator's streams, docker-style:
 * the command's stdout and stderr to ours (one raw stream with a TTY), our
 * stdin to the command with `-i` (its end half-closes, so `cat` sees EOF),
 * and the exit code back. Output is not sanitised: it is the data the
 * operator asked the command for (`exec db -- pg_dump > dump.sql`). An
 * engine's "cannot start" text is taken out of that data (exec-failure.ts).
 */
import type { Readable } from 'node:stream';
import type { ExecSession } from '../../runtime/types.ts';
import type { InStream, OutStream } from '../framework/context.ts';
import { isStartFailure } from './exec-failure.ts';

/** The operator's side of the session. */
export interface ExecStreams {
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
}

/** How the session ended. */
export interface ExecOutcome {
  /** The command's exit code; null when the engine would not tell. */
  code: number | null;
  /** The engine's text when it could not start the command, else null. */
  startFailure: string | null;
}

/**
 * Copies `from` to `to` with backpressure; the first chunk is checked for
 * an engine start failure, which is kept (with the rest of that stream)
 * instead of written. Resolves when `from` ends or fails.
 */
export function pump(from: Readable, to: OutStream, onFailure: ((text: string) => void) | null): Promise<void> {
  return new Promise((resolve) => {
    let first = true;
    let failure: string | null = null;
    from.on('data', (chunk: Buffer) => {
      if (first) {
        first = false;
        if (onFailure && isStartFailure(chunk.toString('utf8'))) failure = '';
      }
      if (failure !== null) {
        failure += chunk.toString('utf8');
        return;
      }
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    });
    const done = (): void => {
      if (failure !== null && onFailure) onFailure(failure);
      failure = null;
      onFailure = null;
      resolve();
    };
    from.once('end', done);
    from.once('close', done);
    from.once('error', done);
  });
}

/**
 * Runs the session to its end. With `interactive`, our stdin feeds the
 * command until either ends; afterwards stdin is let go (unpiped and
 * paused), so the process can exit while the operator's pipe stays open.
 */
export async function joinSession(io: ExecStreams, session: ExecSession, o: { tty: boolean; interactive: boolean }): Promise<ExecOutcome> {
  let startFailure: string | null = null;
  const note = (text: string): void => {
    startFailure ??= text;
  };
  const outputs = [pump(session.stdout, io.stdout, note), pump(session.stderr, io.stderr, o.tty ? null : note)];
  if (o.interactive) io.stdin.pipe(session.stdin);
  try {
    const code = await session.exited;
    await Promise.all(outputs);
    return { code, startFailure };
  } finally {
    if (o.interactive) {
      io.stdin.unpipe(session.stdin);
      io.stdin.pause();
    }
  }
}
