/**
 * Reads a yes/no answer from the terminal for confirmations. The question
 * goes to stderr so it never mixes into data on stdout; anything but `y` or
 * `yes` (case-insensitive), including end of input or Ctrl-D, is a no, as
 * the `[y/N]` promises.
 */
import type { Readable, Writable } from 'node:stream';

/** Writes `question` to `out` and resolves true only for `y`/`yes`. */
export function askYesNo(input: Readable, out: Writable, question: string, signal?: AbortSignal): Promise<boolean> {
  out.write(question);
  return new Promise((resolve) => {
    let line = '';
    const done = (answer: boolean): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onEnd);
      signal?.removeEventListener('abort', onEnd);
      input.pause();
      resolve(answer);
    };
    const onData = (chunk: Buffer | string): void => {
      line += chunk.toString();
      const nl = line.indexOf('\n');
      if (nl === -1) return;
      done(/^\s*y(es)?\s*$/i.test(line.slice(0, nl)));
    };
    const onEnd = (): void => {
      out.write('\n');
      done(false);
    };
    if (signal?.aborted) return onEnd();
    signal?.addEventListener('abort', onEnd, { once: true });
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onEnd);
    input.resume();
  });
}
