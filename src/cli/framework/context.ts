/**
 * The CliContext: every I/O dependency a verb uses, built in one place
 * (cli/cli's factory), so verbs never touch `process` and tests hand in
 * fakes (see testing.ts). Verbs receive it as their first argument.
 */
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { BerthConfig } from '../../config/schema.ts';
import { auditLogPath, fileAuditLog, type AuditLog } from './audit.ts';
import type { GlobalOptions } from './globals.ts';
import { createLogger, type Logger } from './logger.ts';
import { resolveOutput, type OutputOptions } from './output/mode.ts';
import { askYesNo } from './prompt.ts';
import type { Registry } from './registry.ts';

/** A readable with the TTY flag Node sets on process.stdin. */
export type InStream = Readable & { isTTY?: boolean };
/** A writable with the TTY flag and width Node sets on process.stdout. */
export type OutStream = Writable & { isTTY?: boolean; columns?: number };

/** What the process provides; `processDeps()` gives the real ones. */
export interface CliDeps {
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
  env: Readonly<Record<string, string | undefined>>;
  /** The clock (samples, `3m ago`, audit times). */
  now: () => Date;
  /** Home directory, for XDG defaults. */
  home: string;
  /** Who is acting, for the audit log. */
  user: string;
  /** berth's version, for `--version`. */
  version: string;
  /** Overrides the terminal prompt (tests); default reads a line from stdin. */
  ask?: (question: string) => Promise<boolean>;
  /** Overrides the audit log (tests); default is the XDG state file. */
  audit?: AuditLog;
}

/** Everything a verb needs. */
export interface CliContext {
  readonly stdin: InStream;
  /** Data: tables, TSV, JSON. Nothing else goes here. */
  readonly stdout: OutStream;
  /** Messages, warnings, prompts, progress. */
  readonly stderr: OutStream;
  /** Which streams are terminals. */
  readonly tty: { stdin: boolean; stdout: boolean; stderr: boolean };
  /** Terminal width when stdout is one, else null. */
  readonly width: number | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  now(): Date;
  readonly home: string;
  readonly globals: GlobalOptions;
  /** Per-node timeout from `--timeout`, ms. */
  readonly timeoutMs: number;
  readonly output: OutputOptions;
  readonly config: BerthConfig;
  readonly audit: AuditLog;
  readonly log: Logger;
  readonly version: string;
  /** The verb table, for `help` and `completion`. */
  readonly registry: Registry;
  /** Asks a yes/no question on the terminal (see confirm.ts). */
  ask(question: string): Promise<boolean>;
}

/** Builds the context for one command from the process, its flags and config. */
export function createContext(deps: CliDeps, globals: GlobalOptions, config: BerthConfig, registry: Registry): CliContext {
  const tty = { stdin: deps.stdin.isTTY === true, stdout: deps.stdout.isTTY === true, stderr: deps.stderr.isTTY === true };
  const log = createLogger({ stderr: deps.stderr, verbose: globals.verbose, logFile: globals.logFile, now: deps.now });
  const output = resolveOutput({
    output: globals.output,
    quiet: globals.quiet,
    noHeaders: globals.noHeaders,
    noColor: globals.noColor,
    stdoutIsTTY: tty.stdout,
    env: deps.env,
  });
  return {
    stdin: deps.stdin,
    stdout: deps.stdout,
    stderr: deps.stderr,
    tty,
    width: tty.stdout ? (deps.stdout.columns ?? null) : null,
    env: deps.env,
    now: deps.now,
    home: deps.home,
    globals,
    timeoutMs: globals.timeout,
    output,
    config,
    // The audit log is where actions are recorded; its failures only warn (audit.ts).
    audit: deps.audit ?? fileAuditLog({ path: auditLogPath(deps.env, deps.home), user: deps.user, now: deps.now, warn: (m) => log.warn(m) }),
    log,
    version: deps.version,
    registry,
    ask: deps.ask ?? ((q) => askYesNo(deps.stdin, deps.stderr, q)),
  };
}

/** The invoking user's name, for the audit log; never throws. */
function currentUser(env: Readonly<Record<string, string | undefined>>): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** berth's version from the package.json above this file (src/ or dist/). */
function ownVersion(): string {
  for (const rel of ['../../../package.json', '../../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'berth' && pkg.version !== undefined) return pkg.version;
    } catch {
      // try the next level up
    }
  }
  return 'unknown';
}

/** The real process: its streams, environment, clock and user. */
export function processDeps(): CliDeps {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    now: () => new Date(),
    home: process.env.HOME !== undefined && process.env.HOME !== '' ? process.env.HOME : homedir(),
    user: currentUser(process.env),
    version: ownVersion(),
  };
}
