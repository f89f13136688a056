/**
 * Fakes for testing verbs without a process: in-memory streams with TTY
 * flags, a fixed clock, an in-memory audit log and scripted prompt answers
 * (cli/cli's `iostreams.Test()`). Production code never imports this.
 */
import { PassThrough, Writable } from 'node:stream';
import { defaultConfig, type BerthConfig } from '../../config/schema.ts';
import { memoryAuditLog, type AuditEntry } from './audit.ts';
import { createContext, type CliContext, type CliDeps, type InStream, type OutStream } from './context.ts';
import { parseArgv } from './args.ts';
import { withBuiltins } from './builtins.ts';
import type { Registry } from './registry.ts';

/** A writable that keeps what was written. */
export class CaptureStream extends Writable {
  /** Everything written so far. */
  text = '';
  isTTY: boolean;
  columns: number | undefined;

  constructor(isTTY = false, columns?: number) {
    super();
    this.isTTY = isTTY;
    this.columns = columns;
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** What a fake process looks like. */
export interface FakeOptions {
  stdinTTY?: boolean;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  env?: Record<string, string | undefined>;
  now?: Date;
  home?: string;
  /** Answers the prompt gives, in order; a missing answer is "no". */
  answers?: boolean[];
}

/** Fake deps plus handles to inspect them. */
export interface FakeIO {
  deps: CliDeps;
  stdin: PassThrough & { isTTY?: boolean };
  stdout: CaptureStream;
  stderr: CaptureStream;
  audit: { entries: AuditEntry[] };
  /** Questions the prompt was asked. */
  questions: string[];
}

/** Builds fake process dependencies (not a terminal unless asked). */
export function fakeIO(opts: FakeOptions = {}): FakeIO {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = opts.stdinTTY ?? false;
  const stdout = new CaptureStream(opts.stdoutTTY ?? false, 120);
  const stderr = new CaptureStream(opts.stderrTTY ?? opts.stdoutTTY ?? false);
  const audit = memoryAuditLog();
  const questions: string[] = [];
  const answers = [...(opts.answers ?? [])];
  const now = opts.now ?? new Date('2026-01-02T03:04:05Z');
  const deps: CliDeps = {
    stdin: stdin as InStream,
    stdout: stdout as OutStream,
    stderr: stderr as OutStream,
    env: opts.env ?? {},
    now: () => now,
    home: opts.home ?? '/nonexistent-home',
    user: 'tester',
    version: '0.0.0-test',
    audit,
    ask: (q) => {
      questions.push(q);
      return Promise.resolve(answers.shift() ?? false);
    },
  };
  return { deps, stdin, stdout, stderr, audit, questions };
}

/** A context for `argv`'s global flags over fake IO, for testing one verb's `run`. */
export function fakeContext(registry: Registry, argv: readonly string[], io: FakeIO, config: BerthConfig = defaultConfig()): CliContext {
  const parsed = parseArgv(argv, withBuiltins(registry));
  return createContext(io.deps, parsed.globals, config, withBuiltins(registry));
}
