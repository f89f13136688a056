/**
 * The audit log of CLI.md "Destructive verbs": one JSON line per action
 * taken, `{time, user, node, verb, target, result, message?}`, appended to
 * `$XDG_STATE_HOME/berth/audit.log` (default `~/.local/state/berth/…`),
 * directories 0700, file 0600.
 *
 * Decision: an action goes ahead even when the log cannot be written, and
 * the failure is reported once on stderr. The log is the operator's own
 * record, written with their own permissions (they could edit it, and could
 * reach the runtime without berth); it is not a control that should stop a
 * `stop` during an incident because `~/.local/state` is read-only. The exit
 * code stays the action's.
 *
 * Secrets: entries hold only the node, the verb, the target reference and
 * a result message, never argv, environment or command lines; the message
 * is passed through `redactSecrets` and cut to 500 characters.
 */
import { chmod, mkdir, appendFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { toBerthError } from '../../domain/errors.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import { berthStateDir, type XdgEnv } from '../../util/xdg.ts';

/** What a verb says about one action. */
export interface AuditEntry {
  node: string;
  /** The command: `stop`, `image rm`. */
  verb: string;
  /** The reference acted on, as resolved (`web`, an id, `web=3` for scale). */
  target: string;
  result: 'ok' | 'failed';
  /** Why it failed, or a short note. */
  message?: string;
}

/** One line of the file. */
export interface AuditRecord extends AuditEntry {
  time: string;
  user: string;
}

/** Where actions are recorded. `record` never throws. */
export interface AuditLog {
  /** The file, for messages; null when auditing goes nowhere (tests). */
  readonly path: string | null;
  record(entry: AuditEntry): Promise<void>;
}

/** Longest message kept in an entry. */
const MAX_MESSAGE = 500;

/** `$XDG_STATE_HOME/berth/audit.log`. */
export function auditLogPath(env: XdgEnv, home: string): string {
  return join(berthStateDir(env, home), 'audit.log');
}

/**
 * Masks what looks like a credential in free text (an error message that
 * quotes a URL or an option): `password=…`, `token: …`, `user:pass@` in
 * URLs, `Bearer …`. Belt and braces: entries should not contain any.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/(\b[\w-]*(?:password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|auth)[\w-]*\b\s*[=:]\s*)(?:(?:Bearer|Basic)\s+)?("[^"]*"|'[^']*'|\S+)/gi, '$1***')
    .replace(/(--?[\w-]*(?:password|passwd|secret|token)[\w-]*\s+)(?!-)(\S+)/gi, '$1***')
    .replace(/(\b[a-z][\w+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi, '$1***@')
    .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/g, '$1 ***');
}

/** The line written for an entry. */
export function auditLine(entry: AuditEntry, time: Date, user: string): string {
  const rec: AuditRecord = {
    time: time.toISOString(),
    user,
    node: sanitizeInline(entry.node),
    verb: entry.verb,
    target: sanitizeInline(entry.target),
    result: entry.result,
  };
  if (entry.message !== undefined) rec.message = redactSecrets(sanitizeInline(entry.message)).slice(0, MAX_MESSAGE);
  return `${JSON.stringify(rec)}\n`;
}

/** What the file log needs; injectable for tests. */
export interface FileAuditOptions {
  path: string;
  user: string;
  now: () => Date;
  /** Told once when the log cannot be written. */
  warn: (message: string) => void;
}

/** An audit log appending to a file (see the module comment for the policy). */
export function fileAuditLog(opts: FileAuditOptions): AuditLog {
  let checked = false;
  let warned = false;
  return {
    path: opts.path,
    async record(entry) {
      try {
        if (!checked) await prepare(opts.path);
        checked = true;
        // One write per line with O_APPEND: concurrent berth runs never interleave within a line.
        await appendFile(opts.path, auditLine(entry, opts.now(), opts.user), { mode: 0o600, flag: 'a' });
      } catch (err) {
        if (warned) return;
        warned = true;
        opts.warn(`cannot write the audit log ${opts.path}: ${toBerthError(err).message}; the action itself went ahead, unrecorded`);
      }
    },
  };
}

/** Creates the directory (0700) and tightens an existing file that others may read. */
async function prepare(path: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  const st = await stat(path).catch(() => null);
  if (st && (st.mode & 0o077) !== 0) await chmod(path, 0o600).catch(() => undefined);
}

/** An audit log that keeps entries in memory, for tests and `needsConfig: false` verbs. */
export function memoryAuditLog(): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    path: null,
    entries,
    record(entry) {
      entries.push(entry);
      return Promise.resolve();
    },
  };
}

/**
 * Runs one action and records it: `ok` when `fn` resolves, `failed` with
 * the error's message when it throws (then rethrows). The usual way verbs
 * audit: `await audited(ctx.audit, { node, verb: 'stop', target }, () => rt.stop(id))`.
 */
export async function audited<T>(log: AuditLog, what: Omit<AuditEntry, 'result' | 'message'>, fn: () => Promise<T>): Promise<T> {
  try {
    const value = await fn();
    await log.record({ ...what, result: 'ok' });
    return value;
  } catch (err) {
    await log.record({ ...what, result: 'failed', message: toBerthError(err).message });
    throw err;
  }
}
