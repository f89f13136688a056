/**
 * How failures reach an operator: `berth: <message>` on stderr, then a
 * hint line, no stack trace unless `-v` (a stack is for berth's developers;
 * the message must already say what failed, where, and what to do). Also
 * the exit code of a command whose nodes partly failed (CLI.md "Exit
 * codes": 1 when some failed and the rest was printed).
 */
import type { Writable } from 'node:stream';
import { EXIT, exitCodeFor, toBerthError, type BerthError, type ErrorKind } from '../../domain/errors.ts';
import { sanitizeInline } from '../../util/sanitize.ts';

/** A per-node failure as lists and the envelope carry it (fleet's NodeError fits). */
export interface NodeFailure {
  node: string;
  kind: string;
  message: string;
  hint?: string | undefined;
}

/** `web1: message`, unless the message already names the node. */
function withNode(node: string | undefined, message: string): string {
  if (node === undefined || new RegExp(`(^|[^\\w.-])${node.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w.-])`).test(message)) return message;
  return `${node}: ${message}`;
}

/**
 * The lines printed for an error. Usage errors end with docker's
 * `See 'berth <verb> --help'.` as is; other hints read `hint: …`. Texts are
 * sanitised: runtime and SSH messages may quote untrusted names.
 */
export function formatError(err: BerthError, verbose: boolean): string {
  const lines = [`berth: ${sanitizeInline(withNode(err.node, err.message))}`];
  if (err.hint !== undefined) {
    lines.push(err.hint.startsWith("See '") ? sanitizeInline(err.hint) : `hint: ${sanitizeInline(err.hint)}`);
  }
  if (verbose) {
    if (err.stack !== undefined) lines.push(...err.stack.split('\n').slice(1).map((l) => sanitizeInline(l)));
    let cause = err.cause;
    while (cause instanceof Error) {
      lines.push(`caused by: ${sanitizeInline(cause.message)}`);
      cause = cause.cause;
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Prints any thrown value as an operator message and returns its exit
 * code. Non-BerthErrors are bugs (kind 'internal', exit 1); `-v` shows
 * their stack.
 */
export function reportError(stderr: Writable, err: unknown, verbose: boolean): number {
  const e = toBerthError(err);
  stderr.write(formatError(e, verbose));
  if (e.kind === 'internal' && !verbose) stderr.write('hint: this looks like a bug in berth; run again with -v for details\n');
  return exitCodeFor(e.kind);
}

/** Prints per-node failures of a list (the items that did arrive go to stdout). */
export function reportNodeFailures(stderr: Writable, failures: readonly NodeFailure[]): void {
  const text = failures
    .map((f) => `berth: ${sanitizeInline(withNode(f.node, f.message))}\n${f.hint === undefined ? '' : `hint: ${sanitizeInline(f.hint)}\n`}`)
    .join('');
  if (text !== '') stderr.write(text);
}

/**
 * The exit code of a command that ran on several nodes. No failures: 0.
 * Some nodes answered: 1 (partial). None did: the failures' own code when
 * they agree (every node unreachable → 5), else 1.
 */
export function exitCodeForFailures(failures: readonly NodeFailure[], anySucceeded: boolean): number {
  if (failures.length === 0) return EXIT.ok;
  if (anySucceeded) return EXIT.partial;
  const codes = new Set(failures.map((f) => exitCodeFor(f.kind as ErrorKind)));
  return codes.size === 1 ? [...codes][0]! : EXIT.partial;
}
