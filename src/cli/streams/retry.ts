/**
 * Reconnecting a lost stream (CLI.md "Logs and streams"): retried with
 * backoff, intervals doubling from 250 ms and capped at 5 s, for up to
 * `--timeout`×3 after the loss was first seen; then the loss is final and
 * the command says what was lost (exit 5). Only losses of the engine or
 * the connection are retried: a refusal or a missing container is an
 * answer, not a loss.
 */
import { BerthError, toBerthError } from '../../domain/errors.ts';

/** How long a loss is retried, in `--timeout`s (CLI.md: `--timeout`×3). */
export const RETRY_TIMEOUTS = 3;

/** The retry budget for a `--timeout` of `timeoutMs`. */
export function retryBudgetMs(timeoutMs: number): number {
  return timeoutMs * RETRY_TIMEOUTS;
}

/** First retry interval. */
export const FIRST_DELAY_MS = 250;
/** Longest retry interval (CLI.md: capped at 5 s). */
export const MAX_DELAY_MS = 5000;

/** The interval before retry number `attempt` (0-based): 250 ms, 500 ms, 1 s … 5 s. */
export function backoffDelay(attempt: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt, 16));
}

/**
 * The whole schedule within a budget: the waits before each retry, the
 * last one shortened so the final attempt happens right at the deadline.
 */
export function backoffSchedule(budgetMs: number): number[] {
  const out: number[] = [];
  let total = 0;
  for (let i = 0; total < budgetMs; i++) {
    const d = Math.min(backoffDelay(i), budgetMs - total);
    out.push(d);
    total += d;
  }
  return out;
}

/** Whether an error means the engine or the connection went away (worth retrying). */
export function isConnectionLoss(err: unknown): boolean {
  return err instanceof BerthError && (err.kind === 'unreachable' || err.kind === 'timeout');
}

/** What a retry budget needs; injectable so tests run without waiting. */
export interface RetryClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time; the sleep ends early (quietly) when the signal aborts. */
export const realClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * One stream's retry state. `failed(err)` waits the next interval, or
 * throws the final error once the budget is spent; `recovered()` starts
 * afresh after the stream is back.
 */
export class RetryBudget {
  readonly #budgetMs: number;
  readonly #clock: RetryClock;
  /** What is being retried, for the final message ("following the logs of web"). */
  readonly #what: string;
  #since: number | null = null;
  #attempt = 0;

  constructor(budgetMs: number, what: string, clock: RetryClock = realClock) {
    this.#budgetMs = budgetMs;
    this.#what = what;
    this.#clock = clock;
  }

  /** Whether a loss is being retried right now. */
  get retrying(): boolean {
    return this.#since !== null;
  }

  /** The stream is back: the next loss gets the whole budget again. */
  recovered(): void {
    this.#since = null;
    this.#attempt = 0;
  }

  /**
   * Records a loss. Non-losses are rethrown at once. Within the budget it
   * waits the next interval and resolves (then try again); past it, throws
   * an 'unreachable' error saying what was lost and for how long it was retried.
   */
  async failed(err: unknown, signal?: AbortSignal): Promise<void> {
    if (!isConnectionLoss(err)) throw err;
    const now = this.#clock.now();
    this.#since ??= now;
    const left = this.#since + this.#budgetMs - now;
    if (left <= 0) throw this.final(err);
    await this.#clock.sleep(Math.min(backoffDelay(this.#attempt++), left), signal);
  }

  /** The error that ends the command: the loss, what it ended, and how long berth tried. */
  final(err: unknown): BerthError {
    const e = toBerthError(err);
    const tried = Math.round(this.#budgetMs / 100) / 10;
    return new BerthError('unreachable', `lost ${this.#what}: ${e.message}; retried for ${tried}s without getting it back`, {
      ...(e.node === undefined ? {} : { node: e.node }),
      hint: e.hint ?? 'check that the engine is running, then run the command again',
      cause: err,
    });
  }
}
