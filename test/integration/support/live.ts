// A berth run that streams (stats, logs -f): what it printed so far, waiting
// on output with a deadline (never sleep-and-assert), and how it ended.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';

const BIN = join(resolve(import.meta.dirname, '../../..'), 'bin/berth');
const running = new Set<ChildProcessWithoutNullStreams>();

/** Kills every live run still going (call from afterAll). */
export function killLiveRuns(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** A streaming berth run. */
export interface LiveRun {
  child: ChildProcessWithoutNullStreams;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once `pred` holds for (stdout, stderr); rejects after `ms` or when berth ends first. */
  waitFor(pred: (out: string, err: string) => boolean, ms: number, what: string): Promise<void>;
  /** How it ended, and when (ms since the epoch, for timing checks). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `bin/berth args…` with `env`. */
export function live(args: string[], env: Record<string, string>): LiveRun {
  const child = spawn(BIN, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = (): void => waiters.forEach((w) => w());
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    poke();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    poke();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) =>
    child.on('close', (code, signal) => {
      running.delete(child);
      poke();
      r({ code, signal, at: Date.now() });
    }),
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  void exited.then(() => clearTimeout(killer));
  return {
    child,
    get stdout() {
      return out;
    },
    get stderr() {
      return err;
    },
    exited,
    waitFor(pred, ms, what) {
      return new Promise((resolveWait, reject) => {
        const check = (): void => {
          if (pred(out, err)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolveWait();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`berth ended before ${what}\nstdout: ${out.slice(-3000)}\nstderr: ${err}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} within ${ms} ms\nstdout: ${out.slice(-3000)}\nstderr: ${err}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Polls `cond` until it holds, failing after `ms`. */
export async function until(what: string, cond: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The complete JSON lines of a stream so far (a line still arriving is left out). */
export function jsonLines<T>(text: string): T[] {
  const end = text.lastIndexOf('\n');
  return end < 0 ? [] : text.slice(0, end).split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
}
