/**
 * Where a stream left off, so a reconnect resumes without losing or
 * repeating anything (CLI.md "Logs and streams"). The Engine API's `since`
 * is inclusive and, on Podman, log times have whole seconds only, so a
 * resumed request asks from the last whole second and the cursor drops what
 * was already shown: anything older than the last time seen, and at exactly
 * that time the entries already seen (counted, so a line printed twice in
 * one second is still shown twice).
 */

/**
 * An RFC 3339 time as nanoseconds since the epoch (exact: events and
 * Docker logs carry nine digits, more than a double holds). Null when it
 * does not parse.
 */
export function timeNanos(at: string): bigint | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9})\d*)?(Z|[+-]\d{2}:\d{2})$/i.exec(at.trim());
  if (!m) return null;
  const ms = Date.parse(`${m[1]}${m[3]!.toUpperCase()}`);
  if (Number.isNaN(ms)) return null;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** Unix seconds (fractional) as nanoseconds. */
export function secondsToNanos(seconds: number): bigint {
  const whole = Math.floor(seconds);
  return BigInt(whole) * 1_000_000_000n + BigInt(Math.round((seconds - whole) * 1e9));
}

/** Tracks the last position of one stream. */
export class ResumeCursor {
  /** Newest time seen (ns), or the floor before anything was seen. */
  #last: bigint | null;
  /** Whether #last is a real entry's time (vs. only the floor). */
  #seen = false;
  /** Entries seen at exactly #last, by key, with counts. */
  #atLast = new Map<string, number>();
  /** Entries of the current pass at #last, by key (a resumed pass re-counts). */
  #pass = new Map<string, number>();

  /**
   * `floorSeconds`: nothing before it is ever wanted (the user's `--since`,
   * or when following began), so a resume before anything arrived starts
   * there and not at the beginning of the log.
   */
  constructor(floorSeconds?: number) {
    this.#last = floorSeconds === undefined ? null : secondsToNanos(floorSeconds);
  }

  /** Whether any entry was seen. */
  get seen(): boolean {
    return this.#seen;
  }

  /** Call before each (re)connect: entries at the last time are counted afresh. */
  newPass(): void {
    this.#pass = new Map();
  }

  /**
   * Whether an entry is new (and records it). Entries without a time are
   * always new: there is nothing to compare them with.
   */
  accept(at: string | null, key: string): boolean {
    const t = at === null ? null : timeNanos(at);
    if (t === null) return true;
    if (this.#last !== null) {
      if (t < this.#last) return false;
      if (t === this.#last && this.#seen) {
        const inPass = (this.#pass.get(key) ?? 0) + 1;
        this.#pass.set(key, inPass);
        if (inPass <= (this.#atLast.get(key) ?? 0)) return false;
        this.#atLast.set(key, inPass);
        return true;
      }
    }
    this.#last = t;
    this.#seen = true;
    this.#atLast = new Map([[key, 1]]);
    this.#pass = new Map([[key, 1]]);
    return true;
  }

  /**
   * The `since` for a resumed request, in whole unix seconds (every engine
   * takes those; the cursor filters the overlap). Undefined when there is
   * no position at all, so the request starts where the first one did.
   */
  sinceSeconds(): number | undefined {
    if (this.#last === null) return undefined;
    return Number(this.#last / 1_000_000_000n);
  }
}
