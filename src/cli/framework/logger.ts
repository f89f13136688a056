/**
 * Detail for operators chasing a problem: `-v` prints debug lines on
 * stderr, `--log-file FILE` appends them (with times) to a file, warnings
 * always reach stderr. Never stdout: that is the command's data.
 */
import { appendFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { sanitizeInline } from '../../util/sanitize.ts';

/** The logger verbs and sources receive. */
export interface Logger {
  /** Detail shown with `-v` or written to `--log-file`. */
  debug(message: string): void;
  /** Something the operator should know that does not stop the command. */
  warn(message: string): void;
}

/** What the logger writes to. */
export interface LoggerOptions {
  stderr: Writable;
  verbose: boolean;
  logFile: string | undefined;
  now: () => Date;
}

/** A logger per the options; a log file that cannot be written is reported once. */
export function createLogger(opts: LoggerOptions): Logger {
  let fileBroken = false;
  const toFile = (level: string, message: string): void => {
    if (opts.logFile === undefined || fileBroken) return;
    try {
      appendFileSync(opts.logFile, `${opts.now().toISOString()} ${level} ${message}\n`, { mode: 0o600 });
    } catch (err) {
      fileBroken = true;
      opts.stderr.write(`berth: warning: cannot write the log file ${opts.logFile}: ${(err as Error).message}\n`);
    }
  };
  return {
    debug(message) {
      const m = sanitizeInline(message);
      if (opts.verbose) opts.stderr.write(`debug: ${m}\n`);
      toFile('debug', m);
    },
    warn(message) {
      const m = sanitizeInline(message);
      opts.stderr.write(`berth: warning: ${m}\n`);
      toFile('warn', m);
    },
  };
}
