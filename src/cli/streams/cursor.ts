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
   * there and not at the beginning of the log. A bigint is nanoseconds.
   */
  constructor(floorSeconds?: number | bigint) {
    this.#last = floorSeconds === undefined ? null : typeof floorSeconds === 'bigint' ? floorSeconds : secondsToNanos(floorSeconds);
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

/**
 * One cursor per stream of a container's log (stdout, stderr). Each
 * stream's times rise on their own, but the engine interleaves the two out
 * of time order: Docker stamps each stream's lines in its own copier and
 * writes them to the log file in whatever order the two reach its lock.
 * One cursor for both dropped a line that arrived after a later-stamped
 * line of the other stream, live or on resume.
 */
export class StreamCursors {
  readonly #lanes = new Map<string, ResumeCursor>();
  #passes = 0;
  /** Time (ns) of the first entry shown: where what the user asked for begins. */
  #firstShown: bigint | null = null;

  /** Call before each (re)connect. */
  newPass(): void {
    this.#passes++;
    for (const cursor of this.#lanes.values()) cursor.newPass();
  }

  /** Whether an entry of `lane` is new (and records it). */
  accept(lane: string, at: string | null, key: string): boolean {
    let cursor = this.#lanes.get(lane);
    if (cursor === undefined) {
      // A stream first heard in a resumed pass never had a line shown, but its replay may reach back
      // before what the first pass showed (a --tail window): nothing older than that is wanted.
      cursor = new ResumeCursor(this.#passes > 1 && this.#firstShown !== null ? this.#firstShown : undefined);
      this.#lanes.set(lane, cursor);
    }
    const fresh = cursor.accept(at, key);
    if (fresh && this.#firstShown === null && at !== null) this.#firstShown = timeNanos(at);
    return fresh;
  }

  /** The `since` for a resumed request: the stream furthest behind, so neither loses a line. */
  sinceSeconds(): number | undefined {
    let since: number | undefined;
    for (const cursor of this.#lanes.values()) {
      const s = cursor.sinceSeconds();
      if (s !== undefined && (since === undefined || s < since)) since = s;
    }
    return since;
  }
}
