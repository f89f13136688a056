/**
 * A cap on SSH connections being opened at once, process-wide. A fleet of
 * fifty nodes would otherwise start fifty handshakes together: a burst that
 * trips sshd's MaxStartups (default 10:30:100, which drops connections at
 * random) and the CPU cost of key exchange all at the same instant. Only the
 * opening is capped; open connections are not.
 */

/** How many handshakes may run at once (MaxStartups' first number is 10; stay under it). */
export const MAX_OPENING = 8;

/** A counting semaphore. */
export class Limiter {
  readonly #max: number;
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(max: number) {
    this.#max = max;
  }

  /** Runs `fn` when a slot is free; the slot is released however `fn` ends. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#max) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  /** Slots in use, for tests. */
  get running(): number {
    return this.#running;
  }
}

/** The process-wide limiter every SshTransport opens through. */
export const openingLimiter = new Limiter(MAX_OPENING);
