/**
 * Ctrl-C (and SIGTERM) under a stream verb (`logs -f`, `events`): instead
 * of dying mid-write, the verb's signal aborts, the streams end, JSON and
 * YAML documents are closed, connections are released, and the command
 * exits 128+n as docker 28 does (130 for Ctrl-C; measured with `docker
 * events` and `docker logs -f`). A second signal ends the process at once,
 * in case cleanup hangs.
 */

/** The signals a stream verb handles, and the exit code of each (128+n). */
export const INTERRUPT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

type Sig = keyof typeof INTERRUPT_CODES;

/** What the process provides (injectable for tests). */
export interface SignalHost {
  once(event: Sig, listener: () => void): unknown;
  removeListener(event: Sig, listener: () => void): unknown;
  exit(code: number): void;
}

/** An installed interrupt handler. */
export interface Interrupt {
  /** Aborts on the first signal. */
  readonly signal: AbortSignal;
  /** The exit code the signal asks for, or null while none came. */
  readonly code: number | null;
  /** Removes the handlers (the signal's default comes back). */
  dispose(): void;
}

/** Installs the handlers until `dispose()`. */
export function onInterrupt(host: SignalHost = process): Interrupt {
  const ac = new AbortController();
  let code: number | null = null;
  const handlers = new Map<Sig, () => void>();
  const dispose = (): void => {
    for (const [sig, h] of handlers) host.removeListener(sig, h);
    handlers.clear();
  };
  for (const sig of Object.keys(INTERRUPT_CODES) as Sig[]) {
    const h = (): void => {
      code = INTERRUPT_CODES[sig];
      ac.abort();
      // A second signal (of either kind) ends the process at once.
      for (const [s, other] of handlers) host.removeListener(s, other);
      handlers.clear();
      for (const s of Object.keys(INTERRUPT_CODES) as Sig[]) {
        const force = (): void => host.exit(INTERRUPT_CODES[s]);
        handlers.set(s, force);
        host.once(s, force);
      }
    };
    handlers.set(sig, h);
    host.once(sig, h);
  }
  return {
    signal: ac.signal,
    get code() {
      return code;
    },
    dispose,
  };
}
