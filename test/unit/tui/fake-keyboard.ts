// A TTY stdin that Ink reads keys from, for component tests and the
// in-process console benchmark: `write` hands Ink one read, as a terminal
// would deliver a chunk of typed bytes. No vitest import, so benches can use it.
import { EventEmitter } from 'node:events';

/** The fake keyboard. */
export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  #data: string | null = null;
  write(data: string): void {
    this.#data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const d = this.#data;
    this.#data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}
