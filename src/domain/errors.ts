/**
 * Errors are values with a kind and an operator-fit message (DESIGN.md
 * "Conventions"): what failed, on which node, and what to do. The kind
 * decides the exit code (CLI.md "Exit codes").
 */

/** What went wrong, coarsely; each maps to one exit code. */
export type ErrorKind =
  | 'usage' // bad flag, bad value, ambiguous reference → 2
  | 'config' // bad YAML, unknown key → 2
  | 'ambiguous' // reference matches several → 2
  | 'not-found' // container, image, node name → 3
  | 'refused' // readonly, no confirmation → 4
  | 'permission' // socket or runtime permission denied → 4
  | 'unreachable' // no socket, connect/auth failure, host key → 5
  | 'timeout' // no reply within --timeout → 5
  | 'conflict' // runtime refused in its current state (already stopped…) → 1
  | 'runtime' // other runtime API error → 1
  | 'internal'; // a bug in berth → 1

/** An error fit to show an operator. */
export class BerthError extends Error {
  /** Coarse kind, which decides the exit code. */
  readonly kind: ErrorKind;
  /** Node the failure happened on, when it is about one. */
  readonly node: string | undefined;
  /** What the operator can do about it. */
  readonly hint: string | undefined;

  constructor(kind: ErrorKind, message: string, opts: { node?: string; hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'BerthError';
    this.kind = kind;
    this.node = opts.node;
    this.hint = opts.hint;
  }
}

/** Exit codes from CLI.md. */
export const EXIT = {
  ok: 0,
  partial: 1,
  usage: 2,
  notFound: 3,
  refused: 4,
  unreachable: 5,
} as const;

/** The exit code an error of this kind ends the process with. */
export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'usage':
    case 'config':
    case 'ambiguous':
      return EXIT.usage;
    case 'not-found':
      return EXIT.notFound;
    case 'refused':
    case 'permission':
      return EXIT.refused;
    case 'unreachable':
    case 'timeout':
      return EXIT.unreachable;
    default:
      return EXIT.partial;
  }
}

/** Wraps anything thrown into a BerthError, keeping BerthErrors as they are. */
export function toBerthError(err: unknown, node?: string): BerthError {
  if (err instanceof BerthError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new BerthError('internal', message, { ...(node === undefined ? {} : { node }), cause: err });
}
